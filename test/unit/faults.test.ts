/**
 * The fault suite: every failure the local API can inject, against the store the views render.
 * Each scenario loads good data, injects the fault, refreshes, then refreshes again without it.
 * It asserts an actionable message, the last good data kept (marked stale) and recovery, and
 * prints the table of what people see. Details the parser tolerates load instead, with a note
 * saying what was left out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { UsageErrorKind } from '../../src/api/errors';
import { dataNotes } from '../../src/model/dataNotes';
import { presentError } from '../../src/presentation/errors';
import { dataNoteText } from '../../src/presentation/notes';
import { UsageStore, type Connector } from '../../src/store';
import { startLdApiServer, type Fault, type LdApiServer } from '../server/ldApiServer';

interface Scenario {
  readonly name: string;
  readonly fault?: Fault;
  /** Point the client at a port where nothing answers properly instead of injecting a fault. */
  readonly endpoint?: 'refused' | 'silent';
  readonly kind: UsageErrorKind | 'recovered-by-retry' | 'tolerated';
  /** Words the message must contain: it says what happened and what to do. */
  readonly says: RegExp;
  /** The client's request timeout; generous unless the scenario is about timing out. */
  readonly timeoutMs?: number;
}

const STATUS_BODY = (code: string, message: string) => JSON.stringify({ code, message });

const scenarios: Scenario[] = [
  { name: '400 bad request', fault: { kind: 'status', status: 400 }, kind: 'badRequest', says: /400.*time range/i },
  {
    name: '401 invalid token',
    fault: { kind: 'status', status: 401 },
    kind: 'unauthorized',
    says: /invalid, revoked, or lacks permission for this API call.*Set API Token/i,
  },
  { name: '403 no permission', fault: { kind: 'status', status: 403 }, kind: 'forbidden', says: /lacks permission.*role/i },
  {
    name: '403 beta header missing',
    fault: {
      kind: 'status',
      status: 403,
      body: STATUS_BODY('forbidden', 'This is a beta API, you must pass beta in the LD-API-Version header to use it.'),
    },
    kind: 'betaHeaderMissing',
    says: /LD-API-Version: beta/,
  },
  { name: '404 not found', fault: { kind: 'status', status: 404 }, kind: 'notFound', says: /not found.*baseUrl/i },
  { name: '500 server error', fault: { kind: 'status', status: 500 }, kind: 'server', says: /server error \(500\).*refresh/i },
  { name: '502 bad gateway', fault: { kind: 'status', status: 502 }, kind: 'server', says: /502/ },
  { name: '503 unavailable', fault: { kind: 'status', status: 503 }, kind: 'server', says: /503/ },
  {
    name: '429 Retry-After 1 s (retried once)',
    fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
    kind: 'recovered-by-retry',
    says: /./,
  },
  {
    name: '429 Retry-After 90 s',
    fault: { kind: 'status', status: 429, headers: { 'Retry-After': '90' } },
    kind: 'rateLimited',
    says: /rate limit.*Try again in 90 seconds/i,
  },
  {
    name: '429 X-Ratelimit-Reset (epoch ms)',
    fault: { kind: 'status', status: 429, headers: { 'X-Ratelimit-Reset': String(Date.now() + 10 * 60_000) } },
    kind: 'rateLimited',
    says: /rate limit.*Try again at/i,
  },
  {
    name: 'timeout',
    fault: { kind: 'delay', ms: 3_000 },
    kind: 'timeout',
    says: /did not answer within 1 second\..*requestTimeoutSeconds/i,
    timeoutMs: 1_000,
  },
  { name: 'connection refused', endpoint: 'refused', kind: 'network', says: /connection was refused/i },
  { name: 'connection reset mid-body', fault: { kind: 'reset' }, kind: 'network', says: /Could not reach|reset/i },
  { name: 'body not JSON', fault: { kind: 'malformed', variant: 'not-json' }, kind: 'invalidResponse', says: /not valid JSON/i },
  { name: 'HTML page from a proxy (502)', fault: { kind: 'malformed', variant: 'html' }, kind: 'server', says: /web page|proxy/i },
  { name: 'no metadata', fault: { kind: 'malformed', variant: 'no-metadata' }, kind: 'invalidResponse', says: /"metadata" is missing/ },
  {
    name: 'string values',
    fault: { kind: 'malformed', variant: 'string-values' },
    kind: 'tolerated',
    says: /^\d[\d,]* values ignored \(not whole numbers\)$/,
  },
  {
    name: 'null, fractional and negative values',
    fault: { kind: 'malformed', variant: 'odd-values' },
    kind: 'tolerated',
    says: /^\d+ values? ignored \(not whole numbers\)$/,
  },
  {
    name: 'points at impossible times (1970, year 275760)',
    fault: { kind: 'malformed', variant: 'impossible-times' },
    kind: 'tolerated',
    says: /^2 points at impossible times left out$/,
  },
  {
    name: 'times in seconds (another unit)',
    fault: { kind: 'malformed', variant: 'seconds-times' },
    kind: 'invalidResponse',
    says: /returned times from 1970-01-\d\d \d\d:\d\d to 1970-01-\d\d \d\d:\d\d, outside the requested range 20\d\d-.*another unit\. Nothing was charted\./,
  },
  {
    name: 'more than 100,000 series',
    fault: { kind: 'malformed', variant: 'too-many-series' },
    kind: 'tooLarge',
    says: /more than 100,000 series.*not loaded.*shorter time range/,
  },
  {
    name: 'key without metadata',
    fault: { kind: 'malformed', variant: 'key-without-metadata' },
    kind: 'invalidResponse',
    says: /no matching metadata/,
  },
  { name: 'duplicate times', fault: { kind: 'malformed', variant: 'duplicate-times' }, kind: 'invalidResponse', says: /share the time/ },
  { name: 'missing time', fault: { kind: 'malformed', variant: 'missing-time' }, kind: 'invalidResponse', says: /no valid "time"/ },
  { name: '50 MB body', fault: { kind: 'malformed', variant: 'huge' }, kind: 'tooLarge', says: /larger than 32 MB.*shorter time range/i },
];

let server: LdApiServer;
let refusedPort: number;
const rows: string[] = [];

before(async () => {
  server = await startLdApiServer({ dataset: 'messy' });
  // A port that was just free and is closed again: connecting to it is refused.
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

after(async () => {
  await server.close();
  console.log(
    ['', '| scenario | what the user sees | last good data kept (stale) | next refresh recovered |', '|---|---|---|---|', ...rows, ''].join(
      '\n',
    ),
  );
});

describe('faults: actionable message, last good data kept, recovery on the next refresh', () => {
  for (const scenario of scenarios) {
    test(scenario.name, async () => {
      server.clearFaults();
      let endpoint = server.url;
      const connect: Connector = async () => ({
        baseUrl: endpoint,
        token: server.token,
        userAgent: 'fault-suite',
        timeoutMs: scenario.timeoutMs ?? 10_000,
      });
      const store = new UsageStore(connect, { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} });
      try {
        await store.refresh();
        const good = store.state.model;
        assert.ok(good && good.versions.length > 0, 'good data first');

        if (scenario.endpoint === 'refused') endpoint = `http://127.0.0.1:${refusedPort}`;
        if (scenario.fault) server.addFault({ fault: scenario.fault, times: 1, path: '/bysdkversion' });
        await store.refresh();
        const failed = store.state;

        let seen: string;
        let kept: string;
        if (scenario.kind === 'recovered-by-retry') {
          assert.equal(failed.status, 'ready', 'one automatic retry after a short wait succeeds');
          assert.equal(failed.error, undefined);
          seen = 'nothing: one automatic retry after the wait succeeded';
          kept = 'n/a (fresh data)';
        } else if (scenario.kind === 'tolerated') {
          assert.equal(failed.status, 'ready', failed.error?.message);
          assert.notEqual(failed.model, good, 'the answer is shown');
          const notes = dataNotes(failed.model!, failed.loaded!).map(dataNoteText);
          assert.ok(
            notes.some((note) => scenario.says.test(note)),
            JSON.stringify(notes),
          );
          seen = `the data, with the note "${notes.join(' · ')}"`;
          kept = 'n/a (fresh data)';
        } else {
          assert.equal(failed.status, 'error');
          assert.equal(failed.error?.kind, scenario.kind, failed.error?.message);
          // What people see: what happened (the error), then what to do (the presentation).
          const shown = presentError(failed.error!);
          assert.match(shown.message, scenario.says);
          assert.ok(!shown.message.includes(server.token), 'the message never contains the token');
          assert.equal(failed.model, good, 'the last good model stays on screen');
          assert.equal(failed.stale, true, 'and is marked stale');
          assert.ok(shown.actions.length > 0, 'the message offers something to do');
          seen = shown.message.replace(/\|/g, '\\|');
          kept = 'yes';
        }

        // The next refresh, fault gone (rate limits: once the reset time has passed).
        endpoint = server.url;
        server.clearFaults();
        if (scenario.kind === 'rateLimited') {
          const before = server.requests.length;
          await store.refresh();
          assert.equal(server.requests.length, before, 'no request before the rate limit resets');
          assert.match(store.state.error!.message, /Still rate limited/);
          const recovered = new UsageStore(connect, store.state.query);
          await recovered.refresh();
          assert.equal(recovered.state.status, 'ready');
          recovered.dispose();
        } else {
          await store.refresh();
          assert.equal(store.state.status, 'ready');
          assert.equal(store.state.stale, false);
          assert.equal(store.state.error, undefined);
        }
        rows.push(
          `| ${scenario.name} | ${seen} | ${kept} | ${scenario.kind === 'rateLimited' ? 'yes, after the reset time (earlier refreshes are refused locally)' : 'yes'} |`,
        );
      } finally {
        store.dispose();
      }
    });
  }
});
