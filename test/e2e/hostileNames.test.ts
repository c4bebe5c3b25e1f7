/**
 * End-to-end with hostile data: the local API serves SDK names and versions that collide when
 * joined with "@", that hold Markdown, HTML, links, images and every line-break form, and server
 * messages, token names and account ids that hold links and `command:` URIs. In code-server the
 * tree must show every series as its own row with its name as written, a hover must show the name
 * literally (no heading, link, image or HTML rendered), the copied summary rendered by real Markdown
 * renderers must keep one intact row per version with no markup from data, the chart panel must
 * focus the right row, and notifications must show no link.
 *
 * Run: npm run package && node --import tsx --test --test-concurrency=1 test/e2e/hostileNames.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { versionId } from '../../src/model/rowIds';
import { plainText } from '../../src/text';
import {
  clearNotifications,
  enterApiToken,
  eventually,
  notification,
  paletteCommand,
  sidebarTreeRow,
  sidebarTreeRows,
  webviewFrame,
} from '../harness/workbench';
import { sequentialSteps } from '../harness/steps';
import { runDirFor, startWorkbenchRun, stopWorkbenchRun, type WorkbenchRun } from '../harness/workbenchRun';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import { cataloguedAs } from '../support/catalogueOracle';
import { RENDERERS, decodeHtml, renderedTable } from '../support/markdown';

const TOKEN = 'api-e2e5ec12-0000-4000-8000-00000000face';
const HOUR = 3_600_000;

/** Series whose names collide when joined with "@" or ":", or that are Markdown, HTML and links. */
const HOSTILE_SERIES: readonly { sdk: string; version: string }[] = [
  { sdk: 'go', version: '1@2' },
  { sdk: 'go@1', version: '2' },
  { sdk: 'x@y', version: '1.0.0' },
  { sdk: 'x', version: 'y' },
  { sdk: '# Heading [link](https://evil.example/a) ![img](https://evil.example/i.png) <b>bold</b>', version: '1.0.0\r## injected' },
  { sdk: 'node-server', version: '9.7.1\u2028| x | y |' },
  { sdk: 'node-server', version: '9.7.1' },
  { sdk: 'https://evil.example/autolink', version: '<img src=https://evil.example/x.png> `code` *em* ~~del~~\r\n---' },
  { sdk: 'server:x', version: 'y\u2029\u0085z' },
];
const MARKUP_SDK = HOSTILE_SERIES[4]!.sdk;
/** The SDK name a series shows under: the catalogue's display name where it knows the name (node-server), else as written. */
const shownSdk = (s: { sdk: string; version: string }) => cataloguedAs(s.sdk, s.version)?.shown ?? s.sdk;

/** Links a notification could render: the message must arrive with none of them working. */
const HOSTILE_MESSAGE =
  'Denied [click here](command:workbench.action.quit) or [docs](https://evil.example/docs), see https://evil.example/x';
const HOSTILE_IDENTITY = {
  accountId: 'acct [x](https://evil.example/acct)',
  authKind: 'token',
  tokenKind: 'personal',
  tokenName: '[Open me](command:workbench.action.quit) https://evil.example/t',
  serviceToken: false,
};

/** A bysdkversion body in the documented shape, hourly over the last day, with the hostile names. */
function hostileBody(now: number): string {
  const last = Math.floor(now / HOUR) * HOUR;
  const times = Array.from({ length: 24 }, (_, i) => last - (23 - i) * HOUR);
  return JSON.stringify({
    _links: {},
    metadata: HOSTILE_SERIES.map(({ sdk, version }) => ({ sdk, version, source: 'server' })),
    series: times.map((time, p) =>
      Object.fromEntries([['time', time], ...HOSTILE_SERIES.map((_, i) => [String(i), (i + 1) * 100 + (p % 5)])]),
    ),
  });
}

describe('hostile names and server text in a real VS Code (code-server + Chromium)', () => {
  const started = Date.now();
  const runDir = runDirFor(started);
  let api: LdApiServer;
  let run: WorkbenchRun | undefined;
  let page: Page;
  const step = sequentialSteps(runDir, () => page, 60_000);

  /** The toast's message: there VS Code would render links. Fails if the toast has no message element. */
  const messageOf = async (toast: Locator): Promise<{ text: string; links: number }> => {
    const message = toast.locator('.notification-list-item-message');
    await message.waitFor();
    return { text: (await message.innerText()).replace(/\u200b/g, ''), links: await message.locator('a').count() };
  };

  before(async () => {
    api = await startLdApiServer({ token: TOKEN });
    run = await startWorkbenchRun(runDir, { 'launchdarklyUsage.baseUrl': api.url, 'workbench.colorTheme': 'Default Dark Modern' });
    page = run.page;
    await run.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(run.server.url).origin });
    api.addFault({ fault: { kind: 'status', status: 200, body: hostileBody(Date.now()) }, path: 'bysdkversion' });
  });

  after(() => stopWorkbenchRun(runDir, started, run, api));

  step('1. a server message with links and a command URI shows in a notification with no link', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="LaunchDarkly Usage"]').click();
    await page.locator('.sidebar .welcome-view-content').waitFor({ timeout: 20_000 });
    api.addFault({
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ code: 'invalid_request', message: HOSTILE_MESSAGE, id: '[id](https://evil.example/id)' }),
      },
      path: 'caller-identity',
      times: 1,
    });
    await enterApiToken(page, TOKEN);
    const toast = notification(page, 'could not be checked').first();
    await toast.waitFor({ timeout: 15_000 });
    const { text, links } = await messageOf(toast);
    assert.ok(text.includes(HOSTILE_MESSAGE), `the server's words are quoted as written: ${text}`);
    assert.ok(text.includes('LaunchDarkly error id: [id](https://evil.example/id)'), text);
    assert.equal(links, 0, 'no link in the notification');
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await clearNotifications(page);
  });

  step('2. a token name and account id with links show in the "saved" notification with no link', async () => {
    api.addFault({ fault: { kind: 'status', status: 200, body: JSON.stringify(HOSTILE_IDENTITY) }, path: 'caller-identity', times: 1 });
    await enterApiToken(page, TOKEN);
    const toast = notification(page, 'token saved').first();
    await toast.waitFor({ timeout: 15_000 });
    const { text, links } = await messageOf(toast);
    assert.ok(text.includes(`"${HOSTILE_IDENTITY.tokenName}", account ${HOSTILE_IDENTITY.accountId}`), text);
    assert.equal(links, 0, 'no link in the notification');
    await clearNotifications(page);
  });

  step('3. the tree shows every SDK and every version as its own row, names as written on one line', async () => {
    const sdks = [...new Set(HOSTILE_SERIES.map(shownSdk))];
    await eventually(async () => {
      const labels = (await sidebarTreeRows(page)).filter((r) => r.level === 1).map((r) => r.label);
      assert.deepEqual([...labels].sort(), sdks.map((s) => plainText(s)).sort());
      return true;
    }, 20_000);
    for (const sdk of sdks) {
      const row = sidebarTreeRow(page, plainText(sdk));
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    }
    await eventually(async () => {
      const rows = await sidebarTreeRows(page);
      for (const sdk of sdks) {
        const at = rows.findIndex((r) => r.level === 1 && r.label === plainText(sdk));
        const children = [];
        for (const r of rows.slice(at + 1)) {
          if (r.level !== 2) break;
          children.push(r.label);
        }
        const expected = HOSTILE_SERIES.filter((s) => shownSdk(s) === sdk).map((s) => plainText(s.version));
        assert.deepEqual(children.sort(), expected.sort(), `versions under ${sdk}`);
      }
      return true;
    }, 15_000);
  });

  step('4. a hover shows the name literally: no heading, link, image or HTML is rendered', async () => {
    await sidebarTreeRow(page, plainText(MARKUP_SDK)).locator('.label-name').hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'server-side' }).first();
    await hover.waitFor({ timeout: 10_000 });
    const text = await hover.innerText();
    assert.ok(text.includes(`${MARKUP_SDK} (server-side)`), `the name as written: ${text}`);
    for (const tag of ['a', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'em', 'code', 'hr']) {
      assert.equal(await hover.locator(tag).count(), 0, `no <${tag}> in the hover`);
    }
    assert.equal(await hover.locator('strong').count(), 1, "only the tooltip's own bold title");
    await page.mouse.move(700, 850);
  });

  step('5. the copied summary, rendered by real Markdown renderers, keeps one intact row per version and no markup from data', async () => {
    await clearNotifications(page);
    await paletteCommand(page, 'LaunchDarkly Usage: Copy Summary as Markdown');
    await notification(page, `Copied a summary of ${HOSTILE_SERIES.length} versions`).first().waitFor({ timeout: 10_000 });
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(markdown, /^\*\*LaunchDarkly SDK connections\*\*/);
    for (const [name, render] of Object.entries(RENDERERS)) {
      const html = render(markdown);
      assert.doesNotMatch(html, /<(a|img|h[1-6]|b|em|code|del|hr|pre|script|ul|ol|blockquote)\b/, `${name}: markup from data in ${html}`);
      const table = renderedTable(html);
      assert.ok(table, `${name}: a table`);
      assert.equal(table.rows.length, HOSTILE_SERIES.length, `${name}: one row per version`);
      const shown = table.rows.map((cells) => {
        assert.equal(cells.length, 8, `${name}: eight cells in ${cells.join(' | ')}`);
        return `${decodeHtml(cells[1]!)}\u0000${decodeHtml(cells[2]!)}`;
      });
      assert.deepEqual(shown.sort(), HOSTILE_SERIES.map((s) => `${plainText(shownSdk(s))}\u0000${plainText(s.version)}`).sort(), name);
    }
    await clearNotifications(page);
  });

  step('6. selecting a version focuses exactly that row in the chart panel; every row has its own id', async () => {
    const target = HOSTILE_SERIES[1]!; // go@1 2, which "go" "1@2" would have merged with
    await eventually(
      async () => {
        const rows = await sidebarTreeRows(page);
        const at = rows.findIndex((r) => r.level === 1 && r.label === target.sdk);
        return rows[at + 1]?.label === target.version;
      },
      10_000,
      `${target.sdk} expanded`,
    );
    await sidebarTreeRow(page, target.version, 2).click();
    const frame = webviewFrame(page);
    const focused = frame.locator('#summary-table tbody tr.focused');
    await focused.waitFor({ timeout: 20_000 });
    assert.equal(await focused.getAttribute('data-version-id'), versionId('server', target.sdk, target.version));
    const ids = await frame
      .locator('#summary-table tbody tr[data-version-id]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version-id')));
    assert.equal(ids.length, HOSTILE_SERIES.length);
    assert.equal(new Set(ids).size, ids.length, 'no two rows share an id');
    // The SDK is the row's header cell, the version its first data cell.
    const cells = await focused.locator('th, td').allTextContents();
    assert.deepEqual(cells.slice(0, 2), [target.sdk, target.version]);
  });

  step('7. a hostile refresh error shows in the tree and the banner as text, keeping the data', async () => {
    api.clearFaults();
    api.addFault({
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ code: 'invalid_request', message: `${HOSTILE_MESSAGE}\r\n# not a heading` }),
      },
      times: 1,
      path: 'bysdkversion',
    });
    api.addFault({ fault: { kind: 'status', status: 200, body: hostileBody(Date.now()) }, path: 'bysdkversion' });
    await paletteCommand(page, 'LaunchDarkly Usage: Refresh');
    const errorRow = page.locator('.sidebar .monaco-list-row[aria-level="1"]').filter({ hasText: '(400)' });
    await errorRow.waitFor({ timeout: 15_000 });
    const label = await errorRow.locator('.label-name').innerText();
    assert.ok(label.includes(`${HOSTILE_MESSAGE} # not a heading`), label);
    assert.equal(await errorRow.locator('a[href], a[data-href]').count(), 0, 'no link in the row');
    const banner = webviewFrame(page).locator('#banner');
    await eventually(async () => (await banner.innerText()).includes(HOSTILE_MESSAGE), 10_000, 'the banner');
    assert.equal(await banner.locator('a').count(), 0, 'no link in the banner');
    assert.ok(
      (await sidebarTreeRows(page)).some((r) => r.label === 'go@1'),
      'the last good data stays',
    );
  });
});
