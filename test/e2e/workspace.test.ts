/**
 * End-to-end: the workspace's LaunchDarkly SDK dependencies in a real VS Code (code-server +
 * Chromium). The workspace holds several services: npm with a package-lock and with a yarn.lock, Go,
 * Python and .NET, plus installed copies under node_modules that name old SDKs. The local API serves
 * its `workspace` data set, whose SDK names and versions meet those dependencies. Checked as a person
 * would see it: the Problems panel lists the outdated dependencies without any file being opened,
 * none under node_modules and none for current versions; the side bar's "This Workspace" view lists
 * every dependency; a hover on a dependency line shows its connections and verdict. What is
 * expected comes from the API's own answers (LaunchDarkly's verdicts; where it has none, the
 * catalogue's release dates), never from the product's views.
 *
 * Run: npm run package && node esbuild.mjs --tests && node --import tsx --test test/e2e/workspace.test.ts
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { releaseDateVerdict } from '../../src/catalogue/releaseHealth';
import { EOL_SEVERITY } from '../../src/model/verdict';
import { sequentialSteps } from '../harness/steps';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import { clearNotifications, enterApiToken, eventually, notification, paletteCommand, sidebarTreeRows } from '../harness/workbench';
import { cataloguedAs } from '../support/catalogueOracle';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { catalogue } from '../support/catalogue';

const TOKEN = 'api-e2e0f00d-0000-4000-8000-00000000f00d';
const STEP_TIMEOUT_MS = 90_000;
const SEVERITY: Record<string, number> = EOL_SEVERITY;

/**
 * The services' dependencies: the file, the line it is declared on (1-based), the version that
 * runs, the catalogue's SDK and the names the data set reports it under (test/server/workspaceData.ts).
 */
const DEPENDENCIES = [
  { file: 'services/checkout/package.json', line: 6, version: '9.13.0', sdk: 'node-server', names: ['NodeJSClient', 'Node.js Server SDK'] },
  {
    file: 'services/legacy-api/package.json',
    line: 6,
    version: '7.0.4',
    sdk: 'node-server',
    names: ['NodeJSClient', 'Node.js Server SDK'],
  },
  { file: 'services/worker/go.mod', line: 6, version: '6.2.1', sdk: 'go-server-sdk', names: ['GoClient'] },
  { file: 'services/reports/requirements.txt', line: 2, version: '7.1.0', sdk: 'python-server-sdk', names: ['python-server-sdk'] },
  { file: 'services/billing/Billing.csproj', line: 6, version: '8.16.0', sdk: 'dotnet-server-sdk', names: ['DotNetClient'] },
] as const;

const WORKSPACE: Record<string, string> = {
  'services/checkout/package.json': `${JSON.stringify(
    { name: 'checkout', version: '1.0.0', private: true, dependencies: { '@launchdarkly/node-server-sdk': '^9.0.0', express: '^4.19.2' } },
    null,
    2,
  )}\n`,
  'services/checkout/package-lock.json': `${JSON.stringify(
    {
      name: 'checkout',
      lockfileVersion: 3,
      packages: {
        '': { name: 'checkout', dependencies: { '@launchdarkly/node-server-sdk': '^9.0.0', express: '^4.19.2' } },
        'node_modules/@launchdarkly/node-server-sdk': { version: '9.13.0' },
        'node_modules/express': { version: '4.19.2' },
      },
    },
    null,
    2,
  )}\n`,
  // An installed copy, and a package under node_modules that names an old SDK: never read.
  'services/checkout/node_modules/@launchdarkly/node-server-sdk/package.json': JSON.stringify({
    name: '@launchdarkly/node-server-sdk',
    version: '9.13.0',
    dependencies: { 'launchdarkly-node-server-sdk': '6.0.0' },
  }),
  'services/checkout/node_modules/legacy-lib/package.json': JSON.stringify({
    name: 'legacy-lib',
    dependencies: { 'ldclient-node': '5.1.0' },
  }),
  'services/legacy-api/package.json': `${JSON.stringify(
    { name: 'legacy-api', version: '0.3.0', private: true, dependencies: { 'launchdarkly-node-server-sdk': '7.0.4', lodash: '^4.17.21' } },
    null,
    2,
  )}\n`,
  'services/legacy-api/yarn.lock':
    '# yarn lockfile v1\n\n\nlaunchdarkly-node-server-sdk@7.0.4:\n  version "7.0.4"\n  resolved "https://registry.yarnpkg.com/launchdarkly-node-server-sdk/-/launchdarkly-node-server-sdk-7.0.4.tgz"\n\nlodash@^4.17.21:\n  version "4.17.21"\n',
  'services/worker/go.mod':
    'module example.com/worker\n\ngo 1.22\n\nrequire (\n\tgithub.com/launchdarkly/go-server-sdk/v6 v6.2.1\n\tgithub.com/gorilla/mux v1.8.1\n)\n',
  'services/reports/requirements.txt': 'requests==2.32.3\nlaunchdarkly-server-sdk==7.1.0\n',
  'services/billing/Billing.csproj':
    '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include="LaunchDarkly.ServerSdk" Version="8.16.0" />\n  </ItemGroup>\n</Project>\n',
};

describe("The workspace's LaunchDarkly SDKs in a real VS Code: Problems panel, side bar, hover", () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  /** The status each dependency should show: LaunchDarkly's most severe for its names and version, else the release dates'. */
  async function expectedStatuses(): Promise<Map<string, string>> {
    const response = await fetch(`${api.url}/api/v2/usage/sdk-versions/all`, {
      headers: { Authorization: TOKEN, 'LD-API-Version': 'beta' },
    });
    const all = (await response.json()) as SdkVersionDetailsEntry[];
    const statuses = new Map<string, string>();
    for (const dependency of DEPENDENCIES) {
      const names: readonly string[] = dependency.names.map((n) => n.toLowerCase());
      const reported = all
        // The report may name the SDK by its display name or id (the local API does for User-Agent tokens): the catalogue tells.
        .filter(
          (e) =>
            (names.includes(e.name?.toLowerCase() ?? '') || cataloguedAs(e.name ?? '', e.version ?? '')?.id === dependency.sdk) &&
            e.version === dependency.version &&
            e.eolStatus !== 'EolUnknown',
        )
        .map((e) => e.eolStatus!);
      const status = reported.length
        ? reported.reduce((top, s) => (SEVERITY[s]! > SEVERITY[top]! ? s : top))
        : (() => {
            const verdict = releaseDateVerdict(catalogue, catalogue.sdks.get(dependency.sdk)!, dependency.version, Date.now());
            assert.equal(verdict.kind, 'judged', `${dependency.file}: the release dates judge ${dependency.version}`);
            return verdict.kind === 'judged' ? verdict.status : '';
          })();
      statuses.set(dependency.file, status);
    }
    return statuses;
  }

  /** The Problems panel's rows as shown: file rows and marker rows, by their text. */
  const problemRows = (): Promise<string[]> =>
    page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

  before(async () => {
    api = await startLdApiServer({ token: TOKEN, dataset: 'workspace' });
    run = await startWorkbenchRun(
      runDir,
      {
        'launchdarklyUsage.baseUrl': api.url,
        'workbench.colorTheme': 'Default Light Modern',
        // The built-in npm extension would ask the registry about package.json entries: this machine is offline.
        'npm.fetchOnlinePackageInfo': false,
      },
      WORKSPACE,
    );
    page = run.page;
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. with a token set, usage loads', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 20_000 });
    // NodeJSClient, under the catalogue's display name.
    await eventually(async () => (await sidebarTreeRows(page)).some((r) => r.label === 'Node.js Server SDK'), 20_000, 'the SDK rows');
    await clearNotifications(page);
  });

  step('2. the Problems panel lists the outdated dependencies, no file opened, none under node_modules, none current', async () => {
    const statuses = await expectedStatuses();
    const outdated = DEPENDENCIES.filter((d) => ['EolPast', 'EolNear', 'MajorVersionAvailable'].includes(statuses.get(d.file)!));
    const current = DEPENDENCIES.filter((d) => statuses.get(d.file) === 'EolAllClear');
    assert.ok(outdated.length >= 2 && current.length >= 1, JSON.stringify([...statuses]));
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
    assert.ok(!tabs.some((t) => /package\.json|go\.mod|requirements|csproj/.test(t)), `no manifest open: ${JSON.stringify(tabs)}`);

    await paletteCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const rows = await eventually(
      async () => {
        const shown = await problemRows();
        return outdated.every((d) => shown.some((r) => r.includes(path.posix.basename(d.file)) && r.includes(path.posix.dirname(d.file))))
          ? shown
          : undefined;
      },
      45_000,
      'the outdated dependencies in the Problems panel',
    );
    const markers = rows.filter((r) => /LaunchDarkly Usage/.test(r));
    assert.equal(markers.length, outdated.length, JSON.stringify(rows));
    for (const d of outdated) {
      const status = statuses.get(d.file)!;
      const label = status === 'EolPast' ? 'Past end of life' : status === 'EolNear' ? 'Near end of life' : 'New major version available';
      assert.ok(
        markers.some((m) => m.includes(`${d.version}`) && m.includes(label) && m.includes(`[Ln ${d.line},`)),
        `${d.file}: "${label}" on line ${d.line} in ${JSON.stringify(markers)}`,
      );
    }
    assert.ok(!rows.some((r) => r.includes('node_modules')), 'nothing under node_modules');
    for (const d of current) assert.ok(!rows.some((r) => r.includes(path.posix.dirname(d.file))), `${d.file} is current: not listed`);
  });

  step(
    '3. the side bar\'s "This Workspace" view appears by itself and lists every dependency with its file, line, version and verdict',
    async () => {
      // No command: the view joins the side bar once a scan has found the workspace's SDKs.
      await page.locator('.sidebar .pane-header', { hasText: 'This Workspace' }).waitFor({ timeout: 20_000 });
      // The SDK Versions view shares the side bar: collapse it so every row of this one is drawn.
      const header = page.locator('.sidebar .pane-header', { hasText: 'SDK Versions' });
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
      const rows = await eventually(
        async () => {
          const shown = await sidebarTreeRows(page);
          return DEPENDENCIES.every((d) => shown.some((r) => r.label === `${d.file}:${d.line}`)) ? shown : undefined;
        },
        20_000,
        'a row per dependency',
      );
      for (const d of DEPENDENCIES) {
        const row = rows.find((r) => r.label === `${d.file}:${d.line}`)!;
        assert.match(
          row.description,
          new RegExp(`${d.version.replace(/\./g, '\\.')} .*· (latest [\\d,]+ · peak [\\d,]+|no connections)`),
          d.file,
        );
      }
      assert.ok(!rows.some((r) => r.label.includes('node_modules')));
      assert.ok(rows.some((r) => r.label === 'Node.js Server SDK' && /2 dependencies/.test(r.description)));
    },
  );

  step('4. a hover on a dependency line shows its connections and verdict', async () => {
    const legacy = DEPENDENCIES[1];
    const statuses = await expectedStatuses();
    await paletteCommand(page, 'Go to File...');
    await page.locator('.quick-input-widget input').fill(legacy.file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'package.json' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
    await paletteCommand(page, 'Go to Line/Column...');
    await page.locator('.quick-input-widget input').fill(`:${legacy.line}:8`);
    await page.keyboard.press('Enter');
    const hover = page.locator('.monaco-hover', { hasText: 'Connections' });
    await eventually(
      async () => {
        if (await hover.isVisible()) return true;
        await paletteCommand(page, 'Show or Focus Hover');
        await hover.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        return hover.isVisible();
      },
      30_000,
      'the hover',
    );
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Node\.js Server SDK: launchdarkly-node-server-sdk 7\.0\.4 \(lockfile\)/);
    assert.match(text, /Connections: latest [\d,]+ · peak [\d,]+ \(Server-side SDKs, Last 24 hours\)/);
    const label = statuses.get(legacy.file) === 'EolPast' ? 'Past end of life' : 'Near end of life';
    assert.match(text, new RegExp(`Verdict: ${label}.*\\((LaunchDarkly|release dates of \\d{4}-\\d{2}-\\d{2})\\)`));
    assert.match(text, /Show in Chart/);
  });
});
