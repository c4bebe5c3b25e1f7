/**
 * The workspace's LaunchDarkly SDK dependencies in a real extension host, against the local API's
 * `workspace` data set: the scan (none under node_modules or in a folder files.exclude hides; an
 * unreadable file is a row and a log line, never a diagnostic), the join to the API's own numbers
 * and verdicts, diagnostics for files never opened, the hover, the quick fix, a changed lockfile
 * read again, the diagnostics setting, and the upgrade plan narrowed to the workspace's SDKs.
 * Expectations come from the API's answers, fetched by the test.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { DependencyViews } from '../../src/dependencyViews/index';
import type { DependencyNode } from '../../src/dependencyViews/dependencyTree';
import { EOL_SEVERITY } from '../../src/model/verdict';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { activateExtension, setSetting, waitForState, waitUntil } from './helpers';

/** The names the workspace data set gives the Node.js server SDK (test/server/workspaceData.ts). */
const NODE_NAMES = ['NodeJSClient', 'Node.js Server SDK'];
const SEVERITY: Record<string, number> = EOL_SEVERITY;

suite('This workspace: the SDK dependencies joined to usage', () => {
  let server: LdApiServer;
  let api: ExtensionApi;
  let views: DependencyViews;
  const root = () => vscode.workspace.workspaceFolders![0]!.uri;
  const file = (path: string) => vscode.Uri.joinPath(root(), path);
  const write = (path: string, text: string) => vscode.workspace.fs.writeFile(file(path), new TextEncoder().encode(text));
  const lockfile = (version: string) =>
    JSON.stringify(
      {
        name: 'api',
        lockfileVersion: 3,
        packages: {
          '': { name: 'api', dependencies: { 'launchdarkly-node-server-sdk': '^7.0.0' } },
          'node_modules/launchdarkly-node-server-sdk': { version },
        },
      },
      null,
      2,
    );

  const linked = (path: string) => views.linked().filter((l) => l.uri.toString() === file(path).toString());

  async function get<T>(route: string): Promise<T> {
    const response = await fetch(`${server.url}${route}`, { headers: { Authorization: DEMO_TOKEN, 'LD-API-Version': 'beta' } });
    return (await response.json()) as T;
  }

  /** LaunchDarkly's most severe status for a version of the Node.js SDK, as the API reports it (names matched ignoring case). */
  async function reportedStatus(version: string): Promise<string | undefined> {
    const all = await get<SdkVersionDetailsEntry[]>('/api/v2/usage/sdk-versions/all');
    const names = NODE_NAMES.map((n) => n.toLowerCase());
    return all
      .filter((e) => names.includes(e.name?.toLowerCase() ?? '') && e.version === version && e.eolStatus !== 'EolUnknown')
      .reduce<string | undefined>(
        (top, e) => (top === undefined || SEVERITY[e.eolStatus!]! > SEVERITY[top]! ? e.eolStatus : top),
        undefined,
      );
  }

  suiteSetup(async () => {
    server = await startLdApiServer({ dataset: 'workspace' });
    await setSetting('baseUrl', server.url);
    await setSetting('source', 'server');
    await setSetting('timeRange', '24h');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/it-hidden': true }, vscode.ConfigurationTarget.Global);
    api = await activateExtension();
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    assert.equal(await vscode.commands.executeCommand<boolean>('launchdarklyUsage.setToken', DEMO_TOKEN), true);
    await waitForState(
      api,
      (s) => s.status === 'ready' && s.model !== undefined && (s.verdicts !== undefined || s.detailsError !== undefined),
    );

    await write(
      'it-services/api/package.json',
      JSON.stringify({ name: 'api', dependencies: { express: '^4.0.0', 'launchdarkly-node-server-sdk': '^7.0.0' } }, null, 2),
    );
    await write('it-services/api/package-lock.json', lockfile('7.0.4'));
    await write(
      'it-services/web/package.json',
      JSON.stringify({ name: 'web', dependencies: { '@launchdarkly/node-server-sdk': '^9.0.0' } }, null, 2),
    );
    await write('it-services/jobs/requirements.txt', 'requests==2.32.0\nlaunchdarkly-server-sdk==9.16.0\n');
    await write(
      'it-services/api/node_modules/old-lib/package.json',
      JSON.stringify({ name: 'old-lib', dependencies: { 'ldclient-node': '5.0.0' } }),
    );
    await write('it-services/broken/package.json', '{ "dependencies": { "launchdarkly-node-server-sdk": ');
    await write('it-hidden/package.json', JSON.stringify({ dependencies: { 'launchdarkly-node-server-sdk': '6.0.0' } }));
    views = await api.dependencies.start();
    await views.rescan();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.showWholePlan');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const folder of ['it-services', 'it-hidden']) await vscode.workspace.fs.delete(file(folder), { recursive: true, useTrash: false });
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('launchdarklyUsage.clearToken');
    for (const key of ['baseUrl', 'source', 'timeRange', 'workspace.diagnostics', 'workspace.codeLens']) await setSetting(key, undefined);
    await server?.close();
  });

  test('finds the dependencies of manifests and lockfiles, none under node_modules or in an excluded folder', () => {
    const files = views
      .linked()
      .map((l) => vscode.workspace.asRelativePath(l.uri))
      .sort();
    assert.deepEqual(files, ['it-services/api/package.json', 'it-services/jobs/requirements.txt', 'it-services/web/package.json']);
    const api = linked('it-services/api/package.json')[0]!.usage.dependency;
    assert.deepEqual(api.version, { text: '7.0.4', kind: 'exact', from: 'lockfile' });
  });

  test("a locked version joins its series: the API's latest connections and LaunchDarkly's verdict", async () => {
    const usage = linked('it-services/api/package.json')[0]!.usage;
    const loaded = api.store.state.loaded!;
    const body = await get<{ metadata: { sdk: string; version: string }[]; series: Record<string, number>[] }>(
      `/api/v2/usage/streams/server/bysdkversion?from=${Math.floor(loaded.from)}&to=${Math.floor(loaded.to)}&tz=${encodeURIComponent(loaded.timeZone)}`,
    );
    const keys = body.metadata.flatMap((m, i) => (NODE_NAMES.includes(m.sdk) && m.version === '7.0.4' ? [String(i)] : []));
    assert.ok(keys.length > 0, 'the data set serves the version');
    const latest = keys.reduce((sum, key) => sum + (body.series.at(-1)?.[key] ?? 0), 0);
    assert.equal(usage.connections.kind, 'connections');
    assert.equal(usage.connections.kind === 'connections' && usage.connections.latest, latest);
    const status = await reportedStatus('7.0.4');
    if (status)
      assert.deepEqual([usage.verdict.kind, usage.verdict.kind !== 'notJudged' && usage.verdict.status], ['launchdarkly', status]);
    else assert.equal(usage.verdict.kind, 'releaseDates', 'no LaunchDarkly verdict: the release dates judge');
  });

  test('a range without a lockfile says which versions it admits', () => {
    const usage = linked('it-services/web/package.json')[0]!.usage;
    assert.deepEqual(usage.range?.reported, ['9.13.0', '9.7.1']);
    assert.ok((usage.range?.releaseLines.length ?? 0) > 1);
  });

  test('diagnostics for files never opened: a warning past end of life, none for current versions or unreadable files', async () => {
    const opened = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    assert.ok(!opened.has(file('it-services/api/package.json').toString()), 'the manifest was never opened');
    const usage = linked('it-services/api/package.json')[0]!;
    // 7.0 is two majors behind 9 (LaunchDarkly) and its release line ended in 2024 (release dates): past end of life either way.
    assert.equal(usage.usage.verdict.kind !== 'notJudged' && usage.usage.verdict.status, 'EolPast');
    const diagnostics = vscode.languages.getDiagnostics(file('it-services/api/package.json'));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0]!.range.start.line, usage.range.start.line);
    assert.match(diagnostics[0]!.message, /Past end of life/);
    assert.equal(diagnostics[0]!.source, 'LaunchDarkly Usage');
    const current = linked('it-services/jobs/requirements.txt')[0]!.usage.verdict;
    assert.equal(current.kind !== 'notJudged' && current.status, 'EolAllClear');
    assert.deepEqual(vscode.languages.getDiagnostics(file('it-services/jobs/requirements.txt')), []);
    assert.deepEqual(vscode.languages.getDiagnostics(file('it-services/broken/package.json')), []);
    assert.deepEqual(vscode.languages.getDiagnostics(file('it-services/api/node_modules/old-lib/package.json')), []);
  });

  test('the view lists each dependency by file and line under its SDK, and the file that could not be read', () => {
    const roots = views.tree.getChildren() as DependencyNode[];
    const items = roots.map((node) => views.tree.getTreeItem(node) as vscode.TreeItem);
    assert.ok(items.some((i) => i.label === '1 file could not be read'));
    const node = roots.find((n) => n.kind === 'sdk' && n.sdkId === 'node-server')!;
    const rows = (views.tree.getChildren(node) as DependencyNode[]).map((n) => views.tree.getTreeItem(n) as vscode.TreeItem);
    assert.deepEqual(rows.map((r) => String(r.label).replace(/:\d+$/, '')).sort(), [
      'it-services/api/package.json',
      'it-services/web/package.json',
    ]);
    const apiRow = rows.find((r) => String(r.label).startsWith('it-services/api/'))!;
    assert.match(String(apiRow.description), /7\.0\.4 \(lockfile\) · latest \d/);
    assert.equal(apiRow.command?.command, 'vscode.open');
  });

  test('the hover on the dependency line: connections, verdict and its source, and only its own command links', async () => {
    const usage = linked('it-services/api/package.json')[0]!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', usage.uri, usage.range.start);
    const ours = hovers
      .flatMap((h) => h.contents)
      .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && /Connections/.test(c.value));
    assert.equal(ours.length, 1);
    const text = ours[0]!.value.replace(/\\(.)/g, '$1');
    assert.match(text, /Connections: latest [\d,]+ · peak [\d,]+/);
    assert.match(text, /Verdict: .*\((LaunchDarkly|release dates of \d{4}-\d{2}-\d{2})\)/);
    assert.match(text, /command:launchdarklyUsage\.showChart\?/);
    const trusted = ours[0]!.isTrusted;
    assert.ok(typeof trusted === 'object' && trusted.enabledCommands.every((c) => c.startsWith('launchdarklyUsage.')));
  });

  test('the quick fix copies the upgrade checklist of that dependency', async () => {
    const usage = linked('it-services/api/package.json')[0]!;
    // Code actions are asked of an open document's model.
    await vscode.workspace.openTextDocument(usage.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', usage.uri, usage.range);
    const action = actions.find((a) => a.title === 'Copy upgrade checklist for launchdarkly-node-server-sdk');
    assert.ok(action?.command, actions.map((a) => a.title).join(', '));
    // A selection of several lines around the dependency offers its quick fix once.
    const around = new vscode.Range(Math.max(0, usage.range.start.line - 1), 0, usage.range.end.line + 1, 0);
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', usage.uri, around);
    assert.equal(offered.filter((a) => a.title === action.title).length, 1);
    const markdown = await vscode.commands.executeCommand<string>(action.command.command, ...(action.command.arguments ?? []));
    const read = markdown.replace(/\\(.)/g, '$1');
    assert.match(read, /^\*\*Upgrade Node\.js Server SDK\*\* \(launchdarkly-node-server-sdk\) from 7\.0\.4 \(lockfile\) to /);
    assert.match(read, /- \[ \] Update the lockfile it-services\/api\/package-lock\.json/);
    assert.equal(await vscode.env.clipboard.readText(), markdown);
  });

  test('a CodeLens above the dependency only when the setting is on', async () => {
    const usage = linked('it-services/api/package.json')[0]!;
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', usage.uri, 10);
    const ours = async () => (await lenses()).filter((l) => l.command?.title.startsWith('LaunchDarkly: '));
    assert.deepEqual(await ours(), []);
    await setSetting('workspace.codeLens', true);
    try {
      const [lens] = await ours();
      assert.equal(lens?.range.start.line, usage.range.start.line);
      assert.match(lens!.command!.title, /^LaunchDarkly: latest [\d,]+ · peak [\d,]+ · Past end of life/);
      assert.equal(lens!.command!.command, 'launchdarklyUsage.showChart');
    } finally {
      await setSetting('workspace.codeLens', undefined);
    }
  });

  test('the upgrade plan narrowed to the workspace keeps only its SDKs, in the panel and the copy', async () => {
    await vscode.commands.executeCommand('launchdarklyUsage.narrowPlanToWorkspace');
    const markdown = await vscode.commands.executeCommand<string>('launchdarklyUsage.copyUpgradePlan');
    assert.match(markdown, /of the SDKs this workspace uses/);
    const items = markdown.split('\n').filter((l) => l.startsWith('- [ ]'));
    assert.ok(items.length > 0);
    // The plan names catalogued SDKs by their display names.
    const names = ['node\\.js server sdk', 'python server sdk'];
    for (const item of items)
      assert.ok(
        names.some((n) => item.toLowerCase().includes(`**${n}**`)),
        item,
      );
    await vscode.commands.executeCommand('launchdarklyUsage.showWholePlan');
    const whole = await vscode.commands.executeCommand<string>('launchdarklyUsage.copyUpgradePlan');
    assert.ok(whole.split('\n').filter((l) => l.startsWith('- [ ]')).length > items.length);
  });

  test('the diagnostics setting turns them off or keeps warnings only', async () => {
    const uri = file('it-services/api/package.json');
    await setSetting('workspace.diagnostics', 'off');
    await waitUntil(() => vscode.languages.getDiagnostics(uri).length === 0, 'no diagnostics');
    await setSetting('workspace.diagnostics', undefined);
    await waitUntil(() => vscode.languages.getDiagnostics(uri).length === 1, 'the diagnostic back');
  });

  test('a changed lockfile is read again: the new version, its connections and verdict', async function () {
    this.timeout(60_000);
    await write('it-services/api/package-lock.json', lockfile('9.13.0'));
    // The file watcher's event may take a while on a loaded machine.
    await waitUntil(
      () => linked('it-services/api/package.json')[0]?.usage.dependency.version?.text === '9.13.0',
      'the new version',
      45_000,
    );
    const usage = linked('it-services/api/package.json')[0]!.usage;
    assert.equal(usage.connections.kind, 'connections');
    assert.equal(usage.verdict.kind !== 'notJudged' && usage.verdict.status, 'EolAllClear');
    await waitUntil(() => vscode.languages.getDiagnostics(file('it-services/api/package.json')).length === 0, 'its diagnostic gone');
  });
});
