/**
 * Chart first paint: the production webview bundle in headless Chromium, given a state message with
 * 10, 100 and 1,000 versions × 1,440 points (top-N folding on), timed from the message to the frame
 * after the chart, health summary, progress and summary table are drawn: in lines at every size,
 * and at 1,000 versions also in stacked areas, 100% shares and lines on a logarithmic scale (the
 * panel restored with that choice). Then switching modes at 1,000 versions: from a control's change
 * event to the frame after the chart is drawn again.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildUsageModel } from '../src/model/modelBuild';
import { seriesList } from '../test/support/seriesLists';
import { panelHtml } from '../src/panel/html';
import { packPanelData } from '../src/protocol';
import { readyStatus } from '../test/support/panelStatus';
import { launchBrowser } from '../test/harness/browser';

const root = path.resolve(__dirname, '..');

export function syntheticModel(versions: number, points: number) {
  const t0 = Date.UTC(2026, 10, 24);
  const times = Array.from({ length: points }, (_, p) => t0 + p * 60_000);
  const series = Array.from({ length: versions }, (_, i) => ({
    sdk: `sdk-${i % 25}`,
    version: `${1 + (i % 9)}.${Math.floor(i / 9) % 20}.${i % 7}`,
    values: times.map((_, p) => Math.round((1 + (i % 13)) * 100 * (1.2 + Math.sin((p / points) * 2 * Math.PI + i)))),
  }));
  return buildUsageModel([{ source: 'server', list: seriesList(times, series) }], 'minutely');
}

/** The view choices a first paint starts from (as a restored panel has them), by result name. */
const FIRST_PAINT_MODES: Record<string, { saved?: object; label: RegExp }> = {
  '': { label: /^Line chart /u },
  Stacked: { saved: { chartMode: 'stacked' }, label: /^Stacked area chart /u },
  Shares: { saved: { chartMode: 'shares' }, label: /^100% share chart /u },
  Log: { saved: { chartMode: 'lines', logScale: true }, label: /^Line chart .*, logarithmic scale, /u },
};

/** Mode switches in the order they are made, each from the mode the one before left: control, value. */
const SWITCHES: readonly (readonly [name: string, control: 'chart-mode' | 'log-scale', value: string | boolean, label: RegExp])[] = [
  ['linesToStacked', 'chart-mode', 'stacked', FIRST_PAINT_MODES.Stacked!.label],
  ['stackedToShares', 'chart-mode', 'shares', FIRST_PAINT_MODES.Shares!.label],
  ['sharesToLines', 'chart-mode', 'lines', /^Line chart (?!.*logarithmic)/u],
  ['linesToLog', 'log-scale', true, FIRST_PAINT_MODES.Log!.label],
  ['logToLinear', 'log-scale', false, /^Line chart (?!.*logarithmic)/u],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface ChartPaintOptions {
  /** A folder of its own for the browser profile and temp files (keep the path short: Chromium's socket path must fit 107 bytes); removed afterwards. Default: a new folder in the system temp folder. */
  runDir?: string;
  /** Aborting closes the browser, so the run fails fast and cleans up (Playwright's own signal handlers are then off). */
  signal?: AbortSignal;
}

export async function benchChartPaint(
  rounds = 7,
  opts: ChartPaintOptions = {},
): Promise<Record<string, { medianMs: number; runsMs: number[] }>> {
  // Read once up front: the whole run measures one build even if dist/ is rebuilt meanwhile.
  const files: Record<string, [Buffer | string, string]> = {
    '/webview.js': [fs.readFileSync(path.join(root, 'dist', 'webview.js')), 'text/javascript'],
    '/panel.css': [fs.readFileSync(path.join(root, 'media', 'panel.css')), 'text/css'],
  };
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (file) {
      res.writeHead(200, { 'content-type': file[1] }).end(file[0]);
      return;
    }
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const html = panelHtml({ cspSource: origin, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/panel.css` });
    // The bench fetches its state message from here (the panel itself never fetches anything).
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(html.replace("default-src 'none'", `default-src 'none'; connect-src ${origin}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  const runDir = opts.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ld-usage-bench-'));
  fs.mkdirSync(runDir, { recursive: true });
  const results: Record<string, { medianMs: number; runsMs: number[] }> = {};
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    opts.signal?.throwIfAborted();
    browser = await launchBrowser(runDir, { handleSignals: !opts.signal });
    const launched = browser;
    opts.signal?.addEventListener('abort', () => void launched.close(), { once: true });
    const { page } = browser;
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    page.on('console', (m) => console.error('console', m.text()));
    // The webview's host bridge, stubbed: records what the page posts.
    // A string, not a function: tsx's helpers would not exist inside the page.
    // The saved UI state comes from the page's ?state= (a restored panel's choices).
    await page.addInitScript(`
      window.posted = [];
      let state = new URLSearchParams(location.search).has('state') ? JSON.parse(new URLSearchParams(location.search).get('state')) : undefined;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => state, setState: (s) => (state = s) });
    `);
    for (const versions of [10, 100, 1000]) {
      const data = syntheticModel(versions, 1440);
      const from = data.times[0]!;
      const to = data.times.at(-1)!;
      const base = readyStatus(from, to);
      const status = readyStatus(from, to, { loaded: { ...base.loaded!, granularity: 'minutely' }, fetchedAt: Date.now() });
      // Served as JSON and fetched by the page before the timer starts: handing ~10 MB through
      // page.evaluate's serializer on every round cost seconds and measured nothing.
      // The cells travel as plain lists in JSON and become the typed arrays VS Code would deliver
      // before the timer starts.
      const packed = packPanelData(data);
      const cells = { slots: Array.from(packed.cells.slots), values: Array.from(packed.cells.values) };
      files['/state.json'] = [JSON.stringify({ type: 'state', status, data: { ...packed, cells } }), 'application/json'];
      for (const [modeName, { saved, label }] of Object.entries(FIRST_PAINT_MODES)) {
        // Every mode at 1,000 versions; lines alone at the smaller sizes.
        if (modeName !== '' && versions !== 1000) continue;
        const runs: number[] = [];
        const switches = new Map<string, number[]>();
        for (let round = 0; round < rounds + 1; round++) {
          await page.goto(saved ? `${url}?state=${encodeURIComponent(JSON.stringify(saved))}` : url);
          await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
          const ms = await page.evaluate(async () => {
            const message = (await (await fetch('/state.json')).json()) as {
              data: { cells: { slots: number[] | Int32Array; values: number[] | Float64Array } };
            };
            message.data.cells = { slots: new Int32Array(message.data.cells.slots), values: new Float64Array(message.data.cells.values) };
            return new Promise<number>((resolve) => {
              const start = performance.now();
              window.postMessage(message, '*');
              // The message handler renders synchronously; two frames later it is on screen.
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
            });
          });
          await assertDrawn(page, versions, label);
          if (round === 0) continue; // round 0 warms up
          runs.push(Math.round(ms * 10) / 10);
          if (modeName !== '' || versions !== 1000) continue;
          for (const [name, control, value, switchedLabel] of SWITCHES) {
            const switchMs = await page.evaluate(
              ([id, chosen]) =>
                new Promise<number>((resolve) => {
                  const element = document.getElementById(id) as HTMLElement & { value: string; checked: boolean };
                  const start = performance.now();
                  if (typeof chosen === 'boolean') element.checked = chosen;
                  else element.value = chosen;
                  element.dispatchEvent(new Event('change'));
                  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
                }),
              [control, value] as const,
            );
            await assertDrawn(page, versions, switchedLabel);
            switches.set(name, [...(switches.get(name) ?? []), Math.round(switchMs * 10) / 10]);
          }
        }
        results[`versions${versions}${modeName}`] = { medianMs: median(runs), runsMs: runs };
        for (const [name, switchRuns] of switches) results[`switch.${name}`] = { medianMs: median(switchRuns), runsMs: switchRuns };
      }
    }
  } finally {
    await browser?.close();
    server.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  return results;
}

/**
 * Fails the run when the chart drew nothing, the state message was not taken (then only an empty
 * frame shows), or the chart is not the kind its accessible name should say.
 */
async function assertDrawn(page: import('playwright-core').Page, versions: number, label: RegExp): Promise<void> {
  const drawn = await page.evaluate(() => {
    const canvas = document.getElementById('chart') as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
    return {
      painted,
      summaryRows: document.querySelectorAll('#summary-table tr[data-version-id]').length,
      label: canvas.getAttribute('aria-label') ?? '',
    };
  });
  if (drawn.painted === 0) throw new Error(`chart with ${versions} versions drew nothing`);
  if (drawn.summaryRows === 0) throw new Error(`the webview did not take the state message with ${versions} versions (no summary rows)`);
  if (!label.test(drawn.label)) throw new Error(`the chart is not the one expected (${label}): "${drawn.label.slice(0, 200)}"`);
}

if (require.main === module) {
  benchChartPaint().then((r) => console.log(JSON.stringify({ chartFirstPaint: r }, null, 2)));
}
