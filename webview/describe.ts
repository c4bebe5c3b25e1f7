/**
 * What assistive technology hears: the chart's label (what is drawn, over which range, the largest
 * series) and the live region's announcements. Pure, so the texts are unit-tested.
 */
import type { GroupBy } from '../src/model/chartData';
import { formatCount } from '../src/model/format';
import { seriesLabel, sourceLabel } from '../src/presentation/labels';
import { granularityLabel, rangeLabel } from '../src/presentation/queryWords';
import { LOADING_TEXT, NO_TOKEN_TEXT } from '../src/presentation/status';
import type { PanelStatus } from '../src/protocol';
import type { ChartInput } from './chart';
import { formatBucketTime } from './time';

export type ChartDescriptionInput = Omit<ChartInput, 'focusId'> & { readonly groupBy: GroupBy };

/** The chart canvas's accessible name. */
export function describeChart(input: ChartDescriptionInput): string {
  const { times, series, granularity, timeZone, locale } = input;
  const lines = `${series.length} line${series.length === 1 ? '' : 's'}`;
  const what = `Line chart of concurrent streaming connections ${input.groupBy === 'sdk' ? 'per SDK' : 'per SDK version'}, ${lines}`;
  if (times.length === 0 || series.length === 0) return `${what}, no data.`;
  const range = `${granularityLabel(granularity)} from ${formatBucketTime(times[0]!, granularity, timeZone, locale)} to ${formatBucketTime(times[times.length - 1]!, granularity, timeZone, locale)} (${timeZone})`;
  let largest = series[0]!;
  for (const s of series) if (!s.isOther && (largest.isOther || s.peak > largest.peak)) largest = s;
  return `${what}, ${range}. Largest: ${seriesLabel(largest)}, peak ${formatCount(largest.peak, locale)} connections.`;
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
  const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
  return `Loaded ${plural(data.versions, 'version')} of ${plural(data.sdks, 'SDK')}. ${where}.`;
}
