/**
 * The words for things people pick or read in every view: sources, error actions, health groups.
 * Pure, and at run time it imports only the health words, so the tree, the panel host, the
 * commands, the exports and the webview all take their labels from here.
 */
import type { UsageErrorAction } from '../contributions';
import type { ChartMode, ChartSeries, GroupBy } from '../model/chartData';
import type { HealthGroup } from '../model/healthGroups';
import type { SourceSelection } from '../model/query';
import type { HealthKey } from '../model/verdict';
import { EOL_LABELS } from './healthWords';

export const SOURCE_LABELS: Readonly<Record<SourceSelection, string>> = {
  server: 'Server-side SDKs',
  client: 'Client-side SDKs',
  both: 'Server- and client-side SDKs',
};

export function sourceLabel(source: SourceSelection): string {
  return SOURCE_LABELS[source];
}

/** The sources in the order every picker offers them. */
export const SOURCE_OPTIONS: readonly { readonly value: SourceSelection; readonly label: string }[] = (
  Object.keys(SOURCE_LABELS) as SourceSelection[]
).map((value) => ({ value, label: SOURCE_LABELS[value] }));

/** The error actions' labels, the same as their commands' titles. */
export const ACTION_LABELS: Readonly<Record<UsageErrorAction, string>> = {
  setToken: 'Set API Token',
  refresh: 'Refresh',
  tryNow: 'Try Now',
  openSettings: 'Open Settings',
  chooseTimeRange: 'Choose Time Range',
};

/** The health summary's line endings, in the order it lists them; each says whose verdict it is. */
export const HEALTH_SUMMARY_TEXT: Readonly<Record<HealthKey, string>> = {
  EolAllClear: 'on current versions (LaunchDarkly)',
  releaseEolAllClear: 'on current versions (release dates)',
  current: 'on current versions (estimate)',
  MajorVersionAvailable: 'on versions with a new major version available (LaunchDarkly)',
  releaseMajorVersionAvailable: 'on versions with a new major version available (release dates)',
  minorBehind: 'on versions a minor release or more behind (estimate)',
  majorBehind: 'on versions a major release or more behind (estimate)',
  EolNear: 'on versions near end of life (LaunchDarkly)',
  releaseEolNear: 'on versions near end of life (release dates)',
  EolPast: 'on versions past end of life (LaunchDarkly)',
  releaseEolPast: 'on versions past end of life (release dates)',
  unknown: 'on versions that are not comparable (estimate)',
  releaseNotJudged: 'on versions the release dates cannot judge',
};

/** The health groups in the summary's order. */
export const HEALTH_SUMMARY_ORDER = Object.keys(HEALTH_SUMMARY_TEXT) as readonly HealthKey[];

/** The chart's filter to versions worth upgrading (LaunchDarkly's verdict, else the release dates', else behind the newest seen). */
export const OUTDATED_ONLY_LABEL = 'Outdated versions only';

/** The summary table's caption: how many rows, and that the headers sort. */
export function summaryCaption(rows: number, outdatedOnly: boolean): string {
  return `${outdatedOnly ? 'Outdated versions' : 'Versions'} (${rows}); select a column header to sort`;
}

/** The health groups' names: the words the tables use for LaunchDarkly's verdicts, and "Not judged". */
export const HEALTH_GROUP_LABELS: Readonly<Record<HealthGroup, string>> = {
  pastEol: EOL_LABELS.EolPast,
  nearEol: EOL_LABELS.EolNear,
  newMajor: EOL_LABELS.MajorVersionAvailable,
  current: EOL_LABELS.EolAllClear,
  notJudged: 'Not judged',
};

/** The marks the tables show beside each health (media/panel.css), for places without CSS: the chart's legend. */
export const HEALTH_GROUP_MARKS: Readonly<Record<HealthGroup, string>> = {
  pastEol: '✕',
  nearEol: '▲',
  newMajor: '↑',
  current: '✓',
  notJudged: '?',
};

/** The chart's grouping choices, in the toolbar's order. */
export const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = {
  version: 'By version',
  sdk: 'By SDK',
  status: 'By status',
};

/** The chart's drawing choices, in the toolbar's order. */
export const CHART_MODE_LABELS: Readonly<Record<ChartMode, string>> = {
  lines: 'Lines',
  stacked: 'Stacked areas',
  shares: '100% shares',
};

/** The chart's choice of a logarithmic value axis (lines only). */
export const LOG_SCALE_LABEL = 'Logarithmic scale';

/** The line over stacked areas: every drawn series summed. */
export const TOTAL_SERIES_LABEL = 'Total';

/** A chart series' name: its own, its health group's, or how many series "Other" folds together. */
export function seriesLabel(series: ChartSeries): string {
  if (series.isOther) return `Other (${series.folded} series)`;
  return series.group === undefined ? series.label : HEALTH_GROUP_LABELS[series.group];
}
