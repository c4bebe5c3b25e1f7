/**
 * The last good answer kept for the next start, with the store against the local API (messy data
 * set) and a folder on disk: a load writes it, a new session's store shows it before any request,
 * marked restored with its age, the next refresh replaces it, and a token change deletes it.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAnswerCache, MAX_SAVED_ANSWERS, type AnswerCache } from '../../src/answerCache';
import { answerFile, answerKey } from '../../src/answerFile';
import type { UsageQuery } from '../../src/model/query';
import { treeMessage, panelStatusLine } from '../../src/presentation/status';
import { viewStatus } from '../../src/presentation/viewStatus';
import { UsageApiError } from '../../src/api/errors';
import { UsageStore, type Connector } from '../../src/store';
import { diskAnswerFolder } from '../support/diskAnswerFolder';
import { useLocalApi } from '../support/localApi';

const local = useLocalApi({ dataset: 'messy' });
const USER_AGENT = 'answer-cache-test';
const HOUR = 3_600_000;
const QUERY: UsageQuery = { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} };

let dir: string;
const sessions: { store: UsageStore; cache: AnswerCache }[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-usage-answers-'));
});

afterEach(async () => {
  for (const { store, cache } of sessions.splice(0)) {
    cache.dispose();
    store.dispose();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

interface SessionOptions {
  readonly token?: string;
  readonly baseUrl?: string;
  readonly query?: UsageQuery;
  readonly now?: () => number;
}

/** One window's store and cache over the shared folder, as activate() wires them; its token change is `changeToken`. */
function session(options: SessionOptions = {}) {
  const connect: Connector = async () => ({
    baseUrl: options.baseUrl ?? local().url,
    token: options.token ?? local().token,
    userAgent: USER_AGENT,
    timeoutMs: 2_000,
  });
  const now = options.now ?? Date.now;
  const store = new UsageStore(connect, options.query ?? QUERY, now);
  const folder = diskAnswerFolder(dir);
  const tokenListeners = new Set<() => void>();
  const logs: string[] = [];
  const cache = createAnswerCache({
    folder,
    codec: () => answerFile,
    store,
    connect,
    onTokenChange: (listener) => (tokenListeners.add(listener), { dispose: () => tokenListeners.delete(listener) }),
    log: { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), failed: (what) => logs.push(`failed ${what}`) },
    now,
    writeDelayMs: 0,
  });
  sessions.push({ store, cache });
  const changeToken = () => {
    store.reset();
    for (const listener of tokenListeners) listener();
  };
  return { store, cache, folder, logs, changeToken };
}

const requests = () => local().requests.filter((r) => r.headers['user-agent'] === USER_AGENT).length;
const savedFiles = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.ldusage')) : []);

/** A first session that loads the query (and LaunchDarkly's verdicts) and saves the answer. */
async function loadAndSave(options: SessionOptions = {}) {
  const first = session(options);
  await first.store.refresh();
  assert.equal(first.store.state.status, 'ready');
  await first.cache.settled();
  return first;
}

describe('the last good answer, kept for the next start', () => {
  test('a load saves one file, named by a key that holds no part of the token', async () => {
    await loadAndSave();
    const files = savedFiles();
    assert.equal(files.length, 1);
    assert.equal(files[0], `${answerKey(local().token, local().url, QUERY)}.ldusage`);
    const token = local().token;
    const bytes = fs.readFileSync(path.join(dir, files[0]!)).toString('latin1');
    assert.ok(!files[0]!.includes(token.slice(4, 12)) && !bytes.includes(token.slice(4, 12)));
  });

  test('a new session shows it at once, marked restored, with the same data and verdicts, before any request', async () => {
    const first = await loadAndSave();
    const saved = first.store.state;
    const before = requests();
    const later = saved.fetchedAt! + 3 * HOUR;
    const next = session({ now: () => later });
    assert.equal(await next.cache.restore(), true);
    const state = next.store.state;
    assert.equal(requests(), before, 'no request');
    assert.equal(state.status, 'ready');
    assert.equal(state.restored, true);
    assert.equal(state.stale, false);
    assert.equal(state.fetchedAt, saved.fetchedAt);
    assert.deepEqual(state.loaded, saved.loaded);
    assert.deepEqual(state.model, saved.model);
    assert.deepEqual(state.details?.entries, saved.details?.entries);
    assert.deepEqual(state.verdicts, saved.verdicts);
    assert.match(
      next.logs.join('\n'),
      /info Restored [\d,]+ versions saved 3 hours ago: read from disk and shown in [\d.]+ ms \(reading began \d\d:\d\d:\d\d\.\d{3}\)\./,
    );
    const status = viewStatus(state, true, later);
    assert.match(treeMessage(status, true, later)!, /^As of 3 hours ago: Server-side SDKs · Last 24 hours/);
    assert.match(panelStatusLine(status, state.model!.versions.length, 'en-US', later), / · as of 3 hours ago/);
  });

  test('the next refresh replaces it with new data, no longer restored, and saves that', async () => {
    const first = await loadAndSave();
    const next = session();
    await next.cache.restore();
    const before = requests();
    await next.store.refresh();
    assert.ok(requests() > before, 'the refresh asked the API');
    assert.equal(next.store.state.restored, false);
    assert.ok(next.store.state.fetchedAt! > first.store.state.fetchedAt!);
    assert.equal(treeMessage(viewStatus(next.store.state, true), true), 'Server-side SDKs · Last 24 hours · hourly');
    await next.cache.settled();
    const third = session();
    await third.cache.restore();
    assert.equal(third.store.state.fetchedAt, next.store.state.fetchedAt);
  });

  test('a failed refresh keeps it on show, still with its age, and marks it stale', async () => {
    await loadAndSave();
    const next = session();
    await next.cache.restore();
    local().addFault({ fault: { kind: 'status', status: 500 }, path: 'bysdkversion' });
    await next.store.refresh();
    assert.equal(next.store.state.status, 'error');
    assert.equal(next.store.state.restored, true);
    assert.match(treeMessage(viewStatus(next.store.state, true), true)!, /^Stale, as of less than a minute ago: /);
  });

  test('a token change deletes every saved answer, also one whose write was still queued', async () => {
    const first = await loadAndSave();
    await loadAndSave({ query: { ...QUERY, range: { kind: 'preset', preset: '7d' } } });
    assert.equal(savedFiles().length, 2);
    await first.store.refresh();
    first.changeToken();
    await first.cache.settled();
    assert.deepEqual(savedFiles(), []);
    const next = session();
    assert.equal(await next.cache.restore(), false);
    assert.equal(next.store.state.model, undefined);
  });

  test('another token, API host or query finds nothing, reads nothing and asks nothing', async () => {
    await loadAndSave();
    const before = requests();
    for (const options of [
      { token: 'api-00000000-0000-4000-8000-0000000000aa' },
      { baseUrl: 'http://127.0.0.1:1' },
      { query: { ...QUERY, filter: { sdk: 'node-server' } } },
      { query: { ...QUERY, timeZone: 'Europe/Berlin' } },
    ]) {
      const other = session(options);
      assert.equal(await other.cache.restore(), false, JSON.stringify(options));
      assert.equal(other.store.state.model, undefined);
      assert.deepEqual(other.folder.reads, []);
    }
    assert.equal(requests(), before);
  });

  test('without a token nothing is restored and nothing is logged; a token that cannot be read is logged once', async () => {
    await loadAndSave();
    const failures = [new UsageApiError('noToken', 'No API access token is set.'), new Error('the secret store is locked')];
    const logs: string[] = [];
    for (const failure of failures) {
      const connect = async () => Promise.reject(failure);
      const store = new UsageStore(connect, QUERY);
      const cache = createAnswerCache({
        folder: diskAnswerFolder(dir),
        codec: () => answerFile,
        store,
        connect,
        onTokenChange: () => ({ dispose: () => undefined }),
        log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), failed: (what) => logs.push(`${what} failed`) },
      });
      sessions.push({ store, cache });
      assert.equal(await cache.restore(), false);
    }
    assert.deepEqual(logs, ['Reading the API token failed']);
  });

  test('a reset or another query asked for while the file is read: the saved answer is not shown', async () => {
    await loadAndSave();
    const reset = session();
    const restoring = reset.cache.restore();
    reset.store.reset();
    assert.equal(await restoring, false);
    assert.equal(reset.store.state.model, undefined);
    const requery = session();
    const restoringToo = requery.cache.restore();
    void requery.store.setQuery({ range: { kind: 'preset', preset: '7d' } }, false);
    assert.equal(await restoringToo, false);
    assert.equal(requery.store.state.model, undefined);
  });

  test('a load asked for first wins: a restore finding it loading or with data shows nothing', async () => {
    await loadAndSave();
    const loading = session();
    const load = loading.store.refresh();
    assert.equal(await loading.cache.restore(), false);
    await load;
    assert.equal(loading.store.state.restored, false);
    assert.equal(await loading.cache.restore(), false, 'data is on show');
    assert.equal(loading.store.state.restored, false);
  });

  test('a corrupt or foreign file costs one log line and shows nothing', async () => {
    await loadAndSave();
    const [file] = savedFiles();
    const full = path.join(dir, file!);
    const good = fs.readFileSync(full);
    const otherKey = answerKey(local().token, local().url, { ...QUERY, source: 'client' });
    for (const bytes of [good.subarray(0, good.length - 9), Buffer.from('not a saved answer')]) {
      fs.writeFileSync(full, bytes);
      const next = session();
      assert.equal(await next.cache.restore(), false);
      assert.equal(next.store.state.model, undefined);
      assert.equal(next.logs.length, 1, next.logs.join('\n'));
      assert.match(next.logs[0]!, /^warn Saved usage data ignored: /);
    }
    // A good file under another answer's name: its header names another key.
    fs.writeFileSync(path.join(dir, `${otherKey}.ldusage`), good);
    const client = session({ query: { ...QUERY, source: 'client' } });
    assert.equal(await client.cache.restore(), false);
    assert.deepEqual(client.logs, ['warn Saved usage data ignored: saved for another account, API host or query.']);
  });

  test('a file over 20 MB is refused without being read', async () => {
    await loadAndSave();
    const [file] = savedFiles();
    fs.truncateSync(path.join(dir, file!), 20_000_001);
    const next = session();
    assert.equal(await next.cache.restore(), false);
    assert.deepEqual(next.folder.reads, []);
    assert.deepEqual(next.logs, ['warn Saved usage data ignored: larger than 20 MB.']);
  });

  test(`at most ${MAX_SAVED_ANSWERS} answers are kept, the most recently written`, async () => {
    const presets = ['2h', '24h', '2d', '7d', '30d', '90d'] as const;
    for (const preset of presets) await loadAndSave({ query: { ...QUERY, range: { kind: 'preset', preset } } });
    await loadAndSave({ query: { ...QUERY, source: 'client' } });
    const kept = new Set(savedFiles());
    assert.equal(kept.size, MAX_SAVED_ANSWERS);
    const keyOf = (query: UsageQuery) => `${answerKey(local().token, local().url, query)}.ldusage`;
    assert.ok(kept.has(keyOf({ ...QUERY, source: 'client' })));
    assert.ok(!kept.has(keyOf({ ...QUERY, range: { kind: 'preset', preset: '2h' } })));
    assert.ok(!kept.has(keyOf({ ...QUERY, range: { kind: 'preset', preset: '24h' } })));
  });

  test('a failed load and a load abandoned by a reset save nothing', async () => {
    local().addFault({ fault: { kind: 'status', status: 500 }, path: 'bysdkversion' });
    const failing = session();
    await failing.store.refresh();
    await failing.cache.settled();
    assert.deepEqual(savedFiles(), []);
    local().clearFaults();
    local().addFault({ fault: { kind: 'delay', ms: 200 }, path: 'bysdkversion' });
    const abandoned = session();
    const load = abandoned.store.refresh();
    abandoned.store.reset();
    await load;
    await abandoned.cache.settled();
    assert.deepEqual(savedFiles(), []);
  });
});
