/**
 * What the loaded data left out or got wrong, in words: shown beside the tree's summary and the
 * chart's subtitle, and logged once per load. Pure, no `vscode` import.
 */
import type { TimeSpan } from '../api/parse';
import { formatCount, isoInZone } from './format';
import type { LoadedQuery } from './query';
import type { Granularity } from './timeRange';
import type { UsageModel } from './usageModel';

/** One bucket of slack around the range asked for; a day and an hour for days, for daylight saving. */
const BUCKET_MS: Record<Granularity, number> = { minutely: 60_000, hourly: 3_600_000, daily: 25 * 3_600_000 };

/** The range asked for, as the check below reads it. */
export type AskedRange = Pick<LoadedQuery, 'from' | 'to' | 'granularity' | 'timeZone'>;

function inRange(time: number, range: AskedRange): boolean {
  const slack = BUCKET_MS[range.granularity];
  return time >= range.from - slack && time <= range.to + slack;
}

/** The answer named times more than one bucket outside the range asked for. */
export function outsideRange(span: TimeSpan, range: AskedRange): boolean {
  return !inRange(span.first, range) || !inRange(span.last, range);
}

/** Some of these bucket times lie within the range asked for. */
export function anyInRange(times: readonly number[], range: AskedRange): boolean {
  return times.some((time) => inRange(time, range));
}

/** Dates with four-digit years; anything else is shown as the raw number. */
const FIRST_DATE = Date.UTC(1000, 0, 1);
const LAST_DATE = Date.UTC(9999, 11, 31);

/** A time as a date (with the time of day unless the data is daily), or raw milliseconds far outside any plausible date. */
function when(time: number, range: AskedRange): string {
  if (!(time >= FIRST_DATE && time <= LAST_DATE)) return `${time} ms`;
  const iso = isoInZone(time, range.timeZone);
  return range.granularity === 'daily' ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function describeRangeMismatch(span: TimeSpan, range: AskedRange): string {
  return `LaunchDarkly returned times from ${when(span.first, range)} to ${when(span.last, range)}, outside the requested range ${when(range.from, range)} to ${when(range.to, range)}: the API may read from/to in another unit`;
}

const counted = (n: number, what: string) => `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;

/** Short notes on what was left out of the model and why; empty when nothing was. */
export function dataNotes(model: UsageModel, loaded: LoadedQuery): string[] {
  const notes: string[] = [];
  if (model.ignoredValues > 0) {
    notes.push(`${counted(model.ignoredValues, 'value')} ignored (not whole numbers)`);
  }
  if (model.droppedTimes > 0) {
    notes.push(`${counted(model.droppedTimes, 'point')} at impossible times left out`);
  }
  // Impossible times are already counted above; what is charted may still lie outside the range.
  const { times } = model;
  const charted = times.length ? { first: times[0]!, last: times[times.length - 1]! } : undefined;
  if (charted && outsideRange(charted, loaded)) {
    notes.push(describeRangeMismatch(charted, loaded));
  }
  return notes;
}
