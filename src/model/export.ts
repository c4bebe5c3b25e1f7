/** CSV, JSON and Markdown renderings of the loaded data, for export and the clipboard. */
import { formatCount, formatPercent, granularityLabel, isoInZone } from './format';
import { describeHealth } from './health';
import { describeFilter, sourceLabel, type LoadedQuery } from './query';
import { addCells } from '../api/cells';
import type { UsageModel, VersionUsage } from './usageModel';

export const EXPORT_COLUMNS = ['time_iso', 'time_ms', 'source', 'sdk', 'version', 'connections'] as const;

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

/** ISO times carry the offset of the zone the data was asked in. */
export function toCsv(model: UsageModel, timeZone: string): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  const iso = model.times.map((t) => isoInZone(t, timeZone));
  let prefixOf: VersionUsage | undefined;
  let prefix = '';
  forEachRow(model, (version, p, connections) => {
    if (version !== prefixOf) {
      prefixOf = version;
      prefix = [version.source, version.sdk, version.version].map(csvCell).join(',');
    }
    lines.push(`${iso[p]},${model.times[p]},${prefix},${connections}`);
  });
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(model: UsageModel, loaded: LoadedQuery): string {
  const iso = model.times.map((t) => isoInZone(t, loaded.timeZone));
  const rows: unknown[][] = [];
  forEachRow(model, (v, p, connections) => rows.push([iso[p], model.times[p], v.source, v.sdk, v.version, connections]));
  return JSON.stringify(
    {
      query: { ...loaded, fromIso: isoInZone(loaded.from, loaded.timeZone), toIso: isoInZone(loaded.to, loaded.timeZone) },
      columns: EXPORT_COLUMNS,
      everyBucket: exportsEveryBucket(model),
      rows,
    },
    null,
    2,
  );
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function summaryMarkdown(model: UsageModel, loaded: LoadedQuery, locale = 'en-US'): string {
  const filter = describeFilter(loaded.filter);
  const lines = [
    `**LaunchDarkly SDK connections** — ${sourceLabel(loaded.source)}, ${loaded.rangeLabel} (${granularityLabel(loaded.granularity)}, ${loaded.timeZone})${filter ? `, filter: ${filter}` : ''}`,
    '',
    '| Source | SDK | Version | Latest | Peak | Average | Share | Health |',
    '|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const v of model.versions) {
    lines.push(
      `| ${v.source} | ${mdCell(v.sdk)} | ${mdCell(v.version)} | ${formatCount(v.latest, locale)} | ${formatCount(v.peak, locale)} | ${formatCount(Math.round(v.average), locale)} | ${formatPercent(model.latestTotal ? v.latest / model.latestTotal : 0)} | ${mdCell(describeHealth(v.health))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
