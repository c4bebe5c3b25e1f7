/**
 * What assistive technology hears: the chart's label (what is drawn, over which range, the largest
 * series, or each series' share of all connections) and the live region's announcements. Pure, so
 * the texts are unit-tested.
 */
import type { ChartSeries, GroupBy } from '../src/model/chartData';
import { formatCount, formatPercent } from '../src/model/format';
import { sharesOf, stackedTotal } from '../src/model/healthGroups';
import { countOf } from '../src/presentation/counts';
import { seriesLabel, sourceLabel } from '../src/presentation/labels';
import { granularityLabel, rangeLabel } from '../src/presentation/queryWords';
import { LOADING_TEXT, NO_TOKEN_TEXT } from '../src/presentation/status';
import type { PanelStatus } from '../src/protocol';
import type { ChartInput } from './chart';
import { formatBucketTime } from './time';

export type ChartDescriptionInput = Omit<ChartInput, 'focusId'> & { readonly groupBy: GroupBy };

const PER: Readonly<Record<GroupBy, string>> = { version: 'per SDK version', sdk: 'per SDK', status: 'per health status' };

/** What kind of chart it is and how many series it draws. */
function chartKind(input: ChartDescriptionInput): string {
  const per = PER[input.groupBy];
  const n = input.series.length;
  switch (input.mode) {
    case 'lines':
      return `Line chart of concurrent streaming connections ${per}, ${countOf(n, 'line')}${input.logScale ? ', logarithmic scale' : ''}`;
    case 'stacked':
      return `Stacked area chart of concurrent streaming connections ${per}, ${countOf(n, 'area')} and their total`;
    case 'shares':
      return `100% share chart of streaming connections ${per}, ${countOf(n, 'area')}, each the share of all connections in its bucket`;
  }
}

/** Each series' share of all connections in the first and the last bucket with connections. */
function describeShares(input: ChartDescriptionInput, at: (slot: number) => string): string {
  const { totals } = input;
  let first = -1;
  let last = -1;
  for (let p = 0; p < totals.length; p++) {
    if (totals[p]! > 0) {
      if (first < 0) first = p;
      last = p;
    }
  }
  if (first < 0) return 'No bucket has connections.';
  const shares = input.series.map((s) => ({ label: seriesLabel(s), shares: sharesOf(s.values, totals) }));
  const sharesAt = (slot: number) => `at ${at(slot)}: ${shares.map((s) => `${s.label} ${formatPercent(s.shares[slot]!)}`).join(', ')}`;
  return first === last
    ? `Shares of all connections ${sharesAt(first)} (the only bucket with connections).`
    : `Shares of all connections ${sharesAt(first)}; ${sharesAt(last)}.`;
}

/** The drawn series' largest, by peak ("Other" only when it is all there is). */
function largestOf(series: readonly ChartSeries[]): ChartSeries {
  let largest = series[0]!;
  for (const s of series) if (!s.isOther && (largest.isOther || s.peak > largest.peak)) largest = s;
  return largest;
}

/** The chart canvas's accessible name. */
export function describeChart(input: ChartDescriptionInput): string {
  const { times, series, granularity, timeZone, locale } = input;
  const what = chartKind(input);
  if (times.length === 0 || series.length === 0) return `${what}, no data.`;
  const at = (slot: number) => formatBucketTime(times[slot]!, granularity, timeZone, locale);
  const range = `${granularityLabel(granularity)} from ${at(0)} to ${at(times.length - 1)} (${timeZone})`;
  if (input.mode === 'shares') return `${what}, ${range}. ${describeShares(input, at)}`;
  const largest = largestOf(series);
  const text = `${what}, ${range}. Largest: ${seriesLabel(largest)}, peak ${formatCount(largest.peak, locale)} connections.`;
  if (input.mode === 'lines') return text;
  let totalPeak = 0;
  for (const value of stackedTotal(series, times.length)) totalPeak = Math.max(totalPeak, value);
  return `${text} Total peak ${formatCount(totalPeak, locale)} connections.`;
}

/**
 * What the polite live region says for this status; the webview speaks it only when it differs
 * from what it said last, so "Loaded" is heard once per load and again after each refresh.
 */
export function announcement(
  status: PanelStatus,
  data: { readonly versions: number; readonly sdks: number } | undefined,
): string | undefined {
  if (!status.hasToken) return NO_TOKEN_TEXT;
  if (status.error) return `Error: ${status.error.message}`;
  if (status.load === 'loading') return data ? 'Refreshing usage data…' : LOADING_TEXT;
  const loaded = status.loaded;
  if (status.load !== 'ready' || !loaded || !data) return undefined;
  const where = `${sourceLabel(loaded.source)}, ${rangeLabel(loaded)}`;
  if (data.versions === 0) return `Loaded: no streaming connections. ${where}.`;
  return `Loaded ${countOf(data.versions, 'version')} of ${countOf(data.sdks, 'SDK')}. ${where}.`;
}
