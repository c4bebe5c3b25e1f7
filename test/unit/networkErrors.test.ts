/**
 * Connection failures in words: each error code (as node-fetch and VS Code's proxy agent report it)
 * maps to its message; proxy credentials never appear; and real TLS failures over 127.0.0.1 (with
 * certificates made by openssl for this run) reach people by name through the client.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UsageClient } from '../../src/api/client';
import { UsageApiError } from '../../src/api/errors';
import { connectionFailure, errorCode, isLoopbackHost, proxyFor, proxyHostPort, proxyStatusFailure } from '../../src/api/networkErrors';
import { presentError } from '../../src/presentation/errors';
import { MAX_MESSAGE_CHARS } from '../../src/text';
import { createRootCa, issueServerCertificate, type CertificateFiles } from '../harness/testCertificates';

const API_URL = 'https://app.launchdarkly.com/api/v2/caller-identity';
const PROXY = 'proxy.example.test:3128';

/** What people read: what happened (the error), then what to do (the presentation's advice). */
const shown = (error: UsageApiError) => presentError(error).message;

/** What node-fetch rejects with for a failed request: a FetchError carrying the system error's code. */
function fetchError(code: string | undefined, reason = 'something failed'): Error {
  return Object.assign(new Error(`request to ${API_URL} failed, reason: ${reason}`), {
    name: 'FetchError',
    type: 'system',
    code,
    errno: code,
  });
}

const CERTIFICATE_CODES: ReadonlyArray<[string, RegExp]> = [
  ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
  ['SELF_SIGNED_CERT_IN_CHAIN', /root certificate this machine does not trust/],
  ['UNABLE_TO_GET_ISSUER_CERT', /unknown certificate authority/],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /unknown certificate authority/],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /unknown certificate authority/],
  ['CERT_HAS_EXPIRED', /has expired.*clock/],
  ['CERT_NOT_YET_VALID', /not valid yet.*clock/],
  ['ERR_TLS_CERT_ALTNAME_INVALID', /for another host name/],
];

describe('connection failures by error code', () => {
  for (const [code, says] of CERTIFICATE_CODES) {
    test(`${code}: names the certificate problem, keeps the code, hints at company roots and http.proxyStrictSSL`, () => {
      const error = connectionFailure(fetchError(code), { url: API_URL });
      assert.equal(error.kind, 'network');
      assert.match(shown(error), says);
      assert.match(shown(error), new RegExp(`\\(${code}\\)`));
      assert.match(shown(error), /^Could not reach app\.launchdarkly\.com: /);
      assert.match(shown(error), /company root certificate/);
      assert.match(shown(error), /NODE_EXTRA_CA_CERTS/);
      assert.match(shown(error), /http\.proxyStrictSSL does not apply/);
      assert.deepEqual(presentError(error).actions, ['openSettings', 'refresh']);
    });
  }

  test('a host mismatch for an IP address behind a proxy explains VS Code\'s "localhost" check and the way out', () => {
    const error = connectionFailure(fetchError('ERR_TLS_CERT_ALTNAME_INVALID'), {
      url: 'https://192.0.2.2:8443/api/v2/caller-identity',
      proxy: PROXY,
    });
    assert.match(
      shown(error),
      /^Could not reach 192\.0\.2\.2:8443 through the proxy proxy\.example\.test:3128: its TLS certificate is for another host name/,
    );
    assert.match(shown(error), /against "localhost"/);
    assert.match(shown(error), /list 192\.0\.2\.2 in http\.noProxy/);
    // The client bounds every message it lets out; the longest of our own must fit whole, hints included.
    assert.ok(shown(error).length <= MAX_MESSAGE_CHARS, `${shown(error).length} characters`);
    const byName = connectionFailure(fetchError('ERR_TLS_CERT_ALTNAME_INVALID'), { url: API_URL, proxy: PROXY });
    assert.doesNotMatch(shown(byName), /localhost/, 'a host name is checked correctly: no such note');
  });

  test('a connection the proxy agent could not open names the proxy from the settings', () => {
    const agentError = fetchError(
      undefined,
      'Failed to establish a socket connection to proxies: PROXY <credentials>@proxy.example.test:3128',
    );
    const error = connectionFailure(agentError, { url: API_URL, proxy: PROXY });
    assert.equal(
      shown(error),
      `Could not connect to the proxy ${PROXY} to reach app.launchdarkly.com. Check that the proxy is running and that http.proxy is right, or list app.launchdarkly.com in http.noProxy to reach it directly.`,
    );
    assert.deepEqual(presentError(error).actions, ['openSettings', 'refresh']);
    assert.match(shown(connectionFailure(agentError, { url: API_URL })), /^Could not connect to the proxy VS Code uses/);
  });

  test('DNS failures name the host name', () => {
    assert.match(
      shown(connectionFailure(fetchError('ENOTFOUND'), { url: API_URL })),
      /the name app\.launchdarkly\.com could not be found \(DNS\) \(ENOTFOUND\)/,
    );
    assert.match(shown(connectionFailure(fetchError('EAI_AGAIN'), { url: API_URL })), /temporary DNS failure\) \(EAI_AGAIN\)/);
  });

  test('TLS handshake failures say so, by code or by the message Node gives a dropped handshake', () => {
    for (const code of ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE']) {
      assert.match(
        shown(connectionFailure(fetchError(code), { url: API_URL, proxy: PROXY })),
        new RegExp(`the TLS handshake failed \\(${code}\\).*proxy ${PROXY.replace(/\./g, '\\.')}`),
      );
    }
    const dropped = fetchError('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established');
    assert.match(shown(connectionFailure(dropped, { url: API_URL })), /the TLS handshake failed \(ECONNRESET\)/);
  });

  test('plain connection failures keep their own words and code', () => {
    for (const [code, says] of [
      ['ECONNREFUSED', /the connection was refused \(ECONNREFUSED\)/],
      ['ECONNRESET', /the connection was reset \(ECONNRESET\)/],
      ['ETIMEDOUT', /timed out \(ETIMEDOUT\)/],
      ['EHOSTUNREACH', /host is unreachable/],
      ['ENETUNREACH', /network is unreachable/],
    ] as const) {
      assert.match(shown(connectionFailure(fetchError(code), { url: API_URL })), says);
    }
    assert.match(shown(connectionFailure(fetchError('ESOMETHINGNEW'), { url: API_URL })), /the connection failed \(ESOMETHINGNEW\)/);
    assert.match(
      shown(connectionFailure(new Error('no code at all'), { url: API_URL })),
      /the connection failed\. Check your network or proxy/,
    );
  });

  test('the code is found along the cause chain (global fetch / undici style) and only when it looks like a code', () => {
    const wrapped = new TypeError('fetch failed', {
      cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
    });
    assert.equal(errorCode(wrapped), 'CERT_HAS_EXPIRED');
    assert.match(shown(connectionFailure(wrapped, { url: API_URL })), /has expired/);
    assert.equal(errorCode(Object.assign(new Error('x'), { code: 'not a code: http://u:p@h' })), undefined);
    const loop: { message: string; cause?: unknown } = { message: 'loop' };
    loop.cause = loop;
    assert.equal(errorCode(loop), undefined, 'a cyclic cause chain ends');
  });
});

describe('HTTP answers that come from the proxy', () => {
  test('407 points at http.proxy credentials and says http.proxyAuthorization is not given to extensions', () => {
    const error = proxyStatusFailure(407, false, { url: API_URL, proxy: PROXY });
    assert.ok(error);
    assert.equal(error.status, 407);
    assert.match(
      shown(error),
      /^The proxy proxy\.example\.test:3128 asks for a user name and password \(407 Proxy Authentication Required\)/,
    );
    assert.match(shown(error), /http\.proxyAuthorization only to its own requests/);
    assert.match(shown(error), /http:\/\/user:password@proxy\.example\.test:3128/);
    assert.ok(proxyStatusFailure(407, true, { url: API_URL }), "a 407 is always the proxy's");
  });

  test("403 and 502–504 without LaunchDarkly's JSON, behind a proxy, are the proxy's; otherwise the API's", () => {
    assert.match(
      shown(proxyStatusFailure(403, false, { url: API_URL, proxy: PROXY })!),
      /refused the connection to app\.launchdarkly\.com \(HTTP 403\)/,
    );
    assert.match(
      shown(proxyStatusFailure(502, false, { url: API_URL, proxy: PROXY })!),
      /could not get through to app\.launchdarkly\.com \(HTTP 502\)/,
    );
    assert.equal(proxyStatusFailure(403, true, { url: API_URL, proxy: PROXY }), undefined, "LaunchDarkly's own 403");
    assert.equal(proxyStatusFailure(403, false, { url: API_URL }), undefined, 'no proxy in use');
    assert.equal(proxyStatusFailure(429, false, { url: API_URL, proxy: PROXY }), undefined, "rate limits stay the API's");
    assert.equal(proxyStatusFailure(401, false, { url: API_URL, proxy: PROXY }), undefined);
  });
});

describe('which proxy a request goes through', () => {
  test('isLoopbackHost knows 127.x, localhost and ::1', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['128.0.0.1', '127.0.0', '0.0.0.0', 'localhost.', 'example.com', '::'])
      assert.equal(isLoopbackHost(host), false, host);
  });

  const settings = { proxy: 'http://alice:s3cr%40t@proxy.corp.test:3128' };
  test('http.proxy, without its credentials', () => {
    assert.equal(proxyFor(API_URL, settings, {}), 'proxy.corp.test:3128');
    assert.equal(proxyHostPort('http://proxy.corp.test'), 'proxy.corp.test:80');
    assert.equal(proxyHostPort('https://proxy.corp.test'), 'proxy.corp.test:443');
    assert.equal(proxyHostPort('socks5://proxy.corp.test'), 'proxy.corp.test:1080');
    assert.equal(proxyHostPort('proxy.corp.test:3128'), undefined, 'no scheme: VS Code ignores it too');
    assert.equal(proxyHostPort('ftp://proxy.corp.test'), undefined);
    assert.equal(proxyHostPort(''), undefined);
  });
  test('loopback, http.noProxy matches and http.proxySupport "off" go direct', () => {
    assert.equal(proxyFor('http://127.0.0.1:8080/api', settings, {}), undefined);
    assert.equal(proxyFor('http://localhost:8080/api', settings, {}), undefined);
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['launchdarkly.com'] }, {}), undefined, 'a domain covers its subdomains');
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['.launchdarkly.com'] }, {}), undefined);
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['app.launchdarkly.com:443'] }, {}), undefined);
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['app.launchdarkly.com:8443'] }, {}), 'proxy.corp.test:3128', 'another port');
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['launchdarkly.com.evil.test'] }, {}), 'proxy.corp.test:3128');
    assert.equal(proxyFor(API_URL, { ...settings, noProxy: ['*'] }, {}), undefined);
    assert.equal(proxyFor(API_URL, { ...settings, proxySupport: 'off' }, {}), undefined);
  });
  test('environment variables when the settings are empty', () => {
    assert.equal(proxyFor(API_URL, {}, { HTTPS_PROXY: 'http://bob:pw@env-proxy.test:8080' }), 'env-proxy.test:8080');
    assert.equal(proxyFor(API_URL, {}, { HTTPS_PROXY: 'http://env-proxy.test:8080', NO_PROXY: 'example.com,launchdarkly.com' }), undefined);
    assert.equal(
      proxyFor(API_URL, { noProxy: ['other.test'] }, { HTTPS_PROXY: 'http://env-proxy.test:8080', NO_PROXY: 'launchdarkly.com' }),
      'env-proxy.test:8080',
      'http.noProxy replaces NO_PROXY',
    );
    assert.equal(proxyFor(API_URL, {}, {}), undefined);
  });

  test('credentials in a proxy URL never reach any message', () => {
    const secrets = ['alice', 's3cr@t', 's3cr%40t'];
    const proxy = proxyFor(API_URL, settings, {});
    const produced: UsageApiError[] = [];
    const agentError = fetchError(
      undefined,
      `Failed to establish a socket connection to proxies: PROXY alice:s3cr%40t@proxy.corp.test:3128`,
    );
    produced.push(connectionFailure(agentError, { url: API_URL, proxy }));
    for (const code of [
      ...CERTIFICATE_CODES.map(([c]) => c),
      'ENOTFOUND',
      'EAI_AGAIN',
      'EPROTO',
      'ECONNREFUSED',
      'ECONNRESET',
      undefined,
    ]) {
      produced.push(
        connectionFailure(fetchError(code, `proxy http://alice:s3cr%40t@proxy.corp.test:3128 said no`), { url: API_URL, proxy }),
      );
    }
    for (const status of [403, 407, 502, 503, 504]) produced.push(proxyStatusFailure(status, false, { url: API_URL, proxy })!);
    assert.equal(produced.length, 20);
    for (const error of produced) {
      assert.ok(error instanceof UsageApiError);
      for (const secret of secrets) assert.ok(!shown(error).includes(secret), `"${secret}" in: ${shown(error)}`);
    }
  });
});

describe('real TLS failures through the client (127.0.0.1, certificates made by openssl)', () => {
  let dir: string;
  let root: CertificateFiles;
  const servers: Array<http.Server | https.Server> = [];
  const savedCa = https.globalAgent.options.ca;

  const serve = (certificate: CertificateFiles | undefined, chain = ''): Promise<string> =>
    new Promise((resolve) => {
      const answer = (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"accountId":"a","tokenName":"t"}');
      };
      const server = certificate
        ? https.createServer({ key: certificate.key, cert: certificate.cert + chain }, answer)
        : http.createServer(answer);
      servers.push(server);
      server.listen(0, '127.0.0.1', () => resolve(`https://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });

  const failure = async (baseUrl: string): Promise<UsageApiError> => {
    const client = new UsageClient({ baseUrl, token: 'api-00000000-0000-4000-8000-000000000000', userAgent: 'unit', timeoutMs: 5000 });
    const error = await client.callerIdentity().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof UsageApiError, `expected a UsageApiError, got ${String(error)}`);
    return error;
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-usage-tls-'));
    root = createRootCa(dir, 'root', 'LD usage unit test root');
    // Trust the test root for this process only, as NODE_EXTRA_CA_CERTS would.
    https.globalAgent.options.ca = [...(Array.isArray(savedCa) ? savedCa : []), root.cert];
  });
  after(() => {
    https.globalAgent.options.ca = savedCa;
    for (const server of servers) server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a trusted certificate for 127.0.0.1 works (the setup itself is sound)', async () => {
    const client = new UsageClient({
      baseUrl: await serve(issueServerCertificate(dir, 'good', '127.0.0.1', root)),
      token: 't',
      userAgent: 'unit',
      timeoutMs: 5000,
    });
    assert.equal((await client.callerIdentity()).accountId, 'a');
  });
  test('self-signed', async () => {
    const error = await failure(await serve(issueServerCertificate(dir, 'self', '127.0.0.1', undefined)));
    assert.match(error.message, /self-signed.*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });
  test('unknown issuer, and an untrusted root sent along (as TLS-inspecting proxies do)', async () => {
    const stranger = createRootCa(dir, 'stranger', 'Unknown root');
    const leaf = issueServerCertificate(dir, 'stranger-leaf', '127.0.0.1', stranger);
    assert.match((await failure(await serve(leaf))).message, /unknown certificate authority \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    assert.match((await failure(await serve(leaf, stranger.cert))).message, /does not trust \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  });
  test('expired', async () => {
    const error = await failure(await serve(issueServerCertificate(dir, 'expired', '127.0.0.1', root, { expired: true })));
    assert.match(error.message, /has expired \(CERT_HAS_EXPIRED\)/);
  });
  test('host mismatch', async () => {
    const error = await failure(await serve(issueServerCertificate(dir, 'other', 'other.example.test', root)));
    assert.match(error.message, /for another host name \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });
  test('plain http on an https URL: a failed handshake', async () => {
    const error = await failure(await serve(undefined));
    assert.match(error.message, /the TLS handshake failed \((EPROTO|ERR_SSL_[A-Z_]+)\)/);
  });
});
