/** What people ask for: which source, time range, zone and filter. Shared by host and webview. */
import type { StreamSource } from '../api/parse';
import { plainText } from '../text';
import type { Granularity, TimeRangeSpec } from './timeRange';

export type SourceSelection = StreamSource | 'both';
export const SOURCE_SELECTIONS: readonly SourceSelection[] = ['server', 'client', 'both'];

export function isSourceSelection(value: unknown): value is SourceSelection {
  return typeof value === 'string' && (SOURCE_SELECTIONS as readonly string[]).includes(value);
}

export interface UsageFilter {
  readonly sdk?: string;
  readonly version?: string;
}

/** The filter in words, as plain text (names on one line, bounded); escape it further for Markdown. */
export function describeFilter(filter: UsageFilter): string | undefined {
  const sdk = filter.sdk && plainText(filter.sdk);
  const version = filter.version && plainText(filter.version);
  if (sdk && version) return `${sdk} ${version}`;
  if (sdk) return sdk;
  if (version) return `version ${version}`;
  return undefined;
}

export interface UsageQuery {
  readonly source: SourceSelection;
  readonly range: TimeRangeSpec;
  /** An IANA zone, or '' for this machine's. */
  readonly timeZone: string;
  readonly filter: UsageFilter;
}

/** What a loaded model answers: shown in headers and exports. */
export interface LoadedQuery {
  readonly source: SourceSelection;
  readonly rangeLabel: string;
  readonly from: number;
  readonly to: number;
  readonly granularity: Granularity;
  readonly timeZone: string;
  readonly filter: UsageFilter;
}
