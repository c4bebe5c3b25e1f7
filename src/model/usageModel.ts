/**
 * The usage model every view renders, as buildUsageModel (modelBuild.ts) makes it from validated
 * API answers: per version its connections (as sparse cells), latest, peak, average and health;
 * per SDK its totals; per health status its share of the latest connections. Types only.
 */
import type { Cells } from '../api/cells';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import type { HealthStatus, VersionHealth } from './health';
import type { Granularity } from './timeRange';

export interface VersionUsage {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  /** This version's connections: cells [cellStart, cellEnd) of the model's `cells`, in slot order. */
  readonly cellStart: number;
  readonly cellEnd: number;
  readonly latest: number;
  readonly peak: number;
  readonly average: number;
  readonly health: VersionHealth;
}

export interface SdkUsage {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly versions: readonly VersionUsage[];
  readonly latest: number;
  readonly peak: number;
  readonly newest: string | undefined;
}

export interface HealthShare {
  readonly status: HealthStatus;
  readonly connections: number;
  readonly share: number;
  readonly versions: number;
}

export interface UsageModel {
  readonly times: readonly number[];
  readonly granularity: Granularity;
  readonly sources: readonly StreamSource[];
  readonly sdks: readonly SdkUsage[];
  /** Every version, in tree order: source, SDK name, then newest version first. */
  readonly versions: readonly VersionUsage[];
  /** Every version's non-zero connections; slots index `times`. */
  readonly cells: Cells;
  readonly latestTotal: number;
  /** Latest connections by health status, for the "N connections (x%) a major behind" summary. */
  readonly health: readonly HealthShare[];
  /** Values that were not whole numbers of connections, left out (see SeriesList). */
  readonly ignoredValues: number;
  /** Points at implausible times, left out (see SeriesList). */
  readonly droppedTimes: number;
}

export interface SourceAnswer {
  readonly source: StreamSource;
  readonly list: SeriesList;
  /** Versions seen in the last 60 days (`…/sdkversions`), when known: they inform health. */
  readonly knownVersions?: readonly SeriesDescriptor[];
}
