/**
 * What the loaded data left out or got wrong, as kinds and numbers: shown beside the tree's summary
 * and the chart's subtitle, and logged once per load, in the words of presentation/notes.ts.
 * Also the check for times outside the range asked for. Pure, no `vscode` import.
 */
import type { TimeSpan } from '../api/parse';
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

/** Times outside the range asked for: the first and last that came, and the range. */
export interface RangeMismatch {
  readonly kind: 'rangeMismatch';
  readonly returned: TimeSpan;
  readonly asked: AskedRange;
}

export type DataNote =
  /** Values that were not whole numbers. */
  | { readonly kind: 'ignoredValues'; readonly count: number }
  /** Points at times no date can have. */
  | { readonly kind: 'droppedTimes'; readonly count: number }
  | RangeMismatch;

/** What was left out of the model and why; empty when nothing was. */
export function dataNotes(model: UsageModel, loaded: LoadedQuery): DataNote[] {
  const notes: DataNote[] = [];
  if (model.ignoredValues > 0) {
    notes.push({ kind: 'ignoredValues', count: model.ignoredValues });
  }
  if (model.droppedTimes > 0) {
    notes.push({ kind: 'droppedTimes', count: model.droppedTimes });
  }
  // Impossible times are already counted above; what is charted may still lie outside the range.
  const { times } = model;
  const charted = times.length ? { first: times[0]!, last: times[times.length - 1]! } : undefined;
  if (charted && outsideRange(charted, loaded)) {
    notes.push({ kind: 'rangeMismatch', returned: charted, asked: loaded });
  }
  return notes;
}
