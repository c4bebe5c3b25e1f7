/**
 * The presentation module: every label, status text and ordering the tree and the panel show.
 * Expected texts are written out here, never built with the module's own helpers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageApiError, type UsageErrorFacts, type UsageErrorKind } from '../../src/api/errors';
import type { ChartModel } from '../../src/model/chartData';
import type { HealthStatus } from '../../src/model/health';
import type { LoadedQuery } from '../../src/model/query';
import type { VersionUsage } from '../../src/model/usageModel';
import { EOL_SEVERITY, HEALTH_SEVERITY, effectiveHealth } from '../../src/model/verdict';
import type { PanelStatus } from '../../src/protocol';
import { isRecord } from '../../src/record';
import { MAX_MESSAGE_CHARS } from '../../src/text';
import { presentError } from '../../src/presentation/errors';
import { ACTION_LABELS, HEALTH_SUMMARY_ORDER, SOURCE_OPTIONS, sourceLabel, summaryCaption } from '../../src/presentation/labels';
import { SUMMARY_COLUMNS, isSortKey, nextSort, sortVersions, type HealthOf, type SortState } from '../../src/presentation/ordering';
import { bannerContent, panelStatusLine, treeMessage, treeNotices } from '../../src/presentation/status';
import { readyStatus } from '../support/panelStatus';

const LOADED: LoadedQuery = {
  source: 'server',
  preset: '24h',
  from: 0,
  to: 86_400_000,
  granularity: 'hourly',
  timeZone: 'Europe/Berlin',
  filter: {},
};

function status(change: Partial<PanelStatus> = {}): PanelStatus {
  return readyStatus(LOADED.from, LOADED.to, { loaded: LOADED, fetchedAt: undefined, topN: 8, ...change });
}

describe('labels', () => {
  test('sources in picker order, each with its label', () => {
    assert.deepEqual(SOURCE_OPTIONS, [
      { value: 'server', label: 'Server-side SDKs' },
      { value: 'client', label: 'Client-side SDKs' },
      { value: 'both', label: 'Server- and client-side SDKs' },
    ]);
    assert.equal(sourceLabel('client'), 'Client-side SDKs');
  });

  test('error actions: every one has a button label', () => {
    assert.deepEqual(ACTION_LABELS, {
      setToken: 'Set API Token',
      refresh: 'Refresh',
      tryNow: 'Try Now',
      openSettings: 'Open Settings',
      chooseTimeRange: 'Choose Time Range',
    });
  });

  test('the health summary lists LaunchDarkly, release-date and estimate groups from current to not comparable', () => {
    assert.deepEqual(HEALTH_SUMMARY_ORDER, [
      'EolAllClear',
      'releaseEolAllClear',
      'current',
      'MajorVersionAvailable',
      'releaseMajorVersionAvailable',
      'minorBehind',
      'majorBehind',
      'EolNear',
      'releaseEolNear',
      'EolPast',
      'releaseEolPast',
      'unknown',
      'releaseNotJudged',
    ]);
  });

  test('the summary caption says which versions and how many', () => {
    assert.equal(summaryCaption(12, false), 'Versions (12); select a column header to sort');
    assert.equal(summaryCaption(3, true), 'Outdated versions (3); select a column header to sort');
  });

  test('isRecord accepts plain objects only', () => {
    assert.ok(isRecord({}) && isRecord({ a: 1 }) && isRecord(Object.create(null)));
    for (const value of [null, undefined, [], 'x', 1, true]) assert.ok(!isRecord(value), String(value));
  });
});

describe('tree message', () => {
  test('says nothing without a token, and nothing before the first load starts', () => {
    assert.equal(treeMessage(status({ hasToken: false }), true), undefined);
    assert.equal(treeMessage(status({ load: 'idle', loaded: undefined }), false), undefined);
    assert.equal(treeMessage(status({ load: 'error', loaded: undefined }), false), undefined);
  });

  test('loading, refreshing, stale and ready', () => {
    assert.equal(treeMessage(status({ load: 'loading', loaded: undefined }), false), 'Loading usage data…');
    assert.equal(treeMessage(status({ load: 'loading' }), true), 'Refreshing… Server-side SDKs · Last 24 hours · hourly');
    assert.equal(treeMessage(status({ stale: true }), true), 'Stale: Server-side SDKs · Last 24 hours · hourly');
    assert.equal(treeMessage(status(), true), 'Server-side SDKs · Last 24 hours · hourly');
  });

  test('names the filter, what the data left out, and why health is estimated', () => {
    const message = treeMessage(
      status({
        loaded: { ...LOADED, source: 'both', granularity: 'daily', filter: { sdk: 'go-server-sdk', version: '7.4.0' } },
        notes: ['2 values ignored'],
        verdictNote: 'Health is estimated.',
      }),
      true,
    );
    assert.equal(
      message,
      'Server- and client-side SDKs · Last 24 hours · daily · filter: go-server-sdk 7.4.0 · 2 values ignored · Health is estimated.',
    );
  });
});

describe('tree status rows', () => {
  const error = {
    message: "LaunchDarkly's API had a server error (503). This is usually temporary: refresh in a minute.",
    actions: ['refresh', 'openSettings'] as const,
  };
  const none = { error: undefined, versions: 3, byEnvironment: false, report: 'loaded' } as const;

  test('none when all is well, or before any data', () => {
    assert.deepEqual(treeNotices(none), []);
    assert.deepEqual(treeNotices({ ...none, versions: undefined }), []);
  });

  test('an error offers its first action, and says when older data stays below', () => {
    assert.deepEqual(treeNotices({ ...none, error, versions: undefined }), [
      { id: 'error', label: error.message, detail: undefined, tone: 'error', action: 'refresh' },
    ]);
    assert.deepEqual(treeNotices({ ...none, error }), [
      {
        id: 'error',
        label: error.message,
        detail: 'The data below is from the last successful refresh.',
        tone: 'error',
        action: 'refresh',
      },
    ]);
  });

  test('an empty range offers another range, after any error', () => {
    assert.deepEqual(
      treeNotices({ ...none, error, versions: 0, byEnvironment: true, report: 'failed' }).map((n) => [n.id, n.label, n.action]),
      [
        ['error', error.message, 'refresh'],
        ['empty', 'No streaming connections in this range.', 'chooseTimeRange'],
      ],
    );
  });

  test("by environment without LaunchDarkly's report: why, and a refresh when it failed", () => {
    assert.deepEqual(treeNotices({ ...none, byEnvironment: true, report: 'pending' }), [
      {
        id: 'no-environments',
        label: "Environments appear once LaunchDarkly's SDK versions report has loaded.",
        tone: 'info',
        action: undefined,
      },
    ]);
    assert.deepEqual(treeNotices({ ...none, byEnvironment: true, report: 'failed' }), [
      {
        id: 'no-environments',
        label: "Environments unavailable: LaunchDarkly's SDK versions report could not be loaded.",
        tone: 'info',
        action: 'refresh',
      },
    ]);
    assert.deepEqual(treeNotices({ ...none, byEnvironment: true, report: 'loaded' }), []);
    assert.deepEqual(treeNotices({ ...none, byEnvironment: false, report: 'failed' }), [], 'grouped by SDK, the report is not needed');
  });
});

describe('panel status line', () => {
  test('before any data: "No data yet." with a token, nothing without', () => {
    assert.equal(panelStatusLine(status({ loaded: undefined }), undefined, 'en-US'), 'No data yet.');
    assert.equal(panelStatusLine(status(), undefined, 'en-US'), 'No data yet.');
    assert.equal(panelStatusLine(status({ hasToken: false, loaded: undefined }), undefined, 'en-US'), '');
  });

  test('what the data answers, when it came, stale, notes, and an empty range', () => {
    const fetchedAt = Date.UTC(2026, 2, 4, 13, 5, 9);
    const updated = `updated ${new Date(fetchedAt).toLocaleTimeString('en-US')}`;
    assert.equal(panelStatusLine(status(), 4, 'en-US'), 'Server-side SDKs · Last 24 hours · hourly data · times in Europe/Berlin');
    assert.equal(
      panelStatusLine(
        status({
          fetchedAt,
          stale: true,
          notes: ['1 time dropped'],
          loaded: { ...LOADED, granularity: 'minutely', filter: { version: '1.0.0' } },
        }),
        4,
        'en-US',
      ),
      `Server-side SDKs · Last 24 hours · per minute data · times in Europe/Berlin · filter: version 1.0.0 · ${updated} · stale · 1 time dropped`,
    );
    assert.equal(
      panelStatusLine(status(), 0, 'en-US'),
      'Server-side SDKs · Last 24 hours · hourly data · times in Europe/Berlin · No streaming connections in this range.',
    );
    assert.equal(
      panelStatusLine(status({ load: 'loading' }), 0, 'en-US'),
      'Server-side SDKs · Last 24 hours · hourly data · times in Europe/Berlin',
    );
  });
});

describe('panel banner', () => {
  test('no token, error (with or without older data), loading, refreshing, pending selection, all well', () => {
    assert.deepEqual(bannerContent(status({ hasToken: false }), false), {
      kind: 'notice',
      text: 'No API access token is set.',
      actions: ['setToken'],
    });
    const error = { message: "LaunchDarkly's API had a server error (500).", actions: ['refresh'] as const };
    assert.deepEqual(bannerContent(status({ load: 'error', error }), false), {
      kind: 'error',
      text: error.message,
      actions: ['refresh'],
    });
    assert.deepEqual(bannerContent(status({ load: 'error', error }), true), {
      kind: 'error',
      text: `${error.message} The data below is from the last successful refresh.`,
      actions: ['refresh'],
    });
    assert.deepEqual(bannerContent(status({ load: 'loading' }), false), { kind: 'info', text: 'Loading usage data…', actions: [] });
    assert.deepEqual(bannerContent(status({ load: 'loading' }), true), { kind: 'info', text: 'Refreshing…', actions: [] });
    assert.deepEqual(bannerContent(status({ stale: true }), true), {
      kind: 'info',
      text: 'This data does not match the current selection yet.',
      actions: [],
    });
    assert.equal(bannerContent(status(), true), undefined);
  });
});

describe('summary table order', () => {
  const version = (
    id: string,
    sdk: string,
    latest: number,
    peak: number,
    average: number,
    health: HealthStatus,
    behind = 0,
  ): VersionUsage => ({
    id,
    sdkId: sdk,
    source: 'server',
    sdk,
    reportedSdks: [sdk],
    identity: { kind: 'reported' },
    version: id,
    cellStart: 0,
    cellEnd: 0,
    latest,
    peak,
    average,
    health: { status: health, behind, newest: '9.0.0' },
    releaseHealth: undefined,
  });
  // In the model's order: SDK, then newest version first.
  const versions = [
    version('a1', 'alpha', 10, 50, 20, 'current'),
    version('a2', 'alpha', 30, 30, 30, 'majorBehind', 2),
    version('b1', 'Beta', 30, 70, 10, 'minorBehind', 1),
    version('b2', 'Beta', 5, 5, 5, 'unknown'),
    version('c1', 'gamma', 20, 20, 25, 'majorBehind', 1),
  ];
  const model = { versions } as unknown as ChartModel;
  const health: HealthOf = (v) => effectiveHealth(v, v.id === 'c1' ? { status: 'EolPast', target: '9.0.0' } : undefined);
  const ids = (sort: SortState) => sortVersions(model, versions, sort, health).map((v) => v.id);

  test('columns, headers and which are numeric', () => {
    assert.deepEqual(
      SUMMARY_COLUMNS.map(([key, label, numeric]) => `${key}:${label}:${numeric}`),
      [
        'sdk:SDK:false',
        'version:Version:false',
        'latest:Latest:true',
        'peak:Peak:true',
        'average:Average:true',
        'share:Share:true',
        'health:Health:false',
      ],
    );
    assert.ok(isSortKey('peak') && !isSortKey('name'));
  });

  test('each column sorts both ways; ties keep the model order', () => {
    assert.deepEqual(ids({ key: 'version', descending: false }), ['a1', 'a2', 'b1', 'b2', 'c1']);
    assert.deepEqual(ids({ key: 'version', descending: true }), ['c1', 'b2', 'b1', 'a2', 'a1']);
    assert.deepEqual(ids({ key: 'sdk', descending: false }), ['a1', 'a2', 'b1', 'b2', 'c1'], 'case-insensitive');
    assert.deepEqual(ids({ key: 'latest', descending: true }), ['a2', 'b1', 'c1', 'a1', 'b2']);
    assert.deepEqual(ids({ key: 'share', descending: false }), ['b2', 'a1', 'c1', 'a2', 'b1']);
    assert.deepEqual(ids({ key: 'peak', descending: true }), ['b1', 'a1', 'a2', 'c1', 'b2']);
    assert.deepEqual(ids({ key: 'average', descending: false }), ['b2', 'b1', 'a1', 'c1', 'a2']);
  });

  test("health: most urgent first when descending, LaunchDarkly's verdict ranked with the estimates", () => {
    // EolPast (c1) > majorBehind 2 (a2) > minorBehind (b1) > unknown (b2) > current (a1).
    assert.deepEqual(ids({ key: 'health', descending: true }), ['c1', 'a2', 'b1', 'b2', 'a1']);
    assert.deepEqual(ids({ key: 'health', descending: false }), ['a1', 'b2', 'b1', 'a2', 'c1']);
  });

  test("one health order: LaunchDarkly's statuses rank among themselves as they rank in the health sort, each release-date verdict just below LaunchDarkly's own", () => {
    const byEol = (Object.keys(EOL_SEVERITY) as (keyof typeof EOL_SEVERITY)[]).sort((a, b) => EOL_SEVERITY[b] - EOL_SEVERITY[a]);
    assert.deepEqual(byEol, ['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear', 'EolUnknown']);
    const byHealth = (Object.keys(HEALTH_SEVERITY) as (keyof typeof HEALTH_SEVERITY)[]).sort(
      (a, b) => HEALTH_SEVERITY[b] - HEALTH_SEVERITY[a],
    );
    assert.deepEqual(byHealth, [
      'EolPast',
      'releaseEolPast',
      'EolNear',
      'releaseEolNear',
      'majorBehind',
      'MajorVersionAvailable',
      'releaseMajorVersionAvailable',
      'minorBehind',
      'unknown',
      'releaseNotJudged',
      'EolAllClear',
      'releaseEolAllClear',
      'current',
    ]);
  });

  test('choosing a header: numeric columns start largest first, the same header flips', () => {
    assert.deepEqual(nextSort({ key: 'latest', descending: true }, 'peak'), { key: 'peak', descending: true });
    assert.deepEqual(nextSort({ key: 'latest', descending: true }, 'sdk'), { key: 'sdk', descending: false });
    assert.deepEqual(nextSort({ key: 'sdk', descending: false }, 'sdk'), { key: 'sdk', descending: true });
    assert.deepEqual(nextSort({ key: 'peak', descending: true }, 'peak'), { key: 'peak', descending: false });
  });
});

describe('errors as people see them: what happened (the API layer), then what to do (the presentation)', () => {
  const error = (kind: UsageErrorKind, message: string, facts: UsageErrorFacts = {}) => new UsageApiError(kind, message, facts);
  const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
  const network = { host: 'app.launchdarkly.com', hostname: 'app.launchdarkly.com' };
  const cases: [string, UsageApiError, string, string[]][] = [
    [
      '401',
      error('unauthorized', 'Refused (401).'),
      'Refused (401). Set a working token with "LaunchDarkly Usage: Set API Token".',
      ['setToken'],
    ],
    [
      'no token',
      error('noToken', 'No API access token is set.'),
      'No API access token is set. Run "LaunchDarkly Usage: Set API Token".',
      ['setToken'],
    ],
    [
      '403',
      error('forbidden', 'No permission (403).'),
      'No permission (403). Use a token whose role can view usage (for example a Reader or Admin role), then refresh.',
      ['setToken', 'refresh'],
    ],
    ['403 beta', error('betaHeaderMissing', 'No beta header (403).'), 'No beta header (403). A proxy may be stripping it.', ['refresh']],
    [
      '400',
      error('badRequest', 'Rejected (400).'),
      'Rejected (400). Check the time range and filter, then refresh.',
      ['chooseTimeRange', 'refresh'],
    ],
    [
      '404',
      error('notFound', 'Not found (404).'),
      'Not found (404). Check the launchdarklyUsage.baseUrl setting and the source.',
      ['openSettings', 'refresh'],
    ],
    ['429 without a hint', error('rateLimited', 'Rate limited (429).'), 'Rate limited (429). Try again in a few seconds.', ['tryNow']],
    [
      '429 with a reset',
      error('rateLimited', 'Rate limited (429).', { retryAt: NOW + 30_000 }),
      'Rate limited (429). Try again in 30 seconds.',
      ['tryNow'],
    ],
    ['5xx', error('server', 'Server error (500).'), 'Server error (500). This is usually temporary: refresh in a minute.', ['refresh']],
    [
      '5xx web page',
      error('server', 'A web page (502).', { problem: 'webPage' }),
      'A web page (502). Check your proxy and launchdarklyUsage.baseUrl, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'timeout',
      error('timeout', 'No answer.'),
      'No answer. Refresh to try again, or raise launchdarklyUsage.requestTimeoutSeconds.',
      ['refresh'],
    ],
    [
      'redirect',
      error('redirect', 'Redirected.'),
      'Redirected. Set launchdarklyUsage.baseUrl to the API host itself.',
      ['openSettings', 'refresh'],
    ],
    ['too large', error('tooLarge', 'Too large.'), 'Too large. Choose a shorter time range or filter by SDK.', ['refresh']],
    [
      'web page for JSON',
      error('invalidResponse', 'A web page.', { problem: 'webPage' }),
      'A web page. Check launchdarklyUsage.baseUrl and your proxy, then refresh.',
      ['refresh'],
    ],
    ['not JSON', error('invalidResponse', 'Not JSON.', { problem: 'notJson' }), 'Not JSON. Refresh to try again.', ['refresh']],
    [
      'unreadable',
      error('invalidResponse', 'Unreadable.', { problem: 'unreadable' }),
      'Unreadable. Refresh to try again; if it persists, check launchdarklyUsage.baseUrl points at LaunchDarkly.',
      ['refresh'],
    ],
    [
      'range mismatch',
      error('invalidResponse', 'Times elsewhere. Nothing was charted.', { problem: 'rangeMismatch' }),
      'Times elsewhere. Nothing was charted.',
      ['chooseTimeRange', 'refresh'],
    ],
    [
      'unexpected',
      error('invalidResponse', 'Failed (TypeError).', { problem: 'unexpected' }),
      'Failed (TypeError). Refresh to try again.',
      ['refresh'],
    ],
    ['unexpected status', error('invalidResponse', 'Status 418.'), 'Status 418.', ['refresh']],
    [
      'time range',
      error('invalidSettings', 'The end must be after the start.', { problem: 'timeRange' }),
      'The end must be after the start.',
      ['chooseTimeRange'],
    ],
    [
      'base URL',
      error('invalidSettings', 'launchdarklyUsage.baseUrl must use https.', { problem: 'baseUrl' }),
      'launchdarklyUsage.baseUrl must use https.',
      ['openSettings', 'refresh'],
    ],
    ['cancelled', error('cancelled', 'The request was cancelled.'), 'The request was cancelled.', []],
    [
      'proxy unreachable',
      error('network', 'No proxy.', { ...network, problem: 'proxyUnreachable' }),
      'No proxy. Check that the proxy is running and that http.proxy is right, or list app.launchdarkly.com in http.noProxy to reach it directly.',
      ['openSettings', 'refresh'],
    ],
    [
      'proxy wants credentials',
      error('network', 'Proxy 407.', { ...network, proxy: 'proxy.test:3128', problem: 'proxyAuth' }),
      "Proxy 407. VS Code gives http.proxyAuthorization only to its own requests, not to extensions': put the user name and password into http.proxy (http://user:password@proxy.test:3128), then reload the window.",
      ['openSettings', 'refresh'],
    ],
    [
      'proxy refused',
      error('network', 'Proxy 403.', { ...network, proxy: 'proxy.test:3128', problem: 'proxyRefused' }),
      'Proxy 403. Check with whoever runs the proxy that app.launchdarkly.com is allowed, or list it in http.noProxy if it can be reached directly, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'DNS',
      error('network', 'No name.', { ...network, problem: 'dns' }),
      'No name. Check launchdarklyUsage.baseUrl and your network connection, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'handshake',
      error('network', 'Handshake.', { ...network, problem: 'handshake' }),
      'Handshake. Check launchdarklyUsage.baseUrl, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'handshake through a proxy',
      error('network', 'Handshake.', { ...network, proxy: 'p:1', problem: 'handshake' }),
      'Handshake. Check launchdarklyUsage.baseUrl and http.proxy, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'connection',
      error('network', 'Refused.', network),
      'Refused. Check your network or proxy and launchdarklyUsage.baseUrl, then refresh.',
      ['refresh', 'openSettings'],
    ],
    [
      'connection through a proxy',
      error('network', 'Refused.', { ...network, proxy: 'p:1' }),
      'Refused. Check your network, http.proxy and launchdarklyUsage.baseUrl, then refresh.',
      ['refresh', 'openSettings'],
    ],
  ];
  for (const [name, failure, says, actions] of cases) {
    test(name, () => {
      assert.deepEqual(presentError(failure, NOW), { message: says, actions });
    });
  }

  test('certificates: the clock for validity dates, the host name for a mismatch, and always the company-root hint', () => {
    const hint = /company root certificate.*NODE_EXTRA_CA_CERTS.*http\.proxyStrictSSL does not apply to extensions' requests\.$/;
    const cert = (systemCode: string, facts: UsageErrorFacts = network) =>
      presentError(error('network', 'Bad certificate.', { ...facts, problem: 'certificate', systemCode })).message;
    assert.match(cert('CERT_HAS_EXPIRED'), /^Bad certificate\. Check that this machine's clock is right\. If your network inspects TLS/);
    assert.match(cert('CERT_NOT_YET_VALID'), /clock is right/);
    assert.match(cert('ERR_TLS_CERT_ALTNAME_INVALID'), /^Bad certificate\. Check launchdarklyUsage\.baseUrl\. If your network/);
    assert.match(
      cert('ERR_TLS_CERT_ALTNAME_INVALID', { host: '192.0.2.2:8443', hostname: '192.0.2.2', proxy: 'p:1' }),
      /against "localhost".*list 192\.0\.2\.2 in http\.noProxy\. If your network/,
    );
    assert.match(cert('DEPTH_ZERO_SELF_SIGNED_CERT'), /^Bad certificate\. If your network inspects TLS/);
    for (const code of ['CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'INVALID_CA']) {
      assert.match(cert(code), hint);
      assert.deepEqual(presentError(error('network', 'x', { problem: 'certificate', systemCode: code })).actions, [
        'openSettings',
        'refresh',
      ]);
    }
  });

  test("LaunchDarkly's error id comes last, after the advice", () => {
    assert.equal(
      presentError(error('badRequest', 'Rejected (400). The server said: "bad from".', { errorId: 'abc-123' })).message,
      'Rejected (400). The server said: "bad from". Check the time range and filter, then refresh. LaunchDarkly error id: abc-123.',
    );
  });

  test('a long account of what happened is cut in its middle; the advice stays whole and the whole fits', () => {
    const shown = presentError(error('invalidResponse', `Start ${'x'.repeat(5_000)} end.`, { problem: 'unreadable' })).message;
    assert.equal(shown.length, MAX_MESSAGE_CHARS);
    assert.match(
      shown,
      /^Start x+…x+ end\. Refresh to try again; if it persists, check launchdarklyUsage\.baseUrl points at LaunchDarkly\.$/,
    );
  });
});
