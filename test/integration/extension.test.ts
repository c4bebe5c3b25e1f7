/**
 * The extension inside a real VS Code extension host, against the local LaunchDarkly-compatible API
 * serving its messy data set (the shapes real accounts send).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { rangeLabel } from '../../src/presentation/queryWords';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import { expectedUsage, type ExpectedUsage, type ExpectedVersion } from '../support/expectedUsage';
import { activateExtension, setSetting, waitForState, waitUntil } from './helpers';

const WRONG_TOKEN = 'api-00000000-0000-4000-8000-000000000bad';

interface ApiBody {
  metadata: { sdk?: unknown; version?: unknown }[];
  series: Record<string, number>[];
}

suite('SDK Usage extension in a real extension host', () => {
  let server: LdApiServer;
  let api: ExtensionApi;
  let scratch: string;

  const bySdkVersionRequests = (source?: string) =>
    server.requests.filter((r) => r.path.endsWith('/bysdkversion') && (!source || r.path.includes(`/streams/${source}/`))).length;

  async function fetchApi(path: string): Promise<string> {
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: DEMO_TOKEN, 'LD-API-Version': 'beta' } });
    return response.text();
  }

  /** The API's own answer for the range the extension loaded, fetched directly. */
  async function apiAnswer(source: string): Promise<ApiBody> {
    const loaded = api.store.state.loaded!;
    return JSON.parse(
      await fetchApi(
        `/api/v2/usage/streams/${source}/bysdkversion?from=${Math.floor(loaded.from)}&to=${Math.floor(loaded.to)}&tz=${encodeURIComponent(loaded.timeZone)}`,
      ),
    ) as ApiBody;
  }

  /** What the views should show for the source the extension loaded, from the API's raw answers, names read with the SDK catalogue. */
  async function expected(source: 'server' | 'client'): Promise<ExpectedUsage> {
    return expectedUsage(
      [{ source, body: await apiAnswer(source), sdkVersions: await fetchApi(`/api/v2/usage/streams/${source}/sdkversions`) }],
      { catalogue: true },
    );
  }

  /** The SDK rows the tree should list for a source: one per SDK, under the catalogue's name where it knows it. */
  async function sdkNamesOf(source: 'server' | 'client'): Promise<string[]> {
    return (await expected(source)).sdks.map((s) => s.sdk).sort();
  }

  function rootItems(): vscode.TreeItem[] {
    const roots = (api.tree.getChildren() ?? []) as unknown[];
    return roots.map((node) => api.tree.getTreeItem(node) as vscode.TreeItem);
  }

  suiteSetup(async () => {
    server = await startLdApiServer({ dataset: 'messy' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-usage-it-'));
    await setSetting('baseUrl', server.url);
    await setSetting('source', 'server');
    await setSetting('timeRange', '24h');
    api = await activateExtension();
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['baseUrl', 'source', 'timeRange', 'timeZone', 'autoRefreshMinutes']) await setSetting(key, undefined);
    await server?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('activation registers every command the manifest contributes', async () => {
    const manifest = vscode.extensions.getExtension('ld-sdk-usage.launchdarkly-sdk-usage')!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 10);
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  test('a token the API rejects is not stored', async () => {
    const saved = await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', WRONG_TOKEN);
    assert.equal(saved, false);
    assert.equal(api.hasToken(), false);
    assert.deepEqual(rootItems(), [], 'the tree stays empty so the welcome view shows');
  });

  test("the demo token is checked, stored in SecretStorage and fills the tree with the API's SDKs", async () => {
    server.resetRequests();
    const saved = await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', DEMO_TOKEN);
    assert.equal(saved, true);
    assert.equal(api.hasToken(), true);
    assert.ok(
      server.requests.some((r) => r.path === '/api/v2/caller-identity'),
      'the token was checked first',
    );
    await waitForState(api, (s) => s.status === 'ready' && s.model !== undefined);
    const labels = rootItems()
      .map((item) => String(item.label))
      .sort();
    assert.deepEqual(labels, await sdkNamesOf('server'));
  });

  test('SDK and version nodes show the connections the API served', async () => {
    const want = await expected('server');
    const fmt = (n: number) => n.toLocaleString(vscode.env.language);
    let checked = 0;
    for (const sdkNode of (api.tree.getChildren() ?? []) as unknown[]) {
      const sdkItem = api.tree.getTreeItem(sdkNode) as vscode.TreeItem;
      const sdk = want.sdks.find((s) => s.sdk === String(sdkItem.label));
      assert.ok(sdk, `SDK row ${String(sdkItem.label)} is an SDK the API served`);
      const count = sdk.versions.length;
      assert.equal(sdkItem.description, `${fmt(sdk.latest)} connections · ${count} version${count === 1 ? '' : 's'}`, sdk.sdk);
      for (const versionNode of ((await api.tree.getChildren(sdkNode)) ?? []) as unknown[]) {
        const item = api.tree.getTreeItem(versionNode) as vscode.TreeItem;
        const version: ExpectedVersion | undefined = sdk.versions.find((v) => v.version === String(item.label));
        assert.ok(version, `${sdk.sdk} ${String(item.label)} is a version the API served`);
        assert.equal(item.description, `latest ${fmt(version.latest)} · peak ${fmt(version.peak)}`, `${sdk.sdk} ${version.version}`);
        checked++;
      }
    }
    assert.equal(
      checked,
      want.versions.length,
      'one row per version the API served (a pair sent twice, or under two spellings of one SDK, is one row)',
    );
    assert.ok(want.versions.some((v) => v.latest !== v.peak));
  });

  test('two refreshes at once make one request', async () => {
    server.resetRequests();
    await Promise.all([
      vscode.commands.executeCommand('launchdarklyUsage.refresh'),
      vscode.commands.executeCommand('launchdarklyUsage.refresh'),
    ]);
    assert.equal(bySdkVersionRequests(), 1);
    assert.equal(api.store.state.status, 'ready');
  });

  test('a failed refresh keeps the last good data, marked stale, and the next refresh recovers', async () => {
    const before = api.store.state.model;
    server.addFault({ fault: { kind: 'status', status: 503 }, times: 1 });
    await vscode.commands.executeCommand('launchdarklyUsage.refresh');
    let state = api.store.state;
    assert.equal(state.status, 'error');
    assert.equal(state.error?.kind, 'server');
    assert.equal(state.model, before, 'the last good model stays');
    assert.equal(state.stale, true);
    // The tree's first node: what happened (the error), then what to do.
    assert.equal(
      String(rootItems()[0]?.label),
      `${state.error?.message} This is usually temporary: refresh in a minute.`,
      'the tree shows the error as its first node',
    );
    await vscode.commands.executeCommand('launchdarklyUsage.refresh');
    state = api.store.state;
    assert.equal(state.status, 'ready');
    assert.equal(state.stale, false);
  });

  const allTabInputs = () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .map((tab) => [tab.label, (tab.input as { viewType?: string } | undefined)?.viewType]);
  /** The chart panel's editor tabs, as the workbench lists them. */
  const chartTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('launchdarklyUsage.chart'));

  test('the chart panel opens once, its webview says ready, and a refresh it asks for reloads', async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.showChart');
    // The workbench tells the extension host of new tabs a moment later.
    await waitUntil(() => chartTabs().length === 1, `the chart's tab is listed (tabs: ${JSON.stringify(allTabInputs())})`);
    const webview = api.chartWebview();
    assert.ok(webview, 'the panel has a webview');
    await Promise.race([
      webview.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error('webview never said ready')), 20_000)),
    ]);
    server.resetRequests();
    webview.receive({ type: 'refresh' });
    await waitUntil(() => bySdkVersionRequests() === 1 && api.store.state.status === 'ready', 'the refresh finished');
    // The command reveals the same panel instead of opening a second one.
    await vscode.commands.executeCommand('launchdarklyUsage.showChart');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(chartTabs().length, 1, JSON.stringify(allTabInputs()));
  });

  test('the host ignores malformed messages from the webview', async () => {
    const webview = api.chartWebview()!;
    const query = api.store.state.query;
    server.resetRequests();
    for (const message of [
      null,
      'refresh',
      { type: 'refresh', extra: 1 },
      { type: 'setSource', source: 'everything' },
      { type: 'runAction', action: 'rm -rf' },
      { type: 'nope' },
    ]) {
      webview.receive(message);
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.requests.length, 0);
    assert.deepEqual(api.store.state.query, query);
  });

  test('changing the source setting reloads tree and chart with client-side SDKs', async () => {
    server.resetRequests();
    await setSetting('source', 'client');
    const state = await waitForState(api, (s) => s.status === 'ready' && s.loaded?.source === 'client');
    assert.deepEqual(state.model?.sources, ['client']);
    assert.equal(bySdkVersionRequests('client'), 1);
    assert.deepEqual(
      rootItems()
        .map((i) => String(i.label))
        .sort(),
      await sdkNamesOf('client'),
    );
  });

  test("changing the time range setting reloads with the API's granularity", async () => {
    await setSetting('timeRange', '7d');
    const state = await waitForState(api, (s) => s.status === 'ready' && s.loaded?.granularity === 'daily');
    assert.equal(state.loaded && rangeLabel(state.loaded), 'Last 7 days');
    await setSetting('timeRange', '2h');
    const minutely = await waitForState(api, (s) => s.status === 'ready' && s.loaded?.granularity === 'minutely');
    assert.ok(minutely.model!.times.length > 60);
  });

  test('a source chosen by command is saved in settings and loaded before the command returns', async () => {
    const config = () => vscode.workspace.getConfiguration('launchdarklyUsage');
    const before = config().get('source');
    assert.equal(before, 'client');
    server.resetRequests();
    try {
      await vscode.commands.executeCommand('launchdarklyUsage.chooseSource', 'server');
      assert.equal(config().get('source'), 'server');
      assert.deepEqual([api.store.state.status, api.store.state.loaded?.source], ['ready', 'server']);
      assert.equal(bySdkVersionRequests('server'), 1);
    } finally {
      // The command saves where a person's choice goes: the workspace when one is open, else user settings.
      if (vscode.workspace.workspaceFolders?.length) await config().update('source', undefined, vscode.ConfigurationTarget.Workspace);
      await setSetting('source', 'client');
    }
    await waitForState(api, (s) => s.status === 'ready' && s.loaded?.source === 'client');
  });

  test('filtering by a version asks the API for it and shows only that version', async () => {
    const version = api.store.state.model!.versions[0]!;
    // The API filters by a name as it reports it, not by the catalogue's display name.
    const reported = version.reportedSdks[0]!;
    server.resetRequests();
    await vscode.commands.executeCommand('launchdarklyUsage.filter', { sdk: reported, version: version.version });
    const state = api.store.state;
    assert.deepEqual(
      state.model?.versions.map((v) => v.id),
      [version.id],
    );
    const request = server.requests.find((r) => r.path.endsWith('/bysdkversion'))!;
    assert.equal(request.query.sdk, reported);
    assert.equal(request.query.version, version.version);
    await vscode.commands.executeCommand('launchdarklyUsage.clearFilter');
    assert.ok(api.store.state.model!.versions.length > 1);
  });

  test("the filter from a tree row's menu asks the API for that row's SDK, or SDK and version", async () => {
    const sdkNode = (api.tree.getChildren() as unknown[])[0]!;
    const sdk = api.store.state.model!.sdks.find((s) => s.id === (api.tree.getTreeItem(sdkNode) as vscode.TreeItem).id)!;
    const versionNode = ((await api.tree.getChildren(sdkNode)) as unknown[])[0]!;
    const version = api.store.state.model!.versions.find((v) => v.id === (api.tree.getTreeItem(versionNode) as vscode.TreeItem).id)!;
    // The SDK and version each request asked for, since the last call.
    const asked = () => {
      const requests = server.requests.filter((r) => r.path.endsWith('/bysdkversion')).map((r) => [r.query.sdk, r.query.version]);
      server.resetRequests();
      return requests.sort();
    };
    server.resetRequests();
    await vscode.commands.executeCommand('launchdarklyUsage.filter', sdkNode);
    // One request per name the row was reported under.
    assert.deepEqual(
      asked(),
      [...sdk.reportedSdks].sort().map((name) => [name, undefined]),
    );
    assert.deepEqual(api.store.state.query.filter, {
      sdk: sdk.reportedSdks[0],
      ...(sdk.reportedSdks.length > 1 && { otherSpellings: sdk.reportedSdks.slice(1) }),
    });
    await vscode.commands.executeCommand('launchdarklyUsage.filter', versionNode);
    assert.deepEqual(
      asked(),
      [...version.reportedSdks].sort().map((name) => [name, version.version]),
    );
    assert.deepEqual(
      api.store.state.model?.versions.map((v) => v.id),
      [version.id],
    );
    await vscode.commands.executeCommand('launchdarklyUsage.clearFilter');
    assert.deepEqual(api.store.state.query.filter, {});
  });

  test('export writes every version and bucket as CSV', async () => {
    const target = vscode.Uri.file(path.join(scratch, 'usage.csv'));
    await vscode.commands.executeCommand('launchdarklyUsage.exportData', 'csv', target);
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split(/\r\n/);
    const model = api.store.state.model!;
    assert.equal(
      lines[0],
      'time_iso,time_ms,source,sdk,version,connections,health,health_source,status,target_version,projects,environments,applications,connection,reported_sdk,release_data_date',
    );
    assert.equal(lines.length - 1, model.versions.length * model.times.length);
    assert.ok(!fs.readFileSync(target.fsPath, 'utf8').includes(DEMO_TOKEN));
  });

  test('both sources at once: one request per source per refresh, the tree grouped by source', async () => {
    server.resetRequests();
    await setSetting('source', 'both');
    const state = await waitForState(api, (s) => s.status === 'ready' && s.loaded?.source === 'both');
    assert.deepEqual(state.model?.sources, ['server', 'client']);
    assert.deepEqual(
      rootItems().map((i) => String(i.label)),
      ['Server-side SDKs', 'Client-side SDKs'],
    );
    server.resetRequests();
    await vscode.commands.executeCommand('launchdarklyUsage.refresh');
    assert.equal(bySdkVersionRequests('server'), 1);
    assert.equal(bySdkVersionRequests('client'), 1);
    assert.equal(server.requests.filter((r) => r.path.endsWith('/sdkversions')).length, 0, 'versions seen lately are not fetched again');
  });

  test('daily buckets and the request follow the chosen time zone', async () => {
    server.resetRequests();
    await setSetting('timeZone', 'America/New_York');
    await setSetting('timeRange', '7d');
    const state = await waitForState(
      api,
      (s) => s.status === 'ready' && s.loaded?.timeZone === 'America/New_York' && s.loaded.granularity === 'daily',
    );
    const localTime = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    assert.ok(state.model!.times.length >= 7);
    for (const time of state.model!.times) assert.equal(localTime.format(time), '00:00', new Date(time).toISOString());
    assert.ok(server.requests.filter((r) => r.path.endsWith('/bysdkversion')).every((r) => r.query.tz === 'America/New_York'));
    await setSetting('timeZone', undefined);
  });

  test('auto-refresh runs while the chart is visible and pauses when nothing is', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('launchdarklyUsage.showChart');
    server.resetRequests();
    await setSetting('autoRefreshMinutes', 0.25);
    await waitUntil(() => bySdkVersionRequests() >= 1, 'an automatic refresh', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil(() => api.store.state.status !== 'loading', 'the refresh finished');
    server.resetRequests();
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    assert.equal(bySdkVersionRequests(), 0, 'no refresh while the tree and chart are hidden');
    await setSetting('autoRefreshMinutes', undefined);
  });

  test('clearing the token empties the tree and forgets the data', async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    assert.equal(api.hasToken(), false);
    assert.equal(api.store.state.model, undefined);
    assert.deepEqual(rootItems(), []);
  });
});
