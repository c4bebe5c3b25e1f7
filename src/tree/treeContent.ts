/**
 * What the tree shows for each row (source, SDK, version, project, environment, versions without a
 * report): label, description, tooltip, screen reader label, icon and context value. Pure, no
 * `vscode` import: sdkTree.ts turns it into TreeItems, and unit tests check it without VS Code.
 */
import type { StreamSource } from '../api/parse';
import type { EnvironmentGroup, PlacedVersion, ProjectGroup } from '../model/byEnvironment';
import { formatCount, formatPercent } from '../model/format';
import { describeEffectiveHealth } from '../presentation/healthWords';
import { sourceLabel } from '../presentation/labels';
import { identityText, reportedAsMarkdown } from '../presentation/sdkNaming';
import { environmentLabel, projectLabel, whereItRunsMarkdown } from '../presentation/whereItRuns';
import { MAX_MESSAGE_CHARS, markdownText, plainText } from '../text';
import { effectiveHealth, whereItRuns, type EffectiveHealth, type HealthKey, type KeyAndName, type VersionVerdict } from '../model/verdict';
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
  readonly contextValue: 'sdk' | 'version' | 'reportedVersion';
}

/** A grouping row: source, project, environment, or the versions LaunchDarkly's report leaves out. Its tooltip is plain text. */
export interface GroupRowContent {
  readonly label: string;
  readonly description: string;
  readonly tooltip?: string;
  readonly icon: IconName;
  readonly contextValue: 'source' | 'project' | 'environment' | 'unreported';
}

function counted(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function sourceRowContent(source: StreamSource, sdks: readonly SdkUsage[], locale: string): GroupRowContent {
  return {
    label: sourceLabel(source),
    contextValue: 'source',
    icon: { id: source === 'server' ? 'server' : 'device-mobile' },
    description: `${formatCount(
      sdks.reduce((sum, s) => sum + s.latest, 0),
      locale,
    )} connections`,
  };
}

/** A project or environment row: its name on one line, what it holds, and its key beside the name in the tooltip. */
function namedGroupRow(kind: 'project' | 'environment', group: KeyAndName, icon: string, holds: string): GroupRowContent {
  const name = plainText(kind === 'project' ? projectLabel(group) : environmentLabel(group));
  const keyName = kind === 'project' ? 'Project' : 'Environment';
  return {
    label: name,
    contextValue: kind,
    icon: { id: icon },
    description: holds,
    tooltip: group.key ? `${name}\n${keyName} key: ${plainText(group.key)}` : name,
  };
}

export function projectRowContent(project: ProjectGroup): GroupRowContent {
  return namedGroupRow('project', project, 'project', counted(project.environments.length, 'environment'));
}

export function environmentRowContent(environment: EnvironmentGroup): GroupRowContent {
  return namedGroupRow('environment', environment, 'server-environment', counted(environment.versions.length, 'SDK version'));
}

export function unreportedRowContent(versions: number): GroupRowContent {
  return {
    label: "Not in LaunchDarkly's SDK versions report",
    contextValue: 'unreported',
    icon: { id: 'question' },
    description: counted(versions, 'version'),
    tooltip: 'Versions with stream connections that LaunchDarkly reports in no environment; their health is estimated.',
  };
}

/** LaunchDarkly's verdicts have shapes of their own ("verified", arrows), so they read apart from estimates; every health has one. */
export const HEALTH_ICONS: Readonly<Record<HealthKey, IconName>> = {
  current: { id: 'pass', color: 'charts.green' },
  minorBehind: { id: 'warning', color: 'charts.yellow' },
  majorBehind: { id: 'error', color: 'charts.red' },
  unknown: { id: 'question' },
  EolAllClear: { id: 'verified-filled', color: 'charts.green' },
  MajorVersionAvailable: { id: 'arrow-circle-up', color: 'charts.blue' },
  EolNear: { id: 'history', color: 'charts.orange' },
  EolPast: { id: 'error', color: 'charts.red' },
  // The release dates' verdicts: the same colours as LaunchDarkly's, other shapes, so they read as estimates.
  releaseEolAllClear: { id: 'pass-filled', color: 'charts.green' },
  releaseMajorVersionAvailable: { id: 'arrow-up', color: 'charts.blue' },
  releaseEolNear: { id: 'watch', color: 'charts.orange' },
  releaseEolPast: { id: 'circle-slash', color: 'charts.red' },
  releaseNotJudged: { id: 'question' },
};

export function versionDescription(version: VersionUsage, locale: string): string {
  return `latest ${formatCount(version.latest, locale)} · peak ${formatCount(version.peak, locale)}`;
}

export function sdkItemContent(sdk: SdkUsage, locale: string): TreeItemContent {
  const count = sdk.versions.length;
  return {
    label: plainText(sdk.sdk),
    contextValue: 'sdk',
    icon: { id: 'package' },
    description: `${formatCount(sdk.latest, locale)} connections · ${counted(count, 'version')}`,
    tooltip: [
      `**${markdownText(sdk.sdk)}** (${sdk.source}-side)`,
      ...namingLines(sdk),
      '',
      `Latest: ${formatCount(sdk.latest, locale)} connections`,
      `Peak: ${formatCount(sdk.peak, locale)}`,
      `Newest version seen: ${sdk.newest === undefined ? 'unknown' : markdownText(sdk.newest)}`,
    ].join('  \n'),
  };
}

/** The names a row was reported under, and what the catalogue says of its name, as tooltip lines. */
function namingLines(row: Pick<SdkUsage, 'sdk' | 'reportedSdks' | 'identity'>): string[] {
  const lines: string[] = [];
  const reported = reportedAsMarkdown(row.sdk, row.reportedSdks);
  if (reported) lines.push(reported);
  const identity = identityText(row.identity);
  if (identity) lines.push(markdownText(identity, MAX_MESSAGE_CHARS));
  return lines;
}

/** Health, the source of the verdict and where the version runs, as tooltip lines. */
export function healthLines(health: EffectiveHealth, verdict: VersionVerdict | undefined, verdictsLoaded: boolean): string[] {
  const lines = [`Health: ${markdownText(describeEffectiveHealth(health), MAX_MESSAGE_CHARS)}`];
  if (verdict && verdict.placements.length) {
    lines.push('', '**Where it runs** (LaunchDarkly)');
    for (const line of whereItRunsMarkdown(whereItRuns(verdict.placements))) lines.push(line);
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
  const health = effectiveHealth(version, verdict);
  return {
    label: context.placed ? `${plainText(version.sdk)} ${plainText(version.version)}` : plainText(version.version),
    contextValue: 'version',
    description: versionDescription(version, locale),
    icon: HEALTH_ICONS[health.key],
    tooltip: [
      `**${markdownText(version.sdk)} ${markdownText(version.version)}** (${version.source}-side)`,
      ...namingLines(version),
      '',
      `Latest: ${formatCount(version.latest, locale)} connections (${formatPercent(total ? version.latest / total : 0)} of all)`,
      `Peak: ${formatCount(version.peak, locale)}`,
      `Average: ${formatCount(Math.round(version.average), locale)}`,
      ...healthLines(health, verdict, context.verdictsLoaded === true),
    ].join('  \n'),
    accessibilityLabel: plainText(
      `${plainText(version.sdk)} ${plainText(version.version)}, latest ${version.latest} connections, peak ${version.peak}, ${describeEffectiveHealth(health)}`,
      MAX_MESSAGE_CHARS,
    ),
  };
}

/** A version LaunchDarkly reports in an environment that no stream series carries: no numbers, LaunchDarkly's verdict only. */
export function reportedVersionContent(placed: PlacedVersion, verdictsLoaded: boolean): TreeItemContent {
  const unmatched = 'reportedSdk' in placed.verdict ? placed.verdict : undefined;
  const health = placed.verdict.status
    ? effectiveHealth({ health: { status: 'unknown', behind: 0, newest: undefined } }, placed.verdict)
    : undefined;
  return {
    label: `${plainText(placed.sdk)} ${plainText(placed.version)}`,
    contextValue: 'reportedVersion',
    description: 'no stream series',
    icon: HEALTH_ICONS[health ? health.key : 'unknown'],
    tooltip: [
      `**${markdownText(placed.sdk)} ${markdownText(placed.version)}**`,
      ...(unmatched ? namingLines({ sdk: placed.sdk, reportedSdks: [unmatched.reportedSdk], identity: unmatched.identity }) : []),
      '',
      'Reported by LaunchDarkly; no stream series carries this version (an SDK that does not stream, for example).',
      ...(health ? healthLines(health, placed.verdict, verdictsLoaded) : ['Health: unknown (LaunchDarkly has no verdict)']),
    ].join('  \n'),
  };
}
