/** CSV, JSON and Markdown renderings of the loaded data, for export and the clipboard. */
import { formatCount, formatPercent, granularityLabel, isoInZone } from './format';
import { describeHealth } from './health';
import { describeFilter, sourceLabel, type LoadedQuery } from './query';
import type { UsageModel, VersionUsage } from './usageModel';
import { EOL_LABELS, describeConnections, describeEffectiveHealth, effectiveHealth, whereItRuns, type KnownEolStatus, type Verdicts } from './verdict';
import { MAX_MESSAGE_CHARS, markdownText } from '../text';

/** Per bucket, then per version: its health, whose verdict that is, what to upgrade to and where it runs. */
export const EXPORT_COLUMNS = [
  'time_iso',
  'time_ms',
  'source',
  'sdk',
  'version',
  'connections',
  'health',
  'health_source',
  'target_version',
  'projects',
  'environments',
  'applications',
  'connection',
] as const;

/** The version's columns after `connections`, LaunchDarkly's verdict first, the estimate where it has none. */
function verdictCells(version: Pick<VersionUsage, 'id' | 'health'>, verdicts: Verdicts | undefined): string[] {
  const verdict = verdicts?.byVersionId.get(version.id);
  const health = effectiveHealth(version.health, verdict);
  const where = whereItRuns(verdict?.placements ?? []);
  return [
    health.source === 'launchdarkly' ? EOL_LABELS[health.key as KnownEolStatus] : describeHealth(health.estimate),
    health.source,
    health.target ?? '',
    where.projects.map((p) => p.label).join('; '),
    where.projects.flatMap((p) => p.environments.map((e) => `${p.label} / ${e.label}`)).join('; '),
    where.applications.join('; '),
    describeConnections(where) ?? '',
  ];
}

/** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per version and bucket; ISO times carry the offset of the zone the data was asked in. */
export function toCsv(model: UsageModel, timeZone: string, verdicts?: Verdicts): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  const iso = model.times.map((t) => isoInZone(t, timeZone));
  for (const version of model.versions) {
    const prefix = [version.source, version.sdk, version.version].map(csvCell).join(',');
    const suffix = verdictCells(version, verdicts).map(csvCell).join(',');
    for (let p = 0; p < model.times.length; p++) {
      lines.push(`${iso[p]},${model.times[p]},${prefix},${version.values[p]},${suffix}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(model: UsageModel, loaded: LoadedQuery, verdicts?: Verdicts): string {
  return JSON.stringify(
    {
      query: { ...loaded, fromIso: isoInZone(loaded.from, loaded.timeZone), toIso: isoInZone(loaded.to, loaded.timeZone) },
      columns: EXPORT_COLUMNS,
      rows: model.versions.flatMap((v) => {
        const cells = verdictCells(v, verdicts);
        return model.times.map((t, p) => [isoInZone(t, loaded.timeZone), t, v.source, v.sdk, v.version, v.values[p], ...cells]);
      }),
      // Where each version runs, with keys and ids, as LaunchDarkly reports it.
      placements: model.versions.flatMap((v) => {
        const verdict = verdicts?.byVersionId.get(v.id);
        return verdict ? [{ source: v.source, sdk: v.sdk, version: v.version, ldSdk: verdict.sdk, ldVersion: verdict.version, placements: verdict.placements }] : [];
      }),
    },
    null,
    2,
  );
}

/**
 * The summary as a GitHub-flavoured Markdown table. Every data-derived string goes through
 * `markdownText`: one line, bounded, and rendering as its own characters, so names cannot add
 * rows, cells, headings, links, images or HTML.
 */
export function summaryMarkdown(model: UsageModel, loaded: LoadedQuery, locale = 'en-US', verdicts?: Verdicts): string {
  const filter = describeFilter(loaded.filter);
  const lines = [
    `**LaunchDarkly SDK connections** — ${sourceLabel(loaded.source)}, ${markdownText(loaded.rangeLabel)} (${granularityLabel(loaded.granularity)}, ${markdownText(loaded.timeZone)})${filter ? `, filter: ${markdownText(filter, MAX_MESSAGE_CHARS)}` : ''}`,
    '',
    '| Source | SDK | Version | Latest | Peak | Average | Share | Health |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const v of model.versions) {
    lines.push(
      `| ${v.source} | ${markdownText(v.sdk)} | ${markdownText(v.version)} | ${formatCount(v.latest, locale)} | ${formatCount(v.peak, locale)} | ${formatCount(Math.round(v.average), locale)} | ${formatPercent(model.latestTotal ? v.latest / model.latestTotal : 0)} | ${markdownText(describeEffectiveHealth(effectiveHealth(v.health, verdicts?.byVersionId.get(v.id))), MAX_MESSAGE_CHARS)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
