/**
 * HTTP client for LaunchDarkly's usage API. node-fetch goes through Node's http stack, which VS Code
 * patches for proxy support. No `vscode` import: tests run it against the local API over real HTTP.
 */
import { setTimeout as delay } from 'node:timers/promises';
import fetch, { type Response } from 'node-fetch';
import { BodyTooLargeError, readBody, type ResponseBody } from './body';
import { UsageApiError, errorForStatus, outOfMemoryError, tooLargeError } from './errors';
import { connectionFailure, proxyStatusFailure } from './networkErrors';
import { MAX_MESSAGE_CHARS, serverText } from '../text';
import { JsonSyntaxError } from './jsonSyntax';
import { parseSeriesListBody } from './seriesScanner';
import { parseSdkVersionDetailsBody } from './reportScanner';
import { MAX_REPORT_BYTES, type SdkVersionDetailsList, type SdkVersionDetailsQuery } from './sdkVersionDetails';
import {
  parseCallerIdentity,
  parseSdkVersions,
  errorBodyFields,
  type CallerIdentity,
  type SeriesDescriptor,
  type SeriesList,
  type StreamSource,
} from './parse';

export interface ClientSettings {
  /** Checked by the settings check (src/settingsCheck.ts) before it gets here. */
  readonly baseUrl: string;
  readonly token: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  /** host:port of the proxy VS Code routes the requests through (no credentials), for messages. */
  readonly proxy?: string | undefined;
  /** Longest rate-limit wait that is retried automatically, once. */
  readonly maxAutoRetryWaitMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface StreamQuery {
  readonly source: StreamSource;
  readonly from: number;
  readonly to: number;
  readonly tz?: string;
  readonly sdk?: string;
  readonly version?: string;
}

/** Bodies past this size are refused: they would freeze the views, and a narrower query helps. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const DEFAULT_MAX_AUTO_RETRY_WAIT_MS = 5_000;
/** Longest rate-limit wait honoured: a reset further away (or absurd) is read as an hour from now. */
export const MAX_RATE_LIMIT_WAIT_MS = 60 * 60_000;
/** An error body's `code` and `id` are short words; longer ones are cut to this. */
const MAX_ERROR_FIELD_CHARS = 100;
/** The usage routes are beta; stable routes get the dated version LaunchDarkly recommends pinning. */
const BETA_API_VERSION = 'beta';
const STABLE_API_VERSION = '20240415';

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => {
    throw cancelled();
  });
}

/**
 * A body that opens with markup is a web page (a proxy's, a gateway's, a captive portal's), not the
 * API's JSON. Only its start is read: the whole text of a large body is never made for this.
 */
function looksLikeWebPage(body: ResponseBody): boolean {
  return body.firstNonSpace() === '<';
}

function cancelled(): UsageApiError {
  return new UsageApiError('cancelled', 'The request was cancelled.');
}

/**
 * When to try again after a 429: `Retry-After` is seconds (or an HTTP date), `X-Ratelimit-Reset`
 * epoch ms. Never in the past, never more than `MAX_RATE_LIMIT_WAIT_MS` ahead.
 */
export function retryAtFromHeaders(headers: { get(name: string): string | null }, now: number): number | undefined {
  const within = (time: number) => Math.min(Math.max(now, time), now + MAX_RATE_LIMIT_WAIT_MS);
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) {
      return within(now + Number(retryAfter) * 1000);
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return within(date);
    }
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) {
    return within(Number(reset));
  }
  return undefined;
}

/**
 * An answer read by its parser. Whatever the parser throws is about the answer, never the network:
 * invalid JSON (or a web page), or, for any other exception but an allocation failure (a RangeError,
 * "too large"), an answer this extension cannot read.
 */
export function parseAnswer<T>(body: ResponseBody, status: number, parse: (body: ResponseBody) => T): T {
  try {
    return parse(body);
  } catch (error) {
    if (error instanceof UsageApiError || error instanceof RangeError) {
      throw error;
    }
    if (!(error instanceof SyntaxError || error instanceof JsonSyntaxError)) {
      const name = error instanceof Error ? error.name : 'unknown error';
      throw new UsageApiError('invalidResponse', `LaunchDarkly's API sent a response this extension cannot read (${name}).`, {
        status,
        problem: 'unreadable',
      });
    }
    const webPage = looksLikeWebPage(body);
    throw new UsageApiError(
      'invalidResponse',
      webPage
        ? 'The API host answered with a web page instead of JSON, as a proxy or captive portal does.'
        : "LaunchDarkly's API sent a response that is not valid JSON.",
      { status, problem: webPage ? 'webPage' : 'notJson' },
    );
  }
}

export class UsageClient {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly settings: ClientSettings) {
    this.now = settings.now ?? Date.now;
    this.sleep = settings.sleep ?? sleepFor;
  }

  /** `GET /api/v2/caller-identity`: whose token this is; used to check a token before storing it. */
  async callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    return this.get('/api/v2/caller-identity', {}, ({ text }) => parseCallerIdentity(JSON.parse(text)), signal, STABLE_API_VERSION);
  }

  /** `GET /api/v2/usage/streams/{source}/bysdkversion`. */
  async streamsBySdkVersion(query: StreamQuery, signal?: AbortSignal): Promise<SeriesList> {
    const params: Record<string, string | undefined> = {
      from: String(Math.floor(query.from)),
      to: String(Math.floor(query.to)),
      tz: query.tz,
      sdk: query.sdk,
      version: query.version,
    };
    const path = `/api/v2/usage/streams/${encodeURIComponent(query.source)}/bysdkversion`;
    // Scanned straight from the body: a third of the cost of JSON.parse plus validation on big bodies.
    return this.get(path, params, (body) => parseSeriesListBody(body, this.now()), signal, BETA_API_VERSION);
  }

  /** `GET /api/v2/usage/streams/{source}/sdkversions`: SDKs and versions seen in the last 60 days. */
  async sdkVersions(source: StreamSource, signal?: AbortSignal): Promise<SeriesDescriptor[]> {
    const path = `/api/v2/usage/streams/${encodeURIComponent(source)}/sdkversions`;
    return this.get(path, {}, ({ text }) => parseSdkVersions(JSON.parse(text)), signal, BETA_API_VERSION);
  }

  /** `GET /api/v2/usage/sdk-versions/all`: LaunchDarkly's end-of-life verdict per SDK version, environment and application. */
  async sdkVersionDetails(query: SdkVersionDetailsQuery = {}, signal?: AbortSignal): Promise<SdkVersionDetailsList> {
    // Read from its bytes, keeping only the fields used: the whole answer is never built.
    return this.get('/api/v2/usage/sdk-versions/all', { ...query }, parseSdkVersionDetailsBody, signal, BETA_API_VERSION, MAX_REPORT_BYTES);
  }

  private url(path: string, params: Record<string, string | undefined>): string {
    const url = new URL(this.settings.baseUrl + path);
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(key, value);
      }
    }
    return url.toString();
  }

  private async get<T>(
    path: string,
    params: Record<string, string | undefined>,
    parse: (body: ResponseBody) => T,
    signal: AbortSignal | undefined,
    apiVersion: string,
    maxBytes = MAX_BODY_BYTES,
  ): Promise<T> {
    const maxWait = this.settings.maxAutoRetryWaitMs ?? DEFAULT_MAX_AUTO_RETRY_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.getOnce(this.url(path, params), apiVersion, parse, maxBytes, signal);
      } catch (thrown) {
        const error = this.shown(thrown);
        // One automatic retry for a short rate-limit wait, with jitter; never a retry storm.
        const wait =
          error instanceof UsageApiError && error.kind === 'rateLimited' && error.retryAt !== undefined
            ? error.retryAt - this.now()
            : Infinity;
        if (attempt > 0 || wait > maxWait) {
          throw error;
        }
        await this.sleep(Math.max(0, wait) + 250 + Math.random() * 750, signal);
      }
    }
  }

  /**
   * Every error leaves the client fit to show: its message redacted (the token in any encoding),
   * on one line and bounded, whatever a parser or the server put in it.
   */
  private shown(error: unknown): unknown {
    if (!(error instanceof UsageApiError)) {
      return error;
    }
    const message = serverText(error.message, [this.settings.token], MAX_MESSAGE_CHARS, 'middle');
    if (message === error.message) {
      return error;
    }
    return error.withMessage(message);
  }

  private async getOnce<T>(
    url: string,
    apiVersion: string,
    parse: (body: ResponseBody) => T,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) {
      throw cancelled();
    }
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'GET',
        headers: {
          // The raw token: LaunchDarkly rejects a "Bearer " prefix.
          Authorization: this.settings.token,
          'LD-API-Version': apiVersion,
          Accept: 'application/json',
          'User-Agent': this.settings.userAgent,
        },
        // Never follow a redirect: it could carry the token to another host.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return parseAnswer(await this.readSuccessBody(response, maxBytes), response.status, parse);
    } catch (error) {
      throw this.translate(error, url, timeout.aborted, signal);
    }
  }

  /** The body of a successful answer; redirects and error statuses become typed errors. */
  private async readSuccessBody(response: Response, maxBytes: number): Promise<ResponseBody> {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      let target = 'another address';
      try {
        target = location ? new URL(location, response.url).origin : target;
      } catch {
        // An unparseable Location is still a redirect we refuse.
      }
      throw new UsageApiError(
        'redirect',
        `The API host answered with a redirect to ${target}, which was not followed, so the token is never sent elsewhere.`,
        {
          status: response.status,
        },
      );
    }
    const body = await readBody(response.body, maxBytes);
    if (!response.ok) {
      const fields = errorBodyFields(body.text);
      const fromProxy = proxyStatusFailure(response.status, fields?.message !== undefined, {
        url: response.url,
        proxy: this.settings.proxy,
      });
      if (fromProxy) {
        throw fromProxy;
      }
      const retryAt = response.status === 429 ? retryAtFromHeaders(response.headers, this.now()) : undefined;
      // The server's own words are quoted to people: redacted and bounded.
      const bounded = (value: string | undefined, max?: number) =>
        value === undefined ? undefined : serverText(value, [this.settings.token], max);
      const serverBody = fields && {
        message: bounded(fields.message),
        code: bounded(fields.code, MAX_ERROR_FIELD_CHARS),
        id: bounded(fields.id, MAX_ERROR_FIELD_CHARS),
      };
      const error = errorForStatus(response.status, serverBody, retryAt);
      if (error.kind === 'server' && looksLikeWebPage(body)) {
        // A 5xx web page comes from a proxy or gateway in between, not from LaunchDarkly's JSON API.
        throw new UsageApiError(
          'server',
          `The API host answered with a web page (HTTP ${response.status}) instead of JSON, as a proxy or gateway does.`,
          {
            status: response.status,
            problem: 'webPage',
          },
        );
      }
      throw error;
    }
    return body;
  }

  private translate(error: unknown, url: string, timedOut: boolean, signal: AbortSignal | undefined): unknown {
    if (error instanceof UsageApiError) {
      return error;
    }
    const host = new URL(url).host;
    if (timedOut) {
      const seconds = Math.round(this.settings.timeoutMs / 1000);
      return new UsageApiError('timeout', `${host} did not answer within ${seconds} second${seconds === 1 ? '' : 's'}.`, { host });
    }
    if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
      return cancelled();
    }
    if (error instanceof BodyTooLargeError) {
      return tooLargeError(`was larger than ${error.maxBytes / 1024 / 1024} MB`);
    }
    if (error instanceof RangeError) {
      return outOfMemoryError();
    }
    return connectionFailure(error, { url, proxy: this.settings.proxy });
  }
}
