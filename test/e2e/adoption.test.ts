/**
 * End-to-end: is the upgrade working? In a real VS Code (code-server + Chromium), with the packaged
 * extension against the local API: the status bar item (connections past end of life, the counts
 * by status in its tooltip, a click that opens the upgrade plan, a setting that hides it, gone
 * without a token), the chart grouped by status, stacked areas, 100% shares and the logarithmic
 * scale (every switch local: no request in the API's log), the progress line, the choices kept
 * across a window reload, and axe-core in the four default themes with the new controls. Every
 * figure is compared with test/support/statusReference.ts, worked out from the raw answers the API
 * serves for the requests the extension made.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/adoption.test.ts
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { describeViolations, runAxe } from '../harness/axe';
import { sequentialSteps } from '../harness/steps';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import {
  clearNotifications,
  enterApiToken,
  eventually,
  notification,
  paletteCommand,
  sidebarTreeRows,
  updateWorkspaceSettings,
  webviewFrame,
  webviewFrameObject,
} from '../harness/workbench';
import { healthGroupId } from '../../src/model/rowIds';
import { startLdApiServer, type LdApiServer, type RecordedRequest } from '../server/ldApiServer';
import { expectedUsage } from '../support/expectedUsage';
import { REFERENCE_GROUPS, referenceStatus, type ReferenceStatus, type ReportEntry } from '../support/statusReference';

const TOKEN = 'api-e2e0ad07-0000-4000-8000-00000000ad07';
const EXTENSION_UA = /^launchdarkly-sdk-usage-vscode\//;
const STEP_TIMEOUT_MS = 90_000;

/** The chart's health group ids (series and data-table columns) by the reference's group names. */
const GROUP_KEYS = ['pastEol', 'nearEol', 'newMajor', 'current', 'notJudged'] as const;
const idOfGroup = (i: number) => healthGroupId(GROUP_KEYS[i]!);
/** The words the panel uses for each group (the reference's names, capitalised). */
const wordsOf = (group: string) => group[0]!.toUpperCase() + group.slice(1);

const count = (text: string): number => Number(text.replace(/[^\d]/g, ''));
/** A percentage as shown ("38%", "0.5%") against a share, to the precision shown. */
const assertPercent = (shown: string, share: number, what: string) => {
  const m = /^(\d+(?:\.\d)?)%$/.exec(shown.trim());
  assert.ok(m, `${what}: "${shown}"`);
  const precision = m[1]!.includes('.') ? 0.05 : 0.5;
  assert.ok(Math.abs(Number(m[1]) - share * 100) <= precision + 1e-9, `${what}: ${shown} for ${share * 100}%`);
};

describe('Is the upgrade working? Status bar, grouping by status, chart modes and progress in a real VS Code', () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  const screens = path.join(runDir, 'screenshots');
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  let frame: FrameLocator;
  let reference: ReferenceStatus;
  let times: number[];
  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  const extensionRequests = (): RecordedRequest[] => api.requests.filter((r) => EXTENSION_UA.test(r.headers['user-agent'] ?? ''));
  const lastRequest = (suffix: string) =>
    extensionRequests()
      .filter((r) => r.path.endsWith(suffix))
      .pop();

  /** What the API answers to exactly the request the extension made (path and query). */
  const answerTo = async (request: RecordedRequest): Promise<string> => {
    const url = new URL(request.path, api.url);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { Authorization: TOKEN, 'LD-API-Version': 'beta', 'User-Agent': 'e2e-test' } });
    assert.equal(response.status, 200, url.pathname);
    return response.text();
  };

  /** The reference figures for the data the extension loaded last: stream body, versions seen lately, LaunchDarkly's report. */
  const workOutReference = async () => {
    const body = await answerTo(lastRequest('/server/bysdkversion')!);
    const seen = lastRequest('/server/sdkversions');
    const report = JSON.parse(await answerTo(lastRequest('/sdk-versions/all')!)) as ReportEntry[];
    // Read with the SDK catalogue, as the extension reads it: names, and the release dates where LaunchDarkly gives no verdict.
    const usage = expectedUsage([{ source: 'server', body, sdkVersions: seen && (await answerTo(seen)) }], { catalogue: true });
    times = [...usage.times];
    reference = referenceStatus(usage, report);
  };

  const statusBarItem = () =>
    page.locator('.statusbar-item[aria-label*="past end of life"], .statusbar-item [aria-label*="past end of life"]').first();
  const canvasLabel = async () => (await frame.locator('canvas#chart').getAttribute('aria-label')) ?? '';
  const chooseChartMode = async (label: string) => {
    await frame.locator('#chart-mode').click();
    await frame.locator('#chart-mode vscode-option', { hasText: label }).click();
  };

  before(async () => {
    api = await startLdApiServer({ token: TOKEN });
    run = await startWorkbenchRun(runDir, { 'launchdarklyUsage.baseUrl': api.url, 'workbench.colorTheme': 'Default Light Modern' });
    page = run.page;
    frame = webviewFrame(page);
    fs.mkdirSync(screens, { recursive: true });
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. with a token set and data loaded, the status bar says how many connections run past end of life', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 20_000 });
    assert.equal(await statusBarItem().count(), 0, 'no item without a token');
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    await eventually(async () => (await sidebarTreeRows(page)).filter((r) => r.level === 1).length > 1, 15_000, 'SDK rows');
    await clearNotifications(page);
    // The item counts with LaunchDarkly's verdicts once the report has come.
    await eventually(() => lastRequest('/sdk-versions/all'), 15_000, "the extension's request for LaunchDarkly's report");
    await workOutReference();
    const past = reference.latest.get('past end of life')!;
    await eventually(
      async () => count(await statusBarItem().innerText()) === past.connections,
      15_000,
      `the status bar to say ${past.connections} past end of life`,
    );
    assert.match(await statusBarItem().innerText(), /^\s*[\d,]+ past end of life\s*$/);
  });

  step('2. its tooltip counts connections and versions by status; selecting it opens the upgrade plan', async () => {
    await statusBarItem().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'by status' }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    for (const group of REFERENCE_GROUPS) {
      const { connections, versions } = reference.latest.get(group)!;
      const line = text.split('\n').find((l) => l.includes(`${wordsOf(group)}:`));
      if (versions === 0) {
        assert.equal(line, undefined, `${group}: no line without versions`);
        continue;
      }
      const m = /: ([\d,]+) connections? \(([\d.]+%)\), ([\d,]+) versions?/.exec(line ?? '');
      assert.ok(m, `${group}: "${line}"`);
      assert.equal(count(m[1]!), connections, `${group}: connections`);
      assert.equal(count(m[3]!), versions, `${group}: versions`);
    }
    await page.mouse.move(700, 300);
    await statusBarItem().click();
    await frame.locator('#upgrade-plan[open] #upgrade-plan-table').waitFor({ timeout: 20_000 });
  });

  step('3. "By status": the data table has a column per status with versions, each the sum of its versions; no request', async () => {
    api.resetRequests();
    await frame.locator('#group-status').click();
    assert.equal(await frame.locator('#group-status').getAttribute('aria-pressed'), 'true');
    await eventually(async () => /per health status/.test(await canvasLabel()), 10_000, 'the chart by status');
    await frame.locator('#toggle-table').click();
    await frame.locator('#data-table').waitFor({ timeout: 10_000 });
    const table = await frame.locator('#data-table').evaluate((t) => ({
      headers: Array.from(t.querySelectorAll('thead th[data-series]')).map((th) => [
        th.getAttribute('data-series') ?? '',
        th.textContent ?? '',
      ]),
      rows: Array.from(t.querySelectorAll('tbody tr[data-time]')).map((tr) => ({
        time: Number(tr.getAttribute('data-time')),
        cells: Object.fromEntries(
          Array.from(tr.querySelectorAll('td[data-series]')).map((td) => [td.getAttribute('data-series'), td.textContent]),
        ),
      })),
    }));
    const present = REFERENCE_GROUPS.map((g, i) => [g, idOfGroup(i)] as const).filter(([g]) => reference.byGroup.has(g));
    assert.deepEqual(
      table.headers.map(([id]) => id),
      present.map(([, id]) => id),
      'one column per status that has versions, most urgent first',
    );
    table.headers.forEach(([, label], i) => assert.match(label, new RegExp(`${wordsOf(present[i]![0])}$`)));
    assert.deepEqual(
      table.rows.map((r) => r.time),
      times,
    );
    for (const [group, id] of present) {
      assert.deepEqual(
        table.rows.map((r) => count(r.cells[id] ?? '')),
        reference.byGroup.get(group),
        `${group} per bucket`,
      );
    }
    await frame.locator('#toggle-table').click();
    await frame.locator('canvas#chart').waitFor();
    assert.equal(extensionRequests().length, 0, 'regrouping and the data table ask the API nothing');
  });

  step('4. 100% shares, stacked areas and the logarithmic scale: described, and not one request', async () => {
    api.resetRequests();
    await chooseChartMode('100% shares');
    const label = await eventually(async () => {
      const text = await canvasLabel();
      return text.startsWith('100% share chart') ? text : undefined;
    }, 10_000);
    assert.equal(await frame.locator('#log-scale').getAttribute('aria-disabled'), 'true', 'no logarithmic axis for shares');
    // "Shares of all connections at <first>: <status> <p>%, …; at <last>: …." against the reference.
    // Times hold colons ("Dec 6, 11:00"): a time ends at the first colon followed by a space.
    const { start, end } = reference.progress!;
    const m =
      start === end
        ? /Shares of all connections at .+?: (.+) \(the only bucket with connections\)\.$/.exec(label)
        : /Shares of all connections at .+?: (.+); at .+?: (.+)\.$/.exec(label);
    assert.ok(m, label);
    for (const [text, slot] of [
      [m[1]!, start],
      [m[2] ?? m[1]!, end],
    ] as const) {
      for (const part of text.split(', ')) {
        const [, words, percent] = /^(.+) (\S+%)$/.exec(part)!;
        const group = REFERENCE_GROUPS.find((g) => wordsOf(g) === words);
        assert.ok(group, `a status named "${words}"`);
        assertPercent(percent!, reference.shares.get(group)![slot]!, `${words} at bucket ${slot}`);
      }
    }
    await chooseChartMode('Stacked areas');
    await eventually(
      async () => /^Stacked area chart .* per health status, \d+ areas and their total/.test(await canvasLabel()),
      10_000,
      'stacked areas',
    );
    const totalPeak = Math.max(...reference.totals);
    assert.match(await canvasLabel(), new RegExp(`Total peak ${totalPeak.toLocaleString('en-US')} connections\\.$`));
    await frame.locator('#group-version').click();
    await chooseChartMode('Lines');
    await frame.locator('#log-scale').click();
    await eventually(async () => /^Line chart .*, logarithmic scale, /.test(await canvasLabel()), 10_000, 'a logarithmic scale');
    await frame.locator('#log-scale').click();
    await eventually(async () => !/logarithmic/.test(await canvasLabel()), 10_000, 'a linear scale');
    await frame.locator('#group-status').click();
    await chooseChartMode('100% shares');
    await eventually(async () => (await canvasLabel()).startsWith('100% share chart of streaming connections per health status'), 10_000);
    await page.waitForTimeout(1000);
    assert.deepEqual(
      extensionRequests().map((r) => r.path),
      [],
      'every switch is local: the API heard nothing',
    );
  });

  step('5. progress above the chart: each status share at the first and last bucket with connections, and the change', async () => {
    const progress = reference.progress!;
    const single = progress.start === progress.end;
    const heading = await frame.locator('#progress .progress-heading').innerText();
    assert.match(
      heading,
      single
        ? /^Status at .+, the only bucket with connections \(.+\):$/
        : /^Progress by status from .+ to .+, the first and last buckets with connections \(.+\):$/,
    );
    const lines = await frame.locator('#progress li').allInnerTexts();
    assert.equal(lines.length, progress.groups.length, lines.join(' | '));
    progress.groups.forEach((g, i) => {
      const m = single
        ? /^\S\s*(.+): (\S+%)() of connections$/.exec(lines[i]!.trim())
        : /^\S\s*(.+): (\S+%) → (\S+%) of connections \((.+)\)$/.exec(lines[i]!.trim());
      assert.ok(m, lines[i]);
      assert.equal(m[1], wordsOf(g.group));
      assertPercent(m[2]!, g.startShare, `${g.group} at the start`);
      assertPercent(m[3] || m[2]!, g.endShare, `${g.group} at the end`);
    });
    const box = await frame.locator('#progress').boundingBox();
    const chart = await frame.locator('#chart-view').boundingBox();
    assert.ok(box && chart && box.y + box.height <= chart.y + 1, 'the progress sits above the chart');
  });

  step('6. after a window reload the panel keeps grouping by status and showing shares', async () => {
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
    await paletteCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
    // The answer saved before the reload is shown again ("as of …"), or a new load ("updated …").
    await frame
      .locator('#subtitle')
      .filter({ hasText: /updated|as of/ })
      .waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#group-status').getAttribute('aria-pressed'), 'true');
    await eventually(async () => (await canvasLabel()).startsWith('100% share chart'), 10_000, 'shares again');
    await eventually(async () => (await statusBarItem().count()) === 1, 15_000, 'the status bar item again');
  });

  const axeCounts: string[] = [];
  for (const [theme, kind, themeKind] of [
    ['Default Light Modern', 'light', 'vscode-light'],
    ['Default Dark Modern', 'dark', 'vscode-dark'],
    ['Default High Contrast', 'hc-dark', 'vscode-high-contrast'],
    ['Default High Contrast Light', 'hc-light', 'vscode-high-contrast-light'],
  ] as const) {
    step(
      `7. ${theme}: axe-core finds no serious or critical violation with the new controls, shares, stacked areas and the table by status`,
      async () => {
        updateWorkspaceSettings(run!.folder, { 'workbench.colorTheme': theme });
        await eventually(
          async () => (await frame.locator('body').getAttribute('data-vscode-theme-kind')) === themeKind,
          15_000,
          `the ${kind} theme in the webview`,
        );
        await page.mouse.move(1, 450);
        await page.waitForTimeout(1200); // the chart re-reads the theme colours
        const check = async (state: string) => {
          const report = await runAxe(await webviewFrameObject(page));
          const line = `axe ${theme}, ${state}: critical ${report.counts.critical}, serious ${report.counts.serious}, moderate ${report.counts.moderate}, minor ${report.counts.minor}`;
          axeCounts.push(line);
          console.log(line);
          assert.deepEqual(
            report.blocking.map((v) => v.id),
            [],
            `serious or critical violations (${theme}, ${state}):\n${describeViolations(report.blocking)}`,
          );
        };
        await frame.locator('#progress').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(screens, `shares-${kind}.png`) });
        await check('by status, 100% shares, progress');
        await chooseChartMode('Stacked areas');
        await eventually(async () => (await canvasLabel()).startsWith('Stacked area chart'), 10_000);
        await page.waitForTimeout(600);
        await page.screenshot({ path: path.join(screens, `stacked-${kind}.png`) });
        await check('by status, stacked areas');
        await frame.locator('#toggle-table').click();
        await frame.locator('#data-table').waitFor({ timeout: 10_000 });
        await check('data table by status');
        await frame.locator('#toggle-table').click();
        await chooseChartMode('100% shares');
        await eventually(async () => (await canvasLabel()).startsWith('100% share chart'), 10_000);
        if (kind === 'hc-light') console.log(`axe counts per theme and state:\n${axeCounts.join('\n')}`);
      },
    );
  }

  step('8. launchdarklyUsage.statusBar.enabled hides the item and brings it back; clearing the token removes it', async () => {
    updateWorkspaceSettings(run!.folder, { 'launchdarklyUsage.statusBar.enabled': false });
    await eventually(async () => (await statusBarItem().count()) === 0, 15_000, 'the item to hide');
    updateWorkspaceSettings(run!.folder, { 'launchdarklyUsage.statusBar.enabled': null });
    await eventually(async () => (await statusBarItem().count()) === 1, 15_000, 'the item back');
    await paletteCommand(page, 'LaunchDarkly Usage: Clear API Token');
    await notification(page, 'token cleared').first().waitFor({ timeout: 10_000 });
    await eventually(async () => (await statusBarItem().count()) === 0, 15_000, 'no item without a token');
  });
});
