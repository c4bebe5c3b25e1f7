/**
 * The words for things people pick or read in every view: sources, error actions, health groups.
 * Pure and import-free at run time, so the tree, the panel host, the commands, the exports and the
 * webview all take their labels from here.
 */
import type { UsageErrorAction } from '../contributions';
import type { ChartSeries } from '../model/chartData';
import type { SourceSelection } from '../model/query';
import type { HealthKey } from '../model/verdict';

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
  current: 'on current versions (estimate)',
  MajorVersionAvailable: 'on versions with a new major version available (LaunchDarkly)',
  minorBehind: 'on versions a minor release or more behind (estimate)',
  majorBehind: 'on versions a major release or more behind (estimate)',
  EolNear: 'on versions near end of life (LaunchDarkly)',
  EolPast: 'on versions past end of life (LaunchDarkly)',
  unknown: 'on versions that are not comparable (estimate)',
};

/** The health groups in the summary's order. */
export const HEALTH_SUMMARY_ORDER = Object.keys(HEALTH_SUMMARY_TEXT) as readonly HealthKey[];

/** The chart's filter to versions worth upgrading (LaunchDarkly's verdict, else behind the newest seen). */
export const OUTDATED_ONLY_LABEL = 'Outdated versions only';

/** The summary table's caption: how many rows, and that the headers sort. */
export function summaryCaption(rows: number, outdatedOnly: boolean): string {
  return `${outdatedOnly ? 'Outdated versions' : 'Versions'} (${rows}); select a column header to sort`;
}

/** A chart series' name: its own, or how many series "Other" folds together. */
export function seriesLabel(series: ChartSeries): string {
  return series.isOther ? `Other (${series.folded} series)` : series.label;
}
