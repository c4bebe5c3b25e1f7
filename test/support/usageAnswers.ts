/** Small usage answers for the model's tests: rows of (SDK, version, values) at hourly times. */
import assert from 'node:assert/strict';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../../src/api/parse';
import type { SourceAnswer, UsageModel } from '../../src/model/usageModel';
import { seriesList } from './seriesLists';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2025, 2, 10, 0, 0, 0);

export type Row = [sdk: string, version: string, values: number[]];

export function list(times: number[], rows: Row[]): SeriesList {
  return seriesList(
    times,
    rows.map(([sdk, version, values]) => ({ sdk, version, values })),
  );
}

export function answer(source: StreamSource, times: number[], rows: Row[], knownVersions?: SeriesDescriptor[]): SourceAnswer {
  return knownVersions ? { source, list: list(times, rows), knownVersions } : { source, list: list(times, rows) };
}

export const hours = (n: number, start = T0) => Array.from({ length: n }, (_, i) => start + i * HOUR);

export function version(model: UsageModel, id: string) {
  const found = model.versions.find((v) => v.id === id);
  assert.ok(found, `no version ${id} in ${model.versions.map((v) => v.id).join(', ')}`);
  return found;
}
