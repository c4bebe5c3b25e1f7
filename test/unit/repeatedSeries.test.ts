/**
 * A filter on an SDK reported under several names asks once per name: a series that a loosely
 * matching API returns for more than one of those requests counts once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUsageModel } from '../../src/model/modelBuild';
import { withoutRepeatedSeries } from '../../src/model/repeatedSeries';
import type { SourceAnswer } from '../../src/model/usageModel';
import { denseSeries, seriesList, valuesOf, type DenseSeries } from '../support/seriesLists';

const T0 = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;
const TIMES = [T0, T0 + HOUR, T0 + 2 * HOUR];

const answer = (source: 'server' | 'client', rows: DenseSeries[]): SourceAnswer => ({ source, list: seriesList(TIMES, rows) });

describe('withoutRepeatedSeries', () => {
  test('leaves out of a later answer of the same source the series an earlier one holds, cells and all', () => {
    const loose = [
      { sdk: 'NodeJSClient', version: '9.7.1', values: [5, 0, 7] },
      { sdk: 'nodejsclient', version: '9.7.1', values: [1, 1, 0] },
    ];
    const answers = withoutRepeatedSeries([
      answer('server', loose),
      answer('server', [...loose, { sdk: 'node-server', version: '9.7.1', values: [0, 3, 4] }]),
    ]);
    assert.deepEqual(denseSeries(answers[0]!.list), loose);
    assert.deepEqual(denseSeries(answers[1]!.list), [{ sdk: 'node-server', version: '9.7.1', values: [0, 3, 4] }]);
    assert.deepEqual(answers[1]!.list.times, TIMES);
  });

  test('keeps series repeated within one answer (each its own entry), other versions, and other sources', () => {
    const twice = [
      { sdk: 'JavaClient', version: '7.5.0', values: [1, 2, 3] },
      { sdk: 'JavaClient', version: '7.5.0', values: [4, 0, 6] },
    ];
    const given = [
      answer('server', twice),
      answer('server', [{ sdk: 'JavaClient', version: '7.6.0', values: [9, 9, 9] }]),
      answer('client', twice),
    ];
    const answers = withoutRepeatedSeries(given);
    assert.deepEqual(
      answers.map((a) => a.list),
      given.map((a) => a.list),
    );
  });

  test('the model of the answers asked per name counts a repeated series once', () => {
    const series = { sdk: 'GoClient', version: '7.4.0', values: [2, 4, 6] };
    const answers = withoutRepeatedSeries([answer('server', [series]), answer('server', [series, { ...series, sdk: 'go' }])]);
    const model = buildUsageModel(answers, 'hourly');
    assert.deepEqual(model.sources, ['server']);
    const go = model.versions.find((v) => v.sdk === 'GoClient')!;
    assert.deepEqual(valuesOf(model, go), [2, 4, 6]);
    assert.equal(model.versions.length, 2);
  });
});
