/** Time ranges people can ask for, and the bucket size the API answers with for each. */

export type Granularity = 'minutely' | 'hourly' | 'daily';

export const RANGE_PRESETS = ['2h', '24h', '2d', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export type TimeRangeSpec = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: string; to: string };

export interface ResolvedRange {
  readonly from: number;
  readonly to: number;
  readonly granularity: Granularity;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PRESET_SPANS: Record<RangePreset, number> = {
  '2h': 2 * HOUR,
  '24h': DAY,
  '2d': 2 * DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
};

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** The API's rule: a range starting within the past 2 hours is minutely, within 2 days hourly, else daily. */
export function granularityFor(from: number, now: number): Granularity {
  const age = now - from;
  if (age <= 2 * HOUR) {
    return 'minutely';
  }
  if (age <= 2 * DAY) {
    return 'hourly';
  }
  return 'daily';
}

/** Why a custom range cannot be asked for, with the texts as typed. */
export interface TimeRangeProblem {
  readonly kind: 'startNotDate' | 'endNotDate' | 'endNotAfterStart' | 'startInFuture' | 'endInFuture';
  readonly from: string;
  readonly to: string;
}

/** A custom range that cannot be asked for; presentation words its problem. */
export class TimeRangeError extends Error {
  constructor(readonly problem: TimeRangeProblem) {
    super(`${problem.kind} ${JSON.stringify([problem.from, problem.to])}`);
    this.name = 'TimeRangeError';
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
}

/**
 * Reads a date or date-time typed by a person. A bare date means local midnight, which is what
 * people mean by "from 1 November"; anything else must be an ISO 8601 date-time.
 */
export function parseDateInput(text: string): number | undefined {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    return isCalendarDate(y, m, d) ? new Date(y, m - 1, d).getTime() : undefined;
  }
  const dateTime = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}/.exec(trimmed);
  // Date.parse rolls "2026-02-30T10:00" over into March; refuse days the month does not have.
  if (!dateTime || !isCalendarDate(Number(dateTime[1]), Number(dateTime[2]), Number(dateTime[3]))) {
    return undefined;
  }
  const time = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : time;
}

/** Clock skew tolerated before a custom "to" counts as in the future. */
const FUTURE_SLACK = 5 * MINUTE;

/**
 * A preset's start sits this far inside its span: the API judges "within the past 2 hours" by its
 * own clock when the request arrives, so a start exactly 2 hours back would come back hourly.
 */
const BOUNDARY_MARGIN = MINUTE;

/** The bucket size that a series of bucket times shows, or undefined when there are too few. */
export function granularityOfTimes(times: readonly number[]): Granularity | undefined {
  if (times.length < 2) {
    return undefined;
  }
  let smallest = Infinity;
  for (let i = 1; i < times.length; i++) smallest = Math.min(smallest, times[i]! - times[i - 1]!);
  if (smallest <= MINUTE) return 'minutely';
  if (smallest <= HOUR) return 'hourly';
  return 'daily';
}

export function resolveTimeRange(spec: TimeRangeSpec, now: number): ResolvedRange {
  if (spec.kind === 'preset') {
    const from = now - PRESET_SPANS[spec.preset] + BOUNDARY_MARGIN;
    return { from, to: now, granularity: granularityFor(from, now) };
  }
  const from = parseDateInput(spec.from);
  const to = parseDateInput(spec.to);
  const refuse = (kind: TimeRangeProblem['kind']) => new TimeRangeError({ kind, from: spec.from, to: spec.to });
  if (from === undefined) throw refuse('startNotDate');
  if (to === undefined) throw refuse('endNotDate');
  if (to <= from) throw refuse('endNotAfterStart');
  if (from > now) throw refuse('startInFuture');
  if (to > now + FUTURE_SLACK) throw refuse('endInFuture');
  return { from, to: Math.min(to, now), granularity: granularityFor(from, now) };
}

/** A local date-time in the same form `parseDateInput` reads. */
export function formatInputDate(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return d.getHours() === 0 && d.getMinutes() === 0 ? date : `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The zone to ask the API for: the one set if it is a valid IANA zone, else this machine's. */
export function resolveTimeZone(setting: string): string {
  if (setting) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: setting });
      return setting;
    } catch {
      // Not a zone Intl knows: fall back to the machine's, as for an empty setting.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
