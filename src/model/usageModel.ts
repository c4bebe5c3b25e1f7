/**
 * Turns validated API answers into the model every view renders: per version its connections (as
 * sparse cells), latest, peak, average and health; per SDK its totals. Everything is computed from
 * the cells, never from series × buckets, so cost follows what the answers held.
 * Pure: no `vscode` import, no I/O.
 */
import type { Cells } from '../api/cells';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import { healthAgainst, newestKey, type HealthStatus, type VersionHealth } from './health';
import type { Granularity } from './timeRange';
import { compareKeysNewestFirst, versionKey, type VersionKey } from './versionOrder';

export interface VersionUsage {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  /** This version's connections: cells [cellStart, cellEnd) of the model's `cells`, in slot order. */
  readonly cellStart: number;
  readonly cellEnd: number;
  readonly latest: number;
  readonly peak: number;
  readonly average: number;
  readonly health: VersionHealth;
}

export interface SdkUsage {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly versions: readonly VersionUsage[];
  readonly latest: number;
  readonly peak: number;
  readonly newest: string | undefined;
}

export interface HealthShare {
  readonly status: HealthStatus;
  readonly connections: number;
  readonly share: number;
  readonly versions: number;
}

export interface UsageModel {
  readonly times: readonly number[];
  readonly granularity: Granularity;
  readonly sources: readonly StreamSource[];
  readonly sdks: readonly SdkUsage[];
  /** Every version, in tree order: source, SDK name, then newest version first. */
  readonly versions: readonly VersionUsage[];
  /** Every version's non-zero connections; slots index `times`. */
  readonly cells: Cells;
  readonly latestTotal: number;
  /** Latest connections by health status, for the "N connections (x%) a major behind" summary. */
  readonly health: readonly HealthShare[];
  /** Values that were not whole numbers of connections, left out (see SeriesList). */
  readonly ignoredValues: number;
  /** Points at implausible times, left out (see SeriesList). */
  readonly droppedTimes: number;
}

export interface SourceAnswer {
  readonly source: StreamSource;
  readonly list: SeriesList;
  /** Versions seen in the last 60 days (`…/sdkversions`), when known: they inform health. */
  readonly knownVersions?: readonly SeriesDescriptor[];
}

export function versionId(source: StreamSource, sdk: string, version: string): string {
  return `${source}:${sdk}@${version}`;
}

export function sdkId(source: StreamSource, sdk: string): string {
  return `${source}:${sdk}`;
}

/** The union of the answers' bucket times, and for each answer where its slots land in it. */
function alignTimes(answers: readonly SourceAnswer[]): { times: number[]; slotMaps: (Int32Array | undefined)[] } {
  const first = answers[0]?.list.times ?? [];
  const same = answers.every((a) => a.list.times.length === first.length && a.list.times.every((t, i) => t === first[i]));
  if (same) {
    return { times: [...first], slotMaps: answers.map(() => undefined) };
  }
  const times = [...new Set(answers.flatMap((a) => a.list.times))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  return { times, slotMaps: answers.map((a) => Int32Array.from(a.list.times, (t) => index.get(t)!)) };
}

/** One version as found in the answers: the series (answer, index) that make it up. */
interface FoundVersion {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly key: VersionKey;
  /** Series as `index * answers + answer`. */
  readonly parts: number[];
}

/**
 * Dense scratch rows of one bucket per time that are cleared after use by resetting only the
 * buckets touched, so summing a few cells costs a few steps, not one per bucket.
 */
class SparseSum {
  readonly sums: Float64Array;
  readonly touched: Int32Array;
  count = 0;

  constructor(width: number) {
    this.sums = new Float64Array(width);
    this.touched = new Int32Array(width);
  }

  /** Cell values are > 0, so a bucket still at 0 has not been touched. */
  add(slot: number, value: number): void {
    if (this.sums[slot] === 0) this.touched[this.count++] = slot;
    this.sums[slot]! += value;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.sums[this.touched[k]!] = 0;
    this.count = 0;
  }
}

const sdkNameOrder = new Intl.Collator('en', { sensitivity: 'base' });

export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
  const { times, slotMaps } = alignTimes(answers);
  const pointCount = times.length;
  const answerCount = answers.length;

  // Series with the same source, SDK and version are one version, their values summed (the API
  // should not repeat one, but may: the reference's own example names two null entries).
  const byId = new Map<string, FoundVersion>();
  const bySdk = new Map<string, { source: StreamSource; sdk: string; versions: FoundVersion[] }>();
  let cellCount = 0;
  answers.forEach(({ source, list }, a) => {
    cellCount += list.cells.values.length;
    list.series.forEach(({ sdk, version }, i) => {
      const id = versionId(source, sdk, version);
      let found = byId.get(id);
      if (!found) {
        found = { id, source, sdk, key: versionKey(version), parts: [] };
        byId.set(id, found);
        const key = sdkId(source, sdk);
        let entry = bySdk.get(key);
        if (!entry) {
          entry = { source, sdk, versions: [] };
          bySdk.set(key, entry);
        }
        entry.versions.push(found);
      }
      found.parts.push(i * answerCount + a);
    });
  });
  byId.clear();
  const known = new Map<string, VersionKey[]>();
  for (const answer of answers) {
    for (const d of answer.knownVersions ?? []) {
      const key = sdkId(answer.source, d.sdk);
      let list = known.get(key);
      if (!list) {
        list = [];
        known.set(key, list);
      }
      list.push(versionKey(d.version));
    }
  }

  const slots = new Int32Array(cellCount);
  const values = new Float64Array(cellCount);
  let written = 0;
  const versionSum = new SparseSum(pointCount);
  const sdkSum = new SparseSum(pointCount);
  /** Writes one cell of the current version and adds it to its SDK's totals. */
  const write = (slot: number, value: number) => {
    slots[written] = slot;
    values[written] = value;
    written++;
    sdkSum.add(slot, value);
  };
  /** Writes the version's cells in slot order: copied from its one series, or summed from several. */
  const writeVersion = (parts: readonly number[]) => {
    for (const part of parts) {
      const a = part % answerCount;
      const i = (part - a) / answerCount;
      const { offsets, cells } = answers[a]!.list;
      const map = slotMaps[a];
      for (let c = offsets[i]!, end = offsets[i + 1]!; c < end; c++) {
        const slot = map ? map[cells.slots[c]!]! : cells.slots[c]!;
        if (parts.length === 1) write(slot, cells.values[c]!);
        else versionSum.add(slot, cells.values[c]!);
      }
    }
    if (parts.length > 1) {
      const touched = versionSum.touched.subarray(0, versionSum.count).sort();
      for (const slot of touched) write(slot, versionSum.sums[slot]!);
      versionSum.clear();
    }
  };

  const sdks: SdkUsage[] = [];
  const entries = [...bySdk].sort(([, a], [, b]) => (a.source === b.source ? 0 : a.source < b.source ? -1 : 1) || sdkNameOrder.compare(a.sdk, b.sdk));
  for (const [key, entry] of entries) {
    const newest = newestKey(entry.versions.map((v) => v.key), known.get(key) ?? []);
    // Versions of one SDK at the same distance from the newest share one health record.
    const healths = new Map<string, VersionHealth>();
    const versions = entry.versions
      .sort((a, b) => compareKeysNewestFirst(a.key, b.key))
      .map((found): VersionUsage => {
        const cellStart = written;
        writeVersion(found.parts);
        let peak = 0;
        let sum = 0;
        for (let c = cellStart; c < written; c++) {
          const v = values[c]!;
          sum += v;
          if (v > peak) peak = v;
        }
        const latest = written > cellStart && slots[written - 1] === pointCount - 1 ? values[written - 1]! : 0;
        const fresh = healthAgainst(found.key.parsed, newest);
        const healthKey = `${fresh.status}:${fresh.behind}`;
        const health = healths.get(healthKey) ?? fresh;
        healths.set(healthKey, health);
        return {
          id: found.id,
          source: entry.source,
          sdk: entry.sdk,
          version: found.key.text,
          cellStart,
          cellEnd: written,
          latest,
          peak,
          average: pointCount ? sum / pointCount : 0,
          health,
        };
      });
    let peak = 0;
    for (let k = 0; k < sdkSum.count; k++) peak = Math.max(peak, sdkSum.sums[sdkSum.touched[k]!]!);
    const latest = pointCount ? sdkSum.sums[pointCount - 1]! : 0;
    sdkSum.clear();
    sdks.push({ id: key, source: entry.source, sdk: entry.sdk, versions, latest, peak, newest: newest?.text });
  }

  const versions = sdks.flatMap((s) => s.versions);
  const latestTotal = versions.reduce((sum, v) => sum + v.latest, 0);
  return {
    times,
    granularity,
    sources: answers.map((a) => a.source),
    sdks,
    versions,
    cells: { slots: slots.subarray(0, written), values: values.subarray(0, written) },
    latestTotal,
    health: healthShares(versions, latestTotal),
    ignoredValues: answers.reduce((sum, a) => sum + a.list.ignoredValues, 0),
    droppedTimes: answers.reduce((sum, a) => sum + a.list.droppedTimes, 0),
  };
}

const HEALTH_ORDER: readonly HealthStatus[] = ['current', 'minorBehind', 'majorBehind', 'unknown'];

function healthShares(versions: readonly VersionUsage[], latestTotal: number): HealthShare[] {
  return HEALTH_ORDER.map((status) => {
    const matching = versions.filter((v) => v.health.status === status);
    const connections = matching.reduce((sum, v) => sum + v.latest, 0);
    return { status, connections, share: latestTotal ? connections / latestTotal : 0, versions: matching.length };
  });
}
