/**
 * LaunchDarkly's end-of-life verdicts: the tolerant parser, the client over real HTTP to the local
 * API, the join to stream series, precedence and the fallback to the estimate, the store's
 * 15-minute reuse and failures that never hide the stream data, and the plan built from it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageClient } from '../../src/api/client';
import { UsageApiError } from '../../src/api/errors';
import type { StreamSource } from '../../src/api/parse';
import { MAX_TEXT_LENGTH, MAX_URL_LENGTH, parseSdkVersionDetails, type SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { groupByEnvironment } from '../../src/model/byEnvironment';
import { markdownText } from '../../src/text';
import { buildUpgradePlan, safeReleaseUrl, type PlanSeries } from '../../src/model/upgradePlan';
import { VerdictIndex, joinVerdicts, verdictOf, type SeriesKey } from '../../src/model/verdict';
import { verdictFailureNote } from '../../src/presentation/notes';
import { DETAILS_MAX_AGE_MS, UsageStore, type Connector } from '../../src/store';
import { useLocalApi } from '../support/localApi';

/** The report indexed as the store indexes each answer, then joined. */
const join = (series: readonly SeriesKey[], entries: readonly SdkVersionDetail[], sources: readonly StreamSource[]) =>
  joinVerdicts(series, new VerdictIndex(entries), sources);

const local = useLocalApi();
const settings = () => ({ baseUrl: local().url, token: local().token, userAgent: 'test', timeoutMs: 2_000 });
const connector: Connector = async () => settings();
const ALL = '/api/v2/usage/sdk-versions/all';

function entry(fields: Partial<SdkVersionDetail>): SdkVersionDetail {
  return { eolStatus: 'EolUnknown', ...fields };
}

async function rawAll(query = ''): Promise<Record<string, string>[]> {
  const response = await fetch(`${local().url}${ALL}${query}`, { headers: { Authorization: local().token, 'LD-API-Version': 'beta' } });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, string>[];
}

describe('sdk-versions/all: parsing', () => {
  test('every field is optional, wrong types are dropped, unknown statuses read as EolUnknown, texts are capped', () => {
    const { entries, ignored } = parseSdkVersionDetails([
      {
        name: 'node-server',
        version: '9.7.1',
        eolStatus: 'EolPast',
        ldLatestVersion: '9.8.0',
        connectionType: 'proxy',
        relayVersion: '7.4.1',
        relayEolStatus: 'EolNear',
      },
      {
        name: 42,
        version: ['x'],
        eolStatus: 'EolSomethingNew',
        projectName: 'x'.repeat(5_000),
        connectionType: 'carrier-pigeon',
        environmentName: 'Prod\nuction',
      },
      {},
      'not an object',
      null,
    ]);
    assert.equal(ignored, 2);
    assert.deepEqual(entries[0], {
      name: 'node-server',
      version: '9.7.1',
      eolStatus: 'EolPast',
      ldLatestVersion: '9.8.0',
      connectionType: 'proxy',
      relayVersion: '7.4.1',
      relayEolStatus: 'EolNear',
    });
    assert.equal(entries[1]!.name, undefined);
    assert.equal(entries[1]!.version, undefined);
    assert.equal(entries[1]!.eolStatus, 'EolUnknown');
    assert.equal(entries[1]!.connectionType, undefined);
    assert.equal(entries[1]!.projectName!.length, MAX_TEXT_LENGTH);
    assert.equal(entries[1]!.environmentName, 'Prod uction', 'a line break cannot split a line of Markdown or CSV');
    assert.deepEqual(entries[2], { eolStatus: 'EolUnknown' });
  });

  test('a release-notes address longer than the cap is left out, never cut short (a cut one leads elsewhere)', () => {
    const long = `https://github.com/launchdarkly/x/releases/${'a'.repeat(MAX_URL_LENGTH)}`;
    const fits = `https://github.com/launchdarkly/x/releases/${'a'.repeat(MAX_URL_LENGTH - 44)}`;
    const { entries } = parseSdkVersionDetails([{ latestReleaseUrl: long, relayLatestReleaseUrl: fits }]);
    assert.equal(entries[0]!.latestReleaseUrl, undefined);
    assert.equal(entries[0]!.relayLatestReleaseUrl, fits);
  });

  test('anything but an array is the usual invalid-response error', () => {
    for (const body of [{ items: [] }, null, 'text', 3]) {
      assert.throws(
        () => parseSdkVersionDetails(body),
        (e: unknown) => e instanceof UsageApiError && e.kind === 'invalidResponse',
      );
    }
  });
});

describe('sdk-versions/all: the client against the local API', () => {
  test('sends the beta header and the filters it is given, and reads every entry', async () => {
    const client = new UsageClient(settings());
    const all = await client.sdkVersionDetails();
    assert.equal(all.entries.length, (await rawAll()).length);
    const request = local().requests.at(-1)!;
    assert.equal(request.headers['ld-api-version'], 'beta');
    // The report's ids are sent as filters, but not kept: keys and names say where a version runs.
    const project = (await rawAll()).find((e) => e.projectId)!;
    const filtered = await client.sdkVersionDetails({ projectId: project.projectId, connectionType: 'proxy' });
    assert.deepEqual(local().requests.at(-1)!.query, { projectId: project.projectId, connectionType: 'proxy' });
    assert.ok(filtered.entries.length > 0 && filtered.entries.length < all.entries.length);
    assert.ok(filtered.entries.every((e) => e.projectKey === project.projectKey && e.connectionType === 'proxy'));
    assert.ok(all.entries.every((e) => !('projectId' in e) && !('environmentId' in e)));
  });

  test('a fault rule on "sdk-versions" fails only those; a rule without a path fails only the stream routes', async () => {
    local().addFault({ fault: { kind: 'status', status: 404 }, path: 'sdk-versions' });
    const client = new UsageClient(settings());
    await assert.rejects(client.sdkVersionDetails(), (e: unknown) => e instanceof UsageApiError && e.kind === 'notFound');
    await client.sdkVersions('server');
    local().clearFaults();
    local().addFault({ fault: { kind: 'status', status: 503 } });
    await client.sdkVersionDetails();
    await assert.rejects(client.sdkVersions('server'), (e: unknown) => e instanceof UsageApiError && e.kind === 'server');
  });

  test('a malformed answer (an object, not a list) is an invalid response', async () => {
    local().addFault({ fault: { kind: 'malformed', variant: 'no-metadata' }, path: 'sdk-versions' });
    await assert.rejects(
      new UsageClient(settings()).sdkVersionDetails(),
      (e: unknown) => e instanceof UsageApiError && e.kind === 'invalidResponse',
    );
  });
});

describe('verdicts: the join, precedence and the fallback', () => {
  const series = [
    { id: 's1', source: 'server' as const, sdk: 'node-server', version: '9.7.1' },
    { id: 's2', source: 'server' as const, sdk: 'Go', version: '7.0.0' },
    { id: 's3', source: 'server' as const, sdk: 'java', version: '5.0.0' },
  ];

  test('exact name and version first; case-insensitive only where no exact match exists; never across SDKs', () => {
    const verdicts = join(
      series,
      [
        entry({ name: 'node-server', version: '9.7.1', eolStatus: 'EolAllClear' }),
        entry({ name: 'NODE-SERVER', version: '9.7.1', eolStatus: 'EolPast' }),
        entry({ name: 'go', version: '7.0.0', eolStatus: 'EolNear' }),
        entry({ name: 'python', version: '5.0.0', eolStatus: 'EolPast', type: 'server' }),
      ],
      ['server'],
    );
    assert.equal(
      verdicts.byVersionId.get('s1')!.status,
      'EolAllClear',
      'the exact entry wins; the differently cased one is not added to it',
    );
    assert.equal(verdicts.byVersionId.get('s2')!.status, 'EolNear', 'case-insensitive where no exact match exists');
    assert.equal(verdicts.byVersionId.has('s3'), false, 'a version of another SDK never joins');
    assert.deepEqual(
      verdicts.withoutSeries.map((v) => [v.sdk, v.version]),
      [
        ['NODE-SERVER', '9.7.1'],
        ['python', '5.0.0'],
      ],
    );
  });

  test('reported versions without a series are kept only for the sources shown (an entry without a type always)', () => {
    const entries = [
      entry({ name: 'ios', version: '1.0.0', type: 'mobile', eolStatus: 'EolPast' }),
      entry({ name: 'rust', version: '1.0.0', eolStatus: 'EolPast' }),
    ];
    assert.deepEqual(
      join([], entries, ['server']).withoutSeries.map((v) => v.sdk),
      ['rust'],
    );
    assert.deepEqual(
      join([], entries, ['server', 'client']).withoutSeries.map((v) => v.sdk),
      ['ios', 'rust'],
    );
  });

  test('of several environments the most severe verdict wins: EolPast > EolNear > MajorVersionAvailable > EolAllClear', () => {
    const order = ['EolAllClear', 'MajorVersionAvailable', 'EolNear', 'EolPast'] as const;
    for (let i = 0; i < order.length; i++) {
      const entries = order
        .slice(0, i + 1)
        .map((eolStatus, k) => entry({ name: 'x', version: '1', eolStatus, environmentKey: `env${k}`, ldLatestVersion: `${k + 2}.0.0` }));
      const verdict = verdictOf('x', '1', [entry({ name: 'x', version: '1', eolStatus: 'EolUnknown' }), ...entries.reverse()]);
      assert.equal(verdict.status, order[i]);
      assert.equal(verdict.target, `${i + 2}.0.0`, 'the target comes from the most severe entry');
      assert.equal(verdict.placements.length, i + 2);
    }
    assert.equal(verdictOf('x', '1', [entry({ eolStatus: 'EolUnknown' })]).status, undefined);
  });
});

describe('UsageStore and the verdicts', () => {
  test('asks once per refresh, reuses an answer younger than 15 minutes, asks again after; a reset drops it', async () => {
    let now = Date.now();
    const store = new UsageStore(
      connector,
      { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} },
      () => now,
    );
    const calls = () => local().requests.filter((r) => r.path === ALL).length;
    await store.refresh();
    assert.equal(calls(), 1);
    assert.ok(store.state.verdicts && store.state.verdicts.byVersionId.size > 0);
    now += DETAILS_MAX_AGE_MS - 1;
    await store.refresh();
    await store.setQuery({ filter: { sdk: 'node-server' } });
    assert.equal(calls(), 1, 'younger than 15 minutes: reused across refreshes and query changes');
    now += 2;
    await store.refresh();
    assert.equal(calls(), 2, 'older: asked again');
    store.reset();
    assert.equal(store.state.details, undefined);
    assert.equal(store.state.verdicts, undefined);
    await store.refresh();
    assert.equal(calls(), 3, 'a new token asks again');
    store.dispose();
  });

  for (const [what, fault] of [
    ['403', { kind: 'status', status: 403 }],
    ['404', { kind: 'status', status: 404 }],
    ['429', { kind: 'status', status: 429, headers: { 'retry-after': '60' } }],
    ['malformed', { kind: 'malformed', variant: 'not-json' }],
  ] as const) {
    test(`a ${what} on sdk-versions keeps the stream data and says why health is estimated`, async () => {
      local().addFault({ fault, path: 'sdk-versions' });
      const store = new UsageStore(connector, { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} });
      await store.refresh();
      assert.equal(store.state.status, 'ready');
      assert.equal(store.state.error, undefined);
      assert.ok(store.state.model!.versions.length > 0);
      assert.equal(store.state.verdicts, undefined);
      assert.ok(store.state.detailsError);
      assert.match(verdictFailureNote(store.state.detailsError), /^Health is estimated/);
      store.dispose();
    });
  }

  test('a slow sdk-versions answer does not hold back the stream data', async () => {
    local().addFault({ fault: { kind: 'delay', ms: 1_000 }, path: 'sdk-versions' });
    const store = new UsageStore(connector, { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} });
    const started = Date.now();
    const ready = new Promise<number>((resolve) => store.onDidChange((s) => s.status === 'ready' && resolve(Date.now())));
    const done = store.refresh();
    assert.ok((await ready) - started < 800, 'ready before the verdicts arrive');
    assert.equal(store.state.verdicts, undefined);
    await done;
    assert.ok(store.state.verdicts);
    store.dispose();
  });
});

describe('the local API data and the plan built from it', () => {
  test('every eolStatus, a series with no entry, an SDK with no series, several projects, Relay Proxies', async () => {
    const store = new UsageStore(connector, { source: 'both', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} });
    await store.refresh();
    const raw = await rawAll();
    assert.deepEqual([...new Set(raw.map((e) => e.eolStatus))].sort(), [
      'EolAllClear',
      'EolNear',
      'EolPast',
      'EolUnknown',
      'MajorVersionAvailable',
    ]);
    assert.ok(new Set(raw.map((e) => e.projectKey)).size >= 3);
    assert.ok(new Set(raw.map((e) => e.applicationId).filter(Boolean)).size >= 3);
    assert.ok(raw.some((e) => e.connectionType === 'proxy' && e.relayVersion));
    const { model, verdicts } = store.state;
    assert.ok(model && verdicts);
    assert.ok(
      model.versions.some((v) => !verdicts.byVersionId.has(v.id)),
      'a stream series LaunchDarkly does not report',
    );
    assert.ok(verdicts.withoutSeries.length > 0, 'a version LaunchDarkly reports that no series carries');
    const plan = buildUpgradePlan(model.versions, verdicts);
    assert.ok(
      plan.some((r) => r.kind === 'relay'),
      'Relay Proxy versions that are not current have rows',
    );
    assert.ok(
      plan.some((r) => r.kind === 'sdk' && r.latest === undefined),
      'a reported SDK with no stream series has a row',
    );
    for (let i = 1; i < plan.length; i++) {
      const rank = { EolPast: 3, EolNear: 2, MajorVersionAvailable: 1 };
      assert.ok(
        rank[plan[i - 1]!.status] > rank[plan[i]!.status] ||
          (rank[plan[i - 1]!.status] === rank[plan[i]!.status] && (plan[i - 1]!.latest ?? -1) >= (plan[i]!.latest ?? -1)),
        'severity, then latest connections',
      );
    }
    const projects = groupByEnvironment(verdicts);
    assert.ok(projects.length >= 2 && projects.every((p) => p.environments.length > 0));
    store.dispose();
  });
});

describe('Markdown and release-notes addresses', () => {
  test('markdownText leaves no Markdown or HTML active', () => {
    assert.equal(markdownText('a*b_c`d[e](f)<g>|h\ni'), 'a\\*b\\_c\\`d\\[e\\]\\(f\\)\\<g\\>\\|h i');
    assert.equal(markdownText('www.x.com'), 'www\\.x\\.com');
  });

  test('safeReleaseUrl accepts https only', () => {
    assert.ok(safeReleaseUrl('https://github.com/launchdarkly/x/releases'));
    for (const bad of [
      'http://github.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'command:workbench.action.quit',
      'https://user:pw@host/',
      'not a url',
      undefined,
    ]) {
      assert.equal(safeReleaseUrl(bad), undefined, String(bad));
    }
  });
});

describe('the panel protocol for the plan', () => {
  test("the webview may ask to copy the plan or open a row's release notes by id, never with an address or extra keys", async () => {
    const { isWebviewMessage } = await import('../../src/protocol');
    assert.equal(isWebviewMessage({ type: 'copyUpgradePlan' }), true);
    assert.equal(isWebviewMessage({ type: 'openReleaseNotes', rowId: '["sdk","server:x@1"]' }), true);
    assert.equal(isWebviewMessage({ type: 'openReleaseNotes', rowId: 'x', url: 'https://evil.example' }), false);
    assert.equal(isWebviewMessage({ type: 'openReleaseNotes', rowId: 7 }), false);
    assert.equal(isWebviewMessage({ type: 'openReleaseNotes', rowId: 'x'.repeat(2_001) }), false);
    assert.equal(isWebviewMessage({ type: 'copyUpgradePlan', now: true }), false);
  });

  test('the plan the webview gets carries whether release notes exist, not their address', async () => {
    const { packPanelPlan } = await import('../../src/protocol');
    const series: PlanSeries[] = [{ id: 'v1', source: 'server', sdk: 'go', version: '1.0.0', latest: 5 }];
    const verdicts = join(
      series,
      [entry({ name: 'go', version: '1.0.0', eolStatus: 'EolPast', latestReleaseUrl: 'https://example.com/x', environmentName: 'prod' })],
      ['server'],
    );
    const packed = packPanelPlan(buildUpgradePlan(series, verdicts), verdicts, 1);
    assert.equal(packed.rows[0]!.releaseNotes, true);
    // Offered only where the host will open it.
    for (const refused of ['http://example.com/x', 'javascript:alert(1)', 'https://user:pw@example.com/', 'not a url']) {
      const withAddress = join(
        series,
        [entry({ name: 'go', version: '1.0.0', eolStatus: 'EolPast', latestReleaseUrl: refused })],
        ['server'],
      );
      assert.equal(packPanelPlan(buildUpgradePlan(series, withAddress), withAddress, 1).rows[0]!.releaseNotes, false, refused);
    }
    assert.ok(!JSON.stringify(packed).includes('example.com'));
    assert.deepEqual(packed.verdicts, [{ versionId: 'v1', status: 'EolPast', target: undefined }]);
  });
});
