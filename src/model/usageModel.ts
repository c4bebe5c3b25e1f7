/**
 * Turns validated API answers into the model every view renders: per version its values, latest,
 * peak, average and health; per SDK its totals. Pure: no `vscode` import, no I/O.
 */
import type { SeriesDescriptor, SeriesList, StreamSource } from '../api/parse';
import { newestVersion, versionHealth, type HealthStatus, type VersionHealth } from './health';
import type { Granularity } from './timeRange';
import { compareVersionsNewestFirst } from './versionOrder';
import { sdkId, versionId } from './ids';

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

export { sdkId, versionId } from './ids';

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

function stats(values: ArrayLike<number>): { latest: number; peak: number; average: number } {
  let peak = 0;
  let sum = 0;
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    sum += v;
    if (v > peak) peak = v;
  }
  return { latest: values.length ? values[values.length - 1]! : 0, peak, average: values.length ? sum / values.length : 0 };
}

/** The series that make up one version's column: one, or more when the API repeats a version. */
interface ColumnParts {
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  readonly from: { readonly values: readonly number[]; readonly slot: number[] | undefined }[];
}

interface Column {
  readonly values: readonly number[];
  readonly latest: number;
  readonly peak: number;
  readonly average: number;
}

/** Sums the parts into a new column on the common times (a point missing from a part is 0). */
function sumParts(parts: ColumnParts, pointCount: number): number[] {
  const values = new Array<number>(pointCount).fill(0);
  for (const { values: src, slot } of parts.from) {
    if (slot) {
      for (let p = 0; p < src.length; p++) values[slot[p]!]! += src[p]!;
    } else {
      for (let p = 0; p < src.length; p++) values[p]! += src[p]!;
    }
  }
  return values;
}

/**
 * One version's column and its stats; adds its values to the SDK's `totals`.
 * In the usual case, one series already on the common times, its values array is the column as it
 * is, read once for the stats and the totals: it equals the sums `0 + value` whenever it holds
 * numbers only and no -0 (which the sum would turn into 0), and is summed into a new array if not.
 */
function buildColumn(parts: ColumnParts, pointCount: number, totals: Float64Array): Column {
  const only = parts.from.length === 1 ? parts.from[0]! : undefined;
  let done = 0; // points already added to totals
  if (only && !only.slot && only.values.length === pointCount) {
    const src = only.values;
    let peak = 0;
    let sum = 0;
    for (; done < pointCount; done++) {
      const v = src[done]!;
      if (typeof v !== 'number' || Object.is(v, -0)) break;
      sum += v;
      if (v > peak) peak = v;
      totals[done] += v;
    }
    if (done === pointCount) {
      return { values: src, latest: pointCount ? src[pointCount - 1]! : 0, peak, average: pointCount ? sum / pointCount : 0 };
    }
  }
  const values = sumParts(parts, pointCount);
  for (let p = done; p < pointCount; p++) totals[p] += values[p]!;
  return { values, ...stats(values) };
}

export function buildUsageModel(answers: readonly SourceAnswer[], granularity: Granularity): UsageModel {
  const { times, slots } = alignTimes(answers);
  const pointCount = times.length;
  // Series with the same source, SDK and version are summed (the API should not repeat one, but may).
  const columns = new Map<string, ColumnParts>();
  answers.forEach((answer, a) => {
    const slot = slots[a];
    for (const series of answer.list.series) {
      const id = versionId(answer.source, series.sdk, series.version);
      let column = columns.get(id);
      if (!column) {
        column = { source: answer.source, sdk: series.sdk, version: series.version, from: [] };
        columns.set(id, column);
      }
      column.from.push({ values: series.values, slot });
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
    // The SDK's totals, summed in version order while each column is read.
    const totals = new Float64Array(pointCount);
    const versions = entry.versions
      .sort(compareVersionsNewestFirst)
      .map((version): VersionUsage => {
        const id = versionId(entry.source, entry.sdk, version);
        const { values, latest, peak, average } = buildColumn(columns.get(id)!, pointCount, totals);
        return { id, source: entry.source, sdk: entry.sdk, version, values, latest, peak, average, health: versionHealth(version, newest) };
      });
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
