/**
 * The Markdown of a workspace dependency: the hover on its line (connections, verdict and whose it
 * is, the target, where it runs, and command links) and the upgrade checklist its quick fix copies.
 * Every data-derived text goes through `markdownText`, so names render as their characters; the
 * only links are the extension's own command links (built here, arguments JSON-encoded and
 * percent-encoded) and an https release-notes address. Pure.
 */
import { COMMANDS } from '../contributions';
import type { LoadedQuery } from '../model/query';
import { whereItRuns, type Placement } from '../model/verdict';
import { dependencyReleaseNotes, type DependencyUsage } from '../sdkDependencies/usageMatch';
import { MAX_MESSAGE_CHARS, markdownLinkDestination, markdownText } from '../text';
import {
  connectionsText,
  dependencySdkName,
  dependencyVersionText,
  noConnectionsSentence,
  rangeSentence,
  verdictText,
  type DependencyPlace,
} from './dependencyWords';
import { sourceLabel } from './labels';
import { rangeLabel } from './queryWords';
import { environmentLabel, labelWithKeyMarkdown, projectLabel, whereItRunsMarkdown } from './whereItRuns';

/** A `command:` link with its arguments as percent-encoded JSON. */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  return `[${label}](${markdownLinkDestination(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`)})`;
}

/** The commands the hover links to: the only ones its Markdown is trusted to run. */
export const HOVER_COMMANDS: readonly string[] = [
  COMMANDS.showChart,
  COMMANDS.openDependencyReleaseNotes,
  COMMANDS.copyDependencyChecklist,
];

/** What the loaded data covers ("Server-side SDKs, last 24 hours"), for the connections line. */
function loadedText(loaded: Pick<LoadedQuery, 'source' | 'preset' | 'from' | 'to'> | undefined): string {
  return loaded ? ` (${sourceLabel(loaded.source)}, ${markdownText(rangeLabel(loaded))})` : '';
}

/** The release line behind a release-date verdict: when it came out and when it reaches or reached end of life. */
function releaseLineText(usage: DependencyUsage): string | undefined {
  const { verdict } = usage;
  if (verdict.kind !== 'releaseDates') return undefined;
  const { line } = verdict;
  const end = line.endOfLife === null ? 'no end of life set (the newest line)' : `end of life ${line.endOfLife}`;
  return `Release line ${line.major}.${line.minor}: released ${line.released}, ${end}`;
}

export interface HoverOptions {
  readonly dependencyId: string;
  readonly loaded: Pick<LoadedQuery, 'source' | 'preset' | 'from' | 'to'> | undefined;
  readonly locale: string;
}

/** The hover on a dependency's line. Lines are joined with Markdown line breaks. */
export function dependencyHoverMarkdown(usage: DependencyUsage, options: HoverOptions): string {
  const { dependency } = usage;
  const lines = [
    `**${markdownText(dependencySdkName(usage))}**: ${markdownText(dependency.packageName)} ${markdownText(dependencyVersionText(dependency))}`,
  ];
  const noConnections = noConnectionsSentence(usage);
  lines.push(
    noConnections
      ? markdownText(noConnections, MAX_MESSAGE_CHARS)
      : `Connections: ${markdownText(connectionsText(usage.connections, dependency, options.locale))}${usage.connections.kind === 'connections' ? loadedText(options.loaded) : ''}`,
  );
  lines.push(`Verdict: ${markdownText(verdictText(usage.verdict), MAX_MESSAGE_CHARS)}`);
  const lineText = releaseLineText(usage);
  if (lineText) lines.push(markdownText(lineText));
  const range = rangeSentence(usage);
  if (range) lines.push(markdownText(range, MAX_MESSAGE_CHARS));
  if (usage.placements.length) {
    lines.push('', '**Where it runs** (LaunchDarkly)');
    for (const line of whereItRunsMarkdown(whereItRuns(usage.placements))) lines.push(line);
  }
  const links = [];
  if (usage.chartVersionId !== undefined) links.push(commandLink('Show in Chart', COMMANDS.showChart, [usage.chartVersionId]));
  if (dependencyReleaseNotes(usage))
    links.push(commandLink('Open Release Notes', COMMANDS.openDependencyReleaseNotes, [options.dependencyId]));
  links.push(commandLink('Copy Upgrade Checklist', COMMANDS.copyDependencyChecklist, [options.dependencyId]));
  lines.push('', links.join(' · '));
  return lines.join('  \n');
}

/** Each project and environment the placements name, once, as "Project / Environment" in Markdown. */
function environmentsOf(placements: readonly Placement[]): string[] {
  const seen = new Set<string>();
  const environments: string[] = [];
  for (const p of placements) {
    const key = JSON.stringify([p.projectKey, p.projectName, p.environmentKey, p.environmentName]);
    if (seen.has(key)) continue;
    seen.add(key);
    const project = labelWithKeyMarkdown(projectLabel({ key: p.projectKey, name: p.projectName }), p.projectKey);
    const environment = labelWithKeyMarkdown(environmentLabel({ key: p.environmentKey, name: p.environmentName }), p.environmentKey);
    environments.push(`${project} / ${environment}`);
  }
  return environments;
}

/** The checklist to upgrade one dependency, ready for a ticket; every name escaped. */
export function dependencyChecklistMarkdown(usage: DependencyUsage, place: DependencyPlace, locale: string): string {
  const { dependency, verdict } = usage;
  const sdk = markdownText(dependencySdkName(usage));
  const target = verdict.kind !== 'notJudged' && verdict.target ? markdownText(verdict.target) : 'a supported version';
  const from = markdownText(dependencyVersionText(dependency));
  const file = `${markdownText(place.fileLabel)} (line ${place.line + 1})`;
  const lines = [
    `**Upgrade ${sdk}** (${markdownText(dependency.packageName)}) from ${from} to ${target}`,
    '',
    `${markdownText(verdictText(verdict), MAX_MESSAGE_CHARS)}; connections: ${markdownText(
      noConnectionsSentence(usage) ?? connectionsText(usage.connections, dependency, locale),
      MAX_MESSAGE_CHARS,
    )}`,
    '',
  ];
  const notes = dependencyReleaseNotes(usage);
  if (notes) lines.push(`- [ ] Read the [release notes](${markdownLinkDestination(notes.href)}) up to ${target}`);
  const declaredAt = dependency.declaredAt;
  lines.push(
    declaredAt
      ? `- [ ] Change the version set in ${markdownText(declaredAt.file)} (line ${declaredAt.span.start.line + 1}), which ${file} uses, to ${target}`
      : `- [ ] Change ${markdownText(dependency.packageName)} to ${target} in ${file}`,
  );
  if (dependency.lockfile) lines.push(`- [ ] Update the lockfile ${markdownText(dependency.lockfile.file)}`);
  const environments = environmentsOf(usage.placements);
  if (environments.length) {
    lines.push('- [ ] Roll it out where this version runs (LaunchDarkly):');
    for (const environment of environments) lines.push(`  - [ ] ${environment}`);
  }
  const running = dependency.version?.kind === 'exact' ? markdownText(dependency.version.text) : from;
  lines.push(`- [ ] Check that the connections of ${running} fall to zero in the SDK Versions view`);
  return `${lines.join('\n')}\n`;
}
