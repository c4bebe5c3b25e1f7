/**
 * End-to-end behind a proxy: the packaged extension in code-server, whose extension host sends the
 * extension's requests through VS Code's own proxy support (`http.proxy` and friends), to the local
 * API served over https on this machine's non-loopback address (VS Code never proxies 127.0.0.1 or
 * localhost), through a forward proxy of the test's own (test/harness/forwardProxy.ts).
 *
 * The API's certificate is for a host name only the proxy resolves (ld-usage-api.test → the
 * machine's address, as a company proxy resolves internal names) and for the address itself.
 * Through a proxy VS Code checks the certificate of a host written as an IP address against
 * "localhost" (the cause of "the connection failed" in issue 14), so the proxied scenarios use the
 * name and one scenario shows the IP-address limit and its message.
 *
 * Certificates are made with openssl into the run folder: the API's root and a "company" root are
 * trusted through NODE_EXTRA_CA_CERTS, a third root is not. The steps run in order in one
 * code-server and browser; settings that VS Code reads only at start (http.*) are written to the
 * user settings and the window is reloaded. At the end the proxy's log is printed as a table.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/proxy.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type LaunchedBrowser } from '../harness/browser';
import { sequentialSteps } from '../harness/steps';
import { DEFAULT_USER_SETTINGS, getFreePort, repoRoot, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import { startForwardProxy, type ForwardProxy, type ProxyLogEntry } from '../harness/forwardProxy';
import { createRootCa, issueServerCertificate, nonLoopbackIpv4, type CertificateFiles } from '../harness/testCertificates';
import { clearNotifications, enterApiToken, eventually, listFiles, notification } from '../harness/workbench';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';

const TOKEN = 'api-e2e9a0c1-0000-4000-8000-00000000cafe';
/** Recognisable, so a leak is easy to find; never written anywhere by the test except the user settings. */
const PROXY_USER = 'proxyuser7';
const PROXY_PASSWORD = 'pr0xy-Secret-42';
const API_NAME = 'ld-usage-api.test';
const VSIX = path.join(repoRoot, 'dist', 'launchdarkly-sdk-usage.vsix');
const STEP_TIMEOUT_MS = 60_000;

describe('SDK Usage for LaunchDarkly behind a proxy (code-server + Chromium)', () => {
  const started = Date.now();
  const runDir = path.join(repoRoot, '.test-runs', `e2e-proxy-${started}`);
  const folder = path.join(runDir, 'workspace');
  const certDir = path.join(runDir, 'certificates');
  let address: string;
  let api: LdApiServer;
  let proxy: ForwardProxy;
  let companyRoot: CertificateFiles;
  let untrustedRoot: CertificateFiles;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  /** Every message the extension showed, to check none carries a credential. */
  const shown: string[] = [];

  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  const apiByName = () => `https://${API_NAME}:${api.port}`;
  const apiByAddress = () => `https://${address}:${api.port}`;
  const proxyWithCredentials = () => `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;

  /**
   * The user settings of a step. VS Code 1.139 migrates `extensions.autoUpdate: false` to "off" by
   * rewriting settings.json from its copy in memory, which can undo a write made just before a
   * reload: written as "off", nothing is migrated.
   */
  const userSettings = (settings: Record<string, unknown>) => ({ ...DEFAULT_USER_SETTINGS, 'extensions.autoUpdate': 'off', ...settings });

  /** Writes the user settings and reloads the window: VS Code's extension host reads http.* at start. */
  const useSettings = async (settings: Record<string, unknown>) => {
    const file = path.join(server!.userDataDir, 'User', 'settings.json');
    const text = JSON.stringify(userSettings(settings), null, 2);
    fs.writeFileSync(file, text);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'the workbench kept the settings written for this step');
  };

  /** Set API Token with the right token; returns the text of the toast that answers it. */
  const setToken = async (answer: RegExp): Promise<string> => {
    await clearNotifications(page);
    await enterApiToken(page, TOKEN);
    const toast = notification(page, answer).first();
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.innerText();
    shown.push(text);
    await clearNotifications(page);
    return text;
  };
  const saved = /token saved/;
  const notChecked = /could not be checked/;

  const newProxyEntries = (since: number): ProxyLogEntry[] => proxy.log.slice(since);
  const apiCallerChecks = () => api.requests.filter((r) => r.path === '/api/v2/caller-identity' && r.authorized).length;

  before(async () => {
    fs.mkdirSync(path.join(runDir, 'tmp'), { recursive: true });
    process.env.TMPDIR = path.join(runDir, 'tmp');
    fs.mkdirSync(folder, { recursive: true });
    // Fails the whole file, loudly, on a machine without one: never a silent pass.
    address = nonLoopbackIpv4();
    if (!fs.existsSync(VSIX))
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });

    const apiRoot = createRootCa(certDir, 'api-root', 'LD usage test API root');
    companyRoot = createRootCa(certDir, 'company-root', 'LD usage test company inspection root');
    untrustedRoot = createRootCa(certDir, 'untrusted-root', 'LD usage test untrusted inspection root');
    const apiCertificate = issueServerCertificate(certDir, 'api', [API_NAME, address], apiRoot);
    const trusted = path.join(certDir, 'trusted-roots.pem');
    fs.writeFileSync(trusted, apiRoot.cert + companyRoot.cert);

    api = await startLdApiServer({ token: TOKEN, tls: { key: apiCertificate.key, cert: apiCertificate.cert }, host: address });
    proxy = await startForwardProxy({
      allowedTargets: [`${API_NAME}:${api.port}`, `${address}:${api.port}`],
      hosts: { [API_NAME]: address },
      upstreamCa: apiRoot.cert,
      certificateDir: certDir,
    });
    server = await startCodeServer({
      runDir,
      folder,
      vsixPath: VSIX,
      userSettings: userSettings({ 'launchdarklyUsage.baseUrl': apiByName(), 'http.proxy': proxy.url }),
      env: { NODE_EXTRA_CA_CERTS: trusted },
      // The extension host log then shows VS Code's proxy resolution (ProxyResolver#… lines).
      extraArgs: ['--log', 'trace'],
    });
    browser = await launchBrowser(runDir);
    page = browser.page;
    await openWorkbench(page, server.url);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    if (proxy) {
      const table = proxy.table();
      fs.writeFileSync(path.join(runDir, 'proxy-log.txt'), `${table}\n`);
      console.log(`# what went through the proxy:\n${table.replace(/^/gm, '#   ')}`);
    }
    console.log(`# run folder: ${path.relative(repoRoot, runDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });

  step('1. plain proxy: the token is checked and the data loads through a CONNECT tunnel', async () => {
    const since = proxy.log.length;
    const text = await setToken(saved);
    assert.match(text, /LaunchDarkly API token saved/);
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await eventually(
      () => api.requests.some((r) => r.path.endsWith('/bysdkversion') && r.authorized),
      20_000,
      'usage data requested through the proxy',
    );
    const tunnels = newProxyEntries(since).filter((e) => e.method === 'CONNECT');
    assert.ok(tunnels.length >= 1, 'the requests went through the proxy');
    for (const e of tunnels) {
      assert.equal(e.target, `${API_NAME}:${api.port}`, 'the proxy was asked for the API host by name');
      assert.equal(e.status, 200);
    }
  });

  step('2. proxy asking for credentials: 407 names the proxy and says where credentials go', async () => {
    proxy.requireCredentials({ user: PROXY_USER, password: PROXY_PASSWORD });
    const since = proxy.log.length;
    const checks = apiCallerChecks();
    const text = await setToken(notChecked);
    assert.match(
      text,
      new RegExp(`The proxy 127\\.0\\.0\\.1:${proxy.port} asks for a user name and password \\(407 Proxy Authentication Required\\)`),
    );
    assert.match(text, /http\.proxyAuthorization only to its own requests/);
    assert.deepEqual(
      newProxyEntries(since).map((e) => [e.method, e.status, e.auth]),
      [['CONNECT', 407, 'none']],
    );
    assert.equal(apiCallerChecks(), checks, 'nothing reached the API');
  });

  step('3. http.proxyAuthorization alone: VS Code does not give it to extensions (still 407, no header sent)', async () => {
    await useSettings({
      'launchdarklyUsage.baseUrl': apiByName(),
      'http.proxy': proxy.url,
      'http.proxyAuthorization': `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`,
    });
    const since = proxy.log.length;
    const text = await setToken(notChecked);
    assert.match(text, /407 Proxy Authentication Required/);
    const entries = newProxyEntries(since).filter((e) => e.target === `${API_NAME}:${api.port}`);
    assert.ok(entries.length >= 1);
    for (const e of entries) assert.deepEqual([e.status, e.auth], [407, 'none']);
  });

  step('4. credentials in http.proxy: the proxy lets the requests through', async () => {
    await useSettings({ 'launchdarklyUsage.baseUrl': apiByName(), 'http.proxy': proxyWithCredentials() });
    const since = proxy.log.length;
    const checks = apiCallerChecks();
    await setToken(saved);
    const tunnels = newProxyEntries(since).filter((e) => e.method === 'CONNECT');
    assert.ok(tunnels.length >= 1);
    for (const e of tunnels) assert.deepEqual([e.status, e.auth], [200, 'ok']);
    assert.ok(apiCallerChecks() > checks);
  });

  step('5. an API host written as an IP address, through the proxy: the certificate check fails, and the message says why', async () => {
    await useSettings({ 'launchdarklyUsage.baseUrl': apiByAddress(), 'http.proxy': proxyWithCredentials() });
    const since = proxy.log.length;
    const text = await setToken(notChecked);
    assert.match(
      text,
      new RegExp(
        `Could not reach ${address.replace(/\./g, '\\.')}:${api.port} through the proxy 127\\.0\\.0\\.1:${proxy.port}: its TLS certificate is for another host name \\(ERR_TLS_CERT_ALTNAME_INVALID\\)`,
      ),
    );
    assert.match(text, /against "localhost"/);
    assert.match(text, /http\.noProxy/);
    // The tunnels open (the stored token also loads the tree after the reload); TLS then fails inside them.
    const entries = newProxyEntries(since);
    assert.ok(entries.length >= 1);
    for (const e of entries) assert.deepEqual([e.method, e.target, e.status], ['CONNECT', `${address}:${api.port}`, 200]);
  });

  step('6. http.noProxy lists the API host: the request goes direct and the proxy sees nothing', async () => {
    await useSettings({ 'launchdarklyUsage.baseUrl': apiByAddress(), 'http.proxy': proxyWithCredentials(), 'http.noProxy': [address] });
    const since = proxy.log.length;
    const checks = apiCallerChecks();
    await setToken(saved);
    assert.ok(apiCallerChecks() > checks, 'the API was reached');
    assert.deepEqual(newProxyEntries(since), [], 'the proxy saw nothing');
  });

  step('7. a TLS-inspecting proxy re-signing with an untrusted root: a certificate message by name', async () => {
    await useSettings({ 'launchdarklyUsage.baseUrl': apiByName(), 'http.proxy': proxyWithCredentials() });
    proxy.inspectWith(untrustedRoot);
    const since = proxy.log.length;
    const checks = apiCallerChecks();
    const text = await setToken(notChecked);
    assert.match(
      text,
      new RegExp(
        `Could not reach ${API_NAME.replace(/\./g, '\\.')}:${api.port} through the proxy 127\\.0\\.0\\.1:${proxy.port}: its TLS certificate chain ends in a root certificate this machine does not trust \\(SELF_SIGNED_CERT_IN_CHAIN\\)`,
      ),
    );
    assert.match(text, /company root certificate/);
    assert.match(text, /http\.proxyStrictSSL does not apply/);
    const entries = newProxyEntries(since);
    assert.ok(
      entries.some((e) => e.method === 'CONNECT' && /TLS inspected/.test(e.note)),
      JSON.stringify(entries),
    );
    assert.ok(!entries.some((e) => e.note === 'inspected, re-originated'), 'the client sent no request inside the re-signed TLS');
    assert.equal(apiCallerChecks(), checks, 'nothing reached the API');
  });

  step('8. the same proxy re-signing with the company root this machine trusts: works, the proxy sees the requests', async () => {
    proxy.inspectWith(companyRoot);
    const since = proxy.log.length;
    await setToken(saved);
    const inspected = newProxyEntries(since).filter((e) => e.note === 'inspected, re-originated');
    assert.ok(
      inspected.some((e) => e.method === 'GET' && e.target === `${apiByName()}/api/v2/caller-identity` && e.status === 200),
      JSON.stringify(inspected),
    );
  });

  step('9. http.proxyStrictSSL false does not reach extensions: the untrusted root still fails, with the same message', async () => {
    await useSettings({ 'launchdarklyUsage.baseUrl': apiByName(), 'http.proxy': proxyWithCredentials(), 'http.proxyStrictSSL': false });
    proxy.inspectWith(untrustedRoot);
    const text = await setToken(notChecked);
    assert.match(text, /\(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(text, /http\.proxyStrictSSL does not apply/);
  });

  step('10. http.proxy pointing where no proxy listens: the message names that proxy, not the API host', async () => {
    const closedPort = await getFreePort();
    await useSettings({
      'launchdarklyUsage.baseUrl': apiByName(),
      'http.proxy': `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${closedPort}`,
    });
    const text = await setToken(notChecked);
    assert.match(
      text,
      new RegExp(
        `Could not connect to the proxy 127\\.0\\.0\\.1:${closedPort} to reach ${API_NAME.replace(/\./g, '\\.')}:${api.port}\\. Check that the proxy is running and that http\\.proxy is right`,
      ),
    );
  });

  step('11. no message, and nothing the extension logged, contains the proxy credentials or the token', async () => {
    assert.ok(shown.length >= 10);
    const logs = listFiles(path.join(server!.userDataDir, 'logs')).filter((f) => path.basename(f).includes('LaunchDarkly Usage'));
    assert.ok(logs.length >= 1, "the extension's output channel log exists");
    const logged = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(logged, /Token check failed \(network 407\)/, 'the log keeps the status');
    assert.match(logged, /\(SELF_SIGNED_CERT_IN_CHAIN\)/, 'the log keeps the error code');
    for (const text of [...shown, logged]) {
      for (const secret of [PROXY_USER, PROXY_PASSWORD, TOKEN])
        assert.ok(!text.includes(secret), `"${secret}" appears in: ${text.slice(0, 300)}`);
    }
    // VS Code's own trace log shows how it resolved the proxy for the extension's requests.
    const hostLog = listFiles(path.join(server!.userDataDir, 'logs'))
      .filter((f) => /exthost/.test(f))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    assert.match(hostLog, /ProxyResolver#resolveProxy settings https:\/\/ld-usage-api\.test:\d+\/api\/v2\/caller-identity/);
    assert.match(hostLog, /ProxyResolver#resolveProxy configNoProxy/);
  });
});
