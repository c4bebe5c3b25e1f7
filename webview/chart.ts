/** The Chart.js line chart: only the parts used are registered; the time axis uses Luxon for zones. */
import {
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  TimeScale,
  Tooltip,
  type ChartDataset,
  type ScatterDataPoint,
} from 'chart.js';
import { color } from 'chart.js/helpers';
import 'chartjs-adapter-luxon';
import type { ChartSeries } from '../src/model/chartData';
import { seriesLabel } from '../src/presentation/labels';
import { formatCount } from '../src/model/format';
import type { Granularity } from '../src/model/timeRange';
import { chartAnimation } from './motion';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend);

/** VS Code's chart colours, in order; past six series, dashes tell lines apart. */
const PALETTE_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];
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

interface ThemeColors {
  readonly palette: string[];
  readonly foreground: string;
  readonly grid: string;
  readonly other: string;
  readonly font: string;
  readonly highContrast: boolean;
}

function themeColors(): ThemeColors {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    palette: PALETTE_VARIABLES.map((name) => withAlpha(read(name, '#888888'), 1)),
    foreground: read('--vscode-charts-foreground', read('--vscode-foreground', '#cccccc')),
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
  readonly granularity: Granularity;
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

export class ConnectionsChart {
  private chart: Chart<'line', ScatterDataPoint[]> | undefined;
  private input: ChartInput | undefined;

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
    this.draw(input, !this.reducedMotion);
  }

  /** Re-reads the theme's colours (after a theme change) and redraws, without animation. */
  refreshTheme(): void {
    if (this.input) this.draw(this.input, false);
  }

  private draw(input: ChartInput, animate: boolean): void {
    this.input = input;
    const mode = animate ? 'default' : 'none';
    const colors = themeColors();
    const datasets = input.series.map((series, index) => this.dataset(series, index, input, colors));
    if (
      this.chart &&
      this.chart.options.scales?.x &&
      (this.chart.options.scales.x as { adapters?: { date?: { zone?: string } } }).adapters?.date?.zone === input.timeZone
    ) {
      this.chart.data.datasets = datasets;
      this.applyTheme(colors, input);
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
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        elements: { point: { radius: 0, hoverRadius: 4 }, line: { borderWidth: 1.5, tension: 0 } },
        scales: {
          x: {
            type: 'time',
            adapters: { date: { zone: input.timeZone } },
            time: timeOptions(input.granularity),
            ticks: { maxRotation: 0, autoSkip: true },
          },
          y: {
            type: 'linear',
            beginAtZero: true,
            ticks: { callback: (value) => formatCount(Number(value), input.locale) },
            title: { display: true, text: 'Concurrent connections' },
          },
        },
        plugins: {
          // Line samples in the legend show each series' dash pattern too.
          legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 24 } },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${formatCount(item.parsed.y ?? 0, this.input?.locale)}`,
            },
          },
        },
      },
    });
    this.applyTheme(colors, input);
    this.chart.update('none');
    this.chart.options.animation = chartAnimation(this.reducedMotion);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private dataset(series: ChartSeries, index: number, input: ChartInput, colors: ThemeColors): ChartDataset<'line', ScatterDataPoint[]> {
    const dimmed = input.focusId !== undefined && input.focusId !== series.id;
    const lineColor = series.isOther ? colors.other : colors.palette[index % colors.palette.length]!;
    const style = lineStyle(index, series.isOther, colors.highContrast);
    const data = new Array<ScatterDataPoint>(input.times.length);
    for (let p = 0; p < input.times.length; p++) data[p] = { x: input.times[p]!, y: series.values[p]! };
    return {
      label: seriesLabel(series),
      data,
      borderColor: dimmed ? withAlpha(lineColor, 0.3) : lineColor,
      backgroundColor: lineColor,
      borderDash: style.dash,
      borderWidth: input.focusId === series.id ? style.width + 1.5 : style.width,
      order: input.focusId === series.id ? 0 : 1,
    };
  }

  private applyTheme(colors: ThemeColors, input: ChartInput): void {
    const chart = this.chart;
    if (!chart) return;
    Chart.defaults.color = colors.foreground;
    Chart.defaults.font = { ...Chart.defaults.font, family: colors.font };
    const scales = chart.options.scales as Record<
      string,
      { grid?: { color?: string }; ticks?: { color?: string }; title?: { color?: string } }
    >;
    for (const scale of Object.values(scales)) {
      scale.grid = { ...scale.grid, color: colors.grid };
      scale.ticks = { ...scale.ticks, color: colors.foreground };
      if (scale.title) scale.title.color = colors.foreground;
    }
    const legend = chart.options.plugins?.legend?.labels;
    if (legend) legend.color = colors.foreground;
    const x = chart.options.scales?.x as { time?: object } | undefined;
    if (x) x.time = timeOptions(input.granularity);
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
