/** The local API's messy data set: the shapes it promises, its determinism, its rules, and the switch. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MINUTE } from '../server/ldApiServer';
import { catalogueData } from '../support/catalogue';
import { nameOf } from '../support/expectedUsage';
import { rawAnswer, useLocalApi } from '../support/localApi';

/** Wednesday 2025-03-12 15:37:12.345 UTC. */
const NOW = Date.UTC(2025, 2, 12, 15, 37, 12, 345);

interface Body {
  _links: unknown;
  metadata: Record<string, unknown>[];
  series: Record<string, unknown>[];
}

const local = useLocalApi({ now: () => NOW, dataset: 'messy' });

const path = (source: string) => `/api/v2/usage/streams/${source}/bysdkversion`;

async function body(source: string, query: Record<string, string | number | undefined> = {}): Promise<{ text: string; body: Body }> {
  const text = await rawAnswer(local(), path(source), query);
  return { text, body: JSON.parse(text) as Body };
}

const sortedTimes = (b: Body) => b.series.map((p) => p.time as number).sort((x, y) => x - y);
const names = (b: Body) => b.metadata.map((m) => `${nameOf(m.sdk)}@${nameOf(m.version)}`);

describe('local API, messy data set', () => {
  for (const source of ['server', 'client']) {
    it(`${source}: Unknown names, odd versions, several name styles, extra keys, more than ten series`, async () => {
      const { body: b } = await body(source);
      assert.ok(b.metadata.length > 11, `${b.metadata.length} series`);
      assert.ok(
        b.metadata.some((m) => !('sdk' in m) || typeof m.sdk !== 'string' || m.sdk === ''),
        'a series without a usable SDK name',
      );
      const versions = b.metadata.map((m) => nameOf(m.version));
      assert.ok(
        versions.some((v) => /^\d+\.\d+\.\d+-[0-9A-Za-z.-]+/.test(v)),
        'a pre-release',
      );
      assert.ok(
        versions.some((v) => v.includes('+')),
        'build metadata',
      );
      assert.ok(
        versions.some((v) => v !== 'Unknown' && !/^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v)),
        'a version that is not semver',
      );
      const sdks = new Set(b.metadata.map((m) => nameOf(m.sdk)));
      assert.ok([...sdks].some((s) => /\s/.test(s)) || [...sdks].some((s) => s.includes('-')), 'names in more than one style');
      assert.ok(
        [...sdks].some((s) => /^[A-Z][a-z]+[A-Z]/.test(s) || /^[a-z]+[A-Z]/.test(s)),
        'CamelCase names as SDKs send them',
      );
      assert.ok(
        b.metadata.some((m) => Object.keys(m).some((k) => !['sdk', 'version', 'source'].includes(k))),
        'extra metadata keys',
      );
      assert.notDeepEqual(
        b.series.map((p) => p.time),
        sortedTimes(b),
        'points out of time order',
      );
    });
  }

  it('server: a pair sent twice, keys missing from many points and from the last, values above 2^31, key "10" before "2"', async () => {
    const { text, body: b } = await body('server', { from: NOW - DAY, to: NOW });
    const all = names(b);
    assert.ok(new Set(all).size < all.length, 'one SDK and version in two metadata entries');
    const last = Math.max(...b.series.map((p) => p.time as number));
    const lastPoint = b.series.find((p) => p.time === last)!;
    const missingLast = b.metadata.map((_, i) => String(i)).filter((k) => !(k in lastPoint));
    assert.ok(missingLast.length >= 2, 'keys missing from the last point');
    const missingOften = b.metadata.map((_, i) => String(i)).filter((k) => b.series.filter((p) => !(k in p)).length >= b.series.length / 4);
    assert.ok(missingOften.length >= 3, 'keys missing from many points');
    assert.ok(
      b.metadata.some((_, i) => b.series.every((p) => !(String(i) in p))),
      'a series with no key in any point',
    );
    assert.ok(
      b.series.some((p) => Object.entries(p).some(([k, v]) => k !== 'time' && (v as number) > 2 ** 31)),
      'a value above 2^31',
    );
    assert.ok(b.series.every((p) => Object.entries(p).every(([, v]) => Number.isSafeInteger(v))));
    // In the text (not in JSON.parse's objects), keys come in no numeric order.
    assert.ok(/"1\d":\d+,"[2-9]":/.test(text), 'a key "1x" written before a one-digit key');
    assert.ok(/\{"\d+":/.test(text) && /,"time":/.test(text), '"time" is not always first');
  });

  it('honours the granularity rule, from/to and tz like the clean set', async () => {
    const minutely = sortedTimes((await body('client', { from: NOW - HOUR, to: NOW })).body);
    assert.equal(minutely.length, 60);
    assert.ok(minutely.every((t, i) => i === 0 || t - minutely[i - 1]! === MINUTE));
    const hourly = sortedTimes((await body('server', { from: NOW - DAY, to: NOW })).body);
    assert.equal(hourly.length, 24);
    assert.ok(hourly.every((t) => t % HOUR === 0 && t >= NOW - DAY && t <= NOW));
    const daily = sortedTimes((await body('server', { from: NOW - 7 * DAY, to: NOW, tz: 'America/New_York' })).body);
    const midnight = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    });
    assert.equal(daily.length, 7);
    for (const t of daily) assert.equal(midnight.format(t), '00:00');
  });

  it('filters by the names the API means: sdk, version, and "Unknown" for a name left out', async () => {
    const all = (await body('server', { from: NOW - DAY, to: NOW })).body;
    for (const [sdk, version] of [
      ['Unknown', undefined],
      ['JavaClient', '7.5.0'],
      ['PHPClient', '6'],
    ] as const) {
      const { body: one } = await body('server', { from: NOW - DAY, to: NOW, sdk, version });
      const expected = names(all).filter((n) => n.startsWith(`${sdk}@`) && (version === undefined || n === `${sdk}@${version}`));
      assert.ok(expected.length > 0);
      assert.deepEqual(names(one).sort(), expected.sort(), `${sdk} ${version ?? ''}`);
      assert.deepEqual(sortedTimes(one), sortedTimes(all));
    }
  });

  it('sdkversions: names as the metadata sends them, plus versions without connections now', async () => {
    const listed = JSON.parse(await rawAnswer(local(), '/api/v2/usage/streams/server/sdkversions')) as {
      sdkVersions: Record<string, unknown>[];
    };
    const seen = new Set(listed.sdkVersions.map((e) => `${nameOf(e.sdk)}@${nameOf(e.version)}`));
    const served = new Set(names((await body('server')).body));
    for (const n of served) assert.ok(seen.has(n), n);
    assert.ok([...seen].some((n) => !served.has(n)));
  });

  it("names SDKs by User-Agent token and other spellings; LaunchDarkly's report names them by display name and id", async () => {
    const served = [...(await body('server', { from: NOW - DAY, to: NOW })).body.metadata, ...(await body('client')).body.metadata].map(
      (m) => nameOf(m.sdk),
    );
    const report = JSON.parse(await rawAnswer(local(), '/api/v2/usage/sdk-versions/all')) as { name?: string; version?: string }[];
    const reportNames = new Set(report.map((e) => e.name));
    // The catalogue's data says which names are whose; the data set is checked against it, not against the product.
    const owner = (token: string) => Object.entries(catalogueData.sdks).find(([, sdk]) => sdk.userAgents.includes(token));
    const tokens = [...new Set(served)].filter((name) => owner(name) !== undefined);
    assert.ok(tokens.length >= 10, `${tokens.length} User-Agent tokens`);
    const spelledTwice = Object.entries(catalogueData.sdks).filter(
      ([id, sdk]) => served.some((n) => sdk.userAgents.includes(n)) && served.some((n) => n === sdk.name || n === id),
    );
    assert.ok(spelledTwice.length >= 2, 'an SDK under its token and under its display name or id in one answer');
    assert.ok(
      tokens.every((token) => !reportNames.has(token)),
      'the report never uses a token',
    );
    const [, node] = owner('NodeJSClient')!;
    assert.ok(reportNames.has(node.name) && reportNames.has('node-server'), 'the report names one SDK by display name and by id');
    const unreported = tokens.filter((token) => {
      const [id, sdk] = owner(token)!;
      return !report.some((e) => e.name === id || e.name === sdk.name);
    });
    assert.ok(unreported.length >= 1, 'an SDK that streams but that the report leaves out');
  });

  it('is deterministic', async () => {
    const query = { from: NOW - 30 * DAY, to: NOW, tz: 'Europe/Berlin' };
    assert.equal((await body('server', query)).text, (await body('server', query)).text);
  });
});

describe('local API, data set switch', () => {
  it('the option, setDataset() and /__admin/dataset choose what every route serves', async () => {
    assert.equal(local().dataset, 'messy');
    const messy = await rawAnswer(local(), path('server'));
    const messyVersions = await rawAnswer(local(), '/api/v2/usage/streams/server/sdkversions');
    local().setDataset('clean');
    assert.equal(local().dataset, 'clean');
    const clean = JSON.parse(await rawAnswer(local(), path('server'))) as Body;
    assert.ok(clean.metadata.every((m) => typeof m.sdk === 'string' && typeof m.version === 'string'));
    assert.ok(
      clean.series.every((p) => Object.keys(p).length === clean.metadata.length + 1),
      'every key in every point',
    );
    assert.notEqual(await rawAnswer(local(), '/api/v2/usage/streams/server/sdkversions'), messyVersions);

    const admin = (init?: RequestInit) => fetch(`${local().url}/__admin/dataset`, init);
    assert.deepEqual(await (await admin()).json(), { dataset: 'clean' });
    const put = await admin({ method: 'PUT', body: JSON.stringify({ dataset: 'messy' }) });
    assert.equal(put.status, 200);
    assert.equal(local().dataset, 'messy');
    assert.equal(await rawAnswer(local(), path('server')), messy);
    const bad = await admin({ method: 'PUT', body: JSON.stringify({ dataset: 'tidy' }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /clean.*messy/);
    assert.equal(local().dataset, 'messy');
    assert.throws(() => local().setDataset('tidy' as never), /Unknown data set/);
  });
});
