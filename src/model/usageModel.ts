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

/** One version as found in the answers: its name, parsed once, and the series that make it up. */
interface FoundVersion {
  readonly key: VersionKey;
  /** The first series as `index * answers + answer`; more only when the API repeats a version. */
  readonly part: number;
  more: number[] | undefined;
}

/** One SDK of one source as found in the answers, its versions by name. */
interface FoundSdk {
  readonly source: StreamSource;
  readonly sdk: string;
  readonly versions: Map<string, FoundVersion>;
}

/** The value stored under `key` of a map, made by `make` when there is none yet. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
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

interface RangeStats {
  sum: number;
  peak: number;
}

/**
 * The sum and peak of cells [start, end) into `stats`, each cell also added to the SDK's totals:
 * a dense row, or a sparse sum. A plain function, so the loop it runs once per cell keeps its
 * variables in registers.
 */
function addCellsTo(slots: Int32Array, values: Float64Array, start: number, end: number, totals: Float64Array | SparseSum, stats: RangeStats): void {
  let sum = 0;
  let peak = 0;
  if (totals instanceof Float64Array) {
    for (let c = start; c < end; c++) {
      const v = values[c]!;
      sum += v;
      if (v > peak) peak = v;
      totals[slots[c]!]! += v;
    }
  } else {
    for (let c = start; c < end; c++) {
      const v = values[c]!;
      sum += v;
      if (v > peak) peak = v;
      totals.add(slots[c]!, v);
    }
  }
  stats.sum = sum;
  stats.peak = peak;
}

export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
  const { times, slotMaps } = alignTimes(answers);
  const pointCount = times.length;
  const answerCount = answers.length;

  // Series with the same source, SDK and version are one version, their values summed (the API
  // should not repeat one, but may: the reference's own example names two null entries). Names
  // are looked up as they are, source by source and SDK by SDK, so no two triples can meet.
  const bySource = new Map<StreamSource, Map<string, FoundSdk>>();
  let repeated = false;
  answers.forEach(({ source, list }, a) => {
    const sdks = entry(bySource, source, () => new Map<string, FoundSdk>());
    const { series } = list;
    for (let i = 0; i < series.length; i++) {
      const { sdk, version } = series[i]!;
      let foundSdk = sdks.get(sdk);
      if (!foundSdk) {
        foundSdk = { source, sdk, versions: new Map<string, FoundVersion>() };
        sdks.set(sdk, foundSdk);
      }
      const { versions } = foundSdk;
      const part = i * answerCount + a;
      const found = versions.get(version);
      if (found) {
        (found.more ??= []).push(part);
        repeated = true;
      } else {
        versions.set(version, { key: versionKey(version), part, more: undefined });
      }
    }
  });
  const known = new Map<StreamSource, Map<string, VersionKey[]>>();
  for (const answer of answers) {
    const bySdk = entry(known, answer.source, () => new Map<string, VersionKey[]>());
    for (const d of answer.knownVersions ?? []) entry(bySdk, d.sdk, () => []).push(versionKey(d.version));
  }

  // One answer on its own times without repeated versions (the usual case): its cells are the
  // model's as they are. Otherwise each version's cells are copied onto the common times, or summed.
  const only = answerCount === 1 && !repeated ? answers[0]!.list : undefined;
  const cellCount = answers.reduce((sum, a) => sum + a.list.cells.values.length, 0);
  const slots = only ? only.cells.slots : new Int32Array(cellCount);
  const values = only ? only.cells.values : new Float64Array(cellCount);
  let written = 0;
  const versionSum = new SparseSum(pointCount);
  /** Copies (or sums) a version's cells into the model's, in slot order; returns where they start. */
  const writeVersion = (found: FoundVersion): number => {
    const start = written;
    for (const part of found.more ? [found.part, ...found.more] : [found.part]) {
      const a = part % answerCount;
      const i = (part - a) / answerCount;
      const { offsets, cells } = answers[a]!.list;
      const map = slotMaps[a];
      for (let c = offsets[i]!, end = offsets[i + 1]!; c < end; c++) {
        const slot = map ? map[cells.slots[c]!]! : cells.slots[c]!;
        if (found.more) {
          versionSum.add(slot, cells.values[c]!);
        } else {
          slots[written] = slot;
          values[written++] = cells.values[c]!;
        }
      }
    }
    if (found.more) {
      for (const slot of versionSum.touched.subarray(0, versionSum.count).sort()) {
        slots[written] = slot;
        values[written++] = versionSum.sums[slot]!;
      }
      versionSum.clear();
    }
    return start;
  };

  const sdkSum = new SparseSum(pointCount);
  const sdkRow = new Float64Array(pointCount);
  const stats: RangeStats = { sum: 0, peak: 0 };
  const partCells = (part: number) => {
    const a = part % answerCount;
    const i = (part - a) / answerCount;
    return answers[a]!.list.offsets[i + 1]! - answers[a]!.list.offsets[i]!;
  };
  const allSdks = [...bySource.values()].flatMap((bySdk) => [...bySdk.values()]);
  allSdks.sort((a, b) => (a.source === b.source ? 0 : a.source < b.source ? -1 : 1) || sdkNameOrder.compare(a.sdk, b.sdk));
  const sdks: SdkUsage[] = [];
  for (const { source, sdk, versions: byName } of allSdks) {
    const found = [...byName.values()];
    const newest = newestKey(found.map((v) => v.key), known.get(source)?.get(sdk) ?? []);
    const ordered = found.sort((a, b) => compareKeysNewestFirst(a.key, b.key));
    // The SDK's totals go into a dense row when it has cells enough to pay for clearing one.
    let sdkCells = 0;
    for (const version of ordered) sdkCells += partCells(version.part) + (version.more?.reduce((sum, part) => sum + partCells(part), 0) ?? 0);
    const totals = sdkCells >= pointCount ? sdkRow : undefined;
    // Versions of one SDK at the same distance from the newest share one health record.
    const healths = new Map<number, VersionHealth>();
    const versions: VersionUsage[] = [];
    for (const version of ordered) {
      let cellStart: number;
      let cellEnd: number;
      if (only) {
        cellStart = only.offsets[version.part]!;
        cellEnd = only.offsets[version.part + 1]!;
      } else {
        cellStart = writeVersion(version);
        cellEnd = written;
      }
      addCellsTo(slots, values, cellStart, cellEnd, totals ?? sdkSum, stats);
      const fresh = healthAgainst(version.key.parsed, newest);
      versions.push({
        id: versionId(source, sdk, version.key.text),
        source,
        sdk,
        version: version.key.text,
        cellStart,
        cellEnd,
        latest: cellEnd > cellStart && slots[cellEnd - 1] === pointCount - 1 ? values[cellEnd - 1]! : 0,
        peak: stats.peak,
        average: pointCount ? stats.sum / pointCount : 0,
        health: entry(healths, fresh.behind * 4 + HEALTH_ORDER.indexOf(fresh.status), () => fresh),
      });
    }
    let peak = 0;
    let latest = 0;
    if (totals) {
      for (const v of totals) peak = Math.max(peak, v);
      latest = pointCount ? totals[pointCount - 1]! : 0;
      totals.fill(0);
    } else {
      for (let k = 0; k < sdkSum.count; k++) peak = Math.max(peak, sdkSum.sums[sdkSum.touched[k]!]!);
      latest = pointCount ? sdkSum.sums[pointCount - 1]! : 0;
      sdkSum.clear();
    }
    sdks.push({ id: sdkId(source, sdk), source, sdk, versions, latest, peak, newest: newest?.text });
  }

  const versions: VersionUsage[] = [];
  for (const s of sdks) for (const v of s.versions) versions.push(v);
  const latestTotal = versions.reduce((sum, v) => sum + v.latest, 0);
  return {
    times,
    granularity,
    sources: answers.map((a) => a.source),
    sdks,
    versions,
    cells: only ? only.cells : { slots: slots.subarray(0, written), values: values.subarray(0, written) },
    latestTotal,
    health: healthShares(versions, latestTotal),
    ignoredValues: answers.reduce((sum, a) => sum + a.list.ignoredValues, 0),
    droppedTimes: answers.reduce((sum, a) => sum + a.list.droppedTimes, 0),
  };
}

const HEALTH_ORDER: readonly HealthStatus[] = ['current', 'minorBehind', 'majorBehind', 'unknown'];

function healthShares(versions: readonly VersionUsage[], latestTotal: number): HealthShare[] {
  const connections = new Map<HealthStatus, number>(HEALTH_ORDER.map((status) => [status, 0]));
  const counts = new Map<HealthStatus, number>(HEALTH_ORDER.map((status) => [status, 0]));
  for (const v of versions) {
    const status = v.health.status;
    connections.set(status, connections.get(status)! + v.latest);
    counts.set(status, counts.get(status)! + 1);
  }
  return HEALTH_ORDER.map((status) => {
    const sum = connections.get(status)!;
    return { status, connections: sum, share: latestTotal ? sum / latestTotal : 0, versions: counts.get(status)! };
  });
}
