/** What people ask for: which source, time range, zone and filter. Shared by host and webview. */
import type { SeriesDescriptor, StreamSource } from '../api/parse';
import { isRecord } from '../record';
import type { Granularity, RangePreset, TimeRangeSpec } from './timeRange';
import { compareVersionsNewestFirst } from './versionOrder';

export type SourceSelection = StreamSource | 'both';
export const SOURCE_SELECTIONS: readonly SourceSelection[] = ['server', 'client', 'both'];

export function isSourceSelection(value: unknown): value is SourceSelection {
  return typeof value === 'string' && (SOURCE_SELECTIONS as readonly string[]).includes(value);
}

export interface UsageFilter {
  readonly sdk?: string;
  readonly version?: string;
  /**
   * Other names the account reports the same SDK under. The API filters by one name a request, so
   * each is asked for as well: a row merged from several spellings filters to all of its series.
   */
  readonly otherSpellings?: readonly string[];
}

/** The most names one filter asks for, each a request per source on every refresh. */
export const MAX_FILTER_SPELLINGS = 8;

/** A filter from anything (a saved value, a command argument): string fields only; undefined without sdk or version. */
export function asUsageFilter(value: unknown): UsageFilter | undefined {
  if (!isRecord(value)) return undefined;
  const { sdk, version } = value;
  if (typeof sdk !== 'string' && typeof version !== 'string') return undefined;
  const others = typeof sdk === 'string' && Array.isArray(value.otherSpellings) ? value.otherSpellings : [];
  const otherSpellings = [...new Set(others.filter((name): name is string => typeof name === 'string' && name !== sdk))].slice(
    0,
    MAX_FILTER_SPELLINGS - 1,
  );
  return {
    ...(typeof sdk === 'string' && { sdk }),
    ...(typeof version === 'string' && { version }),
    ...(otherSpellings.length > 0 && { otherSpellings }),
  };
}

/** The SDK names a filter asks for, one request each; [undefined] when it names no SDK. */
export function filterSdkNames(filter: UsageFilter): readonly (string | undefined)[] {
  return filter.sdk === undefined ? [undefined] : [filter.sdk, ...(filter.otherSpellings ?? [])];
}

function sameFilter(a: UsageFilter, b: UsageFilter): boolean {
  const names = (f: UsageFilter) => JSON.stringify(filterSdkNames(f));
  return a.version === b.version && names(a) === names(b);
}

/** One SDK the filter offers: its name as shown, the names it asks for, and its versions newest first. */
export interface FilterChoice {
  readonly label: string;
  readonly filter: UsageFilter & { readonly sdk: string };
  readonly versions: readonly string[];
}

/**
 * What the filter offers: each SDK seen, with its versions newest first. A name that belongs to
 * exactly one loaded SDK row (`rows`: label and the names it was reported under) is offered under
 * that row's label with all of its names, as the tree shows it; any other name as reported.
 */
export function filterChoices(
  seen: readonly SeriesDescriptor[],
  rows: readonly { readonly sdk: string; readonly reportedSdks: readonly string[] }[] = [],
): FilterChoice[] {
  const labelsOf = new Map<string, Set<string>>();
  for (const row of rows) for (const name of row.reportedSdks) labelsOf.set(name, (labelsOf.get(name) ?? new Set()).add(row.sdk));
  const byLabel = new Map<string, { names: Set<string>; versions: Set<string> }>();
  for (const { sdk, version } of seen) {
    const labels = labelsOf.get(sdk);
    const label = labels?.size === 1 ? [...labels][0]! : sdk;
    let choice = byLabel.get(label);
    if (!choice) byLabel.set(label, (choice = { names: new Set(), versions: new Set() }));
    choice.names.add(sdk);
    choice.versions.add(version);
  }
  // The loaded data may name a spelling the list seen lately does not (a range past its 60 days).
  for (const row of rows) {
    const names = byLabel.get(row.sdk)?.names;
    for (const name of row.reportedSdks) if (names && labelsOf.get(name)!.size === 1) names.add(name);
  }
  return [...byLabel.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((label) => {
      const { names, versions } = byLabel.get(label)!;
      const [sdk, ...others] = names;
      const otherSpellings = others.slice(0, MAX_FILTER_SPELLINGS - 1);
      return {
        label,
        filter: { sdk: sdk!, ...(otherSpellings.length > 0 && { otherSpellings }) },
        versions: [...versions].sort(compareVersionsNewestFirst),
      };
    });
}

export interface UsageQuery {
  readonly source: SourceSelection;
  readonly range: TimeRangeSpec;
  /** An IANA zone, or '' for this machine's. */
  readonly timeZone: string;
  readonly filter: UsageFilter;
}

/** The parts of `next` that differ from `current`; undefined when they ask for the same data. */
export function queryChange(current: UsageQuery, next: UsageQuery): Partial<UsageQuery> | undefined {
  const change: { -readonly [K in keyof UsageQuery]?: UsageQuery[K] } = {};
  if (next.source !== current.source) change.source = next.source;
  if (JSON.stringify(next.range) !== JSON.stringify(current.range)) change.range = next.range;
  if (next.timeZone !== current.timeZone) change.timeZone = next.timeZone;
  if (!sameFilter(next.filter, current.filter)) change.filter = next.filter;
  return Object.keys(change).length ? change : undefined;
}

/** Where loading the query stands. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What a loaded model answers: shown in headers and exports. */
export interface LoadedQuery {
  readonly source: SourceSelection;
  /** The preset asked for; undefined for a custom range, which from and to then say. */
  readonly preset: RangePreset | undefined;
  readonly from: number;
  readonly to: number;
  readonly granularity: Granularity;
  readonly timeZone: string;
  readonly filter: UsageFilter;
}
