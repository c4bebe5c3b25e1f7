/**
 * The export files: CSV and JSON of the loaded data, one row per version and bucket, each version's
 * SDK as the catalogue names it and as the API reported it, its health and where it runs in words. Pure: `exportChunks` hands the text out in pieces, which the
 * export command streams to the file, so an export never has to fit in one string.
 */
import { isoInZone } from '../model/format';
import type { LoadedQuery } from '../model/query';
import { addCells } from '../api/cells';
import type { UsageModel, VersionUsage } from '../model/usageModel';
import { HEALTH_GROUP_OF } from '../model/healthGroups';
import { effectiveHealth, whereItRuns, type Verdicts } from '../model/verdict';
import { healthStatusText } from './healthWords';
import { HEALTH_GROUP_LABELS } from './labels';
import { rangeLabel } from './queryWords';
import { describeConnections, environmentLabel, projectLabel } from './whereItRuns';

/**
 * Per bucket, then per version: the SDK as shown (the catalogue's display name where it knows the
 * SDK), its health, whose verdict that is (launchdarkly, releaseDates, estimate), its health group,
 * what to upgrade to and where it runs; then, added last so readers of the earlier columns keep
 * working, the names the API reported the SDK under and, for a release-date verdict, the date of
 * that data.
 */
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
  'reported_sdk',
  'release_data_date',
] as const;

/** The columns every row of one version repeats: those before `connections`, and those after it. */
interface VersionCells {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/**
 * A version's repeated columns: what it is, then its health (LaunchDarkly's verdict first, the
 * release dates' or the estimate where it has none), where it runs and the names it was reported under.
 */
function versionCells(version: VersionUsage, verdicts: Verdicts | undefined): VersionCells {
  const verdict = verdicts?.byVersionId.get(version.id);
  const health = effectiveHealth(version, verdict);
  const where = whereItRuns(verdict?.placements ?? []);
  const before = [version.source, version.sdk, version.version];
  const after = [
    healthStatusText(health),
    health.source,
    HEALTH_GROUP_LABELS[HEALTH_GROUP_OF[health.key]],
    health.target ?? '',
    where.projects.map(projectLabel).join('; '),
    where.projects.flatMap((p) => p.environments.map((e) => `${projectLabel(p)} / ${environmentLabel(e)}`)).join('; '),
    where.applications.join('; '),
    describeConnections(where) ?? '',
    version.reportedSdks.join('; '),
    health.source === 'releaseDates' ? health.releaseDates.dataDate : '',
  ];
  return { before, after };
}

/** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Exports with zero rows stay complete up to this many rows, whatever the answer held. */
export const MIN_DENSE_EXPORT_ROWS = 10_000;
/** Past this many rows, never a row for every bucket (a day of minutes for 1,000 versions is 1,440,000). */
export const MAX_DENSE_EXPORT_ROWS = 2_000_000;

/**
 * Whether an export of this model has a row for every version and bucket, zeros included (else
 * only the buckets with connections): only while rows without connections would not be most of it,
 * so an export's size follows what the answer held. 200 versions over 10,000 buckets with a few
 * connections each (a 254 KB answer) would otherwise be 2,000,000 rows.
 */
export function exportsEveryBucket(model: UsageModel): boolean {
  const rows = model.versions.length * model.times.length;
  return rows <= MAX_DENSE_EXPORT_ROWS && rows <= Math.max(MIN_DENSE_EXPORT_ROWS, 2 * model.cells.values.length);
}

/** Export text is handed out in pieces of about this many characters, for the writer to stream. */
const CHUNK_CHARS = 64 * 1024;

/** Pieces of text gathered into chunks of about CHUNK_CHARS. */
class Chunks {
  private parts: string[] = [];
  private length = 0;

  /** Adds `text`; says whether a chunk is full. */
  add(text: string): boolean {
    this.parts.push(text);
    this.length += text.length;
    return this.length >= CHUNK_CHARS;
  }

  take(): string {
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return chunk;
  }
}

/** How one format writes a row: a version's repeated cells are written once (`cells`), then each of its rows from them. */
interface RowFormat {
  readonly cells: (cells: readonly string[]) => string;
  readonly row: (isoTime: string, time: number, before: string, connections: number, after: string) => string;
}

const CSV_ROWS: RowFormat = {
  cells: (cells) => cells.map(csvCell).join(','),
  row: (isoTime, time, before, connections, after) => `${isoTime},${time},${before},${connections},${after}\r\n`,
};

/** One row a line, each after the comma that separates rows (the writer drops the first). */
const JSON_ROWS: RowFormat = {
  cells: (cells) => cells.map((cell) => JSON.stringify(cell)).join(','),
  row: (isoTime, time, before, connections, after) => `,\n["${isoTime}",${time},${before},${connections},${after}]`,
};

/**
 * The rows of the export in chunks: version by version, buckets in time order; every bucket or only
 * those with connections (see exportsEveryBucket). The first row's text starts with `format`'s
 * separator too: the JSON writer drops it.
 */
function* rowChunks(model: UsageModel, timeZone: string, verdicts: Verdicts | undefined, format: RowFormat): Generator<string> {
  const iso = model.times.map((t) => isoInZone(t, timeZone));
  const { times } = model;
  const { slots, values } = model.cells;
  const everyBucket = exportsEveryBucket(model);
  const dense = new Float64Array(everyBucket ? times.length : 0);
  const chunks = new Chunks();
  for (const version of model.versions) {
    const cells = versionCells(version, verdicts);
    const before = format.cells(cells.before);
    const after = format.cells(cells.after);
    if (everyBucket) {
      addCells(dense, model.cells, version.cellStart, version.cellEnd);
      for (let p = 0; p < dense.length; p++) {
        if (chunks.add(format.row(iso[p]!, times[p]!, before, dense[p]!, after))) yield chunks.take();
      }
      dense.fill(0);
    } else {
      for (let c = version.cellStart; c < version.cellEnd; c++) {
        const p = slots[c]!;
        if (chunks.add(format.row(iso[p]!, times[p]!, before, values[c]!, after))) yield chunks.take();
      }
    }
  }
  yield chunks.take();
}

/** The CSV export in chunks. ISO times carry the offset of the zone the data was asked in. */
export function* csvChunks(model: UsageModel, timeZone: string, verdicts?: Verdicts): Generator<string> {
  yield `${EXPORT_COLUMNS.join(',')}\r\n`;
  yield* rowChunks(model, timeZone, verdicts, CSV_ROWS);
}

/** The JSON export in chunks: the query, the columns, the rows (one a line), and where each version runs. */
export function* jsonChunks(model: UsageModel, loaded: LoadedQuery, verdicts?: Verdicts): Generator<string> {
  const query = {
    source: loaded.source,
    rangeLabel: rangeLabel(loaded),
    from: loaded.from,
    to: loaded.to,
    granularity: loaded.granularity,
    timeZone: loaded.timeZone,
    filter: loaded.filter,
    fromIso: isoInZone(loaded.from, loaded.timeZone),
    toIso: isoInZone(loaded.to, loaded.timeZone),
  };
  yield `{"query":${JSON.stringify(query)},\n"columns":${JSON.stringify(EXPORT_COLUMNS)},\n"everyBucket":${exportsEveryBucket(model)},\n"rows":[`;
  let first = true;
  for (const chunk of rowChunks(model, loaded.timeZone, verdicts, JSON_ROWS)) {
    yield first ? chunk.slice(1) : chunk;
    first = first && chunk === '';
  }
  // Where each version runs, with keys, as LaunchDarkly reports it.
  yield '\n],\n"placements":[';
  const chunks = new Chunks();
  let separator = '\n';
  for (const v of model.versions) {
    const verdict = verdicts?.byVersionId.get(v.id);
    if (!verdict) continue;
    const placed = {
      source: v.source,
      sdk: v.sdk,
      reportedSdks: v.reportedSdks,
      version: v.version,
      ldSdk: verdict.sdk,
      ldVersion: verdict.version,
      placements: verdict.placements,
    };
    if (chunks.add(`${separator}${JSON.stringify(placed)}`)) yield chunks.take();
    separator = ',\n';
  }
  yield `${chunks.take()}\n]}\n`;
}

/** An export larger than this is not written (it would not open in a spreadsheet or an editor anyway). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export const EXPORT_TOO_LARGE_TEXT = `The export would be larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB and was not written. Choose a shorter time range or filter by SDK, then export again.`;

export type ExportFormat = 'csv' | 'json';

/** The name an export is offered under: what it holds and the UTC day it was made. */
export function exportFileName(format: ExportFormat, source: LoadedQuery['source'], now: number): string {
  return `launchdarkly-sdk-connections-${source}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

export function exportChunks(
  format: ExportFormat,
  model: UsageModel,
  loaded: LoadedQuery,
  verdicts: Verdicts | undefined,
): Iterable<string> {
  return format === 'csv' ? csvChunks(model, loaded.timeZone, verdicts) : jsonChunks(model, loaded, verdicts);
}
