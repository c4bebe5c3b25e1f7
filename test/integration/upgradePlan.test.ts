/**
 * LaunchDarkly's verdicts in a real extension host, against the local API: the upgrade plan and
 * where each version runs, the By environment tree, the fallback to estimates when sdk-versions
 * answers 404, and release notes that are not https refused. Expectations come from the API's own
 * answers, fetched by the test.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { upgradePlanOf } from '../../src/model/upgradePlan';
import type { ExtensionApi } from '../../src/extension';
import { markdownText } from '../../src/text';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { EOL_SEVERITY } from '../../src/model/verdict';
import { cataloguedAs, releaseKey } from '../support/catalogueOracle';
import { activateExtension, setSetting, waitForState } from './helpers';

type Entry = SdkVersionDetailsEntry;

const SEVERITY: Record<string, number> = EOL_SEVERITY;

suite('LaunchDarkly verdicts: upgrade plan, By environment, fallback', () => {
  let server: LdApiServer;
  let api: ExtensionApi;

  async function entries(): Promise<Entry[]> {
    const response = await fetch(`${server.url}/api/v2/usage/sdk-versions/all`, {
      headers: { Authorization: DEMO_TOKEN, 'LD-API-Version': 'beta' },
    });
    return (await response.json()) as Entry[];
  }

  /**
   * The API's entries for a stream version: those named as one of the names it was reported under
   * (exactly, else ignoring case), and, for a catalogued SDK, those the catalogue (as the tests'
   * oracle reads it) says are the same SDK and version.
   */
  function entriesFor(all: Entry[], v: { reportedSdks: readonly string[]; version: string; identity: { kind: string } }): Entry[] {
    const exact = all.filter((e) => v.reportedSdks.includes(e.name!) && e.version === v.version);
    const spelled = exact.length
      ? exact
      : all.filter(
          (e) =>
            v.reportedSdks.some((sdk) => e.name?.toLowerCase() === sdk.toLowerCase()) &&
            e.version?.toLowerCase() === v.version.toLowerCase(),
        );
    const id = cataloguedAs(v.reportedSdks[0]!, v.version)?.id;
    const same = all.filter(
      (e) => id !== undefined && cataloguedAs(e.name!, e.version!)?.id === id && e.version?.toLowerCase() === v.version.toLowerCase(),
    );
    return [...new Set([...spelled, ...same])];
  }

  /** A tooltip's text as read: Markdown escapes undone. */
  function tooltipText(item: vscode.TreeItem): string {
    return (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
  }

  function items(nodes: unknown[]): vscode.TreeItem[] {
    return nodes.map((node) => api.tree.getTreeItem(node) as vscode.TreeItem);
  }

  async function loadWithFreshToken(): Promise<void> {
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', DEMO_TOKEN), true);
    await waitForState(
      api,
      (s) => s.status === 'ready' && s.model !== undefined && (s.verdicts !== undefined || s.detailsError !== undefined),
    );
  }

  suiteSetup(async () => {
    server = await startLdApiServer();
    await setSetting('baseUrl', server.url);
    await setSetting('source', 'server');
    await setSetting('timeRange', '24h');
    api = await activateExtension();
    await loadWithFreshToken();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.groupBySdk');
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    for (const key of ['baseUrl', 'source', 'timeRange']) await setSetting(key, undefined);
    await server?.close();
  });

  test('the plan has one row per stream version LaunchDarkly calls past/near end of life or major-behind, with where it runs', async () => {
    const all = await entries();
    const model = api.store.state.model!;
    const expected = model.versions
      .map((v) => ({
        v,
        status: entriesFor(all, v).reduce((top, e) => ((SEVERITY[e.eolStatus ?? ''] ?? 0) > (SEVERITY[top] ?? 0) ? e.eolStatus! : top), ''),
      }))
      .filter(({ status }) => ['EolPast', 'EolNear', 'MajorVersionAvailable'].includes(status));
    assert.ok(expected.length > 2, 'the local API reports several versions to upgrade');
    const plan = upgradePlanOf(api.store.state)!;
    const streamRows = plan.filter((r) => r.versionId !== undefined && r.judgedBy === 'launchdarkly');
    assert.deepEqual(streamRows.map((r) => r.versionId).sort(), expected.map((e) => e.v.id).sort());
    // Stream versions LaunchDarkly gives no verdict on are there by their release dates, when those call for an upgrade.
    const byReleaseDates = model.versions.filter(
      (v) =>
        !entriesFor(all, v).some((e) => SEVERITY[e.eolStatus ?? ''] !== undefined && e.eolStatus !== 'EolUnknown') &&
        v.identity.kind === 'catalogued' &&
        ['releaseEolPast', 'releaseEolNear', 'releaseMajorVersionAvailable'].includes(releaseKey(v.identity.id, v.version, Date.now())),
    );
    assert.deepEqual(
      plan
        .filter((r) => r.judgedBy === 'releaseDates')
        .map((r) => r.versionId)
        .sort(),
      byReleaseDates.map((v) => v.id).sort(),
    );
    for (const { v, status } of expected) {
      const row = streamRows.find((r) => r.versionId === v.id)!;
      assert.equal(row.status, status, `${v.sdk} ${v.version}`);
      assert.equal(row.latest, v.latest);
      const environments = new Set(entriesFor(all, v).map((e) => e.environmentName));
      assert.deepEqual(new Set(row.placements.map((p) => p.environmentName)), environments, `where ${v.sdk} ${v.version} runs`);
    }
    assert.ok(
      plan.some((r) => r.versionId === undefined && r.kind === 'sdk'),
      'a version LaunchDarkly reports without a stream series has a row',
    );
    assert.ok(
      plan.some((r) => r.kind === 'relay'),
      'a Relay Proxy version that is not current has a row',
    );

    const markdown = await vscode.commands.executeCommand<string>('launchdarklyUsage.copyUpgradePlan');
    assert.equal(await vscode.env.clipboard.readText(), markdown);
    assert.equal(markdown.split('\n').filter((l) => l.startsWith('- [ ] ')).length >= plan.length, true);
    for (const project of new Set(plan.flatMap((r) => r.placements.map((p) => p.projectName!)))) {
      assert.ok(markdown.includes(`### ${markdownText(project)}`), `a heading for ${project}`);
    }
  });

  test('version tooltips say whose verdict the health is and where the version runs', async () => {
    const plan = upgradePlanOf(api.store.state)!;
    const row = plan.find((r) => r.versionId !== undefined && r.placements.length > 0 && r.judgedBy === 'launchdarkly')!;
    const sdkNode = (api.tree.getChildren() as unknown[]).find(
      (n) => String((api.tree.getTreeItem(n) as vscode.TreeItem).label) === row.sdk,
    )!;
    const versionNode = ((await api.tree.getChildren(sdkNode)) as unknown[]).find(
      (n) => (api.tree.getTreeItem(n) as vscode.TreeItem).id === row.versionId,
    )!;
    const tooltip = tooltipText(api.tree.getTreeItem(versionNode) as vscode.TreeItem);
    assert.match(tooltip, /\(LaunchDarkly\)/);
    assert.ok(row.target && tooltip.includes(row.target), 'the target version is shown');
    assert.match(tooltip, /Where it runs/);
  });

  test('By environment groups the tree project → environment → SDK version, and back', async () => {
    const all = await entries();
    await vscode.commands.executeCommand('launchdarklyUsage.groupByEnvironment');
    const roots = api.tree.getChildren() as unknown[];
    const labels = items(roots).map((i) => String(i.label));
    const projects = [...new Set(all.map((e) => e.projectName!))];
    for (const project of labels.filter((l) => !l.startsWith('Not in')))
      assert.ok(projects.includes(project), `${project} is a project the API reports`);
    const first = roots[0]!;
    const environments = (await api.tree.getChildren(first)) as unknown[];
    assert.ok(environments.length > 0);
    const envItem = api.tree.getTreeItem(environments[0]) as vscode.TreeItem;
    assert.equal(envItem.contextValue, 'environment');
    const placed = items((await api.tree.getChildren(environments[0])) as unknown[]);
    assert.ok(placed.length > 0);
    const projectName = String((api.tree.getTreeItem(first) as vscode.TreeItem).label);
    const reported = new Set(
      all
        .filter((e) => e.projectName === projectName && e.environmentName === String(envItem.label))
        // A stream version shows under its catalogue name, one without a series as the report names it.
        .flatMap((e) => [`${e.name} ${e.version}`, `${cataloguedAs(e.name!, e.version!)?.shown ?? e.name} ${e.version}`])
        .map((label) => label.toLowerCase()),
    );
    for (const item of placed)
      assert.ok(reported.has(String(item.label).toLowerCase()), `${String(item.label)} runs in ${projectName} / ${String(envItem.label)}`);
    await vscode.commands.executeCommand('launchdarklyUsage.groupBySdk');
    assert.ok(items(api.tree.getChildren() as unknown[]).every((i) => i.contextValue === 'sdk'));
  });

  test('a release-notes link that is not https is refused; an unknown row is refused', async () => {
    const all = await entries();
    const insecure = new Set(all.filter((e) => e.latestReleaseUrl?.startsWith('http:')).map((e) => e.latestReleaseUrl));
    assert.ok(insecure.size > 0, 'the local API serves a plain-http release notes link');
    const row = upgradePlanOf(api.store.state)!.find((r) => insecure.has(r.releaseUrl));
    assert.ok(row, 'a version with that link is in the plan');
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.openReleaseNotes', row.id), false);
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.openReleaseNotes', 'https://evil.example'), false);
  });

  test('when sdk-versions answers 404 the stream data stays, health falls back to release dates or the estimate and says why', async () => {
    server.addFault({ fault: { kind: 'status', status: 404 }, path: 'sdk-versions' });
    try {
      await loadWithFreshToken();
      const state = api.store.state;
      assert.equal(state.status, 'ready');
      assert.equal(state.error, undefined);
      assert.equal(state.detailsError?.status, 404);
      const plan = upgradePlanOf(api.store.state) ?? [];
      assert.ok(
        plan.every((r) => r.judgedBy === 'releaseDates'),
        'only release-date verdicts are left to plan with',
      );
      for (const sdkNode of api.tree.getChildren() as unknown[]) {
        const sdk = api.store.state.model!.sdks.find((s) => s.id === (api.tree.getTreeItem(sdkNode) as vscode.TreeItem).id)!;
        const versionItem = items((await api.tree.getChildren(sdkNode)) as unknown[])[0]!;
        assert.match(
          tooltipText(versionItem),
          sdk.identity.kind === 'catalogued' ? /\(estimate from LaunchDarkly's release dates as of \d{4}-\d\d-\d\d\)/ : /\(estimate\)/,
        );
        assert.doesNotMatch(tooltipText(versionItem), /\(LaunchDarkly\)/);
      }
      await vscode.commands.executeCommand('launchdarklyUsage.groupByEnvironment');
      const first = items(api.tree.getChildren() as unknown[])[0]!;
      assert.match(String(first.label), /Environments unavailable/);
      await vscode.commands.executeCommand('launchdarklyUsage.groupBySdk');
    } finally {
      server.clearFaults();
    }
  });
});
