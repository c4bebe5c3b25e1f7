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
export const MAX_TIME = 8_640_000_000_000_000;

export function invalid(problem: string): UsageApiError {
  return new UsageApiError(
    'invalidResponse',
    `LaunchDarkly's API sent a response this extension cannot read: ${problem}. Refresh to try again; if it persists, check launchdarklyUsage.baseUrl points at LaunchDarkly.`,
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name or version: a missing or empty one reads as "Unknown", as the API itself reports. */
export function label(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return UNKNOWN;
}

/** The API sends points in time order; if a body does not, sort it, and refuse duplicate times. */
export function orderByTime(list: SeriesList): SeriesList {
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

/**
 * The `message`, `code` and `id` of an LD error body, if the body is one. Raw server text: the
 * client redacts and bounds it before anyone sees it.
 */
export function errorBodyFields(text: string): { message?: string; code?: string; id?: string } | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body)) {
      const field = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
      const fields = { message: field(body.message), code: field(body.code), id: field(body.id) };
      return (fields.message ?? fields.code ?? fields.id) === undefined ? undefined : fields;
    }
  } catch {
    // Not JSON (a proxy's HTML page, for instance): the status alone must do.
  }
  return undefined;
}
