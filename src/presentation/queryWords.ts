/**
 * The words for what people ask for: time range presets, the range a load answered, bucket sizes,
 * the filter, and why a custom range cannot be asked for. Pure; the webview imports it too.
 */
import type { LoadedQuery, UsageFilter } from '../model/query';
import { formatInputDate, type Granularity, type RangePreset, type TimeRangeProblem } from '../model/timeRange';
import { plainText } from '../text';

const PRESET_LABELS: Readonly<Record<RangePreset, string>> = {
  '2h': 'Last 2 hours',
  '24h': 'Last 24 hours',
  '2d': 'Last 2 days',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};

export function presetLabel(preset: RangePreset): string {
  return PRESET_LABELS[preset];
}

/** The range a load answered: its preset's label, or a custom range's start and end as they are typed. */
export function rangeLabel(loaded: Pick<LoadedQuery, 'preset' | 'from' | 'to'>): string {
  return loaded.preset ? presetLabel(loaded.preset) : `${formatInputDate(loaded.from)} – ${formatInputDate(loaded.to)}`;
}

export function granularityLabel(granularity: Granularity): string {
  return { minutely: 'per minute', hourly: 'hourly', daily: 'daily' }[granularity];
}

/** The filter in words, as plain text (names on one line, bounded); escape it further for Markdown. */
export function describeFilter(filter: UsageFilter): string | undefined {
  // An SDK reported under several names is filtered by all of them.
  const sdk = filter.sdk && [filter.sdk, ...(filter.otherSpellings ?? [])].map((name) => plainText(name)).join(' or ');
  const version = filter.version && plainText(filter.version);
  if (sdk && version) return `${sdk} ${version}`;
  if (sdk) return sdk;
  if (version) return `version ${version}`;
  return undefined;
}

/** The forms a custom start or end may take. */
export const DATE_INPUT_HINT = 'Use YYYY-MM-DD or YYYY-MM-DDTHH:MM.';

/** Why a custom range cannot be asked for, naming the text as typed. */
export function describeTimeRangeProblem(problem: TimeRangeProblem): string {
  const { from, to } = problem;
  switch (problem.kind) {
    case 'startNotDate':
      return `The custom start "${from}" is not a date. ${DATE_INPUT_HINT}`;
    case 'endNotDate':
      return `The custom end "${to}" is not a date. ${DATE_INPUT_HINT}`;
    case 'endNotAfterStart':
      return `The custom end (${to}) must be after the start (${from}).`;
    case 'startInFuture':
      return `The custom start (${from}) is in the future.`;
    case 'endInFuture':
      return `The custom end (${to}) is in the future; use an end no later than now.`;
  }
}
