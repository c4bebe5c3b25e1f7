/**
 * The chart panel's script. It says "ready", renders whatever state the host sends, keeps its own
 * UI choices with getState/setState, and asks the host (never the network) for everything else.
 */
import { chartSeries, type ChartModel, type GroupBy } from '../src/model/chartData';
import { granularityLabel } from '../src/model/format';
import { needsUpgrade } from '../src/model/verdict';
import { describeFilter, sourceLabel, type SourceSelection } from '../src/model/query';
import { RANGE_PRESETS, presetLabel, type RangePreset } from '../src/model/timeRange';
import { isHostMessage, type PanelPlan, type PanelStatus, type WebviewMessage } from '../src/protocol';
import { ACTION_LABELS, bannerContent, renderBanner } from './banner';
import { ConnectionsChart } from './chart';
import { announcement, describeChart } from './describe';
import { prefersReducedMotion, watchReducedMotion } from './motion';
import { SUMMARY_COLUMNS, dataTable, healthSummary as healthSummaryList, summaryTable, type SortKey } from './tables';
import { button, checkbox, dropdown, setDisabled, setPressed, toggleButton } from './ui';
import { panelHealth, renderUpgradePlan } from './upgradePlan';

interface UiState {
  groupBy: GroupBy;
  staleOnly: boolean;
  showTable: boolean;
  focusId: string | undefined;
  sort: { key: SortKey; descending: boolean };
  /** The summary shows the first SUMMARY_ROWS rows until asked for all. */
  showAllRows: boolean;
}

/** Rows drawn before "Show all": a 1,000-row table would cost more than the chart to lay out. */
const SUMMARY_ROWS = 100;

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): Partial<UiState> | undefined;
  setState(state: UiState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState() ?? {};
const ui: UiState = {
  groupBy: saved.groupBy === 'sdk' ? 'sdk' : 'version',
  staleOnly: saved.staleOnly === true,
  showTable: saved.showTable === true,
  focusId: typeof saved.focusId === 'string' ? saved.focusId : undefined,
  sort: saved.sort && typeof saved.sort.key === 'string' ? saved.sort : { key: 'latest', descending: true },
  showAllRows: saved.showAllRows === true,
};
const locale = navigator.language || 'en-US';

let status: PanelStatus | undefined;
let data: ChartModel | null = null;
let plan: PanelPlan | null = null;
/** A version's health as shown: LaunchDarkly's verdict where the plan has one, else the estimate. */
let healthOf = panelHealth(plan);
/** A version was chosen in the tree: its row takes keyboard focus once it is drawn (data may come later). */
let rowFocusRequested = false;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = byId('app');
const subtitle = byId('subtitle');
const banner = byId('banner');
const healthSummary = byId('health-summary');
const chartView = byId('chart-view');
const canvas = byId<HTMLCanvasElement>('chart');
const tableView = byId('table-view');
const summaryView = byId('summary-view');
const upgradePlan = byId<HTMLDetailsElement>('upgrade-plan');
const announcer = byId('announcer');
const chart = new ConnectionsChart(canvas, prefersReducedMotion(window));
watchReducedMotion(window, (reduced) => chart.setReducedMotion(reduced));

const send = (message: WebviewMessage) => vscode.postMessage(message);
const saveUi = () => vscode.setState(ui);

// Controls are built once; render() only updates their values.
const sourceControl = dropdown<SourceSelection>({
  id: 'source',
  label: 'Source',
  options: (['server', 'client', 'both'] as const).map((value) => ({ value, label: sourceLabel(value) })),
  value: 'server',
  onChange: (source) => send({ type: 'setSource', source }),
});
const rangeControl = dropdown<RangePreset | 'custom'>({
  id: 'range',
  label: 'Time range',
  options: [...RANGE_PRESETS.map((preset) => ({ value: preset as RangePreset | 'custom', label: presetLabel(preset) })), { value: 'custom', label: 'Custom…' }],
  value: '24h',
  onChange: (preset) => send({ type: 'setRange', preset }),
});
const refreshButton = button({ id: 'refresh', label: 'Refresh', onClick: () => send({ type: 'refresh' }) });
const byVersionButton = toggleButton({ id: 'group-version', label: 'By version', pressed: ui.groupBy === 'version', onClick: () => setGroupBy('version') });
const bySdkButton = toggleButton({ id: 'group-sdk', label: 'By SDK', pressed: ui.groupBy === 'sdk', onClick: () => setGroupBy('sdk') });
const tableButton = toggleButton({ id: 'toggle-table', label: 'Data table', pressed: ui.showTable, title: 'Show the chart\'s numbers as a table', onClick: () => {
  ui.showTable = !ui.showTable;
  saveUi();
  render();
} });
const staleControl = checkbox({ id: 'stale-only', label: 'Stale versions only', checked: ui.staleOnly, onChange: (checked) => {
  ui.staleOnly = checked;
  saveUi();
  render();
} });
const exportCsv = button({ id: 'export-csv', label: 'Export CSV', secondary: true, onClick: () => send({ type: 'export', format: 'csv' }) });
const exportJson = button({ id: 'export-json', label: 'Export JSON', secondary: true, onClick: () => send({ type: 'export', format: 'json' }) });
const copySummary = button({ id: 'copy-summary', label: 'Copy summary', secondary: true, onClick: () => send({ type: 'copySummary' }) });

const groupBox = document.createElement('div');
groupBox.className = 'group';
groupBox.setAttribute('role', 'group');
groupBox.setAttribute('aria-label', 'Group chart by');
groupBox.append(byVersionButton, bySdkButton);
byId('controls').append(sourceControl.element, rangeControl.element, refreshButton, groupBox, staleControl, tableButton, exportCsv, exportJson, copySummary);

function setGroupBy(groupBy: GroupBy): void {
  ui.groupBy = groupBy;
  saveUi();
  render();
}

function showBanner(): void {
  renderBanner(banner, status && bannerContent(status, data !== null), (action) =>
    button({ label: ACTION_LABELS[action], secondary: true, onClick: () => send({ type: 'runAction', action }) }),
  );
}

/** Speaks loading, loaded and errors through the polite live region, each change once. */
function announce(): void {
  if (!status) return;
  const text = announcement(status, data ? { versions: data.versions.length, sdks: new Set(data.versions.map((v) => `${v.source}\u0000${v.sdk}`)).size } : undefined);
  if (text !== undefined && text !== announcer.textContent) announcer.textContent = text;
}

function renderHeader(): void {
  const state = status;
  if (!state) return;
  sourceControl.setValue(state.source);
  rangeControl.setValue(state.range.kind === 'preset' ? state.range.preset : 'custom');
  setDisabled(refreshButton, state.status === 'loading' || !state.hasToken);
  refreshButton.textContent = state.status === 'loading' ? 'Refreshing…' : 'Refresh';
  app.setAttribute('aria-busy', String(state.status === 'loading'));
  const loaded = state.loaded;
  if (!loaded || !data) {
    subtitle.textContent = state.hasToken ? 'No data yet.' : '';
    return;
  }
  const filter = describeFilter(loaded.filter);
  const fetched = state.fetchedAt ? `updated ${new Date(state.fetchedAt).toLocaleTimeString(locale)}` : undefined;
  subtitle.textContent = [sourceLabel(loaded.source), loaded.rangeLabel, `${granularityLabel(loaded.granularity)} data`, `times in ${loaded.timeZone}`, filter && `filter: ${filter}`, fetched, state.stale ? 'stale' : undefined, ...state.notes]
    .filter(Boolean)
    .join(' · ');
  subtitle.classList.toggle('stale', state.stale);
  for (const control of [exportCsv, exportJson, copySummary]) setDisabled(control, false);
}

function renderSummaryTable(model: ChartModel): void {
  const versions = ui.staleOnly ? model.versions.filter((v) => needsUpgrade(healthOf(v))) : model.versions;
  const { table, rows, drawn } = summaryTable(document, model, {
    versions,
    sort: ui.sort,
    caption: `${ui.staleOnly ? 'Stale versions' : 'Versions'} (${versions.length}); select a column header to sort`,
    focusId: ui.focusId,
    health: healthOf,
    rowLimit: ui.showAllRows ? Infinity : SUMMARY_ROWS,
    locale,
    onSort: (key) => {
      const numeric = SUMMARY_COLUMNS.find(([k]) => k === key)![2];
      ui.sort = { key, descending: ui.sort.key === key ? !ui.sort.descending : numeric };
      saveUi();
      renderSummaryTable(model);
      summaryView.querySelector<HTMLElement>(`button.sort[data-column="${key}"]`)?.focus();
    },
  });
  summaryView.replaceChildren(table);
  const focusedRow = rowFocusRequested && ui.focusId !== undefined ? table.querySelector<HTMLElement>(`tr[data-version-id="${CSS.escape(ui.focusId)}"]`) : null;
  if (focusedRow) {
    rowFocusRequested = false;
    focusedRow.focus({ preventScroll: true });
    focusedRow.scrollIntoView({ block: 'nearest' });
  }
  if (drawn < rows) {
    summaryView.append(
      button({ id: 'show-all-rows', label: `Show all ${rows} versions`, secondary: true, onClick: () => {
        ui.showAllRows = true;
        saveUi();
        renderSummaryTable(model);
      } }),
    );
  }
}

function render(): void {
  renderHeader();
  showBanner();
  announce();
  setPressed(byVersionButton, ui.groupBy === 'version');
  setPressed(bySdkButton, ui.groupBy === 'sdk');
  setPressed(tableButton, ui.showTable);
  const model = data;
  const visible = model !== null && model.versions.length > 0;
  chartView.hidden = !visible || ui.showTable;
  tableView.hidden = !visible || !ui.showTable;
  summaryView.hidden = !visible;
  healthSummary.hidden = !visible;
  upgradePlan.hidden = !visible;
  if (status) renderUpgradePlan(upgradePlan, plan, status.verdictNote, send, locale);
  if (!model || !visible || !status) {
    chart.destroy();
    if (model && status?.status === 'ready') {
      subtitle.textContent += ' · No streaming connections in this range.';
    }
    return;
  }
  const timeZone = status.loaded?.timeZone ?? 'UTC';
  const series = chartSeries(model, { topN: status.topN, groupBy: ui.groupBy, staleOnly: ui.staleOnly, focusId: ui.focusId, isStale: (v) => needsUpgrade(healthOf(v)) });
  if (ui.showTable) {
    tableView.replaceChildren(dataTable(document, model, series, timeZone, locale));
  } else {
    chart.render({ times: model.times, series, granularity: model.granularity, timeZone, locale, focusId: ui.focusId });
    canvas.setAttribute('aria-label', describeChart({ times: model.times, series, granularity: model.granularity, groupBy: ui.groupBy, timeZone, locale }));
  }
  healthSummary.replaceChildren(healthSummaryList(document, model, healthOf, locale));
  if (status.verdictNote) {
    const note = document.createElement('p');
    note.className = 'verdict-note';
    note.textContent = status.verdictNote;
    healthSummary.append(note);
  }
  renderSummaryTable(model);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (message.type === 'focus') {
    ui.focusId = message.versionId;
    saveUi();
    rowFocusRequested = true;
    render();
    return;
  }
  if (message.type === 'revealPlan') {
    upgradePlan.open = true;
    upgradePlan.scrollIntoView({ block: 'start' });
    return;
  }
  status = message.status;
  if (message.data !== undefined) data = message.data;
  if (message.plan !== undefined) {
    plan = message.plan;
    healthOf = panelHealth(plan);
  }
  render();
});

// Theme changes switch the body's class; the chart re-reads the --vscode-* colours.
new MutationObserver(() => chart.refreshTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

send({ type: 'ready' });
