/**
 * The export files: CSV and JSON of the loaded data, one row per version and bucket, each version's
 * health and where it runs in words. Pure; the export command writes what these return.
 */
import { isoInZone } from '../model/format';
import type { LoadedQuery } from '../model/query';
import { addCells } from '../api/cells';
import type { UsageModel, VersionUsage } from '../model/usageModel';
import { HEALTH_GROUP_OF } from '../model/healthGroups';
import { effectiveHealth, whereItRuns, type KnownEolStatus, type Verdicts } from '../model/verdict';
import { EOL_LABELS, describeHealth } from './healthWords';
import { HEALTH_GROUP_LABELS } from './labels';
import { rangeLabel } from './queryWords';
import { describeConnections, environmentLabel, projectLabel } from './whereItRuns';

/** Per bucket, then per version: its health, whose verdict that is, its health group, what to upgrade to and where it runs. */
export const EXPORT_COLUMNS = [
  'time_iso',
  'time_ms',
  'source',
  'sdk',
  'version',
  'connections',
  'health',
  'health_source',
  // The version's health group (the chart's "By status"), so a pivot on it follows that grouping.
  'status',
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
    HEALTH_GROUP_LABELS[HEALTH_GROUP_OF[health.key]],
    health.target ?? '',
    where.projects.map(projectLabel).join('; '),
    where.projects.flatMap((p) => p.environments.map((e) => `${projectLabel(p)} / ${environmentLabel(e)}`)).join('; '),
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

/**
 * Exports write a row for every version and bucket, zeros included, up to this many rows (a day of
 * minutes for 1,000 versions is 1,440,000). Past it only the buckets with connections get a row,
 * so an answer naming 100,000 sparse series does not become 144 million rows.
 */
export const MAX_DENSE_EXPORT_ROWS = 2_000_000;

/** Whether an export of this model has a row for every version and bucket (else only non-zero ones). */
export function exportsEveryBucket(model: UsageModel): boolean {
  return model.versions.length * model.times.length <= MAX_DENSE_EXPORT_ROWS;
}

/** Calls `row` for each exported row: version by version, buckets in time order. */
function forEachRow(model: UsageModel, row: (version: VersionUsage, slot: number, connections: number) => void): void {
  const { slots, values } = model.cells;
  if (!exportsEveryBucket(model)) {
    for (const version of model.versions) {
      for (let c = version.cellStart; c < version.cellEnd; c++) row(version, slots[c]!, values[c]!);
    }
    return;
  }
  const dense = new Float64Array(model.times.length);
  for (const version of model.versions) {
    addCells(dense, model.cells, version.cellStart, version.cellEnd);
    for (let p = 0; p < dense.length; p++) row(version, p, dense[p]!);
    dense.fill(0);
  }
}

/** The rows as cell lists: time, version, connections, then the version's verdict cells. */
function exportRows(model: UsageModel, timeZone: string, verdicts: Verdicts | undefined, row: (cells: (string | number)[]) => void): void {
  const iso = model.times.map((t) => isoInZone(t, timeZone));
  let cellsOf: VersionUsage | undefined;
  let verdict: string[] = [];
  forEachRow(model, (v, p, connections) => {
    if (v !== cellsOf) {
      cellsOf = v;
      verdict = verdictCells(v, verdicts);
    }
    row([iso[p]!, model.times[p]!, v.source, v.sdk, v.version, connections, ...verdict]);
  });
}

/** ISO times carry the offset of the zone the data was asked in. */
export function toCsv(model: UsageModel, timeZone: string, verdicts?: Verdicts): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  exportRows(model, timeZone, verdicts, (cells) => lines.push(cells.map(csvCell).join(',')));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(model: UsageModel, loaded: LoadedQuery, verdicts?: Verdicts): string {
  const rows: (string | number)[][] = [];
  exportRows(model, loaded.timeZone, verdicts, (cells) => rows.push(cells));
  return JSON.stringify(
    {
      query: {
        source: loaded.source,
        rangeLabel: rangeLabel(loaded),
        from: loaded.from,
        to: loaded.to,
        granularity: loaded.granularity,
        timeZone: loaded.timeZone,
        filter: loaded.filter,
        fromIso: isoInZone(loaded.from, loaded.timeZone),
        toIso: isoInZone(loaded.to, loaded.timeZone),
      },
      columns: EXPORT_COLUMNS,
      everyBucket: exportsEveryBucket(model),
      rows,
      // Where each version runs, with keys and ids, as LaunchDarkly reports it.
      placements: model.versions.flatMap((v) => {
        const verdict = verdicts?.byVersionId.get(v.id);
        return verdict
          ? [
              {
                source: v.source,
                sdk: v.sdk,
                version: v.version,
                ldSdk: verdict.sdk,
                ldVersion: verdict.version,
                placements: verdict.placements,
              },
            ]
          : [];
      }),
    },
    null,
    2,
  );
}

export type ExportFormat = 'csv' | 'json';

/** The name an export is offered under: what it holds and the UTC day it was made. */
export function exportFileName(format: ExportFormat, source: LoadedQuery['source'], now: number): string {
  return `launchdarkly-sdk-connections-${source}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

export function exportText(format: ExportFormat, model: UsageModel, loaded: LoadedQuery, verdicts: Verdicts | undefined): string {
  return format === 'csv' ? toCsv(model, loaded.timeZone, verdicts) : toJson(model, loaded, verdicts);
}
