/**
 * Deterministic synthetic data for the local LaunchDarkly-compatible usage API.
 *
 * Everything here is pure: values depend only on the SDK name, the version and the
 * bucket time (plus `now`, which only caps the range and decides the granularity).
 * No Math.random, no clock reads.
 */

export type StreamSource = 'client' | 'server';
export type Granularity = 'minute' | 'hour' | 'day';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Most buckets one bysdkversion answer may hold; larger ranges are rejected with 400. */
export const MAX_BUCKETS = 2_000;

export interface SeriesDefinition {
  sdk: string;
  version: string;
  source: StreamSource;
  /** Typical peak concurrent connections of this version. */
  base: number;
  /** Hour of the UTC day when this SDK peaks. */
  peakHourUtc: number;
  /** 'six-hours': zero in some 6-hour blocks; 'days': zero on some whole UTC days. */
  gaps?: 'six-hours' | 'days';
  /** Extra metadata keys, to exercise clients that must ignore unknown keys. */
  extra?: Record<string, string>;
  /**
   * The metadata entry exactly as sent, when it is not `{sdk, version, source, ...extra}` (a name
   * left out, empty or not a string; other keys). `sdk` and `version` above are then the names
   * the API means (a missing name is "Unknown"): filters match them.
   */
  metadata?: Readonly<Record<string, unknown>>;
}

/** A metadata entry as sent: usually `{sdk, version, source}`, but any keys may be there or missing. */
export type SeriesMetadata = Readonly<Record<string, unknown>>;

export type SeriesPoint = { time: number } & Record<string, number>;

export interface BySdkVersionBody {
  _links: Record<string, unknown>;
  metadata: SeriesMetadata[];
  series: SeriesPoint[];
}

export interface SdkVersionsBody {
  _links: Record<string, unknown>;
  sdkVersions: Readonly<Record<string, unknown>>[];
}

export interface CallerIdentityBody {
  accountId: string;
  authKind: 'token';
  tokenKind: 'personal';
  tokenName: string;
  serviceToken: boolean;
  scopes: string[];
  memberId: string;
}

// ---------------------------------------------------------------------------
// Hashing

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 finaliser for better avalanche
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic number in [0, 1) from the given parts. */
export function hash01(...parts: (string | number)[]): number {
  return fnv1a(parts.join('|')) / 4_294_967_296;
}

// ---------------------------------------------------------------------------
// The catalogue

/** The series of one SDK: same source and daily rhythm. */
export function defs<T extends Omit<SeriesDefinition, 'source' | 'peakHourUtc'>>(
  source: StreamSource,
  peakHourUtc: number,
  list: T[],
): (T & Pick<SeriesDefinition, 'source' | 'peakHourUtc'>)[] {
  return list.map((d) => ({ ...d, source, peakHourUtc }));
}

const SERVER_IN_ORDER: SeriesDefinition[] = [
  ...defs('server', 15, [
    { sdk: 'node-server', version: '9.7.1', base: 4_210 },
    { sdk: 'node-server', version: '9.5.0', base: 1_850 },
    { sdk: 'node-server', version: '8.11.2', base: 640 },
    { sdk: 'node-server', version: '7.0.4', base: 85, gaps: 'six-hours' },
    { sdk: 'node-server', version: '6.2.0', base: 6, gaps: 'days' },
  ]),
  ...defs('server', 14, [
    { sdk: 'go-server', version: '7.4.0', base: 2_630 },
    { sdk: 'go-server', version: '7.1.2', base: 930 },
    { sdk: 'go-server', version: '6.2.1', base: 210 },
    { sdk: 'go-server', version: '5.10.0', base: 14, gaps: 'six-hours' },
  ]),
  ...defs('server', 13, [
    { sdk: 'java-server', version: '7.5.0', base: 12_400 },
    { sdk: 'java-server', version: '6.3.0', base: 3_120 },
    { sdk: 'java-server', version: '5.10.9', base: 120 },
  ]),
  ...defs('server', 16, [
    { sdk: 'python-server', version: '9.4.0', base: 1_530 },
    { sdk: 'python-server', version: '8.3.0', base: 380 },
    { sdk: 'python-server', version: '7.6.1', base: 42 },
  ]),
  ...defs('server', 12, [
    { sdk: 'dotnet-server', version: '8.5.0', base: 2_240 },
    { sdk: 'dotnet-server', version: '7.1.0', base: 510, extra: { extra: 'x' } },
    { sdk: 'dotnet-server', version: '6.3.2', base: 25 },
  ]),
  ...defs('server', 17, [
    { sdk: 'ruby-server', version: '8.6.0', base: 340 },
    { sdk: 'ruby-server', version: '7.3.1', base: 48 },
  ]),
  ...defs('server', 18, [
    { sdk: 'php-server', version: '6.3.0', base: 160 },
    { sdk: 'php-server', version: '5.1.0', base: 9, gaps: 'days' },
  ]),
];

const CLIENT_IN_ORDER: SeriesDefinition[] = [
  ...defs('client', 19, [
    { sdk: 'js-client', version: '3.4.0', base: 8_800 },
    { sdk: 'js-client', version: '3.1.2', base: 2_140 },
    { sdk: 'js-client', version: '2.24.2', base: 450 },
    { sdk: 'js-client', version: '2.18.0', base: 30, gaps: 'six-hours' },
  ]),
  ...defs('client', 20, [
    { sdk: 'react', version: '3.3.1', base: 5_420 },
    { sdk: 'react', version: '2.29.1', base: 700 },
    { sdk: 'react', version: '2.25.0', base: 60 },
  ]),
  ...defs('client', 1, [
    { sdk: 'ios', version: '9.6.1', base: 3_310 },
    { sdk: 'ios', version: '8.3.0', base: 420 },
    { sdk: 'ios', version: '7.2.0', base: 18, gaps: 'six-hours' },
  ]),
  ...defs('client', 2, [
    { sdk: 'android', version: '5.5.0', base: 2_900 },
    { sdk: 'android', version: '4.2.3', base: 610 },
    { sdk: 'android', version: '3.8.0', base: 22, gaps: 'days' },
  ]),
  ...defs('client', 21, [
    { sdk: 'flutter', version: '4.7.0', base: 905 },
    { sdk: 'flutter', version: '3.0.3', base: 35 },
  ]),
];

/** Deterministic shuffle by each item's key: the API does not promise any order, so neither do we. */
export function shuffled<T>(list: readonly T[], key: (item: T, index: number) => string, seed: string): T[] {
  return list
    .map((item, i) => ({ item, k: hash01(seed, key(item, i)) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);
}

/** The series of each source, in the (deliberately unsorted) order the server reports them. */
export const SERIES_DEFINITIONS: Readonly<Record<StreamSource, readonly SeriesDefinition[]>> = {
  server: shuffled(SERVER_IN_ORDER, (d) => `${d.sdk}|${d.version}`, 'order-v1'),
  client: shuffled(CLIENT_IN_ORDER, (d) => `${d.sdk}|${d.version}`, 'order-v1'),
};

/** Versions seen in the past 60 days that hold no connections now (sdkversions only). */
export const EXTRA_SDK_VERSIONS: Readonly<Record<StreamSource, readonly { sdk: string; version: string }[]>> = {
  server: [
    { sdk: 'node-server', version: '9.8.0' },
    { sdk: 'python-server', version: '9.5.0' },
  ],
  client: [{ sdk: 'js-client', version: '3.5.0' }],
};

export function isStreamSource(value: string): value is StreamSource {
  return value === 'client' || value === 'server';
}

// ---------------------------------------------------------------------------
// Values

/** Peak concurrent connections of one series during the UTC hour starting at hourStart. */
export function hourlyValue(def: SeriesDefinition, hourStart: number): number {
  const h = Math.floor(hourStart / HOUR_MS) * HOUR_MS;
  if (def.gaps === 'six-hours' && hash01('gap6', def.sdk, def.version, Math.floor(h / (6 * HOUR_MS))) < 0.35) {
    return 0;
  }
  if (def.gaps === 'days' && hash01('gapd', def.sdk, def.version, Math.floor(h / DAY_MS)) < 0.3) {
    return 0;
  }
  const hourOfDay = (h / HOUR_MS) % 24;
  const rhythm = 0.65 + 0.35 * Math.cos((2 * Math.PI * (hourOfDay - def.peakHourUtc)) / 24); // 0.3 … 1.0
  const weekday = new Date(h).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 0.85 : 1;
  const noise = 0.94 + 0.12 * hash01('h', def.sdk, def.version, h); // 0.94 … 1.06
  return Math.max(1, Math.round(def.base * rhythm * weekly * noise));
}

/** Concurrent connections at the minute starting at minuteStart (never above the hour's peak). */
export function minutelyValue(def: SeriesDefinition, minuteStart: number): number {
  const peak = hourlyValue(def, minuteStart);
  if (peak === 0) return 0;
  const m = Math.floor(minuteStart / MINUTE_MS) * MINUTE_MS;
  return Math.round(peak * (0.88 + 0.12 * hash01('m', def.sdk, def.version, m)));
}

/**
 * Peak of a day: the largest hourly value among the hours starting in [dayStart, dayEnd)
 * that have begun by `now`.
 */
export function dailyValue(def: SeriesDefinition, dayStart: number, dayEnd: number, now: number): number {
  let best = -1;
  for (let h = Math.ceil(dayStart / HOUR_MS) * HOUR_MS; h < dayEnd && h <= now; h += HOUR_MS) {
    best = Math.max(best, hourlyValue(def, h));
  }
  return best < 0 ? hourlyValue(def, dayStart) : best;
}

// ---------------------------------------------------------------------------
// Time zones (Intl only)

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 100) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(tz: string, t: number): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(tz).formatToParts(new Date(t))) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute' || p.type === 'second') {
      out[p.type] = Number(p.value);
    }
  }
  if (out.hour === 24) out.hour = 0; // very old engines
  return out;
}

/** Offset of the zone from UTC at instant t, in ms (New York in winter: -18 000 000). */
export function zoneOffsetMs(tz: string, t: number): number {
  const p = localParts(tz, t);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

function dayKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

function localDayKey(tz: string, t: number): number {
  const p = localParts(tz, t);
  return dayKey(p.year, p.month, p.day);
}

/** First instant of the local calendar day year-month-day (month 1-12) in the zone. */
export function startOfLocalDay(tz: string, year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day);
  const key = dayKey(year, month, day);
  let guess = utcMidnight - zoneOffsetMs(tz, utcMidnight);
  guess = utcMidnight - zoneOffsetMs(tz, guess);
  const p = localParts(tz, guess);
  if (dayKey(p.year, p.month, p.day) === key && p.hour === 0 && p.minute === 0 && p.second === 0 && localDayKey(tz, guess - 1000) < key) {
    return guess;
  }
  // Midnight skipped or repeated by a DST change: find the first second of the day.
  let lo = utcMidnight - 16 * HOUR_MS; // local date still before the day everywhere
  let hi = utcMidnight + 16 * HOUR_MS; // local date already the day (or after) everywhere
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (localDayKey(tz, mid) >= key) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Start of the local day after the one containing dayStart. */
function nextLocalDay(tz: string, dayStart: number): number {
  const p = localParts(tz, dayStart + 12 * HOUR_MS);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return startOfLocalDay(tz, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

// ---------------------------------------------------------------------------
// Buckets

/** The API's rule: within the past 2 hours → minutely; within the last 2 days → hourly; else daily. */
export function granularityFor(from: number, now: number): Granularity {
  if (from >= now - 2 * HOUR_MS) return 'minute';
  if (from >= now - 2 * DAY_MS) return 'hour';
  return 'day';
}

/** Rough upper bound of the bucket count, to reject absurd ranges before doing work. */
export function estimateBuckets(from: number, to: number, granularity: Granularity, now: number): number {
  const end = Math.min(to, now);
  if (end < from) return 0;
  const step = granularity === 'minute' ? MINUTE_MS : granularity === 'hour' ? HOUR_MS : DAY_MS;
  return Math.floor((end - from) / step) + 2;
}

export interface Bucket {
  time: number;
  /** Exclusive end of the bucket. */
  end: number;
}

/**
 * Buckets from the first aligned boundary >= from up to min(to, now), inclusive.
 * Minutes and hours are aligned in UTC; days start at local midnight in tz (default UTC).
 */
export function bucketsFor(from: number, to: number, granularity: Granularity, now: number, tz = 'UTC'): Bucket[] {
  const end = Math.min(to, now);
  const out: Bucket[] = [];
  if (end < from) return out;
  if (granularity !== 'day') {
    const step = granularity === 'minute' ? MINUTE_MS : HOUR_MS;
    for (let t = Math.ceil(from / step) * step; t <= end; t += step) out.push({ time: t, end: t + step });
    return out;
  }
  const p = localParts(tz, from);
  let day = startOfLocalDay(tz, p.year, p.month, p.day);
  if (day < from) day = nextLocalDay(tz, day);
  while (day <= end) {
    const next = nextLocalDay(tz, day);
    out.push({ time: day, end: next });
    day = next;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Response bodies

export interface BySdkVersionParams {
  source: StreamSource;
  /** Epoch ms, already validated (from < to). */
  from: number;
  to: number;
  now: number;
  tz?: string | undefined;
  sdk?: string | undefined;
  version?: string | undefined;
}

export function seriesFor(
  source: StreamSource,
  sdk?: string,
  version?: string,
  definitions: Readonly<Record<StreamSource, readonly SeriesDefinition[]>> = SERIES_DEFINITIONS,
): SeriesDefinition[] {
  return definitions[source].filter((d) => (sdk === undefined || d.sdk === sdk) && (version === undefined || d.version === version));
}

export function metadataOf(def: SeriesDefinition): SeriesMetadata {
  return def.metadata ?? { sdk: def.sdk, version: def.version, source: def.source, ...(def.extra ?? {}) };
}

/** A series' value in one bucket of the given granularity. */
export function bucketValue(def: SeriesDefinition, bucket: Bucket, granularity: Granularity, now: number): number {
  return granularity === 'minute'
    ? minutelyValue(def, bucket.time)
    : granularity === 'hour'
      ? hourlyValue(def, bucket.time)
      : dailyValue(def, bucket.time, bucket.end, now);
}

/** The body of GET /api/v2/usage/streams/{source}/bysdkversion for validated parameters, from these series (by default the clean set's). */
export function bySdkVersionBody(
  params: BySdkVersionParams,
  definitions: Readonly<Record<StreamSource, readonly SeriesDefinition[]>> = SERIES_DEFINITIONS,
): BySdkVersionBody {
  const { source, from, to, now } = params;
  const tz = params.tz ?? 'UTC';
  const granularity = granularityFor(from, now);
  const list = seriesFor(source, params.sdk, params.version, definitions);
  const series: SeriesPoint[] = bucketsFor(from, to, granularity, now, tz).map((b) => {
    const point: SeriesPoint = { time: b.time } as SeriesPoint;
    list.forEach((def, i) => {
      point[String(i)] = bucketValue(def, b, granularity, now);
    });
    return point;
  });
  return { _links: {}, metadata: list.map(metadataOf), series };
}

/** The body of GET /api/v2/usage/streams/{source}/sdkversions. */
export function sdkVersionsBody(source: StreamSource): SdkVersionsBody {
  const current = SERIES_DEFINITIONS[source].map((d) => ({ sdk: d.sdk, version: d.version }));
  const extras = EXTRA_SDK_VERSIONS[source];
  // Put the extras in the middle, not at the end, so order carries no meaning.
  const mid = Math.floor(current.length / 2);
  return { _links: {}, sdkVersions: [...current.slice(0, mid), ...extras, ...current.slice(mid)] };
}

export function callerIdentityBody(): CallerIdentityBody {
  return {
    accountId: '5f0a0de70000000000000001',
    authKind: 'token',
    tokenKind: 'personal',
    tokenName: 'Demo token',
    serviceToken: false,
    scopes: ['reader'],
    memberId: '5f0a0de70000000000000002',
  };
}

// ---------------------------------------------------------------------------
// Error bodies

export interface LdErrorBody {
  code: string;
  message: string;
}

const ERROR_BODIES: Record<number, LdErrorBody> = {
  400: { code: 'invalid_request', message: 'Invalid request body' },
  401: { code: 'unauthorized', message: 'Invalid access token' },
  403: { code: 'forbidden', message: 'Forbidden. Access to the requested resource was denied.' },
  404: { code: 'not_found', message: 'Invalid resource identifier' },
  405: { code: 'method_not_allowed', message: 'Method not allowed' },
  409: { code: 'conflict', message: 'Conflict' },
  429: { code: 'rate_limited', message: "You've exceeded the API rate limit. Try again later." },
  500: { code: 'internal_server_error', message: 'Internal server error' },
  502: { code: 'bad_gateway', message: 'Bad gateway' },
  503: { code: 'service_unavailable', message: 'Service unavailable' },
  504: { code: 'gateway_timeout', message: 'Gateway timeout' },
};

/** An LD-shaped error body for the status. */
export function errorBody(status: number): LdErrorBody {
  return ERROR_BODIES[status] ?? { code: status >= 500 ? 'internal_server_error' : 'error', message: `HTTP ${status}` };
}
