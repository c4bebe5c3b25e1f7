/**
 * What the chart draws: the N largest series by peak in range, the rest folded into "Other";
 * versions or SDK totals, or one series per health group; optionally only outdated versions. Pure,
 * used by the webview.
 * Rows are made dense only for the series drawn and "Other"; peaks of SDK totals are summed from
 * the cells, so the cost follows the cells, not series × buckets.
 */
import { addCells, type Cells } from '../api/cells';
import type { StreamSource } from '../api/parse';
import { plainText } from '../text';
import { HEALTH_GROUPS, estimatedHealthGroup, healthGroupRows, type HealthGroup, type HealthGroupOf } from './healthGroups';
import { OTHER_SERIES_ID, healthGroupId } from './rowIds';
import type { Granularity } from './timeRange';
import type { HealthShare, VersionUsage } from './usageModel';

/** What the chart and tables read of a model; a `UsageModel` is one. */
export interface ChartModel {
  readonly times: readonly number[];
  readonly granularity: Granularity;
  readonly sources: readonly StreamSource[];
  readonly versions: readonly VersionUsage[];
  readonly cells: Cells;
  readonly latestTotal: number;
  readonly health: readonly HealthShare[];
}

export type GroupBy = 'version' | 'sdk' | 'status';

export const GROUP_BYS: readonly GroupBy[] = ['version', 'sdk', 'status'];

/** How the series are drawn: lines, stacked areas (the total and its parts), or each one's share of all connections. */
export type ChartMode = 'lines' | 'stacked' | 'shares';

export const CHART_MODES: readonly ChartMode[] = ['lines', 'stacked', 'shares'];

interface SeriesValues {
  readonly id: string;
  /** One value per entry of the model's times. */
  readonly values: Float64Array;
  readonly peak: number;
}

/** A version, or an SDK's versions summed: drawn under its name. */
interface NamedSeries extends SeriesValues {
  readonly isOther: false;
  readonly label: string;
  readonly group?: undefined;
}

/** A health group's versions summed (grouped by status): presentation names it. */
interface GroupSeries extends SeriesValues {
  readonly isOther: false;
  readonly group: HealthGroup;
}

/** The folded remainder, "Other": how many series it holds (presentation names it). */
interface OtherSeries extends SeriesValues {
  readonly isOther: true;
  readonly folded: number;
}

export type ChartSeries = NamedSeries | GroupSeries | OtherSeries;

export interface ChartOptions {
  readonly topN: number;
  readonly groupBy: GroupBy;
  /** Only versions worth upgrading (an old SDK version, not old data). */
  readonly outdatedOnly: boolean;
  /** A series to draw even when it would be folded into "Other". */
  readonly focusId?: string;
  /** What "outdated" means; default: behind the newest version seen (LaunchDarkly's verdict, where known, overrides it). */
  readonly isOutdated?: (version: VersionUsage) => boolean;
  /** A version's health group, grouped by status; default: from the estimate. */
  readonly healthGroupOf?: HealthGroupOf;
}

/** Outdated by the estimate: a minor or major release behind the newest version seen. */
export function isOutdated(version: Pick<VersionUsage, 'health'>): boolean {
  return version.health.status === 'minorBehind' || version.health.status === 'majorBehind';
}

/** A series before folding: one version, or one SDK summing its versions; not yet dense. */
interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly peak: number;
  readonly members: readonly VersionUsage[];
}

/** The versions the chart draws from: all, or only the outdated ones. */
function versionsShown(model: ChartModel, options: ChartOptions): readonly VersionUsage[] {
  return options.outdatedOnly ? model.versions.filter(options.isOutdated ?? isOutdated) : model.versions;
}

/** One series per health group with versions, in the groups' fixed order (the stack and the colours stay put). */
function statusSeries(model: ChartModel, options: ChartOptions): GroupSeries[] {
  const rows = healthGroupRows({ ...model, versions: versionsShown(model, options) }, options.healthGroupOf ?? estimatedHealthGroup);
  return HEALTH_GROUPS.flatMap((group) => {
    const values = rows.get(group);
    return values ? [{ id: healthGroupId(group), group, values, peak: peakOf(values), isOther: false as const }] : [];
  });
}

function peakOf(values: Float64Array): number {
  let peak = 0;
  for (const value of values) if (value > peak) peak = value;
  return peak;
}

/** The candidates: one per version, or one per SDK whose peak is that of its versions' sum. */
function candidates(model: ChartModel, options: ChartOptions): Candidate[] {
  const versions = versionsShown(model, options);
  const multiSource = model.sources.length > 1;
  if (options.groupBy === 'version') {
    return versions.map((v) => ({
      id: v.id,
      label: `${plainText(v.sdk)} ${plainText(v.version)}${multiSource ? ` (${v.source})` : ''}`,
      peak: v.peak,
      members: [v],
    }));
  }
  const groups = new Map<string, { label: string; members: VersionUsage[] }>();
  for (const v of versions) {
    const id = v.sdkId;
    let group = groups.get(id);
    if (!group) {
      group = { label: `${plainText(v.sdk)}${multiSource ? ` (${v.source})` : ''}`, members: [] };
      groups.set(id, group);
    }
    group.members.push(v);
  }
  // One scratch row; only the buckets a group touched are read and cleared again.
  const sums = new Float64Array(model.times.length);
  const touched: number[] = [];
  const { slots, values } = model.cells;
  const result: Candidate[] = [];
  for (const [id, { label, members }] of groups) {
    for (const v of members) {
      for (let c = v.cellStart; c < v.cellEnd; c++) {
        const slot = slots[c]!;
        if (sums[slot] === 0) touched.push(slot);
        sums[slot]! += values[c]!;
      }
    }
    let peak = 0;
    for (const slot of touched) {
      peak = Math.max(peak, sums[slot]!);
      sums[slot] = 0;
    }
    touched.length = 0;
    result.push({ id, label, peak, members });
  }
  return result;
}

/** The members' cells summed into one dense row. */
function denseSum(model: ChartModel, members: readonly VersionUsage[]): Float64Array {
  const row = new Float64Array(model.times.length);
  for (const v of members) addCells(row, model.cells, v.cellStart, v.cellEnd);
  return row;
}

function drawn(model: ChartModel, candidate: Candidate): NamedSeries {
  return { id: candidate.id, label: candidate.label, values: denseSum(model, candidate.members), peak: candidate.peak, isOther: false };
}

/** The same order as `localeCompare`, without its per-call setup: ties in peak can be many. */
const labelOrder = new Intl.Collator();

export function chartSeries(model: ChartModel, options: ChartOptions): ChartSeries[] {
  // At most five, never folded.
  if (options.groupBy === 'status') return statusSeries(model, options);
  const sorted = candidates(model, options).sort((a, b) => b.peak - a.peak || labelOrder.compare(a.label, b.label));
  const topN = Math.max(1, Math.floor(options.topN));
  if (sorted.length <= topN + 1) {
    // Folding a single series into "Other" would only hide its name.
    return sorted.map((c) => drawn(model, c));
  }
  const shown = sorted.slice(0, topN);
  const rest = sorted.slice(topN);
  const focused = rest.find((s) => s.id === options.focusId);
  if (focused) {
    shown.push(focused);
  }
  const folded = rest.filter((s) => s !== focused);
  if (folded.length === 1) {
    // As above: with the focused series pulled out, one series left over is drawn, not folded.
    shown.push(folded[0]!);
    return shown.map((c) => drawn(model, c));
  }
  const values = denseSum(
    model,
    folded.flatMap((s) => s.members),
  );
  let peak = 0;
  for (const v of values) peak = Math.max(peak, v);
  return [...shown.map((c) => drawn(model, c)), { id: OTHER_SERIES_ID, folded: folded.length, values, peak, isOther: true }];
}
