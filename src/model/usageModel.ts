/**
 * The usage model every view renders, as buildUsageModel (modelBuild.ts) makes it from validated
 * API answers: per version its connections (as sparse cells), latest, peak, average and health;
 * per SDK its totals; per health status its share of the latest connections. Types only.
 */
import type { Cells } from '../api/cells';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import type { ReleaseDateVerdict } from '../catalogue/releaseHealth';
import type { HealthStatus, VersionHealth } from './health';
import type { SdkIdentity } from '../catalogue/sdkIdentity';
import type { Granularity } from './timeRange';

export interface VersionUsage {
  readonly id: string;
  /** The id of its SDK's row (SdkUsage.id). */
  readonly sdkId: string;
  readonly source: StreamSource;
  /** The SDK's name as the views show it: the catalogue's display name, else the name as reported. */
  readonly sdk: string;
  /** The SDK names its series were reported under, first seen first: one, or the spellings merged into this row. */
  readonly reportedSdks: readonly string[];
  /** What the catalogue makes of the SDK name (shared by the SDK's rows). */
  readonly identity: SdkIdentity;
  readonly version: string;
  /** This version's connections: cells [cellStart, cellEnd) of the model's `cells`, in slot order. */
  readonly cellStart: number;
  readonly cellEnd: number;
  readonly latest: number;
  readonly peak: number;
  readonly average: number;
  /** The estimate against the newest version seen. */
  readonly health: VersionHealth;
  /** The verdict from the catalogue's release dates; undefined for an SDK the catalogue does not know (or without it). */
  readonly releaseHealth: ReleaseDateVerdict | undefined;
}

export interface SdkUsage {
  readonly id: string;
  readonly source: StreamSource;
  /** As VersionUsage.sdk. */
  readonly sdk: string;
  /** Every name its series were reported under, first seen first. */
  readonly reportedSdks: readonly string[];
  readonly identity: SdkIdentity;
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
