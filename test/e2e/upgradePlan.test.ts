/**
 * End-to-end: LaunchDarkly's end-of-life verdicts in a real VS Code (code-server + Chromium),
 * driven as a person would: the upgrade plan in the panel (its rows and where they run, compared
 * with what the local API serves), the tree grouped By environment from the view's title bar, a
 * release-notes link that is not https not offered, the fallback to estimates when sdk-versions answers
 * 404, and screenshots of the plan in a light and a dark theme.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/upgradePlan.test.ts
 * E2E_UPDATE_DOCS_IMAGES=1 also copies the plan screenshots to docs/images/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../harness/codeServer';
import {
  clearNotifications,
  enterApiToken,
  eventually,
  notification,
  paletteCommand,
  sidebarTreeRows,
  updateWorkspaceSettings,
  webviewFrame,
} from '../harness/workbench';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import { sequentialSteps } from '../harness/steps';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { EOL_SEVERITY } from '../../src/model/verdict';
import { cataloguedVersionId, versionId } from '../../src/model/rowIds';
import { cataloguedAs, releaseKey } from '../support/catalogueOracle';

const TOKEN = 'api-e2e0e01e-0000-4000-8000-00000000e01e';
const STEP_TIMEOUT_MS = 60_000;
/** Names that reverse the text after them, break lines and hide characters. */
const HOSTILE_PROJECT = 'evil\u202egnirts\u2028line\u200b';
const HOSTILE_ENVIRONMENT = 'prod\u2029uction\u2066x\u2069';
const PLAN_STATUSES = ['EolPast', 'EolNear', 'MajorVersionAvailable'];
const SEVERITY: Record<string, number> = EOL_SEVERITY;

type Entry = SdkVersionDetailsEntry;

interface PlanRowText {
  rowId: string;
  versionId: string | null;
  status: string;
  judgedBy: string;
  kind: string;
  sdk: string;
  version: string;
  latest: string;
  target: string;
  where: string;
  envKeys: string[];
}

describe('LaunchDarkly verdicts in a real VS Code: upgrade plan, By environment, fallback', () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  let frame: FrameLocator;
  const step = sequentialSteps(runDir, () => page, STEP_TIMEOUT_MS);

  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${api.url}${route}`, { headers: { Authorization: TOKEN, 'LD-API-Version': 'beta' } });
    assert.equal(response.status, 200, route);
    return (await response.json()) as T;
  };

  /**
   * The API's entries for a stream version: exact name and version, else ignoring case; and for an
   * SDK the catalogue knows (as the tests' oracle reads it), those of the same SDK and version.
   */
  const entriesFor = (all: Entry[], sdk: string, version: string) => {
    const exact = all.filter((e) => e.name === sdk && e.version === version);
    const spelled = exact.length ? exact : all.filter((e) => e.name?.toLowerCase() === sdk.toLowerCase() && e.version === version);
    const id = cataloguedAs(sdk, version)?.id;
    const same = id === undefined ? [] : all.filter((e) => e.version === version && cataloguedAs(e.name!, e.version)?.id === id);
    return [...new Set([...spelled, ...same])];
  };
  /** A stream version's row id: by catalogue id where the catalogue knows the SDK. */
  const idOf = (sdk: string, version: string) => {
    const catalogued = cataloguedAs(sdk, version);
    return catalogued ? cataloguedVersionId('server', catalogued.id, version) : versionId('server', sdk, version);
  };

  const planRows = (): Promise<PlanRowText[]> =>
    frame.locator('#upgrade-plan-table tbody tr[data-row-id]').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = Array.from((r as HTMLTableRowElement).cells).map((c) => c.textContent ?? '');
        return {
          rowId: r.getAttribute('data-row-id') ?? '',
          versionId: r.getAttribute('data-version-id'),
          status: r.getAttribute('data-status') ?? '',
          judgedBy: r.getAttribute('data-judged-by') ?? '',
          kind: r.getAttribute('data-kind') ?? '',
          sdk: cells[0]!,
          version: cells[1]!,
          latest: cells[3]!,
          target: cells[4]!,
          where: cells[5]!,
          envKeys: Array.from(r.querySelectorAll('span.environment[title]')).map((s) => s.getAttribute('title') ?? ''),
        };
      }),
    );

  before(async () => {
    api = await startLdApiServer({ token: TOKEN });
    run = await startWorkbenchRun(runDir, { 'launchdarklyUsage.baseUrl': api.url, 'workbench.colorTheme': 'Default Light Modern' });
    page = run.page;
    frame = webviewFrame(page);
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. with a token set, the tree loads and the plan opens from the palette', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 20_000 });
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    await eventually(async () => (await sidebarTreeRows(page)).filter((r) => r.level === 1).length > 1, 15_000, 'SDK rows');
    await clearNotifications(page);
    await paletteCommand(page, 'LaunchDarkly Usage: Show Upgrade Plan');
    await frame.locator('#upgrade-plan[open] #upgrade-plan-table').waitFor({ timeout: 20_000 });
  });

  step('2. the plan has a row per version LaunchDarkly calls past/near end of life or major-behind, with where it runs', async () => {
    const all = await get<Entry[]>('/api/v2/usage/sdk-versions/all');
    const request = api.requests.filter((r) => r.path.endsWith('/server/bysdkversion')).pop()!;
    const query = new URLSearchParams(request.query).toString();
    const body = await get<{ metadata: { sdk: string; version: string }[]; series: Record<string, number>[] }>(`${request.path}?${query}`);
    const expected = body.metadata.map((m, i) => {
      const entries = entriesFor(all, m.sdk, m.version);
      const status = entries.reduce((top, e) => ((SEVERITY[e.eolStatus ?? ''] ?? 0) > (SEVERITY[top] ?? 0) ? e.eolStatus! : top), '');
      return { id: idOf(m.sdk, m.version), m, status, entries, latest: body.series.at(-1)?.[String(i)] ?? 0 };
    });
    // Versions LaunchDarkly gives no verdict on are judged by their release dates where the catalogue knows the SDK.
    const byReleaseDates = expected.filter((e) => {
      const catalogued = cataloguedAs(e.m.sdk, e.m.version);
      const key = catalogued && releaseKey(catalogued.id, e.m.version, Date.now());
      return e.status === '' && key !== undefined && ['releaseEolPast', 'releaseEolNear', 'releaseMajorVersionAvailable'].includes(key);
    });
    const byLaunchDarkly = expected.filter((e) => PLAN_STATUSES.includes(e.status));
    assert.ok(byLaunchDarkly.length > 2);
    const rows = await eventually(
      async () => {
        const r = await planRows();
        return r.length > 0 ? r : undefined;
      },
      10_000,
      'plan rows',
    );
    const streamRows = rows.filter((r) => r.versionId && r.judgedBy === 'launchdarkly');
    assert.deepEqual(
      streamRows.map((r) => r.versionId).sort(),
      byLaunchDarkly.map((e) => e.id).sort(),
      'one row per stream version to upgrade',
    );
    assert.deepEqual(
      rows
        .filter((r) => r.judgedBy === 'releaseDates')
        .map((r) => r.versionId)
        .sort(),
      byReleaseDates.map((e) => e.id).sort(),
      'one row per version to upgrade by its release dates',
    );
    assert.ok(rows.filter((r) => r.judgedBy === 'releaseDates').every((r) => r.sdk.length > 0));
    for (const e of byLaunchDarkly) {
      const row = streamRows.find((r) => r.versionId === e.id)!;
      assert.equal(row.status, e.status, `${e.m.sdk} ${e.m.version}: status`);
      assert.equal(Number(row.latest.replace(/[^\d]/g, '')), e.latest, `${e.m.sdk} ${e.m.version}: latest connections`);
      for (const entry of e.entries) {
        assert.ok(
          row.where.includes(entry.environmentName!) && row.where.includes(entry.projectName!),
          `${e.m.sdk} ${e.m.version} runs in ${entry.projectName} / ${entry.environmentName}: "${row.where}"`,
        );
        assert.ok(row.envKeys.includes(`Environment key: ${entry.environmentKey}`), 'environment keys on hover');
      }
    }
    // Severity first, then latest connections.
    const rank = (s: string) => SEVERITY[s]!;
    for (let i = 1; i < rows.length; i++) assert.ok(rank(rows[i - 1]!.status) >= rank(rows[i]!.status), 'sorted by severity');
    const unstreamed = all.filter(
      (e) =>
        e.type === 'server' &&
        !body.metadata.some((m) => m.sdk.toLowerCase() === e.name?.toLowerCase()) &&
        PLAN_STATUSES.includes(e.eolStatus!),
    );
    assert.ok(unstreamed.length > 0);
    assert.ok(
      rows.some((r) => r.kind === 'sdk' && !r.versionId && r.sdk.includes(unstreamed[0]!.name!) && r.sdk.includes('no stream series')),
      'a reported SDK with no stream series is listed, marked',
    );
    assert.ok(
      rows.some((r) => r.kind === 'relay' && r.sdk === 'Relay Proxy'),
      'a Relay Proxy that is not current has its own row',
    );
  });

  step('3. the summary table and health summary say whose verdict each health is', async () => {
    const cells = await frame.locator('#summary-table td.health').allTextContents();
    assert.ok(cells.some((c) => c.endsWith('(LaunchDarkly)')));
    assert.ok(
      cells.every((c) => /\((LaunchDarkly|estimate|estimate from LaunchDarkly's release dates as of \d{4}-\d\d-\d\d)\)$/.test(c)),
      JSON.stringify(cells),
    );
    assert.match(await frame.locator('#health-summary').innerText(), /\(LaunchDarkly\)/);
  });

  step('4. "Release notes" is offered only where the address will open: not for a plain-http link', async () => {
    const all = await get<Entry[]>('/api/v2/usage/sdk-versions/all');
    const insecure = all.find((e) => e.latestReleaseUrl?.startsWith('http:') && PLAN_STATUSES.includes(e.eolStatus!));
    assert.ok(insecure, 'the local API serves a plain-http release notes link');
    const row = frame
      .locator('#upgrade-plan-table tbody tr[data-kind="sdk"]', { has: frame.locator('th', { hasText: insecure.name! }) })
      .first();
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await row.locator('button.link').count(), 0, 'no button for an address the host would refuse');
    assert.ok((await frame.locator('#upgrade-plan-table tbody tr button.link').count()) > 0, 'https addresses keep theirs');
  });

  step('5. Copy upgrade plan from the panel', async () => {
    await frame.locator('#copy-upgrade-plan').click();
    await notification(page, 'Copied the upgrade plan').first().waitFor({ timeout: 10_000 });
    await clearNotifications(page);
  });

  step('6. screenshots of the plan in a light and a dark theme', async () => {
    await frame.locator('#upgrade-plan').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    for (const [theme, kind, bodyClass] of [
      ['Default Light Modern', 'light', 'vscode-light'],
      ['Default Dark Modern', 'dark', 'vscode-dark'],
    ] as const) {
      updateWorkspaceSettings(run!.folder, { 'workbench.colorTheme': theme });
      await eventually(async () => (await frame.locator('body').getAttribute('class'))?.includes(bodyClass), 15_000, `the ${kind} theme`);
      await page.mouse.move(1, 450);
      await page.waitForTimeout(800);
      const file = path.join(runDir, `plan-${kind}.png`);
      await page.screenshot({ path: file });
      if (process.env.E2E_UPDATE_DOCS_IMAGES === '1') fs.copyFileSync(file, path.join(repoRoot, 'docs', 'images', `plan-${kind}.png`));
    }
  });

  step('7. By environment from the title bar: projects → environments → versions, as the API reports them', async () => {
    const all = await get<Entry[]>('/api/v2/usage/sdk-versions/all');
    await page.locator('.sidebar a.action-label[aria-label="Group by Environment"]:visible').click();
    const projects = new Set(all.map((e) => e.projectName));
    const top = await eventually(
      async () => {
        const rows = (await sidebarTreeRows(page)).filter((r) => r.level === 1);
        return rows.length > 0 && rows.every((r) => projects.has(r.label) || r.label.startsWith('Not in')) ? rows : undefined;
      },
      10_000,
      'project rows',
    );
    assert.ok(top.filter((r) => projects.has(r.label)).length >= 2);
    const rows = await sidebarTreeRows(page);
    const at = rows.findIndex((r) => r.level === 1);
    const environment = rows[at + 1]!;
    assert.equal(environment.level, 2);
    assert.ok(
      all.some((e) => e.projectName === rows[at]!.label && e.environmentName === environment.label),
      `${environment.label} is an environment of ${rows[at]!.label}`,
    );
    assert.equal(rows[at + 2]?.level, 3, 'versions under the environment');
    // The choice is kept per workspace: the other command is now the one in the title bar.
    await page.locator('.sidebar a.action-label[aria-label="Group by SDK"]:visible').click();
    await eventually(
      async () => (await sidebarTreeRows(page)).filter((r) => r.level === 1).every((r) => !projects.has(r.label)),
      10_000,
      'SDK rows again',
    );
  });

  step('8. when sdk-versions answers 404, the data stays and health falls back to release dates or the estimate, saying why', async () => {
    api.addFault({ fault: { kind: 'status', status: 404 }, path: 'sdk-versions' });
    // A new token drops the cached verdicts, so the extension asks again.
    await paletteCommand(page, 'LaunchDarkly Usage: Clear API Token');
    await enterApiToken(page, TOKEN);
    await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
    await eventually(
      async () => /Health is estimated.*404/.test(await page.locator('.sidebar').innerText()),
      15_000,
      'the note in the tree',
    );
    // The verdicts' 404 can land before the stream data of the new token: wait for the rows.
    await eventually(
      async () => (await sidebarTreeRows(page)).filter((r) => r.level === 1).length > 1,
      15_000,
      'the SDK rows back beside the note',
    );
    // The plan is left with the release dates' verdicts (the data has catalogued SDKs), and says why.
    await eventually(
      async () => /404/.test(await frame.locator('#upgrade-plan .plan-content').innerText()),
      15_000,
      'the plan says why it has release dates only',
    );
    const left = await planRows();
    assert.ok(left.length > 0 && left.every((r) => r.judgedBy === 'releaseDates'), JSON.stringify(left.map((r) => r.judgedBy)));
    assert.match(await frame.locator('#health-summary').innerText(), /Health is estimated.*404/);
    const cells = await frame.locator('#summary-table td.health').allTextContents();
    assert.ok(
      cells.length > 0 && cells.every((c) => /\((estimate|estimate from LaunchDarkly's release dates as of \d{4}-\d\d-\d\d)\)$/.test(c)),
      JSON.stringify(cells),
    );
    assert.ok(cells.some((c) => c.includes('release dates')) && cells.some((c) => c.endsWith('(estimate)')));
    api.clearFaults();
  });

  step(
    '9. a report of 170,000 entries (19 MB) shows its verdicts within 20 s of signing in; By environment draws within 10 s',
    async () => {
      // Entries for the versions the stream serves, spread over 300 projects of 4 environments and
      // many applications; two projects and environments with hostile names.
      const request = api.requests.filter((r) => r.path.endsWith('/server/bysdkversion')).pop()!;
      const body = await get<{ metadata: { sdk: string; version: string }[] }>(
        `${request.path}?${new URLSearchParams(request.query).toString()}`,
      );
      const statuses = ['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear'];
      const report: Entry[] = [];
      for (let i = 0; report.length < 170_000; i++) {
        const m = body.metadata[i % body.metadata.length]!;
        const p = Math.floor(i / 7) % 300;
        // Keys only, as a compact report may name them; names only for the hostile ones.
        const entry: Entry = {
          name: m.sdk,
          version: m.version,
          projectKey: `p${p}`,
          environmentKey: `e${i % 4}`,
          eolStatus: statuses[(i % body.metadata.length) % statuses.length],
        };
        if (p < 2) entry.projectName = `${HOSTILE_PROJECT}${p}`;
        if (p < 2 && i % 4 === 0) entry.environmentName = HOSTILE_ENVIRONMENT;
        report.push(entry);
      }
      const text = JSON.stringify(report);
      assert.ok(text.length > 15e6 && text.length < 22e6, `${text.length} bytes`);
      api.addFault({ fault: { kind: 'status', status: 200, body: text }, path: 'sdk-versions/all' });
      await paletteCommand(page, 'LaunchDarkly Usage: Clear API Token');
      await enterApiToken(page, TOKEN);
      const signedIn = Date.now();
      await notification(page, 'token saved').first().waitFor({ timeout: 15_000 });
      await eventually(
        async () => /^Upgrade plan: \d+ versions? to upgrade/.test(await frame.locator('#upgrade-plan > summary').innerText()),
        20_000,
        "the plan from LaunchDarkly's 170,000 entries",
      );
      const verdictsAfter = Date.now() - signedIn;
      assert.ok(verdictsAfter <= 20_000, `verdicts shown ${verdictsAfter} ms after signing in`);
      const cells = await frame.locator('#summary-table td.health').allTextContents();
      assert.ok(
        cells.some((c) => c.endsWith('(LaunchDarkly)')),
        JSON.stringify(cells),
      );

      await clearNotifications(page);
      const grouped = Date.now();
      await page.locator('.sidebar a.action-label[aria-label="Group by Environment"]:visible').click();
      await eventually(
        async () => (await sidebarTreeRows(page)).some((r) => r.level === 1 && /^p\d+$/.test(r.label)),
        10_000,
        'project rows of the large report',
      );
      assert.ok(Date.now() - grouped <= 10_000, `By environment drawn in ${Date.now() - grouped} ms`);
      assert.equal(
        await page
          .locator('.notification-toast')
          .filter({ hasText: /error|failed|went wrong/i })
          .count(),
        0,
        'no error',
      );
      assert.doesNotMatch(await page.locator('.sidebar').innerText(), /failed|could not|error/i);
    },
  );

  step("10. hostile project and environment names in the panel's plan show no bidi override or line separator", async () => {
    const where = await frame.locator('#upgrade-plan-table td.where').allTextContents();
    const titles = await frame.locator('#upgrade-plan-table [title]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    assert.ok(
      where.some((w) => w.includes('evil') && w.includes('gnirts')),
      'the hostile names are shown (as plain text)',
    );
    for (const text of [...where, ...titles])
      assert.doesNotMatch(text, /[\u202a-\u202e\u2066-\u2069\u2028\u2029\u200b]/, JSON.stringify(text));
    api.clearFaults();
  });
});
