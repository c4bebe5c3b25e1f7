/**
 * The progress line above the chart: for the range shown, each health group's share of all
 * connections in the first and the last bucket with connections, and the change, with the same
 * marks the tables use. Made through the section's own Document; no state.
 */
import type { ChartModel } from '../src/model/chartData';
import type { HealthProgress } from '../src/model/healthGroups';
import { NO_PROGRESS_TEXT, progressHeading, progressLine } from '../src/presentation/progress';
import { healthGroupMark } from './tables';
import { formatBucketTime } from './time';

export function renderProgress(
  section: HTMLElement,
  model: ChartModel,
  progress: HealthProgress | undefined,
  timeZone: string,
  locale: string,
): void {
  const doc = section.ownerDocument;
  const heading = doc.createElement('p');
  heading.className = 'progress-heading';
  if (!progress) {
    heading.textContent = NO_PROGRESS_TEXT;
    section.replaceChildren(heading);
    return;
  }
  const bucketTime = (slot: number) => formatBucketTime(model.times[slot]!, model.granularity, timeZone, locale);
  heading.textContent = `${progressHeading(progress, bucketTime)} (${timeZone}):`;
  const list = doc.createElement('ul');
  for (const entry of progress.groups) {
    const item = doc.createElement('li');
    item.dataset.group = entry.group;
    item.append(healthGroupMark(doc, entry.group), progressLine(progress, entry));
    list.append(item);
  }
  section.replaceChildren(heading, list);
}
