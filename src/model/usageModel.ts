/**
 * Turns validated API answers into the model every view renders: per version its connections (as
 * sparse cells), latest, peak, average and health; per SDK its totals. Everything is computed from
 * the cells, never from series × buckets, so cost follows what the answers held.
 * Pure: no `vscode` import, no I/O.
 */
import type { Cells } from '../api/cells';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import { HEALTH_STATUSES, UNKNOWN_HEALTH, healthCode, healthOfCode, newestKey, type HealthStatus, type VersionHealth } from './health';
import type { Granularity } from './timeRange';
import { compareKeysNewestFirst, compareParsed, comparePlainNewestFirst, parsedFromRank, plainRank, rankMajor, rankMinor, versionKey, type VersionKey } from './versionOrder';
import { sdkId, versionIdsOf } from './ids';

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

export { sdkId, versionId } from './ids';

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

  // The series of all answers as one list: series g is series g - firstOf[a] of answer a.
  const firstOf: number[] = [];
  let total = 0;
  for (const answer of answers) {
    firstOf.push(total);
    total += answer.list.series.length;
  }
  const all = answers.length === 1 ? answers[0]!.list.series : answers.flatMap((a) => a.list.series);
  const answerOf = (g: number): number => {
    let a = answers.length - 1;
    while (firstOf[a]! > g) a--;
    return a;
  };

  // Series of one source and SDK form a group. Names are looked up as they are, source by source
  // and SDK by SDK, so no two (source, SDK, version) triples can meet. Versions are ranked once.
  const groupOf = new Int32Array(total);
  const rank = new Float64Array(total);
  const groups: { readonly source: StreamSource; readonly sdk: string }[] = [];
  const bySource = new Map<StreamSource, Map<string, number>>();
  answers.forEach(({ source, list }, a) => {
    const sdks = entry(bySource, source, () => new Map<string, number>());
    const { series } = list;
    for (let i = 0, g = firstOf[a]!; i < series.length; i++, g++) {
      const { sdk, version } = series[i]!;
      let group = sdks.get(sdk);
      if (group === undefined) {
        group = groups.length;
        groups.push({ source, sdk });
        sdks.set(sdk, group);
      }
      groupOf[g] = group;
      rank[g] = plainRank(version);
    }
  });
  // Each group's series, in the answers' order: members[groupStart[k] .. groupStart[k + 1]).
  const groupStart = new Int32Array(groups.length + 1);
  for (let g = 0; g < total; g++) groupStart[groupOf[g]! + 1]!++;
  for (let k = 0; k < groups.length; k++) groupStart[k + 1]! += groupStart[k]!;
  const members = new Int32Array(total);
  const next = groupStart.slice(0, groups.length);
  for (let g = 0; g < total; g++) members[next[groupOf[g]!]!++] = g;

  const known = new Map<StreamSource, Map<string, VersionKey[]>>();
  for (const answer of answers) {
    const bySdk = entry(known, answer.source, () => new Map<string, VersionKey[]>());
    for (const d of answer.knownVersions ?? []) entry(bySdk, d.sdk, () => []).push(versionKey(d.version));
  }

  // Versions that are not plain releases are parsed in full, once, when first compared.
  const keys = new Map<number, VersionKey>();
  const keyOf = (g: number): VersionKey => {
    let key = keys.get(g);
    if (key === undefined) {
      key = versionKey(all[g]!.version);
      keys.set(g, key);
    }
    return key;
  };
  const isPlain = (g: number) => rank[g] === rank[g];
  const keyWithParse = (g: number): VersionKey => (isPlain(g) ? { text: all[g]!.version, parsed: parsedFromRank(rank[g]!) } : keyOf(g));
  /** Tree order, newest first (compareKeysNewestFirst). */
  const compare = (x: number, y: number): number => {
    const rx = rank[x]!;
    const ry = rank[y]!;
    // Two plain releases of different ranks (most comparisons): the names are not even read.
    if (rx !== ry && rx === rx && ry === ry) return ry - rx;
    return isPlain(x) && isPlain(y) ? comparePlainNewestFirst(rx, all[x]!.version, ry, all[y]!.version) : compareKeysNewestFirst(keyOf(x), keyOf(y));
  };
  /** compareParsed of two parsed versions. */
  const compareVersions = (x: number, y: number): number => (isPlain(x) && isPlain(y) ? rank[x]! - rank[y]! : compareParsed(keyWithParse(x).parsed!, keyWithParse(y).parsed!));

  /** newestKey of a group's versions (in the answers' order) and the versions known lately. */
  const newestOf = (group: Int32Array, knownKeys: readonly VersionKey[]): VersionKey | undefined => {
    let best = -1;
    let bestRelease = -1;
    for (const g of group) {
      const parsed = isPlain(g) ? undefined : keyOf(g).parsed;
      if (!isPlain(g) && !parsed) continue;
      if (best < 0 || compareVersions(g, best) > 0) best = g;
      if ((isPlain(g) || parsed!.prerelease.length === 0) && (bestRelease < 0 || compareVersions(g, bestRelease) > 0)) bestRelease = g;
    }
    // The first newest release comes first if the newest overall is one, so these two stand for all.
    const found = best < 0 ? [] : bestRelease < 0 || bestRelease === best ? [keyWithParse(best)] : [keyWithParse(best), keyWithParse(bestRelease)];
    return newestKey(found, knownKeys);
  };

  // Each group's versions in tree order. Series with the same source, SDK and version are one
  // version, their values summed (the API should not repeat one, but may: the reference's own
  // example names two null entries); sorting puts them in one run of equal rank, where they are
  // brought together in the order first seen: sameAsBefore[m] says members[m] repeats members[m - 1].
  const sameAsBefore = new Uint8Array(total);
  let repeated = false;
  const newest: (VersionKey | undefined)[] = [];
  for (let k = 0; k < groups.length; k++) {
    const base = groupStart[k]!;
    const group = members.subarray(base, groupStart[k + 1]!);
    newest.push(newestOf(group, known.get(groups[k]!.source)?.get(groups[k]!.sdk) ?? []));
    if (group.length < 2) continue;
    group.sort(compare);
    for (let s = 0; s < group.length; ) {
      let e = s + 1;
      while (e < group.length && compare(group[e - 1]!, group[e]!) === 0) e++;
      if (e - s > 1) {
        // Equal in order, names may still differ ("main" and "Main"): equal names go together.
        const byName = new Map<string, number[]>();
        for (let j = s; j < e; j++) entry(byName, all[group[j]!]!.version, () => []).push(group[j]!);
        let j = s;
        for (const same of byName.values()) {
          for (let n = 0; n < same.length; n++, j++) {
            group[j] = same[n]!;
            if (n > 0) {
              sameAsBefore[base + j] = 1;
              repeated = true;
            }
          }
        }
      }
      s = e;
    }
  }

  // One answer on its own times without repeated versions (the usual case): its cells are the
  // model's as they are. Otherwise each version's cells are copied onto the common times, or summed.
  const only = answers.length === 1 && !repeated ? answers[0]!.list : undefined;
  const cellCount = answers.reduce((sum, a) => sum + a.list.cells.values.length, 0);
  const slots = only ? only.cells.slots : new Int32Array(cellCount);
  const values = only ? only.cells.values : new Float64Array(cellCount);
  let written = 0;
  const versionSum = new SparseSum(pointCount);
  /** Copies (or sums) the cells of members [from, to), one version, into the model's, in slot order. */
  const writeVersion = (from: number, to: number): void => {
    const summing = to - from > 1;
    for (let m = from; m < to; m++) {
      const a = answerOf(members[m]!);
      const i = members[m]! - firstOf[a]!;
      const { offsets, cells } = answers[a]!.list;
      const map = slotMaps[a];
      for (let c = offsets[i]!, end = offsets[i + 1]!; c < end; c++) {
        const slot = map ? map[cells.slots[c]!]! : cells.slots[c]!;
        if (summing) {
          versionSum.add(slot, cells.values[c]!);
        } else {
          slots[written] = slot;
          values[written++] = cells.values[c]!;
        }
      }
    }
    if (summing) {
      for (const slot of versionSum.touched.subarray(0, versionSum.count).sort()) {
        slots[written] = slot;
        values[written++] = versionSum.sums[slot]!;
      }
      versionSum.clear();
    }
  };
  const cellsOf = (g: number) => {
    const a = answerOf(g);
    const { offsets } = answers[a]!.list;
    return offsets[g - firstOf[a]! + 1]! - offsets[g - firstOf[a]!]!;
  };

  const groupOrder = Array.from(groups.keys()).sort((x, y) => {
    const a = groups[x]!;
    const b = groups[y]!;
    return (a.source === b.source ? 0 : a.source < b.source ? -1 : 1) || sdkNameOrder.compare(a.sdk, b.sdk);
  });
  const sdkSum = new SparseSum(pointCount);
  const sdkRow = new Float64Array(pointCount);
  const stats: RangeStats = { sum: 0, peak: 0 };
  const sdks: SdkUsage[] = [];
  const versions: VersionUsage[] = [];
  for (const k of groupOrder) {
    const { source, sdk } = groups[k]!;
    const newestKnown = newest[k];
    const reference = newestKnown?.parsed;
    const end = groupStart[k + 1]!;
    // The SDK's totals go into a dense row when it has cells enough to pay for clearing one.
    let sdkCells = 0;
    for (let m = groupStart[k]!; m < end; m++) sdkCells += cellsOf(members[m]!);
    const totals = sdkCells >= pointCount ? sdkRow : undefined;
    // Versions of one SDK at the same distance from the newest share one health record.
    const healths = new Map<number, VersionHealth>();
    // Each version is the first of its run of repeated members.
    const versionNames: string[] = [];
    for (let m = groupStart[k]!; m < end; m++) if (!sameAsBefore[m]) versionNames.push(all[members[m]!]!.version);
    const ids = versionIdsOf(source, sdk, versionNames);
    const sdkVersions: VersionUsage[] = [];
    for (let m = groupStart[k]!; m < end; ) {
      let to = m + 1;
      while (to < end && sameAsBefore[to]) to++;
      const g = members[m]!;
      let cellStart: number;
      let cellEnd: number;
      if (only) {
        cellStart = only.offsets[g]!;
        cellEnd = only.offsets[g + 1]!;
      } else {
        cellStart = written;
        writeVersion(m, to);
        cellEnd = written;
      }
      addCellsTo(slots, values, cellStart, cellEnd, totals ?? sdkSum, stats);
      const parsed = reference && !isPlain(g) ? keyOf(g).parsed : undefined;
      const code = !reference ? UNKNOWN_HEALTH : isPlain(g) ? healthCode(rankMajor(rank[g]!), rankMinor(rank[g]!), reference) : parsed ? healthCode(parsed.major, parsed.minor, reference) : UNKNOWN_HEALTH;
      let health = healths.get(code);
      if (health === undefined) {
        health = healthOfCode(code, newestKnown?.text);
        healths.set(code, health);
      }
      const version = all[g]!.version;
      const usage: VersionUsage = {
        id: ids[sdkVersions.length]!,
        source,
        sdk,
        version,
        cellStart,
        cellEnd,
        latest: cellEnd > cellStart && slots[cellEnd - 1] === pointCount - 1 ? values[cellEnd - 1]! : 0,
        peak: stats.peak,
        average: pointCount ? stats.sum / pointCount : 0,
        health,
      };
      sdkVersions.push(usage);
      versions.push(usage);
      m = to;
    }
    let peak = 0;
    let latest = 0;
    if (totals) {
      for (const v of totals) peak = Math.max(peak, v);
      latest = pointCount ? totals[pointCount - 1]! : 0;
      totals.fill(0);
    } else {
      for (let c = 0; c < sdkSum.count; c++) peak = Math.max(peak, sdkSum.sums[sdkSum.touched[c]!]!);
      latest = pointCount ? sdkSum.sums[pointCount - 1]! : 0;
      sdkSum.clear();
    }
    sdks.push({ id: sdkId(source, sdk), source, sdk, versions: sdkVersions, latest, peak, newest: newestKnown?.text });
  }

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

function healthShares(versions: readonly VersionUsage[], latestTotal: number): HealthShare[] {
  const connections = HEALTH_STATUSES.map(() => 0);
  const counts = HEALTH_STATUSES.map(() => 0);
  for (const v of versions) {
    const k = HEALTH_STATUSES.indexOf(v.health.status);
    connections[k]! += v.latest;
    counts[k]!++;
  }
  return HEALTH_STATUSES.map((status, k) => ({ status, connections: connections[k]!, share: latestTotal ? connections[k]! / latestTotal : 0, versions: counts[k]! }));
}
