/**
 * Validation of the usage API's JSON bodies. Nothing from the network is trusted: every field the
 * extension relies on is checked here and a problem becomes a typed `invalidResponse` error that
 * names it.
 */
import { UsageApiError } from './errors';

export type StreamSource = 'server' | 'client';
export const STREAM_SOURCES: readonly StreamSource[] = ['server', 'client'];

export const UNKNOWN = 'Unknown';

export interface SeriesDescriptor {
  readonly sdk: string;
  readonly version: string;
}

/** One bysdkversion answer: bucket times and, per series, one value per bucket. */
export interface SeriesList {
  readonly times: readonly number[];
  readonly series: readonly (SeriesDescriptor & { readonly values: readonly number[] })[];
}

export interface CallerIdentity {
  readonly accountId?: string;
  readonly tokenName?: string;
  readonly tokenKind?: string;
  readonly authKind?: string;
  readonly serviceToken?: boolean;
}

/** The last instant a JavaScript Date can hold: later "times" are not dates at all. */
const MAX_TIME = 8_640_000_000_000_000;

function invalid(problem: string): UsageApiError {
  return new UsageApiError(
    'invalidResponse',
    `LaunchDarkly's API sent a response this extension cannot read: ${problem}. Refresh to try again; if it persists, check launchdarklyUsage.baseUrl points at LaunchDarkly.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name or version: a missing or empty one reads as "Unknown", as the API itself reports. */
function label(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return UNKNOWN;
}

/** Validates a `SeriesListRep` body (already JSON-parsed) into a `SeriesList`. */
export function parseSeriesList(body: unknown): SeriesList {
  if (!isObject(body)) {
    throw invalid('the body is not a JSON object');
  }
  const { metadata, series } = body;
  if (!Array.isArray(metadata)) {
    throw invalid('"metadata" is missing or not a list');
  }
  if (!Array.isArray(series)) {
    throw invalid('"series" is missing or not a list');
  }
  const count = metadata.length;
  const descriptors: SeriesDescriptor[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const item: unknown = metadata[i];
    if (!isObject(item)) {
      throw invalid(`metadata[${i}] is not an object`);
    }
    descriptors[i] = { sdk: label(item.sdk), version: label(item.version) };
  }

  const pointCount = series.length;
  const times: number[] = new Array(pointCount);
  // One flat column per series, filled point by point; a key absent from a point means 0.
  const columns: number[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    columns[i] = new Array<number>(pointCount).fill(0);
  }
  for (let p = 0; p < pointCount; p++) {
    const point: unknown = series[p];
    if (!isObject(point)) {
      throw invalid(`series[${p}] is not an object`);
    }
    const time = point.time;
    if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0 || time > MAX_TIME) {
      throw invalid(`series[${p}] has no valid "time"`);
    }
    times[p] = time;
    for (const key in point) {
      if (key === 'time') {
        continue;
      }
      // Keys are decimal indexes into metadata; compare numerically, never as text.
      const index = Number(key);
      if (!(index >= 0 && index < count && Number.isInteger(index) && String(index) === key)) {
        throw invalid(`series[${p}] has key "${key}" with no matching metadata entry`);
      }
      const value = point[key];
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw invalid(`series[${p}]["${key}"] is not a whole number of connections`);
      }
      columns[index]![p] = value;
    }
  }
  return orderByTime({ times, series: descriptors.map((d, i) => ({ ...d, values: columns[i]! })) });
}

/** The API sends points in time order; if a body does not, sort it, and refuse duplicate times. */
function orderByTime(list: SeriesList): SeriesList {
  const { times } = list;
  let sorted = true;
  for (let p = 1; p < times.length; p++) {
    if (times[p]! === times[p - 1]!) {
      throw invalid(`two points share the time ${new Date(times[p]!).toISOString()}`);
    }
    if (times[p]! < times[p - 1]!) {
      sorted = false;
    }
  }
  if (sorted) {
    return list;
  }
  const order = times.map((_, p) => p).sort((a, b) => times[a]! - times[b]!);
  for (let k = 1; k < order.length; k++) {
    if (times[order[k]!] === times[order[k - 1]!]) {
      throw invalid(`two points share the time ${new Date(times[order[k]!]!).toISOString()}`);
    }
  }
  return {
    times: order.map((p) => times[p]!),
    series: list.series.map((s) => ({ ...s, values: order.map((p) => s.values[p]!) })),
  };
}

/** Validates a `SdkVersionListRep` body. */
export function parseSdkVersions(body: unknown): SeriesDescriptor[] {
  if (!isObject(body) || !Array.isArray(body.sdkVersions)) {
    throw invalid('"sdkVersions" is missing or not a list');
  }
  return body.sdkVersions.map((item: unknown, i: number) => {
    if (!isObject(item)) {
      throw invalid(`sdkVersions[${i}] is not an object`);
    }
    return { sdk: label(item.sdk), version: label(item.version) };
  });
}

export function parseCallerIdentity(body: unknown): CallerIdentity {
  if (!isObject(body)) {
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

/** The `message` of an LD error body, if the body is one. */
export function errorBodyMessage(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body) && typeof body.message === 'string') {
      return body.message.slice(0, 300);
    }
  } catch {
    // Not JSON (a proxy's HTML page, for instance): the status alone must do.
  }
  return undefined;
}
