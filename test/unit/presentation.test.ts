/**
 * The presentation module: every label, status text and ordering the tree and the panel show.
 * Expected texts are written out here, never built with the module's own helpers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChartModel } from '../../src/model/chartData';
import type { HealthStatus } from '../../src/model/health';
import type { LoadedQuery } from '../../src/model/query';
import type { VersionUsage } from '../../src/model/usageModel';
import { effectiveHealth } from '../../src/model/verdict';
import type { PanelStatus } from '../../src/protocol';
import { isRecord } from '../../src/record';
import { ACTION_LABELS, ERROR_ACTIONS, HEALTH_SUMMARY_ORDER, SOURCE_OPTIONS, isErrorAction, sourceLabel, summaryCaption } from '../../src/presentation/labels';
import { SUMMARY_COLUMNS, isSortKey, nextSort, sortVersions, type HealthOf, type SortState } from '../../src/presentation/ordering';
import { bannerContent, panelStatusLine, treeMessage } from '../../src/presentation/status';

const LOADED: LoadedQuery = {
  source: 'server',
  rangeLabel: 'Last 24 hours',
  from: 0,
  to: 86_400_000,
  granularity: 'hourly',
  timeZone: 'Europe/Berlin',
  filter: {},
};

function status(change: Partial<PanelStatus> = {}): PanelStatus {
  return {
    status: 'ready',
    stale: false,
    hasToken: true,
    error: undefined,
    source: 'server',
    range: { kind: 'preset', preset: '24h' },
    loaded: LOADED,
    fetchedAt: undefined,
    topN: 8,
    notes: [],
    verdictNote: undefined,
    ...change,
  };
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

  test('error actions: every one has a button label, and only they pass the check', () => {
    assert.deepEqual(ACTION_LABELS, { setToken: 'Set API Token', refresh: 'Refresh', openSettings: 'Open Settings', chooseTimeRange: 'Choose Time Range' });
    assert.deepEqual(ERROR_ACTIONS, ['setToken', 'refresh', 'openSettings', 'chooseTimeRange']);
    for (const action of ERROR_ACTIONS) assert.ok(isErrorAction(action));
    for (const other of ['exportData', 'SETTOKEN', '', undefined, 1, {}]) assert.ok(!isErrorAction(other), String(other));
  });

  test('the health summary lists LaunchDarkly and estimate groups from current to not comparable', () => {
    assert.deepEqual(HEALTH_SUMMARY_ORDER, ['EolAllClear', 'current', 'MajorVersionAvailable', 'minorBehind', 'majorBehind', 'EolNear', 'EolPast', 'unknown']);
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
    assert.equal(treeMessage(status({ status: 'idle', loaded: undefined }), false), undefined);
    assert.equal(treeMessage(status({ status: 'error', loaded: undefined }), false), undefined);
  });

  test('loading, refreshing, stale and ready', () => {
    assert.equal(treeMessage(status({ status: 'loading', loaded: undefined }), false), 'Loading usage data…');
    assert.equal(treeMessage(status({ status: 'loading' }), true), 'Refreshing… Server-side SDKs · Last 24 hours · hourly');
    assert.equal(treeMessage(status({ stale: true }), true), 'Stale: Server-side SDKs · Last 24 hours · hourly');
    assert.equal(treeMessage(status(), true), 'Server-side SDKs · Last 24 hours · hourly');
  });

  test('names the filter, what the data left out, and why health is estimated', () => {
    const message = treeMessage(
      status({ loaded: { ...LOADED, source: 'both', granularity: 'daily', filter: { sdk: 'go-server-sdk', version: '7.4.0' } }, notes: ['2 values ignored'], verdictNote: 'Health is estimated.' }),
      true,
    );
    assert.equal(message, 'Server- and client-side SDKs · Last 24 hours · daily · filter: go-server-sdk 7.4.0 · 2 values ignored · Health is estimated.');
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
      panelStatusLine(status({ fetchedAt, stale: true, notes: ['1 time dropped'], loaded: { ...LOADED, granularity: 'minutely', filter: { version: '1.0.0' } } }), 4, 'en-US'),
      `Server-side SDKs · Last 24 hours · per minute data · times in Europe/Berlin · filter: version 1.0.0 · ${updated} · stale · 1 time dropped`,
    );
    assert.equal(panelStatusLine(status(), 0, 'en-US'), 'Server-side SDKs · Last 24 hours · hourly data · times in Europe/Berlin · No streaming connections in this range.');
    assert.equal(panelStatusLine(status({ status: 'loading' }), 0, 'en-US'), 'Server-side SDKs · Last 24 hours · hourly data · times in Europe/Berlin');
  });
});

describe('panel banner', () => {
  test('no token, error (with or without older data), loading, refreshing, pending selection, all well', () => {
    assert.deepEqual(bannerContent(status({ hasToken: false }), false), { kind: 'notice', text: 'No API access token is set.', actions: ['setToken'] });
    const error = { message: 'LaunchDarkly\'s API had a server error (500).', actions: ['refresh'] as const };
    assert.deepEqual(bannerContent(status({ status: 'error', error }), false), { kind: 'error', text: error.message, actions: ['refresh'] });
    assert.deepEqual(bannerContent(status({ status: 'error', error }), true), {
      kind: 'error',
      text: `${error.message} The data below is from the last successful refresh.`,
      actions: ['refresh'],
    });
    assert.deepEqual(bannerContent(status({ status: 'loading' }), false), { kind: 'info', text: 'Loading usage data…', actions: [] });
    assert.deepEqual(bannerContent(status({ status: 'loading' }), true), { kind: 'info', text: 'Refreshing…', actions: [] });
    assert.deepEqual(bannerContent(status({ stale: true }), true), { kind: 'info', text: 'This data does not match the current selection yet.', actions: [] });
    assert.equal(bannerContent(status(), true), undefined);
  });
});

describe('summary table order', () => {
  const version = (id: string, sdk: string, latest: number, peak: number, average: number, health: HealthStatus, behind = 0): VersionUsage => ({
    id,
    source: 'server',
    sdk,
    version: id,
    cellStart: 0,
    cellEnd: 0,
    latest,
    peak,
    average,
    health: { status: health, behind, newest: '9.0.0' },
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
  const health: HealthOf = (v) => effectiveHealth(v.health, v.id === 'c1' ? { status: 'EolPast', target: '9.0.0' } : undefined);
  const ids = (sort: SortState) => sortVersions(model, versions, sort, health).map((v) => v.id);

  test('columns, headers and which are numeric', () => {
    assert.deepEqual(SUMMARY_COLUMNS.map(([key, label, numeric]) => `${key}:${label}:${numeric}`), [
      'sdk:SDK:false',
      'version:Version:false',
      'latest:Latest:true',
      'peak:Peak:true',
      'average:Average:true',
      'share:Share:true',
      'health:Health:false',
    ]);
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

  test('health: most urgent first when descending, LaunchDarkly\'s verdict ranked with the estimates', () => {
    // EolPast (c1) > majorBehind 2 (a2) > minorBehind (b1) > unknown (b2) > current (a1).
    assert.deepEqual(ids({ key: 'health', descending: true }), ['c1', 'a2', 'b1', 'b2', 'a1']);
    assert.deepEqual(ids({ key: 'health', descending: false }), ['a1', 'b2', 'b1', 'a2', 'c1']);
  });

  test('choosing a header: numeric columns start largest first, the same header flips', () => {
    assert.deepEqual(nextSort({ key: 'latest', descending: true }, 'peak'), { key: 'peak', descending: true });
    assert.deepEqual(nextSort({ key: 'latest', descending: true }, 'sdk'), { key: 'sdk', descending: false });
    assert.deepEqual(nextSort({ key: 'sdk', descending: false }, 'sdk'), { key: 'sdk', descending: true });
    assert.deepEqual(nextSort({ key: 'peak', descending: true }, 'peak'), { key: 'peak', descending: false });
  });
});
