/**
 * Turns validated API answers into the model every view renders: per version its connections (as
 * sparse cells), latest, peak, average and health; per SDK its totals. Everything is computed from
 * the cells, never from series × buckets, so cost follows what the answers held.
 * Pure: no `vscode` import, no I/O.
 */
import type { Cells } from '../api/cells';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import {
  HEALTH_STATUSES,
  UNKNOWN_HEALTH,
  healthCode,
  healthOfCode,
  newestKey,
  statusIndexOfCode,
  type HealthStatus,
  type VersionHealth,
} from './health';
import type { Granularity } from './timeRange';
import {
  compareKeysNewestFirst,
  compareParsed,
  comparePlainNewestFirst,
  parsedFromRank,
  plainRank,
  rankMajor,
  rankMinor,
  versionKey,
  type ParsedVersion,
  type VersionKey,
} from './versionOrder';
import { sdkId, versionIdsOf } from './rowIds';

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

export { sdkId, versionId } from './rowIds';

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
function addCellsTo(
  slots: Int32Array,
  values: Float64Array,
  start: number,
  end: number,
  totals: Float64Array | SparseSum,
  stats: RangeStats,
): void {
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

/** The series of all answers as one list: series g is series g - firstOf[a] of answer a. */
class AllSeries {
  readonly firstOf: number[] = [];
  readonly total: number;
  readonly list: readonly SeriesDescriptor[];

  constructor(readonly answers: readonly SourceAnswer[]) {
    let total = 0;
    for (const answer of answers) {
      this.firstOf.push(total);
      total += answer.list.series.length;
    }
    this.total = total;
    this.list = answers.length === 1 ? answers[0]!.list.series : answers.flatMap((a) => a.list.series);
  }

  answerOf(g: number): number {
    let a = this.answers.length - 1;
    while (this.firstOf[a]! > g) a--;
    return a;
  }

  /** How many cells series g has. */
  cellCount(g: number): number {
    const a = this.answerOf(g);
    const { offsets } = this.answers[a]!.list;
    const i = g - this.firstOf[a]!;
    return offsets[i + 1]! - offsets[i]!;
  }
}

/**
 * The series' versions, ranked once: a plain release ("1.2.3") is one number and compares without
 * reading its name; any other version is parsed in full, once, when first needed.
 */
class VersionRanks {
  private readonly rank: Float64Array;
  private readonly keys = new Map<number, VersionKey>();

  constructor(private readonly series: readonly SeriesDescriptor[]) {
    this.rank = new Float64Array(series.length);
    for (let g = 0; g < series.length; g++) this.rank[g] = plainRank(series[g]!.version);
  }

  isPlain(g: number): boolean {
    return this.rank[g] === this.rank[g];
  }

  keyOf(g: number): VersionKey {
    let key = this.keys.get(g);
    if (key === undefined) {
      key = versionKey(this.series[g]!.version);
      this.keys.set(g, key);
    }
    return key;
  }

  private keyWithParse(g: number): VersionKey {
    return this.isPlain(g) ? { text: this.series[g]!.version, parsed: parsedFromRank(this.rank[g]!) } : this.keyOf(g);
  }

  /** Tree order, newest first (compareKeysNewestFirst). */
  compare(x: number, y: number): number {
    const rx = this.rank[x]!;
    const ry = this.rank[y]!;
    // Two plain releases of different ranks (most comparisons): the names are not even read. The
    // answer is ±1, not the difference: a number that is not a small integer is an allocation.
    if (rx !== ry && rx === rx && ry === ry) return ry > rx ? 1 : -1;
    return this.isPlain(x) && this.isPlain(y)
      ? comparePlainNewestFirst(rx, this.series[x]!.version, ry, this.series[y]!.version)
      : compareKeysNewestFirst(this.keyOf(x), this.keyOf(y));
  }

  /**
   * Sorts `group` into tree order by the ranks alone when it can: every member a plain release, of
   * distinct ranks small enough to pack with a member's place into one exact number. Those numbers
   * are sorted natively, without a comparator call per comparison (most of the model's sorting
   * time for 100,000 versions). Otherwise leaves `group` as it was and says false.
   */
  sortByRank(group: Int32Array): boolean {
    const places = 2 ** Math.ceil(Math.log2(group.length));
    const rankLimit = Number.MAX_SAFE_INTEGER / places;
    const packed = new Float64Array(group.length);
    for (let i = 0; i < group.length; i++) {
      const rank = this.rank[group[i]!]!;
      if (!(rank < rankLimit)) return false;
      packed[i] = rank * places + i;
    }
    packed.sort();
    for (let j = 1; j < packed.length; j++) {
      if (Math.floor(packed[j]! / places) === Math.floor(packed[j - 1]! / places)) return false;
    }
    const members = group.slice();
    // Ascending ranks, so the newest is last.
    for (let j = 0; j < packed.length; j++) group[packed.length - 1 - j] = members[packed[j]! % places]!;
    return true;
  }

  /** compareParsed of two parsed versions. */
  private compareVersions(x: number, y: number): number {
    return this.isPlain(x) && this.isPlain(y)
      ? this.rank[x]! - this.rank[y]!
      : compareParsed(this.keyWithParse(x).parsed!, this.keyWithParse(y).parsed!);
  }

  /** newestKey of a group's versions (in the answers' order) and the versions known lately. */
  newestOf(group: Int32Array, knownKeys: readonly VersionKey[]): VersionKey | undefined {
    let best = -1;
    let bestRelease = -1;
    for (const g of group) {
      const parsed = this.isPlain(g) ? undefined : this.keyOf(g).parsed;
      if (!this.isPlain(g) && !parsed) continue;
      if (best < 0 || this.compareVersions(g, best) > 0) best = g;
      if ((this.isPlain(g) || parsed!.prerelease.length === 0) && (bestRelease < 0 || this.compareVersions(g, bestRelease) > 0))
        bestRelease = g;
    }
    // The first newest release comes first if the newest overall is one, so these two stand for all.
    const found =
      best < 0
        ? []
        : bestRelease < 0 || bestRelease === best
          ? [this.keyWithParse(best)]
          : [this.keyWithParse(best), this.keyWithParse(bestRelease)];
    return newestKey(found, knownKeys);
  }

  /** healthCode of series g against `reference`, the newest of its SDK. */
  healthCode(g: number, reference: ParsedVersion | undefined): number {
    if (!reference) return UNKNOWN_HEALTH;
    if (this.isPlain(g)) return healthCode(rankMajor(this.rank[g]!), rankMinor(this.rank[g]!), reference);
    const parsed = this.keyOf(g).parsed;
    return parsed ? healthCode(parsed.major, parsed.minor, reference) : UNKNOWN_HEALTH;
  }
}

/** Series of one source and SDK: group k's series are members[start[k] .. start[k + 1]), in the answers' order. */
interface SdkGroups {
  readonly groups: readonly { readonly source: StreamSource; readonly sdk: string }[];
  readonly start: Int32Array;
  readonly members: Int32Array;
}

/**
 * The series grouped by source and SDK. Names are looked up as they are, source by source and SDK
 * by SDK, so no two (source, SDK, version) triples can meet.
 */
function groupBySdk(all: AllSeries): SdkGroups {
  const groupOf = new Int32Array(all.total);
  const groups: { readonly source: StreamSource; readonly sdk: string }[] = [];
  const bySource = new Map<StreamSource, Map<string, number>>();
  all.answers.forEach(({ source, list }, a) => {
    const sdks = entry(bySource, source, () => new Map<string, number>());
    const { series } = list;
    for (let i = 0, g = all.firstOf[a]!; i < series.length; i++, g++) {
      const sdk = series[i]!.sdk;
      let group = sdks.get(sdk);
      if (group === undefined) {
        group = groups.length;
        groups.push({ source, sdk });
        sdks.set(sdk, group);
      }
      groupOf[g] = group;
    }
  });
  const start = new Int32Array(groups.length + 1);
  for (let g = 0; g < all.total; g++) start[groupOf[g]! + 1]!++;
  for (let k = 0; k < groups.length; k++) start[k + 1]! += start[k]!;
  const members = new Int32Array(all.total);
  const next = start.slice(0, groups.length);
  for (let g = 0; g < all.total; g++) members[next[groupOf[g]!]!++] = g;
  return { groups, start, members };
}

/**
 * Puts each group's members in tree order, in place. Series with the same source, SDK and version
 * are one version, their values summed (the API should not repeat one, but may: the reference's own
 * example names two null entries); sorting puts them in one run of equal rank, where they are
 * brought together in the order first seen. The answer says which members repeat the one before,
 * and how many do.
 */
function sortGroups(
  { start, members }: SdkGroups,
  all: AllSeries,
  ranks: VersionRanks,
): { readonly sameAsBefore: Uint8Array; readonly repeats: number } {
  const sameAsBefore = new Uint8Array(all.total);
  let repeats = 0;
  const compare = (x: number, y: number) => ranks.compare(x, y);
  for (let k = 0; k + 1 < start.length; k++) {
    const base = start[k]!;
    const group = members.subarray(base, start[k + 1]!);
    if (group.length < 2 || ranks.sortByRank(group)) continue;
    group.sort(compare);
    for (let s = 0; s < group.length;) {
      let e = s + 1;
      while (e < group.length && ranks.compare(group[e - 1]!, group[e]!) === 0) e++;
      if (e - s > 1) {
        // Equal in order, names may still differ ("main" and "Main"): equal names go together.
        const byName = new Map<string, number[]>();
        for (let j = s; j < e; j++) entry(byName, all.list[group[j]!]!.version, () => []).push(group[j]!);
        let j = s;
        for (const same of byName.values()) {
          for (let n = 0; n < same.length; n++, j++) {
            group[j] = same[n]!;
            if (n > 0) {
              sameAsBefore[base + j] = 1;
              repeats++;
            }
          }
        }
      }
      s = e;
    }
  }
  return { sameAsBefore, repeats };
}

/**
 * The model's cells, version by version. One answer on its own times without repeated versions
 * (the usual case) keeps its cells as they are; otherwise each version's cells are copied onto the
 * common times, or summed.
 */
class ModelCells {
  readonly slots: Int32Array;
  readonly values: Float64Array;
  /** The version last written: cells [start, end). */
  start = 0;
  end = 0;
  private written = 0;
  private readonly versionSum: SparseSum;

  constructor(
    private readonly all: AllSeries,
    private readonly slotMaps: readonly (Int32Array | undefined)[],
    pointCount: number,
    private readonly only: SeriesList | undefined,
  ) {
    const cellCount = all.answers.reduce((sum, a) => sum + a.list.cells.values.length, 0);
    this.slots = only ? only.cells.slots : new Int32Array(cellCount);
    this.values = only ? only.cells.values : new Float64Array(cellCount);
    this.versionSum = new SparseSum(only ? 0 : pointCount);
  }

  /** Writes the cells of series `members[from, to)`, one version; `start` and `end` say where they are. */
  writeVersion(members: Int32Array, from: number, to: number): void {
    if (this.only) {
      const g = members[from]!;
      this.start = this.only.offsets[g]!;
      this.end = this.only.offsets[g + 1]!;
      return;
    }
    this.start = this.written;
    const summing = to - from > 1;
    for (let m = from; m < to; m++) {
      const a = this.all.answerOf(members[m]!);
      const i = members[m]! - this.all.firstOf[a]!;
      const { offsets, cells } = this.all.answers[a]!.list;
      const map = this.slotMaps[a];
      for (let c = offsets[i]!, end = offsets[i + 1]!; c < end; c++) {
        const slot = map ? map[cells.slots[c]!]! : cells.slots[c]!;
        if (summing) {
          this.versionSum.add(slot, cells.values[c]!);
        } else {
          this.slots[this.written] = slot;
          this.values[this.written++] = cells.values[c]!;
        }
      }
    }
    if (summing) {
      const { versionSum } = this;
      for (const slot of versionSum.touched.subarray(0, versionSum.count).sort()) {
        this.slots[this.written] = slot;
        this.values[this.written++] = versionSum.sums[slot]!;
      }
      versionSum.clear();
    }
    this.end = this.written;
  }

  cells(): Cells {
    return this.only ? this.only.cells : { slots: this.slots.subarray(0, this.written), values: this.values.subarray(0, this.written) };
  }
}

/** What building one SDK's usage needs from the whole build. */
interface SdkBuild {
  readonly all: AllSeries;
  readonly ranks: VersionRanks;
  readonly groups: SdkGroups;
  readonly sameAsBefore: Uint8Array;
  readonly cells: ModelCells;
  readonly pointCount: number;
  /** Scratch for the SDK's totals: a dense row, or a sparse sum (see sdkUsage). */
  readonly sdkRow: Float64Array;
  readonly sdkSum: SparseSum;
  readonly stats: RangeStats;
  readonly health: HealthTally;
}

/** Group k's usage, its versions written to `versions` from `at` on, in tree order. */
function sdkUsage(build: SdkBuild, k: number, newestKnown: VersionKey | undefined, versions: VersionUsage[], at: number): SdkUsage {
  const { all, ranks, sameAsBefore, cells, pointCount, stats } = build;
  const { members, start } = build.groups;
  const { source, sdk } = build.groups.groups[k]!;
  const reference = newestKnown?.parsed;
  const first = start[k]!;
  const end = start[k + 1]!;
  // The SDK's totals go into a dense row when it has cells enough to pay for clearing one.
  let sdkCells = 0;
  for (let m = first; m < end; m++) sdkCells += all.cellCount(members[m]!);
  const totals = sdkCells >= pointCount ? build.sdkRow : build.sdkSum;
  // Versions of one SDK at the same distance from the newest share one health record.
  const healths = new Map<number, VersionHealth>();
  // Each version is the first of its run of repeated members. Lists are made at their length: an
  // answer may name 100,000 versions.
  let versionCount = 0;
  for (let m = first; m < end; m++) if (!sameAsBefore[m]) versionCount++;
  const versionNames = new Array<string>(versionCount);
  for (let m = first, n = 0; m < end; m++) if (!sameAsBefore[m]) versionNames[n++] = all.list[members[m]!]!.version;
  const ids = versionIdsOf(source, sdk, versionNames);
  const sdkVersions = new Array<VersionUsage>(versionCount);
  let n = 0;
  for (let m = first; m < end;) {
    let to = m + 1;
    while (to < end && sameAsBefore[to]) to++;
    const g = members[m]!;
    cells.writeVersion(members, m, to);
    const { start: cellStart, end: cellEnd } = cells;
    addCellsTo(cells.slots, cells.values, cellStart, cellEnd, totals, stats);
    const code = ranks.healthCode(g, reference);
    let health = healths.get(code);
    if (health === undefined) {
      health = healthOfCode(code, newestKnown?.text);
      healths.set(code, health);
    }
    const latest = cellEnd > cellStart && cells.slots[cellEnd - 1] === pointCount - 1 ? cells.values[cellEnd - 1]! : 0;
    build.health.add(code, latest);
    const usage: VersionUsage = {
      id: ids[n]!,
      source,
      sdk,
      version: versionNames[n]!,
      cellStart,
      cellEnd,
      latest,
      peak: stats.peak,
      average: pointCount ? stats.sum / pointCount : 0,
      health,
    };
    sdkVersions[n++] = usage;
    versions[at++] = usage;
    m = to;
  }
  let peak = 0;
  let latest = 0;
  if (totals instanceof Float64Array) {
    for (const v of totals) peak = Math.max(peak, v);
    latest = pointCount ? totals[pointCount - 1]! : 0;
    totals.fill(0);
  } else {
    for (let c = 0; c < totals.count; c++) peak = Math.max(peak, totals.sums[totals.touched[c]!]!);
    latest = pointCount ? totals.sums[pointCount - 1]! : 0;
    totals.clear();
  }
  return { id: sdkId(source, sdk), source, sdk, versions: sdkVersions, latest, peak, newest: newestKnown?.text };
}

export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
  const { times, slotMaps } = alignTimes(answers);
  const pointCount = times.length;
  const all = new AllSeries(answers);
  const ranks = new VersionRanks(all.list);
  const groups = groupBySdk(all);

  const known = new Map<StreamSource, Map<string, VersionKey[]>>();
  for (const answer of answers) {
    const bySdk = entry(known, answer.source, () => new Map<string, VersionKey[]>());
    for (const d of answer.knownVersions ?? []) entry(bySdk, d.sdk, () => []).push(versionKey(d.version));
  }
  // The newest of each group, from its versions in the answers' order, before they are sorted.
  const newest = groups.groups.map(({ source, sdk }, k) =>
    ranks.newestOf(groups.members.subarray(groups.start[k]!, groups.start[k + 1]!), known.get(source)?.get(sdk) ?? []),
  );
  const { sameAsBefore, repeats } = sortGroups(groups, all, ranks);

  const only = answers.length === 1 && repeats === 0 ? answers[0]!.list : undefined;
  const build: SdkBuild = {
    all,
    ranks,
    groups,
    sameAsBefore,
    cells: new ModelCells(all, slotMaps, pointCount, only),
    pointCount,
    sdkRow: new Float64Array(pointCount),
    sdkSum: new SparseSum(pointCount),
    stats: { sum: 0, peak: 0 },
    health: new HealthTally(),
  };
  const groupOrder = Array.from(groups.groups.keys()).sort((x, y) => {
    const a = groups.groups[x]!;
    const b = groups.groups[y]!;
    return (a.source === b.source ? 0 : a.source < b.source ? -1 : 1) || sdkNameOrder.compare(a.sdk, b.sdk);
  });
  const versions = new Array<VersionUsage>(all.total - repeats);
  let written = 0;
  const sdks = groupOrder.map((k) => {
    const usage = sdkUsage(build, k, newest[k], versions, written);
    written += usage.versions.length;
    return usage;
  });

  return {
    times,
    granularity,
    sources: answers.map((a) => a.source),
    sdks,
    versions,
    cells: build.cells.cells(),
    latestTotal: build.health.latestTotal,
    health: build.health.shares(),
    ignoredValues: answers.reduce((sum, a) => sum + a.list.ignoredValues, 0),
    droppedTimes: answers.reduce((sum, a) => sum + a.list.droppedTimes, 0),
  };
}

/** Latest connections and versions by health status, counted as the versions are made, in tree order. */
class HealthTally {
  latestTotal = 0;
  private readonly connections = HEALTH_STATUSES.map(() => 0);
  private readonly versions = HEALTH_STATUSES.map(() => 0);

  add(code: number, latest: number): void {
    const k = statusIndexOfCode(code);
    this.latestTotal += latest;
    this.connections[k]! += latest;
    this.versions[k]!++;
  }

  shares(): HealthShare[] {
    const { latestTotal, connections, versions } = this;
    return HEALTH_STATUSES.map((status, k) => ({
      status,
      connections: connections[k]!,
      share: latestTotal ? connections[k]! / latestTotal : 0,
      versions: versions[k]!,
    }));
  }
}
