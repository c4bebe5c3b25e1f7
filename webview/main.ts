/**
 * The chart panel's script. It says "ready", renders whatever state the host sends, keeps its own
 * UI choices with getState/setState, and asks the host (never the network) for everything else.
 */
import type { UsageErrorAction } from '../src/api/errors';
import { chartSeries, type ChartModel, type ChartSeries, type GroupBy } from '../src/model/chartData';
import { formatBucketTime, formatCount, formatPercent, granularityLabel } from '../src/model/format';
import { HEALTH_SEVERITY, describeEffectiveHealth, needsUpgrade, type HealthKey } from '../src/model/verdict';
import { describeFilter, sourceLabel, type SourceSelection } from '../src/model/query';
import { RANGE_PRESETS, presetLabel, type RangePreset } from '../src/model/timeRange';
import type { VersionUsage } from '../src/model/usageModel';
import { isHostMessage, type PanelPlan, type PanelStatus, type WebviewMessage } from '../src/protocol';
import { MAX_MESSAGE_CHARS, plainText } from '../src/text';
import { ConnectionsChart } from './chart';
import { button, checkbox, dropdown, setDisabled, setPressed, toggleButton } from './ui';
import { panelHealth, renderUpgradePlan } from './upgradePlan';

type SortKey = 'sdk' | 'version' | 'latest' | 'peak' | 'average' | 'share' | 'health';

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

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = byId('app');
const subtitle = byId('subtitle');
const banner = byId('banner');
const healthSummary = byId('health-summary');
const chartView = byId('chart-view');
const tableView = byId('table-view');
const summaryView = byId('summary-view');
const upgradePlan = byId<HTMLDetailsElement>('upgrade-plan');
const chart = new ConnectionsChart(byId<HTMLCanvasElement>('chart'));

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

const ACTION_LABELS: Record<UsageErrorAction, string> = {
  setToken: 'Set API Token',
  refresh: 'Refresh',
  openSettings: 'Open Settings',
  chooseTimeRange: 'Choose Time Range',
};

function renderBanner(): void {
  banner.replaceChildren();
  banner.className = '';
  const state = status;
  if (!state) return;
  let text: string | undefined;
  if (!state.hasToken) {
    text = 'No API access token is set.';
  } else if (state.error) {
    text = state.error.message + (data ? ' The data below is from the last successful refresh.' : '');
    banner.className = 'error';
  } else if (state.status === 'loading') {
    text = data ? 'Refreshing…' : 'Loading usage data…';
    banner.className = 'info';
  } else if (state.stale) {
    text = 'This data does not match the current selection yet.';
    banner.className = 'info';
  }
  banner.hidden = text === undefined;
  if (!text) return;
  const message = document.createElement('span');
  message.textContent = text;
  banner.append(message);
  const actions = !state.hasToken ? (['setToken'] as UsageErrorAction[]) : (state.error?.actions ?? []);
  for (const action of actions) {
    banner.append(button({ label: ACTION_LABELS[action], secondary: true, onClick: () => send({ type: 'runAction', action }) }));
  }
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

/** In the order the summary line lists them; says whose verdict each is. */
const HEALTH_TEXT: Record<HealthKey, string> = {
  EolAllClear: 'on current versions (LaunchDarkly)',
  current: 'on current versions (estimate)',
  MajorVersionAvailable: 'on versions with a new major version available (LaunchDarkly)',
  minorBehind: 'on versions a minor release or more behind (estimate)',
  majorBehind: 'on versions a major release or more behind (estimate)',
  EolNear: 'on versions near end of life (LaunchDarkly)',
  EolPast: 'on versions past end of life (LaunchDarkly)',
  unknown: 'on versions that are not comparable (estimate)',
};

function renderHealthSummary(model: ChartModel): void {
  healthSummary.replaceChildren();
  const list = document.createElement('ul');
  const shares = new Map<HealthKey, { connections: number; versions: number }>();
  for (const v of model.versions) {
    const share = shares.get(healthOf(v).key) ?? { connections: 0, versions: 0 };
    share.connections += v.latest;
    share.versions++;
    shares.set(healthOf(v).key, share);
  }
  for (const key of Object.keys(HEALTH_TEXT) as HealthKey[]) {
    const share = shares.get(key);
    if (!share) continue;
    const item = document.createElement('li');
    item.className = `health-${key}`;
    item.dataset.status = key;
    item.textContent = `${formatCount(share.connections, locale)} connections (${formatPercent(model.latestTotal ? share.connections / model.latestTotal : 0)}) ${HEALTH_TEXT[key]} · ${share.versions} version${share.versions === 1 ? '' : 's'}`;
    list.append(item);
  }
  healthSummary.append(list);
  if (status?.verdictNote) {
    const note = document.createElement('p');
    note.className = 'verdict-note';
    note.textContent = status.verdictNote;
    healthSummary.append(note);
  }
}

function renderDataTable(model: ChartModel, series: readonly ChartSeries[], timeZone: string): void {
  const table = document.createElement('table');
  table.id = 'data-table';
  const caption = document.createElement('caption');
  caption.textContent = `Concurrent connections per ${granularityLabel(model.granularity).replace('per ', '')} bucket (times in ${timeZone})`;
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  const timeHeader = document.createElement('th');
  timeHeader.scope = 'col';
  timeHeader.textContent = 'Time';
  headRow.append(timeHeader);
  for (const s of series) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = s.label;
    th.dataset.series = s.id;
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  for (let p = 0; p < model.times.length; p++) {
    const row = body.insertRow();
    row.dataset.time = String(model.times[p]);
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = formatBucketTime(model.times[p]!, model.granularity, timeZone, locale);
    row.append(th);
    for (const s of series) {
      const cell = row.insertCell();
      cell.dataset.series = s.id;
      cell.textContent = formatCount(s.values[p]!, locale);
    }
  }
  table.append(caption, head, body);
  tableView.replaceChildren(table);
}

function sortValue(v: VersionUsage, key: SortKey): string | number {
  switch (key) {
    case 'sdk': return v.sdk.toLowerCase();
    case 'version': return v.version;
    case 'latest':
    case 'share': return v.latest;
    case 'peak': return v.peak;
    case 'average': return v.average;
    case 'health': return HEALTH_SEVERITY[healthOf(v).key] * 1000 + v.health.behind;
  }
}

function renderSummaryTable(model: ChartModel): void {
  const versions = ui.staleOnly ? model.versions.filter((v) => needsUpgrade(healthOf(v))) : model.versions;
  const { key, descending } = ui.sort;
  // The model's order (SDK, then newest version first) breaks ties and is the "version" order.
  const order = new Map(model.versions.map((v, i) => [v.id, i]));
  const rows = [...versions].sort((a, b) => {
    if (key === 'version' || key === 'sdk') {
      const base = key === 'sdk' ? String(sortValue(a, key)).localeCompare(String(sortValue(b, key))) || order.get(a.id)! - order.get(b.id)! : order.get(a.id)! - order.get(b.id)!;
      return descending ? -base : base;
    }
    const diff = (sortValue(a, key) as number) - (sortValue(b, key) as number);
    return (descending ? -diff : diff) || order.get(a.id)! - order.get(b.id)!;
  });
  const table = document.createElement('table');
  table.id = 'summary-table';
  const caption = document.createElement('caption');
  caption.textContent = `${ui.staleOnly ? 'Stale versions' : 'Versions'} (${rows.length}); select a column header to sort`;
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  const columns: [SortKey, string, boolean][] = [
    ['sdk', 'SDK', false], ['version', 'Version', false], ['latest', 'Latest', true], ['peak', 'Peak', true], ['average', 'Average', true], ['share', 'Share', true], ['health', 'Health', false],
  ];
  for (const [columnKey, label, numeric] of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (numeric) th.className = 'num';
    th.setAttribute('aria-sort', key === columnKey ? (descending ? 'descending' : 'ascending') : 'none');
    const sortButton = document.createElement('button');
    sortButton.className = 'sort';
    sortButton.textContent = label + (key === columnKey ? (descending ? ' ▼' : ' ▲') : '');
    sortButton.addEventListener('click', () => {
      ui.sort = { key: columnKey, descending: key === columnKey ? !descending : numeric };
      saveUi();
      renderSummaryTable(model);
      (summaryView.querySelector(`th[aria-sort]:not([aria-sort="none"]) button`) as HTMLElement | null)?.focus();
    });
    th.append(sortButton);
    headRow.append(th);
  }
  const body = document.createElement('tbody');
  const focused = rows.findIndex((v) => v.id === ui.focusId);
  const limit = ui.showAllRows ? rows.length : Math.max(SUMMARY_ROWS, focused + 1);
  for (const v of rows.slice(0, limit)) {
    const row = body.insertRow();
    row.dataset.versionId = v.id;
    row.tabIndex = -1;
    if (v.id === ui.focusId) row.classList.add('focused');
    const cells: [string, string][] = [
      [plainText(v.sdk) + (model.sources.length > 1 ? ` (${v.source})` : ''), ''],
      [plainText(v.version), ''],
      [formatCount(v.latest, locale), 'num'],
      [formatCount(v.peak, locale), 'num'],
      [formatCount(Math.round(v.average), locale), 'num'],
      [formatPercent(model.latestTotal ? v.latest / model.latestTotal : 0), 'num'],
      [plainText(describeEffectiveHealth(healthOf(v)), MAX_MESSAGE_CHARS), `health health-${healthOf(v).key}`],
    ];
    for (const [text, className] of cells) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (className) cell.className = className;
    }
  }
  table.append(caption, head, body);
  summaryView.replaceChildren(table);
  if (limit < rows.length) {
    summaryView.append(
      button({ id: 'show-all-rows', label: `Show all ${rows.length} versions`, secondary: true, onClick: () => {
        ui.showAllRows = true;
        saveUi();
        renderSummaryTable(model);
      } }),
    );
  }
}

function render(): void {
  renderHeader();
  renderBanner();
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
    renderDataTable(model, series, timeZone);
  } else {
    chart.render({ times: model.times, series, granularity: model.granularity, timeZone, locale, focusId: ui.focusId });
  }
  renderHealthSummary(model);
  renderSummaryTable(model);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (message.type === 'focus') {
    ui.focusId = message.versionId;
    saveUi();
    render();
    summaryView.querySelector<HTMLElement>(`tr[data-version-id="${CSS.escape(message.versionId)}"]`)?.scrollIntoView({ block: 'nearest' });
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
