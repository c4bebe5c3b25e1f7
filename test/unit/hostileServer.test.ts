/**
 * What leaves the API client and the store when the server is hostile, over real HTTP against the
 * local API: error text is redacted (the token in any encoding), on one line and bounded before it
 * reaches the tree, the banner or a notification; error ids are kept; each route gets its
 * LD-API-Version; a failing store listener starves no other listener and rejects nothing.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageClient, type ClientSettings } from '../../src/api/client';
import { UsageApiError, type UsageErrorKind } from '../../src/api/errors';
import { presentError } from '../../src/presentation/errors';
import { redact } from '../../src/redact';
import { UsageStore, type StoreState } from '../../src/store';
import { MAX_MESSAGE_CHARS, MAX_SERVER_TEXT_CHARS } from '../../src/text';
import { useLocalApi } from '../support/localApi';

const local = useLocalApi();
const LINE_BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;
const DAY = 86_400_000;

function settings(): ClientSettings {
  return { baseUrl: local().url, token: local().token, userAgent: 'hostile-server-test', timeoutMs: 5_000 };
}

const lastDay = () => ({ source: 'server' as const, from: Date.now() - DAY, to: Date.now(), tz: 'UTC' });

/** The forms the token may take in a body: as is, percent-encoded, JSON-escaped, form-encoded twice. */
function tokenForms(token: string): string[] {
  const percent = [...token].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  return [
    token,
    percent,
    percent.replace(/%/g, '%25'),
    [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  ];
}

async function rejection(promise: Promise<unknown>, kind: UsageErrorKind): Promise<UsageApiError> {
  const error: unknown = await promise.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof UsageApiError, String(error));
  assert.equal(error.kind, kind, error.message);
  return error;
}

/** A message fit to show: no form of the token, one line, bounded. */
function assertShowable(message: string, token: string): void {
  for (const form of tokenForms(token)) {
    assert.ok(!message.includes(form), `the message quotes the token as ${form}: ${message}`);
    assert.ok(!message.toLowerCase().includes(form.toLowerCase()), `the message quotes the token as ${form}: ${message}`);
  }
  assert.ok(!message.includes(token.slice(4, 16)), message);
  assert.doesNotMatch(message, LINE_BREAK);
  assert.ok(message.length <= MAX_MESSAGE_CHARS, `${message.length} characters`);
}

/** A bysdkversion body whose only problem is one series key (written raw into the JSON). */
function bodyWithKey(rawKey: string): string {
  const time = Date.now() - 3_600_000;
  return `{"metadata":[{"sdk":"a","version":"1"},{"sdk":"b","version":"2"}],"series":[{"time":${time},"0":1,"1":2,"${rawKey}":3}]}`;
}

describe('errors leaving the client quote no token, stay on one line and are bounded', () => {
  for (const [name, keyOf] of [
    ['as is', (t: string) => t],
    ['percent-encoded', (t: string) => tokenForms(t)[1]!],
    ['percent-encoded twice', (t: string) => tokenForms(t)[2]!],
    ['JSON-escaped', (t: string) => tokenForms(t)[3]!],
  ] as const) {
    test(`a parser error quoting a series key equal to the token (${name})`, async () => {
      local().addFault({ fault: { kind: 'status', status: 200, body: bodyWithKey(keyOf(local().token)) }, path: 'bysdkversion' });
      const error = await rejection(new UsageClient(settings()).streamsBySdkVersion(lastDay()), 'invalidResponse');
      assert.match(error.message, /no matching metadata/, 'the problem is still named');
      assertShowable(error.message, local().token);
    });
  }

  test('a 1 MB series key with line breaks, a link and the token: both ends of the message stay readable', async () => {
    const key = `${'k'.repeat(500_000)}\\r\\n# [x](https://evil.example)\\u2028${local().token}${'q'.repeat(500_000)}`;
    local().addFault({ fault: { kind: 'status', status: 200, body: bodyWithKey(key) }, path: 'bysdkversion' });
    const error = await rejection(new UsageClient(settings()).streamsBySdkVersion(lastDay()), 'invalidResponse');
    assertShowable(error.message, local().token);
    assert.match(error.message, /^LaunchDarkly's API sent a response this extension cannot read: series\[0\] has key "kkk/);
    assert.match(error.message, /qqq" with no matching metadata entry\.$/);
    // As shown: what happened is cut in its middle again, so the advice after it stays whole.
    const shown = presentError(error).message;
    assertShowable(shown, local().token);
    assert.match(shown, /^LaunchDarkly's API sent a response this extension cannot read: series\[0\] has key "kkk/);
    assert.match(
      shown,
      /qqq" with no matching metadata entry\. Refresh to try again; if it persists, check launchdarklyUsage\.baseUrl points at LaunchDarkly\.$/,
    );
  });

  test("the server's error message is cut to 300 characters, redacted and on one line", async () => {
    const message = `Bad\r\nrequest\u2028for ${encodeURIComponent(local().token)} [here](command:workbench.action.quit) ${'x'.repeat(1_000_000)}`;
    local().addFault({
      fault: { kind: 'status', status: 400, body: JSON.stringify({ code: 'invalid_request', message }) },
      path: 'bysdkversion',
    });
    const error = await rejection(new UsageClient(settings()).streamsBySdkVersion(lastDay()), 'badRequest');
    assertShowable(error.message, local().token);
    const quoted = /The server said: "(.*)"\./.exec(error.message)?.[1];
    assert.ok(quoted, error.message);
    assert.ok(quoted.length <= MAX_SERVER_TEXT_CHARS, `${quoted.length}`);
    assert.ok(quoted.startsWith('Bad request for api-<redacted> [here](command:workbench.action.quit) xxx'), quoted);
  });

  test('a 401 says the token may be invalid, revoked or lack permission, and shows the error id LaunchDarkly support asks for', async () => {
    local().addFault({
      fault: {
        kind: 'status',
        status: 401,
        body: JSON.stringify({ code: 'unauthorized', id: 'f3a9c1d2-77aa', message: 'Invalid access token' }),
      },
      path: 'caller-identity',
    });
    const error = await rejection(new UsageClient(settings()).callerIdentity(), 'unauthorized');
    const shown = presentError(error).message;
    assert.match(shown, /invalid, revoked, or lacks permission for this API call \(401\)/);
    assert.match(shown, /LaunchDarkly error id: f3a9c1d2-77aa\.$/);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.errorId, 'f3a9c1d2-77aa');
  });

  test('a hostile error id is bounded and redacted like any server text', async () => {
    const id = `${local().token}\n${'i'.repeat(5_000)}`;
    local().addFault({
      fault: { kind: 'status', status: 503, body: JSON.stringify({ code: 'x'.repeat(5_000), id }) },
      path: 'bysdkversion',
    });
    const error = await rejection(new UsageClient(settings()).streamsBySdkVersion(lastDay()), 'server');
    assertShowable(error.message, local().token);
    assertShowable(presentError(error).message, local().token);
    assert.ok(error.errorId!.startsWith('api-<redacted> iii') && error.errorId!.length <= 100, error.errorId);
    assert.ok(error.code!.length <= 100);
  });

  test('a 401 without an id says nothing about one', async () => {
    const error = await rejection(
      new UsageClient({ ...settings(), token: 'api-00000000-0000-4000-8000-000000000bad' }).callerIdentity(),
      'unauthorized',
    );
    assert.doesNotMatch(presentError(error).message, /error id/);
    assert.equal(error.errorId, undefined);
    assert.equal(error.code, 'unauthorized');
  });
});

describe('LD-API-Version per route', () => {
  test('caller-identity pins 20240415; the beta usage routes send beta', async () => {
    const client = new UsageClient(settings());
    await client.callerIdentity();
    await client.streamsBySdkVersion(lastDay());
    await client.sdkVersions('client');
    const sent = local().requests.map((r) => [r.path, r.headers['ld-api-version']]);
    assert.deepEqual(sent, [
      ['/api/v2/caller-identity', '20240415'],
      ['/api/v2/usage/streams/server/bysdkversion', 'beta'],
      ['/api/v2/usage/streams/client/sdkversions', 'beta'],
    ]);
  });
});

describe('store listeners and promises', () => {
  const stores: UsageStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });

  test('a listener that throws does not stop the later ones, reject the load or go unreported', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reported: unknown[] = [];
      const store = new UsageStore(
        async () => settings(),
        { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} },
        Date.now,
        (e) => reported.push(e),
      );
      stores.push(store);
      const heard: StoreState['status'][] = [];
      store.onDidChange(() => {
        throw new Error('a broken view');
      });
      store.onDidChange((state) => heard.push(state.status));
      await store.refresh();
      assert.equal(heard[0], 'loading');
      assert.ok(heard.includes('ready'), heard.join());
      assert.equal(store.state.status, 'ready');
      assert.equal(reported.length, heard.length, 'every change reached the listener after the broken one');
      assert.ok(reported.every((e) => e instanceof Error && e.message === 'a broken view'));
      // The same through the fire-and-forget path the extension uses.
      void store.refresh();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('a reporter that throws too changes nothing for the other listeners', async () => {
    const store = new UsageStore(
      async () => settings(),
      { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} },
      Date.now,
      () => {
        throw new Error('the log is gone');
      },
    );
    stores.push(store);
    let readyHeard = false;
    store.onDidChange(() => {
      throw new Error('a broken view');
    });
    store.onDidChange((state) => (readyHeard ||= state.status === 'ready'));
    await store.refresh();
    assert.ok(readyHeard);
  });

  test('the error the store keeps (tree and banner read it) is redacted too', async () => {
    local().addFault({ fault: { kind: 'status', status: 200, body: bodyWithKey(local().token) }, path: 'bysdkversion' });
    const store = new UsageStore(async () => settings(), {
      source: 'server',
      range: { kind: 'preset', preset: '24h' },
      timeZone: 'UTC',
      filter: {},
    });
    stores.push(store);
    await store.refresh();
    assert.equal(store.state.status, 'error');
    assertShowable(store.state.error!.message, local().token);
  });
});

/**
 * Every form a server or proxy may echo the token in: the 7 forms redacted from the start, and the
 * 6 an adversarial review found shown (HTML references, base64, and splits a reader's eye skips).
 */
function everyTokenForm(token: string): [string, string][] {
  const chars = [...token];
  return [
    ['as is', token],
    ['upper case', token.toUpperCase()],
    ['percent-encoded', tokenForms(token)[1]!],
    ['percent-encoded twice', tokenForms(token)[2]!],
    ['JSON-escaped', tokenForms(token)[3]!],
    ['partly JSON-escaped', token.replace(/-/g, '\\u002d')],
    ['percent-encoded dashes', token.replace(/-/g, '%2d')],
    ['HTML decimal references', chars.map((c) => `&#${c.charCodeAt(0)};`).join('')],
    ['HTML hex references', chars.map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')],
    ['base64 in a Basic header', btoa(`user:${token}`)],
    ['split by a line feed', `${token.slice(0, 17)}\n${token.slice(17)}`],
    ['split by spaces', chars.join(' ')],
    ['split by zero-width spaces and soft hyphens', chars.map((c, i) => c + (i % 2 ? '\u200b' : '\u00ad')).join('')],
  ];
}

/** Text as a reader would take it in: references, escapes and percent-encoding decoded, invisible splits gone. */
function asRead(text: string): string {
  return text
    .replace(/&#([xX][0-9a-fA-F]+|[0-9]+);?/g, (_m, code: string) =>
      String.fromCharCode(/^x/i.test(code) ? parseInt(code.slice(1), 16) : parseInt(code, 10)),
    )
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/%(?:25)?([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .toLowerCase();
}

/** No run of the token's digits in what a person or the log sees, however encoded, split or base64-wrapped. */
function assertNoTokenDigits(text: string, token: string, where: string): void {
  const digits = token.slice(4).replace(/-/g, '');
  const decodedRuns = (text.match(/[A-Za-z0-9+/]{16,}/g) ?? []).map((run) => atob(run.slice(0, run.length - (run.length % 4))));
  for (const read of [asRead(text), ...decodedRuns.map(asRead)]) {
    const hex = read.replace(/[^0-9a-f]/g, '');
    assert.ok(!hex.includes(digits.slice(0, 12)) && !hex.includes(digits.slice(-12)), `${where} shows the token: ${text}`);
  }
}

describe('the token is redacted in every form on every error path', () => {
  const paths: [name: string, status: number, body: (form: string) => string, path: string][] = [
    ['400 message', 400, (f) => JSON.stringify({ code: 'invalid_request', message: `bad ${f}` }), 'bysdkversion'],
    ['401 message', 401, (f) => JSON.stringify({ code: 'unauthorized', message: `token ${f} refused` }), 'bysdkversion'],
    ['403 message', 403, (f) => JSON.stringify({ code: 'forbidden', message: f }), 'bysdkversion'],
    ['404 message', 404, (f) => JSON.stringify({ code: 'not_found', message: f }), 'bysdkversion'],
    ['429 message', 429, (f) => JSON.stringify({ code: 'rate_limited', message: f }), 'bysdkversion'],
    ['503 message', 503, (f) => JSON.stringify({ code: 'unavailable', message: f }), 'bysdkversion'],
    ['error id', 500, (f) => JSON.stringify({ code: 'x', id: f }), 'bysdkversion'],
    ['error code', 400, (f) => JSON.stringify({ code: f, message: 'm' }), 'bysdkversion'],
    ['a proxy page', 502, (f) => `<html><body>Upstream refused Authorization: ${f}</body></html>`, 'bysdkversion'],
    ['a plain-text body', 500, (f) => `error for ${f}`, 'bysdkversion'],
    ['sdk-versions 403', 403, (f) => JSON.stringify({ code: 'forbidden', message: f }), 'sdk-versions'],
    ['caller-identity 401', 401, (f) => JSON.stringify({ code: 'unauthorized', message: f, id: f }), 'caller-identity'],
  ];
  for (const [name, status, body, path] of paths) {
    test(`${name}: 13 forms of the token, in the message, the shown message, code, id and log line`, async () => {
      const token = local().token;
      const client = new UsageClient(settings());
      for (const [formName, form] of everyTokenForm(token)) {
        local().clearFaults();
        local().addFault({ fault: { kind: 'status', status, body: body(form) }, path });
        const request =
          path === 'sdk-versions'
            ? client.sdkVersionDetails({})
            : path === 'caller-identity'
              ? client.callerIdentity()
              : client.streamsBySdkVersion(lastDay());
        const error: unknown = await request.then(
          () => assert.fail('expected a failure'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof UsageApiError, String(error));
        const shown = [
          error.message,
          presentError(error).message,
          error.code ?? '',
          error.errorId ?? '',
          redact(`log: ${error.message}`, [token]),
        ];
        for (const text of shown) assertNoTokenDigits(text, token, `${formName} (${name})`);
      }
    });
  }
});
