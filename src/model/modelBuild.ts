/**
 * Turns validated API answers into the model every view renders (usageModel.ts). Everything is
 * computed from the cells, never from series × buckets, so cost follows what the answers held.
 * Pure: no `vscode` import, no I/O.
 */
import { NAME_ORDER } from './collation';
import { HEALTH_STATUSES, healthOfCode, statusIndexOfCode, type VersionHealth } from './health';
import { AllSeries } from './allSeries';
import { ModelCells, SparseSum, alignTimes } from './modelCells';
import { cataloguedSdkId, sdkId, versionIdsOf } from './rowIds';
import type { SdkNaming } from '../catalogue/sdkIdentity';
import { groupBySdk, sortGroups, type SdkGroups } from './sdkGroups';
import type { Granularity } from './timeRange';
import type { HealthShare, SdkUsage, SourceAnswer, UsageModel, VersionUsage } from './usageModel';
import type { VersionKey } from './versionOrder';
import { VersionRanks } from './versionRanks';

/** The sum and peak of one version's cells, as addCellsTo writes them. */
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
  /** The catalogue, when there is one, and the time release dates are judged at. */
  readonly naming: SdkNaming | undefined;
  readonly now: number;
}

/** What the build may use besides the answers. */
export interface ModelOptions {
  /** The SDK catalogue: names resolved to SDKs, health from release dates. Without it every name stays as reported. */
  readonly naming?: SdkNaming | undefined;
  /** When release dates are judged (milliseconds since the epoch); the build's time by default. */
  readonly now?: number;
}

/** Group k's usage, its versions written to `versions` from `at` on, in tree order. */
function sdkUsage(build: SdkBuild, k: number, newestKnown: VersionKey | undefined, versions: VersionUsage[], at: number): SdkUsage {
  const { all, ranks, sameAsBefore, cells, pointCount, stats } = build;
  const { members, start } = build.groups;
  const group = build.groups.groups[k]!;
  const { source, identity, name } = group;
  const { naming, now } = build;
  const catalogued = naming && group.sdk ? { naming, sdk: group.sdk } : undefined;
  const reference = newestKnown?.parsed;
  const first = start[k]!;
  const end = start[k + 1]!;
  // The SDK's totals go into a dense row when it has cells enough to pay for clearing one.
  let sdkCells = 0;
  for (let m = first; m < end; m++) sdkCells += all.cellCount(members[m]!);
  const totals = sdkCells >= pointCount ? build.sdkRow : build.sdkSum;
  const sdkRowId = catalogued ? cataloguedSdkId(source, group.key) : sdkId(source, group.key);
  // Versions of one SDK at the same distance from the newest share one health record.
  const healths = new Map<number, VersionHealth>();
  // Each version is the first of its run of repeated members. Lists are made at their length: an
  // answer may name 100,000 versions.
  let versionCount = 0;
  for (let m = first; m < end; m++) if (!sameAsBefore[m]) versionCount++;
  const versionNames = new Array<string>(versionCount);
  for (let m = first, n = 0; m < end; m++) if (!sameAsBefore[m]) versionNames[n++] = all.list[members[m]!]!.version;
  const ids = versionIdsOf(source, group.key, versionNames, catalogued !== undefined);
  // The names each version's series came under: one (shared while it stays the same), or several merged.
  let single: readonly string[] = [];
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
    const reported = all.list[g]!.sdk;
    let reportedSdks: readonly string[];
    if (to - m > 1) {
      reportedSdks = spellingsOf(all, members, m, to);
    } else {
      if (single[0] !== reported) single = [reported];
      reportedSdks = single;
    }
    const usage: VersionUsage = {
      id: ids[n]!,
      sdkId: sdkRowId,
      source,
      sdk: name,
      reportedSdks,
      identity,
      version: versionNames[n]!,
      cellStart,
      cellEnd,
      latest,
      peak: stats.peak,
      average: pointCount ? stats.sum / pointCount : 0,
      health,
      releaseHealth: catalogued ? catalogued.naming.judge(catalogued.sdk, versionNames[n]!, now) : undefined,
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
  return {
    id: sdkRowId,
    source,
    sdk: name,
    reportedSdks: group.spellings,
    identity,
    versions: sdkVersions,
    latest,
    peak,
    newest: newestKnown?.text,
  };
}

/** The distinct SDK names of series members[from, to), first seen first. */
function spellingsOf(all: AllSeries, members: Int32Array, from: number, to: number): readonly string[] {
  const names: string[] = [];
  for (let m = from; m < to; m++) {
    const name = all.list[members[m]!]!.sdk;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The model of the answers (one per source, or per source and SDK name filtered by), on the union of their times. */
export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity, options: ModelOptions = {}): UsageModel {
  const { times, slotMaps } = alignTimes(answers);
  const pointCount = times.length;
  const all = new AllSeries(answers);
  const ranks = new VersionRanks(all.list);
  const groups = groupBySdk(all, options.naming);

  // The newest of each group, from its versions in the answers' order, before they are sorted.
  const newest = groups.groups.map((_, k) =>
    ranks.newestOf(groups.members.subarray(groups.start[k]!, groups.start[k + 1]!), groups.known[k]!),
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
    naming: options.naming,
    now: options.now ?? Date.now(),
  };
  const groupOrder = Array.from(groups.groups.keys()).sort((x, y) => {
    const a = groups.groups[x]!;
    const b = groups.groups[y]!;
    // Names may tie (a name reported as a catalogued SDK's display name): catalogued first, then first seen.
    return (
      (a.source === b.source ? 0 : a.source < b.source ? -1 : 1) ||
      NAME_ORDER.compare(a.name, b.name) ||
      Number(a.sdk === undefined) - Number(b.sdk === undefined)
    );
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
    sources: [...new Set(answers.map((a) => a.source))],
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
