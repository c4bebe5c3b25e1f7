/**
 * What the chart draws: the N largest series by peak in range, the rest folded into "Other";
 * versions or SDK totals; optionally only versions behind the newest. Pure, used by the webview.
 */
import type { StreamSource } from '../api/parse';
import { plainText } from '../text';
import { OTHER_SERIES_ID, sdkId } from './ids';
import type { Granularity } from './timeRange';
import type { HealthShare, VersionUsage } from './usageModel';

/** A version as the chart and tables read it: its values only need indexing (the webview gets views into one buffer). */
export type ChartVersion = Omit<VersionUsage, 'values'> & { readonly values: ArrayLike<number> };

/** What the chart and tables read of a model; a `UsageModel` is one. */
export interface ChartModel {
  readonly times: readonly number[];
  readonly granularity: Granularity;
  readonly sources: readonly StreamSource[];
  readonly versions: readonly ChartVersion[];
  readonly latestTotal: number;
  readonly health: readonly HealthShare[];
}

export type GroupBy = 'version' | 'sdk';

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly peak: number;
  /** The folded remainder ("Other (n series)"). */
  readonly isOther: boolean;
}

export interface ChartOptions {
  readonly topN: number;
  readonly groupBy: GroupBy;
  readonly staleOnly: boolean;
  /** A series to draw even when it would be folded into "Other". */
  readonly focusId?: string;
  /** What "stale" means; default: behind the newest version seen (LaunchDarkly's verdict, where known, overrides it). */
  readonly isStale?: (version: ChartVersion) => boolean;
}

export function isStale(version: Pick<VersionUsage, 'health'>): boolean {
  return version.health.status === 'minorBehind' || version.health.status === 'majorBehind';
}

function peakOf(values: ArrayLike<number>): number {
  let peak = 0;
  for (let p = 0; p < values.length; p++) if (values[p]! > peak) peak = values[p]!;
  return peak;
}

/** The series before folding: one per version, or one per SDK summing its versions. */
export function candidateSeries(model: ChartModel, groupBy: GroupBy, staleOnly: boolean, stale: (version: ChartVersion) => boolean = isStale): ChartSeries[] {
  const versions = staleOnly ? model.versions.filter(stale) : model.versions;
  const multiSource = model.sources.length > 1;
  if (groupBy === 'version') {
    return versions.map((v) => ({
      id: v.id,
      label: `${plainText(v.sdk)} ${plainText(v.version)}${multiSource ? ` (${v.source})` : ''}`,
      values: v.values,
      peak: v.peak,
      isOther: false,
    }));
  }
  const sums = new Map<string, { label: string; values: number[] }>();
  for (const v of versions) {
    const id = sdkId(v.source, v.sdk);
    let entry = sums.get(id);
    if (!entry) {
      entry = { label: `${plainText(v.sdk)}${multiSource ? ` (${v.source})` : ''}`, values: new Array<number>(model.times.length).fill(0) };
      sums.set(id, entry);
    }
    for (let p = 0; p < entry.values.length; p++) entry.values[p]! += v.values[p]!;
  }
  return [...sums].map(([id, { label, values }]) => ({ id, label, values, peak: peakOf(values), isOther: false }));
}

export function chartSeries(model: ChartModel, options: ChartOptions): ChartSeries[] {
  const candidates = candidateSeries(model, options.groupBy, options.staleOnly, options.isStale).sort((a, b) => b.peak - a.peak || a.label.localeCompare(b.label));
  const topN = Math.max(1, Math.floor(options.topN));
  if (candidates.length <= topN + 1) {
    // Folding a single series into "Other" would only hide its name.
    return candidates;
  }
  const shown = candidates.slice(0, topN);
  const rest = candidates.slice(topN);
  const focused = rest.find((s) => s.id === options.focusId);
  if (focused) {
    shown.push(focused);
  }
  const folded = rest.filter((s) => s !== focused);
  if (folded.length === 1) {
    // As above: with the focused series pulled out, one series left over is drawn, not folded.
    shown.push(folded[0]!);
    return shown;
  }
  const values = new Array<number>(model.times.length).fill(0);
  for (const s of folded) for (let p = 0; p < values.length; p++) values[p]! += s.values[p]!;
  shown.push({ id: OTHER_SERIES_ID, label: `Other (${folded.length} series)`, values, peak: peakOf(values), isOther: true });
  return shown;
}
