/**
 * The panel for people who do not see it or do not want it to move: the live region's texts, the
 * chart's accessible name, the banner's words and the reduced-motion switch (with happy-dom).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import type { ChartSeries } from '../../src/model/chartData';
import type { PanelStatus } from '../../src/protocol';
import { bannerContent } from '../../src/presentation/status';
import { renderBanner } from '../../webview/banner';
import { lineStyle } from '../../webview/chart';
import { announcement, describeChart } from '../../webview/describe';
import { chartAnimation, prefersReducedMotion, watchReducedMotion, type MotionWindow } from '../../webview/motion';
import { readyStatus } from '../support/panelStatus';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 12, 0);

const ready: PanelStatus = readyStatus(T0, T0 + 24 * HOUR);

describe('the live region', () => {
  const data = { versions: 1234, sdks: 1 };

  test('says loading, refreshing, loaded and errors', () => {
    assert.equal(announcement({ ...ready, load: 'loading', loaded: undefined }, undefined), 'Loading usage data…');
    assert.equal(announcement({ ...ready, load: 'loading' }, data), 'Refreshing usage data…');
    assert.equal(announcement(ready, data), 'Loaded 1,234 versions of 1 SDK. Server-side SDKs, Last 24 hours.');
    assert.equal(announcement(ready, { versions: 1, sdks: 2 }), 'Loaded 1 version of 2 SDKs. Server-side SDKs, Last 24 hours.');
    assert.equal(announcement(ready, { versions: 0, sdks: 0 }), 'Loaded: no streaming connections. Server-side SDKs, Last 24 hours.');
    const error = { ...ready, load: 'error' as const, error: { message: 'LaunchDarkly answered 503.', actions: ['refresh' as const] } };
    assert.equal(announcement(error, data), 'Error: LaunchDarkly answered 503.');
    assert.equal(announcement({ ...ready, hasToken: false }, undefined), 'No API access token is set.');
  });

  test('stays quiet while nothing has been asked for', () => {
    assert.equal(announcement({ ...ready, load: 'idle', loaded: undefined }, undefined), undefined);
  });
});

describe("the chart's accessible name", () => {
  const series = (label: string, peak: number): ChartSeries => ({ id: label, label, values: Float64Array.of(peak), peak, isOther: false });
  const other = (folded: number, peak: number): ChartSeries => ({
    id: 'other',
    folded,
    values: Float64Array.of(peak),
    peak,
    isOther: true,
  });
  const times = [T0, T0 + HOUR, T0 + 2 * HOUR];
  /** Lines on a linear axis; the totals matter only for shares. */
  const lines = { mode: 'lines' as const, logScale: false, totals: new Float64Array(times.length) };

  test('says what is drawn, over which range, and the largest series', () => {
    const label = describeChart({
      times,
      series: [series('node-server 9.7.1', 5300), series('go-server-sdk 7.4.0', 2450), other(3, 9000)],
      ...lines,
      granularity: 'hourly',
      groupBy: 'version',
      timeZone: 'UTC',
      locale: 'en-US',
    });
    assert.equal(
      label,
      'Line chart of concurrent streaming connections per SDK version, 3 lines, hourly from Nov 29, 12:00 to Nov 29, 14:00 (UTC). Largest: node-server 9.7.1, peak 5,300 connections.',
    );
  });

  test('names SDK totals when grouped by SDK, and an empty chart as such', () => {
    assert.match(
      describeChart({
        times,
        series: [series('node-server', 7)],
        ...lines,
        granularity: 'hourly',
        groupBy: 'sdk',
        timeZone: 'UTC',
        locale: 'en-US',
      }),
      /^Line chart of concurrent streaming connections per SDK, 1 line, .* Largest: node-server, peak 7 connections\.$/,
    );
    assert.equal(
      describeChart({
        times: [],
        series: [],
        ...lines,
        totals: new Float64Array(0),
        granularity: 'daily',
        groupBy: 'version',
        timeZone: 'UTC',
        locale: 'en-US',
      }),
      'Line chart of concurrent streaming connections per SDK version, 0 lines, no data.',
    );
  });
});

describe('the banner', () => {
  const doc = new Window().document as unknown as Document;
  const draw = (status: PanelStatus, hasData: boolean) => {
    const banner = doc.createElement('div');
    renderBanner(banner, bannerContent(status, hasData), (action) => {
      const b = doc.createElement('button');
      b.textContent = action;
      return b;
    });
    return banner;
  };

  test('says "Error:" in words, keeps the message as text and offers its actions', () => {
    const message = '<img src=x onerror=alert(1)> LaunchDarkly answered 503.';
    const banner = draw({ ...ready, load: 'error', error: { message, actions: ['refresh', 'openSettings'] } }, true);
    assert.equal(banner.hidden, false);
    assert.equal(banner.className, 'error');
    assert.equal(banner.textContent, `Error:${message} The data below is from the last successful refresh.refreshopenSettings`);
    assert.equal(banner.querySelector('img'), null, 'API text never becomes markup');
  });

  test('hides when all is well and tells loading from refreshing', () => {
    assert.equal(draw(ready, true).hidden, true);
    assert.equal(draw({ ...ready, load: 'loading' }, false).textContent, 'Loading usage data…');
    assert.equal(draw({ ...ready, load: 'loading' }, true).textContent, 'Refreshing…');
    assert.equal(draw({ ...ready, hasToken: false }, false).textContent, 'No API access token is set.setToken');
  });
});

describe('reduced motion', () => {
  const windowWith = (prefersReducedMotion: 'reduce' | 'no-preference') =>
    new Window({ settings: { device: { prefersReducedMotion } } }) as unknown as MotionWindow;

  test('the chart animates only when nobody asked for less motion', () => {
    assert.equal(chartAnimation(true), false);
    const animation = chartAnimation(false);
    assert.ok(animation && animation.duration > 0);
  });

  test("follows the system preference and VS Code's reduce-motion class", () => {
    assert.equal(prefersReducedMotion(windowWith('reduce')), true);
    const win = windowWith('no-preference');
    assert.equal(prefersReducedMotion(win), false);
    win.document.body.classList.add('vscode-reduce-motion');
    assert.equal(prefersReducedMotion(win), true);
  });

  test('reports a change made while the panel is open, once', async () => {
    const win = windowWith('no-preference');
    const seen: boolean[] = [];
    watchReducedMotion(win, (reduced) => seen.push(reduced));
    const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
    win.document.body.classList.add('vscode-dark');
    await tick();
    assert.deepEqual(seen, [], 'a theme change is not a motion change');
    win.document.body.classList.add('vscode-reduce-motion');
    await tick();
    win.document.body.classList.remove('vscode-reduce-motion');
    await tick();
    assert.deepEqual(seen, [true, false]);
  });
});

test('in high-contrast themes every line differs by dash pattern or width, not by colour alone', () => {
  const styles = Array.from({ length: 12 }, (_, i) => JSON.stringify(lineStyle(i, false, true)));
  assert.equal(new Set(styles).size, styles.length);
  assert.ok(!styles.includes(JSON.stringify(lineStyle(0, true, true))), '"Other" has a style of its own');
  assert.deepEqual(lineStyle(0, false, false), lineStyle(1, false, false), 'other themes tell the first six apart by colour');
});
