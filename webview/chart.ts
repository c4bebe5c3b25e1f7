/**
 * The Chart.js chart: lines, stacked areas with their total, or 100% shares; only the parts used
 * are registered (the Filler plugin for areas, the logarithmic scale for lines); the time axis uses
 * Luxon for zones.
 */
import {
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartDataset,
  type ScaleOptions,
  type ScatterDataPoint,
} from 'chart.js';
import { color } from 'chart.js/helpers';
import 'chartjs-adapter-luxon';
import type { ChartMode, ChartSeries } from '../src/model/chartData';
import { HEALTH_GROUPS, sharesOf, type HealthGroup } from '../src/model/healthGroups';
import { HEALTH_GROUP_MARKS, TOTAL_SERIES_LABEL, seriesLabel } from '../src/presentation/labels';
import { formatCount, formatPercent } from '../src/model/format';
import type { Granularity } from '../src/model/timeRange';
import { HatchPatterns, type Hatch } from './hatch';
import { chartAnimation } from './motion';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, TimeScale, Filler, Tooltip, Legend);

/** VS Code's chart colours, in order; past six series, dashes tell lines apart. */
const PALETTE_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];

/** Each health group in the colour its mark has in the tables (media/panel.css). */
const HEALTH_GROUP_VARIABLES: Readonly<Record<HealthGroup, string>> = {
  pastEol: '--vscode-editorError-foreground',
  nearEol: '--vscode-editorWarning-foreground',
  newMajor: '--vscode-editorInfo-foreground',
  current: '--vscode-testing-iconPassed',
  notJudged: '--vscode-descriptionForeground',
};

const DASHES: number[][] = [[], [6, 3], [2, 2], [10, 3, 2, 3]];
/** High-contrast themes: every line also gets its own dash pattern and width, not only a colour. */
const HIGH_CONTRAST_DASHES: number[][] = [[], [10, 4], [2, 3], [12, 3, 3, 3], [6, 6], [14, 3, 3, 3, 3, 3]];
const HIGH_CONTRAST_WIDTHS = [2, 3.5];

/** The line style of the series at `index`: dashes past six colours, and always in high contrast. */
export function lineStyle(index: number, isOther: boolean, highContrast: boolean): { dash: number[]; width: number } {
  if (highContrast) {
    if (isOther) return { dash: [1, 3], width: 2 };
    const n = HIGH_CONTRAST_DASHES.length;
    return { dash: HIGH_CONTRAST_DASHES[index % n]!, width: HIGH_CONTRAST_WIDTHS[Math.floor(index / n) % HIGH_CONTRAST_WIDTHS.length]! };
  }
  if (isOther) return { dash: [3, 3], width: 1.5 };
  return { dash: DASHES[Math.floor(index / PALETTE_VARIABLES.length) % DASHES.length]!, width: 1.5 };
}

/** The hatchings of named series in order; "Other" is dotted, which no named series is. */
const HATCHES: readonly Hatch[] = ['diagonal', 'backDiagonal', 'horizontal', 'vertical', 'cross'];

export interface AreaStyle {
  /** The fill's hatching (high contrast only). */
  readonly hatch: Hatch | undefined;
  readonly dash: number[];
  readonly width: number;
}

/** The area style of the series at `index`: the border of its line style, hatched in high contrast. */
export function areaStyle(index: number, isOther: boolean, highContrast: boolean): AreaStyle {
  const line = lineStyle(index, isOther, highContrast);
  if (!highContrast) return { hatch: undefined, ...line };
  return { hatch: isOther ? 'dots' : HATCHES[index % HATCHES.length]!, ...line };
}

interface ThemeColors {
  readonly palette: string[];
  readonly groups: Readonly<Record<HealthGroup, string>>;
  readonly foreground: string;
  readonly grid: string;
  readonly other: string;
  readonly font: string;
  readonly highContrast: boolean;
}

function themeColors(): ThemeColors {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = read('--vscode-charts-foreground', read('--vscode-foreground', '#cccccc'));
  return {
    palette: PALETTE_VARIABLES.map((name) => withAlpha(read(name, '#888888'), 1)),
    groups: Object.fromEntries(
      HEALTH_GROUPS.map((group) => [group, withAlpha(read(HEALTH_GROUP_VARIABLES[group], foreground), 1)]),
    ) as Record<HealthGroup, string>,
    foreground,
    grid: read('--vscode-charts-lines', 'rgba(128,128,128,0.3)'),
    other: read('--vscode-disabledForeground', '#888888'),
    font: read('--vscode-font-family', 'sans-serif'),
    // VS Code marks both high-contrast themes (dark and light) with this class.
    highContrast: document.body.classList.contains('vscode-high-contrast'),
  };
}

export interface ChartInput {
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Every version's connections per bucket (not only the series drawn): what a share is of. */
  readonly totals: Float64Array;
  readonly granularity: Granularity;
  readonly mode: ChartMode;
  /** A logarithmic value axis; lines only. */
  readonly logScale: boolean;
  readonly timeZone: string;
  readonly locale: string;
  readonly focusId: string | undefined;
}

const TIME_UNIT: Record<Granularity, 'minute' | 'hour' | 'day'> = { minutely: 'minute', hourly: 'hour', daily: 'day' };

/**
 * Chart.js picks the tick unit for the span; forcing the bucket unit would make it build (and
 * measure) one tick per bucket, 1,440 for a day of minutes. Tooltips use Luxon's localized formats.
 */
function timeOptions(granularity: Granularity) {
  return { minUnit: TIME_UNIT[granularity], tooltipFormat: granularity === 'daily' ? 'DD' : 'DD, T' };
}

/** On a logarithmic axis only 1, 2 and 5 times a power of ten are labelled; the rest are unlabelled gridlines. */
function logTick(value: number, locale: string): string {
  if (!(value > 0)) return '';
  const mantissa = Math.round(value / 10 ** Math.floor(Math.log10(value)));
  return mantissa === 1 || mantissa === 2 || mantissa === 5 ? formatCount(value, locale) : '';
}

/** The theme's colours on an axis: gridlines, tick labels and title. */
function themed(colors: ThemeColors, title: string | undefined) {
  return {
    grid: { color: colors.grid },
    title: title === undefined ? { display: false } : { display: true, text: title, color: colors.foreground },
  };
}

/** The time axis, in the zone the data was asked in. */
function timeAxis(input: ChartInput, colors: ThemeColors): ScaleOptions<'time'> {
  return {
    type: 'time',
    adapters: { date: { zone: input.timeZone } },
    time: timeOptions(input.granularity),
    ticks: { maxRotation: 0, autoSkip: true, color: colors.foreground },
    ...themed(colors, undefined),
  } as ScaleOptions<'time'>;
}

/** The value axis for a mode: connections (stacked for areas, logarithmic on request for lines) or percent. */
function valueAxis(input: ChartInput, colors: ThemeColors): ScaleOptions<'linear' | 'logarithmic'> {
  const { mode, locale } = input;
  const tickColor = colors.foreground;
  if (mode === 'shares') {
    return {
      type: 'linear',
      min: 0,
      max: 100,
      ticks: { callback: (value) => `${value}%`, color: tickColor },
      ...themed(colors, 'Share of all connections'),
    } as ScaleOptions<'linear'>;
  }
  if (mode === 'lines' && input.logScale) {
    return {
      type: 'logarithmic',
      ticks: { callback: (value) => logTick(Number(value), locale), color: tickColor },
      ...themed(colors, 'Concurrent connections (logarithmic scale)'),
    } as ScaleOptions<'logarithmic'>;
  }
  return {
    type: 'linear',
    beginAtZero: true,
    ticks: { callback: (value) => formatCount(Number(value), locale), color: tickColor },
    ...themed(colors, mode === 'stacked' ? 'Concurrent connections, stacked' : 'Concurrent connections'),
  } as ScaleOptions<'linear'>;
}

/** A point as drawn: `y` where it is drawn (for an area, the top of its layer), `value` its own figure for the tooltip. */
interface DrawnPoint extends ScatterDataPoint {
  readonly value: number | null;
}

/** No point here: a gap in the line or the area. */
const GAP = null as unknown as number;

/**
 * The points of one series as the mode draws them. Lines: its counts (a gap at zero on a
 * logarithmic axis, which has no zero). Areas: stacked here rather than by Chart.js, whose own
 * stacked fill looks up every point of every layer below for each point (minutes at 1,440 points
 * and fifty layers); `below` holds the layers drawn so far, summed, and takes this one in. Shares
 * are percent of all connections in the bucket, with a gap where the bucket has none.
 */
function points(values: ArrayLike<number>, input: ChartInput, below: Float64Array): DrawnPoint[] {
  const { times, mode } = input;
  const data = new Array<DrawnPoint>(times.length);
  if (mode === 'lines') {
    const gapAtZero = input.logScale;
    for (let p = 0; p < times.length; p++) {
      const value = values[p]!;
      data[p] = { x: times[p]!, y: gapAtZero && value === 0 ? GAP : value, value };
    }
    return data;
  }
  const shares = mode === 'shares' ? sharesOf(values, input.totals) : undefined;
  for (let p = 0; p < times.length; p++) {
    const share = shares?.[p];
    const value = shares ? (share === null ? null : share! * 100) : values[p]!;
    if (value === null) {
      data[p] = { x: times[p]!, y: GAP, value };
      continue;
    }
    below[p]! += value;
    data[p] = { x: times[p]!, y: below[p]!, value };
  }
  return data;
}

export class ConnectionsChart {
  private chart: Chart<'line', ScatterDataPoint[]> | undefined;
  private input: ChartInput | undefined;
  private patterns: HatchPatterns | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private reducedMotion: boolean,
  ) {}

  /** Turns animation off or on (the preference can change while the panel is open). */
  setReducedMotion(reduced: boolean): void {
    this.reducedMotion = reduced;
    if (this.chart) {
      this.chart.options.animation = chartAnimation(reduced);
      this.chart.update('none');
    }
  }

  render(input: ChartInput): void {
    // A new mode or axis is drawn at once: morphing lines into areas only confuses.
    const sameKind = this.input?.mode === input.mode && this.input.logScale === input.logScale;
    this.draw(input, !this.reducedMotion && sameKind);
  }

  /** Re-reads the theme's colours (after a theme change) and redraws, without animation. */
  refreshTheme(): void {
    this.patterns = undefined;
    if (this.input) this.draw(this.input, false);
  }

  private draw(input: ChartInput, animate: boolean): void {
    this.input = input;
    const mode = animate ? 'default' : 'none';
    const colors = themeColors();
    this.patterns ??= new HatchPatterns(this.canvas.ownerDocument);
    const below = new Float64Array(input.times.length);
    const datasets = input.series.map((series, index) => this.dataset(series, index, input, colors, below));
    if (input.mode === 'stacked') datasets.push(this.totalDataset(input, colors, below));
    if (
      this.chart &&
      this.chart.options.scales?.x &&
      (this.chart.options.scales.x as { adapters?: { date?: { zone?: string } } }).adapters?.date?.zone === input.timeZone
    ) {
      this.chart.data.datasets = datasets;
      this.configure(input, colors);
      this.chart.update(mode);
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart<'line', ScatterDataPoint[]>(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        // The first paint is never animated (it would delay the chart); later changes may be.
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        elements: { point: { radius: 0, hoverRadius: 4 }, line: { borderWidth: 1.5, tension: 0 } },
        // Set again by configure() on every draw; here so the chart is built with its own axes.
        scales: { x: timeAxis(input, colors), y: valueAxis(input, colors) },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) => {
                // An area's own figure, not the top of its layer.
                const value = (item.raw as DrawnPoint).value ?? 0;
                const shown = this.input?.mode === 'shares' ? formatPercent(value / 100) : formatCount(value, this.input?.locale);
                return `${item.dataset.label}: ${shown}`;
              },
            },
          },
        },
      },
    });
    this.configure(input, colors);
    this.chart.update('none');
    this.chart.options.animation = chartAnimation(this.reducedMotion);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.input = undefined;
  }

  private dataset(
    series: ChartSeries,
    index: number,
    input: ChartInput,
    colors: ThemeColors,
    below: Float64Array,
  ): ChartDataset<'line', ScatterDataPoint[]> {
    const group = series.isOther ? undefined : series.group;
    // A health group keeps its place (its colour and style) whichever other groups are present.
    const place = group === undefined ? index : HEALTH_GROUPS.indexOf(group);
    const lineColor = series.isOther
      ? colors.other
      : group !== undefined
        ? colors.groups[group]
        : colors.palette[place % colors.palette.length]!;
    const label = group === undefined ? seriesLabel(series) : `${HEALTH_GROUP_MARKS[group]} ${seriesLabel(series)}`;
    const focused = input.focusId === series.id;
    const data = points(series.values, input, below);
    if (input.mode === 'lines') {
      const style = lineStyle(place, series.isOther, colors.highContrast);
      const dimmed = input.focusId !== undefined && !focused;
      return {
        label,
        data,
        borderColor: dimmed ? withAlpha(lineColor, 0.3) : lineColor,
        backgroundColor: lineColor,
        borderDash: style.dash,
        borderWidth: focused ? style.width + 1.5 : style.width,
        fill: false,
        order: focused ? 0 : 1,
      };
    }
    const style = areaStyle(place, series.isOther, colors.highContrast);
    return {
      label,
      data,
      borderColor: lineColor,
      // High contrast: hatched in the series' colour, so areas differ by pattern as well as by colour.
      backgroundColor: style.hatch ? this.patterns!.get(style.hatch, lineColor) : withAlpha(lineColor, 0.45),
      borderDash: style.dash,
      borderWidth: focused ? style.width + 1.5 : style.width,
      // Down to the layer below (the axis for the first).
      fill: index === 0 ? 'origin' : '-1',
    };
  }

  /** Stacked areas: the drawn series summed (`total`, the top of the stack), as a line along the top. */
  private totalDataset(input: ChartInput, colors: ThemeColors, total: Float64Array): ChartDataset<'line', ScatterDataPoint[]> {
    const data = new Array<DrawnPoint>(input.times.length);
    for (let p = 0; p < data.length; p++) data[p] = { x: input.times[p]!, y: total[p]!, value: total[p]! };
    return {
      label: TOTAL_SERIES_LABEL,
      data,
      borderColor: colors.foreground,
      backgroundColor: colors.foreground,
      borderWidth: colors.highContrast ? 3 : 2,
      borderDash: [],
      fill: false,
    };
  }

  /**
   * The options that follow the input and the theme: both axes, how the pointer picks points and
   * how the legend draws samples. Written into the chart's own options object (not through its
   * resolved view, which caches), then applied by the next update.
   */
  private configure(input: ChartInput, colors: ThemeColors): void {
    const options = this.chart?.config.options;
    if (!options) return;
    Chart.defaults.color = colors.foreground;
    Chart.defaults.font = { ...Chart.defaults.font, family: colors.font };
    options.scales = { x: timeAxis(input, colors), y: valueAxis(input, colors) };
    // Lines: the nearest line; areas: every layer of the stack at that time.
    options.interaction = { mode: input.mode === 'lines' ? 'nearest' : 'index', axis: 'x', intersect: false };
    options.plugins!.legend!.labels = {
      color: colors.foreground,
      // Line samples show each line's dash pattern; boxes show each area's fill (its hatching in high contrast).
      usePointStyle: input.mode === 'lines',
      pointStyle: 'line',
      pointStyleWidth: 24,
    };
  }
}

/**
 * A theme colour at the given opacity, through Chart.js's own colour parser (hex, rgb(), hsl(),
 * names). Some themes define chart colours translucent (the default themes' charts.orange is 33%
 * opaque), which would wash a line out, so lines are drawn opaque. A value it cannot read is kept.
 */
export function withAlpha(value: string, alpha: number): string {
  const parsed = color(value);
  return parsed.valid ? parsed.alpha(alpha).rgbString() : value;
}
