/**
 * End-to-end: the SDK catalogue in a real VS Code (code-server + Chromium), against the local API's
 * messy data set (SDKs under User-Agent tokens and other spellings; a report naming them by display
 * name and id, leaving one out): the tree lists each SDK once under its display name and a hover
 * names the spellings; the panel's summary table shows LaunchDarkly's verdicts joined across
 * spellings and release-date verdicts (with the data's date) where LaunchDarkly gives none; the
 * health summary says the release data's date; the upgrade plan marks the release dates' rows.
 * Expectations come from the API's answers read with the tests' own reading of the catalogue
 * (test/support/catalogueOracle.ts), never with the product's functions.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/catalogue.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { cataloguedVersionId, versionId } from '../../src/model/rowIds';
import { sequentialSteps } from '../harness/steps';
import {
  enterApiToken,
  eventually,
  notification,
  paletteCommand,
  sidebarTreeRow,
  sidebarTreeRows,
  webviewFrame,
} from '../harness/workbench';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { catalogueData } from '../support/catalogue';
import { cataloguedAs } from '../support/catalogueOracle';
import { expectedUsage, type ExpectedUsage, type ExpectedVersion } from '../support/expectedUsage';

const TOKEN = 'api-e2ec0a1a-0000-4000-8000-0000000c0a1a';
const RELEASE_DATES = `(estimate from LaunchDarkly's release dates as of ${catalogueData.source.date})`;

interface SummaryRow {
  id: string;
  sdk: string;
  title: string;
  version: string;
  health: string;
  healthClass: string;
}

describe('the SDK catalogue in a real VS Code: display names, verdicts across spellings, release dates', () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  let frame: FrameLocator;
  let expected: ExpectedUsage;
  let report: SdkVersionDetailsEntry[];
  const step = sequentialSteps(runDir, () => page, 60_000);

  const get = async (route: string, query: Record<string, string> = {}): Promise<string> => {
    const url = new URL(route, api.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await fetch(url, { headers: { Authorization: TOKEN, 'LD-API-Version': 'beta' } });
    assert.equal(response.status, 200, route);
    return response.text();
  };

  /** LaunchDarkly's known statuses for a version: entries spelled as it was reported (case aside), or of the same catalogued SDK. */
  const statusesFor = (v: ExpectedVersion) =>
    report
      .filter(
        (e) =>
          e.version?.toLowerCase() === v.version.toLowerCase() &&
          (v.reportedSdks.some((name) => name.toLowerCase() === e.name?.toLowerCase()) ||
            (v.catalogueId !== undefined && cataloguedAs(e.name!, e.version)?.id === v.catalogueId)),
      )
      .map((e) => e.eolStatus ?? 'EolUnknown')
      .filter((status) => status !== 'EolUnknown');

  const rowId = (v: ExpectedVersion) =>
    v.catalogueId === undefined ? versionId('server', v.sdk, v.version) : cataloguedVersionId('server', v.catalogueId, v.version);

  const summaryRows = async (): Promise<SummaryRow[]> => {
    const showAll = frame.locator('#show-all-rows');
    if ((await showAll.count()) > 0) await showAll.click();
    return frame.locator('#summary-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = Array.from((r as HTMLTableRowElement).cells);
        return {
          id: r.getAttribute('data-version-id') ?? '',
          sdk: cells[0]?.textContent ?? '',
          title: cells[0]?.getAttribute('title') ?? '',
          version: cells[1]?.textContent ?? '',
          health: cells[6]?.textContent ?? '',
          healthClass: cells[6]?.className ?? '',
        };
      }),
    );
  };

  before(async () => {
    api = await startLdApiServer({ token: TOKEN, dataset: 'messy' });
    run = await startWorkbenchRun(runDir, { 'launchdarklyUsage.baseUrl': api.url, 'launchdarklyUsage.timeRange': '24h' });
    page = run.page;
    frame = webviewFrame(page);
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. with a token, the tree lists each SDK once, under its display name', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 20_000 });
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    const request = await eventually(
      () => api.requests.filter((r) => r.path.endsWith('/server/bysdkversion') && r.authorized).pop(),
      15_000,
      'the extension to ask for server-side data',
    );
    expected = expectedUsage(
      [
        {
          source: 'server',
          body: await get(request.path, request.query),
          sdkVersions: await get('/api/v2/usage/streams/server/sdkversions'),
        },
      ],
      { catalogue: true },
    );
    report = JSON.parse(await get('/api/v2/usage/sdk-versions/all')) as SdkVersionDetailsEntry[];
    const want = expected.sdks.map((s) => s.sdk).sort();
    await eventually(async () => {
      const labels = (await sidebarTreeRows(page)).filter((r) => r.level === 1).map((r) => r.label);
      assert.deepEqual(labels.sort(), want);
      return true;
    }, 20_000);
    const node = expected.sdks.find((s) => s.catalogueId === 'node-server')!;
    assert.ok(node.reportedSdks.length > 1, 'the data reports node-server under two spellings');
    assert.ok(want.includes(catalogueData.sdks['node-server']!.name));
    for (const spelling of node.reportedSdks)
      assert.ok(!want.includes(spelling) || spelling === node.sdk, `${spelling} has no row of its own`);
  });

  step('2. a hover on the SDK names the spellings it was reported under', async () => {
    const node = expected.sdks.find((s) => s.catalogueId === 'node-server')!;
    await sidebarTreeRow(page, node.sdk).locator('.label-name').hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Reported as' }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    for (const spelling of node.reportedSdks) assert.ok(text.includes(spelling), `${spelling} in "${text}"`);
    await page.mouse.move(700, 850);
  });

  step("3. the summary table: LaunchDarkly's verdicts joined across spellings, release dates where it gives none", async () => {
    await paletteCommand(page, 'LaunchDarkly Usage: Show SDK Connections Chart');
    await frame.locator('#summary-table tbody tr').first().waitFor({ timeout: 20_000 });
    const rows = await eventually(
      async () => {
        const r = await summaryRows();
        return r.length === expected.versions.length && r.some((row) => row.health.endsWith('(LaunchDarkly)')) ? r : undefined;
      },
      20_000,
      "every version, with LaunchDarkly's verdicts",
    );
    let joinedAcross = 0;
    let byReleaseDates = 0;
    for (const v of expected.versions) {
      const row = rows.find((r) => r.id === rowId(v));
      assert.ok(row, `a row for ${v.sdk} ${v.version}`);
      assert.equal(row.sdk, v.sdk);
      if (v.reportedSdks.length > 1) {
        for (const spelling of v.reportedSdks)
          assert.ok(row.title.includes(spelling), `${v.sdk} ${v.version}: "${row.title}" names ${spelling}`);
      }
      const statuses = statusesFor(v);
      if (statuses.length > 0) {
        assert.ok(row.health.endsWith('(LaunchDarkly)'), `${v.sdk} ${v.version}: ${row.health}`);
        assert.ok(
          statuses.some((status) => row.healthClass === `health health-${status}`),
          `${v.sdk} ${v.version}: ${row.healthClass}`,
        );
        if (!report.some((e) => v.reportedSdks.some((name) => name.toLowerCase() === e.name?.toLowerCase()))) joinedAcross++;
      } else if (v.releaseHealth !== undefined) {
        assert.ok(row.health.endsWith(RELEASE_DATES), `${v.sdk} ${v.version}: ${row.health}`);
        assert.equal(row.healthClass, `health health-${v.releaseHealth}`, `${v.sdk} ${v.version}`);
        byReleaseDates++;
      } else {
        assert.ok(row.health.endsWith('(estimate)'), `${v.sdk} ${v.version}: ${row.health}`);
      }
    }
    assert.ok(joinedAcross > 0, 'verdicts that join only through the catalogue');
    assert.ok(byReleaseDates > 0, 'versions judged by their release dates');
    assert.match(await frame.locator('#health-summary').innerText(), new RegExp(`release dates as of ${catalogueData.source.date}`));
  });

  step("4. the upgrade plan lists the release dates' upgrades, marked", async () => {
    await frame.locator('#upgrade-plan > summary').click();
    await frame.locator('#upgrade-plan-table').waitFor({ timeout: 10_000 });
    const marked = await frame.locator('#upgrade-plan-table tbody tr[data-judged-by="releaseDates"]').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-version-id') ?? '',
        status: (tr as HTMLTableRowElement).cells[2]?.textContent ?? '',
      })),
    );
    const want = expected.versions.filter(
      (v) =>
        statusesFor(v).length === 0 && ['releaseEolPast', 'releaseEolNear', 'releaseMajorVersionAvailable'].includes(v.releaseHealth ?? ''),
    );
    assert.deepEqual(marked.map((r) => r.id).sort(), want.map(rowId).sort());
    assert.ok(
      marked.every((r) => r.status.endsWith('(release dates)')),
      JSON.stringify(marked),
    );
  });

  step('5. the filter offers the SDK under its display name and asks for every spelling; the tree shows it as unfiltered', async () => {
    const node = expected.sdks.find((s) => s.catalogueId === 'node-server')!;
    api.requests.length = 0;
    await paletteCommand(page, 'LaunchDarkly Usage: Filter by SDK or Version');
    // The list is long (and drawn only where it is scrolled to): narrow it as a user would.
    await page.locator('.quick-input-widget input').fill(`All versions of ${node.sdk}`);
    const item = page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: `All versions of ${node.sdk}` })
      .first();
    await item.waitFor({ timeout: 15_000 });
    for (const spelling of node.reportedSdks) assert.ok((await item.innerText()).includes(spelling), `the item names ${spelling}`);
    await item.click();
    const asked = await eventually(
      () => {
        const sdks = api.requests.filter((r) => r.path.endsWith('/server/bysdkversion')).map((r) => r.query.sdk ?? '');
        return sdks.length >= node.reportedSdks.length && sdks.sort();
      },
      15_000,
      'a request per spelling',
    );
    assert.deepEqual(asked, [...node.reportedSdks].sort());
    await eventually(async () => {
      const rows = await sidebarTreeRows(page);
      assert.deepEqual(
        rows.filter((r) => r.level === 1).map((r) => r.label),
        [node.sdk],
      );
      return true;
    }, 20_000);
    await paletteCommand(page, 'LaunchDarkly Usage: Clear Filter');
  });
});
