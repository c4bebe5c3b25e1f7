/**
 * UsageClient over real HTTP against the local LaunchDarkly-compatible API (127.0.0.1 only).
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BODY_PADDING, ResponseBody } from '../../src/api/body';
import {
  MAX_RATE_LIMIT_WAIT_MS,
  UsageClient,
  parseAnswer,
  retryAtFromHeaders,
  type ClientSettings,
  type StreamQuery,
} from '../../src/api/client';
import { UsageApiError, type UsageErrorKind } from '../../src/api/errors';
import { describeRetryAt, presentError } from '../../src/presentation/errors';
import type { StreamSource } from '../../src/api/parse';
import { DEMO_TOKEN, startLdApiServer, type MalformedVariant } from '../server/ldApiServer';
import { useLocalApi } from '../support/localApi';
import { denseSeries } from '../support/seriesLists';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOKEN_UUID = DEMO_TOKEN.slice('api-'.length);
const BETA_MESSAGE = 'This is a beta API, you must pass beta in the LD-API-Version header to use it.';

function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

const local = useLocalApi();

/** Every UsageApiError a test produced: none may quote the token. */
const producedErrors: UsageApiError[] = [];

function client(overrides: Partial<ClientSettings> = {}): UsageClient {
  return new UsageClient({
    baseUrl: local().url,
    token: local().token,
    userAgent: 'ld-usage-unit-test/1.0',
    timeoutMs: 2_000,
    ...overrides,
  });
}

function lastDay(source: StreamSource = 'server', extra: Partial<StreamQuery> = {}): StreamQuery {
  const now = Date.now();
  return { source, from: now - DAY, to: now, tz: 'UTC', ...extra };
}

function apiRequests(fragment: string) {
  return local().requests.filter((r) => r.path.includes(fragment));
}

/** What people read for an error: what happened, then what to do (the presentation's advice). */
const shown = (error: UsageApiError, now?: number) => presentError(error, now).message;

/** Awaits a rejection that must be a UsageApiError of the kind, and checks it (as shown, too) never quotes a token. */
async function expectApiError(
  promise: Promise<unknown>,
  kind: UsageErrorKind | readonly UsageErrorKind[],
  tokens: readonly string[] = [DEMO_TOKEN],
): Promise<UsageApiError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UsageApiError, `expected a UsageApiError, got ${String(caught)}`);
  const kinds: readonly UsageErrorKind[] = typeof kind === 'string' ? [kind] : kind;
  assert.ok(kinds.includes(caught.kind), `kind ${caught.kind} (${caught.message}) not in ${kinds.join(', ')}`);
  for (const token of tokens) {
    for (const message of [caught.message, shown(caught)]) {
      assert.ok(!message.includes(token), `message quotes the token: ${message}`);
      assert.ok(!message.includes(token.replace(/^[a-z]+-/, '')), `message quotes the token's UUID: ${message}`);
    }
  }
  producedErrors.push(caught);
  return caught;
}

describe('UsageClient: requests', () => {
  test('sends the raw token, the beta header, a User-Agent and the query as epoch ms with URL-encoded filters', async () => {
    const from = Date.now() - DAY + 0.75;
    const to = Date.now();
    const version = '1.0 & beta=2/x';
    const list = await client().streamsBySdkVersion({ source: 'server', from, to, tz: 'America/New_York', sdk: 'my sdk/x', version });

    assert.deepEqual(list.series, [], 'no series match the filter');
    assert.ok(list.times.length >= 24, 'hourly buckets of the last day still come back');
    assert.equal(local().requests.length, 1);
    const request = local().requests[0]!;
    assert.equal(request.method, 'GET');
    assert.equal(request.path, '/api/v2/usage/streams/server/bysdkversion');
    assert.equal(request.headers.authorization, DEMO_TOKEN, 'raw token, no "Bearer " prefix');
    assert.ok(request.authorized);
    assert.equal(request.headers['ld-api-version'], 'beta');
    assert.equal(request.headers['user-agent'], 'ld-usage-unit-test/1.0');
    assert.equal(request.headers.accept, 'application/json');
    assert.deepEqual(request.query, {
      from: String(Math.floor(from)),
      to: String(to),
      tz: 'America/New_York',
      sdk: 'my sdk/x',
      version,
    });
    assert.match(request.query.from!, /^\d{13}$/, 'epoch milliseconds, not seconds or ISO text');
  });

  test('leaves out empty and missing optional parameters', async () => {
    await client().streamsBySdkVersion(lastDay('client', { tz: '', sdk: undefined, version: '' }));
    assert.deepEqual(Object.keys(local().requests[0]!.query).sort(), ['from', 'to']);
  });

  test('maps each series key to metadata by its numeric index ("10" and "11" to metadata[10] and [11])', async () => {
    const query = lastDay('server');
    const list = await client().streamsBySdkVersion(query);

    // The same answer, raw, to compare against.
    const params = new URLSearchParams({ from: String(query.from), to: String(query.to), tz: 'UTC' });
    const raw = (await (
      await fetch(`${local().url}/api/v2/usage/streams/server/bysdkversion?${params}`, {
        headers: { Authorization: local().token, 'LD-API-Version': 'beta' },
      })
    ).json()) as { metadata: { sdk: string; version: string }[]; series: Record<string, number>[] };

    assert.ok(raw.metadata.length > 11, 'the local API has at least 12 server series');
    assert.equal(list.series.length, raw.metadata.length);
    assert.deepEqual(
      list.times,
      raw.series.map((p) => p.time),
    );
    const rows = denseSeries(list);
    raw.metadata.forEach((meta, i) => {
      assert.equal(list.series[i]!.sdk, meta.sdk);
      assert.equal(list.series[i]!.version, meta.version);
      assert.deepEqual(
        rows[i]!.values,
        raw.series.map((p) => p[String(i)] ?? 0),
      );
    });
    for (const i of [10, 11]) {
      assert.deepEqual(
        { sdk: list.series[i]!.sdk, version: list.series[i]!.version },
        { sdk: raw.metadata[i]!.sdk, version: raw.metadata[i]!.version },
      );
    }
  });

  test('reads a body whose keys come as "10", "11" before "2"', async () => {
    local().addFault({
      fault: { kind: 'status', status: 200, body: fixtureText('bysdkversion-keys-out-of-order.json') },
      path: 'bysdkversion',
    });
    const list = await client().streamsBySdkVersion(lastDay('client'));
    assert.equal(list.series.length, 12);
    const rows = denseSeries(list);
    assert.equal(list.series[2]!.sdk, 'sdk-2');
    assert.deepEqual(rows[2]!.values, [200, 201, 202]);
    assert.equal(list.series[10]!.version, '1.10.0');
    assert.deepEqual(rows[10]!.values, [1000, 1001, 1002]);
    assert.deepEqual(rows[11]!.values, [1100, 1101, 1102]);
  });

  test('sdkVersions lists every SDK version seen lately, including ones with no connections now', async () => {
    const versions = await client().sdkVersions('server');
    assert.equal(apiRequests('/api/v2/usage/streams/server/sdkversions').length, 1);
    assert.ok(versions.some((v) => v.sdk === 'node-server' && v.version === '9.8.0'));
    assert.ok(versions.some((v) => v.sdk === 'java-server' && v.version === '7.5.0'));
    for (const v of versions) {
      assert.equal(typeof v.sdk, 'string');
      assert.equal(typeof v.version, 'string');
    }
    assert.equal(local().requests[0]!.headers['ld-api-version'], 'beta');
  });

  test('callerIdentity returns who the token belongs to', async () => {
    const identity = await client().callerIdentity();
    assert.deepEqual(identity, {
      accountId: '5f0a0de70000000000000001',
      tokenName: 'Demo token',
      tokenKind: 'personal',
      authKind: 'token',
      serviceToken: false,
    });
    assert.equal(local().requests[0]!.path, '/api/v2/caller-identity');
    assert.equal(local().requests[0]!.headers.authorization, DEMO_TOKEN);
  });
});

describe('UsageClient: HTTP errors', () => {
  test('401 becomes "unauthorized" and tells people to set a new token', async () => {
    const wrong = 'api-00000000-0000-4000-8000-000000000bad';
    const error = await expectApiError(client({ token: wrong }).streamsBySdkVersion(lastDay()), 'unauthorized', [DEMO_TOKEN, wrong]);
    assert.equal(error.status, 401);
    assert.match(shown(error), /Set API Token/);
    assert.deepEqual(presentError(error).actions, ['setToken']);
    const identity = await expectApiError(client({ token: wrong }).callerIdentity(), 'unauthorized', [DEMO_TOKEN, wrong]);
    assert.match(shown(identity), /Set API Token/);
  });

  test('403 naming the beta header becomes "betaHeaderMissing"', async () => {
    local().addFault({ fault: { kind: 'status', status: 403, body: JSON.stringify({ code: 'forbidden', message: BETA_MESSAGE }) } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'betaHeaderMissing');
    assert.equal(error.status, 403);
    assert.match(error.message, /LD-API-Version: beta/);
  });

  test('a plain 403 becomes "forbidden" and asks for a token that may read usage', async () => {
    local().addFault({ fault: { kind: 'status', status: 403 } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'forbidden');
    assert.equal(error.status, 403);
    assert.match(error.message, /permission/);
  });

  test('404 for an unknown stream source becomes "notFound" and quotes the server', async () => {
    const error = await expectApiError(client().streamsBySdkVersion(lastDay('edge' as StreamSource)), 'notFound');
    assert.equal(error.status, 404);
    assert.match(error.message, /Stream source not found/);
    assert.equal(local().requests[0]!.path, '/api/v2/usage/streams/edge/bysdkversion');
  });

  test('400 becomes "badRequest" and quotes the server\'s reason', async () => {
    const now = Date.now();
    const error = await expectApiError(client().streamsBySdkVersion({ source: 'server', from: now, to: now - HOUR }), 'badRequest');
    assert.equal(error.status, 400);
    assert.match(error.message, /from must be before to/);
    assert.deepEqual(presentError(error).actions, ['chooseTimeRange', 'refresh']);
  });

  for (const status of [500, 502, 503]) {
    test(`${status} becomes "server" and is not retried`, async () => {
      local().addFault({ fault: { kind: 'status', status } });
      const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'server');
      assert.equal(error.status, status);
      assert.match(error.message, new RegExp(`\\(${status}\\)`));
      assert.equal(local().requests.length, 1);
    });
  }

  test('never quotes the token even when an error body echoes it', async () => {
    const body = JSON.stringify({ code: 'invalid_request', message: `Bad header Authorization: ${DEMO_TOKEN}` });
    local().addFault({ fault: { kind: 'status', status: 400, body } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'badRequest');
    assert.match(error.message, /Bad header Authorization: api-<redacted>/);
  });
});

describe('UsageClient: rate limits', () => {
  test('retries once by itself after a short Retry-After (1 s) and succeeds', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, times: 1, path: 'bysdkversion' });
    // The wait is recorded rather than slept through, to keep the suite fast.
    const waits: number[] = [];
    const list = await client({ sleep: async (ms) => void waits.push(ms) }).streamsBySdkVersion(lastDay());
    assert.ok(list.series.length > 0);
    assert.equal(apiRequests('bysdkversion').length, 2);
    assert.equal(waits.length, 1);
    // At least the second asked for, plus 250–1000 ms of jitter.
    assert.ok(waits[0]! >= 1_000 + 250 - 50 && waits[0]! <= 1_000 + 1_000, `asked to wait ${waits[0]} ms`);
  });

  test('really waits out the automatic retry before asking again', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0.2' } }, times: 1, path: 'bysdkversion' });
    await client().streamsBySdkVersion(lastDay());
    const requests = apiRequests('bysdkversion');
    assert.equal(requests.length, 2);
    const gap = requests[1]!.time - requests[0]!.time;
    assert.ok(gap >= 200 + 250 - 5, `asked again after ${gap} ms`);
  });

  test('a long Retry-After (60 s) is an error with retryAt about a minute ahead, after exactly one request', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '60' } } });
    const before = Date.now();
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'rateLimited');
    const after = Date.now();
    assert.equal(error.status, 429);
    assert.ok(error.retryAt !== undefined);
    assert.ok(error.retryAt >= before + 60_000 && error.retryAt <= after + 60_000, `retryAt ${error.retryAt - before} ms ahead`);
    assert.match(shown(error, after), /in 60 seconds/);
    assert.equal(local().requests.length, 1, 'no retry storm');
  });

  test('a second 429 after the automatic retry is reported, not retried again', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '0' } } });
    const waits: number[] = [];
    const error = await expectApiError(client({ sleep: async (ms) => void waits.push(ms) }).streamsBySdkVersion(lastDay()), 'rateLimited');
    assert.equal(local().requests.length, 2);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! >= 250 && waits[0]! <= 1_000, 'jitter on top of the wait');
    assert.equal(error.retryAt !== undefined, true);
  });

  test('X-Ratelimit-Reset is read as an epoch-ms timestamp, not as seconds to wait', async () => {
    const reset = Date.now() + 10 * 60_000;
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'X-Ratelimit-Reset': String(reset) } } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'rateLimited');
    assert.equal(error.retryAt, reset);
    assert.match(shown(error), /Try again at /);
    assert.equal(local().requests.length, 1);
  });

  test('a 429 with no hint says to try again in a few seconds and is not retried', async () => {
    local().addFault({ fault: { kind: 'status', status: 429 } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'rateLimited');
    assert.equal(error.retryAt, undefined);
    assert.match(shown(error), /in a few seconds/);
    assert.equal(local().requests.length, 1);
  });

  test('retryAtFromHeaders prefers Retry-After seconds, accepts an HTTP date, never goes back in time', () => {
    const now = 1_700_000_000_000;
    const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '2' }), now), now + 2_000);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '1.5' }), now), now + 1_500);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': 'Tue, 14 Nov 2023 22:13:40 GMT' }), now), Date.UTC(2023, 10, 14, 22, 13, 40));
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), now), now, 'a date in the past means now');
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now + 7_000) }), now), now + 7_000);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now - 7_000) }), now), now);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '3', 'x-ratelimit-reset': String(now + 9_000) }), now), now + 3_000);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': 'soon' }), now), undefined);
    assert.equal(retryAtFromHeaders(headers({}), now), undefined);
  });

  test('retryAtFromHeaders honours at most an hour, however far or absurd the reset', () => {
    const now = 1_700_000_000_000;
    const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });
    assert.equal(MAX_RATE_LIMIT_WAIT_MS, 3_600_000);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '3600' }), now), now + MAX_RATE_LIMIT_WAIT_MS);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '3601' }), now), now + MAX_RATE_LIMIT_WAIT_MS);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '99999999999' }), now), now + MAX_RATE_LIMIT_WAIT_MS);
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '1'.repeat(400) }), now), now + MAX_RATE_LIMIT_WAIT_MS, 'Infinity seconds');
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }), now), now + MAX_RATE_LIMIT_WAIT_MS);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': '99999999999999999999' }), now), now + MAX_RATE_LIMIT_WAIT_MS);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now) }), now), now, 'a reset exactly now');
    assert.equal(retryAtFromHeaders(headers({ 'retry-after': '0' }), now), now);
  });

  test('Retry-After: 99999999999 blocks refreshes for an hour at most, and the message names a time within it', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '99999999999' } } });
    const now = Date.now();
    const error = await expectApiError(client({ now: () => now }).streamsBySdkVersion(lastDay()), 'rateLimited');
    assert.equal(error.retryAt, now + MAX_RATE_LIMIT_WAIT_MS);
    assert.ok(shown(error, now).includes(describeRetryAt(now + MAX_RATE_LIMIT_WAIT_MS, now)), shown(error, now));
    assert.equal(local().requests.length, 1, 'an hour is far too long to wait for a retry');
  });
});

describe('describeRetryAt', () => {
  const at = (hour: number, minute: number, day = 15) => new Date(2026, 0, day, hour, minute, 0).getTime();

  test('a reset exactly now (or past) says "now"; under two minutes counts seconds', () => {
    assert.equal(describeRetryAt(at(10, 0), at(10, 0)), 'now');
    assert.equal(describeRetryAt(at(9, 59), at(10, 0)), 'now');
    assert.equal(describeRetryAt(at(10, 0) + 1, at(10, 0)), 'in 1 second');
    assert.equal(describeRetryAt(at(10, 0) + 90_000, at(10, 0)), 'in 90 seconds');
  });

  test('later today is a time of day; another day adds the date', () => {
    const today = describeRetryAt(at(10, 30), at(10, 0));
    assert.equal(today, `at ${new Date(at(10, 30)).toLocaleTimeString()}`);
    const tomorrow = describeRetryAt(at(0, 20, 16), at(23, 50));
    assert.ok(tomorrow.startsWith(`at ${new Date(at(0, 20, 16)).toLocaleTimeString()} on `), tomorrow);
    assert.ok(tomorrow.includes('2026') && tomorrow.includes('16'), tomorrow);
  });
});

describe('UsageClient: transport failures', () => {
  test('a server slower than timeoutMs gives "timeout" promptly', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 1_500 } });
    const started = Date.now();
    const error = await expectApiError(client({ timeoutMs: 200 }).streamsBySdkVersion(lastDay()), 'timeout');
    assert.ok(Date.now() - started < 1_200, 'did not wait for the slow answer');
    assert.match(error.message, /did not answer within/);
    assert.match(shown(error), /requestTimeoutSeconds/);
  });

  test('aborting through an AbortSignal gives "cancelled"', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 1_500 } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await expectApiError(client().streamsBySdkVersion(lastDay(), controller.signal), 'cancelled');
    assert.ok(Date.now() - started < 1_200);
    assert.deepEqual(presentError(error).actions, []);
  });

  test('an already-aborted signal gives "cancelled" without a request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectApiError(client().streamsBySdkVersion(lastDay(), controller.signal), 'cancelled');
    assert.equal(local().requests.length, 0);
  });

  test('aborting during the wait before an automatic retry gives "cancelled" and no second request', async () => {
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, times: 1 });
    const controller = new AbortController();
    const pending = client().streamsBySdkVersion(lastDay(), controller.signal);
    setTimeout(() => controller.abort(), 150);
    await expectApiError(pending, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(local().requests.length, 1);
  });

  test('a refused connection gives "network" naming the refused connection', async () => {
    const gone = await startLdApiServer();
    const { port } = gone;
    await gone.close();
    const error = await expectApiError(
      new UsageClient({ baseUrl: `http://127.0.0.1:${port}`, token: DEMO_TOKEN, userAgent: 'test', timeoutMs: 2_000 }).streamsBySdkVersion(
        lastDay(),
      ),
      'network',
    );
    assert.match(error.message, /connection was refused/);
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  test('a connection reset in the middle of the body is a UsageApiError', async () => {
    local().addFault({ fault: { kind: 'reset' } });
    await expectApiError(client().streamsBySdkVersion(lastDay()), ['network', 'invalidResponse']);
  });

  test('a body that is not JSON gives "invalidResponse"', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'not-json' } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'invalidResponse');
    assert.match(error.message, /not valid JSON/);
  });

  test("a proxy's HTML error page is reported as a web page from a proxy", async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'html' } });
    const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /web page/);
    assert.match(error.message, /proxy/);
  });

  test('an HTML page with status 200 is reported as a web page, not as broken JSON', async () => {
    local().addFault({
      fault: { kind: 'status', status: 200, headers: { 'content-type': 'text/html' }, body: '\n<!doctype html><title>Sign in</title>' },
      path: 'caller-identity',
    });
    const error = await expectApiError(client().callerIdentity(), 'invalidResponse');
    assert.match(error.message, /web page instead of JSON/);
    assert.match(error.message, /proxy/);
  });

  const malformed: [MalformedVariant, RegExp][] = [
    ['no-metadata', /"metadata" is missing/],
    ['key-without-metadata', /has key "\d+" with no matching metadata entry/],
    ['duplicate-times', /two points share the time \d{4}-\d\d-\d\dT/],
    ['missing-time', /has no valid "time"/],
  ];
  for (const [variant, problem] of malformed) {
    test(`a body with ${variant} gives "invalidResponse" naming the problem`, async () => {
      local().addFault({ fault: { kind: 'malformed', variant } });
      const error = await expectApiError(client().streamsBySdkVersion(lastDay()), 'invalidResponse');
      assert.match(error.message, problem);
    });
  }

  test('a body with string values loads, each value left out and counted', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'string-values' } });
    const list = await client().streamsBySdkVersion(lastDay());
    assert.ok(list.series.length > 0 && list.times.length > 0);
    assert.equal(list.cells.values.length, 0);
    assert.ok(list.ignoredValues >= list.times.length, `${list.ignoredValues} values ignored`);
  });

  test('an allocation failure while reading a body is "tooLarge", never "network"', async () => {
    const failing = client({
      now: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    });
    const error = await expectApiError(failing.streamsBySdkVersion(lastDay()), 'tooLarge');
    assert.match(shown(error), /too large to hold in memory.*shorter time range/);
  });

  test('sdkversions without its list gives "invalidResponse"', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'no-metadata' } });
    const error = await expectApiError(client().sdkVersions('client'), 'invalidResponse');
    assert.match(error.message, /"sdkVersions" is missing/);
  });

  test('a 50 MB body is refused as "tooLarge" within a few seconds', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'huge' } });
    const started = Date.now();
    const error = await expectApiError(client({ timeoutMs: 10_000 }).streamsBySdkVersion(lastDay()), 'tooLarge');
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.match(error.message, /larger than 32 MB/);
  });
});

describe('UsageClient: redirects', () => {
  interface Recorder {
    url: string;
    seen: http.IncomingHttpHeaders[];
    close(): Promise<void>;
  }

  async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
    const s = http.createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return { server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
  }

  async function shut(s: http.Server): Promise<void> {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  let third: Recorder;
  let redirector: { url: string; seen: http.IncomingHttpHeaders[]; status: number; close(): Promise<void> };

  before(async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const t = await listen((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(fixtureText('caller-identity.json'));
    });
    third = { url: t.url, seen, close: () => shut(t.server) };
    const redirectSeen: http.IncomingHttpHeaders[] = [];
    const state = { status: 302 };
    const r = await listen((req, res) => {
      redirectSeen.push(req.headers);
      res.writeHead(state.status, { location: `${third.url}${req.url ?? '/'}`, 'content-type': 'text/plain' }).end('moved');
    });
    redirector = {
      url: r.url,
      seen: redirectSeen,
      get status() {
        return state.status;
      },
      set status(value: number) {
        state.status = value;
      },
      close: () => shut(r.server),
    };
  });

  after(async () => {
    await redirector.close();
    await third.close();
  });

  for (const status of [302, 301, 307, 308]) {
    test(`a ${status} redirect is not followed: "redirect" error and the token never reaches the other origin`, async () => {
      redirector.status = status;
      const before = redirector.seen.length;
      const c = new UsageClient({ baseUrl: redirector.url, token: DEMO_TOKEN, userAgent: 'test', timeoutMs: 2_000 });
      const error = await expectApiError(c.callerIdentity(), 'redirect');
      assert.equal(error.status, status);
      assert.ok(error.message.includes(third.url), `names where it pointed: ${error.message}`);
      assert.equal(redirector.seen.length, before + 1);
      assert.equal(third.seen.length, 0, 'the third server never saw a request');
    });
  }

  test('a redirect on the usage endpoint is not followed either', async () => {
    redirector.status = 302;
    const c = new UsageClient({ baseUrl: redirector.url, token: DEMO_TOKEN, userAgent: 'test', timeoutMs: 2_000 });
    await expectApiError(c.streamsBySdkVersion(lastDay()), 'redirect');
    assert.equal(third.seen.length, 0);
  });
});

describe('UsageClient: error messages', () => {
  test('no error produced above quotes the token', () => {
    assert.ok(producedErrors.length >= 30, `only ${producedErrors.length} errors were checked`);
    for (const error of producedErrors) {
      assert.ok(!error.message.includes(DEMO_TOKEN) && !error.message.includes(TOKEN_UUID), error.message);
      assert.ok(!String(error.stack).includes(DEMO_TOKEN));
    }
  });
});

describe('what a parser throws is about the answer, never the network', () => {
  const body = (text: string) => {
    const bytes = Buffer.from(text);
    return new ResponseBody(Buffer.concat([bytes, Buffer.alloc(BODY_PADDING)]), bytes.length);
  };
  const failureOf = (parse: () => unknown): unknown => {
    try {
      parseAnswer(body('{}'), 200, parse);
    } catch (error) {
      return error;
    }
    return assert.fail('expected a failure');
  };

  test('an unexpected exception (a TypeError, say) is an answer this extension cannot read, not "could not reach"', () => {
    const error = failureOf(() => {
      throw new TypeError('x is not a function');
    });
    assert.ok(error instanceof UsageApiError);
    assert.equal(error.kind, 'invalidResponse');
    assert.equal(error.problem, 'unreadable');
    assert.equal(error.message, "LaunchDarkly's API sent a response this extension cannot read (TypeError).");
    assert.doesNotMatch(presentError(error).message, /reach|connection/i);
    // Thrown values that are not errors at all say so without quoting them.
    const odd = failureOf(() => {
      throw 'a string';
    });
    assert.ok(odd instanceof UsageApiError && odd.kind === 'invalidResponse' && /\(unknown error\)/.test(odd.message));
  });

  /** What a syntax error in `bytes` is called: a web page or not JSON. */
  const syntaxProblemOf = (bytes: Uint8Array, Body: typeof ResponseBody = ResponseBody) => {
    try {
      parseAnswer(new Body(Buffer.concat([bytes, Buffer.alloc(BODY_PADDING)]), bytes.length), 200, () => JSON.parse('{'));
    } catch (error) {
      return error instanceof UsageApiError ? error.problem : error;
    }
    return assert.fail('expected a failure');
  };

  test('a syntax error in a body that opens with "<" after any white space (a BOM, no-break and wide spaces, line separators) is a web page', () => {
    const cases: [string | number[], string][] = [
      ['<html>', 'webPage'],
      [' \t\r\n\v\f<!doctype html>', 'webPage'],
      ['\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000<p>', 'webPage'],
      [[0xef, 0xbb, 0xbf, 0x3c, 0x70, 0x3e], 'webPage'],
      [[0xef, 0xbb, 0xbf, 0x20, 0xef, 0xbb, 0xbf, 0x0a, 0x3c], 'webPage'],
      // A long run of white space, multi-byte characters across any boundary a reader might read it in.
      [`${' \u3000\u00a0'.repeat(5_000)}<html>`, 'webPage'],
      [`${' '.repeat(100_000)}<html>`, 'webPage'],
      ['', 'notJson'],
      ['   ', 'notJson'],
      ['{"a":', 'notJson'],
      [' x<html>', 'notJson'],
      // A zero-width space is not white space; bytes that are not UTF-8 read as U+FFFD.
      ['\u200b<html>', 'notJson'],
      [[0xff, 0x3c], 'notJson'],
      [[0xe2, 0x3c], 'notJson'],
      [[0x20, 0xe3, 0x80, 0x3c], 'notJson'],
      ['é<p>', 'notJson'],
      ['😀<p>', 'notJson'],
    ];
    for (const [input, problem] of cases) {
      const bytes = typeof input === 'string' ? Buffer.from(input) : Buffer.from(input);
      assert.equal(syntaxProblemOf(bytes), problem, JSON.stringify(input).slice(0, 60));
    }
  });

  test('telling a web page from broken JSON never makes the whole text (its allocation may be what fails)', () => {
    class TextlessBody extends ResponseBody {
      override get text(): string {
        throw new RangeError('Invalid string length');
      }
    }
    assert.equal(syntaxProblemOf(Buffer.from(`\u00a0${' '.repeat(10_000)}<html>`), TextlessBody), 'webPage');
    assert.equal(syntaxProblemOf(Buffer.from('{"sdk":"Café",'), TextlessBody), 'notJson');
  });

  test('syntax errors stay "not valid JSON", allocation failures stay for the caller to call "too large"', () => {
    const syntax = failureOf(() => JSON.parse('{'));
    assert.ok(syntax instanceof UsageApiError && syntax.problem === 'notJson');
    const range = failureOf(() => {
      throw new RangeError('Invalid array length');
    });
    assert.ok(range instanceof RangeError);
  });
});
