/**
 * The chart panel's state and the one object that changes it: a method per host message (state,
 * focus, revealPlan) and one for the view choices the page's controls make. Each part of the page
 * is redrawn only when its own inputs change, so a status-only message (loading, refreshed, an
 * error) leaves the chart and the tables as they are, with focus and scroll positions intact.
 */
import { CHART_MODES, GROUP_BYS, chartSeries, type ChartMode, type ChartModel, type GroupBy } from '../src/model/chartData';
import { HEALTH_GROUP_OF, bucketTotals, healthProgress, type HealthGroupOf } from '../src/model/healthGroups';
import { needsUpgrade } from '../src/model/verdict';
import { ACTION_LABELS, summaryCaption } from '../src/presentation/labels';
import { isSortKey, nextSort, type HealthOf, type SortKey, type SortState } from '../src/presentation/ordering';
import { lastResultOf } from '../src/lastResult';
import { bannerContent, panelStatusLine, type BannerContent } from '../src/presentation/status';
import type { HostMessage, PanelPlan, PanelStatus, WebviewMessage } from '../src/protocol';
import { isRecord } from '../src/record';
import { renderBanner } from './banner';
import type { ChartInput } from './chart';
import { announcement, describeChart } from './describe';
import { whenChanged } from './redraw';
import { renderProgress } from './progress';
import { dataTable, renderHealthSummary, renderSummary } from './tables';
import { Toolbar, type ViewChoices, type Widgets } from './toolbar';
import { panelHealth, renderUpgradePlan } from './upgradePlan';

/** What the panel keeps across reloads (VS Code's getState/setState). */
export interface UiState extends ViewChoices {
  readonly focusId: string | undefined;
  readonly sort: SortState;
  /** The summary shows the first SUMMARY_ROWS rows until asked for all. */
  readonly showAllRows: boolean;
}

/** Rows drawn before "Show all": a 1,000-row table would cost more than the chart to lay out. */
const SUMMARY_ROWS = 100;

/** The saved UI state, each field checked (it may come from an older build), defaults for the rest. */
export function restoreUiState(saved: unknown): UiState {
  const state = isRecord(saved) ? saved : {};
  const sort = isRecord(state.sort) ? state.sort : {};
  const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => values.includes(value as T);
  return {
    groupBy: isOneOf(GROUP_BYS, state.groupBy) ? state.groupBy : 'version',
    chartMode: isOneOf(CHART_MODES, state.chartMode) ? state.chartMode : 'lines',
    logScale: state.logScale === true,
    outdatedOnly: state.outdatedOnly === true,
    showTable: state.showTable === true,
    focusId: typeof state.focusId === 'string' ? state.focusId : undefined,
    sort: isSortKey(sort.key) ? { key: sort.key, descending: sort.descending === true } : { key: 'latest', descending: true },
    showAllRows: state.showAllRows === true,
  };
}

/** What the panel needs from the chart (ConnectionsChart in the webview). */
export interface ChartSurface {
  render(input: ChartInput): void;
  destroy(): void;
}

export interface PanelViewDeps {
  /** The page (panel/html.ts's markup); every element is made through it. */
  readonly document: Document;
  readonly widgets: Widgets;
  readonly chart: ChartSurface;
  readonly locale: string;
  readonly send: (message: WebviewMessage) => void;
  /** The UI state saved by an earlier load of the panel, unchecked. */
  readonly saved: unknown;
  readonly save: (state: UiState) => void;
}

/** One method per host message type, named after it. */
export type HostMessageHandlers = { readonly [K in HostMessage['type']]: (message: Extract<HostMessage, { type: K }>) => void };

/** Hands a host message (already checked by the protocol's guard) to its handler. */
export function dispatch(handlers: HostMessageHandlers, message: HostMessage): void {
  switch (message.type) {
    case 'state':
      return handlers.state(message);
    case 'focus':
      return handlers.focus(message);
    case 'revealPlan':
      return handlers.revealPlan(message);
  }
}

/** The health group of a version as the panel shows its health. */
function groupsOf(healthOf: HealthOf): HealthGroupOf {
  return (version) => HEALTH_GROUP_OF[healthOf(version).key];
}

export class PanelView implements HostMessageHandlers {
  private ui: UiState;
  private status: PanelStatus | undefined;
  private data: ChartModel | null = null;
  private plan: PanelPlan | null = null;
  /** A version's health as shown: LaunchDarkly's verdict where the plan has one, else the estimate. */
  private healthOf: HealthOf = panelHealth(null);
  /** A version's health group, from the health it shows. */
  /** A version was chosen in the tree: its row takes keyboard focus once it is drawn (data may come later). */
  private rowFocusRequested = false;
  private bannerShown: string | undefined;
  private readonly toolbar: Toolbar;
  private readonly page;

  constructor(private readonly deps: PanelViewDeps) {
    const byId = <T extends HTMLElement>(id: string) => deps.document.getElementById(id) as T;
    this.page = {
      app: byId('app'),
      subtitle: byId('subtitle'),
      banner: byId('banner'),
      announcer: byId('announcer'),
      healthSummary: byId('health-summary'),
      progress: byId('progress'),
      upgradePlan: byId<HTMLDetailsElement>('upgrade-plan'),
      chartView: byId('chart-view'),
      canvas: byId('chart'),
      tableView: byId('table-view'),
      summaryView: byId('summary-view'),
    };
    this.ui = restoreUiState(deps.saved);
    this.toolbar = new Toolbar(byId('controls'), deps.widgets, this.ui, { send: deps.send, choose: (choices) => this.choose(choices) });
  }

  state(message: Extract<HostMessage, { type: 'state' }>): void {
    this.status = message.status;
    if (message.data !== undefined) this.data = message.data;
    if (message.plan !== undefined) {
      this.plan = message.plan;
      this.healthOf = panelHealth(message.plan);
    }
    this.render();
  }

  focus(message: Extract<HostMessage, { type: 'focus' }>): void {
    this.rowFocusRequested = true;
    this.choose({ focusId: message.versionId });
  }

  revealPlan(): void {
    this.page.upgradePlan.open = true;
    this.page.upgradePlan.scrollIntoView({ block: 'start' });
  }

  /** A view choice made in the page (or a version chosen in the tree): kept across reloads, then shown. */
  private choose(choices: Partial<UiState>): void {
    this.ui = { ...this.ui, ...choices };
    this.deps.save(this.ui);
    this.render();
  }

  private render(): void {
    const { status, data, ui, page } = this;
    this.toolbar.showChoices(ui);
    if (status) {
      this.toolbar.showStatus(status);
      page.app.setAttribute('aria-busy', String(status.load === 'loading'));
      this.showSubtitle(status);
      this.showBanner(bannerContent(status, data !== null));
      this.announce(status);
      this.drawPlan(this.plan, status.verdictNote);
    } else {
      this.showBanner(undefined);
    }
    const shown = status && data && data.versions.length > 0 ? data : null;
    page.chartView.hidden = !shown || ui.showTable;
    page.tableView.hidden = !shown || !ui.showTable;
    page.summaryView.hidden = !shown;
    page.healthSummary.hidden = !shown;
    page.progress.hidden = !shown;
    page.upgradePlan.hidden = !shown;
    const timeZone = status?.loaded?.timeZone ?? 'UTC';
    const { groupBy, chartMode, logScale, outdatedOnly, focusId, showTable } = ui;
    this.drawSeries(shown, status?.topN ?? 0, groupBy, chartMode, logScale, outdatedOnly, focusId, showTable, this.healthOf, timeZone);
    if (!shown) return;
    this.drawHealthSummary(shown, this.healthOf, status?.verdictNote);
    this.drawProgress(shown, this.groupsFor(this.healthOf), timeZone);
    this.drawSummary(shown, ui.outdatedOnly, ui.sort, ui.focusId, this.healthOf, ui.showAllRows);
    if (this.rowFocusRequested) this.focusChosenRow();
  }

  private showSubtitle(status: PanelStatus): void {
    const { subtitle } = this.page;
    const versions = this.data?.versions.length;
    subtitle.textContent = panelStatusLine(status, versions, this.deps.locale);
    if (status.loaded && versions !== undefined) subtitle.classList.toggle('stale', status.stale);
  }

  /** Redrawn only when its content changes, so focus on one of its buttons survives other messages. */
  private showBanner(content: BannerContent | undefined): void {
    const key = JSON.stringify(content ?? null);
    if (key === this.bannerShown) return;
    this.bannerShown = key;
    const { button } = this.deps.widgets;
    renderBanner(this.page.banner, content, (action) =>
      button({ label: ACTION_LABELS[action], secondary: true, onClick: () => this.deps.send({ type: 'runAction', action }) }),
    );
  }

  /** Speaks loading, loaded and errors through the polite live region, each change once. */
  private announce(status: PanelStatus): void {
    const { data } = this;
    const text = announcement(
      status,
      data ? { versions: data.versions.length, sdks: new Set(data.versions.map((v) => v.sdkId)).size } : undefined,
    );
    if (text !== undefined && text !== this.page.announcer.textContent) this.page.announcer.textContent = text;
  }

  private readonly drawPlan = whenChanged((plan: PanelPlan | null, note: string | undefined) => {
    renderUpgradePlan(this.page.upgradePlan, plan, note, this.deps.send, this.deps.locale, this.deps.widgets.button);
  });

  /** Every version's connections per bucket, what shares are of; worked out once per model. */
  private readonly totalsOf = lastResultOf(bucketTotals);

  /** The status groups of the health shown, made again only when it changes (so the series and progress keep theirs). */
  private readonly groupsFor = lastResultOf(groupsOf);

  /** The series drawn, worked out again only when what they are made of changes (not for a chart mode). */
  private readonly seriesOf = lastResultOf(
    (
      model: ChartModel,
      topN: number,
      groupBy: GroupBy,
      outdatedOnly: boolean,
      focusId: string | undefined,
      healthOf: HealthOf,
      healthGroupOf: HealthGroupOf,
    ) => chartSeries(model, { topN, groupBy, outdatedOnly, focusId, isOutdated: (v) => needsUpgrade(healthOf(v)), healthGroupOf }),
  );

  /** The chart, or its numbers as a table; nothing (and no chart kept) when there is no data to draw. */
  private readonly drawSeries = whenChanged(
    (
      model: ChartModel | null,
      topN: number,
      groupBy: GroupBy,
      chartMode: ChartMode,
      logScale: boolean,
      outdatedOnly: boolean,
      focusId: string | undefined,
      showTable: boolean,
      healthOf: HealthOf,
      timeZone: string,
    ) => {
      const { chart, document, locale } = this.deps;
      if (!model) {
        chart.destroy();
        return;
      }
      const series = this.seriesOf(model, topN, groupBy, outdatedOnly, focusId, healthOf, this.groupsFor(healthOf));
      if (showTable) {
        this.page.tableView.replaceChildren(dataTable(document, model, series, timeZone, locale));
        return;
      }
      const input = {
        times: model.times,
        series,
        totals: this.totalsOf(model),
        granularity: model.granularity,
        mode: chartMode,
        logScale,
        timeZone,
        locale,
      };
      chart.render({ ...input, focusId });
      this.page.canvas.setAttribute('aria-label', describeChart({ ...input, groupBy }));
    },
  );

  private readonly drawProgress = whenChanged((model: ChartModel, healthGroupOf: HealthGroupOf, timeZone: string) => {
    renderProgress(this.page.progress, model, healthProgress(model, healthGroupOf, this.totalsOf(model)), timeZone, this.deps.locale);
  });

  private readonly drawHealthSummary = whenChanged((model: ChartModel, healthOf: HealthOf, verdictNote: string | undefined) => {
    renderHealthSummary(this.page.healthSummary, model, healthOf, verdictNote, this.deps.locale);
  });

  private readonly drawSummary = whenChanged(
    (model: ChartModel, outdatedOnly: boolean, sort: SortState, focusId: string | undefined, healthOf: HealthOf, showAllRows: boolean) => {
      const versions = outdatedOnly ? model.versions.filter((v) => needsUpgrade(healthOf(v))) : model.versions;
      const options = {
        versions,
        sort,
        caption: summaryCaption(versions.length, outdatedOnly),
        focusId,
        health: healthOf,
        rowLimit: showAllRows ? Infinity : SUMMARY_ROWS,
        locale: this.deps.locale,
        onSort: (key: SortKey) => this.sortBy(key),
      };
      renderSummary(this.page.summaryView, model, options, (rows) =>
        this.deps.widgets.button({
          id: 'show-all-rows',
          label: `Show all ${rows} versions`,
          secondary: true,
          onClick: () => this.choose({ showAllRows: true }),
        }),
      );
    },
  );

  /** A header chosen: that column sorts (again: the other way), and keyboard focus stays on its header. */
  private sortBy(key: SortKey): void {
    this.choose({ sort: nextSort(this.ui.sort, key) });
    this.page.summaryView.querySelector<HTMLElement>(`button.sort[data-column="${key}"]`)?.focus();
  }

  private focusChosenRow(): void {
    const { focusId } = this.ui;
    const row = Array.from(this.page.summaryView.querySelectorAll<HTMLElement>('tr.focused')).find(
      (tr) => tr.dataset.versionId === focusId,
    );
    if (!row) return;
    this.rowFocusRequested = false;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  }
}
