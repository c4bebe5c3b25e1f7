/**
 * The figures that need a real VS Code: the packaged extension (.vsix) in code-server's web
 * workbench, driven in headless Chromium, against the local LaunchDarkly-compatible API.
 *
 * - command → chart visible: close the panel, press Enter on "Show SDK Connections Chart" in the
 *   palette, poll the webview's canvas#chart with getImageData every ~16 ms until it has painted
 *   pixels; N runs, median.
 * - requests per action, from the local API's request log.
 * - activation: the extension's own "Activated in X ms." lines in its LogOutputChannel's log file,
 *   one per fresh window load ("Developer: Reload Window").
 * - restoring a saved 1,000-version answer from disk to a drawn tree, over window reloads
 *   (bench/restoreBench.ts).
 *
 * Everything lives in the caller's run folder; the caller stops nothing: this module stops what it
 * starts (try/finally).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type LaunchedBrowser } from '../test/harness/browser';
import { startCodeServer, type RunningCodeServer } from '../test/harness/codeServer';
import {
  enterApiToken,
  eventually,
  listFiles,
  notification,
  paletteCommand,
  updateWorkspaceSettings,
  waitForQuickInputClosed,
  webviewFrame,
  webviewFrameObject,
} from '../test/harness/workbench';
import { startLdApiServer, type LdApiServer, type RecordedRequest } from '../test/server/ldApiServer';
import { benchRestore, type RestoreBenchResult } from './restoreBench';

const TOKEN = 'api-be4c0000-0000-4000-8000-00000000beef';
const SHOW_CHART = 'LaunchDarkly Usage: Show SDK Connections Chart';
const EXTENSION_UA = /^launchdarkly-sdk-usage-vscode\//;
const POLL_MS = 16;

export interface WorkbenchBenchOptions {
  runDir: string;
  vsixPath: string;
  /** Command → chart runs (≥ 7). */
  chartRuns: number;
  /** Window reloads, one activation sample each. */
  activationSamples: number;
  /** Window reloads per restored answer, one sample each. */
  restoreSamples: number;
  log: (message: string) => void;
  /** Aborting closes the browser (so whatever waits on it fails) and stops the servers. */
  signal?: AbortSignal;
}

export interface ChartRun {
  /** Enter → canvas#chart has painted pixels (the figure). */
  ms: number;
  /** Breakdown, all from Enter: the webview document starts loading, webview.js has arrived, the document is parsed. */
  frameStartMs: number | null;
  scriptLoadedMs: number | null;
  domContentLoadedMs: number | null;
  /** Extension requests made by this open. */
  requests: number;
}

export interface WorkbenchBenchResult {
  commandToChartVisible: {
    medianMs: number;
    runsMs: number[];
    /** Medians of the breakdown over the same runs (ms from Enter). */
    breakdownMedianMs: { frameStart: number | null; scriptLoaded: number | null; domContentLoaded: number | null; painted: number };
    loadAvg: number[];
  };
  activation: {
    medianMs: number;
    /** The least disturbed sample: closest to activate()'s own cost on an idle machine. */
    minMs: number;
    samplesMs: number[];
    /** The very first activation after the server started (cold caches); not in the median. */
    firstLoadMs: number | null;
    logFiles: number;
    loadAvg: number[];
  };
  restore: RestoreBenchResult;
  requestsPerAction: {
    openChartWithDataLoaded: { runs: number; requests: number; perRun: number[] };
    switchLoadedViews: { clicks: string[]; requests: number };
    /** Opening and closing the upgrade plan section, and its palette command. */
    openPlan: { actions: string[]; requests: number };
    /** By environment and back, from the view's title bar. */
    switchTreeGrouping: { actions: string[]; requests: number };
    refreshWithBothSources: {
      firstLoad: { bySdkVersion: Record<string, number>; sdkVersions: Record<string, number> };
      refresh: { bySdkVersion: Record<string, number>; sdkVersions: number; other: number };
    };
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const medianOrNull = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? median(known) : null;
};
const loadAvg = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

export async function benchWorkbench(opts: WorkbenchBenchOptions): Promise<WorkbenchBenchResult> {
  const { runDir, log } = opts;
  const folder = path.join(runDir, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  let api: LdApiServer | undefined;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  const { signal } = opts;
  const onAbort = () => void browser?.close();
  signal?.addEventListener('abort', onAbort);
  try {
    signal?.throwIfAborted();
    api = await startLdApiServer({ token: TOKEN });
    server = await startCodeServer({
      runDir,
      folder,
      vsixPath: opts.vsixPath,
      userSettings: { 'launchdarklyUsage.baseUrl': api.url },
    });
    signal?.throwIfAborted();
    browser = await launchBrowser(runDir, { handleSignals: !signal });
    signal?.throwIfAborted();
    const page = browser.page;
    await openWorkbench(page, server.url);
    log(`workbench up on 127.0.0.1:${server.port}`);
    const apiLog = api;
    const extensionRequests = (): RecordedRequest[] => apiLog.requests.filter((r) => EXTENSION_UA.test(r.headers['user-agent'] ?? ''));

    await setTokenOnce(page, apiLog);
    log('token set; data loaded');

    // ---- command → chart visible (and: opening the chart with data loaded makes no requests)
    const runs: ChartRun[] = [];
    for (let i = 0; i < opts.chartRuns; i++) {
      signal?.throwIfAborted();
      const run = await openChartTimed(page, apiLog, extensionRequests);
      runs.push(run);
      log(
        `command → chart ${i + 1}/${opts.chartRuns}: ${run.ms} ms (frame ${run.frameStartMs}, script ${run.scriptLoadedMs}, DOM ${run.domContentLoadedMs}; ${run.requests} requests)`,
      );
    }
    const commandToChartVisible = {
      medianMs: median(runs.map((r) => r.ms)),
      runsMs: runs.map((r) => r.ms),
      breakdownMedianMs: {
        frameStart: medianOrNull(runs.map((r) => r.frameStartMs)),
        scriptLoaded: medianOrNull(runs.map((r) => r.scriptLoadedMs)),
        domContentLoaded: medianOrNull(runs.map((r) => r.domContentLoadedMs)),
        painted: median(runs.map((r) => r.ms)),
      },
      loadAvg: loadAvg(),
    };

    // ---- switching between already-loaded views in the panel (it is open after the last run)
    const frame = webviewFrame(page);
    await frame.locator('#toggle-table').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    apiLog.resetRequests();
    const clicks = ['#group-sdk', '#group-version', '#toggle-table', '#toggle-table', '#outdated-only', '#outdated-only'];
    for (const selector of clicks) {
      await frame.locator(selector).click();
      await page.waitForTimeout(300);
    }
    await page.waitForTimeout(1500);
    const switchLoadedViews = { clicks, requests: extensionRequests().length };
    log(`switching loaded views: ${switchLoadedViews.requests} requests`);

    // ---- the upgrade plan (LaunchDarkly's verdicts are loaded with the data) and the tree's grouping
    await frame.locator('#upgrade-plan > summary').waitFor({ timeout: 15_000 });
    apiLog.resetRequests();
    const planActions = ['#upgrade-plan > summary', '#upgrade-plan > summary', 'LaunchDarkly Usage: Show Upgrade Plan'];
    for (const action of planActions) {
      if (action.startsWith('#')) await frame.locator(action).click();
      else await paletteCommand(page, action);
      await page.waitForTimeout(300);
    }
    await frame.locator('#upgrade-plan[open] #upgrade-plan-table').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    const openPlan = { actions: planActions, requests: extensionRequests().length };
    apiLog.resetRequests();
    const groupingActions = ['Group by Environment', 'Group by SDK', 'Group by Environment', 'Group by SDK'];
    for (const label of groupingActions) {
      await page.locator(`.sidebar a.action-label[aria-label="${label}"]:visible`).click();
      await page.waitForTimeout(400);
    }
    await page.waitForTimeout(1500);
    const switchTreeGrouping = { actions: groupingActions, requests: extensionRequests().length };
    log(`open the plan: ${openPlan.requests} requests; switch tree grouping: ${switchTreeGrouping.requests} requests`);

    // ---- source "both": the first load, then one refresh
    apiLog.resetRequests();
    updateWorkspaceSettings(folder, { 'launchdarklyUsage.source': 'both' });
    await eventually(
      () => ['server', 'client'].every((s) => countRoute(extensionRequests(), 'bysdkversion', s) >= 1),
      20_000,
      'bysdkversion requests for both sources',
    );
    await waitPanelIdle(page);
    const firstLoad = {
      bySdkVersion: {
        server: countRoute(extensionRequests(), 'bysdkversion', 'server'),
        client: countRoute(extensionRequests(), 'bysdkversion', 'client'),
      },
      sdkVersions: {
        server: countRoute(extensionRequests(), 'sdkversions', 'server'),
        client: countRoute(extensionRequests(), 'sdkversions', 'client'),
      },
    };
    apiLog.resetRequests();
    await frame.locator('#refresh').click();
    await eventually(() => countRoute(extensionRequests(), 'bysdkversion') >= 2, 20_000, 'the refresh requests');
    await waitPanelIdle(page);
    const after = extensionRequests();
    const refresh = {
      bySdkVersion: { server: countRoute(after, 'bysdkversion', 'server'), client: countRoute(after, 'bysdkversion', 'client') },
      sdkVersions: countRoute(after, 'sdkversions'),
      other: after.filter((r) => !/\/(bysdkversion|sdkversions)$/.test(r.path)).length,
    };
    log(`source both: first load ${JSON.stringify(firstLoad)}; refresh ${JSON.stringify(refresh)}`);
    updateWorkspaceSettings(folder, { 'launchdarklyUsage.source': null });
    await page.waitForTimeout(1500);

    // ---- activation over fresh window loads (the panel closed, so the view is what activates it)
    await paletteCommand(page, 'View: Close All Editors');
    await eventually(async () => (await page.locator('iframe.webview').count()) === 0, 10_000, 'the panel to close');
    const logsDir = path.join(server.userDataDir, 'logs');
    const seen = new Set<string>();
    const firstLoadLines = readActivations(logsDir);
    for (const a of firstLoadLines) seen.add(a.key);
    const samplesMs: number[] = [];
    const reload = async () => {
      signal?.throwIfAborted();
      const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
      await paletteCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
      await openActivityBarView(page);
    };
    for (let i = 0; i < opts.activationSamples; i++) {
      await reload();
      const fresh = await eventually(
        () => {
          const lines = readActivations(logsDir).filter((a) => !seen.has(a.key));
          return lines.length ? lines : undefined;
        },
        30_000,
        'a new "Activated in" line in the extension\'s log',
        100,
      );
      for (const a of fresh) seen.add(a.key);
      samplesMs.push(...fresh.map((a) => a.ms));
      log(`activation ${i + 1}/${opts.activationSamples}: ${fresh.map((a) => a.ms).join(', ')} ms`);
      await page.waitForTimeout(1000);
    }
    const logFiles = listFiles(logsDir).filter((f) => path.basename(f).endsWith('LaunchDarkly Usage.log')).length;
    const activationLoadAvg = loadAvg();

    // ---- a saved 1,000-version answer restored from disk to a drawn tree (the panel closed)
    const restore = await benchRestore({
      page,
      userDataDir: server.userDataDir,
      samples: opts.restoreSamples,
      reload,
      extensionRequests: () => extensionRequests().length,
      resetRequests: () => apiLog.resetRequests(),
      log,
    });

    return {
      commandToChartVisible,
      activation: {
        medianMs: median(samplesMs),
        minMs: Math.min(...samplesMs),
        samplesMs,
        firstLoadMs: firstLoadLines[0]?.ms ?? null,
        logFiles,
        loadAvg: activationLoadAvg,
      },
      restore,
      requestsPerAction: {
        openChartWithDataLoaded: {
          runs: runs.length,
          requests: runs.reduce((n, r) => n + r.requests, 0),
          perRun: runs.map((r) => r.requests),
        },
        switchLoadedViews,
        openPlan,
        switchTreeGrouping,
        refreshWithBothSources: { firstLoad, refresh },
      },
    };
  } catch (error) {
    if (browser) await browser.page.screenshot({ path: path.join(runDir, 'failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await api?.close().catch(() => undefined);
  }
}

function countRoute(requests: RecordedRequest[], route: string, source?: string): number {
  return requests.filter((r) => r.path.endsWith(`/${route}`) && (source === undefined || r.path.includes(`/streams/${source}/`))).length;
}

/**
 * Activity bar → the LaunchDarkly Usage view, left alone when it is already the open one (a click
 * would hide it). After a reload the side bar comes back as it was a moment after the activity bar:
 * it gets that moment before the click.
 */
async function openActivityBarView(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator('a[aria-label^="LaunchDarkly Usage"]') });
  await item.waitFor({ timeout: 30_000 });
  const isOpen = async () =>
    Boolean((await item.getAttribute('class'))?.split(/\s+/).includes('checked') && (await page.locator('.sidebar').isVisible()));
  const open = await eventually(isOpen, 5_000, 'the side bar as it was', 100).catch(() => false);
  if (!open) await item.locator('a').click();
}

/** Sets the token through the palette's password box, once, and waits for the first load. */
async function setTokenOnce(page: Page, api: LdApiServer): Promise<void> {
  await openActivityBarView(page);
  await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 30_000 });
  await enterApiToken(page, TOKEN);
  await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
  await eventually(() => api.requests.some((r) => r.path.endsWith('/bysdkversion')), 15_000, 'the first data request');
  await eventually(async () => (await page.locator('.sidebar .monaco-list-row[aria-level="1"]').count()) > 1, 15_000, 'tree rows');
  await waitForQuickInputClosed(page);
  await page.waitForTimeout(1000);
}

async function waitPanelIdle(page: Page): Promise<void> {
  const frame = webviewFrame(page);
  await eventually(async () => (await frame.locator('#app').getAttribute('aria-busy')) === 'false', 20_000, 'the panel to finish loading');
  await page.waitForTimeout(1500);
}

/**
 * Opens the palette on `label` and moves the selection onto exactly that command, without running it.
 * The palette filters fuzzily and may list others first.
 */
async function focusPaletteCommand(page: Page, label: string): Promise<void> {
  await waitForQuickInputClosed(page);
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const labelOf = (t: string | null) => (t ?? '').split(/,\s|\n/)[0]!.trim();
  await eventually(
    async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).some((t) => labelOf(t) === label),
    10_000,
    `"${label}" in the palette`,
    50,
  );
  for (let i = 0; i < 20; i++) {
    const focused = labelOf(
      await page
        .locator('.quick-input-list .monaco-list-row.focused')
        .first()
        .getAttribute('aria-label', { timeout: 2000 })
        .catch(() => null),
    );
    if (focused === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not select "${label}" in the palette`);
}

interface PaintProbe {
  painted: boolean;
  at: number;
  timeOrigin: number;
  scriptEnd: number | null;
  domContentLoaded: number | null;
}

/** Inside the webview's frame: polls canvas#chart every POLL_MS until it has painted pixels (or timeoutMs). */
function probePaint(frame: Frame, timeoutMs: number): Promise<PaintProbe> {
  // No named inner functions in page code: tsx (esbuild keepNames) would wrap them in __name().
  return frame.evaluate(
    ({ intervalMs, timeoutMs }) =>
      new Promise<PaintProbe>((resolve) => {
        const started = Date.now();
        const timer = setInterval(() => {
          const canvas = document.querySelector('canvas#chart') as HTMLCanvasElement | null;
          let painted = false;
          if (canvas && canvas.width > 0 && canvas.height > 0) {
            const ctx = canvas.getContext('2d');
            if (ctx) {
              const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 3; i < d.length; i += 4) {
                if (d[i]! > 0) {
                  painted = true;
                  break;
                }
              }
            }
          }
          if (!painted && Date.now() - started < timeoutMs) return;
          const at = Date.now();
          clearInterval(timer);
          const script = performance.getEntriesByType('resource').find((e) => /webview\.js/.test(e.name)) as
            PerformanceResourceTiming | undefined;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          resolve({
            painted,
            at,
            timeOrigin: performance.timeOrigin,
            scriptEnd: script ? script.responseEnd : null,
            domContentLoaded: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : null,
          });
        }, intervalMs);
      }),
    { intervalMs: POLL_MS, timeoutMs },
  );
}

async function openChartTimed(page: Page, api: LdApiServer, extensionRequests: () => RecordedRequest[]): Promise<ChartRun> {
  // Close the panel (if open) and let the workbench settle.
  if ((await page.locator('iframe.webview').count()) > 0) {
    await paletteCommand(page, 'View: Close All Editors');
    await eventually(async () => (await page.locator('iframe.webview').count()) === 0, 10_000, 'the panel to close');
  }
  await page.waitForTimeout(1000);
  await focusPaletteCommand(page, SHOW_CHART);
  api.resetRequests();

  const start = Date.now();
  await page.keyboard.press('Enter');
  const deadline = start + 30_000;
  let probe: PaintProbe | undefined;
  while (!probe) {
    if (Date.now() > deadline) throw new Error('the chart did not paint within 30 s');
    const frame = await webviewFrameObject(page, Math.max(1000, deadline - Date.now())).catch(() => undefined);
    if (!frame) continue;
    // The frame can be replaced while it loads; then look for it again.
    probe = await probePaint(frame, Math.max(1000, deadline - Date.now())).catch(async () => {
      await new Promise((r) => setTimeout(r, POLL_MS));
      return undefined;
    });
    if (probe && !probe.painted) throw new Error('the chart did not paint within 30 s');
  }
  const rel = (frameMs: number | null) => (frameMs === null ? null : Math.round(probe!.timeOrigin + frameMs - start));
  // Let anything the open triggers reach the API before counting.
  await page.waitForTimeout(1000);
  return {
    ms: probe.at - start,
    frameStartMs: Math.round(probe.timeOrigin - start),
    scriptLoadedMs: rel(probe.scriptEnd),
    domContentLoadedMs: rel(probe.domContentLoaded),
    requests: extensionRequests().length,
  };
}

interface Activation {
  key: string;
  ms: number;
}

/** Every "Activated in X ms." line in the extension's output channel logs, in file order. */
function readActivations(logsDir: string): Activation[] {
  const files = listFiles(logsDir)
    .filter((f) => path.basename(f).endsWith('LaunchDarkly Usage.log'))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs || a.localeCompare(b));
  const out: Activation[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = /Activated in ([\d.]+) ms\./.exec(line);
      if (m) out.push({ key: `${file}:${i}`, ms: Number(m[1]) });
    });
  }
  return out;
}
