/** Number and time formatting shared by the tree, the panel and exports. */
import type { Granularity } from './timeRange';

const formatters = new Map<string, Intl.NumberFormat>();

/** Whole numbers with thousands separators ("12,345"). */
export function formatCount(value: number, locale = 'en-US'): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formatters.set(locale, formatter);
  }
  return formatter.format(value);
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)}%`;
}

export function granularityLabel(granularity: Granularity): string {
  return { minutely: 'per minute', hourly: 'hourly', daily: 'daily' }[granularity];
}

/** A bucket's time as people read it, in the zone the data was asked in. */
export function formatBucketTime(time: number, granularity: Granularity, timeZone: string, locale = 'en-US'): string {
  const options: Intl.DateTimeFormatOptions =
    granularity === 'daily'
      ? { timeZone, year: 'numeric', month: 'short', day: 'numeric' }
      : { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(locale, options).format(time);
}
