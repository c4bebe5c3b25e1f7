/**
 * Status texts: what the tree's message, the panel's banner and its status line say about loading,
 * stale data, errors and what is on show. Pure; the webview imports this file too.
 */
import type { UsageErrorAction } from '../contributions';
import type { LoadStatus, LoadedQuery, SourceSelection } from '../model/query';
import type { TimeRangeSpec } from '../model/timeRange';
import { sourceLabel } from './labels';
import { describeFilter, granularityLabel, rangeLabel } from './queryWords';

export const LOADING_TEXT = 'Loading usage data…';
export const REFRESHING_TEXT = 'Refreshing…';
export const NO_TOKEN_TEXT = 'No API access token is set.';
export const NO_CONNECTIONS_TEXT = 'No streaming connections in this range.';
/** Said beside an error when the data on show is older than the failure. */
export const LAST_GOOD_DATA_TEXT = 'The data below is from the last successful refresh.';
export const SELECTION_PENDING_TEXT = 'This data does not match the current selection yet.';

/**
 * What the tree and the panel show about the store's state besides the data (built by
 * viewStatus.ts): its facts, and its error and notes already in words.
 */
export interface ViewStatus {
  /** Where loading stands: idle, loading, ready or failed. */
  readonly load: LoadStatus;
  readonly stale: boolean;
  /** The data on show was saved by an earlier session and no request has answered it since; `fetchedAt` says when it came. */
  readonly restored: boolean;
  readonly hasToken: boolean;
  /** The last load's failure as presented (errors.ts): what happened, then what to do. */
  readonly error: { readonly message: string; readonly actions: readonly UsageErrorAction[] } | undefined;
  readonly source: SourceSelection;
  readonly range: TimeRangeSpec;
  readonly loaded: LoadedQuery | undefined;
  readonly fetchedAt: number | undefined;
  /** What the loaded data left out, in words (notes.ts). */
  readonly notes: readonly string[];
  /** Why health is estimated, when LaunchDarkly's verdicts could not be loaded (one line). */
  readonly verdictNote?: string | undefined;
}

/** The filter a load answered, as a status-line part. */
function filterPart(loaded: LoadedQuery): string | undefined {
  const filter = describeFilter(loaded.filter);
  return filter && `filter: ${filter}`;
}

/** Non-empty parts joined the way every status line joins them. */
export function joinParts(parts: readonly (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `time` was, in the largest whole unit up to days: "3 hours ago", "less than a minute ago". */
export function ageText(time: number, now: number): string {
  const age = Math.max(0, now - time);
  if (age < MINUTE) return 'less than a minute ago';
  const [count, unit] = age < HOUR ? [age / MINUTE, 'minute'] : age < 2 * DAY ? [age / HOUR, 'hour'] : [age / DAY, 'day'];
  const whole = Math.floor(count);
  return `${whole} ${unit}${whole === 1 ? '' : 's'} ago`;
}

/** "as of 3 hours ago" for data restored from an earlier session (undefined for data loaded in this one). */
function restoredAge(status: Pick<ViewStatus, 'restored' | 'fetchedAt'>, now: number): string | undefined {
  return status.restored && status.fetchedAt !== undefined ? `as of ${ageText(status.fetchedAt, now)}` : undefined;
}

/** What the tree's message reads: the same facts the panel gets. */
export type TreeMessageInput = Pick<
  ViewStatus,
  'hasToken' | 'load' | 'stale' | 'restored' | 'fetchedAt' | 'loaded' | 'notes' | 'verdictNote'
>;

/**
 * The line above the tree: what is shown, or that it is loading or stale, and the age of data
 * restored from an earlier session. `hasData`: a model is on show.
 */
export function treeMessage(status: TreeMessageInput, hasData: boolean, now: number = Date.now()): string | undefined {
  if (!status.hasToken) return undefined;
  const { loaded } = status;
  if (!hasData || !loaded) return status.load === 'loading' && !hasData ? LOADING_TEXT : undefined;
  const summary = joinParts([
    sourceLabel(loaded.source),
    rangeLabel(loaded),
    granularityLabel(loaded.granularity),
    filterPart(loaded),
    ...status.notes,
  ]);
  const note = status.verdictNote ? ` · ${status.verdictNote}` : '';
  if (status.load === 'loading') return `${REFRESHING_TEXT} ${summary}${note}`;
  const marks = joinMarks([status.stale && 'stale', restoredAge(status, now)]);
  return `${marks ? `${marks}: ${summary}` : summary}${note}`;
}

/** "Stale", "As of 3 hours ago", "Stale, as of 3 hours ago"; '' for none. */
function joinMarks(marks: readonly (string | false | undefined)[]): string {
  const text = marks.filter(Boolean).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The panel's status line under its title: what the data on show answers, when it came (its age,
 * for data restored from an earlier session), whether it is stale, and what it left out.
 * `versions` is how many versions the data has (undefined: none yet).
 */
export function panelStatusLine(status: ViewStatus, versions: number | undefined, locale: string, now: number = Date.now()): string {
  const { loaded } = status;
  if (!loaded || versions === undefined) return status.hasToken ? 'No data yet.' : '';
  return joinParts([
    sourceLabel(loaded.source),
    rangeLabel(loaded),
    `${granularityLabel(loaded.granularity)} data`,
    `times in ${loaded.timeZone}`,
    filterPart(loaded),
    restoredAge(status, now) ?? (status.fetchedAt !== undefined && `updated ${new Date(status.fetchedAt).toLocaleTimeString(locale)}`),
    status.stale && 'stale',
    ...status.notes,
    versions === 0 && status.load === 'ready' && NO_CONNECTIONS_TEXT,
  ]);
}

export type BannerKind = 'error' | 'info' | 'notice';

export interface BannerContent {
  readonly kind: BannerKind;
  readonly text: string;
  readonly actions: readonly UsageErrorAction[];
}

/** What the panel's banner says for this status, or nothing when all is well. */
export function bannerContent(status: ViewStatus, hasData: boolean): BannerContent | undefined {
  if (!status.hasToken) {
    return { kind: 'notice', text: NO_TOKEN_TEXT, actions: ['setToken'] };
  }
  if (status.error) {
    const text = status.error.message + (hasData ? ` ${LAST_GOOD_DATA_TEXT}` : '');
    return { kind: 'error', text, actions: status.error.actions };
  }
  if (status.load === 'loading') {
    return { kind: 'info', text: hasData ? REFRESHING_TEXT : LOADING_TEXT, actions: [] };
  }
  if (status.stale) {
    return { kind: 'info', text: SELECTION_PENDING_TEXT, actions: [] };
  }
  return undefined;
}

/** A status row at the top of the tree: an error, an empty range, or why there are no environments. */
export interface TreeNotice {
  readonly id: 'error' | 'empty' | 'no-environments';
  readonly label: string;
  readonly detail?: string | undefined;
  readonly tone: 'error' | 'info';
  /** What choosing the row does. */
  readonly action?: UsageErrorAction | undefined;
}

export interface TreeNoticeInput {
  /** The last load's failure, as presented. */
  readonly error: { readonly message: string; readonly actions: readonly UsageErrorAction[] } | undefined;
  /** How many versions the data on show has; undefined when there is none. */
  readonly versions: number | undefined;
  /** Grouped by environment, which needs LaunchDarkly's SDK versions report. */
  readonly byEnvironment: boolean;
  /** The report: joined to the data, failed, or not here yet. */
  readonly report: 'loaded' | 'failed' | 'pending';
}

export const ENVIRONMENTS_UNAVAILABLE_TEXT = "Environments unavailable: LaunchDarkly's SDK versions report could not be loaded.";
export const ENVIRONMENTS_PENDING_TEXT = "Environments appear once LaunchDarkly's SDK versions report has loaded.";

/** The status rows above the tree's data, in order. */
export function treeNotices(input: TreeNoticeInput): TreeNotice[] {
  const notices: TreeNotice[] = [];
  if (input.error) {
    notices.push({
      id: 'error',
      label: input.error.message,
      detail: input.versions !== undefined ? LAST_GOOD_DATA_TEXT : undefined,
      tone: 'error',
      action: input.error.actions[0],
    });
  }
  if (input.versions === 0) {
    notices.push({ id: 'empty', label: NO_CONNECTIONS_TEXT, tone: 'info', action: 'chooseTimeRange' });
  } else if (input.versions !== undefined && input.byEnvironment && input.report !== 'loaded') {
    // Without LaunchDarkly's report there are no environments to group by: say so; the tree shows SDKs.
    const failed = input.report === 'failed';
    notices.push({
      id: 'no-environments',
      label: failed ? ENVIRONMENTS_UNAVAILABLE_TEXT : ENVIRONMENTS_PENDING_TEXT,
      tone: 'info',
      action: failed ? 'refresh' : undefined,
    });
  }
  return notices;
}
