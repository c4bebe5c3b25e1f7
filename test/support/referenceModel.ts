/**
 * The model's reference: the results buildUsageModel must give, computed the plain way on dense
 * rows (one value per bucket, sums point by point). The production model never makes rows dense;
 * the tests hold the two together on generated answers.
 */
import type { SeriesDescriptor, StreamSource } from '../../src/api/parse';
import { newestVersion, versionHealth, type VersionHealth } from '../../src/model/health';
import { sdkId, versionId } from '../../src/model/rowIds';
import type { HealthShare, SourceAnswer, UsageModel } from '../../src/model/usageModel';
import { compareVersionsNewestFirst } from '../../src/model/versionOrder';
import { seriesList, valuesOf, type DenseSeries } from './seriesLists';

export interface DenseAnswer {
  readonly source: StreamSource;
  readonly times: readonly number[];
  readonly series: readonly DenseSeries[];
  readonly knownVersions?: readonly SeriesDescriptor[];
}

/** What the tests compare: every number the views show, per version and per SDK. */
export interface ReferenceModel {
  readonly times: readonly number[];
  readonly versions: readonly {
    id: string;
    sdk: string;
    version: string;
    values: number[];
    latest: number;
    peak: number;
    average: number;
    health: VersionHealth;
  }[];
  readonly sdks: readonly { id: string; versions: string[]; latest: number; peak: number; newest: string | undefined }[];
  readonly latestTotal: number;
  readonly health: readonly HealthShare[];
}

export function sourceAnswer(answer: DenseAnswer): SourceAnswer {
  const list = seriesList(answer.times, answer.series);
  return answer.knownVersions ? { source: answer.source, list, knownVersions: answer.knownVersions } : { source: answer.source, list };
}

const stats = (values: readonly number[]) => ({
  latest: values.length ? values[values.length - 1]! : 0,
  peak: Math.max(0, ...values),
  average: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0,
});

export function referenceModel(answers: readonly DenseAnswer[]): ReferenceModel {
  const times = [...new Set(answers.flatMap((a) => a.times))].sort((a, b) => a - b);
  const versions = new Map<string, { source: StreamSource; sdk: string; version: string; values: number[] }>();
  for (const answer of answers) {
    for (const s of answer.series) {
      const id = versionId(answer.source, s.sdk, s.version);
      const entry = versions.get(id) ?? { source: answer.source, sdk: s.sdk, version: s.version, values: times.map(() => 0) };
      versions.set(id, entry);
      answer.times.forEach((t, p) => (entry.values[times.indexOf(t)]! += s.values[p]!));
    }
  }
  const sdks = new Map<string, { source: StreamSource; sdk: string; ids: string[] }>();
  for (const [id, v] of versions) {
    const key = sdkId(v.source, v.sdk);
    const entry = sdks.get(key) ?? { source: v.source, sdk: v.sdk, ids: [] };
    sdks.set(key, entry);
    entry.ids.push(id);
  }
  const ordered = [...sdks].sort(
    ([, a], [, b]) => a.source.localeCompare(b.source) || a.sdk.localeCompare(b.sdk, 'en', { sensitivity: 'base' }),
  );
  const outVersions: ReferenceModel['versions'][number][] = [];
  const outSdks: ReferenceModel['sdks'][number][] = [];
  for (const [key, entry] of ordered) {
    const known = answers
      .filter((a) => a.source === entry.source)
      .flatMap((a) => (a.knownVersions ?? []).filter((d) => d.sdk === entry.sdk).map((d) => d.version));
    const newest = newestVersion([...entry.ids.map((id) => versions.get(id)!.version), ...known]);
    const ids = entry.ids.sort((a, b) => compareVersionsNewestFirst(versions.get(a)!.version, versions.get(b)!.version));
    const totals = times.map(() => 0);
    for (const id of ids) {
      const v = versions.get(id)!;
      v.values.forEach((value, p) => (totals[p]! += value));
      outVersions.push({
        id,
        sdk: v.sdk,
        version: v.version,
        values: v.values,
        ...stats(v.values),
        health: versionHealth(v.version, newest),
      });
    }
    const { latest, peak } = stats(totals);
    outSdks.push({ id: key, versions: ids, latest, peak, newest });
  }
  const latestTotal = outVersions.reduce((sum, v) => sum + v.latest, 0);
  const health = (['current', 'minorBehind', 'majorBehind', 'unknown'] as const).map((status) => {
    const matching = outVersions.filter((v) => v.health.status === status);
    const connections = matching.reduce((sum, v) => sum + v.latest, 0);
    return { status, connections, share: latestTotal ? connections / latestTotal : 0, versions: matching.length };
  });
  return { times, versions: outVersions, sdks: outSdks, latestTotal, health };
}

/** The production model in the reference's terms: each version's cells made dense. */
export function modelAsReference(model: UsageModel): ReferenceModel {
  return {
    times: model.times,
    versions: model.versions.map((v) => ({
      id: v.id,
      sdk: v.sdk,
      version: v.version,
      values: valuesOf(model, v),
      latest: v.latest,
      peak: v.peak,
      average: v.average,
      health: v.health,
    })),
    sdks: model.sdks.map((s) => ({ id: s.id, versions: s.versions.map((v) => v.id), latest: s.latest, peak: s.peak, newest: s.newest })),
    latestTotal: model.latestTotal,
    health: model.health,
  };
}
