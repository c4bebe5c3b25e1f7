/** Small usage answers for the model's tests: rows of (SDK, version, values) at hourly times. */
import assert from 'node:assert/strict';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../../src/api/parse';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { LoadedQuery } from '../../src/model/query';
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

/** Names a spreadsheet would run or a CSV or Markdown writer could break on: a pipe, a formula, quotes, a line break. */
export function awkwardModel(): UsageModel {
  return buildUsageModel(
    [
      answer('server', hours(3), [
        ['node|server', '9.7.1', [1234, 2, 3]],
        ['=HYPERLINK("http://x")', '1.0', [4, 5, 6]],
        ['say "hi", all', '-2.0', [7, 8, 9]],
        ['+cmd', '@v1', [0, 0, 0]],
        ['multi\nline', '1.0.0', [1, 1, 1]],
      ]),
    ],
    'hourly',
  );
}

/** The query the awkward model answers, as exports and the Markdown summary name it. */
export const AWKWARD_LOADED: LoadedQuery = {
  source: 'server',
  preset: '24h',
  from: T0 - DAY,
  to: T0 + 2 * HOUR,
  granularity: 'hourly',
  timeZone: 'Europe/Berlin',
  filter: { sdk: 'node|server' },
};

export function version(model: UsageModel, id: string) {
  const found = model.versions.find((v) => v.id === id);
  assert.ok(found, `no version ${id} in ${model.versions.map((v) => v.id).join(', ')}`);
  return found;
}
