/**
 * End-to-end: data at start without a request, in a real VS Code (code-server + Chromium). After a
 * load the answer is saved in the extension's global storage; after a window reload the tree and the
 * restored chart panel show it at once, marked with its age, while the local API's request log
 * stays empty; a refresh replaces it; clearing the token deletes it, and a reload then shows nothing.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/restore.test.ts
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { sequentialSteps } from '../harness/steps';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import {
  clearNotifications,
  enterApiToken,
  eventually,
  listFiles,
  notification,
  paletteCommand,
  sidebarTreeRows,
  webviewFrame,
} from '../harness/workbench';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';

const TOKEN = 'api-e2e0e01e-0000-4000-8000-0000000e5703';
const STEP_TIMEOUT_MS = 60_000;
const EXTENSION_UA = /^launchdarkly-sdk-usage-vscode\//;
/** What the tree's message says of data restored from an earlier session, a few seconds or minutes old. */
const RESTORED_MESSAGE = /^As of (less than a minute|\d+ minutes?) ago: Server-side SDKs · Last 24 hours · hourly/;

describe('Data at start without a request: the last answer restored after a window reload', () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  let frame: FrameLocator;
  let rowsBefore: string[] = [];
  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  const extensionRequests = () => api.requests.filter((r) => EXTENSION_UA.test(r.headers['user-agent'] ?? ''));
  const savedFiles = () => listFiles(run!.server.userDataDir).filter((f) => f.endsWith('.ldusage'));
  const treeMessage = () => page.locator('.sidebar .pane-body .message').first();
  const topRows = async () =>
    (await sidebarTreeRows(page))
      .filter((r) => r.level === 1)
      .map((r) => r.label)
      .sort();

  async function reloadWindow(): Promise<void> {
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
    await paletteCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
  }

  before(async () => {
    api = await startLdApiServer({ token: TOKEN });
    run = await startWorkbenchRun(runDir, { 'launchdarklyUsage.baseUrl': api.url });
    page = run.page;
    frame = webviewFrame(page);
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. with a token set the tree and the chart load, and the answer is saved in global storage', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 20_000 });
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    await eventually(async () => (await topRows()).length > 1, 15_000, 'SDK rows');
    rowsBefore = await topRows();
    assert.doesNotMatch(await treeMessage().innerText(), /As of/);
    await clearNotifications(page);
    await paletteCommand(page, 'LaunchDarkly Usage: Show SDK Connections Chart');
    await frame.locator('#subtitle').filter({ hasText: 'updated' }).waitFor({ timeout: 20_000 });
    const [file] = await eventually(() => (savedFiles().length ? savedFiles() : undefined), 15_000, 'the saved answer');
    assert.match(
      path.relative(run!.server.userDataDir, file!),
      /globalStorage[\\/]ld-sdk-usage\.launchdarkly-sdk-usage[\\/]saved-answers[\\/][0-9a-f]{64}\.ldusage$/,
    );
    assert.ok(!fs.readFileSync(file!).toString('latin1').includes(TOKEN.slice(4, 12)), 'the saved file does not hold the token');
  });

  step('2. after a window reload the tree and the panel show the saved data with its age, and no request is made', async () => {
    await page.waitForTimeout(1500);
    api.resetRequests();
    await reloadWindow();
    await treeMessage().filter({ hasText: RESTORED_MESSAGE }).waitFor({ timeout: 30_000 });
    await eventually(async () => JSON.stringify(await topRows()) === JSON.stringify(rowsBefore), 15_000, 'the same SDK rows as before');
    await frame
      .locator('#subtitle')
      .filter({ hasText: /as of (less than a minute|\d+ minutes?) ago/ })
      .waitFor({ timeout: 30_000 });
    assert.ok((await frame.locator('#summary-table tr[data-version-id]').count()) > 0, 'the panel shows the restored versions');
    // Time for anything the start would ask for to reach the API.
    await page.waitForTimeout(3000);
    assert.deepEqual(
      extensionRequests().map((r) => r.path),
      [],
    );
  });

  step('3. a refresh asks the API again and replaces the saved data; the age mark goes', async () => {
    await paletteCommand(page, 'LaunchDarkly Usage: Refresh');
    await eventually(() => extensionRequests().some((r) => r.path.endsWith('/bysdkversion')), 15_000, 'the refresh request');
    await eventually(async () => !/As of/.test(await treeMessage().innerText()), 15_000, 'the tree message without "As of"');
    await frame.locator('#subtitle').filter({ hasText: 'updated' }).waitFor({ timeout: 15_000 });
  });

  step('4. clearing the token deletes the saved data; after a reload there is nothing to show and no request', async () => {
    await eventually(() => savedFiles().length > 0, 15_000, 'the refreshed answer saved');
    await paletteCommand(page, 'LaunchDarkly Usage: Clear API Token');
    await notification(page, 'token cleared').first().waitFor({ timeout: 15_000 });
    await eventually(() => savedFiles().length === 0, 15_000, 'the saved answers deleted');
    api.resetRequests();
    await reloadWindow();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    assert.deepEqual(await topRows(), []);
    assert.deepEqual(
      extensionRequests().map((r) => r.path),
      [],
    );
  });
});
