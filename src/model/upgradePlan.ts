/**
 * The upgrade plan: one row per SDK version LaunchDarkly calls past or near end of life or with a
 * new major available, and one per Relay Proxy version that is not current; sorted by severity,
 * then latest connections. Also its Markdown checklist, grouped by project and environment.
 * Pure: no `vscode` import.
 */
import type { StreamSource } from '../api/parse';
import { formatCount } from './format';
import { markdownText } from '../text';
import {
  EOL_LABELS,
  EOL_SEVERITY,
  environmentLabel,
  projectLabel,
  describeConnections,
  whereItRuns,
  type KnownEolStatus,
  type Placement,
  type Verdicts,
} from './verdict';

export type PlanStatus = Extract<KnownEolStatus, 'EolPast' | 'EolNear' | 'MajorVersionAvailable'>;

export interface PlanRow {
  /** Stable and collision-free (JSON of kind, source, SDK and version); the webview sends it back. */
  readonly id: string;
  readonly kind: 'sdk' | 'relay';
  readonly sdk: string;
  readonly version: string;
  readonly source: StreamSource | undefined;
  /** The stream series' id, when one carries this version. */
  readonly versionId: string | undefined;
  readonly status: PlanStatus;
  /** Latest connections; undefined when no stream series carries the version (or for a Relay Proxy). */
  readonly latest: number | undefined;
  readonly target: string | undefined;
  readonly releaseUrl: string | undefined;
  readonly placements: readonly Placement[];
}

export const RELAY_PROXY = 'Relay Proxy';

function isPlanStatus(status: string | undefined): status is PlanStatus {
  return status === 'EolPast' || status === 'EolNear' || status === 'MajorVersionAvailable';
}

/** The plan for a model once LaunchDarkly's verdicts are joined to it; undefined until both are there. */
export function upgradePlanOf(state: {
  readonly model: { readonly versions: readonly PlanSeries[] } | undefined;
  readonly verdicts: Verdicts | undefined;
}): PlanRow[] | undefined {
  return state.model && state.verdicts ? buildUpgradePlan(state.model.versions, state.verdicts) : undefined;
}

/** The stream series the plan reads: id, source, names and latest connections. */
export interface PlanSeries {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  readonly latest: number;
}

/** Names case and accents aside; versions with their numbers compared as numbers. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const byNumbers = new Intl.Collator('en', { numeric: true });

export function buildUpgradePlan(series: readonly PlanSeries[], verdicts: Verdicts): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const s of series) {
    const verdict = verdicts.byVersionId.get(s.id);
    if (!verdict || !isPlanStatus(verdict.status)) continue;
    rows.push({
      id: JSON.stringify(['sdk', s.id]),
      kind: 'sdk',
      sdk: s.sdk,
      version: s.version,
      source: s.source,
      versionId: s.id,
      status: verdict.status,
      latest: s.latest,
      target: verdict.target,
      releaseUrl: verdict.releaseUrl,
      placements: verdict.placements,
    });
  }
  for (const verdict of verdicts.withoutSeries) {
    if (!isPlanStatus(verdict.status)) continue;
    rows.push({
      id: JSON.stringify(['reported', verdict.sdk, verdict.version]),
      kind: 'sdk',
      sdk: verdict.sdk,
      version: verdict.version,
      source: verdict.source,
      versionId: undefined,
      status: verdict.status,
      latest: undefined,
      target: verdict.target,
      releaseUrl: verdict.releaseUrl,
      placements: verdict.placements,
    });
  }
  for (const row of relayRows(series, verdicts)) rows.push(row);
  return rows.sort(
    (a, b) =>
      EOL_SEVERITY[b.status] - EOL_SEVERITY[a.status] ||
      (b.latest ?? -1) - (a.latest ?? -1) ||
      byName.compare(a.sdk, b.sdk) ||
      byNumbers.compare(a.version, b.version),
  );
}

/** One row per Relay Proxy version whose own verdict is not current; its connections are those of the versions behind it. */
function relayRows(series: readonly PlanSeries[], verdicts: Verdicts): PlanRow[] {
  const latestById = new Map(series.map((s) => [s.id, s.latest]));
  const relays = new Map<
    string,
    { status: PlanStatus; target?: string; releaseUrl?: string; placements: Placement[]; versionIds: Set<string> }
  >();
  const visit = (placements: readonly Placement[], versionId: string | undefined) => {
    for (const p of placements) {
      if (p.connectionType !== 'proxy' || p.relayVersion === undefined || !isPlanStatus(p.relayEolStatus)) continue;
      let relay = relays.get(p.relayVersion);
      if (!relay) {
        relay = { status: p.relayEolStatus, placements: [], versionIds: new Set() };
        relays.set(p.relayVersion, relay);
      }
      if (EOL_SEVERITY[p.relayEolStatus] > EOL_SEVERITY[relay.status]) relay.status = p.relayEolStatus;
      relay.target ??= p.relayLatestVersion;
      relay.releaseUrl ??= p.relayLatestReleaseUrl;
      relay.placements.push(p);
      if (versionId) relay.versionIds.add(versionId);
    }
  };
  for (const [versionId, verdict] of verdicts.byVersionId) visit(verdict.placements, versionId);
  for (const verdict of verdicts.withoutSeries) visit(verdict.placements, undefined);
  return [...relays].map(([version, relay]): PlanRow => {
    const counted = [...relay.versionIds].map((id) => latestById.get(id) ?? 0);
    return {
      id: JSON.stringify(['relay', version]),
      kind: 'relay',
      sdk: RELAY_PROXY,
      version,
      source: undefined,
      versionId: undefined,
      status: relay.status,
      latest: counted.length ? counted.reduce((a, b) => a + b, 0) : undefined,
      target: relay.target,
      releaseUrl: relay.releaseUrl,
      placements: relay.placements,
    };
  });
}

/** A release-notes address safe to open or link: https only, parsed and re-serialised. */
export function safeReleaseUrl(raw: string | undefined): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url : undefined;
  } catch {
    return undefined;
  }
}

export const PLAN_STATUS_TEXT: Readonly<Record<PlanStatus, string>> = {
  EolPast: EOL_LABELS.EolPast.toLowerCase(),
  EolNear: EOL_LABELS.EolNear.toLowerCase(),
  MajorVersionAvailable: EOL_LABELS.MajorVersionAvailable.toLowerCase(),
};

function checklistItem(row: PlanRow, placements: readonly Placement[], locale: string): string {
  const where = whereItRuns(placements);
  const parts = [
    PLAN_STATUS_TEXT[row.status],
    row.latest === undefined
      ? row.kind === 'relay'
        ? undefined
        : 'no stream connections seen'
      : `${formatCount(row.latest, locale)} latest connections`,
    where.applications.length ? `apps: ${where.applications.map((name) => markdownText(name)).join(', ')}` : undefined,
    row.kind === 'sdk' ? describeConnections(where) && markdownText(describeConnections(where)!) : undefined,
  ].filter(Boolean);
  const url = safeReleaseUrl(row.releaseUrl);
  // Parentheses would end the link destination early; everything else is already percent-encoded.
  const link = url ? ` · [release notes](${url.href.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : '';
  const target = row.target ? ` → ${markdownText(row.target)}` : '';
  return `- [ ] **${markdownText(row.sdk)}** ${markdownText(row.version)}${target}: ${parts.join(' · ')}${link}`;
}

/** The plan as a Markdown checklist grouped by project, then environment; every name escaped. */
export function upgradePlanMarkdown(
  rows: readonly PlanRow[],
  options: { readonly fetchedAt?: number; readonly locale?: string } = {},
): string {
  const locale = options.locale ?? 'en-US';
  const when =
    options.fetchedAt === undefined ? '' : `, as of ${new Date(options.fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `**LaunchDarkly SDK upgrade plan**: ${rows.length} version${rows.length === 1 ? '' : 's'} to upgrade (LaunchDarkly's end-of-life verdicts${when})`,
    '',
  ];
  if (rows.length === 0) {
    lines.push('Nothing to upgrade: LaunchDarkly reports no version past or near end of life or with a new major available.');
    return `${lines.join('\n')}\n`;
  }
  // project → environment → rows with the placements there, in plan order.
  const projects = new Map<
    string,
    { label: string; key?: string; environments: Map<string, { label: string; key?: string; items: string[] }> }
  >();
  const place = (
    project: Pick<Placement, 'projectKey' | 'projectName'>,
    environment: Pick<Placement, 'environmentKey' | 'environmentName'>,
    item: string,
  ) => {
    const projectId = JSON.stringify([project.projectKey, project.projectName]);
    let p = projects.get(projectId);
    if (!p) {
      p = { label: projectLabel(project), key: project.projectKey, environments: new Map() };
      projects.set(projectId, p);
    }
    const environmentId = JSON.stringify([environment.environmentKey, environment.environmentName]);
    let e = p.environments.get(environmentId);
    if (!e) {
      e = { label: environmentLabel(environment), key: environment.environmentKey, items: [] };
      p.environments.set(environmentId, e);
    }
    e.items.push(item);
  };
  for (const row of rows) {
    if (row.placements.length === 0) {
      place({}, {}, checklistItem(row, [], locale));
      continue;
    }
    const groups = new Map<string, Placement[]>();
    for (const p of row.placements) {
      const id = JSON.stringify([p.projectKey, p.projectName, p.environmentKey, p.environmentName]);
      groups.set(id, [...(groups.get(id) ?? []), p]);
    }
    for (const group of groups.values()) place(group[0]!, group[0]!, checklistItem(row, group, locale));
  }
  const withKey = (label: string, key: string | undefined) =>
    key && key !== label ? `${markdownText(label)} (key ${markdownText(key)})` : markdownText(label);
  for (const project of projects.values()) {
    lines.push(`### ${withKey(project.label, project.key)}`, '');
    for (const environment of project.environments.values()) {
      lines.push(`#### ${withKey(environment.label, environment.key)}`, '', ...environment.items, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
