/**
 * Turns validated API answers into the model every view renders: per version its values, latest,
 * peak, average and health; per SDK its totals. Pure: no `vscode` import, no I/O.
 */
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import { newestVersion, versionHealth, type HealthStatus, type VersionHealth } from './health';
import type { Granularity } from './timeRange';
import { compareVersionsNewestFirst } from './versionOrder';

export interface VersionUsage {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  /** One value per entry of `UsageModel.times`. */
  readonly values: readonly number[];
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
  readonly latestTotal: number;
  /** Latest connections by health status, for the "N connections (x%) a major behind" summary. */
  readonly health: readonly HealthShare[];
}

export interface SourceAnswer {
  readonly source: StreamSource;
  readonly list: SeriesList;
  /** Versions seen in the last 60 days (`…/sdkversions`), when known: they inform health. */
  readonly knownVersions?: readonly SeriesDescriptor[];
}

export function versionId(source: StreamSource, sdk: string, version: string): string {
  return `${source}:${sdk}@${version}`;
}

export function sdkId(source: StreamSource, sdk: string): string {
  return `${source}:${sdk}`;
}

/** The union of the answers' bucket times, and for each answer where its points land in it. */
function alignTimes(answers: readonly SourceAnswer[]): { times: number[]; slots: (number[] | undefined)[] } {
  const first = answers[0]?.list.times ?? [];
  const same = answers.every((a) => a.list.times.length === first.length && a.list.times.every((t, i) => t === first[i]));
  if (same) {
    return { times: [...first], slots: answers.map(() => undefined) };
  }
  const times = [...new Set(answers.flatMap((a) => a.list.times))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  return { times, slots: answers.map((a) => a.list.times.map((t) => index.get(t)!)) };
}

function stats(values: readonly number[]): { latest: number; peak: number; average: number } {
  let peak = 0;
  let sum = 0;
  for (const v of values) {
    sum += v;
    if (v > peak) peak = v;
  }
  return { latest: values.length ? values[values.length - 1]! : 0, peak, average: values.length ? sum / values.length : 0 };
}

export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
  const { times, slots } = alignTimes(answers);
  const pointCount = times.length;
  // Series with the same source, SDK and version are summed (the API should not repeat one, but may).
  const columns = new Map<string, { source: StreamSource; sdk: string; version: string; values: number[] }>();
  answers.forEach((answer, a) => {
    const slot = slots[a];
    for (const series of answer.list.series) {
      const id = versionId(answer.source, series.sdk, series.version);
      let column = columns.get(id);
      if (!column) {
        column = { source: answer.source, sdk: series.sdk, version: series.version, values: new Array<number>(pointCount).fill(0) };
        columns.set(id, column);
      }
      const values = column.values;
      const src = series.values;
      if (slot) {
        for (let p = 0; p < src.length; p++) values[slot[p]!]! += src[p]!;
      } else {
        for (let p = 0; p < src.length; p++) values[p]! += src[p]!;
      }
    }
  });

  const bySdk = new Map<string, { source: StreamSource; sdk: string; versions: string[] }>();
  for (const [, column] of columns) {
    const key = sdkId(column.source, column.sdk);
    const entry = bySdk.get(key) ?? { source: column.source, sdk: column.sdk, versions: [] };
    entry.versions.push(column.version);
    bySdk.set(key, entry);
  }
  const known = new Map<string, string[]>();
  for (const answer of answers) {
    for (const d of answer.knownVersions ?? []) {
      const key = sdkId(answer.source, d.sdk);
      known.set(key, [...(known.get(key) ?? []), d.version]);
    }
  }

  const sdks: SdkUsage[] = [];
  for (const [key, entry] of bySdk) {
    const newest = newestVersion([...entry.versions, ...(known.get(key) ?? [])]);
    const versions = entry.versions
      .sort(compareVersionsNewestFirst)
      .map((version): VersionUsage => {
        const id = versionId(entry.source, entry.sdk, version);
        const values = columns.get(id)!.values;
        return { id, source: entry.source, sdk: entry.sdk, version, values, ...stats(values), health: versionHealth(version, newest) };
      });
    const totals = new Array<number>(pointCount).fill(0);
    for (const v of versions) for (let p = 0; p < pointCount; p++) totals[p]! += v.values[p]!;
    const { latest, peak } = stats(totals);
    sdks.push({ id: key, source: entry.source, sdk: entry.sdk, versions, latest, peak, newest });
  }
  sdks.sort((a, b) => a.source.localeCompare(b.source) || a.sdk.localeCompare(b.sdk, 'en', { sensitivity: 'base' }));

  const versions = sdks.flatMap((s) => s.versions);
  const latestTotal = versions.reduce((sum, v) => sum + v.latest, 0);
  return {
    times,
    granularity,
    sources: answers.map((a) => a.source),
    sdks,
    versions,
    latestTotal,
    health: healthShares(versions, latestTotal),
  };
}

const HEALTH_ORDER: readonly HealthStatus[] = ['current', 'minorBehind', 'majorBehind', 'unknown'];

function healthShares(versions: readonly VersionUsage[], latestTotal: number): HealthShare[] {
  return HEALTH_ORDER.map((status) => {
    const matching = versions.filter((v) => v.health.status === status);
    const connections = matching.reduce((sum, v) => sum + v.latest, 0);
    return { status, connections, share: latestTotal ? connections / latestTotal : 0, versions: matching.length };
  });
}
