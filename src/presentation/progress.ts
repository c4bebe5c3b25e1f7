/**
 * The progress line's words: each health group's share of connections at the start and at the end
 * of the range shown, and the change ("Past end of life: 38% → 12% of connections (−26 points)"),
 * and which buckets those are. Pure; the panel and the copied summary take them from here, each
 * formatting bucket times its own way.
 */
import { formatPercent, shownPercent } from '../model/format';
import type { GroupProgress, HealthProgress } from '../model/healthGroups';
import { HEALTH_GROUP_LABELS } from './labels';

/**
 * A change of share in percentage points, signed: the difference of the two shares as shown, so
 * "0.1% → 0.4%" reads "+0.3 points" and "13% → 13%" "unchanged", whatever lies behind the rounding.
 */
export function describeChange(from: number, to: number): string {
  const points = Math.round((shownPercent(to) - shownPercent(from)) * 10) / 10;
  if (points === 0) return 'unchanged';
  const size = Math.abs(points);
  const shown = Number.isInteger(size) ? String(size) : size.toFixed(1);
  return `${points > 0 ? '+' : '−'}${shown} point${size === 1 ? '' : 's'}`;
}

/** Whether the range has two buckets to compare, or only one with connections. */
export function comparesTwoBuckets(progress: HealthProgress): boolean {
  return progress.startSlot !== progress.endSlot;
}

/** One group's line: its share at the start, at the end and the change; a single share when only one bucket has connections. */
export function progressLine(progress: HealthProgress, entry: GroupProgress): string {
  const label = HEALTH_GROUP_LABELS[entry.group];
  if (!comparesTwoBuckets(progress)) return `${label}: ${formatPercent(entry.endShare)} of connections`;
  return `${label}: ${formatPercent(entry.startShare)} → ${formatPercent(entry.endShare)} of connections (${describeChange(entry.startShare, entry.endShare)})`;
}

/** What the lines compare, naming the buckets (`bucketTime` formats a slot's time for where the text goes). */
export function progressHeading(progress: HealthProgress, bucketTime: (slot: number) => string): string {
  if (!comparesTwoBuckets(progress)) return `Status at ${bucketTime(progress.endSlot)}, the only bucket with connections`;
  return `Progress by status from ${bucketTime(progress.startSlot)} to ${bucketTime(progress.endSlot)}, the first and last buckets with connections`;
}

/** Said instead when no bucket of the range has connections. */
export const NO_PROGRESS_TEXT = 'No bucket in this range has connections: there is no progress to show.';
