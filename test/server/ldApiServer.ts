/**
 * A local LaunchDarkly-compatible API server for tests and the demo.
 *
 * Serves caller-identity, the two beta stream-usage endpoints and the SDK-versions endpoints
 * (`sdk-versions/all`, `/details`, derived from the series the data set reports on: the clean set's
 * for `clean` and `messy`, its own for `workspace`) with deterministic synthetic data from one of
 * its data sets (datasets.ts: `clean`, `messy` or `workspace`, switchable while running),
 * records the /api/ requests it receives, and can inject faults (status codes, delays, malformed
 * bodies, connection resets). Binds 127.0.0.1 (only the proxy tests choose another address) with
 * node:http, or node:https when given a test certificate.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { DATASETS, DATASET_NAMES, isDatasetName, type Dataset, type DatasetName } from './datasets.js';
import {
  callerIdentityBody,
  DAY_MS,
  errorBody,
  estimateBuckets,
  granularityFor,
  HOUR_MS,
  isStreamSource,
  isValidTimeZone,
  MAX_BUCKETS,
  metadataOf,
  MINUTE_MS,
} from './syntheticData.js';
import { sdkVersionsAllBody, sdkVersionsDetailsBody } from './sdkVersionDetailsData.js';

/** A syntactically valid personal access token (api- + UUID) the demo and tests use. */
export const DEMO_TOKEN = 'api-de70de70-0000-4000-8000-00000000de70';

export type MalformedVariant =
  | 'not-json'
  | 'html'
  | 'no-metadata'
  | 'string-values'
  | 'key-without-metadata'
  | 'duplicate-times'
  | 'missing-time'
  | 'odd-values'
  | 'impossible-times'
  | 'seconds-times'
  | 'too-many-series'
  | 'huge';

export const MALFORMED_VARIANTS: readonly MalformedVariant[] = [
  'not-json',
  'html',
  'no-metadata',
  'string-values',
  'key-without-metadata',
  'duplicate-times',
  'missing-time',
  'odd-values',
  'impossible-times',
  'seconds-times',
  'too-many-series',
  'huge',
];

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed'; variant: MalformedVariant }
  | { kind: 'reset' }
  /** The normal answer padded with trailing spaces (still valid JSON) to exactly `bytes` bytes. */
  | { kind: 'size'; bytes: number };

export interface FaultRule {
  fault: Fault;
  /** How many matching requests the rule answers; default: until cleared. */
  times?: number;
  /**
   * Substring of the pathname; default: the stream routes (every /api/ route except caller-identity
   * and sdk-versions, which are failed only by a rule naming them, e.g. path "sdk-versions").
   */
  path?: string;
}

export interface RecordedRequest {
  method: string;
  /** Pathname, without the query string. */
  path: string;
  /** First value of each query parameter. */
  query: Record<string, string>;
  /** Lower-cased header names. In-process the Authorization value is kept as sent; /__admin/requests redacts it. */
  headers: Record<string, string>;
  /** Wall-clock Date.now() when the request arrived (not opts.now, so retry spacing can be measured). */
  time: number;
  /** Whether the Authorization header was exactly the server's token. */
  authorized: boolean;
}

export interface LdApiServer {
  /** http://127.0.0.1:PORT (https://HOST:PORT with the `tls` option) */
  url: string;
  port: number;
  token: string;
  /** Requests to /api/ routes, oldest first (faulted ones included). */
  requests: RecordedRequest[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** The data set the API answers from now. */
  readonly dataset: DatasetName;
  setDataset(name: DatasetName): void;
  resetRequests(): void;
  close(): Promise<void>;
}

export interface LdApiServerOptions {
  /** Default 0 (any free port). */
  port?: number | undefined;
  /** Default DEMO_TOKEN. */
  token?: string | undefined;
  /** Clock for defaults, granularity and the end of the data; default Date.now. */
  now?: (() => number) | undefined;
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string } | undefined;
  /** Address to listen on; default 127.0.0.1. Only the proxy tests use another: the machine's own non-loopback address. */
  host?: string | undefined;
  /** The data set to answer from; default 'clean'. */
  dataset?: DatasetName | undefined;
}

/** Size of the 'huge' malformed body. */
export const HUGE_BODY_BYTES = 50 * 1024 * 1024;
/** Largest body a 'size' fault may ask for. */
export const MAX_SIZED_BODY_BYTES = 64 * 1024 * 1024;

const MAX_ADMIN_BODY = 1024 * 1024;
const MAX_EPOCH_MS = 8_640_000_000_000_000;
const JSON_TYPE = 'application/json';
const BETA_MESSAGE = 'This is a beta API, you must pass beta in the LD-API-Version header to use it.';
/** LaunchDarkly's dated API versions look like 20240415. */
const DATED_API_VERSION = /^20\d{6}$/;

type Route = 'caller-identity' | 'bysdkversion' | 'sdkversions' | 'sdk-versions' | 'unknown';

interface ApiResponse {
  route: Route;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The body as sent, when the data set writes it its own way (otherwise JSON.stringify(body)). */
  text?: string;
}

function ldError(status: number, code: string, message: string): { status: number; body: unknown } {
  return { status, body: { code, message } };
}

const STREAM_ROUTE = /^\/api\/v2\/usage\/streams\/([^/]*)\/(bysdkversion|sdkversions)$/;
const SDK_VERSIONS_ROUTE = /^\/api\/v2\/usage\/sdk-versions\/(all|details)$/;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseEpochMs(raw: string | null, name: string): number | undefined | { error: string } {
  if (raw === null) return undefined;
  if (!/^\d{1,16}$/.test(raw)) return { error: `Invalid ${name}: expected a Unix time in milliseconds` };
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n > MAX_EPOCH_MS) return { error: `Invalid ${name}: out of range` };
  return n;
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The normal (fault-free) answer of an /api/ request. */
function computeApiResponse(
  method: string,
  pathname: string,
  params: URLSearchParams,
  headers: http.IncomingHttpHeaders,
  token: string,
  now: number,
  data: Dataset,
): ApiResponse {
  const authorized = headers.authorization === token;
  const stream = STREAM_ROUTE.exec(pathname);
  const sdkVersions = SDK_VERSIONS_ROUTE.exec(pathname);
  const route: Route =
    pathname === '/api/v2/caller-identity'
      ? 'caller-identity'
      : stream
        ? (stream[2] as 'bysdkversion' | 'sdkversions')
        : sdkVersions
          ? 'sdk-versions'
          : 'unknown';
  const json = (r: { status: number; body: unknown }, extra: Record<string, string> = {}): ApiResponse => ({
    route,
    status: r.status,
    headers: { 'content-type': JSON_TYPE, ...extra },
    body: r.body,
  });

  if (route === 'unknown') return json(ldError(404, 'not_found', 'Invalid resource identifier'));
  if (method !== 'GET' && method !== 'HEAD') {
    return json(ldError(405, 'method_not_allowed', 'Method not allowed'), { allow: 'GET, HEAD' });
  }
  if (!authorized) return json(ldError(401, 'unauthorized', 'Invalid access token'));
  const sentVersion = headers['ld-api-version'];
  const apiVersion = Array.isArray(sentVersion) ? sentVersion.join(', ') : sentVersion;
  if (route === 'caller-identity') {
    // A stable route: any dated version (or none, the account's default) works; beta is not needed.
    if (apiVersion !== undefined && apiVersion !== 'beta' && !DATED_API_VERSION.test(apiVersion)) {
      return json(ldError(400, 'invalid_request', `Unknown LD-API-Version: ${apiVersion}`));
    }
    return json({ status: 200, body: callerIdentityBody() });
  }

  // The usage routes are beta: only "beta" opens them, a dated version does not.
  if (apiVersion !== 'beta') return json(ldError(403, 'forbidden', BETA_MESSAGE));
  if (route === 'sdk-versions') {
    return json({
      status: 200,
      body: sdkVersions?.[1] === 'all' ? sdkVersionsAllBody(data.reported, params) : sdkVersionsDetailsBody(data.reported),
    });
  }
  const source = safeDecode(stream?.[1] ?? '');
  if (!isStreamSource(source)) return json(ldError(404, 'not_found', 'Stream source not found'));
  if (route === 'sdkversions') return json({ status: 200, body: data.sdkVersionsBody(source) });

  const fromP = parseEpochMs(params.get('from'), 'from');
  if (typeof fromP === 'object') return json(ldError(400, 'invalid_request', fromP.error));
  const toP = parseEpochMs(params.get('to'), 'to');
  if (typeof toP === 'object') return json(ldError(400, 'invalid_request', toP.error));
  const to = toP ?? now;
  const from = fromP ?? now - DAY_MS;
  if (from >= to) return json(ldError(400, 'invalid_request', 'Invalid time range: from must be before to'));
  const tz = params.get('tz') ?? undefined;
  if (tz !== undefined && !isValidTimeZone(tz)) return json(ldError(400, 'invalid_request', `Invalid time zone: ${tz}`));
  if (estimateBuckets(from, to, granularityFor(from, now), now) > MAX_BUCKETS) {
    return json(ldError(400, 'invalid_request', 'Invalid time range: too many data points requested'));
  }
  const body = data.bySdkVersionBody({
    source,
    from,
    to,
    now,
    tz,
    sdk: params.get('sdk') ?? undefined,
    version: params.get('version') ?? undefined,
  });
  return { ...json({ status: 200, body }), text: data.bySdkVersionText(body) };
}

// ---------------------------------------------------------------------------
// Faults

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Checks an untrusted fault rule (as posted to /__admin/faults); returns an error message or the rule. */
export function validateFaultRule(input: unknown): FaultRule | string {
  if (!isRecord(input)) return 'rule must be an object';
  const { fault, times, path } = input;
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return 'times must be a positive integer';
  }
  if (path !== undefined && typeof path !== 'string') return 'path must be a string';
  if (!isRecord(fault)) return 'fault must be an object';
  const rule = (f: Fault): FaultRule => {
    const r: FaultRule = { fault: f };
    if (times !== undefined) r.times = times;
    if (path !== undefined) r.path = path;
    return r;
  };
  switch (fault.kind) {
    case 'status': {
      const { status, body, headers } = fault;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        return 'status must be an integer from 200 to 599';
      }
      if (body !== undefined && typeof body !== 'string') return 'body must be a string';
      if (headers !== undefined) {
        if (!isRecord(headers)) return 'headers must be an object';
        for (const [k, v] of Object.entries(headers)) {
          if (typeof v !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) || /[\r\n\0]/.test(v)) {
            return `invalid header ${k}`;
          }
        }
      }
      const f: Fault = { kind: 'status', status };
      if (body !== undefined) f.body = body;
      if (headers !== undefined) f.headers = headers as Record<string, string>;
      return rule(f);
    }
    case 'delay': {
      const { ms } = fault;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) return 'ms must be 0…600000';
      return rule({ kind: 'delay', ms });
    }
    case 'malformed': {
      const { variant } = fault;
      if (typeof variant !== 'string' || !(MALFORMED_VARIANTS as readonly string[]).includes(variant)) {
        return `variant must be one of ${MALFORMED_VARIANTS.join(', ')}`;
      }
      return rule({ kind: 'malformed', variant: variant as MalformedVariant });
    }
    case 'reset':
      return rule({ kind: 'reset' });
    case 'size': {
      const { bytes } = fault;
      if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || bytes > MAX_SIZED_BODY_BYTES) {
        return `bytes must be an integer from 0 to ${MAX_SIZED_BODY_BYTES}`;
      }
      return rule({ kind: 'size', bytes });
    }
    default:
      return 'fault.kind must be status, delay, malformed, reset or size';
  }
}

interface ActiveRule {
  fault: Fault;
  remaining: number | undefined;
  path: string | undefined;
}

const HTML_PROXY_PAGE = `<!DOCTYPE html>
<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>corporate-proxy/1.0</center>
</body>
</html>
`;

/** A JSON body broken as the variant says ('huge' and 'html' handled by the caller). */
function malformedBody(variant: MalformedVariant, normal: ApiResponse): { status: number; headers: Record<string, string>; text: string } {
  const plain = (text: string) => ({ status: 200, headers: { 'content-type': JSON_TYPE }, text });
  if (variant === 'not-json') return plain('Service temporarily unavailable <not json> {"_links":');
  if (variant === 'html') return { status: 502, headers: { 'content-type': 'text/html' }, text: HTML_PROXY_PAGE };
  const unchanged = { status: normal.status, headers: normal.headers, text: JSON.stringify(normal.body) };
  if (variant === 'no-metadata' && normal.route === 'sdk-versions' && normal.status === 200) {
    // The list wrapped in an object: anything but an array is not this endpoint's answer.
    return plain(JSON.stringify({ _links: {}, items: normal.body }));
  }
  if (normal.status !== 200 || !isRecord(normal.body)) return unchanged;
  const body = structuredClone(normal.body);
  if (variant === 'no-metadata') {
    if (normal.route === 'bysdkversion') delete body.metadata;
    else if (normal.route === 'sdkversions') delete body.sdkVersions;
    else return unchanged;
    return plain(JSON.stringify(body));
  }
  if (normal.route !== 'bysdkversion' || !Array.isArray(body.series) || !Array.isArray(body.metadata)) return unchanged;
  const series = body.series as Record<string, unknown>[];
  switch (variant) {
    case 'string-values':
      for (const p of series) for (const k of Object.keys(p)) if (k !== 'time') p[k] = String(p[k]);
      break;
    case 'key-without-metadata': {
      const orphan = String(body.metadata.length);
      series.forEach((p, i) => (p[orphan] = 7 + (i % 5)));
      break;
    }
    case 'duplicate-times':
      body.series = series.flatMap((p, i) => (i % 3 === 0 ? [p, { ...p }] : [p]));
      break;
    case 'odd-values': {
      // null, fractional and negative values in place of some counts.
      const odd = [null, 2.5, -4];
      series.forEach((p, i) => {
        if (i % 4 === 1 && '0' in p) p['0'] = odd[i % odd.length];
      });
      break;
    }
    case 'impossible-times':
      // Two extra points, at the epoch and at the last date JavaScript can hold.
      series.push({ ...series[0], time: 0 }, { ...series[0], time: 8_640_000_000_000_000 });
      break;
    case 'seconds-times':
      // The whole answer in seconds, as an API reading from/to in another unit might send.
      for (const p of series) p.time = Math.floor((p.time as number) / 1000);
      break;
    case 'too-many-series':
      // One metadata entry more than the extension reads (100,000), as null entries.
      body.metadata = [...body.metadata, ...new Array<null>(100_001 - body.metadata.length).fill(null)];
      break;
    case 'missing-time': {
      const offset = series.length > 1 ? 1 : 0;
      series.forEach((p, i) => {
        if (i % 5 === offset) delete p.time;
      });
      break;
    }
    default:
      return unchanged;
  }
  return plain(JSON.stringify(body));
}

// ---------------------------------------------------------------------------
// The server

export function startLdApiServer(opts: LdApiServerOptions = {}): Promise<LdApiServer> {
  const token = opts.token ?? DEMO_TOKEN;
  const clock = opts.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  let rules: ActiveRule[] = [];
  let data = DATASETS[opts.dataset ?? 'clean'];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;

  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  };
  const cancel = (t: NodeJS.Timeout) => {
    clearTimeout(t);
    timers.delete(t);
  };

  const addFault = (rule: FaultRule): void => {
    const checked = validateFaultRule(rule);
    if (typeof checked === 'string') throw new TypeError(`Invalid fault rule: ${checked}`);
    rules.push({ fault: checked.fault, remaining: checked.times, path: checked.path });
  };

  const takeFault = (pathname: string): Fault | undefined => {
    const i = rules.findIndex((r) =>
      r.path !== undefined ? pathname.includes(r.path) : pathname !== '/api/v2/caller-identity' && !SDK_VERSIONS_ROUTE.test(pathname),
    );
    if (i < 0) return undefined;
    const rule = rules[i]!;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.splice(i, 1);
    }
    return rule.fault;
  };

  const sendText = (res: http.ServerResponse, status: number, headers: Record<string, string>, text: string) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  };
  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    sendText(res, status, { 'content-type': JSON_TYPE, ...headers }, JSON.stringify(body));

  const streamHuge = (res: http.ServerResponse, normal: ApiResponse) => {
    const metadata =
      normal.route === 'bysdkversion' && normal.status === 200 && isRecord(normal.body) && Array.isArray(normal.body.metadata)
        ? normal.body.metadata
        : data.definitions.server.map(metadataOf);
    const keys = metadata.map((_, i) => String(i));
    res.writeHead(200, { 'content-type': JSON_TYPE });
    let written = 0;
    let index = 0;
    let stopped = false;
    res.on('close', () => (stopped = true));
    const start = Math.floor(clock() / MINUTE_MS) * MINUTE_MS - 200_000 * MINUTE_MS;
    const nextChunk = (): string => {
      const parts: string[] = [];
      let size = 0;
      if (index === 0) {
        const head = `{"_links":{},"metadata":${JSON.stringify(metadata)},"series":[`;
        parts.push(head);
        size += head.length;
      }
      while (size < 256 * 1024) {
        let p = `${index === 0 ? '' : ','}{"time":${start + index * MINUTE_MS}`;
        for (let k = 0; k < keys.length; k++) p += `,"${keys[k]}":${(index * 7 + k * 131) % 5000}`;
        p += '}';
        parts.push(p);
        size += p.length;
        index++;
      }
      return parts.join('');
    };
    const pump = () => {
      while (!stopped && !res.destroyed) {
        if (written >= HUGE_BODY_BYTES) {
          stopped = true;
          res.end(']}');
          return;
        }
        const chunk = nextChunk();
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };

  const resetMidBody = (res: http.ServerResponse, normal: ApiResponse) => {
    const text = normal.text ?? JSON.stringify(normal.body) ?? '{}';
    const socket = res.socket;
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
    res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => {
      later(10, () => socket?.destroy());
    });
  };

  const handleApi = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    requests.push({
      method,
      path: url.pathname,
      query: firstValues(url.searchParams),
      headers: flatHeaders(req.headers),
      time: Date.now(),
      authorized: req.headers.authorization === token,
    });
    const normal = () => computeApiResponse(method, url.pathname, url.searchParams, req.headers, token, clock(), data);
    const answerNormally = () => {
      const r = normal();
      if (r.text === undefined) sendJson(res, r.status, r.body, r.headers);
      else sendText(res, r.status, r.headers, r.text);
    };
    const fault = takeFault(url.pathname);
    if (!fault) return answerNormally();
    switch (fault.kind) {
      case 'status': {
        const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...(fault.headers ?? {}) };
        return sendText(res, fault.status, headers, fault.body ?? JSON.stringify(errorBody(fault.status)));
      }
      case 'delay': {
        const t = later(fault.ms, () => {
          if (!res.destroyed && !res.writableEnded) answerNormally();
        });
        res.on('close', () => cancel(t));
        return;
      }
      case 'malformed': {
        const r = normal();
        if (fault.variant === 'huge') return streamHuge(res, r);
        const m = malformedBody(fault.variant, r);
        return sendText(res, m.status, m.headers, m.text);
      }
      case 'reset':
        return resetMidBody(res, normal());
      case 'size': {
        const r = normal();
        const text = r.text ?? JSON.stringify(r.body);
        const padding = fault.bytes - Buffer.byteLength(text);
        if (padding < 0)
          return sendJson(res, 500, {
            code: 'internal_server_error',
            message: `The answer alone is ${Buffer.byteLength(text)} bytes, more than ${fault.bytes}`,
          });
        return sendText(res, r.status, r.headers, text + ' '.repeat(padding));
      }
    }
  };

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_ADMIN_BODY) {
          reject(new Error('body too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
      req.on('close', () => reject(new Error('closed')));
    });

  const handleAdmin = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/__admin/requests') {
      if (method === 'GET') {
        return sendJson(
          res,
          200,
          requests.map((r) => ({
            ...r,
            headers: 'authorization' in r.headers ? { ...r.headers, authorization: '<redacted>' } : r.headers,
          })),
        );
      }
      if (method === 'DELETE') {
        requests.length = 0;
        return sendJson(res, 200, { ok: true });
      }
    }
    if (url.pathname === '/__admin/dataset') {
      if (method === 'GET') return sendJson(res, 200, { dataset: data.name });
      if (method === 'PUT' || method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          parsed = undefined;
        }
        const name = isRecord(parsed) ? parsed.dataset : undefined;
        if (!isDatasetName(name)) {
          return sendJson(res, 400, {
            code: 'invalid_request',
            message: `Body must be {"dataset": ${DATASET_NAMES.map((n) => `"${n}"`).join(' | ')}}`,
          });
        }
        data = DATASETS[name];
        return sendJson(res, 200, { dataset: data.name });
      }
    }
    if (url.pathname === '/__admin/faults') {
      if (method === 'GET') {
        return sendJson(
          res,
          200,
          rules.map((r) => ({ fault: r.fault, times: r.remaining, path: r.path })),
        );
      }
      if (method === 'DELETE') {
        rules = [];
        return sendJson(res, 200, { ok: true });
      }
      if (method === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          return sendJson(res, 400, { code: 'invalid_request', message: 'Body must be a JSON fault rule' });
        }
        const checked = validateFaultRule(parsed);
        if (typeof checked === 'string') return sendJson(res, 400, { code: 'invalid_request', message: checked });
        addFault(checked);
        return sendJson(res, 200, { ok: true });
      }
    }
    return sendJson(res, 404, { code: 'not_found', message: 'Invalid resource identifier' });
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.on('error', () => {});
    res.on('error', () => {});
    const fail = () => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500));
      else res.destroy();
    };
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return sendJson(res, 400, { code: 'invalid_request', message: 'Invalid URL' });
      }
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
      if (url.pathname.startsWith('/__admin/')) {
        handleAdmin(req, res, url).catch(fail);
        return;
      }
      if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
      return sendJson(res, 404, { code: 'not_found', message: 'Invalid resource identifier' });
    } catch {
      fail();
    }
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
  const host = opts.host ?? '127.0.0.1';

  // For https, 'connection' still gives the raw TCP socket: closing destroys it like a plain one.
  server.on('connection', (socket: Socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      server.on('error', () => {});
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      let closed: Promise<void> | undefined;
      resolve({
        url: `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        token,
        requests,
        addFault,
        clearFaults: () => {
          rules = [];
        },
        get dataset() {
          return data.name;
        },
        setDataset: (name: DatasetName) => {
          if (!isDatasetName(name)) throw new TypeError(`Unknown data set: ${String(name)}`);
          data = DATASETS[name];
        },
        resetRequests: () => {
          requests.length = 0;
        },
        close: () => {
          closed ??= new Promise<void>((done) => {
            closing = true;
            for (const t of timers) clearTimeout(t);
            timers.clear();
            server.close(() => done());
            for (const s of sockets) s.destroy();
            sockets.clear();
          });
          return closed;
        },
      });
    });
  });
}

// Re-exported for tests that want to reason about bucket spacing without magic numbers.
export { DAY_MS, HOUR_MS, MINUTE_MS };
