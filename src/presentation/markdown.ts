/**
 * The Markdown documents people copy: the summary table of the loaded data and the upgrade plan's
 * checklist. Every data-derived string goes through `markdownText`: one line, bounded, and
 * rendering as its own characters, so names cannot add rows, cells, headings, links, images or HTML.
 */
import { formatCount, formatPercent, isoInZone } from '../model/format';
import { healthGroupWith, healthProgress } from '../model/healthGroups';
import type { LoadedQuery } from '../model/query';
import { safeReleaseUrl, type PlanRow } from '../model/upgradePlan';
import type { UsageModel } from '../model/usageModel';
import { effectiveHealth, whereItRuns, type Placement, type Verdicts } from '../model/verdict';
import { MAX_MESSAGE_CHARS, markdownLinkDestination, markdownText } from '../text';
import { PLAN_STATUS_TEXT, describeEffectiveHealth, healthSourceText } from './healthWords';
import { sourceLabel } from './labels';
import { NO_PROGRESS_TEXT, progressHeading, progressLine } from './progress';
import { describeFilter, granularityLabel, rangeLabel } from './queryWords';
import { describeConnections, environmentLabel, labelWithKeyMarkdown, planRowName, projectLabel } from './whereItRuns';
import { addToList } from '../listMap';

/** The summary as a GitHub-flavoured Markdown table. */
export function summaryMarkdown(model: UsageModel, loaded: LoadedQuery, locale = 'en-US', verdicts?: Verdicts): string {
  const filter = describeFilter(loaded.filter);
  const lines = [
    `**LaunchDarkly SDK connections** — ${sourceLabel(loaded.source)}, ${markdownText(rangeLabel(loaded))} (${granularityLabel(loaded.granularity)}, ${markdownText(loaded.timeZone)})${filter ? `, filter: ${markdownText(filter, MAX_MESSAGE_CHARS)}` : ''}`,
    '',
    '| Source | SDK | Version | Latest | Peak | Average | Share | Health |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const v of model.versions) {
    lines.push(
      `| ${v.source} | ${markdownText(v.sdk)} | ${markdownText(v.version)} | ${formatCount(v.latest, locale)} | ${formatCount(v.peak, locale)} | ${formatCount(Math.round(v.average), locale)} | ${formatPercent(model.latestTotal ? v.latest / model.latestTotal : 0)} | ${markdownText(describeEffectiveHealth(effectiveHealth(v, verdicts?.byVersionId.get(v.id))), MAX_MESSAGE_CHARS)} |`,
    );
  }
  return `${[...lines, '', ...progressMarkdown(model, loaded.timeZone, verdicts)].join('\n')}\n`;
}

/** The progress by status under the summary: a line naming the buckets, then one paragraph per group (no list: only words and numbers). */
function progressMarkdown(model: UsageModel, timeZone: string, verdicts: Verdicts | undefined): string[] {
  const progress = healthProgress(model, healthGroupWith(verdicts));
  if (!progress) return [NO_PROGRESS_TEXT];
  // Local time in the zone the data was asked in, which the first line names.
  const bucketTime = (slot: number) => isoInZone(model.times[slot]!, timeZone).slice(0, 16).replace('T', ' ');
  const lines = [`${markdownText(progressHeading(progress, bucketTime), MAX_MESSAGE_CHARS)}:`];
  for (const group of progress.groups) lines.push('', progressLine(progress, group));
  return lines;
}

function checklistItem(row: PlanRow, placements: readonly Placement[], locale: string): string {
  const where = whereItRuns(placements);
  const connections = describeConnections(where);
  const parts = [
    row.judgedBy === 'releaseDates'
      ? `${PLAN_STATUS_TEXT[row.status]} (${healthSourceText('releaseDates', row.dataDate)})`
      : PLAN_STATUS_TEXT[row.status],
    row.latest === undefined
      ? row.kind === 'relay'
        ? undefined
        : 'no stream connections seen'
      : `${formatCount(row.latest, locale)} latest connections`,
    where.applications.length ? `apps: ${where.applications.map((name) => markdownText(name)).join(', ')}` : undefined,
    row.kind === 'sdk' ? connections && markdownText(connections) : undefined,
  ].filter(Boolean);
  const url = safeReleaseUrl(row.releaseUrl);
  // Everything but parentheses is already percent-encoded in a URL's href.
  const link = url ? ` · [release notes](${markdownLinkDestination(url.href)})` : '';
  const target = row.target ? ` → ${markdownText(row.target)}` : '';
  return `- [ ] **${markdownText(planRowName(row))}** ${markdownText(row.version)}${target}: ${parts.join(' · ')}${link}`;
}

/** The plan as a Markdown checklist grouped by project, then environment; every name escaped. */
export function upgradePlanMarkdown(
  rows: readonly PlanRow[],
  options: { readonly fetchedAt?: number; readonly locale?: string; readonly workspaceOnly?: boolean } = {},
): string {
  const locale = options.locale ?? 'en-US';
  const when =
    options.fetchedAt === undefined ? '' : `, as of ${new Date(options.fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const dataDate = rows.find((row) => row.judgedBy === 'releaseDates')?.dataDate;
  const releaseDates = dataDate === undefined ? '' : `; where it has none, its SDK release dates as of ${dataDate}`;
  const lines = [
    `**LaunchDarkly SDK upgrade plan**: ${rows.length} version${rows.length === 1 ? '' : 's'} to upgrade${options.workspaceOnly ? ' of the SDKs this workspace uses' : ''} (LaunchDarkly's end-of-life verdicts${when}${releaseDates})`,
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
  const place = (at: Pick<Placement, 'projectKey' | 'projectName' | 'environmentKey' | 'environmentName'>, item: string) => {
    const projectId = JSON.stringify([at.projectKey, at.projectName]);
    let p = projects.get(projectId);
    if (!p) {
      p = { label: projectLabel({ key: at.projectKey, name: at.projectName }), key: at.projectKey, environments: new Map() };
      projects.set(projectId, p);
    }
    const environmentId = JSON.stringify([at.environmentKey, at.environmentName]);
    let e = p.environments.get(environmentId);
    if (!e) {
      e = { label: environmentLabel({ key: at.environmentKey, name: at.environmentName }), key: at.environmentKey, items: [] };
      p.environments.set(environmentId, e);
    }
    e.items.push(item);
  };
  for (const row of rows) {
    if (row.placements.length === 0) {
      place({}, checklistItem(row, [], locale));
      continue;
    }
    const groups = new Map<string, Placement[]>();
    for (const p of row.placements)
      addToList(groups, JSON.stringify([p.projectKey, p.projectName, p.environmentKey, p.environmentName]), p);
    for (const group of groups.values()) place(group[0]!, checklistItem(row, group, locale));
  }
  for (const project of projects.values()) {
    lines.push(`### ${labelWithKeyMarkdown(project.label, project.key)}`, '');
    for (const environment of project.environments.values()) {
      lines.push(`#### ${labelWithKeyMarkdown(environment.label, environment.key)}`, '');
      for (const item of environment.items) lines.push(item);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
