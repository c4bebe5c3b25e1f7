/**
 * The SDK catalogue in a real extension host, against the local API's messy data set (SDKs under
 * User-Agent tokens and other spellings, a report that names them by display name and id, one SDK
 * the report leaves out): display names in the tree with the reported spellings in the tooltips,
 * LaunchDarkly's verdicts joined across spellings, and release-date verdicts where LaunchDarkly
 * gives none. Expectations come from the API's own answers, read with the tests' own reading of the
 * catalogue (test/support/catalogueOracle.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { upgradePlanOf } from '../../src/model/upgradePlan';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { catalogueData } from '../support/catalogue';
import { cataloguedAs } from '../support/catalogueOracle';
import { expectedUsage, type ExpectedUsage, type ExpectedVersion } from '../support/expectedUsage';
import { activateExtension, setSetting, waitForState } from './helpers';

suite('The SDK catalogue: display names, verdicts across spellings, release dates', () => {
  let server: LdApiServer;
  let api: ExtensionApi;

  async function fetchApi(route: string): Promise<string> {
    const response = await fetch(`${server.url}${route}`, { headers: { Authorization: DEMO_TOKEN, 'LD-API-Version': 'beta' } });
    assert.equal(response.status, 200, route);
    return response.text();
  }

  /** What the tree should show for the loaded server-side data, names read with the catalogue. */
  async function expected(): Promise<ExpectedUsage> {
    const loaded = api.store.state.loaded!;
    const body = await fetchApi(
      `/api/v2/usage/streams/server/bysdkversion?from=${Math.floor(loaded.from)}&to=${Math.floor(loaded.to)}&tz=${encodeURIComponent(loaded.timeZone)}`,
    );
    return expectedUsage([{ source: 'server', body, sdkVersions: await fetchApi('/api/v2/usage/streams/server/sdkversions') }], {
      catalogue: true,
    });
  }

  async function report(): Promise<SdkVersionDetailsEntry[]> {
    return JSON.parse(await fetchApi('/api/v2/usage/sdk-versions/all')) as SdkVersionDetailsEntry[];
  }

  /** LaunchDarkly's statuses for a stream version, joined as issue 21 says: spelled alike, or the same catalogued SDK and version. */
  function statusesFor(all: SdkVersionDetailsEntry[], v: ExpectedVersion): string[] {
    return all
      .filter(
        (e) =>
          e.version?.toLowerCase() === v.version.toLowerCase() &&
          (v.reportedSdks.some((name) => name.toLowerCase() === e.name?.toLowerCase()) ||
            (v.catalogueId !== undefined && cataloguedAs(e.name!, e.version)?.id === v.catalogueId)),
      )
      .map((e) => e.eolStatus ?? 'EolUnknown')
      .filter((status) => status !== 'EolUnknown');
  }

  /** A tooltip's text as read: Markdown escapes undone. */
  function tooltipText(item: vscode.TreeItem): string {
    return (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
  }

  /** The tree's SDK rows and their version rows, by label. */
  async function treeRows(): Promise<{ sdk: vscode.TreeItem; versions: vscode.TreeItem[] }[]> {
    const rows = [];
    for (const node of api.tree.getChildren() as unknown[]) {
      const versions = ((await api.tree.getChildren(node)) as unknown[]).map((n) => api.tree.getTreeItem(n) as vscode.TreeItem);
      rows.push({ sdk: api.tree.getTreeItem(node) as vscode.TreeItem, versions });
    }
    return rows;
  }

  suiteSetup(async () => {
    server = await startLdApiServer({ dataset: 'messy' });
    await setSetting('baseUrl', server.url);
    await setSetting('source', 'server');
    await setSetting('timeRange', '24h');
    api = await activateExtension();
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', DEMO_TOKEN), true);
    await waitForState(api, (s) => s.status === 'ready' && s.model !== undefined && s.verdicts !== undefined);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    for (const key of ['baseUrl', 'source', 'timeRange']) await setSetting(key, undefined);
    await server?.close();
  });

  test('one SDK row per SDK under its display name; the spellings it was reported under are in the tooltips', async () => {
    const want = await expected();
    const rows = await treeRows();
    assert.deepEqual(rows.map((r) => String(r.sdk.label)).sort(), want.sdks.map((s) => s.sdk).sort());
    const spelledTwice = want.sdks.filter((s) => s.catalogueId !== undefined && s.reportedSdks.length > 1);
    assert.ok(spelledTwice.length > 0, 'the data reports an SDK under two spellings');
    for (const sdk of spelledTwice) {
      const row = rows.find((r) => String(r.sdk.label) === sdk.sdk)!;
      assert.equal(sdk.sdk, catalogueData.sdks[sdk.catalogueId!]!.name, 'the display name');
      for (const spelling of sdk.reportedSdks) assert.ok(tooltipText(row.sdk).includes(spelling), `${sdk.sdk}'s tooltip names ${spelling}`);
      for (const version of sdk.versions.filter((v) => v.reportedSdks.length > 1)) {
        const item = row.versions.find((v) => String(v.label) === version.version)!;
        assert.ok(
          version.reportedSdks.every((spelling) => tooltipText(item).includes(spelling)),
          `${sdk.sdk} ${version.version} lists its spellings`,
        );
        const fmt = (n: number) => n.toLocaleString(vscode.env.language);
        assert.equal(item.description, `latest ${fmt(version.latest)} · peak ${fmt(version.peak)}`, 'its numbers are the sum');
      }
    }
    assert.ok(
      want.sdks.some((s) => s.catalogueId === undefined && rows.some((r) => String(r.sdk.label) === s.sdk)),
      'names the catalogue does not know stay as reported',
    );
  });

  test("LaunchDarkly's verdicts, reported under display names and ids, join the versions reported under User-Agent tokens", async () => {
    const want = await expected();
    const all = await report();
    const rows = await treeRows();
    let joinedAcross = 0;
    for (const v of want.versions) {
      const statuses = statusesFor(all, v);
      const item = rows.find((r) => String(r.sdk.label) === v.sdk)!.versions.find((i) => String(i.label) === v.version)!;
      const spelledAlike = all.some((e) => v.reportedSdks.some((name) => name.toLowerCase() === e.name?.toLowerCase()));
      // The health line says whose verdict it is (where the version runs may come from LaunchDarkly either way).
      const health = /^Health: .*$/m.exec(tooltipText(item))?.[0] ?? '';
      if (statuses.length > 0) {
        assert.match(health, /\(LaunchDarkly\)\s*$/, `${v.sdk} ${v.version}`);
        if (!spelledAlike) joinedAcross++;
      } else {
        assert.doesNotMatch(health, /\(LaunchDarkly\)\s*$/, `${v.sdk} ${v.version}`);
      }
    }
    assert.ok(joinedAcross > 0, 'some verdicts join only through the catalogue');
  });

  test('where LaunchDarkly gives no verdict, a catalogued SDK is judged by its release dates, with their date; others by the newest seen', async () => {
    const want = await expected();
    const all = await report();
    const rows = await treeRows();
    const dataDate = catalogueData.source.date;
    let byReleaseDates = 0;
    for (const v of want.versions.filter((w) => statusesFor(all, w).length === 0)) {
      const item = rows.find((r) => String(r.sdk.label) === v.sdk)!.versions.find((i) => String(i.label) === v.version)!;
      if (v.catalogueId !== undefined) {
        assert.ok(tooltipText(item).includes(`(estimate from LaunchDarkly's release dates as of ${dataDate})`), `${v.sdk} ${v.version}`);
        byReleaseDates++;
      } else {
        assert.match(tooltipText(item), /\(estimate\)/, `${v.sdk} ${v.version}`);
      }
    }
    assert.ok(byReleaseDates > 0, 'the data has catalogued versions LaunchDarkly gives no verdict on');
    const plan = upgradePlanOf(api.store.state)!;
    const releaseRows = plan.filter((r) => r.judgedBy === 'releaseDates');
    const planned = want.versions.filter(
      (v) =>
        statusesFor(all, v).length === 0 &&
        ['releaseEolPast', 'releaseEolNear', 'releaseMajorVersionAvailable'].includes(v.releaseHealth ?? ''),
    );
    assert.deepEqual(releaseRows.map((r) => `${r.sdk} ${r.version}`).sort(), planned.map((v) => `${v.sdk} ${v.version}`).sort());
    assert.ok(releaseRows.every((r) => r.dataDate === dataDate && r.releaseUrl?.startsWith('https://github.com/launchdarkly/')));
  });

  test("the filter from a row merged from several spellings asks for each and shows the row's versions as unfiltered", async () => {
    const model = api.store.state.model!;
    const nodes = api.tree.getChildren() as unknown[];
    const node = nodes.find(
      (n) => model.sdks.find((s) => s.id === (api.tree.getTreeItem(n) as vscode.TreeItem).id)!.reportedSdks.length > 1,
    );
    assert.ok(node, 'the data has an SDK row merged from several spellings');
    const sdk = model.sdks.find((s) => s.id === (api.tree.getTreeItem(node) as vscode.TreeItem).id)!;
    const numbers = (versions: readonly { id: string; latest: number; peak: number }[]) => versions.map((v) => [v.id, v.latest, v.peak]);
    server.resetRequests();
    try {
      await vscode.commands.executeCommand('launchdarklyUsage.filter', node);
      const asked = server.requests.filter((r) => r.path.endsWith('/bysdkversion')).map((r) => r.query.sdk);
      assert.deepEqual(asked.sort(), [...sdk.reportedSdks].sort(), 'one request per spelling');
      const filtered = api.store.state.model!;
      assert.deepEqual(
        filtered.sdks.map((s) => s.id),
        [sdk.id],
      );
      assert.deepEqual(numbers(filtered.versions), numbers(sdk.versions));
      assert.deepEqual(
        (api.tree.getChildren() as unknown[]).map((n) => String((api.tree.getTreeItem(n) as vscode.TreeItem).label)),
        [sdk.sdk],
      );
    } finally {
      await vscode.commands.executeCommand('launchdarklyUsage.clearFilter');
    }
    assert.deepEqual(api.store.state.query.filter, {});
  });
});
