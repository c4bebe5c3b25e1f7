/**
 * UsageStore against the local LaunchDarkly-compatible API, serving its messy data set (the shapes
 * real accounts send): loading, joining, aborting, keeping the last good data, rate limits and
 * request counts. What the model should hold is worked out from the API's raw answers.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageApiError } from '../../src/api/errors';
import { presentError, whatHappened } from '../../src/presentation/errors';
import { rangeLabel } from '../../src/presentation/queryWords';
import type { StreamSource } from '../../src/api/parse';
import type { UsageQuery } from '../../src/model/query';
import { UsageStore, sourcesOf, type Connector, type StoreState } from '../../src/store';
import { expectedUsage, type ExpectedUsage, type RawAnswer } from '../support/expectedUsage';
import { rawAnswer, useLocalApi } from '../support/localApi';
import { valuesOf } from '../support/seriesLists';

const local = useLocalApi({ dataset: 'messy' });
const stores: UsageStore[] = [];

const USER_AGENT = 'store-test';
const connector: Connector = async () => ({ baseUrl: local().url, token: local().token, userAgent: USER_AGENT, timeoutMs: 2_000 });

/** The API's own answers for what the store loaded (fetched directly, not counted as the store's requests). */
async function expectedFor(state: StoreState, withSdkVersions = true): Promise<ExpectedUsage> {
  const loaded = state.loaded!;
  const raw: RawAnswer[] = [];
  for (const source of sourcesOf(loaded.source)) {
    const query = {
      from: Math.floor(loaded.from),
      to: Math.floor(loaded.to),
      tz: loaded.timeZone,
      sdk: loaded.filter.sdk,
      version: loaded.filter.version,
    };
    const body = await rawAnswer(local(), `/api/v2/usage/streams/${source}/bysdkversion`, query);
    const sdkVersions = withSdkVersions ? await rawAnswer(local(), `/api/v2/usage/streams/${source}/sdkversions`) : undefined;
    raw.push({ source, body, sdkVersions });
  }
  return expectedUsage(raw);
}

/** SDK names the API served for a source, sorted. */
function sdkNames(expected: ExpectedUsage, source: StreamSource): string[] {
  return expected.sdks
    .filter((s) => s.source === source)
    .map((s) => s.sdk)
    .sort();
}

/** An SDK whose newest version is known only from sdkversions (it holds no connections now). */
async function sdkNewestOnlyLately(state: StoreState): Promise<{ sdk: string; newest: string; newestWithConnections: string | undefined }> {
  const withList = await expectedFor(state);
  const withoutList = await expectedFor(state, false);
  const sdk = withList.sdks.find((s) => s.newest !== withoutList.sdks.find((w) => w.sdk === s.sdk && w.source === s.source)!.newest);
  assert.ok(sdk?.newest, 'the data has a version seen lately that is newer than any with connections');
  return { sdk: sdk.sdk, newest: sdk.newest, newestWithConnections: withoutList.sdks.find((w) => w.sdk === sdk.sdk)!.newest };
}

function query(change: Partial<UsageQuery> = {}): UsageQuery {
  return { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {}, ...change };
}

function store(change: Partial<UsageQuery> = {}, connect: Connector = connector, now?: () => number): UsageStore {
  const s = now ? new UsageStore(connect, query(change), now) : new UsageStore(connect, query(change));
  stores.push(s);
  return s;
}

/** Requests the stores under test made to routes containing `fragment`. */
function count(fragment: string): number {
  return local().requests.filter((r) => r.path.includes(fragment) && r.headers['user-agent'] === USER_AGENT).length;
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
    assert.equal(state.model.granularity, 'hourly');
    assert.ok(state.model.times.length >= 23);
    assert.equal(state.loaded?.source, 'server');
    assert.equal(state.loaded && rangeLabel(state.loaded), 'Last 24 hours');
    assert.equal(state.loaded?.timeZone, 'UTC');
    const requestsMade = local().requests.filter((r) => r.headers['user-agent'] === USER_AGENT);
    const expected = await expectedFor(state);
    assert.deepEqual(state.model.sdks.map((x) => x.sdk).sort(), sdkNames(expected, 'server'));
    assert.deepEqual(state.model.times, expected.times);
    assert.equal(state.model.latestTotal, expected.latestTotal);
    assert.ok(state.model.latestTotal > 2 ** 31, 'totals above 2^31 are kept exactly');
    for (const v of state.model.versions) {
      const want = expected.versions.find((e) => e.sdk === v.sdk && e.version === v.version)!;
      assert.deepEqual(
        [v.latest, v.peak, v.average, v.health.status],
        [want.latest, want.peak, want.average, want.health],
        `${v.sdk} ${v.version}`,
      );
    }
    // Versions seen lately (sdkversions) feed health: a version with no connections can be the newest.
    const lately = await sdkNewestOnlyLately(state);
    assert.equal(state.model.sdks.find((x) => x.sdk === lately.sdk)!.newest, lately.newest);

    assert.equal(requestsMade.filter((r) => r.path.includes('bysdkversion')).length, 1);
    assert.equal(requestsMade.filter((r) => r.path.includes('sdkversions')).length, 1);
    const request = requestsMade.find((r) => r.path.includes('bysdkversion'))!;
    assert.equal(request.path, '/api/v2/usage/streams/server/bysdkversion');
    assert.equal(request.query.tz, 'UTC');
    assert.equal(
      requestsMade.filter((r) => r.path === '/api/v2/usage/sdk-versions/all').length,
      1,
      "LaunchDarkly's verdicts asked for once",
    );
  });

  test('passes the filter to the API and shows only what matches, one version even when the API sends it twice', async () => {
    const first = store();
    await first.refresh();
    const all = await expectedFor(first.state);
    const metadata = JSON.parse(await rawAnswer(local(), '/api/v2/usage/streams/server/bysdkversion')).metadata as {
      sdk?: unknown;
      version?: unknown;
    }[];
    const repeated = all.versions.find((v) => metadata.filter((m) => m.sdk === v.sdk && m.version === v.version).length > 1);
    assert.ok(repeated, 'the messy data sends one SDK and version twice');
    const filter = { sdk: repeated.sdk, version: repeated.version };
    const s = store({ filter });
    await s.refresh();
    const request = local()
      .requests.filter((r) => r.headers['user-agent'] === USER_AGENT && r.path.includes('bysdkversion'))
      .pop()!;
    assert.equal(request.query.sdk, filter.sdk);
    assert.equal(request.query.version, filter.version);
    const model = s.state.model!;
    assert.deepEqual(
      model.versions.map((v) => [v.sdk, v.version]),
      [[filter.sdk, filter.version]],
    );
    const expected = await expectedFor(s.state);
    assert.deepEqual(valuesOf(model, model.versions[0]!), expected.versions[0]!.values, 'the two series are added up');
    assert.deepEqual(s.state.loaded!.filter, filter);
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

    const arrivals = local()
      .requests.filter((r) => r.path.includes('bysdkversion'))
      .map((r) => r.time);
    assert.ok(arrivals.length >= 2, 'later refreshes after a load finished do load again');
    assert.ok(arrivals.length <= 11, `${arrivals.length} requests in about a second of 100 ms answers`);
    // Each answer takes 100 ms: a request arriving sooner after the previous one would overlap it.
    for (let i = 1; i < arrivals.length; i++) {
      assert.ok(
        arrivals[i]! - arrivals[i - 1]! >= 95,
        `requests ${i - 1} and ${i} overlapped (${arrivals[i]! - arrivals[i - 1]!} ms apart)`,
      );
    }
    assert.equal(s.state.status, 'ready');
    assert.ok(s.state.model && s.state.model.versions.length > 0);
    assert.equal(count('sdkversions'), 1, 'sdkversions is fetched once for all those refreshes');
  });

  test("setQuery during a slow load abandons it and shows the new query's data", async () => {
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
    assert.deepEqual(state.model!.sdks.map((x) => x.sdk).sort(), sdkNames(await expectedFor(state), 'client'));
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
    assert.match(presentError(s.state.error!).message, /Still rate limited.*Try again in (59|60) seconds/);
    assert.equal(s.state.error!.retryAt, retryAt);
    assert.equal(s.state.model, good);

    offset = 61_000; // the window has passed
    await s.refresh();
    assert.equal(count('bysdkversion'), 3);
    assert.equal(s.state.status, 'ready');
    assert.equal(s.state.error, undefined);
  });

  test('after a far rate-limit reset (an hour), "Try Now" makes one request because the user asked, and recovers', async () => {
    const s = store();
    await s.refresh();
    const good = s.state.model;
    local().addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '3600' } }, path: 'bysdkversion', times: 1 });
    await s.refresh();
    await s.refresh();
    assert.equal(count('bysdkversion'), 2, 'the second refresh was answered without a request');
    assert.equal(s.state.error?.problem, 'answeredLocally');
    const shown = presentError(s.state.error!);
    assert.match(shown.message, /Still rate limited.*Try again at /);
    assert.deepEqual(shown.actions, ['tryNow'], 'the message offers Try Now');
    // The server has recovered (the fault answered once): Try Now asks, once.
    await s.refresh({ despiteRateLimit: true });
    assert.equal(count('bysdkversion'), 3);
    assert.equal(s.state.status, 'ready');
    assert.equal(s.state.error, undefined);
    assert.ok(s.state.model && s.state.model !== good);
  });

  test('a connector that has no token becomes an error state without any request', async () => {
    const noToken: Connector = async () => {
      throw new UsageApiError('noToken', 'No API access token is set.');
    };
    const s = store({}, noToken);
    await s.refresh();
    assert.equal(s.state.status, 'error');
    assert.equal(s.state.error?.kind, 'noToken');
    assert.deepEqual(presentError(s.state.error!).actions, ['setToken']);
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
    assert.deepEqual(presentError(s.state.error!).actions, ['chooseTimeRange']);
    assert.match(whatHappened(s.state.error!), /must be after the start/);
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
      {
        status: s.state.status,
        model: s.state.model,
        loaded: s.state.loaded,
        fetchedAt: s.state.fetchedAt,
        error: s.state.error,
        stale: s.state.stale,
      },
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
    assert.equal(count('/sdk-versions/all'), 1);
    const model = s.state.model!;
    assert.deepEqual(model.sources, ['server', 'client']);
    const expected = await expectedFor(s.state);
    // Client SDKs first, then server ones; by name within a source.
    assert.deepEqual(
      model.sdks.map((x) => [x.source, x.sdk]),
      (['client', 'server'] as const).flatMap((source) =>
        sdkNames(expected, source)
          .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
          .map((sdk) => [source, sdk]),
      ),
    );
    assert.equal(s.state.loaded!.source, 'both');
  });

  test('a failed sdkversions request is asked again next time and does not block the data', async () => {
    local().addFault({ fault: { kind: 'status', status: 503 }, path: 'sdkversions', times: 1 });
    const s = store();
    await s.refresh();
    assert.equal(s.state.status, 'ready');
    const lately = await sdkNewestOnlyLately(s.state);
    const sdk = () => s.state.model!.sdks.find((x) => x.sdk === lately.sdk)!;
    assert.equal(sdk().newest, lately.newestWithConnections, 'without the list, the newest is the newest with connections');
    await s.refresh();
    assert.equal(count('sdkversions'), 2);
    assert.equal(sdk().newest, lately.newest);
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
