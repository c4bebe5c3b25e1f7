/**
 * The panel's tables and health summary. Every element is made through the Document it is given,
 * so unit tests render them with a DOM implementation and check what a person would read.
 * No UI toolkit here (ui.ts owns it) and no state: the caller passes what to show.
 */
import type { ChartModel, ChartSeries } from '../src/model/chartData';
import type { VersionUsage } from '../src/model/usageModel';
import { formatCount, formatPercent } from '../src/model/format';
import type { HealthGroup } from '../src/model/healthGroups';
import type { HealthKey } from '../src/model/verdict';
import { describeEffectiveHealth, releaseDatesNote } from '../src/presentation/healthWords';
import { granularityLabel } from '../src/presentation/queryWords';
import { HEALTH_GROUP_MARKS, HEALTH_SUMMARY_ORDER, HEALTH_SUMMARY_TEXT, seriesLabel } from '../src/presentation/labels';
import { identityText, reportedAsText } from '../src/presentation/sdkNaming';
import { SUMMARY_COLUMNS, sortVersions, type HealthOf, type SortKey, type SortState } from '../src/presentation/ordering';
import { MAX_MESSAGE_CHARS, plainText } from '../src/text';
import { formatBucketTime } from './time';

/** A health group's mark, in its status colour (media/panel.css), announced as nothing: the words beside it say it. */
export function healthGroupMark(doc: Document, group: HealthGroup): HTMLElement {
  const mark = doc.createElement('span');
  mark.className = `mark mark-${group}`;
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = HEALTH_GROUP_MARKS[group];
  return mark;
}

/** A version's share of the connections in the latest bucket, as the Share column shows it. */
export function latestShare(model: ChartModel, version: VersionUsage): number {
  return model.latestTotal ? version.latest / model.latestTotal : 0;
}

export interface SummaryTableOptions {
  /** The rows, already filtered (outdated only or all); sorted here. */
  readonly versions: readonly VersionUsage[];
  readonly sort: SortState;
  readonly caption: string;
  readonly focusId: string | undefined;
  readonly health: HealthOf;
  /** Rows drawn at most (the focused row always is); the rest wait for "Show all". */
  readonly rowLimit: number;
  readonly locale: string;
  readonly onSort: (key: SortKey) => void;
}

/** The summary table: one row per version, sortable by every column, the focused version marked. */
export function summaryTable(
  doc: Document,
  model: ChartModel,
  options: SummaryTableOptions,
): { table: HTMLTableElement; rows: number; drawn: number } {
  const rows = sortVersions(model, options.versions, options.sort, options.health);
  const { key, descending } = options.sort;
  const table = doc.createElement('table');
  table.id = 'summary-table';
  const caption = doc.createElement('caption');
  caption.textContent = options.caption;
  const head = doc.createElement('thead');
  const headRow = head.insertRow();
  for (const [columnKey, label, numeric] of SUMMARY_COLUMNS) {
    const th = doc.createElement('th');
    th.scope = 'col';
    if (numeric) th.className = 'num';
    const sorted = key === columnKey;
    th.setAttribute('aria-sort', sorted ? (descending ? 'descending' : 'ascending') : 'none');
    const sortButton = doc.createElement('button');
    sortButton.className = 'sort';
    sortButton.dataset.column = columnKey;
    sortButton.textContent = label;
    if (sorted) {
      // The arrow is decoration: aria-sort already tells assistive technology the order.
      const arrow = doc.createElement('span');
      arrow.setAttribute('aria-hidden', 'true');
      arrow.textContent = descending ? ' ▼' : ' ▲';
      sortButton.append(arrow);
    }
    sortButton.addEventListener('click', () => options.onSort(columnKey));
    th.append(sortButton);
    headRow.append(th);
  }
  const body = doc.createElement('tbody');
  const focused = rows.findIndex((v) => v.id === options.focusId);
  const drawn = Math.min(rows.length, Math.max(options.rowLimit, focused + 1));
  const multiSource = model.sources.length > 1;
  for (const v of rows.slice(0, drawn)) {
    const health = options.health(v);
    const row = body.insertRow();
    row.dataset.versionId = v.id;
    row.tabIndex = -1;
    if (v.id === options.focusId) row.classList.add('focused');
    const sdk = doc.createElement('th');
    sdk.scope = 'row';
    // Names are hostile text: one line, no control or bidi-override characters, bounded.
    sdk.textContent = plainText(v.sdk) + (multiSource ? ` (${v.source})` : '');
    // The names the API reported it under, and what the catalogue says of the name.
    const naming = [reportedAsText(v.sdk, v.reportedSdks), identityText(v.identity)].filter((line) => line !== undefined);
    if (naming.length) sdk.title = plainText(naming.join('. '), MAX_MESSAGE_CHARS);
    row.append(sdk);
    const cells: [string, string][] = [
      [plainText(v.version), ''],
      [formatCount(v.latest, options.locale), 'num'],
      [formatCount(v.peak, options.locale), 'num'],
      [formatCount(Math.round(v.average), options.locale), 'num'],
      [formatPercent(latestShare(model, v)), 'num'],
      [plainText(describeEffectiveHealth(health), MAX_MESSAGE_CHARS), `health health-${health.key}`],
    ];
    for (const [text, className] of cells) {
      const cell = row.insertCell();
      cell.textContent = text;
      if (className) cell.className = className;
    }
  }
  table.append(caption, head, body);
  return { table, rows: rows.length, drawn };
}

/** The summary section: the table, then a "Show all" button when rows were held back. */
export function renderSummary(
  section: HTMLElement,
  model: ChartModel,
  options: SummaryTableOptions,
  showAll: (rows: number) => HTMLElement,
): void {
  const { table, rows, drawn } = summaryTable(section.ownerDocument, model, options);
  section.replaceChildren(table);
  if (drawn < rows) section.append(showAll(rows));
}

/** The chart's numbers as a table: one row per bucket, one column per drawn series. */
export function dataTable(
  doc: Document,
  model: ChartModel,
  series: readonly ChartSeries[],
  timeZone: string,
  locale: string,
): HTMLTableElement {
  const table = doc.createElement('table');
  table.id = 'data-table';
  const caption = doc.createElement('caption');
  caption.textContent = `Concurrent connections per ${granularityLabel(model.granularity).replace('per ', '')} bucket (times in ${timeZone})`;
  const head = doc.createElement('thead');
  const headRow = head.insertRow();
  const timeHeader = doc.createElement('th');
  timeHeader.scope = 'col';
  timeHeader.textContent = 'Time';
  headRow.append(timeHeader);
  for (const s of series) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.className = 'num';
    if (!s.isOther && s.group !== undefined) th.append(healthGroupMark(doc, s.group));
    th.append(seriesLabel(s));
    th.dataset.series = s.id;
    headRow.append(th);
  }
  const body = doc.createElement('tbody');
  for (let p = 0; p < model.times.length; p++) {
    const row = body.insertRow();
    row.dataset.time = String(model.times[p]);
    const th = doc.createElement('th');
    th.scope = 'row';
    th.textContent = formatBucketTime(model.times[p]!, model.granularity, timeZone, locale);
    row.append(th);
    for (const s of series) {
      const cell = row.insertCell();
      cell.className = 'num';
      cell.dataset.series = s.id;
      cell.textContent = formatCount(s.values[p]!, locale);
    }
  }
  table.append(caption, head, body);
  return table;
}

/** One line per health that has versions: connections, share of the latest total and how many versions. */
export function healthSummary(doc: Document, model: ChartModel, health: HealthOf, locale: string): HTMLUListElement {
  const shares = new Map<HealthKey, { connections: number; versions: number }>();
  for (const v of model.versions) {
    const key = health(v).key;
    const share = shares.get(key) ?? { connections: 0, versions: 0 };
    share.connections += v.latest;
    share.versions++;
    shares.set(key, share);
  }
  const list = doc.createElement('ul');
  for (const key of HEALTH_SUMMARY_ORDER) {
    const share = shares.get(key);
    if (!share) continue;
    const item = doc.createElement('li');
    item.className = `health-${key}`;
    item.dataset.status = key;
    item.textContent = `${formatCount(share.connections, locale)} connections (${formatPercent(model.latestTotal ? share.connections / model.latestTotal : 0)}) ${HEALTH_SUMMARY_TEXT[key]} · ${share.versions} version${share.versions === 1 ? '' : 's'}`;
    list.append(item);
  }
  return list;
}

/** The date of the release data behind the first health on show that comes from it. */
function releaseDataDate(model: ChartModel, health: HealthOf): string | undefined {
  for (const v of model.versions) {
    const h = health(v);
    if (h.source === 'releaseDates') return h.releaseDates.dataDate;
  }
  return undefined;
}

/** The health section: the summary list, where release-date verdicts come from, and why health is estimated when LaunchDarkly's verdicts are missing. */
export function renderHealthSummary(
  section: HTMLElement,
  model: ChartModel,
  health: HealthOf,
  verdictNote: string | undefined,
  locale: string,
): void {
  const doc = section.ownerDocument;
  section.replaceChildren(healthSummary(doc, model, health, locale));
  // The release data's date, when some health on show comes from it.
  const dataDate = releaseDataDate(model, health);
  if (dataDate !== undefined) {
    const note = doc.createElement('p');
    note.className = 'release-dates-note';
    note.textContent = releaseDatesNote(dataDate);
    section.append(note);
  }
  if (verdictNote) {
    const note = doc.createElement('p');
    note.className = 'verdict-note';
    note.textContent = verdictNote;
    section.append(note);
  }
}
