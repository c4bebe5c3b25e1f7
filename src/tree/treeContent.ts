/**
 * What the tree shows for an SDK or a version: label, description, tooltip (Markdown), screen
 * reader label, icon and context value. Pure, no `vscode` import: sdkTree.ts turns it into
 * TreeItems, and unit tests check it against the API's answer without VS Code.
 */
import { formatCount, formatPercent } from '../model/format';
import { markdownText } from '../model/markdownText';
import {
  describeEffectiveHealth,
  effectiveHealth,
  whereItRuns,
  whereItRunsMarkdown,
  type EffectiveHealth,
  type HealthKey,
  type VersionVerdict,
} from '../model/verdict';
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

/** LaunchDarkly's verdicts have shapes of their own ("verified", arrows), so they read apart from estimates. */
export const HEALTH_ICONS: Readonly<Record<HealthKey, IconName>> = {
  current: { id: 'pass', color: 'charts.green' },
  minorBehind: { id: 'warning', color: 'charts.yellow' },
  majorBehind: { id: 'error', color: 'charts.red' },
  unknown: { id: 'question' },
  EolAllClear: { id: 'verified-filled', color: 'charts.green' },
  MajorVersionAvailable: { id: 'arrow-circle-up', color: 'charts.blue' },
  EolNear: { id: 'history', color: 'charts.orange' },
  EolPast: { id: 'error', color: 'charts.red' },
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

/** Health, the source of the verdict and where the version runs, as tooltip lines. */
export function healthLines(health: EffectiveHealth, verdict: VersionVerdict | undefined, verdictsLoaded: boolean): string[] {
  const lines = [`Health: ${markdownText(describeEffectiveHealth(health))}`];
  if (verdict && verdict.placements.length) {
    lines.push('', '**Where it runs** (LaunchDarkly)', ...whereItRunsMarkdown(whereItRuns(verdict.placements)));
  } else if (verdictsLoaded) {
    lines.push('', 'LaunchDarkly reports this version in no environment.');
  }
  return lines;
}

export interface VersionItemContext {
  /** The latest connections of every version on show, for the version's share. */
  readonly latestTotal: number;
  readonly locale: string;
  /** LaunchDarkly's verdict on the version, when its SDK versions report has one. */
  readonly verdict?: VersionVerdict | undefined;
  /** Whether LaunchDarkly's SDK versions report has loaded. */
  readonly verdictsLoaded?: boolean;
  /** Shown under an environment (By environment): the label names the SDK too. */
  readonly placed?: boolean;
}

export function versionItemContent(version: VersionUsage, context: VersionItemContext): TreeItemContent {
  const { latestTotal: total, locale, verdict } = context;
  const health = effectiveHealth(version.health, verdict);
  return {
    label: context.placed ? `${version.sdk} ${version.version}` : version.version,
    contextValue: 'version',
    description: versionDescription(version, locale),
    icon: HEALTH_ICONS[health.key],
    tooltip: [
      `**${markdownText(version.sdk)} ${markdownText(version.version)}** (${version.source}-side)`,
      '',
      `Latest: ${formatCount(version.latest, locale)} connections (${formatPercent(total ? version.latest / total : 0)} of all)`,
      `Peak: ${formatCount(version.peak, locale)}`,
      `Average: ${formatCount(Math.round(version.average), locale)}`,
      ...healthLines(health, verdict, context.verdictsLoaded === true),
    ].join('  \n'),
    accessibilityLabel: `${version.sdk} ${version.version}, latest ${version.latest} connections, peak ${version.peak}, ${describeEffectiveHealth(health)}`,
  };
}
