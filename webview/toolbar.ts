/**
 * The controls above the chart, in keyboard order: source, range, refresh, group by (version, SDK,
 * status), chart mode, logarithmic scale, outdated versions only, data table, exports. Built once through the widgets ui.ts makes; afterwards only
 * their values change, so focus stays where it is while messages arrive.
 */
import { CHART_MODES, GROUP_BYS, type ChartMode, type GroupBy } from '../src/model/chartData';
import type { SourceSelection } from '../src/model/query';
import { RANGE_PRESETS, type RangePreset, type TimeRangeSpec } from '../src/model/timeRange';
import { CHART_MODE_LABELS, GROUP_BY_LABELS, LOG_SCALE_LABEL, OUTDATED_ONLY_LABEL, SOURCE_OPTIONS } from '../src/presentation/labels';
import { presetLabel } from '../src/presentation/queryWords';
import type { PanelStatus, WebviewMessage } from '../src/protocol';
import { whenChanged } from './redraw';
import type * as ui from './ui';

/** The UI toolkit's widgets as the panel uses them: ui.ts in the webview, plain elements in tests. */
export type Widgets = Pick<typeof ui, 'button' | 'toggleButton' | 'checkbox' | 'dropdown' | 'setPressed' | 'setDisabled'>;

/** The view choices the toolbar shows and changes (the rest of the panel's UI state is not its business). */
export interface ViewChoices {
  readonly groupBy: GroupBy;
  readonly chartMode: ChartMode;
  /** A logarithmic value axis; applies to lines only. */
  readonly logScale: boolean;
  readonly outdatedOnly: boolean;
  readonly showTable: boolean;
}

export interface ToolbarActions {
  readonly send: (message: WebviewMessage) => void;
  readonly choose: (choices: Partial<ViewChoices>) => void;
}

const rangeChoice = (range: TimeRangeSpec): RangePreset | 'custom' => (range.kind === 'preset' ? range.preset : 'custom');

export class Toolbar {
  private readonly groupButtons: ReadonlyMap<GroupBy, HTMLElement>;
  private readonly chartMode: { element: HTMLElement; setValue(value: ChartMode): void };
  private readonly logScale: HTMLElement & { checked: boolean };
  private readonly tableToggle: HTMLElement;
  private choices: ViewChoices;
  /** The query the host holds: the dropdowns follow it, so a change made elsewhere shows here. */
  private readonly showQuery: (source: SourceSelection, range: RangePreset | 'custom') => void;
  /** A refresh cannot start while one runs or without a token. */
  private readonly showRefresh: (loading: boolean, hasToken: boolean) => void;

  constructor(
    container: HTMLElement,
    private readonly widgets: Widgets,
    choices: ViewChoices,
    actions: ToolbarActions,
  ) {
    this.choices = choices;
    const { button, checkbox, dropdown, setDisabled, toggleButton } = widgets;
    const { send, choose } = actions;
    const source = dropdown<SourceSelection>({
      id: 'source',
      label: 'Source',
      options: SOURCE_OPTIONS,
      value: 'server',
      onChange: (value) => send({ type: 'setSource', source: value }),
    });
    const range = dropdown<RangePreset | 'custom'>({
      id: 'range',
      label: 'Time range',
      options: [
        ...RANGE_PRESETS.map((preset) => ({ value: preset as RangePreset | 'custom', label: presetLabel(preset) })),
        { value: 'custom', label: 'Custom…' },
      ],
      value: '24h',
      onChange: (preset) => send({ type: 'setRange', preset }),
    });
    const refresh = button({ id: 'refresh', label: 'Refresh', onClick: () => send({ type: 'refresh' }) });
    this.groupButtons = new Map(
      GROUP_BYS.map((groupBy) => [
        groupBy,
        toggleButton({
          id: `group-${groupBy}`,
          label: GROUP_BY_LABELS[groupBy],
          pressed: choices.groupBy === groupBy,
          onClick: () => choose({ groupBy }),
        }),
      ]),
    );
    this.chartMode = dropdown<ChartMode>({
      id: 'chart-mode',
      label: 'Chart',
      options: CHART_MODES.map((mode) => ({ value: mode, label: CHART_MODE_LABELS[mode] })),
      value: choices.chartMode,
      onChange: (chartMode) => choose({ chartMode }),
    });
    this.logScale = checkbox({
      id: 'log-scale',
      label: LOG_SCALE_LABEL,
      checked: choices.logScale,
      onChange: (logScale) => choose({ logScale }),
    }) as HTMLElement & { checked: boolean };
    const outdatedOnly = checkbox({
      id: 'outdated-only',
      label: OUTDATED_ONLY_LABEL,
      checked: choices.outdatedOnly,
      onChange: (checked) => choose({ outdatedOnly: checked }),
    });
    this.tableToggle = toggleButton({
      id: 'toggle-table',
      label: 'Data table',
      pressed: choices.showTable,
      title: "Show the chart's numbers as a table",
      onClick: () => choose({ showTable: !this.choices.showTable }),
    });
    const groupBox = container.ownerDocument.createElement('div');
    groupBox.className = 'group';
    groupBox.setAttribute('role', 'group');
    groupBox.setAttribute('aria-label', 'Group chart by');
    for (const button of this.groupButtons.values()) groupBox.append(button);
    container.append(
      source.element,
      range.element,
      refresh,
      groupBox,
      this.chartMode.element,
      this.logScale,
      outdatedOnly,
      this.tableToggle,
      button({ id: 'export-csv', label: 'Export CSV', secondary: true, onClick: () => send({ type: 'export', format: 'csv' }) }),
      button({ id: 'export-json', label: 'Export JSON', secondary: true, onClick: () => send({ type: 'export', format: 'json' }) }),
      button({ id: 'copy-summary', label: 'Copy summary', secondary: true, onClick: () => send({ type: 'copySummary' }) }),
    );
    this.showQuery = whenChanged((sourceValue, rangeValue) => {
      source.setValue(sourceValue);
      range.setValue(rangeValue);
    });
    this.showRefresh = whenChanged((loading, hasToken) => {
      setDisabled(refresh, loading || !hasToken);
      refresh.textContent = loading ? 'Refreshing…' : 'Refresh';
    });
    this.showChoices(choices);
  }

  showStatus(status: PanelStatus): void {
    this.showQuery(status.source, rangeChoice(status.range));
    this.showRefresh(status.load === 'loading', status.hasToken);
  }

  showChoices(choices: ViewChoices): void {
    this.choices = choices;
    for (const [groupBy, button] of this.groupButtons) this.widgets.setPressed(button, choices.groupBy === groupBy);
    this.chartMode.setValue(choices.chartMode);
    this.logScale.checked = choices.logScale;
    // Stacked areas and shares start at zero and add up: a logarithmic axis would misdraw them.
    this.widgets.setDisabled(this.logScale, choices.chartMode !== 'lines');
    this.widgets.setPressed(this.tableToggle, choices.showTable);
  }
}
