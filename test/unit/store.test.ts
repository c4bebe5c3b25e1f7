/**
 * UsageStore against the local LaunchDarkly-compatible API: loading, joining, aborting, keeping
 * the last good data, rate limits and request counts.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageApiError } from '../../src/api/errors';
import { UsageStore, sourcesOf, type Connector, type StoreState, type UsageQuery } from '../../src/store';
import { useLocalApi } from '../support/localApi';

const SERVER_SDKS = ['dotnet-server', 'go-server', 'java-server', 'node-server', 'php-server', 'python-server', 'ruby-server'];
const CLIENT_SDKS = ['android', 'flutter', 'ios', 'js-client', 'react'];

const local = useLocalApi();
const stores: UsageStore[] = [];

const connector: Connector = async () => ({ baseUrl: local().url, token: local().token, userAgent: 'test', timeoutMs: 2_000 });

function query(change: Partial<UsageQuery> = {}): UsageQuery {
  return { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {}, ...change };
}

function store(change: Partial<UsageQuery> = {}, connect: Connector = connector, now?: () => number): UsageStore {
  const s = now ? new UsageStore(connect, query(change), now) : new UsageStore(connect, query(change));
  stores.push(s);
  return s;
}

function count(fragment: string): number {
  return local().requests.filter((r) => r.path.includes(fragment)).length;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

describe('UsageStore: loading', () => {
  test('a refresh asked for the moment a load reports ready starts a new request instead of joining the finished one', async () => {
    const s = store();
    await s.refresh();
    const before = count('bysdkversion');
    let again: Promise<void> | undefined;
    const subscription = s.onDidChange((state) => {
      if (state.status === 'ready' && !again) again = s.refresh();
    });
    await s.refresh();
    await again;
    subscription.dispose();
    assert.equal(count('bysdkversion'), before + 2);
  });

  test('loads a model for the query and reports loading, then ready', async () => {
    const s = store();
    const statuses: string[] = [];
    // LaunchDarkly's verdicts may land while the data loads: that is a change, not a new status.
    s.onDidChange((state) => statuses.at(-1) !== state.status && statuses.push(state.status));
    assert.equal(s.state.status, 'idle');
    const before = Date.now();
    await s.refresh();

    const state = s.state;
    assert.deepEqual(statuses, ['loading', 'ready']);
    assert.equal(state.status, 'ready');
    assert.equal(state.error, undefined);
    assert.equal(state.stale, false);
    assert.ok(state.fetchedAt !== undefined && state.fetchedAt >= before);
    assert.ok(state.model);
    assert.deepEqual(state.model.sources, ['server']);
    assert.deepEqual(state.model.sdks.map((x) => x.sdk), SERVER_SDKS);
    assert.equal(state.model.granularity, 'hourly');
    assert.ok(state.model.times.length >= 23);
    assert.ok(state.model.latestTotal > 0);
    assert.equal(state.loaded?.source, 'server');
    assert.equal(state.loaded?.rangeLabel, 'Last 24 hours');
    assert.equal(state.loaded?.timeZone, 'UTC');
    // Versions seen lately (sdkversions) feed health: node-server 9.8.0 has no connections but is the newest.
    const node = state.model.sdks.find((x) => x.sdk === 'node-server')!;
    assert.equal(node.newest, '9.8.0');
    assert.equal(node.versions.find((v) => v.version === '9.7.1')!.health.status, 'minorBehind');

    assert.equal(count('bysdkversion'), 1);
    assert.equal(count('sdkversions'), 1);
    const request = local().requests.find((r) => r.path.includes('bysdkversion'))!;
    assert.equal(request.path, '/api/v2/usage/streams/server/bysdkversion');
    assert.equal(request.query.tz, 'UTC');
    assert.deepEqual(s.requestCounts, { bySdkVersion: 1, sdkVersions: 1, sdkVersionDetails: 1 });
  });

  test('passes the filter to the API and shows only what matches', async () => {
    const s = store({ filter: { sdk: 'go-server', version: '7.4.0' } });
    await s.refresh();
    const request = local().requests.find((r) => r.path.includes('bysdkversion'))!;
    assert.equal(request.query.sdk, 'go-server');
    assert.equal(request.query.version, '7.4.0');
    assert.deepEqual(s.state.model!.versions.map((v) => v.id), ['server:go-server@7.4.0']);
    assert.deepEqual(s.state.loaded!.filter, { sdk: 'go-server', version: '7.4.0' });
  });

  test('two refresh() calls at once make exactly one bysdkversion request', async () => {
    const s = store();
    const first = s.refresh();
    const second = s.refresh();
    await Promise.all([first, second]);
    assert.equal(count('bysdkversion'), 1);
    assert.equal(s.state.status, 'ready');
  });

  test('20 refreshes within a second never have more than one request in flight and end ready', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 100 }, path: 'bysdkversion' });
    const s = store();
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      calls.push(s.refresh());
      await sleep(50);
    }
    await Promise.all(calls);

    const arrivals = local().requests.filter((r) => r.path.includes('bysdkversion')).map((r) => r.time);
    assert.ok(arrivals.length >= 2, 'later refreshes after a load finished do load again');
    assert.ok(arrivals.length <= 11, `${arrivals.length} requests in about a second of 100 ms answers`);
    // Each answer takes 100 ms: a request arriving sooner after the previous one would overlap it.
    for (let i = 1; i < arrivals.length; i++) {
      assert.ok(arrivals[i]! - arrivals[i - 1]! >= 95, `requests ${i - 1} and ${i} overlapped (${arrivals[i]! - arrivals[i - 1]!} ms apart)`);
    }
    assert.equal(s.state.status, 'ready');
    assert.ok(s.state.model && s.state.model.versions.length > 0);
    assert.equal(count('sdkversions'), 1, 'sdkversions is fetched once for all those refreshes');
  });

  test('setQuery during a slow load abandons it and shows the new query\'s data', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 1_500 }, path: '/server/bysdkversion' });
    const s = store();
    const seen: StoreState[] = [];
    s.onDidChange((state) => seen.push(state));
    const started = Date.now();
    const slow = s.refresh();
    await waitFor(() => count('/server/bysdkversion') === 1, 'the slow request to arrive');
    const fast = s.setQuery({ source: 'client' });
    await Promise.all([slow, fast]);
    assert.ok(Date.now() - started < 1_200, 'did not wait for the abandoned load');

    const state = s.state;
    assert.equal(state.status, 'ready');
    assert.deepEqual(state.model!.sources, ['client']);
    assert.deepEqual(state.model!.sdks.map((x) => x.sdk), CLIENT_SDKS);
    assert.equal(state.loaded!.source, 'client');
    assert.equal(state.query.source, 'client');
    assert.equal(state.stale, false);
    // The abandoned load never shows up, not even later.
    await sleep(50);
    assert.ok(!seen.some((x) => x.model?.sources.includes('server')));
    assert.equal(s.state.model!.sources[0], 'client');
  });

  test('a load abandoned after its data arrived, while still waiting for sdkversions, never overwrites newer data', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 300 }, path: '/server/sdkversions' });
    const s = store();
    const old = s.refresh();
    await waitFor(() => count('/server/bysdkversion') === 1, 'the server data request');
    await sleep(30); // its answer is in; the load now waits for the slow versions list
    await s.setQuery({ source: 'client' });
    assert.deepEqual(s.state.model!.sources, ['client']);
    await old;
    await sleep(350);
    assert.deepEqual(s.state.model!.sources, ['client']);
    assert.equal(s.state.loaded!.source, 'client');
  });

  test('setQuery without loading marks the data on show as stale', async () => {
    const s = store();
    await s.refresh();
    await s.setQuery({ range: { kind: 'preset', preset: '7d' } }, false);
    assert.equal(s.state.stale, true);
    assert.equal(s.state.status, 'ready');
    assert.equal(count('bysdkversion'), 1);
    await s.refresh();
    assert.equal(s.state.stale, false);
    assert.equal(s.state.model!.granularity, 'daily');
    assert.equal(count('bysdkversion'), 2);
  });
});

describe('UsageStore: failures', () => {
  test('keeps the last good model through a failure, marks it stale, and recovers on the next refresh', async () => {
    const s = store();
    await s.refresh();
    const good = s.state.model;
    assert.ok(good);

    local().addFault({ fault: { kind: 'status', status: 500 }, path: 'bysdkversion' });
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'server');
    assert.equal(s.state.model, good, 'the last good data stays on show');
    assert.equal(s.state.stale, true);

    local().clearFaults();
    await s.refresh();
    assert.equal(s.state.status, 'ready');
    assert.equal(s.state.error, undefined);
    assert.equal(s.state.stale, false);
    assert.ok(s.state.model && s.state.model !== good);
  });

  test('a failure with no data yet is an error that is not stale', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'missing-time' }, path: 'bysdkversion' });
    const s = store();
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'invalidResponse');
    assert.equal(s.state.model, undefined);
    assert.equal(s.state.stale, false);
  });

  test('after a 429 with a long Retry-After, refresh() does not call the API before retryAt', async () => {
    let offset = 0;
    const s = store({}, connector, () => Date.now() + offset);
    await s.refresh();
    const good = s.state.model;

    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '60' } }, path: 'bysdkversion', times: 1 });
    const before = Date.now();
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'rateLimited');
    const retryAt = s.state.error!.retryAt!;
    assert.ok(retryAt >= before + 60_000 && retryAt <= Date.now() + 60_000);
    assert.equal(s.state.model, good);
    assert.equal(s.state.stale, true);
    assert.equal(count('bysdkversion'), 2);

    for (let i = 0; i < 3; i++) await s.refresh();
    assert.equal(count('bysdkversion'), 2, 'no request while still rate limited');
    assert.equal(s.state.error?.kind, 'rateLimited');
    assert.match(s.state.error!.message, /Still rate limited/);
    assert.match(s.state.error!.message, /in (59|60) seconds/);
    assert.equal(s.state.error!.retryAt, retryAt);
    assert.equal(s.state.model, good);

    offset = 61_000; // the window has passed
    await s.refresh();
    assert.equal(count('bysdkversion'), 3);
    assert.equal(s.state.status, 'ready');
    assert.equal(s.state.error, undefined);
  });

  test('a connector that has no token becomes an error state without any request', async () => {
    const noToken: Connector = async () => {
      throw new UsageApiError('noToken', 'No API token is set. Run "LaunchDarkly Usage: Set API Token".');
    };
    const s = store({}, noToken);
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'noToken');
    assert.deepEqual(s.state.error?.actions, ['setToken']);
    assert.equal(s.state.model, undefined);
    assert.equal(local().requests.length, 0);
  });

  test('an unexpected connector failure becomes an error that does not echo the raw text', async () => {
    const secret = 'api-12345678-1234-4123-8123-123456789abc';
    const broken: Connector = async () => {
      throw new TypeError(`could not read ${secret}`);
    };
    const s = store({}, broken);
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'invalidResponse');
    assert.match(s.state.error!.message, /TypeError/);
    assert.ok(!s.state.error!.message.includes(secret));
  });

  test('an impossible custom range becomes "invalidSettings" offering to choose a range, without a request', async () => {
    const s = store({ range: { kind: 'custom', from: '2026-06-10', to: '2026-06-01' } });
    await s.refresh();
    assert.equal(s.state.error?.kind, 'invalidSettings');
    assert.deepEqual(s.state.error?.actions, ['chooseTimeRange']);
    assert.match(s.state.error!.message, /must be after the start/);
    assert.equal(count('bysdkversion'), 0);
  });
});

describe('UsageStore: reset and sources', () => {
  test('reset() forgets all data and the versions seen lately', async () => {
    const s = store();
    await s.refresh();
    assert.ok(s.state.model);
    s.reset();
    assert.deepEqual(
      { status: s.state.status, model: s.state.model, loaded: s.state.loaded, fetchedAt: s.state.fetchedAt, error: s.state.error, stale: s.state.stale },
      { status: 'idle', model: undefined, loaded: undefined, fetchedAt: undefined, error: undefined, stale: false },
    );
    await s.refresh();
    assert.equal(count('sdkversions'), 2, 'a new token may see other versions: asked again');
  });

  test('reset() during a load abandons it', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 300 }, path: 'bysdkversion' });
    const s = store();
    const load = s.refresh();
    await waitFor(() => count('bysdkversion') === 1, 'the request to arrive');
    s.reset();
    await load;
    await sleep(20);
    assert.equal(s.state.status, 'idle');
    assert.equal(s.state.model, undefined);
  });

  test('"both" asks once per source per refresh, and sdkversions once per source across refreshes', async () => {
    const s = store({ source: 'both' });
    for (let i = 1; i <= 3; i++) {
      await s.refresh();
      assert.equal(count('/server/bysdkversion'), i);
      assert.equal(count('/client/bysdkversion'), i);
    }
    assert.equal(count('/server/sdkversions'), 1);
    assert.equal(count('/client/sdkversions'), 1);
    // LaunchDarkly's verdicts are fresh for 15 minutes: asked for once across the three refreshes.
    assert.deepEqual(s.requestCounts, { bySdkVersion: 6, sdkVersions: 2, sdkVersionDetails: 1 });
    const model = s.state.model!;
    assert.deepEqual(model.sources, ['server', 'client']);
    assert.deepEqual(model.sdks.map((x) => x.id), [...CLIENT_SDKS.map((n) => `client:${n}`), ...SERVER_SDKS.map((n) => `server:${n}`)]);
    assert.equal(s.state.loaded!.source, 'both');
  });

  test('a failed sdkversions request is asked again next time and does not block the data', async () => {
    local().addFault({ fault: { kind: 'status', status: 503 }, path: 'sdkversions', times: 1 });
    const s = store();
    await s.refresh();
    assert.equal(s.state.status, 'ready');
    const node = s.state.model!.sdks.find((x) => x.sdk === 'node-server')!;
    assert.equal(node.newest, '9.7.1', 'without the list, the newest is the newest with connections');
    await s.refresh();
    assert.equal(count('sdkversions'), 2);
    assert.equal(s.state.model!.sdks.find((x) => x.sdk === 'node-server')!.newest, '9.8.0');
  });

  test('a listener that was disposed hears nothing more', async () => {
    const s = store();
    let heard = 0;
    const listener = s.onDidChange(() => heard++);
    await s.refresh();
    const afterFirst = heard;
    listener.dispose();
    await s.refresh();
    assert.equal(heard, afterFirst);
  });

  test('sourcesOf expands "both"', () => {
    assert.deepEqual(sourcesOf('both'), ['server', 'client']);
    assert.deepEqual(sourcesOf('client'), ['client']);
  });
});
