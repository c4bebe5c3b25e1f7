/**
 * Tests that sit exactly on the product's limits, where an off-by-one hides: the CSV formula guard
 * (each character it must catch), the redaction threshold, the body size cap (through the local
 * API) and a rate-limit window that resets exactly now.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BODY_BYTES, UsageClient, retryAtFromHeaders, type ClientSettings } from '../../src/api/client';
import { UsageApiError } from '../../src/api/errors';
import { toCsv } from '../support/exports';
import { buildUsageModel } from '../../src/model/modelBuild';
import { redact } from '../../src/redact';
import { UsageStore, type Connector } from '../../src/store';
import { rawAnswer, useLocalApi } from '../support/localApi';
import { seriesList } from '../support/seriesLists';

const local = useLocalApi();
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 2, 12, 15);

function client(overrides: Partial<ClientSettings> = {}): UsageClient {
  return new UsageClient({ baseUrl: local().url, token: local().token, userAgent: 'boundary-test', timeoutMs: 10_000, ...overrides });
}

const lastDay = () => ({ source: 'server' as const, from: Date.now() - 24 * HOUR, to: Date.now(), tz: 'UTC' });

async function rejection(promise: Promise<unknown>): Promise<UsageApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UsageApiError, String(error));
    return error;
  }
  return assert.fail('expected the request to fail');
}

describe('CSV export: the formula guard', () => {
  /** The sdk cell of the one data row of a CSV export of a version of `sdk`. */
  const sdkCell = (sdk: string): string => {
    const model = buildUsageModel([{ source: 'server', list: seriesList([T0], [{ sdk, version: '1.0.0', values: [5] }]) }], 'hourly');
    const row = toCsv(model, 'UTC').split('\r\n')[1]!;
    const prefix = '2025-03-12T15:00:00Z,1741791600000,server,';
    // The version and the connections follow, then the health columns.
    const end = row.lastIndexOf(',1.0.0,5,');
    assert.ok(row.startsWith(prefix) && end >= prefix.length, JSON.stringify(row));
    return row.slice(prefix.length, end);
  };

  for (const [first, cell] of [
    ['=', `'=HYPERLINK("x")`],
    ['+', "'+1+1"],
    ['-', "'-1+1"],
    ['@', "'@SUM(A1)"],
    ['\t', "'\t=1"],
  ] as const) {
    test(`a cell starting with ${JSON.stringify(first)} gets a leading quote`, () => {
      const text = cell.slice(1);
      assert.equal(text[0], first);
      // RFC 4180 doubles the quotes inside a quoted cell.
      assert.equal(sdkCell(text), /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    });
  }

  test('a cell starting with "\\r" gets a leading quote and is quoted as a whole', () => {
    assert.equal(sdkCell('\r=1'), `"'\r=1"`);
  });

  test('other cells are left as they are, a formula character later in the text too', () => {
    assert.equal(sdkCell('NodeJSClient'), 'NodeJSClient');
    assert.equal(sdkCell('a=b+c-d@e'), 'a=b+c-d@e');
    assert.equal(sdkCell(' =1'), ' =1');
  });
});

describe('redaction threshold', () => {
  test('a secret of exactly 8 characters is redacted; one of 7 is left alone', () => {
    assert.equal(redact('token abcdefgh used', ['abcdefgh']), 'token <redacted> used');
    assert.equal(redact('token abcdefg used', ['abcdefg']), 'token abcdefg used');
  });
});

describe('response size cap, through the local API', () => {
  test('the cap is 32 MiB', () => {
    assert.equal(MAX_BODY_BYTES, 32 * 1024 * 1024);
  });

  test('a body of exactly the cap is read', async () => {
    local().addFault({ fault: { kind: 'size', bytes: MAX_BODY_BYTES }, path: 'bysdkversion', times: 1 });
    const query = lastDay();
    const list = await client().streamsBySdkVersion(query);
    const expected = JSON.parse(await rawAnswer(local(), '/api/v2/usage/streams/server/bysdkversion', query)) as {
      metadata: unknown[];
      series: unknown[];
    };
    assert.equal(list.series.length, expected.metadata.length);
    assert.equal(list.times.length, expected.series.length);
    assert.ok(list.series.length > 0);
  });

  test('a body one byte over the cap is refused as "tooLarge"', async () => {
    local().addFault({ fault: { kind: 'size', bytes: MAX_BODY_BYTES + 1 }, path: 'bysdkversion', times: 1 });
    const error = await rejection(client().streamsBySdkVersion(lastDay()));
    assert.equal(error.kind, 'tooLarge');
    assert.match(error.message, /larger than 32 MB/);
  });
});

describe('a rate-limit window that resets exactly now', () => {
  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

  test('X-Ratelimit-Reset equal to now means now; a millisecond later means then', () => {
    const now = 1_700_000_000_000;
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now) }), now), now);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now + 1) }), now), now + 1);
    assert.equal(retryAtFromHeaders(headers({ 'x-ratelimit-reset': String(now - 1) }), now), now);
  });

  test('the client retries once, after the jitter only, and gets the data', async () => {
    const now = Date.now();
    const waits: number[] = [];
    local().addFault({
      fault: { kind: 'status', status: 429, headers: { 'X-Ratelimit-Reset': String(now) } },
      path: 'bysdkversion',
      times: 1,
    });
    const list = await client({ now: () => now, sleep: async (ms) => void waits.push(ms) }).streamsBySdkVersion(lastDay());
    assert.ok(list.series.length > 0);
    assert.equal(waits.length, 1);
    assert.ok(waits[0]! >= 250 && waits[0]! <= 1_000, `waited ${waits[0]} ms`);
    assert.equal(local().requests.filter((r) => r.path.endsWith('/bysdkversion')).length, 2);
  });

  test('the store asks again at the reset instant, not a millisecond before', async () => {
    const reset = Date.now() + 60_000;
    let now = Date.now();
    const connector: Connector = async () => ({ baseUrl: local().url, token: local().token, userAgent: 'boundary-test', timeoutMs: 5_000 });
    const store = new UsageStore(
      connector,
      { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} },
      () => now,
    );
    const asked = () => local().requests.filter((r) => r.path.endsWith('/bysdkversion')).length;
    try {
      local().addFault({
        fault: { kind: 'status', status: 429, headers: { 'X-Ratelimit-Reset': String(reset) } },
        path: 'bysdkversion',
        times: 1,
      });
      await store.refresh();
      assert.equal(store.state.error?.kind, 'rateLimited');
      assert.equal(store.state.error?.retryAt, reset);
      assert.equal(asked(), 1);

      now = reset - 1;
      await store.refresh();
      assert.equal(asked(), 1, 'still inside the window');
      assert.match(store.state.error!.message, /Still rate limited/);

      now = reset;
      await store.refresh();
      assert.equal(asked(), 2, 'the window has reset');
      assert.equal(store.state.status, 'ready');
    } finally {
      store.dispose();
    }
  });
});
