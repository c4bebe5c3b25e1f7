/**
 * The words for the workspace's LaunchDarkly SDK dependencies: their version, connections and
 * verdict on one line, the "This Workspace" view's rows, the Problems panel's messages, the CodeLens
 * titles and the view's status rows. Pure. Every name and version from a user's files or from the
 * API goes through `plainText` (one line, bounded) or, in Markdown, `markdownText`.
 */
import type { NotJudgedReason } from '../catalogue/releaseHealth';
import { formatCount } from '../model/format';
import type { ConnectionsFinding, DependencyUsage, DependencyVerdict } from '../sdkDependencies/usageMatch';
import { markdownText, plainText } from '../text';
import type { WorkspaceDependency } from '../workspace/types';
import { EOL_LABELS, NOT_JUDGED_TEXT as RELEASE_NOT_JUDGED_TEXT } from './healthWords';
import { sourceLabel } from './labels';

/** Where a dependency is written, as the views name it: the file (with its folder's name in a multi-root workspace) and its line. */
export interface DependencyPlace {
  readonly fileLabel: string;
  /** Zero-based, as the reader gives it. */
  readonly line: number;
}

const NOT_JUDGED_TEXT: Readonly<Record<NotJudgedReason | 'noVersion' | 'unknownSdk' | 'nothingAdmitted', string>> = {
  // The release dates' reasons in the same words as the usage views say them.
  ...RELEASE_NOT_JUDGED_TEXT,
  noVersion: 'no version is declared',
  unknownSdk: 'the SDK catalogue could not be read',
  nothingAdmitted: 'the range admits no release the account reports or the release data lists',
};

/** The SDK's display name from the catalogue, else its id. */
export function dependencySdkName(usage: Pick<DependencyUsage, 'sdk' | 'dependency'>): string {
  return usage.sdk?.name ?? usage.dependency.sdkId;
}

/** "9.7.1 (lockfile)", "^9.0.0 (range)", "no version". */
export function dependencyVersionText(dependency: WorkspaceDependency): string {
  const version = dependency.version;
  if (!version) return dependency.declared === undefined ? 'no version' : `${plainText(dependency.declared, 60)} (not a version)`;
  return `${plainText(version.text, 60)}${version.kind === 'range' ? ' (range)' : version.from === 'lockfile' ? ' (lockfile)' : ''}`;
}

/** The versions in a list for a sentence: "9.7.1, 9.5.0 and 8.11.2", the first few of a long list. */
function listed(versions: readonly string[], max = 5): string {
  const shown = versions.slice(0, max).map((v) => plainText(v, 60));
  if (versions.length > max) return `${shown.join(', ')} and ${versions.length - max} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
}

/** Connections on one line: "latest 1,850 · peak 2,104", or what is known instead. */
export function connectionsText(connections: ConnectionsFinding, dependency: WorkspaceDependency, locale: string): string {
  switch (connections.kind) {
    case 'connections':
      return `latest ${formatCount(connections.latest, locale)} · peak ${formatCount(connections.peak, locale)}`;
    case 'notLoaded':
      return 'usage not loaded';
    case 'otherSource':
      return `${sourceLabel(connections.source).toLowerCase()} not loaded`;
    case 'noVersion':
      return 'no version to match';
    case 'unknownSdk':
      return 'SDK unknown';
    case 'none': {
      const what = dependency.version?.kind === 'range' ? 'for the versions this range admits' : 'for this version';
      return `no connections reported ${what}${connections.filtered ? ' (filter on)' : ''}`;
    }
  }
}

/** A sentence for the hover, the checklist and the Problems panel when the account reports no connections. */
export function noConnectionsSentence(usage: DependencyUsage): string | undefined {
  const { connections, dependency } = usage;
  if (connections.kind !== 'none') return undefined;
  const version = dependency.version ? plainText(dependency.version.text, 60) : '';
  const subject =
    dependency.version?.kind === 'range' ? `any version ${version} admits` : `${plainText(dependencySdkName(usage))} ${version}`;
  const filter = connections.filtered ? ' with the current filter' : '';
  return connections.reported.length === 0
    ? `The account reports no connections for ${subject}${filter}, nor for any version of this SDK.`
    : `The account reports no connections for ${subject}${filter}; it reports ${listed(connections.reported)}.`;
}

/** What a declared range admits, when it admits more or less than one version. */
export function rangeSentence(usage: DependencyUsage): string | undefined {
  const { range, dependency } = usage;
  if (!range) return undefined;
  const written = plainText(dependency.declared ?? dependency.version?.text ?? '', 60);
  const lines = range.releaseLines;
  const lineText =
    lines.length === 0
      ? ''
      : lines.length === 1
        ? `release line ${lines[0]}`
        : `release lines ${lines.at(-1)} to ${lines[0]} (${lines.length})`;
  const reported = range.reported.length ? `${listed(range.reported)} of the versions the account reports` : '';
  const parts = [reported, lineText].filter(Boolean);
  if (range.reported.length + lines.length === 0)
    return `The range ${written} admits no release the account reports or the release data lists.`;
  if (range.reported.length <= 1 && lines.length <= 1) return undefined;
  return `The range ${written} admits several versions: ${parts.join('; ')}. Without a lockfile, which one runs is not known.`;
}

/** "Past end of life, upgrade to 9.13 (LaunchDarkly)"; "Current (release dates of 2026-08-21)"; "Not judged: a pre-release". */
export function verdictText(verdict: DependencyVerdict): string {
  if (verdict.kind === 'notJudged') return `Not judged: ${NOT_JUDGED_TEXT[verdict.reason]}`;
  const label = EOL_LABELS[verdict.status];
  const target = verdict.target && verdict.status !== 'EolAllClear' ? `, upgrade to ${plainText(verdict.target, 60)}` : '';
  return `${label}${target} ${verdictSource(verdict)}`;
}

/** Whose verdict it is, in parentheses. */
function verdictSource(verdict: Exclude<DependencyVerdict, { kind: 'notJudged' }>): string {
  return verdict.kind === 'launchdarkly' ? '(LaunchDarkly)' : `(release dates of ${verdict.dataDate})`;
}

/** One line for the Problems panel: what, how many connections, what to do. */
export function diagnosticMessage(usage: DependencyUsage, locale: string): string {
  const { dependency, verdict } = usage;
  const name = `${plainText(dependencySdkName(usage))} (${plainText(dependency.packageName)}) ${dependencyVersionText(dependency)}`;
  const judged =
    verdict.kind !== 'notJudged' && dependency.version?.kind === 'range'
      ? ` (judged by ${plainText(verdict.version, 60)}, the newest it admits)`
      : '';
  const connections =
    usage.connections.kind === 'connections'
      ? ` Connections: ${connectionsText(usage.connections, dependency, locale)}.`
      : usage.connections.kind === 'none'
        ? ` ${noConnectionsSentence(usage)}`
        : '';
  return `${name}${judged}: ${verdictText(verdict)}.${connections}`;
}

/**
 * The CodeLens above a dependency: "LaunchDarkly: latest 85 · peak 120 · Past end of life, upgrade
 * to 9.13 (LaunchDarkly)". A CodeLens draws `$(name)` as an icon: a zero-width space keeps a
 * version or target from the data from drawing one.
 */
export function codeLensTitle(usage: DependencyUsage, locale: string): string {
  const title = `LaunchDarkly: ${connectionsText(usage.connections, usage.dependency, locale)} · ${verdictText(usage.verdict)}`;
  return title.replace(/\$\(/g, '$$\u200b(');
}

/** The quick fix's title. */
export function copyChecklistTitle(usage: DependencyUsage): string {
  return `Copy upgrade checklist for ${plainText(usage.dependency.packageName, 80)}`;
}

/** The Problems panel's name for where the diagnostics come from. */
export const DIAGNOSTIC_SOURCE = 'LaunchDarkly Usage';

/** A row of the "This Workspace" view, before VS Code's types. */
export interface DependencyRowContent {
  readonly label: string;
  readonly description: string;
  /** Markdown, every data-derived part escaped. */
  readonly tooltip: string;
  readonly accessibilityLabel: string;
}

export function dependencyRowContent(usage: DependencyUsage, place: DependencyPlace, locale: string): DependencyRowContent {
  const { dependency } = usage;
  const label = `${plainText(place.fileLabel)}:${place.line + 1}`;
  const version = dependencyVersionText(dependency);
  const connections = connectionsText(usage.connections, dependency, locale);
  const verdict = verdictText(usage.verdict);
  const relation = dependency.relation === 'transitive' ? ' · transitive' : '';
  const tooltip = [
    `**${markdownText(dependencySdkName(usage))}**: ${markdownText(dependency.packageName)} ${markdownText(version)}`,
    `${markdownText(place.fileLabel)}, line ${place.line + 1}${dependency.section ? ` (${markdownText(dependency.section)})` : ''}${relation}`,
    `Connections: ${markdownText(connections)}`,
    `Verdict: ${markdownText(verdict, 400)}`,
  ];
  for (const sentence of [noConnectionsSentence(usage), rangeSentence(usage)]) if (sentence) tooltip.push(markdownText(sentence, 600));
  return {
    label,
    description: `${plainText(dependency.packageName, 80)} ${version} · ${connections} · ${verdict}${relation}`,
    tooltip: tooltip.join('  \n'),
    accessibilityLabel: `${label}: ${plainText(dependency.packageName, 80)} ${version}, ${connections}, ${verdict}${relation}`,
  };
}

/** An SDK's row: its name, and how many dependencies and how many of them past end of life. */
export function sdkDependencyGroupText(name: string, usages: readonly DependencyUsage[]): { label: string; description: string } {
  const past = usages.filter((u) => u.verdict.kind !== 'notJudged' && u.verdict.status === 'EolPast').length;
  const count = `${usages.length} ${usages.length === 1 ? 'dependency' : 'dependencies'}`;
  return { label: plainText(name), description: past ? `${count} · ${past} past end of life` : count };
}

/** The row that lists the files that could not be read. */
export function unreadableFilesText(count: number): { label: string; description: string } {
  return {
    label: `${count} ${count === 1 ? 'file' : 'files'} could not be read`,
    description: 'their LaunchDarkly SDKs are left out; see the log',
  };
}

/** One unreadable file's row: its path and why, both from the user's disk (hostile text). */
export function unreadableFileText(fileLabel: string, reason: string): { label: string; description: string } {
  return { label: plainText(fileLabel), description: plainText(reason, 120) };
}

/** The log line for a file that could not be read: one per file, never a notification. */
export function unreadableFileLogLine(fileLabel: string, reason: string): string {
  return `Could not read ${plainText(fileLabel, 500)} (${plainText(reason, 200)}); its LaunchDarkly SDKs are left out.`;
}
