/**
 * What the tree shows for an SDK or a version: label, description, tooltip (Markdown), screen
 * reader label, icon and context value. Pure, no `vscode` import: sdkTree.ts turns it into
 * TreeItems, and unit tests check it against the API's answer without VS Code.
 */
import { describeHealth, type HealthStatus } from '../model/health';
import { formatCount, formatPercent } from '../model/format';
import type { SdkUsage, VersionUsage } from '../model/usageModel';

/** A codicon and, optionally, the theme colour it is drawn in. */
export interface IconName {
  readonly id: string;
  readonly color?: string;
}

export interface TreeItemContent {
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly accessibilityLabel?: string;
  readonly icon: IconName;
  readonly contextValue: 'sdk' | 'version';
}

export const HEALTH_ICONS: Readonly<Record<HealthStatus, IconName>> = {
  current: { id: 'pass', color: 'charts.green' },
  minorBehind: { id: 'warning', color: 'charts.yellow' },
  majorBehind: { id: 'error', color: 'charts.red' },
  unknown: { id: 'question' },
};

export function versionDescription(version: VersionUsage, locale: string): string {
  return `latest ${formatCount(version.latest, locale)} · peak ${formatCount(version.peak, locale)}`;
}

export function sdkItemContent(sdk: SdkUsage, locale: string): TreeItemContent {
  const count = sdk.versions.length;
  return {
    label: sdk.sdk,
    contextValue: 'sdk',
    icon: { id: 'package' },
    description: `${formatCount(sdk.latest, locale)} connections · ${count} version${count === 1 ? '' : 's'}`,
    tooltip: [
      `**${sdk.sdk}** (${sdk.source}-side)`,
      '',
      `Latest: ${formatCount(sdk.latest, locale)} connections`,
      `Peak: ${formatCount(sdk.peak, locale)}`,
      `Newest version seen: ${sdk.newest ?? 'unknown'}`,
    ].join('  \n'),
  };
}

/** `latestTotal`: the latest connections of every version on show, for the version's share. */
export function versionItemContent(version: VersionUsage, latestTotal: number, locale: string): TreeItemContent {
  return {
    label: version.version,
    contextValue: 'version',
    description: versionDescription(version, locale),
    icon: HEALTH_ICONS[version.health.status],
    tooltip: [
      `**${version.sdk} ${version.version}** (${version.source}-side)`,
      '',
      `Latest: ${formatCount(version.latest, locale)} connections (${formatPercent(latestTotal ? version.latest / latestTotal : 0)} of all)`,
      `Peak: ${formatCount(version.peak, locale)}`,
      `Average: ${formatCount(Math.round(version.average), locale)}`,
      `Health: ${describeHealth(version.health)}`,
    ].join('  \n'),
    accessibilityLabel: `${version.sdk} ${version.version}, latest ${version.latest} connections, peak ${version.peak}, ${describeHealth(version.health)}`,
  };
}
