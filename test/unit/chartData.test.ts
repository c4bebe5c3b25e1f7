/** Chart data: the series drawn, the folded remainder and the outdated-only view. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUsageModel } from '../../src/model/modelBuild';
import { sdkId, versionId } from '../../src/model/rowIds';
import type { UsageModel } from '../../src/model/usageModel';
import { chartSeries, isOutdated } from '../../src/model/chartData';
import { seriesLabel } from '../../src/presentation/labels';
import { valuesOf } from '../support/seriesLists';
import { answer, hours } from '../support/usageAnswers';

describe('chartData', () => {
  /** Six versions of one SDK with peaks 60, 50, 40, 30, 20, 10 (and some outdated). */
  function sixVersions(): UsageModel {
    return buildUsageModel(
      [
        answer('server', hours(3), [
          ['node-server', '9.7.1', [60, 1, 2]],
          ['node-server', '9.5.0', [3, 50, 4]],
          ['node-server', '8.11.2', [5, 6, 40]],
          ['go-server', '7.4.0', [30, 7, 8]],
          ['go-server', '7.1.2', [9, 20, 11]],
          ['go-server', '6.2.1', [12, 13, 10]],
        ]),
      ],
      'hourly',
    );
  }
  const base = { groupBy: 'version' as const, outdatedOnly: false };

  test('draws the top N by peak and folds the rest into "Other" with exact sums', () => {
    const model = sixVersions();
    const series = chartSeries(model, { ...base, topN: 3 });
    assert.deepEqual(
      series.map((s) => s.id),
      [
        versionId('server', 'node-server', '9.7.1'),
        versionId('server', 'node-server', '9.5.0'),
        versionId('server', 'node-server', '8.11.2'),
        'other',
      ],
    );
    const other = series[3]!;
    assert.equal(other.isOther, true);
    assert.equal(seriesLabel(other), 'Other (3 series)');
    assert.deepEqual(Array.from(other.values), [30 + 9 + 12, 7 + 20 + 13, 8 + 11 + 10]);
    assert.equal(other.peak, 51);
    // Nothing is lost: shown plus Other equals the total at every point.
    const total = model.times.map((_, p) => model.versions.reduce((sum, v) => sum + valuesOf(model, v)[p]!, 0));
    assert.deepEqual(
      model.times.map((_, p) => series.reduce((sum, s) => sum + s.values[p]!, 0)),
      total,
    );
  });

  test('does not fold a single leftover series into "Other"', () => {
    const series = chartSeries(sixVersions(), { ...base, topN: 5 });
    assert.equal(series.length, 6);
    assert.ok(!series.some((s) => s.isOther));
    assert.equal(chartSeries(sixVersions(), { ...base, topN: 6 }).length, 6);
    assert.equal(chartSeries(sixVersions(), { ...base, topN: 50 }).length, 6);
  });

  test('keeps the focused series out of "Other"', () => {
    const series = chartSeries(sixVersions(), { ...base, topN: 2, focusId: versionId('server', 'go-server', '6.2.1') });
    assert.deepEqual(
      series.map((s) => s.id),
      [
        versionId('server', 'node-server', '9.7.1'),
        versionId('server', 'node-server', '9.5.0'),
        versionId('server', 'go-server', '6.2.1'),
        'other',
      ],
    );
    assert.equal(seriesLabel(series[3]!), 'Other (3 series)');
    assert.deepEqual(Array.from(series[3]!.values), [5 + 30 + 9, 6 + 7 + 20, 40 + 8 + 11]);
  });

  test('with the focused series drawn, a single leftover is drawn too rather than folded', () => {
    const series = chartSeries(sixVersions(), { ...base, topN: 4, focusId: versionId('server', 'go-server', '6.2.1') });
    assert.ok(!series.some((s) => s.isOther));
    assert.equal(series.length, 6);
    assert.equal(series[4]!.id, versionId('server', 'go-server', '6.2.1'));
  });

  test('a focus already in the top N changes nothing', () => {
    const plain = chartSeries(sixVersions(), { ...base, topN: 2 });
    assert.deepEqual(chartSeries(sixVersions(), { ...base, topN: 2, focusId: versionId('server', 'node-server', '9.7.1') }), plain);
  });

  test('draws at least one series whatever topN says', () => {
    const series = chartSeries(sixVersions(), { ...base, topN: 0 });
    assert.equal(series.length, 2);
    assert.equal(seriesLabel(series[1]!), 'Other (5 series)');
    assert.equal(chartSeries(sixVersions(), { ...base, topN: 1.9 }).length, 2);
  });

  test("groupBy sdk sums each SDK's versions", () => {
    const series = chartSeries(sixVersions(), { ...base, groupBy: 'sdk', topN: 10 });
    assert.deepEqual(
      series.map((s) => [s.id, seriesLabel(s), Array.from(s.values), s.peak]),
      [
        [sdkId('server', 'node-server'), 'node-server', [68, 57, 46], 68],
        [sdkId('server', 'go-server'), 'go-server', [51, 40, 29], 51],
      ],
    );
  });

  test('outdatedOnly keeps only versions a minor or major behind', () => {
    const model = sixVersions();
    const ids = chartSeries(model, { groupBy: 'version', outdatedOnly: true, topN: 50 })
      .map((s) => s.id)
      .sort();
    assert.deepEqual(ids, [
      versionId('server', 'go-server', '6.2.1'),
      versionId('server', 'go-server', '7.1.2'),
      versionId('server', 'node-server', '8.11.2'),
      versionId('server', 'node-server', '9.5.0'),
    ]);
    assert.deepEqual(
      ids,
      model.versions
        .filter(isOutdated)
        .map((v) => v.id)
        .sort(),
    );
    const bySdk = chartSeries(model, { groupBy: 'sdk', outdatedOnly: true, topN: 50 });
    const go = bySdk.find((s) => s.id === sdkId('server', 'go-server'))!;
    assert.deepEqual([Array.from(go.values), go.peak], [[9 + 12, 20 + 13, 11 + 10], 33]);
  });

  test('labels series with their source when both sources are shown', () => {
    const model = buildUsageModel(
      [answer('server', hours(1), [['node-server', '9.7.1', [1]]]), answer('client', hours(1), [['react', '3.3.1', [2]]])],
      'hourly',
    );
    assert.deepEqual(chartSeries(model, { ...base, topN: 10 }).map(seriesLabel), ['react 3.3.1 (client)', 'node-server 9.7.1 (server)']);
    assert.deepEqual(chartSeries(model, { ...base, groupBy: 'sdk', topN: 10 }).map(seriesLabel), [
      'react (client)',
      'node-server (server)',
    ]);
  });
});
