/**
 * End-to-end: the packaged extension (.vsix) in a real VS Code (code-server's web workbench) driven
 * in headless Chromium the way a person would: activity bar, palette, password box, tree, chart
 * panel, save dialog, notifications, reload. The data comes from the local LaunchDarkly-compatible
 * API started in-process, serving its messy data set (and its clean one for one round and the
 * screenshots), and every number the UI shows is compared with what that API serves for the
 * request the extension made, worked out by test/support/expectedUsage.ts (never with constants).
 *
 * One code-server and one browser profile for the whole file (the token lives in the browser's
 * secret storage), in a fresh run folder .test-runs/e2e-<timestamp>/. The steps run in order;
 * once one fails the later ones are skipped. Failure screenshots and all logs stay in the run folder.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts
 * Step 11 runs axe-core in the chart webview in four themes and fails on serious or critical
 * violations; the counts per theme go to the output and the details to axe-violations.txt.
 * E2E_UPDATE_DOCS_IMAGES=1 also copies the light/dark screenshots to docs/images/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type LaunchedBrowser } from '../harness/browser';
import { sequentialSteps } from '../harness/steps';
import { repoRoot, startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import {
  clearNotifications,
  enterApiToken,
  eventually,
  listFiles,
  notification,
  paletteCommand,
  pickQuickItem,
  pruneOldRuns,
  saveBrowserWorkbenchLogs,
  sidebarTreeRow,
  sidebarTreeRows,
  updateWorkspaceSettings,
  webviewFrame,
  webviewFrameObject,
} from '../harness/workbench';
import { describeViolations, runAxe } from '../harness/axe';
import { DATASETS, type DatasetName } from '../server/datasets';
import { OTHER_SERIES_ID, cataloguedSdkId, cataloguedVersionId, sdkId, versionId } from '../../src/model/rowIds';
import type { StreamSource } from '../../src/api/parse';
import { startLdApiServer, type LdApiServer, type RecordedRequest } from '../server/ldApiServer';
import { cataloguedAs } from '../support/catalogueOracle';
import { expectedUsage, type ExpectedUsage } from '../support/expectedUsage';

/** Recognisable, so a leak anywhere is easy to find; valid shape (api- + UUID). */
const TOKEN = 'api-e2e5ec12-0000-4000-8000-00000000beef';
const WRONG_TOKEN = 'api-00000000-0000-4000-8000-000000000bad';
const VSIX = path.join(repoRoot, 'dist', 'launchdarkly-sdk-usage.vsix');
const EXTENSION_UA = /^launchdarkly-sdk-usage-vscode\//;
const STEP_TIMEOUT_MS = 60_000;
/** The clean data's `node-server` as the tree and the panel name it (the catalogue's display name). */
const NODE_SERVER = cataloguedAs('node-server', '9.7.1')!.shown;

// ---------------------------------------------------------------------------
// What the local API serves, fetched by the test itself

interface ApiSeries {
  id: string;
  /** Its SDK's row id (by catalogue id where the catalogue knows the SDK). */
  sdkId: string;
  /** The SDK's name as shown: the catalogue's display name where it knows it. */
  sdk: string;
  reportedSdks: readonly string[];
  catalogueId: string | undefined;
  version: string;
  values: number[];
}

interface ApiAnswer {
  source: string;
  times: number[];
  /** One per SDK and version (two metadata entries of one pair, or two spellings of one SDK, are one series). */
  series: ApiSeries[];
  expected: ExpectedUsage;
}

interface DataTable {
  headers: { id: string; label: string }[];
  rows: { time: number; cells: Record<string, number> }[];
}

/** What a chart series id stands for: a version, an SDK (grouped by SDK) or the folded rest; catalogued or as reported alike. */
const idKind = (id: string): { kind: string; source?: string } => {
  if (id === OTHER_SERIES_ID) return { kind: 'other' };
  const [kind, source] = JSON.parse(id) as string[];
  return { kind: kind === 'cataloguedVersion' ? 'version' : kind === 'cataloguedSdk' ? 'sdk' : kind!, source };
};

const count = (text: string): number => {
  const digits = text.replace(/[^\d]/g, '');
  assert.ok(digits.length > 0, `not a number: ${JSON.stringify(text)}`);
  return Number(digits);
};

// ---------------------------------------------------------------------------

describe('SDK Usage for LaunchDarkly in a real VS Code (code-server + Chromium)', () => {
  const started = Date.now();
  const runDir = path.join(repoRoot, '.test-runs', `e2e-${started}`);
  const folder = path.join(runDir, 'workspace');
  const exportsDir = path.join(runDir, 'exports');
  const screensDir = path.join(runDir, 'screenshots');
  let api: LdApiServer;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let page: Page;
  let frame: FrameLocator;
  const consoleLines: string[] = [];
  const exported: string[] = [];

  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  const extensionRequests = (route?: string, source?: string): RecordedRequest[] =>
    api.requests.filter(
      (r) =>
        EXTENSION_UA.test(r.headers['user-agent'] ?? '') &&
        (route === undefined || r.path.endsWith(`/${route}`)) &&
        (source === undefined || r.path.includes(`/streams/${source}/`)),
    );

  /** Which data set the API served from since when, to know what the extension was sent. */
  const datasets: { since: number; name: DatasetName }[] = [{ since: 0, name: 'messy' }];
  const useDataset = (name: DatasetName) => {
    api.setDataset(name);
    datasets.push({ since: Date.now(), name });
  };
  const datasetAt = (time: number) => datasets.filter((d) => d.since <= time).pop()!.name;
  /**
   * The extension asks for the versions seen lately once per source and session: the data set
   * served when it last did, per source (kept across resetRequests(), which forgets the request).
   */
  const sdkVersionsServedFrom = new Map<string, DatasetName>();

  const fetchText = async (url: URL): Promise<string> => {
    const response = await fetch(url, { headers: { Authorization: TOKEN, 'LD-API-Version': 'beta', 'User-Agent': 'e2e-test' } });
    assert.equal(response.status, 200, `${url.pathname}: ${response.status}`);
    return response.text();
  };

  /** Fetches exactly what the extension asked for (path and query), with the source's sdkversions, and works out what it shows. */
  const fetchAsExtensionDid = async (request: RecordedRequest): Promise<ApiAnswer> => {
    const url = new URL(request.path, api.url);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
    const source = /\/streams\/([^/]+)\//.exec(request.path)?.[1];
    assert.ok(source === 'server' || source === 'client', request.path);
    const asked = extensionRequests('sdkversions', source).pop();
    if (asked) sdkVersionsServedFrom.set(source, datasetAt(asked.time));
    const servedFrom = sdkVersionsServedFrom.get(source);
    const sdkVersions = servedFrom && JSON.stringify(DATASETS[servedFrom].sdkVersionsBody(source));
    // The extension reads names with its SDK catalogue: so does the oracle.
    const expected = expectedUsage([{ source, body: await fetchText(url), sdkVersions }], { catalogue: true });
    return {
      source,
      times: [...expected.times],
      series: expected.versions.map((v) => ({
        id:
          v.catalogueId === undefined
            ? versionId(source as StreamSource, v.sdk, v.version)
            : cataloguedVersionId(source as StreamSource, v.catalogueId, v.version),
        sdkId: v.catalogueId === undefined ? sdkId(source as StreamSource, v.sdk) : cataloguedSdkId(source as StreamSource, v.catalogueId),
        sdk: v.sdk,
        reportedSdks: v.reportedSdks,
        catalogueId: v.catalogueId,
        version: v.version,
        values: [...v.values],
      })),
      expected,
    };
  };

  /** The extension's latest bysdkversion request for `source` (waits for one), answered again for the test. */
  const latestAnswer = async (source: string, since = 0): Promise<ApiAnswer> => {
    const request = await eventually(
      () =>
        extensionRequests('bysdkversion', source)
          .filter((r) => r.time >= since)
          .pop(),
      15_000,
      `a ${source} bysdkversion request from the extension`,
    );
    return fetchAsExtensionDid(request);
  };

  const sdkNames = (answer: ApiAnswer) => [...new Set(answer.series.map((s) => s.sdk))].sort();

  const topLevelLabels = async () =>
    (await sidebarTreeRows(page))
      .filter((r) => r.level === 1)
      .map((r) => r.label)
      .sort();

  const readDataTable = (): Promise<DataTable> =>
    // No named inner functions in page code: tsx (esbuild keepNames) would wrap them in __name(), which the page lacks.
    frame.locator('#data-table').evaluate((table) => {
      const headers = Array.from(table.querySelectorAll('thead th[data-series]')).map((th) => ({
        id: th.getAttribute('data-series') ?? '',
        label: th.textContent ?? '',
      }));
      const rows = Array.from(table.querySelectorAll('tbody tr[data-time]')).map((tr) => {
        const cells: Record<string, number> = {};
        for (const td of Array.from(tr.querySelectorAll('td[data-series]')))
          cells[td.getAttribute('data-series') ?? ''] = Number((td.textContent ?? '').replace(/[^\d]/g, ''));
        return { time: Number(tr.getAttribute('data-time')), cells };
      });
      return { headers, rows };
    });

  /**
   * The table must show, per bucket, the API's values: a "<source>:<sdk>@<version>" column is that
   * series, a "<source>:<sdk>" column (grouped by SDK) the sum of its versions, and "other" the
   * sum of every series not shown in its own column.
   */
  const assertTableMatchesApi = (table: DataTable, answer: ApiAnswer) => {
    assert.deepEqual(
      table.rows.map((r) => r.time),
      answer.times,
      'the table has one row per bucket the API answered',
    );
    assert.ok(table.headers.length > 0, 'the table has series columns');
    const expectedFor = (id: string): number[] => {
      const members =
        idKind(id).kind === 'version' ? answer.series.filter((s) => s.id === id) : answer.series.filter((s) => s.sdkId === id);
      assert.ok(members.length > 0, `column ${id} is not a series the API serves`);
      return answer.times.map((_, p) => members.reduce((sum, s) => sum + s.values[p]!, 0));
    };
    const shown = table.headers.filter((h) => h.id !== 'other');
    const shownValues = new Map(shown.map((h) => [h.id, expectedFor(h.id)]));
    for (const [id, values] of shownValues) {
      assert.deepEqual(
        table.rows.map((r) => r.cells[id]),
        values,
        `column ${id} equals the API's numbers`,
      );
    }
    const other = table.headers.find((h) => h.id === 'other');
    const total = answer.times.map((_, p) => answer.series.reduce((sum, s) => sum + s.values[p]!, 0));
    if (other) {
      const expectedOther = total.map((t, p) => t - [...shownValues.values()].reduce((sum, v) => sum + v[p]!, 0));
      assert.deepEqual(
        table.rows.map((r) => r.cells.other),
        expectedOther,
        'the "other" column sums every series not shown',
      );
      const groups = shown.some((h) => idKind(h.id).kind === 'sdk')
        ? new Set(answer.series.map((s) => s.sdkId)).size
        : answer.series.length;
      assert.equal(other.label.trim(), `Other (${groups - shown.length} series)`);
    } else {
      const shownTotal = answer.times.map((_, p) => [...shownValues.values()].reduce((sum, v) => sum + v[p]!, 0));
      assert.deepEqual(shownTotal, total, 'without "other", the columns cover every series');
    }
  };

  const bannerState = () =>
    frame.locator('#banner').evaluate((b: HTMLElement) => ({ hidden: b.hidden, className: b.className, text: b.textContent ?? '' }));

  /** Waits until a refresh started by the test has finished, then a little longer for stragglers. */
  const settle = async (source: string) => {
    await eventually(() => extensionRequests('bysdkversion', source).length >= 1, 15_000, 'the refresh request');
    await eventually(
      async () => (await frame.locator('#app').getAttribute('aria-busy')) === 'false',
      15_000,
      'the panel to finish loading',
    );
    await page.waitForTimeout(1500);
  };

  /** Every row of the summary table as shown (all of them: "Show all" first when offered). */
  const readSummaryTable = async () => {
    const showAll = frame.locator('#show-all-rows');
    if ((await showAll.count()) > 0) await showAll.click();
    return frame.locator('#summary-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = Array.from((r as HTMLTableRowElement).cells);
        return { cells: cells.map((c) => c.textContent ?? ''), healthClass: cells[6]?.className ?? '' };
      }),
    );
  };

  /**
   * Every column of every summary row against the API's answer: SDK, Version, Latest, Peak,
   * Average (rounded), Share (to the precision shown) and Health (its status, and the newest
   * version it names), one row per SDK and version the API served.
   */
  const assertSummaryMatchesApi = async (answer: ApiAnswer) => {
    const rows = await readSummaryTable();
    const { expected } = answer;
    // Where LaunchDarkly's SDK versions report names a version (a name it was reported under and
    // the version, case aside, or the same catalogued SDK and version), its verdict may stand;
    // anywhere else the release dates (a catalogued SDK) or the estimate is what shows.
    const reportRequest = extensionRequests('all').pop();
    const reportUrl = new URL('/api/v2/usage/sdk-versions/all', api.url);
    for (const [k, v] of Object.entries(reportRequest?.query ?? {})) reportUrl.searchParams.set(k, v);
    const report = JSON.parse(await fetchText(reportUrl)) as { name?: string; version?: string; eolStatus?: string }[];
    const reported = (want: ExpectedUsage['versions'][number]) =>
      report
        .filter(
          (e) =>
            e.version?.toLowerCase() === want.version.toLowerCase() &&
            (want.reportedSdks.some((name) => e.name?.toLowerCase() === name.toLowerCase()) ||
              (want.catalogueId !== undefined && cataloguedAs(e.name ?? '', e.version)?.id === want.catalogueId)),
        )
        .map((e) => e.eolStatus);
    assert.equal(rows.length, expected.versions.length, 'one summary row per SDK and version the API served');
    const seen = new Set<string>();
    for (const { cells, healthClass } of rows) {
      const [sdk, version, latest, peak, average, share, health] = cells as [string, string, string, string, string, string, string];
      const want = expected.versions.find((v) => v.sdk === sdk && v.version === version);
      assert.ok(want, `summary row ${sdk} ${version} is a version the API served`);
      seen.add(JSON.stringify([sdk, version]));
      const at = `${sdk} ${version}`;
      assert.equal(count(latest), want.latest, `${at}: Latest`);
      assert.equal(count(peak), want.peak, `${at}: Peak`);
      assert.equal(count(average), Math.round(want.average), `${at}: Average`);
      const percent = /^(\d+(?:\.\d)?)%$/.exec(share.trim());
      assert.ok(percent, `${at}: Share "${share}"`);
      const precision = percent[1]!.includes('.') ? 0.05 : 0.5;
      assert.ok(Math.abs(Number(percent[1]) - want.share * 100) <= precision + 1e-9, `${at}: Share ${share} for ${want.share * 100}%`);
      const verdicts = reported(want);
      // Without LaunchDarkly's verdict: the release dates for a catalogued SDK, else the estimate.
      const fallback = want.releaseHealth ?? want.health;
      if (verdicts.length === 0) {
        assert.equal(healthClass, `health health-${fallback}`, `${at}: Health`);
        if (want.releaseHealth === undefined && want.health !== 'unknown')
          assert.ok(health.includes(want.newest!), `${at}: Health "${health}" names ${want.newest}`);
        if (want.releaseHealth !== undefined)
          assert.match(health, /\(estimate from LaunchDarkly's release dates as of \d{4}-\d\d-\d\d\)$/, at);
      } else {
        assert.ok(
          [fallback, ...verdicts].some((key) => healthClass === `health health-${key}`),
          `${at}: Health ${healthClass}, reported as ${verdicts.join(', ')}`,
        );
      }
    }
    assert.equal(seen.size, rows.length, 'no SDK and version listed twice');
  };

  /** Every SDK row of the tree and every version row under it against the API's answer. */
  const assertTreeMatchesApi = async (answer: ApiAnswer) => {
    const { expected } = answer;
    const sdks = expected.sdks.filter((s) => s.source === answer.source);
    await eventually(async () => {
      assert.deepEqual(await topLevelLabels(), sdks.map((s) => s.sdk).sort());
      return true;
    }, 15_000);
    for (const sdk of sdks) {
      const row = sidebarTreeRow(page, sdk.sdk);
      const wasExpanded = (await row.getAttribute('aria-expanded')) === 'true';
      if (!wasExpanded) await row.click();
      const rows = await eventually(
        async () => {
          const all = await sidebarTreeRows(page);
          const at = all.findIndex((r) => r.level === 1 && r.label === sdk.sdk);
          const children = [];
          for (const r of all.slice(at + 1)) {
            if (r.level !== 2) break;
            children.push(r);
          }
          return children.length === sdk.versions.length ? { self: all[at]!, children } : undefined;
        },
        10_000,
        `${sdk.versions.length} version rows under ${sdk.sdk}`,
      );
      const m = /^(\S+) connections · (\d+) versions?$/.exec(rows.self.description);
      assert.ok(m, `${sdk.sdk}: description "${rows.self.description}"`);
      assert.equal(count(m[1]!), sdk.latest, `${sdk.sdk}: latest connections`);
      assert.equal(Number(m[2]), sdk.versions.length, `${sdk.sdk}: versions`);
      assert.deepEqual(rows.children.map((r) => r.label).sort(), sdk.versions.map((v) => v.version).sort(), `${sdk.sdk}: version rows`);
      for (const child of rows.children) {
        const v = sdk.versions.find((x) => x.version === child.label)!;
        const d = /^latest (\S+) · peak (\S+)$/.exec(child.description);
        assert.ok(d, `${sdk.sdk} ${v.version}: description "${child.description}"`);
        assert.equal(count(d[1]!), v.latest, `${sdk.sdk} ${v.version}: latest`);
        assert.equal(count(d[2]!), v.peak, `${sdk.sdk} ${v.version}: peak`);
      }
      if (!wasExpanded) await row.click();
    }
  };

  const summaryRows = () =>
    frame.locator('#summary-table tbody tr[data-version-id]').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-version-id') ?? '',
        health: r.querySelector('td.health')?.className ?? '',
        sdk: (r as HTMLTableRowElement).cells[0]?.textContent ?? '',
      })),
    );

  const saveThroughDialog = async (button: string, file: string) => {
    await clearNotifications(page);
    await frame.locator(button).click();
    const input = page.locator('.quick-input-widget input');
    // The simple (server-side) save dialog proposes <workspace>/launchdarkly-sdk-connections-….
    await eventually(
      async () => (await input.isVisible()) && /launchdarkly-sdk-connections-/.test(await input.inputValue()),
      10_000,
      'the save dialog',
    );
    await input.fill(file);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await eventually(() => fs.existsSync(file) && fs.statSync(file).size > 0, 10_000, `${file} to be written`);
    await notification(page, 'Exported usage data').first().waitFor({ timeout: 10_000 });
    exported.push(file);
  };

  before(async () => {
    fs.mkdirSync(path.join(runDir, 'tmp'), { recursive: true });
    // Anything this process (Playwright) puts in the system temp folder goes into the run folder.
    process.env.TMPDIR = path.join(runDir, 'tmp');
    pruneOldRuns(path.dirname(runDir), path.basename(runDir));
    fs.mkdirSync(folder, { recursive: true });
    fs.mkdirSync(exportsDir, { recursive: true });
    if (!fs.existsSync(VSIX)) {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    api = await startLdApiServer({ token: TOKEN, dataset: 'messy' });
    server = await startCodeServer({
      runDir,
      folder,
      vsixPath: VSIX,
      userSettings: { 'launchdarklyUsage.baseUrl': api.url, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    browser = await launchBrowser(runDir);
    page = browser.page;
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    frame = webviewFrame(page);
    await openWorkbench(page, server.url);
  });

  after(async () => {
    try {
      fs.writeFileSync(path.join(runDir, 'browser-console.txt'), consoleLines.join('\n'));
    } catch {
      /* the run folder may not exist if start-up failed early */
    }
    // Always stop everything, whatever failed: the browser first (it holds the workbench's connections).
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await api?.close().catch(() => undefined);
    console.log(`# run folder: ${path.relative(repoRoot, runDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  });

  step('1. the activity bar entry shows the welcome view with a "Set API Token" button', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    const welcome = page.locator('.sidebar .welcome-view-content');
    await welcome.waitFor({ timeout: 20_000 });
    await welcome.locator('.monaco-button', { hasText: 'Set API Token' }).waitFor();
    assert.match(await page.locator('.sidebar').innerText(), /SDK Versions/);
  });

  step('2a. a wrong token is refused with a clear error and nothing is stored', async () => {
    await enterApiToken(page, WRONG_TOKEN);
    const toast = notification(page, 'not saved').first();
    await toast.waitFor({ timeout: 15_000 });
    const text = await toast.innerText();
    assert.match(text, /401/);
    assert.match(text, /Set API Token/, 'the error says what to do');
    assert.ok(
      api.requests.some((r) => r.path === '/api/v2/caller-identity' && !r.authorized),
      'the wrong token was checked against the API',
    );
    await page.locator('.sidebar .welcome-view-content .monaco-button', { hasText: 'Set API Token' }).waitFor();
    assert.equal(extensionRequests('bysdkversion').length, 0, 'no data was loaded with the wrong token');
    await clearNotifications(page);
  });

  step('2b. the right token is saved and the tree lists the SDKs the API serves', async () => {
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    await page.locator('.sidebar .welcome-view-content').waitFor({ state: 'hidden', timeout: 10_000 });
    const answer = await latestAnswer('server');
    const expected = sdkNames(answer);
    assert.ok(expected.length > 1);
    await eventually(async () => {
      assert.deepEqual(await topLevelLabels(), expected);
      return true;
    }, 15_000);
    await clearNotifications(page);
  });

  step('3. an SDK\'s version rows show "latest N · peak M" as the API serves them', async () => {
    const request = extensionRequests('bysdkversion', 'server').pop();
    assert.ok(request, 'the extension asked for server-side data');
    assert.ok(request.query.from && request.query.to && request.query.tz, `from/to/tz in ${JSON.stringify(request.query)}`);
    const answer = await fetchAsExtensionDid(request);
    // The SDK with the most versions (ties: first by name) is the most telling one to expand.
    const bySdk = new Map<string, ApiSeries[]>();
    for (const s of answer.series) bySdk.set(s.sdk, [...(bySdk.get(s.sdk) ?? []), s]);
    // Shown names are one per SDK row (the catalogue's display names are made unique).
    assert.equal(bySdk.size, new Set(answer.series.map((s) => s.sdkId)).size);
    const [sdk, versions] = [...bySdk].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    await sidebarTreeRow(page, sdk).click();
    const rows = await eventually(
      async () => {
        const all = await sidebarTreeRows(page);
        const at = all.findIndex((r) => r.level === 1 && r.label === sdk);
        const children = [];
        for (const r of all.slice(at + 1)) {
          if (r.level !== 2) break;
          children.push(r);
        }
        return children.length === versions.length ? children : undefined;
      },
      10_000,
      `${versions.length} version rows under ${sdk}`,
    );
    for (const row of rows) {
      const series = versions.find((v) => v.version === row.label);
      assert.ok(series, `version row ${row.label} is a version the API serves for ${sdk}`);
      const m = /^latest (\S+) · peak (\S+)$/.exec(row.description);
      assert.ok(m, `description "${row.description}"`);
      assert.equal(count(m[1]!), series.values[series.values.length - 1], `${sdk} ${row.label}: latest`);
      assert.equal(count(m[2]!), Math.max(...series.values), `${sdk} ${row.label}: peak`);
    }
  });

  step('4. the chart panel draws the data; its subtitle names range, source and granularity; its table matches the API', async () => {
    await paletteCommand(page, 'LaunchDarkly Usage: Show SDK Connections Chart');
    const subtitle = frame.locator('#subtitle');
    await subtitle.filter({ hasText: 'Last 24 hours' }).waitFor({ timeout: 20_000 });
    const text = await subtitle.innerText();
    const request = extensionRequests('bysdkversion', 'server').pop()!;
    assert.match(text, /Server-side SDKs/);
    assert.match(text, /Last 24 hours/);
    assert.match(text, /hourly/);
    assert.ok(text.includes(`times in ${request.query.tz}`), `time zone ${request.query.tz} in "${text}"`);
    // Non-blank canvas: enough non-transparent pixels in several colours (Chart.js may still be animating).
    await eventually(
      async () => {
        const { painted, colours } = await frame.locator('canvas#chart').evaluate((canvas: HTMLCanvasElement) => {
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0 || canvas.height === 0) return { painted: 0, colours: 0 };
          const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          const seen = new Set<number>();
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3]! > 0) {
              painted++;
              if (seen.size < 64) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
            }
          }
          return { painted, colours: seen.size };
        });
        return painted > 5000 && colours > 5;
      },
      15_000,
      'a drawn chart',
    );
    await frame.locator('#toggle-table').click();
    await frame.locator('#data-table').waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('#toggle-table').getAttribute('aria-pressed'), 'true');
    const table = await readDataTable();
    assert.ok(
      table.headers.every((h) => h.id === 'other' || (idKind(h.id).kind === 'version' && idKind(h.id).source === 'server')),
      JSON.stringify(table.headers),
    );
    assert.ok(
      table.headers.some((h) => h.id === 'other'),
      'with more versions than chart.topN there is an "Other" column',
    );
    assertTableMatchesApi(table, await fetchAsExtensionDid(request));
  });

  step('4b. every summary column and every tree row show what the API served (messy data)', async () => {
    assert.equal(api.dataset, 'messy');
    const answer = await fetchAsExtensionDid(extensionRequests('bysdkversion', 'server').pop()!);
    assert.ok(
      answer.series.some((s) => s.sdk === 'Unknown'),
      'the messy data reached the extension',
    );
    await assertSummaryMatchesApi(answer);
    await assertTreeMatchesApi(answer);
  });

  step('4c. the same with the clean data set; then back to the messy one', async () => {
    const showData = async (dataset: 'clean' | 'messy') => {
      useDataset(dataset);
      const since = Date.now();
      await paletteCommand(page, 'LaunchDarkly Usage: Refresh');
      const answer = await latestAnswer('server', since);
      await eventually(
        async () => (await frame.locator('#app').getAttribute('aria-busy')) === 'false',
        15_000,
        'the panel to finish loading',
      );
      await eventually(async () => {
        await assertSummaryMatchesApi(answer);
        return true;
      }, 10_000);
      return answer;
    };
    const clean = await showData('clean');
    assert.ok(clean.series.every((s) => s.sdk !== 'Unknown'));
    await assertTreeMatchesApi(clean);
    assertTableMatchesApi(await readDataTable(), clean);
    await showData('messy');
  });

  step('5. choosing client-side SDKs switches the tree and the chart', async () => {
    const since = Date.now();
    await paletteCommand(page, 'LaunchDarkly Usage: Choose Source');
    await pickQuickItem(page, 'Client-side SDKs');
    const answer = await latestAnswer('client', since);
    const expected = sdkNames(answer);
    await eventually(async () => {
      assert.deepEqual(await topLevelLabels(), expected);
      return true;
    }, 15_000);
    await frame.locator('#subtitle').filter({ hasText: 'Client-side SDKs' }).waitFor({ timeout: 10_000 });
    assert.doesNotMatch(await frame.locator('#subtitle').innerText(), /Server-side/);
    await eventually(async () => {
      const table = await readDataTable();
      assert.ok(
        table.headers.every((h) => h.id === 'other' || idKind(h.id).source === 'client'),
        JSON.stringify(table.headers),
      );
      assertTableMatchesApi(table, answer);
      return true;
    }, 10_000);
  });

  step('6. a refresh asks the API exactly once for the source shown (tree button, then panel button)', async () => {
    await frame.locator('#subtitle').filter({ hasText: 'updated' }).waitFor();
    api.resetRequests();
    // A container with a single view shows the view's title actions in the side bar's own title.
    await page.locator('.sidebar a.action-label[aria-label="Refresh"]:visible').click();
    await settle('client');
    assert.equal(extensionRequests('bysdkversion').length, 1, 'one bysdkversion request per refresh, from the tree');
    assert.equal(extensionRequests('bysdkversion', 'client').length, 1, 'for the client source');

    api.resetRequests();
    await frame.locator('#refresh').click();
    await settle('client');
    assert.equal(extensionRequests('bysdkversion').length, 1, 'one bysdkversion request per refresh, from the panel');
    assert.equal(extensionRequests('bysdkversion', 'client').length, 1, 'for the client source');
  });

  step('7. a 503 shows an actionable error in the tree and the panel, keeps the old data, and a refresh recovers', async () => {
    const before = await readDataTable();
    api.resetRequests();
    api.addFault({ fault: { kind: 'status', status: 503 }, times: 1 });
    await paletteCommand(page, 'LaunchDarkly Usage: Refresh');
    const errorRow = page.locator('.sidebar .monaco-list-row[aria-level="1"]').filter({ hasText: '503' });
    await errorRow.waitFor({ timeout: 15_000 });
    const errorText = await errorRow.innerText();
    assert.match(errorText, /refresh/i, `the error says what to do: "${errorText}"`);
    assert.ok((await topLevelLabels()).length > 1, 'the SDK rows from the last good refresh are still listed');

    const banner = await eventually(
      async () => {
        const b = await bannerState();
        return !b.hidden && b.className === 'error' ? b : undefined;
      },
      10_000,
      'the error banner',
    );
    assert.match(banner.text, /503/);
    assert.match(banner.text, /last successful refresh/);
    const again = frame.locator('#banner vscode-button', { hasText: 'Refresh' });
    assert.equal(await again.count(), 1, 'the banner offers a Refresh button');
    assert.deepEqual(await readDataTable(), before, 'the table still shows the old data');
    assert.match(await frame.locator('#subtitle').innerText(), /stale/);

    await again.click();
    await eventually(async () => (await bannerState()).hidden, 15_000, 'the banner to hide');
    await errorRow.waitFor({ state: 'detached', timeout: 10_000 });
    assertTableMatchesApi(await readDataTable(), await latestAnswer('client'));
    assert.doesNotMatch(await frame.locator('#subtitle').innerText(), /stale/);
  });

  step('8. panel features: group by SDK, outdated-only, sorting, chart.topN and "Other"', async () => {
    const answer = await latestAnswer('client');

    // Group by SDK: one column per SDK, each the sum of its versions.
    await frame.locator('#group-sdk').click();
    await eventually(async () => {
      const table = await readDataTable();
      assert.ok(
        table.headers.every((h) => h.id === 'other' || (idKind(h.id).kind === 'sdk' && idKind(h.id).source === 'client')),
        JSON.stringify(table.headers),
      );
      assert.deepEqual(
        table.headers
          .filter((h) => h.id !== 'other')
          .map((h) => h.label.trim())
          .sort(),
        sdkNames(answer),
      );
      assertTableMatchesApi(table, answer);
      return true;
    }, 10_000);
    assert.equal(await frame.locator('#group-sdk').getAttribute('aria-pressed'), 'true');
    await frame.locator('#group-version').click();
    await eventually(
      async () => (await readDataTable()).headers.some((h) => idKind(h.id).kind === 'version'),
      10_000,
      'per-version columns',
    );

    // Outdated only: the summary keeps exactly the versions marked minor/major behind.
    const all = await summaryRows();
    assert.equal(all.length, answer.series.length, 'the summary lists every version');
    // Outdated: behind by the estimate, or LaunchDarkly's verdict or the release dates say upgrade.
    const outdated = all
      .filter((r) =>
        /health-(minorBehind|majorBehind|MajorVersionAvailable|EolNear|EolPast|releaseMajorVersionAvailable|releaseEolNear|releaseEolPast)\b/.test(
          r.health,
        ),
      )
      .map((r) => r.id)
      .sort();
    assert.ok(
      outdated.length > 0 && outdated.length < all.length,
      `some but not all versions are outdated (${outdated.length}/${all.length})`,
    );
    await frame.locator('#outdated-only').click();
    await eventually(async () => {
      assert.deepEqual((await summaryRows()).map((r) => r.id).sort(), outdated);
      return true;
    }, 10_000);
    await frame.locator('#outdated-only').click();
    await eventually(async () => (await summaryRows()).length === all.length, 10_000, 'every version again');

    // Sorting by the SDK column header.
    const header = frame.locator('#summary-table thead th').first();
    assert.equal(await header.getAttribute('aria-sort'), 'none');
    const orderBefore = (await summaryRows()).map((r) => r.id);
    await header.locator('button').click();
    await eventually(
      async () => (await frame.locator('#summary-table thead th').first().getAttribute('aria-sort')) === 'ascending',
      5000,
      'aria-sort ascending',
    );
    const ascending = await summaryRows();
    assert.notDeepEqual(
      ascending.map((r) => r.id),
      orderBefore,
      'the order changed',
    );
    const names = ascending.map((r) => r.sdk.toLowerCase());
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
      'rows are sorted by SDK',
    );
    await frame.locator('#summary-table thead th').first().locator('button').click();
    await eventually(
      async () => (await frame.locator('#summary-table thead th').first().getAttribute('aria-sort')) === 'descending',
      5000,
      'aria-sort descending',
    );

    // chart.topN = 3: three columns and "Other (n series)" with the rest.
    updateWorkspaceSettings(folder, { 'launchdarklyUsage.chart.topN': 3 });
    await eventually(async () => {
      const table = await readDataTable();
      assert.equal(table.headers.length, 4, JSON.stringify(table.headers));
      assert.equal(table.headers[3]!.id, 'other');
      assert.equal(table.headers[3]!.label.trim(), `Other (${answer.series.length - 3} series)`);
      assertTableMatchesApi(table, answer);
      return true;
    }, 15_000);
  });

  step('9. Export CSV and JSON through the save dialog; Copy summary', async () => {
    const answer = await latestAnswer('client');
    const csvFile = path.join(exportsDir, 'usage.csv');
    await saveThroughDialog('#export-csv', csvFile);
    const lines = fs.readFileSync(csvFile, 'utf8').split(/\r?\n/).filter(Boolean);
    assert.equal(
      lines[0],
      'time_iso,time_ms,source,sdk,version,connections,health,health_source,status,target_version,projects,environments,applications,connection,reported_sdk,release_data_date',
    );
    assert.equal(lines.length - 1, answer.series.length * answer.times.length, 'one row per version and bucket');
    for (const line of lines.slice(1)) {
      const [iso, ms, source, sdk, version, value] = line.split(',');
      const series = answer.series.find((s) => s.sdk === sdk && s.version === version);
      assert.ok(series && source === 'client', line);
      const p = answer.times.indexOf(Number(ms));
      assert.ok(p >= 0 && Date.parse(iso!) === Number(ms), line);
      assert.equal(Number(value), series.values[p], line);
    }

    const jsonFile = path.join(exportsDir, 'usage.json');
    await saveThroughDialog('#export-json', jsonFile);
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { columns: string[]; rows: unknown[][] };
    assert.deepEqual(json.columns, [
      'time_iso',
      'time_ms',
      'source',
      'sdk',
      'version',
      'connections',
      'health',
      'health_source',
      'status',
      'target_version',
      'projects',
      'environments',
      'applications',
      'connection',
      'reported_sdk',
      'release_data_date',
    ]);
    assert.equal(json.rows.length, answer.series.length * answer.times.length);

    await clearNotifications(page);
    await frame.locator('#copy-summary').click();
    const toast = notification(page, 'Copied').first();
    await toast.waitFor({ timeout: 10_000 });
    assert.match(await toast.innerText(), new RegExp(`Copied a summary of ${answer.series.length} versions`));
    await clearNotifications(page);
  });

  step(
    '10. after a window reload the panel comes back with the saved data, marked with its age, without a request, and keeps its UI state',
    async () => {
      await frame.locator('#group-sdk').click();
      await frame.locator('#outdated-only').click();
      assert.equal(await frame.locator('#toggle-table').getAttribute('aria-pressed'), 'true');
      await eventually(
        async () => (await frame.locator('#outdated-only').getAttribute('aria-checked')) === 'true',
        5000,
        'outdated-only checked',
      );
      api.resetRequests();
      const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
      await paletteCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
      await frame
        .locator('#subtitle')
        .filter({ hasText: / · as of (less than a minute|\d+ minutes?) ago/ })
        .waitFor({ timeout: 30_000 });
      assert.match(await frame.locator('#subtitle').innerText(), /Client-side SDKs · Last 24 hours/);
      // Time for anything the start would ask for to reach the API.
      await page.waitForTimeout(2000);
      assert.deepEqual(
        extensionRequests().map((r) => r.path),
        [],
        'the last answer, saved before the reload, is shown without asking the API',
      );
      assert.equal(await frame.locator('#group-sdk').getAttribute('aria-pressed'), 'true', 'still grouped by SDK');
      assert.equal(await frame.locator('#outdated-only').getAttribute('aria-checked'), 'true', 'still outdated-only');
      assert.equal(await frame.locator('#toggle-table').getAttribute('aria-pressed'), 'true', 'still showing the table');
      await frame.locator('#data-table').waitFor();
      assert.ok((await summaryRows()).length > 0, 'the summary has rows');
      // Back to the defaults for the screenshots.
      await frame.locator('#group-version').click();
      await frame.locator('#outdated-only').click();
      await frame.locator('#toggle-table').click();
      await frame.locator('canvas#chart').waitFor();
    },
  );

  step('11a. back to server-side SDKs, sorted by latest, one SDK expanded in the tree', async () => {
    fs.mkdirSync(screensDir, { recursive: true });
    updateWorkspaceSettings(folder, { 'launchdarklyUsage.chart.topN': null });
    // The pictures (also the README's) show the tidy data set.
    useDataset('clean');
    // Back to server-side SDKs through the panel's own dropdown.
    const since = Date.now();
    await frame.locator('#source').click();
    await frame.locator('#source vscode-option[value="server"]').click();
    await latestAnswer('server', since);
    await frame
      .locator('#subtitle')
      .filter({ hasText: /^Server-side SDKs.*updated/ })
      .waitFor({ timeout: 15_000 });
    // The clean data's node-server, under the catalogue's display name.
    await eventually(async () => (await topLevelLabels()).includes(NODE_SERVER), 10_000, 'server-side SDKs in the tree');
    const expand = sidebarTreeRow(page, NODE_SERVER);
    if ((await expand.getAttribute('aria-expanded')) !== 'true') await expand.click();
    await eventually(async () => (await sidebarTreeRows(page)).some((r) => r.level === 2), 10_000, 'version rows');
    // The summary's default order (largest latest first) reads best in a picture.
    await frame.locator('#summary-table thead th button', { hasText: 'Latest' }).click();
    await eventually(
      async () => (await frame.locator('#summary-table thead th').nth(2).getAttribute('aria-sort')) === 'descending',
      5000,
      'sorted by latest',
    );
  });

  const axeCounts: string[] = [];
  /** Runs axe-core in the chart webview; fails on serious or critical violations. */
  const checkAccessibility = async (theme: string, state: string) => {
    const report = await runAxe(await webviewFrameObject(page));
    const line = `axe ${theme}, ${state}: critical ${report.counts.critical}, serious ${report.counts.serious}, moderate ${report.counts.moderate}, minor ${report.counts.minor}`;
    axeCounts.push(line);
    console.log(line);
    if (report.violations.length)
      fs.appendFileSync(path.join(runDir, 'axe-violations.txt'), `${line}\n${describeViolations(report.violations)}\n\n`);
    assert.deepEqual(
      report.blocking.map((v) => v.id),
      [],
      `serious or critical violations (${theme}, ${state}):\n${describeViolations(report.blocking)}`,
    );
  };

  for (const [theme, kind, themeKind] of [
    ['Default Light Modern', 'light', 'vscode-light'],
    ['Default Dark Modern', 'dark', 'vscode-dark'],
    ['Default High Contrast', 'hc-dark', 'vscode-high-contrast'],
    ['Default High Contrast Light', 'hc-light', 'vscode-high-contrast-light'],
  ] as const) {
    step(
      `11b. ${theme}: screenshot; axe-core finds no serious or critical violation with data, with tables, with an error banner`,
      async () => {
        updateWorkspaceSettings(folder, { 'workbench.colorTheme': theme });
        await eventually(
          async () => (await frame.locator('body').getAttribute('data-vscode-theme-kind')) === themeKind,
          15_000,
          `the ${kind} theme in the webview`,
        );
        await page.mouse.move(1, 450); // no hover effects in the picture
        await page.waitForTimeout(1200); // the chart re-reads the theme colours
        // The chart's palette as the webview sees it, kept next to the picture for colour questions.
        const palette = await frame
          .locator('body')
          .evaluate((body) =>
            ['blue', 'orange', 'green', 'purple', 'red', 'yellow', 'lines', 'foreground'].map(
              (c) => `--vscode-charts-${c}: ${getComputedStyle(body).getPropertyValue(`--vscode-charts-${c}`).trim()}`,
            ),
          );
        fs.writeFileSync(path.join(screensDir, `chart-${kind}-palette.txt`), `${palette.join('\n')}\n`);
        const file = path.join(screensDir, `chart-${kind}.png`);
        await page.screenshot({ path: file });
        assert.deepEqual(pngSize(file), { width: 1400, height: 900 });
        if (process.env.E2E_UPDATE_DOCS_IMAGES === '1' && (kind === 'light' || kind === 'dark')) {
          fs.mkdirSync(path.join(repoRoot, 'docs', 'images'), { recursive: true });
          fs.copyFileSync(file, path.join(repoRoot, 'docs', 'images', `chart-${kind}.png`));
        }
        if (kind === 'light') {
          // The positive control: an image without a text alternative is a critical violation axe must report here.
          const inner = await webviewFrameObject(page);
          await inner.evaluate(() => {
            const img = document.createElement('img');
            img.id = 'axe-control';
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.getElementById('app')!.append(img);
          });
          const control = await runAxe(inner);
          await inner.evaluate(() => document.getElementById('axe-control')?.remove());
          assert.ok(
            control.blocking.some((v) => v.id === 'image-alt' && v.nodes.some((n) => n.target.includes('axe-control'))),
            'axe reports the planted image',
          );
        }
        await checkAccessibility(theme, 'chart and summary');

        await frame.locator('#toggle-table').click();
        await frame.locator('#data-table').waitFor({ timeout: 10_000 });
        await checkAccessibility(theme, 'data and summary tables');
        await frame.locator('#toggle-table').click();
        await frame.locator('canvas#chart').waitFor();

        api.addFault({ fault: { kind: 'status', status: 503 }, times: 1 });
        await frame.locator('#refresh').click();
        await eventually(async () => (await bannerState()).className === 'error', 15_000, 'the error banner');
        assert.match(await frame.locator('#announcer').innerText(), /^Error: .*503/);
        await checkAccessibility(theme, 'error banner');
        await frame.locator('#banner vscode-button', { hasText: 'Refresh' }).click();
        await eventually(async () => (await bannerState()).hidden, 15_000, 'the banner to hide');
        await eventually(async () => /^Loaded /.test(await frame.locator('#announcer').innerText()), 10_000, '"Loaded" in the live region');
        if (kind === 'hc-light') console.log(`axe counts per theme and state:\n${axeCounts.join('\n')}`);
      },
    );
  }

  step('11c. keyboard: Tab reaches every control in order; Enter on a version in the tree moves focus to its row', async () => {
    const inner = await webviewFrameObject(page);
    // Start from the panel's title, then walk with Tab and note where focus lands.
    await frame.locator('#title').click();
    const visited: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const at = await inner.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        return el.id || (el.matches('button.sort') ? `sort:${el.getAttribute('data-column')}` : el.tagName.toLowerCase());
      });
      if (at === visited[0]) break;
      visited.push(at);
    }
    const controls = [
      'source',
      'range',
      'refresh',
      'group-version',
      'group-sdk',
      'group-status',
      'chart-mode',
      'log-scale',
      'outdated-only',
      'toggle-table',
      'export-csv',
      'export-json',
      'copy-summary',
    ];
    const sorts = ['sdk', 'version', 'latest', 'peak', 'average', 'share', 'health'].map((c) => `sort:${c}`);
    // Controls, the upgrade plan's disclosure (a <summary>), then the summary table's sort buttons.
    const expected = [...controls, 'summary', ...sorts];
    assert.deepEqual(visited.slice(0, expected.length), expected, `focus order: ${visited.join(' → ')}`);
    assert.equal(await frame.locator('canvas#chart').getAttribute('role'), 'img');
    assert.match(
      (await frame.locator('canvas#chart').getAttribute('aria-label')) ?? '',
      /^Line chart of concurrent streaming connections per SDK version, \d+ lines, hourly from .+\. Largest: .+, peak [\d,]+ connections\.$/,
    );
    assert.match(await frame.locator('#announcer').innerText(), /^Loaded \d+ versions of \d+ SDKs\. Server-side SDKs, Last 24 hours\.$/);

    // A version row in the tree, chosen with the keyboard.
    const versionRow = page.locator('.sidebar .monaco-list-row[aria-level="2"]').nth(1);
    const label = (await versionRow.locator('.label-name').innerText()).trim();
    await versionRow.click();
    await page.keyboard.press('Escape');
    await versionRow.focus();
    await page.keyboard.press('Enter');
    const focused = await eventually(
      async () => {
        const state = await (
          await webviewFrameObject(page)
        ).evaluate(() => {
          const el = document.activeElement as HTMLTableRowElement | null;
          return {
            hasFocus: document.hasFocus(),
            tag: el?.tagName ?? '',
            id: el?.getAttribute('data-version-id') ?? '',
            cells: el?.cells ? Array.from(el.cells).map((c) => c.textContent ?? '') : [],
          };
        });
        return state.hasFocus && state.tag === 'TR' ? state : undefined;
      },
      10_000,
      "the version's row to take focus",
    );
    assert.deepEqual(focused.cells.slice(0, 2), [NODE_SERVER, label], `the focused row is ${NODE_SERVER} ${label}`);
    assert.equal(await frame.locator('tr.focused').getAttribute('data-version-id'), focused.id);
  });

  step('12. the token appears in no log, webview DOM or exported file', async () => {
    // The positive control: the extension really did send this token.
    assert.ok(
      api.requests.some((r) => r.headers.authorization === TOKEN),
      'the extension sent the recognisable token',
    );
    const webviewDom = await (await webviewFrameObject(page)).content();
    assert.ok(webviewDom.includes('summary-table'), 'got the webview DOM');
    assert.ok(!webviewDom.includes(TOKEN), 'the webview DOM does not contain the token');
    assert.ok(!(await page.content()).includes(TOKEN), 'the workbench DOM does not contain the token');

    const browserLogs = await saveBrowserWorkbenchLogs(page, path.join(runDir, 'browser-workbench-logs'));
    assert.ok(browserLogs.length > 0, 'the browser-side workbench logs were saved');
    fs.writeFileSync(path.join(runDir, 'browser-console.txt'), consoleLines.join('\n'));

    const logsDir = path.join(server!.userDataDir, 'logs');
    const ours = listFiles(logsDir).filter((f) => path.basename(f).includes('LaunchDarkly Usage'));
    assert.ok(ours.length >= 1, `the extension's output channel log exists under ${logsDir}`);
    assert.ok(
      ours.some((f) => fs.statSync(f).size > 0),
      'and is not empty',
    );
    assert.match(ours.map((f) => fs.readFileSync(f, 'utf8')).join('\n'), /API token saved/);

    assert.equal(exported.length, 2);
    // Everything the run wrote outside the browser profile: server and extension host logs, the
    // browser's workbench logs and console, settings and state, the workspace with the exports.
    const files = listFiles(runDir, ['chromium-profile']);
    assert.ok(files.length > 20);
    for (const f of [...ours, ...exported, ...browserLogs, server!.logFile]) assert.ok(files.includes(f), f);
    const leaks = files.filter((f) => fs.readFileSync(f).includes(TOKEN));
    assert.deepEqual(leaks, [], 'files containing the token');
  });

  step('13. Clear API Token brings the welcome view back', async () => {
    await paletteCommand(page, 'LaunchDarkly Usage: Clear API Token');
    await notification(page, 'token cleared').first().waitFor({ timeout: 10_000 });
    await page.locator('.sidebar .welcome-view-content .monaco-button', { hasText: 'Set API Token' }).waitFor({ timeout: 10_000 });
    assert.equal((await topLevelLabels()).length, 0, 'no tree rows without a token');
  });

  step('14. the welcome view opens the getting-started walkthrough: token, tree, chart, export', async () => {
    await page.locator('.sidebar .welcome-view-content a', { hasText: 'getting-started walkthrough' }).click();
    const walkthrough = page.locator('.part.editor').filter({ hasText: 'Get Started with SDK Usage for LaunchDarkly' });
    await walkthrough.waitFor({ timeout: 15_000 });
    const text = await walkthrough.innerText();
    for (const title of ['Set an API access token', 'Browse SDKs and versions', 'Open the connections chart', 'Export and share']) {
      assert.ok(text.includes(title), `the walkthrough shows "${title}"`);
    }
    await page.screenshot({ path: path.join(screensDir, 'walkthrough.png') });
  });

  step("15. the installed extension carries the README's pictures and the walkthrough pages", async () => {
    // VS Code 1.139's extension page drops relative and data: image sources (only http/https pass
    // its sanitizer), so a README's pictures show there once they are served over https; the
    // package's part is to carry them, byte for byte.
    const installed = listFiles(server!.extensionsDir);
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\((docs\/images\/[^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.length >= 2, 'the README shows a light and a dark screenshot');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] };
    };
    const pages = manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown));
    const installedCopy = (file: string) => {
      const copy = installed.find((f) => f.endsWith(`${path.sep}${file.split('/').join(path.sep)}`));
      assert.ok(copy, `${file} is installed`);
      return copy;
    };
    // (This run may have replaced docs/images/ meanwhile: a picture only has to be a whole PNG.)
    for (const picture of pictures) assert.ok(pngSize(installedCopy(picture)).width > 0, `${picture} is a PNG`);
    for (const page of pages)
      assert.equal(fs.readFileSync(installedCopy(page), 'utf8'), fs.readFileSync(path.join(repoRoot, page), 'utf8'));
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const header = fs.readFileSync(file).subarray(0, 24);
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}
