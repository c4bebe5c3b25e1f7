/**
 * The words for where a version runs: project and environment labels (names, else keys, else "not
 * reported"), how it connects, the Relay Proxy's name, and the tooltip's Markdown lines. Pure.
 */
import type { PlanRow } from '../model/upgradePlan';
import type { KeyAndName, WhereItRuns } from '../model/verdict';
import { markdownText } from '../text';

const NOT_REPORTED = 'not reported';

/** What LaunchDarkly calls the proxy SDKs can connect through; the upgrade plan names its rows so. */
export const RELAY_PROXY = 'Relay Proxy';

export function projectLabel(project: KeyAndName): string {
  return project.name ?? project.key ?? `Project ${NOT_REPORTED}`;
}

export function environmentLabel(environment: KeyAndName): string {
  return environment.name ?? environment.key ?? `Environment ${NOT_REPORTED}`;
}

/** An upgrade plan row's name: the SDK's, or the Relay Proxy's. */
export function planRowName(row: Pick<PlanRow, 'sdk'>): string {
  return row.sdk ?? RELAY_PROXY;
}

/** A label as Markdown, with its key beside it when the key says something the label does not. */
export function labelWithKeyMarkdown(label: string, key: string | undefined): string {
  return key && key !== label ? `${markdownText(label)} (key ${markdownText(key)})` : markdownText(label);
}

/** "direct", "through Relay Proxy 7.4.1" or both, for one line of text. */
export function describeConnections(where: Pick<WhereItRuns, 'direct' | 'relayVersions'>): string | undefined {
  const parts = [
    where.direct ? 'direct' : undefined,
    ...where.relayVersions.map((v) => `through ${RELAY_PROXY} ${v ?? NOT_REPORTED}`),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

/** Where it runs as Markdown lines for a tooltip; every name escaped, keys beside the names. */
/** Each summary's lines, made once: every row of a version (one per environment) shows the same tooltip. */
const markdownLines = new WeakMap<WhereItRuns, readonly string[]>();

export function whereItRunsMarkdown(where: WhereItRuns): readonly string[] {
  let lines = markdownLines.get(where);
  if (lines === undefined) {
    lines = whereItRunsLines(where);
    markdownLines.set(where, lines);
  }
  return lines;
}

function whereItRunsLines(where: WhereItRuns): string[] {
  const lines = where.projects.map(
    (p) =>
      `${labelWithKeyMarkdown(projectLabel(p), p.key)}: ${p.environments.map((e) => labelWithKeyMarkdown(environmentLabel(e), e.key)).join(', ')}`,
  );
  if (where.applications.length) lines.push(`Applications: ${where.applications.map((name) => markdownText(name)).join(', ')}`);
  const connections = describeConnections(where);
  if (connections) lines.push(`Connects ${markdownText(connections)}`);
  return lines;
}
