/**
 * Validation of the usage API's JSON bodies. Nothing from the network is trusted: every field the
 * extension relies on is checked here and a problem becomes a typed `invalidResponse` error that
 * names it.
 */
import type { Cells } from './cells';
import { UsageApiError, tooLargeError } from './errors';
import { isRecord } from '../record';

export type StreamSource = 'server' | 'client';
export const STREAM_SOURCES: readonly StreamSource[] = ['server', 'client'];

export const UNKNOWN = 'Unknown';

export interface SeriesDescriptor {
  readonly sdk: string;
  readonly version: string;
}

/** The earliest and latest bucket time a body named, including times that were left out. */
export interface TimeSpan {
  readonly first: number;
  readonly last: number;
}

/** The span covering both (either may be missing). */
export function joinSpans(a: TimeSpan | undefined, b: TimeSpan | undefined): TimeSpan | undefined {
  return a && b ? { first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) } : (a ?? b);
}

/**
 * One bysdkversion answer: bucket times, one descriptor per series, and the series' connections as
 * sparse cells (see cells.ts): series i owns cells [offsets[i], offsets[i + 1]), whose slots index
 * `times`. A key absent from a point, a 0 and an ignored value all leave no cell.
 */
export interface SeriesList {
  /** Ascending and distinct, each one plausible (`isPlausibleTime`). */
  readonly times: readonly number[];
  readonly series: readonly SeriesDescriptor[];
  /** series.length + 1 entries. */
  readonly offsets: Int32Array;
  readonly cells: Cells;
  /** Values that were not whole numbers of connections (null, fractions, negatives…), left out. */
  readonly ignoredValues: number;
  /** Points whose time was a number but not a plausible one, left out with their values. */
  readonly droppedTimes: number;
  /** The span of every numeric, finite time in the body, dropped ones included. */
  readonly timeSpan: TimeSpan | undefined;
}

/**
 * The most series (metadata entries) and points one answer may have. Past either the body is
 * refused as too large before anything in proportion to it is built: the views draw at most
 * (chart.topN + 2) dense rows of MAX_POINTS buckets, and keep one small record per series.
 */
export const MAX_SERIES = 100_000;
export const MAX_POINTS = 10_000;

/** LaunchDarkly's usage API is younger than this: an earlier time is a misread unit or garbage. */
export const EARLIEST_PLAUSIBLE_TIME = Date.UTC(2015, 0, 1);
const DAY = 86_400_000;

/** A bucket time worth charting: whole milliseconds from 2015 to a day past `now`. */
export function isPlausibleTime(time: number, now: number): boolean {
  return Number.isSafeInteger(time) && time >= EARLIEST_PLAUSIBLE_TIME && time <= now + DAY;
}

export function tooManySeries(): UsageApiError {
  return tooLargeError(`names more than ${MAX_SERIES.toLocaleString('en-US')} series (the most this extension shows)`);
}

export function tooManyPoints(): UsageApiError {
  return tooLargeError(`has more than ${MAX_POINTS.toLocaleString('en-US')} time buckets (the most this extension shows)`);
}

/** The problem with two points at the same time (plausible times only, so a date). */
export function sharedTime(time: number): string {
  return `two points share the time ${new Date(time).toISOString()}`;
}

export interface CallerIdentity {
  readonly accountId?: string;
  readonly tokenName?: string;
  readonly tokenKind?: string;
  readonly authKind?: string;
  readonly serviceToken?: boolean;
}

export function invalid(problem: string): UsageApiError {
  return new UsageApiError('invalidResponse', `LaunchDarkly's API sent a response this extension cannot read: ${problem}.`, {
    problem: 'unreadable',
  });
}

/** A name or version: a missing or empty one reads as "Unknown", as the API itself reports. */
export function label(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed !== '') {
    return trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return UNKNOWN;
}

/** Validates a `SdkVersionListRep` body. */
export function parseSdkVersions(body: unknown): SeriesDescriptor[] {
  if (!isRecord(body) || !Array.isArray(body.sdkVersions)) {
    throw invalid('"sdkVersions" is missing or not a list');
  }
  return body.sdkVersions.map((item: unknown, i: number) => {
    if (!isRecord(item)) {
      throw invalid(`sdkVersions[${i}] is not an object`);
    }
    return { sdk: label(item.sdk), version: label(item.version) };
  });
}

export function parseCallerIdentity(body: unknown): CallerIdentity {
  if (!isRecord(body)) {
    throw invalid('the caller identity is not a JSON object');
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    accountId: text(body.accountId),
    tokenName: text(body.tokenName),
    tokenKind: text(body.tokenKind),
    authKind: text(body.authKind),
    serviceToken: typeof body.serviceToken === 'boolean' ? body.serviceToken : undefined,
  };
}

/**
 * The `message`, `code` and `id` of an LD error body, if the body is one. Raw server text: the
 * client redacts and bounds it before anyone sees it.
 */
export function errorBodyFields(text: string): { message?: string; code?: string; id?: string } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body)) {
      const field = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
      const fields = { message: field(body.message), code: field(body.code), id: field(body.id) };
      return (fields.message ?? fields.code ?? fields.id) === undefined ? undefined : fields;
    }
  } catch {
    // Not JSON (a proxy's HTML page, for instance): the status alone must do.
  }
  return undefined;
}
