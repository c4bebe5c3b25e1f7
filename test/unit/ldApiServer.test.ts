import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Wednesday 2025-03-12 15:37:12.345 UTC; three days after the US switched to summer time. */
const NOW = Date.UTC(2025, 2, 12, 15, 37, 12, 345);

type Point = Record<string, unknown>;
interface Body {
  _links: unknown;
  metadata: Record<string, unknown>[];
  series: Point[];
}

let server: LdApiServer;

interface GetOptions {
  token?: string | null;
  beta?: boolean;
  signal?: AbortSignal | undefined;
}

function get(path: string, opts: GetOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? server.token : opts.token;
  if (token !== null) headers.Authorization = token;
  if (opts.beta !== false) headers['LD-API-Version'] = 'beta';
  return fetch(server.url + path, opts.signal ? { headers, signal: opts.signal } : { headers });
}

function usage(source: string, params: Record<string, string | number> = {}): string {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `/api/v2/usage/streams/${source}/bysdkversion${qs ? `?${qs}` : ''}`;
}

async function getBody(path: string): Promise<Body> {
  const res = await get(path);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as Body;
}

function times(body: Body): number[] {
  return body.series.map((p) => p.time as number);
}

function spacings(ts: number[]): number[] {
  return ts.slice(1).map((t, i) => t - ts[i]!);
}

async function expectError(res: Response, status: number, code: string, message?: string): Promise<void> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await res.json()) as { code?: string; message?: string };
  assert.equal(body.code, code);
  assert.equal(typeof body.message, 'string');
  if (message !== undefined) assert.equal(body.message, message);
}

before(async () => {
  server = await startLdApiServer({ now: () => NOW });
});
after(async () => {
  await server.close();
});

describe('ldApiServer: auth and errors', () => {
  it('uses a token shaped like a personal access token and binds 127.0.0.1', () => {
    assert.match(DEMO_TOKEN, /^api-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    assert.equal(server.token, DEMO_TOKEN);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  });

  it('caller-identity: 200 with the raw token, 401 without it or with a Bearer prefix', async () => {
    const ok = await get('/api/v2/caller-identity', { beta: false });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^application\/json/);
    const id = (await ok.json()) as Record<string, unknown>;
    for (const k of ['accountId', 'authKind', 'tokenKind', 'tokenName', 'serviceToken', 'scopes', 'memberId']) {
      assert.ok(k in id, k);
    }
    assert.equal(id.authKind, 'token');
    assert.deepEqual(id.scopes, ['reader']);

    const msg = 'Invalid access token';
    await expectError(await get('/api/v2/caller-identity', { token: null }), 401, 'unauthorized', msg);
    await expectError(await get('/api/v2/caller-identity', { token: `Bearer ${DEMO_TOKEN}` }), 401, 'unauthorized', msg);
    await expectError(await get('/api/v2/caller-identity', { token: DEMO_TOKEN.toUpperCase() }), 401, 'unauthorized');
  });

  it('LD-API-Version: caller-identity takes none, a dated version or beta; the usage routes need beta', async () => {
    const withVersion = (path: string, version?: string) =>
      fetch(server.url + path, {
        headers: { Authorization: server.token, ...(version === undefined ? {} : { 'LD-API-Version': version }) },
      });
    for (const version of [undefined, '20240415', '20220603', 'beta']) {
      assert.equal((await withVersion('/api/v2/caller-identity', version)).status, 200, String(version));
    }
    await expectError(await withVersion('/api/v2/caller-identity', 'latest'), 400, 'invalid_request');
    for (const version of [undefined, '20240415']) {
      await expectError(
        await withVersion(usage('server'), version),
        403,
        'forbidden',
        'This is a beta API, you must pass beta in the LD-API-Version header to use it.',
      );
      await expectError(await withVersion('/api/v2/usage/streams/client/sdkversions', version), 403, 'forbidden');
    }
    assert.equal((await withVersion(usage('server'), 'beta')).status, 200);
  });

  it('usage routes: 401 before 403 before 404 before 400', async () => {
    await expectError(await get(usage('server'), { token: 'api-nope', beta: false }), 401, 'unauthorized');
    await expectError(await get(usage('bogus', { from: 'x' }), { token: null }), 401, 'unauthorized');
    await expectError(
      await get(usage('server'), { beta: false }),
      403,
      'forbidden',
      'This is a beta API, you must pass beta in the LD-API-Version header to use it.',
    );
    await expectError(await get('/api/v2/usage/streams/server/sdkversions', { beta: false }), 403, 'forbidden');
    await expectError(await get(usage('mobile', { from: 'x' })), 404, 'not_found', 'Stream source not found');
    await expectError(await get('/api/v2/usage/streams/%E0%A4%A/sdkversions'), 404, 'not_found', 'Stream source not found');
    await expectError(await get('/api/v2/nothing-here'), 404, 'not_found', 'Invalid resource identifier');
    await expectError(await get('/api/v2/usage/streams/server/bysdkversion/extra'), 404, 'not_found');
    await expectError(await get('/elsewhere'), 404, 'not_found');
  });

  it('400 for from/to that are not integer epoch ms, or from >= to, or an unknown tz', async () => {
    const cases: Record<string, string | number>[] = [
      { from: 'yesterday' },
      { from: NOW - HOUR + 0.5 },
      { from: '2025-03-12T00:00:00Z' },
      { to: '-5' },
      { from: '' },
      { from: NOW - HOUR, to: NOW - HOUR },
      { from: NOW, to: NOW - DAY },
      { to: NOW - 2 * DAY }, // default from (now-24h) is after to
      { tz: 'Mars/Olympus_Mons' },
      { from: 0 }, // decades of daily points
    ];
    for (const params of cases) {
      await expectError(await get(usage('server', params)), 400, 'invalid_request');
    }
  });

  it('survives garbage requests', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('GARBAGE /\x00 HTTP/9\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(raw, /^HTTP\/1\.1 400/);
    const post = await fetch(server.url + usage('server'), {
      method: 'POST',
      headers: { Authorization: DEMO_TOKEN, 'LD-API-Version': 'beta' },
      body: '{',
    });
    assert.equal(post.status, 405);
    await post.arrayBuffer();
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});

describe('ldApiServer: bysdkversion data', () => {
  it('granularity: 1h range → minutely, 24h → hourly, 7d → daily (UTC days)', async () => {
    const minutely = times(await getBody(usage('server', { from: NOW - HOUR, to: NOW })));
    assert.equal(minutely.length, 60);
    assert.ok(spacings(minutely).every((s) => s === MINUTE));
    assert.ok(minutely.every((t) => t % MINUTE === 0));
    assert.ok(minutely[0]! >= NOW - HOUR && minutely.at(-1)! <= NOW);

    const hourly = times(await getBody(usage('server', { from: NOW - DAY, to: NOW })));
    assert.equal(hourly.length, 24);
    assert.ok(spacings(hourly).every((s) => s === HOUR));
    assert.ok(hourly.every((t) => t % HOUR === 0));

    const daily = times(await getBody(usage('server', { from: NOW - 7 * DAY, to: NOW })));
    assert.equal(daily.length, 7);
    assert.ok(spacings(daily).every((s) => s === DAY));
    assert.ok(daily.every((t) => t % DAY === 0));
    assert.ok(daily[0]! >= NOW - 7 * DAY && daily.at(-1)! <= NOW);
  });

  it('granularity boundaries are 2 hours and 2 days before now; defaults are the last 24 hours', async () => {
    const spacingOf = async (from: number) => spacings(times(await getBody(usage('client', { from }))))[0];
    assert.equal(await spacingOf(NOW - 2 * HOUR), MINUTE);
    assert.equal(await spacingOf(NOW - 2 * HOUR - 1), HOUR);
    assert.equal(await spacingOf(NOW - 2 * DAY), HOUR);
    assert.equal(await spacingOf(NOW - 2 * DAY - 1), DAY);
    const dflt = times(await getBody(usage('server')));
    assert.equal(dflt.length, 24);
    assert.ok(dflt[0]! > NOW - DAY && dflt.at(-1)! <= NOW);
  });

  it('has more than ten series, unsorted metadata, and integer values under every key', async () => {
    const body = await getBody(usage('server'));
    assert.deepEqual(body._links, {});
    assert.ok(body.metadata.length > 11, `only ${body.metadata.length} series`);
    const versions = body.metadata.map((m) => `${m.sdk as string} ${m.version as string}`);
    assert.notDeepEqual(versions, [...versions].sort(), 'metadata should not come sorted');
    assert.equal(new Set(versions).size, versions.length);
    assert.ok(body.metadata.every((m) => m.source === 'server'));
    assert.ok(body.metadata.some((m) => Object.keys(m).some((k) => !['sdk', 'version', 'source'].includes(k))));
    for (const p of body.series) {
      const keys = Object.keys(p).filter((k) => k !== 'time');
      assert.deepEqual(
        keys.map(Number).sort((a, b) => a - b),
        body.metadata.map((_, i) => i),
      );
      assert.ok(keys.every((k) => Number.isInteger(p[k]) && (p[k] as number) >= 0));
    }
    assert.ok(body.series.every((p) => typeof p['10'] === 'number' && typeof p['11'] === 'number'));
    assert.ok(body.series.some((p) => (p['0'] as number) > 0));
    // Somebody holds thousands of connections, somebody only a handful.
    const peaks = body.metadata.map((_, i) => Math.max(...body.series.map((p) => p[String(i)] as number)));
    assert.ok(peaks.some((v) => v >= 1000));
    assert.ok(peaks.some((v) => v < 50));

    const client = await getBody(usage('client'));
    assert.ok(client.metadata.length > 10);
    assert.ok(client.metadata.every((m) => m.source === 'client'));
  });

  it('filters by sdk and version, reindexing keys from 0', async () => {
    const range = { from: NOW - DAY, to: NOW };
    const all = await getBody(usage('server', range));
    const node = await getBody(usage('server', { ...range, sdk: 'node-server' }));
    assert.ok(node.metadata.length >= 2);
    assert.ok(node.metadata.every((m) => m.sdk === 'node-server'));
    assert.equal(node.metadata.length, all.metadata.filter((m) => m.sdk === 'node-server').length);

    const target = all.metadata.findIndex((m) => m.sdk === 'node-server' && m.version === '9.7.1');
    assert.ok(target >= 0);
    const one = await getBody(usage('server', { ...range, sdk: 'node-server', version: '9.7.1' }));
    assert.deepEqual(
      one.metadata.map((m) => [m.sdk, m.version]),
      [['node-server', '9.7.1']],
    );
    assert.deepEqual(times(one), times(all));
    one.series.forEach((p, i) => {
      assert.deepEqual(Object.keys(p).sort(), ['0', 'time']);
      assert.equal(p['0'], all.series[i]![String(target)]);
    });

    const versionOnly = await getBody(usage('server', { ...range, version: '7.5.0' }));
    assert.ok(versionOnly.metadata.length >= 1 && versionOnly.metadata.every((m) => m.version === '7.5.0'));

    const none = await getBody(usage('server', { ...range, sdk: 'node' })); // exact match only
    assert.deepEqual(none.metadata, []);
  });

  it('daily buckets start at local midnight of tz (America/New_York across the DST switch)', async () => {
    const body = await getBody(usage('server', { from: NOW - 7 * DAY, to: NOW, tz: 'America/New_York' }));
    const ts = times(body);
    assert.equal(ts.length, 7);
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    for (const t of ts) assert.equal(fmt.format(new Date(t)), '00:00:00', new Date(t).toISOString());
    assert.equal(ts[0], Date.UTC(2025, 2, 6, 5)); // 6 March, EST
    assert.equal(ts.at(-1), Date.UTC(2025, 2, 12, 4)); // 12 March, EDT
    assert.deepEqual(spacings(ts).sort(), [...Array(5).fill(DAY), 23 * HOUR].sort());

    const kolkata = times(await getBody(usage('client', { from: NOW - 5 * DAY, tz: 'Asia/Kolkata' })));
    assert.ok(kolkata.length >= 4);
    assert.ok(kolkata.every((t) => (t + 5.5 * HOUR) % DAY === 0));
  });

  it('daily values are the peak of the hourly values of that day', async () => {
    const daily = await getBody(usage('server', { from: NOW - 3 * DAY, to: NOW }));
    const hourly = await getBody(usage('server', { from: NOW - 47 * HOUR, to: NOW }));
    const yesterday = Date.UTC(2025, 2, 11);
    const day = daily.series.find((p) => p.time === yesterday);
    if (!day) throw new Error('no point for yesterday');
    const hours = hourly.series.filter((p) => (p.time as number) >= yesterday && (p.time as number) < yesterday + DAY);
    assert.equal(hours.length, 24);
    assert.deepEqual(
      daily.metadata.map((m) => [m.sdk, m.version]),
      hourly.metadata.map((m) => [m.sdk, m.version]),
    );
    daily.metadata.forEach((_, i) => {
      assert.equal(day[String(i)], Math.max(...hours.map((p) => p[String(i)] as number)));
    });
    // Some old versions have no connections for part of the range.
    assert.ok(hourly.metadata.some((_, i) => hourly.series.some((p) => p[String(i)] === 0)));
  });

  it('is deterministic: the same query gives the same body, even from another server', async () => {
    const q = usage('server', { from: NOW - 30 * DAY, to: NOW, tz: 'Europe/Berlin' });
    const a = await (await get(q)).text();
    const b = await (await get(q)).text();
    assert.equal(a, b);
    const other = await startLdApiServer({ now: () => NOW });
    try {
      const c = await (await fetch(other.url + q, { headers: { Authorization: other.token, 'LD-API-Version': 'beta' } })).text();
      assert.equal(c, a);
    } finally {
      await other.close();
    }
    const minutely = usage('client', { from: NOW - 90 * MINUTE, to: NOW });
    assert.equal(await (await get(minutely)).text(), await (await get(minutely)).text());
  });

  it('sdkversions lists every series of the source plus versions without current connections', async () => {
    const res = await get('/api/v2/usage/streams/server/sdkversions');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { _links: unknown; sdkVersions: { sdk: string; version: string }[] };
    assert.deepEqual(body._links, {});
    const listed = new Set(body.sdkVersions.map((v) => `${v.sdk}@${v.version}`));
    const series = await getBody(usage('server'));
    const current = new Set(series.metadata.map((m) => `${m.sdk as string}@${m.version as string}`));
    for (const k of current) assert.ok(listed.has(k), k);
    assert.ok(listed.size > current.size);
    assert.ok(listed.has('node-server@9.8.0'));
  });
});

describe('ldApiServer: faults', () => {
  it('status fault with times:1 answers once, then the server recovers; caller-identity is untouched', async () => {
    server.clearFaults();
    server.addFault({ fault: { kind: 'status', status: 429, headers: { 'Retry-After': '2' } }, times: 1 });
    const id = await get('/api/v2/caller-identity');
    assert.equal(id.status, 200);
    await id.arrayBuffer();
    const limited = await get(usage('server'));
    assert.equal(limited.headers.get('retry-after'), '2');
    await expectError(limited, 429, 'rate_limited');
    assert.equal((await get(usage('server'))).status, 200);

    server.addFault({
      fault: { kind: 'status', status: 503, body: '{"code":"service_unavailable","message":"down"}' },
      path: 'sdkversions',
    });
    await expectError(await get('/api/v2/usage/streams/client/sdkversions'), 503, 'service_unavailable', 'down');
    await expectError(await get('/api/v2/usage/streams/client/sdkversions'), 503, 'service_unavailable');
    assert.equal((await get(usage('client'))).status, 200);
    server.clearFaults();
    assert.equal((await get('/api/v2/usage/streams/client/sdkversions')).status, 200);
    assert.throws(() => server.addFault({ fault: { kind: 'status', status: 42 } }), TypeError);
  });

  it('delay fault delays the normal answer and tolerates clients that give up', async () => {
    server.clearFaults();
    server.addFault({ fault: { kind: 'delay', ms: 150 }, times: 1 });
    const t0 = performance.now();
    const res = await get(usage('server'));
    assert.equal(res.status, 200);
    assert.ok(performance.now() - t0 >= 140);
    await res.json();

    server.addFault({ fault: { kind: 'delay', ms: 200 }, times: 1 });
    await assert.rejects(get(usage('server'), { signal: AbortSignal.timeout(30) }));
    await new Promise((r) => setTimeout(r, 250));
    assert.equal((await get(usage('server'))).status, 200);
  });

  it('reset fault drops the connection in the middle of the body', async () => {
    server.clearFaults();
    server.addFault({ fault: { kind: 'reset' }, times: 1 });
    await assert.rejects(async () => {
      const res = await get(usage('server'));
      await res.text();
    });
    assert.equal((await get(usage('server'))).status, 200);
  });

  it('malformed variants', async () => {
    const once = async (variant: Parameters<typeof malformedFault>[0]) => {
      server.clearFaults();
      server.addFault(malformedFault(variant));
      return get(usage('server', { from: NOW - 6 * HOUR, to: NOW }));
    };

    let res = await once('not-json');
    assert.equal(res.status, 200);
    await assert.rejects(res.json());

    res = await once('html');
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /<html/i);

    let body = (await (await once('no-metadata')).json()) as Partial<Body>;
    assert.equal(body.metadata, undefined);
    assert.ok(Array.isArray(body.series));

    body = (await (await once('string-values')).json()) as Body;
    assert.equal(typeof body.series![0]!['0'], 'string');

    body = (await (await once('key-without-metadata')).json()) as Body;
    const n = body.metadata!.length;
    assert.ok(body.series!.every((p) => String(n) in p));

    body = (await (await once('duplicate-times')).json()) as Body;
    const ts = times(body as Body);
    assert.ok(new Set(ts).size < ts.length);

    body = (await (await once('missing-time')).json()) as Body;
    assert.ok(body.series!.some((p) => !('time' in p)));
    assert.ok(body.series!.some((p) => 'time' in p));

    res = await once('huge');
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.length >= 50 * 1024 * 1024, `${text.length} bytes`);
    const huge = JSON.parse(text) as Body;
    assert.ok(huge.metadata.length > 10 && huge.series.length > 100_000);

    server.clearFaults();
    assert.equal((await get(usage('server'))).status, 200);
  });

  it('a huge body abandoned by the client does not hurt the server', async () => {
    server.clearFaults();
    server.addFault(malformedFault('huge'));
    const ac = new AbortController();
    const res = await get(usage('server'), { signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    server.clearFaults();
    assert.equal((await get(usage('server'))).status, 200);
  });
});

function malformedFault(
  variant: 'not-json' | 'html' | 'no-metadata' | 'string-values' | 'key-without-metadata' | 'duplicate-times' | 'missing-time' | 'huge',
) {
  return { fault: { kind: 'malformed' as const, variant }, times: 1 };
}

describe('ldApiServer: request log and admin routes', () => {
  it('records /api/ requests (faulted ones too) and redacts the token over HTTP', async () => {
    server.clearFaults();
    server.resetRequests();
    assert.equal(server.requests.length, 0);
    await (await get(usage('server', { from: NOW - HOUR, sdk: 'go-server' }))).arrayBuffer();
    server.addFault({ fault: { kind: 'status', status: 500 }, times: 1 });
    await (await get(usage('client'), { token: 'Bearer x' })).arrayBuffer();
    await (await fetch(`${server.url}/healthz`)).arrayBuffer();

    assert.equal(server.requests.length, 2);
    const [first, second] = server.requests;
    assert.equal(first!.method, 'GET');
    assert.equal(first!.path, '/api/v2/usage/streams/server/bysdkversion');
    assert.deepEqual(first!.query, { from: String(NOW - HOUR), sdk: 'go-server' });
    assert.equal(first!.headers.authorization, DEMO_TOKEN);
    assert.equal(first!.headers['ld-api-version'], 'beta');
    assert.equal(first!.authorized, true);
    assert.ok(Math.abs(first!.time - Date.now()) < 10_000);
    assert.equal(second!.authorized, false);

    const log = (await (await fetch(`${server.url}/__admin/requests`)).json()) as Record<string, unknown>[];
    assert.equal(log.length, 2);
    assert.equal((log[0]!.headers as Record<string, string>).authorization, '<redacted>');
    assert.equal(log[0]!.authorized, true);
    assert.ok(!JSON.stringify(log).includes(DEMO_TOKEN));

    assert.equal((await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' })).status, 200);
    assert.equal(server.requests.length, 0);
  });

  it('faults can be added and cleared over HTTP', async () => {
    server.clearFaults();
    const post = (rule: unknown) =>
      fetch(`${server.url}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof rule === 'string' ? rule : JSON.stringify(rule),
      });
    assert.equal(
      (await post({ fault: { kind: 'status', status: 429, headers: { 'X-Ratelimit-Reset': String(NOW + 5000) } } })).status,
      200,
    );
    const limited = await get(usage('server'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('x-ratelimit-reset'), String(NOW + 5000));
    await limited.arrayBuffer();
    assert.equal((await get(usage('server'))).status, 429, 'no times: stays until cleared');
    assert.equal((await fetch(`${server.url}/__admin/faults`, { method: 'DELETE' })).status, 200);
    assert.equal((await get(usage('server'))).status, 200);

    assert.equal((await post('{nope')).status, 400);
    assert.equal((await post({ fault: { kind: 'explode' } })).status, 400);
    assert.equal((await post({ fault: { kind: 'malformed', variant: 'weird' } })).status, 400);
    assert.equal((await post({ fault: { kind: 'reset' }, times: 0 })).status, 400);
    assert.equal((await get(usage('server'))).status, 200);
  });

  it('close() ends kept-alive connections promptly', async () => {
    const s = await startLdApiServer();
    const res = await fetch(`${s.url}/api/v2/caller-identity`, { headers: { Authorization: s.token } });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    s.addFault({ fault: { kind: 'delay', ms: 10_000 } });
    const pending = fetch(`${s.url}/api/v2/usage/streams/server/sdkversions`, {
      headers: { Authorization: s.token, 'LD-API-Version': 'beta' },
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    const t0 = performance.now();
    await s.close();
    assert.ok(performance.now() - t0 < 1000);
    assert.ok((await pending) instanceof Error);
    await s.close(); // idempotent
  });
});
