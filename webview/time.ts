/**
 * Bucket times as people read them, in the zone the data was asked in. Luxon is already in the
 * bundle for the chart's time axis; it applies the zone and keeps one Intl formatter per locale and
 * format instead of building one per cell (a day of minutes is 1,440 rows).
 */
import { DateTime, type DateTimeFormatOptions } from 'luxon';
import type { Granularity } from '../src/model/timeRange';

const DAY: DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME_OF_DAY: DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "Mar 12, 2025" for daily buckets, "Mar 12, 03:05" for hourly and per-minute ones. */
export function formatBucketTime(time: number, granularity: Granularity, timeZone: string, locale: string): string {
  return DateTime.fromMillis(time, { zone: timeZone, locale }).toLocaleString(granularity === 'daily' ? DAY : TIME_OF_DAY);
}
