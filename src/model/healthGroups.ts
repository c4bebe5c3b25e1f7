/**
 * The five health groups an upgrade campaign counts by (past end of life, near end of life, new
 * major version available, current, not judged), what each health key falls into, and the figures
 * the chart, the progress line, the status bar and the copied summary read off them: connections
 * per group and bucket, every version's total per bucket, each group's share per bucket, and the
 * shares at the first and last buckets with connections. Pure: keys and numbers, never words.
 */
import { addCells } from '../api/cells';
import type { UsageModel, VersionUsage } from './usageModel';
import { effectiveHealth, type HealthKey, type Verdicts } from './verdict';

/** What the figures read of a model (a chart model or a usage model). */
type BucketModel = Pick<UsageModel, 'times' | 'cells' | 'versions'>;

export type HealthGroup = 'pastEol' | 'nearEol' | 'newMajor' | 'current' | 'notJudged';

/** Most urgent first: the order of the chart's stack (from the bottom), its legend, the tables and the progress lines. */
export const HEALTH_GROUPS: readonly HealthGroup[] = ['pastEol', 'nearEol', 'newMajor', 'current', 'notJudged'];

/**
 * The group of every health key, exhaustive so a new key does not compile until it is placed.
 * The estimate (newest version seen) knows no end-of-life dates: a major release behind is "new
 * major version available", as LaunchDarkly would say; a minor release behind is "current", as
 * LaunchDarkly calls an older minor that is still supported; a version that is not comparable is
 * "not judged".
 */
export const HEALTH_GROUP_OF: Readonly<Record<HealthKey, HealthGroup>> = {
  EolPast: 'pastEol',
  EolNear: 'nearEol',
  MajorVersionAvailable: 'newMajor',
  majorBehind: 'newMajor',
  EolAllClear: 'current',
  current: 'current',
  minorBehind: 'current',
  unknown: 'notJudged',
  // The release dates' verdicts say what LaunchDarkly's would.
  releaseEolPast: 'pastEol',
  releaseEolNear: 'nearEol',
  releaseMajorVersionAvailable: 'newMajor',
  releaseEolAllClear: 'current',
  releaseNotJudged: 'notJudged',
};

/** A version's group as the views show its health. */
export type HealthGroupOf = (version: VersionUsage) => HealthGroup;

/** A version's group without LaunchDarkly's verdicts: by its release dates (a catalogued SDK), else its estimate. */
export const estimatedHealthGroup: HealthGroupOf = (version) => HEALTH_GROUP_OF[effectiveHealth(version, undefined).key];

/** A version's group on the host: LaunchDarkly's verdict where the joined report has one, else the release dates' or the estimate. */
export function healthGroupWith(verdicts: Verdicts | undefined): HealthGroupOf {
  return (version) => HEALTH_GROUP_OF[effectiveHealth(version, verdicts?.byVersionId.get(version.id)).key];
}

/** Every version's connections summed per bucket: the "all connections" a share is of. */
export function bucketTotals(model: BucketModel): Float64Array {
  const totals = new Float64Array(model.times.length);
  addCells(totals, model.cells, 0, model.cells.values.length);
  return totals;
}

/** Connections per group and bucket; a group without versions has none here. */
export function healthGroupRows(model: BucketModel, groupOf: HealthGroupOf): Map<HealthGroup, Float64Array> {
  const rows = new Map<HealthGroup, Float64Array>();
  for (const version of model.versions) {
    const group = groupOf(version);
    let row = rows.get(group);
    if (!row) {
      row = new Float64Array(model.times.length);
      rows.set(group, row);
    }
    addCells(row, model.cells, version.cellStart, version.cellEnd);
  }
  return rows;
}

/**
 * Each bucket's value as a share (0 to 1) of that bucket's total; null where the bucket has no
 * connections at all (no data, not 0%). A series absent from a bucket others fill has a share of 0.
 */
export function sharesOf(values: ArrayLike<number>, totals: ArrayLike<number>): (number | null)[] {
  const shares = new Array<number | null>(totals.length);
  for (let p = 0; p < totals.length; p++) shares[p] = totals[p]! > 0 ? values[p]! / totals[p]! : null;
  return shares;
}

/** The series summed per bucket: the top edge of stacked areas. */
export function stackedTotal(series: readonly { readonly values: ArrayLike<number> }[], buckets: number): Float64Array {
  const total = new Float64Array(buckets);
  for (const s of series) for (let p = 0; p < buckets; p++) total[p]! += s.values[p]!;
  return total;
}

export interface GroupProgress {
  readonly group: HealthGroup;
  /** Connections of the group in the start and end buckets. */
  readonly startConnections: number;
  readonly endConnections: number;
  /** Shares (0 to 1) of all connections in those buckets. */
  readonly startShare: number;
  readonly endShare: number;
}

/** How the groups' shares moved over the range: from the first bucket with connections to the last. */
export interface HealthProgress {
  /** Indexes into the model's times: the first and the last bucket with any connections (equal when only one has). */
  readonly startSlot: number;
  readonly endSlot: number;
  readonly startTotal: number;
  readonly endTotal: number;
  /** The groups with connections at the start or the end, most urgent first. */
  readonly groups: readonly GroupProgress[];
}

/** The progress over the model's range; undefined when no bucket has connections. `totals` are the model's bucketTotals, where already at hand. */
export function healthProgress(
  model: BucketModel,
  groupOf: HealthGroupOf,
  totals: Float64Array = bucketTotals(model),
): HealthProgress | undefined {
  let startSlot = -1;
  let endSlot = -1;
  for (let p = 0; p < totals.length; p++) {
    if (totals[p]! > 0) {
      if (startSlot < 0) startSlot = p;
      endSlot = p;
    }
  }
  if (startSlot < 0) return undefined;
  const rows = healthGroupRows(model, groupOf);
  const startTotal = totals[startSlot]!;
  const endTotal = totals[endSlot]!;
  const groups: GroupProgress[] = [];
  for (const group of HEALTH_GROUPS) {
    const row = rows.get(group);
    if (!row || (row[startSlot] === 0 && row[endSlot] === 0)) continue;
    groups.push({
      group,
      startConnections: row[startSlot]!,
      endConnections: row[endSlot]!,
      startShare: row[startSlot]! / startTotal,
      endShare: row[endSlot]! / endTotal,
    });
  }
  return { startSlot, endSlot, startTotal, endTotal, groups };
}

export interface GroupCount {
  /** Connections in the latest bucket. */
  readonly connections: number;
  readonly versions: number;
}

/** Latest connections and versions per group, every group present (zero where it has none). */
export function healthGroupCounts(versions: readonly VersionUsage[], groupOf: HealthGroupOf): Record<HealthGroup, GroupCount> {
  const counts = Object.fromEntries(HEALTH_GROUPS.map((g) => [g, { connections: 0, versions: 0 }])) as Record<
    HealthGroup,
    { connections: number; versions: number }
  >;
  for (const version of versions) {
    const count = counts[groupOf(version)];
    count.connections += version.latest;
    count.versions++;
  }
  return counts;
}
