/**
 * The panel's state object, driven the way the webview drives it: the page's real markup (from
 * panel/html.ts) in happy-dom, host messages through the same dispatch main.ts uses, plain DOM
 * widgets in place of the UI toolkit and a chart that counts its draws. What is checked is what
 * a person sees and keeps: which parts are drawn again, and where keyboard focus stays.
 */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { buildUsageModel } from '../../src/model/modelBuild';
import { panelHtml } from '../../src/panel/html';
import { packPanelData, type HostMessage, type PanelData, type PanelPlan, type PanelStatus, type WebviewMessage } from '../../src/protocol';
import type { ChartInput } from '../../webview/chart';
import { PanelView, dispatch, restoreUiState, type UiState } from '../../webview/panelView';
import type { Widgets } from '../../webview/toolbar';
import { readyStatus } from '../support/panelStatus';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 4, 22, 0);

/** A bysdkversion answer: three node-server versions (two behind the newest) and one Go version. */
function answer(scale: number): PanelData {
  const metadata = [
    { sdk: 'node-server', version: '9.7.1', source: 'server' },
    { sdk: 'node-server', version: '9.5.3', source: 'server' },
    { sdk: 'node-server', version: '8.11.2', source: 'server' },
    { sdk: 'go-server-sdk', version: '7.4.0', source: 'server' },
  ];
  const series = [0, 1, 2].map((h) => ({ time: T0 + h * HOUR, 0: 500 * scale, 1: 120 * scale + h, 2: 40 * scale, 3: 300 * scale }));
  return packPanelData(
    buildUsageModel(
      [{ source: 'server', list: parseSeriesListText(JSON.stringify({ _links: {}, metadata, series }), T0 + 3 * HOUR) }],
      'hourly',
    ),
  );
}

const ready: PanelStatus = readyStatus(T0 - 21 * HOUR, T0 + 3 * HOUR);

/** The widgets as plain elements: the same ids, labels and states the toolkit's would carry. */
function plainWidgets(doc: Document): Widgets {
  const setPressed = (element: HTMLElement, pressed: boolean) => element.setAttribute('aria-pressed', String(pressed));
  const button: Widgets['button'] = (options) => {
    const element = doc.createElement('button');
    element.textContent = options.label;
    if (options.id) element.id = options.id;
    element.addEventListener('click', () => {
      if (!element.hasAttribute('disabled')) options.onClick();
    });
    return element;
  };
  return {
    button,
    setPressed,
    setDisabled: (element, disabled) => element.toggleAttribute('disabled', disabled),
    toggleButton: (options) => {
      const element = button(options);
      setPressed(element, options.pressed);
      return element;
    },
    dropdown: <T extends string>(options: {
      id: string;
      options: readonly { value: T; label: string }[];
      value: T;
      onChange: (value: T) => void;
    }) => {
      const select = doc.createElement('select');
      select.id = options.id;
      for (const { value, label } of options.options)
        select.append(Object.assign(doc.createElement('option'), { value, textContent: label }));
      select.addEventListener('change', () => options.onChange(select.value as T));
      select.value = options.value;
      return { element: select, setValue: (value: T) => void (select.value = value) };
    },
    checkbox: (options) => {
      const input = doc.createElement('input');
      input.type = 'checkbox';
      input.id = options.id;
      input.checked = options.checked;
      input.addEventListener('change', () => options.onChange(input.checked));
      return input;
    },
  };
}

interface Panel {
  readonly doc: Document;
  readonly view: PanelView;
  readonly draws: ChartInput[];
  readonly destroyed: { count: number };
  readonly sent: WebviewMessage[];
  readonly saved: UiState[];
  readonly post: (message: HostMessage) => void;
  readonly byId: (id: string) => HTMLElement;
}

function openPanel(savedState?: unknown): Panel {
  const doc = new Window().document as unknown as Document;
  const html = panelHtml({ cspSource: 'vscode-resource:', scriptUri: 'webview.js', styleUri: 'panel.css' }, 'nonce');
  // The body's markup only: a script inserted through innerHTML never runs.
  doc.body.innerHTML = html.slice(html.indexOf('<body>') + '<body>'.length, html.indexOf('</body>'));
  const draws: ChartInput[] = [];
  const destroyed = { count: 0 };
  const sent: WebviewMessage[] = [];
  const saved: UiState[] = [];
  const view = new PanelView({
    document: doc,
    widgets: plainWidgets(doc),
    chart: { render: (input) => void draws.push(input), destroy: () => void destroyed.count++ },
    locale: 'en-US',
    send: (message) => void sent.push(message),
    saved: savedState,
    save: (state) => void saved.push(state),
  });
  const byId = (id: string) => {
    const element = doc.getElementById(id);
    assert.ok(element, `#${id} is on the page`);
    return element as HTMLElement;
  };
  return { doc, view, draws, destroyed, sent, saved, post: (message) => dispatch(view, message), byId };
}

const text = (element: Element | null) => (element?.textContent ?? '').trim();
const rowIds = (panel: Panel) =>
  Array.from(panel.doc.querySelectorAll('#summary-table tbody tr')).map((tr) => (tr as HTMLElement).dataset.versionId);

/** The page's drawn parts, by identity: the same object after a message means it was not rebuilt. */
function drawnParts(panel: Panel) {
  return {
    summaryTable: panel.byId('summary-table'),
    healthSummary: panel.byId('health-summary').firstElementChild,
    upgradePlan: panel.byId('upgrade-plan').firstElementChild,
    banner: panel.byId('banner').firstElementChild,
    chartDraws: panel.draws.length,
    chartLabel: panel.byId('chart').getAttribute('aria-label'),
  };
}

describe('the panel redraws only what a message changed', () => {
  let panel: Panel;
  beforeEach(() => {
    panel = openPanel();
    panel.post({ type: 'state', status: ready, data: answer(1), plan: null });
  });

  test('the first data message draws the chart, the summary, the health summary and the plan section', () => {
    assert.equal(panel.draws.length, 1);
    assert.equal(panel.draws[0]!.series.length, 4);
    assert.equal(rowIds(panel).length, 4);
    assert.match(text(panel.byId('health-summary')), /connections/);
    assert.match(text(panel.byId('upgrade-plan')), /^Upgrade plan: waiting/);
    assert.match(panel.byId('chart').getAttribute('aria-label')!, /^Line chart .* 4 lines/);
    assert.equal(panel.byId('app').getAttribute('aria-busy'), 'false');
  });

  test('status-only messages (refreshing, then refreshed) update the status parts and leave the chart and tables as they are', () => {
    const before = drawnParts(panel);
    const sortButton = panel.doc.querySelector<HTMLElement>('#summary-table button.sort[data-column="peak"]')!;
    sortButton.focus();

    panel.post({ type: 'state', status: { ...ready, load: 'loading' } });
    assert.equal(text(panel.byId('banner')), 'Refreshing…');
    assert.equal(text(panel.byId('refresh')), 'Refreshing…');
    assert.ok(panel.byId('refresh').hasAttribute('disabled'));
    assert.equal(panel.byId('app').getAttribute('aria-busy'), 'true');
    assert.equal(text(panel.byId('announcer')), 'Refreshing usage data…');
    const during = drawnParts(panel);
    assert.deepEqual({ ...during, banner: undefined }, { ...before, banner: undefined });

    panel.post({ type: 'state', status: { ...ready, fetchedAt: ready.fetchedAt! + HOUR } });
    assert.equal(panel.byId('banner').hidden, true);
    assert.equal(panel.byId('refresh').hasAttribute('disabled'), false);
    assert.match(text(panel.byId('announcer')), /^Loaded 4 versions of 2 SDKs/);
    assert.deepEqual({ ...drawnParts(panel), banner: undefined }, { ...before, banner: undefined });
    assert.equal(panel.doc.activeElement, sortButton, 'keyboard focus stays on the sort button');
  });

  test('an error that stays the same keeps its banner, and focus on its action button', () => {
    const failed: PanelStatus = { ...ready, load: 'error', error: { message: 'LaunchDarkly answered 503.', actions: ['refresh'] } };
    panel.post({ type: 'state', status: failed });
    const retry = panel.doc.querySelector<HTMLElement>('#banner button')!;
    assert.equal(text(retry), 'Refresh');
    retry.focus();
    panel.post({ type: 'state', status: { ...failed, error: { ...failed.error! } } });
    assert.equal(panel.doc.querySelector('#banner button'), retry);
    assert.equal(panel.doc.activeElement, retry);
    retry.click();
    assert.deepEqual(panel.sent.at(-1), { type: 'runAction', action: 'refresh' });
  });

  test('a data message redraws the chart and the tables with the new numbers', () => {
    const before = drawnParts(panel);
    panel.post({ type: 'state', status: ready, data: answer(3) });
    const after = drawnParts(panel);
    assert.notEqual(after.summaryTable, before.summaryTable);
    assert.notEqual(after.healthSummary, before.healthSummary);
    assert.equal(after.chartDraws, before.chartDraws + 1);
    assert.equal(after.upgradePlan, before.upgradePlan, 'the plan did not change');
    assert.equal(text(panel.doc.querySelector('#summary-table tbody tr td.num')), '1,500', 'the newest data, 500 × 3');
  });

  test("LaunchDarkly's verdicts redraw the plan, and the health the chart and tables show", () => {
    const before = drawnParts(panel);
    const oldest = answer(1).versions.find((v) => v.version === '8.11.2')!;
    const plan: PanelPlan = { rows: [], verdicts: [{ versionId: oldest.id, status: 'EolPast', target: '9.7.1' }], fetchedAt: T0 };
    panel.post({ type: 'state', status: ready, plan });
    const after = drawnParts(panel);
    assert.notEqual(after.upgradePlan, before.upgradePlan);
    assert.notEqual(after.summaryTable, before.summaryTable);
    assert.equal(after.chartDraws, before.chartDraws + 1);
    const row = Array.from(panel.doc.querySelectorAll<HTMLElement>('#summary-table tbody tr')).find(
      (tr) => tr.dataset.versionId === oldest.id,
    );
    assert.match(text(row!.querySelector('td.health')), /end of life/i);
  });

  test('"Outdated versions only" narrows the chart and the summary, and is kept', () => {
    const before = drawnParts(panel);
    const checkbox = panel.byId('outdated-only') as HTMLInputElement;
    assert.equal(checkbox.closest('#controls'), panel.byId('controls'));
    checkbox.checked = true;
    checkbox.dispatchEvent(new panel.doc.defaultView!.Event('change'));
    const after = drawnParts(panel);
    assert.equal(after.chartDraws, before.chartDraws + 1);
    assert.equal(panel.draws.at(-1)!.series.length, 2, 'the two node-server versions behind 9.7.1');
    assert.equal(rowIds(panel).length, 2);
    assert.equal(text(panel.doc.querySelector('#summary-table caption')), 'Outdated versions (2); select a column header to sort');
    assert.equal(after.healthSummary, before.healthSummary, 'the health summary counts every version either way');
    assert.equal(panel.saved.at(-1)!.outdatedOnly, true);
    assert.equal(restoreUiState(panel.saved.at(-1)).outdatedOnly, true);
  });

  test('a header click re-sorts the summary alone and keeps focus on that header', () => {
    const before = drawnParts(panel);
    panel.doc.querySelector<HTMLElement>('#summary-table button.sort[data-column="sdk"]')!.click();
    const after = drawnParts(panel);
    assert.notEqual(after.summaryTable, before.summaryTable);
    assert.equal(after.chartDraws, before.chartDraws);
    assert.equal(after.healthSummary, before.healthSummary);
    assert.equal((panel.doc.activeElement as HTMLElement).dataset.column, 'sdk');
    assert.equal(panel.doc.querySelector('#summary-table th[aria-sort="ascending"]')?.textContent?.startsWith('SDK'), true);
  });

  test('the data table replaces the chart without drawing the chart, and the chart comes back drawn', () => {
    panel.byId('toggle-table').click();
    assert.equal(panel.byId('toggle-table').getAttribute('aria-pressed'), 'true');
    assert.equal(panel.byId('chart-view').hidden, true);
    assert.equal(panel.byId('table-view').hidden, false);
    assert.equal(panel.doc.querySelectorAll('#data-table tbody tr').length, 3);
    assert.equal(panel.draws.length, 1);
    const table = panel.byId('data-table');
    panel.post({ type: 'state', status: { ...ready, load: 'loading' } });
    assert.equal(panel.byId('data-table'), table, 'not rebuilt by a status-only message');
    panel.byId('toggle-table').click();
    assert.equal(panel.byId('chart-view').hidden, false);
    assert.equal(panel.draws.length, 2);
  });

  test('a version chosen in the tree takes keyboard focus, again when chosen again', () => {
    const id = rowIds(panel)[2]!;
    panel.post({ type: 'focus', versionId: id });
    const row = () => panel.doc.querySelector<HTMLElement>('#summary-table tr.focused');
    assert.equal(row()?.dataset.versionId, id);
    assert.equal(panel.doc.activeElement, row());
    assert.equal(panel.draws.at(-1)!.focusId, id);
    const table = panel.byId('summary-table');
    panel.byId('refresh').focus();
    panel.post({ type: 'focus', versionId: id });
    assert.equal(panel.byId('summary-table'), table, 'nothing to redraw');
    assert.equal(panel.doc.activeElement, row());
  });

  test('an answer without connections hides the chart and the tables and says so', () => {
    const empty: PanelData = { ...answer(1), versions: [] };
    panel.post({ type: 'state', status: ready, data: empty });
    assert.equal(panel.destroyed.count, 1);
    for (const id of ['chart-view', 'summary-view', 'health-summary', 'upgrade-plan']) assert.equal(panel.byId(id).hidden, true, id);
    assert.match(text(panel.byId('subtitle')), /No streaming connections in this range\.$/);
    panel.post({ type: 'state', status: { ...ready, load: 'loading' } });
    assert.equal(panel.destroyed.count, 1, 'destroyed once');
  });

  test('"revealPlan" opens the upgrade plan', () => {
    panel.post({ type: 'revealPlan' });
    assert.equal((panel.byId('upgrade-plan') as HTMLDetailsElement).open, true);
  });
});

describe('grouping by status, chart modes and progress: local choices, kept across reloads', () => {
  let panel: Panel;
  const oldest = () => answer(1).versions.find((v) => v.version === '8.11.2')!;
  beforeEach(() => {
    panel = openPanel();
    const plan: PanelPlan = { rows: [], verdicts: [{ versionId: oldest().id, status: 'EolPast', target: '9.7.1' }], fetchedAt: T0 };
    panel.post({ type: 'state', status: ready, data: answer(1), plan });
  });
  const choose = (id: string, value: string) => {
    const select = panel.byId(id) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new panel.doc.defaultView!.Event('change'));
  };

  test('"By status" draws a series per health group (verdict first, else the estimate) and the data table follows, marks and all', () => {
    const sentBefore = panel.sent.length;
    panel.byId('group-status').click();
    assert.equal(panel.byId('group-status').getAttribute('aria-pressed'), 'true');
    assert.equal(panel.byId('group-version').getAttribute('aria-pressed'), 'false');
    const series = panel.draws.at(-1)!.series;
    // 8.11.2: past end of life (LaunchDarkly); 9.5.3 a minor behind and the rest current (estimates).
    assert.deepEqual(
      series.map((s) => (s.isOther ? 'other' : s.group)),
      ['pastEol', 'current'],
    );
    assert.deepEqual(Array.from(series[0]!.values), [40, 40, 40]);
    assert.deepEqual(Array.from(series[1]!.values), [920, 921, 922]);
    assert.match(
      panel.byId('chart').getAttribute('aria-label')!,
      /^Line chart of concurrent streaming connections per health status, 2 lines/,
    );
    panel.byId('toggle-table').click();
    const headers = Array.from(panel.doc.querySelectorAll('#data-table thead th[data-series]'));
    assert.deepEqual(
      headers.map((th) => [
        th.querySelector('.mark')?.textContent,
        th.querySelector('.mark')?.getAttribute('aria-hidden'),
        th.lastChild?.textContent,
      ]),
      [
        ['✕', 'true', 'Past end of life'],
        ['✓', 'true', 'Current'],
      ],
    );
    assert.equal(panel.sent.length, sentBefore, 'regrouping asks the host for nothing');
    assert.equal(restoreUiState(panel.saved.at(-1)).groupBy, 'status');
  });

  test('stacked areas, 100% shares and the logarithmic scale: drawn, described, kept, and asked of no one', () => {
    const sentBefore = panel.sent.length;
    const summary = panel.byId('summary-table');
    const logScale = panel.byId('log-scale') as HTMLInputElement;
    assert.equal(logScale.hasAttribute('disabled'), false);
    logScale.checked = true;
    logScale.dispatchEvent(new panel.doc.defaultView!.Event('change'));
    assert.deepEqual([panel.draws.at(-1)!.mode, panel.draws.at(-1)!.logScale], ['lines', true]);
    assert.match(panel.byId('chart').getAttribute('aria-label')!, /, 4 lines, logarithmic scale, hourly from/);

    choose('chart-mode', 'stacked');
    assert.equal(panel.draws.at(-1)!.mode, 'stacked');
    assert.ok(logScale.hasAttribute('disabled'), 'no logarithmic axis for areas');
    assert.match(
      panel.byId('chart').getAttribute('aria-label')!,
      /^Stacked area chart of concurrent streaming connections per SDK version, 4 areas and their total, .* Total peak 962 connections\.$/,
    );

    choose('chart-mode', 'shares');
    const drawn = panel.draws.at(-1)!;
    assert.equal(drawn.mode, 'shares');
    assert.deepEqual(Array.from(drawn.totals), [960, 961, 962]);
    assert.match(
      panel.byId('chart').getAttribute('aria-label')!,
      /^100% share chart of streaming connections per SDK version, 4 areas, each the share of all connections in its bucket, .*\. Shares of all connections at Mar 4, 22:00: node-server 9\.7\.1 52%, go-server-sdk 7\.4\.0 31%, node-server 9\.5\.3 13%, node-server 8\.11\.2 4%; at Mar 5, 00:00: .*\.$/,
    );
    assert.equal(panel.byId('summary-table'), summary, 'the summary is not redrawn for a chart mode');
    assert.equal(panel.sent.length, sentBefore, 'no message to the host: every switch is local');
    const kept = restoreUiState(panel.saved.at(-1));
    assert.deepEqual([kept.chartMode, kept.logScale], ['shares', true]);
    const reopened = openPanel(panel.saved.at(-1));
    assert.equal((reopened.byId('chart-mode') as HTMLSelectElement).value, 'shares');
    reopened.post({ type: 'state', status: ready, data: answer(1), plan: null });
    assert.equal(reopened.draws.at(-1)!.mode, 'shares');
  });

  test('progress above the chart: each status share at the first and last bucket with connections, and the change', () => {
    const progress = panel.byId('progress');
    assert.equal(progress.hidden, false);
    assert.ok(progress.compareDocumentPosition(panel.byId('chart-view')) & 4, 'above the chart');
    assert.equal(
      text(progress.querySelector('.progress-heading')),
      'Progress by status from Mar 4, 22:00 to Mar 5, 00:00, the first and last buckets with connections (UTC):',
    );
    assert.deepEqual(
      Array.from(progress.querySelectorAll('li')).map((li) => [(li as HTMLElement).dataset.group, text(li)]),
      [
        ['pastEol', '✕Past end of life: 4% → 4% of connections (unchanged)'],
        ['current', '✓Current: 96% → 96% of connections (unchanged)'],
      ],
    );
    const before = panel.byId('progress').firstElementChild;
    panel.byId('group-sdk').click();
    assert.equal(panel.byId('progress').firstElementChild, before, 'progress does not follow the chart grouping');
    panel.post({ type: 'state', status: ready, data: { ...answer(1), versions: [] } });
    assert.equal(panel.byId('progress').hidden, true);
  });
});

test('a long summary shows its first 100 rows until "Show all" is chosen, and remembers that', () => {
  const metadata = Array.from({ length: 120 }, (_, i) => ({ sdk: 'node-server', version: `1.${i}.0`, source: 'server' }));
  const series = [{ time: T0, ...Object.fromEntries(metadata.map((_, i) => [i, i + 1])) }];
  const many = packPanelData(
    buildUsageModel([{ source: 'server', list: parseSeriesListText(JSON.stringify({ metadata, series }), T0 + HOUR) }], 'hourly'),
  );
  const panel = openPanel();
  panel.post({ type: 'state', status: ready, data: many, plan: null });
  assert.equal(rowIds(panel).length, 100);
  const showAll = panel.byId('show-all-rows');
  assert.equal(text(showAll), 'Show all 120 versions');
  panel.post({ type: 'state', status: { ...ready, load: 'loading' } });
  assert.equal(panel.byId('show-all-rows'), showAll, 'not rebuilt by a status-only message');
  showAll.click();
  assert.equal(rowIds(panel).length, 120);
  assert.equal(panel.doc.getElementById('show-all-rows'), null);
  assert.equal(panel.saved.at(-1)!.showAllRows, true);
});

test('the saved UI state is checked field by field; anything malformed falls back to the default', () => {
  const defaults = restoreUiState(undefined);
  assert.deepEqual(defaults, {
    groupBy: 'version',
    chartMode: 'lines',
    logScale: false,
    outdatedOnly: false,
    showTable: false,
    focusId: undefined,
    sort: { key: 'latest', descending: true },
    showAllRows: false,
  });
  assert.deepEqual(
    restoreUiState({
      groupBy: 'sdk; drop',
      chartMode: 'pie',
      logScale: 'yes',
      outdatedOnly: 'yes',
      sort: { key: 'constructor', descending: true },
      focusId: 7,
    }),
    defaults,
  );
  assert.deepEqual(restoreUiState(['sdk']), defaults);
  const kept = {
    groupBy: 'status',
    chartMode: 'shares',
    logScale: true,
    outdatedOnly: true,
    showTable: true,
    focusId: 'v',
    sort: { key: 'health', descending: false },
    showAllRows: true,
  };
  assert.deepEqual(restoreUiState(kept), kept);
  const panel = openPanel(kept);
  assert.equal(panel.byId('group-status').getAttribute('aria-pressed'), 'true');
  assert.equal(panel.byId('group-sdk').getAttribute('aria-pressed'), 'false');
  assert.equal((panel.byId('chart-mode') as HTMLSelectElement).value, 'shares');
  assert.equal((panel.byId('log-scale') as HTMLInputElement).checked, true);
  assert.ok(panel.byId('log-scale').hasAttribute('disabled'), 'a logarithmic axis is for lines only');
  assert.equal((panel.byId('outdated-only') as HTMLInputElement).checked, true);
  assert.equal(panel.byId('toggle-table').getAttribute('aria-pressed'), 'true');
});
