/**
 * Building the usage model: series → versions and SDKs, their stats, cells and estimated health;
 * pinned by examples, and held to a plain dense reference model (test/support/referenceModel.ts)
 * on generated inputs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SeriesDescriptor, SeriesList, StreamSource } from '../../src/api/parse';
import { buildUsageModel } from '../../src/model/modelBuild';
import { sdkId, versionId } from '../../src/model/rowIds';
import type { Granularity } from '../../src/model/timeRange';
import { seededRandom } from '../support/random';
import { modelAsReference, referenceModel, sourceAnswer, type DenseAnswer } from '../support/referenceModel';
import { seriesList, valuesOf } from '../support/seriesLists';
import { HOUR, T0, answer, hours, version } from '../support/usageAnswers';

describe('buildUsageModel', () => {
  test('computes latest, peak and average per version', () => {
    const model = buildUsageModel([answer('server', hours(4), [['node-server', '9.7.1', [2, 9, 4, 5]]])], 'hourly');
    const v = version(model, versionId('server', 'node-server', '9.7.1'));
    assert.equal(v.latest, 5);
    assert.equal(v.peak, 9);
    assert.equal(v.average, 5);
    assert.deepEqual(valuesOf(model, v), [2, 9, 4, 5]);
    assert.equal(v.source, 'server');
    assert.equal(model.granularity, 'hourly');
    assert.deepEqual(model.times, hours(4));
  });

  test("an SDK's peak is the peak of its summed versions, not the sum of their peaks", () => {
    const model = buildUsageModel(
      [
        answer('server', hours(3), [
          ['go-server', '7.4.0', [10, 0, 1]],
          ['go-server', '7.1.2', [0, 10, 2]],
        ]),
      ],
      'hourly',
    );
    assert.equal(model.sdks.length, 1);
    const sdk = model.sdks[0]!;
    assert.equal(sdk.id, sdkId('server', 'go-server'));
    assert.equal(sdk.latest, 3);
    assert.equal(sdk.peak, 10);
    assert.equal(sdk.newest, '7.4.0');
    assert.equal(model.latestTotal, 3);
  });

  test('lists versions newest first within each SDK and SDKs by source, then name ignoring case', () => {
    const model = buildUsageModel(
      [
        answer('server', hours(1), [
          ['node-server', '9.5.0', [1]],
          ['node-server', '10.0.0', [1]],
          ['node-server', 'Unknown', [1]],
          ['node-server', '9.10.1', [1]],
          ['node-server', '9.7.1', [1]],
          ['Go-server', '7.4.0', [1]],
          ['dotnet-server', '8.5.0', [1]],
        ]),
        answer('client', hours(1), [['android', '5.5.0', [1]]]),
      ],
      'hourly',
    );
    assert.deepEqual(
      model.sdks.map((s) => s.id),
      [sdkId('client', 'android'), sdkId('server', 'dotnet-server'), sdkId('server', 'Go-server'), sdkId('server', 'node-server')],
    );
    assert.deepEqual(
      model.sdks[3]!.versions.map((v) => v.version),
      ['10.0.0', '9.10.1', '9.7.1', '9.5.0', 'Unknown'],
    );
    assert.deepEqual(
      model.versions,
      model.sdks.flatMap((s) => s.versions),
      'versions in tree order',
    );
  });

  test('merges both sources with different time grids on the union of their times', () => {
    const model = buildUsageModel(
      [
        answer('server', [T0, T0 + HOUR, T0 + 2 * HOUR], [['node-server', '9.7.1', [1, 2, 3]]]),
        answer('client', [T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR], [['node-server', '9.7.1', [10, 20, 30]]]),
      ],
      'hourly',
    );
    assert.deepEqual(model.sources, ['server', 'client']);
    assert.deepEqual(model.times, [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    assert.deepEqual(valuesOf(model, version(model, versionId('server', 'node-server', '9.7.1'))), [1, 2, 3, 0]);
    assert.deepEqual(valuesOf(model, version(model, versionId('client', 'node-server', '9.7.1'))), [0, 10, 20, 30]);
    assert.equal(model.sdks.length, 2, 'the same SDK name in two sources stays two SDKs');
  });

  test('aligns interleaved grids point by point', () => {
    const model = buildUsageModel(
      [
        answer('server', [T0, T0 + 2 * HOUR], [['a', '1.0.0', [1, 3]]]),
        answer('client', [T0 + HOUR, T0 + 3 * HOUR], [['b', '1.0.0', [2, 4]]]),
      ],
      'hourly',
    );
    assert.deepEqual(model.times, hours(4));
    assert.deepEqual(valuesOf(model, version(model, versionId('server', 'a', '1.0.0'))), [1, 0, 3, 0]);
    assert.deepEqual(valuesOf(model, version(model, versionId('client', 'b', '1.0.0'))), [0, 2, 0, 4]);
  });

  test('sums a series the answer repeats for the same SDK and version', () => {
    const model = buildUsageModel(
      [
        answer('server', hours(2), [
          ['ruby-server', '8.6.0', [1, 2]],
          ['ruby-server', '8.6.0', [10, 20]],
          ['ruby-server', '7.3.1', [5, 5]],
        ]),
      ],
      'hourly',
    );
    assert.equal(model.versions.length, 2);
    assert.deepEqual(valuesOf(model, version(model, versionId('server', 'ruby-server', '8.6.0'))), [11, 22]);
    assert.equal(model.latestTotal, 27);
  });

  test('health shares add up to the latest total and count versions per status', () => {
    const model = buildUsageModel(
      [
        answer('server', hours(2), [
          ['node-server', '9.7.1', [5, 40]],
          ['node-server', '9.5.0', [5, 30]],
          ['node-server', '8.11.2', [5, 20]],
          ['node-server', '6.2.0', [5, 0]],
          ['node-server', 'Unknown', [5, 10]],
        ]),
      ],
      'hourly',
    );
    assert.equal(model.latestTotal, 100);
    const byStatus = Object.fromEntries(model.health.map((h) => [h.status, h]));
    assert.deepEqual(
      model.health.map((h) => h.status),
      ['current', 'minorBehind', 'majorBehind', 'unknown'],
    );
    assert.deepEqual(byStatus.current, { status: 'current', connections: 40, share: 0.4, versions: 1 });
    assert.deepEqual(byStatus.minorBehind, { status: 'minorBehind', connections: 30, share: 0.3, versions: 1 });
    assert.deepEqual(byStatus.majorBehind, { status: 'majorBehind', connections: 20, share: 0.2, versions: 2 });
    assert.deepEqual(byStatus.unknown, { status: 'unknown', connections: 10, share: 0.1, versions: 1 });
    assert.equal(
      model.health.reduce((sum, h) => sum + h.connections, 0),
      model.latestTotal,
    );
  });

  test('health shares sum to the latest total for random models', () => {
    const versionArb = fc.constantFrom('1.0.0', '1.2.0', '2.0.0', '2.1.0-rc.1', 'Unknown', 'main', 'v3');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), versionArb, fc.array(fc.nat(1000), { minLength: 3, maxLength: 3 })), {
          maxLength: 10,
        }),
        (rows) => {
          const model = buildUsageModel([answer('server', hours(3), rows)], 'hourly');
          const total = model.health.reduce((sum, h) => sum + h.connections, 0);
          assert.equal(total, model.latestTotal);
          assert.equal(
            model.health.reduce((sum, h) => sum + h.versions, 0),
            model.versions.length,
          );
          if (model.latestTotal > 0) assert.ok(Math.abs(model.health.reduce((sum, h) => sum + h.share, 0) - 1) < 1e-9);
          assert.equal(
            model.latestTotal,
            model.sdks.reduce((sum, s) => sum + s.latest, 0),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  test('versions seen lately (sdkversions) set the newest, making an older minor "minorBehind"', () => {
    const model = buildUsageModel(
      [
        answer(
          'server',
          hours(1),
          [
            ['node-server', '9.7.1', [5]],
            ['python-server', '9.4.0', [3]],
          ],
          [
            { sdk: 'node-server', version: '9.8.0' },
            { sdk: 'node-server', version: '9.7.1' },
            { sdk: 'java-server', version: '8.0.0' },
          ],
        ),
        answer('client', hours(1), [['js-client', '3.4.0', [1]]], [{ sdk: 'python-server', version: '10.0.0' }]),
      ],
      'hourly',
    );
    const node = version(model, versionId('server', 'node-server', '9.7.1'));
    assert.deepEqual(node.health, { status: 'minorBehind', behind: 1, newest: '9.8.0' });
    assert.equal(model.sdks.find((s) => s.sdk === 'node-server')!.newest, '9.8.0');
    assert.equal(
      version(model, versionId('server', 'python-server', '9.4.0')).health.status,
      'current',
      "another source's versions do not count",
    );
    assert.ok(!model.sdks.some((s) => s.sdk === 'java-server'), 'a version seen lately with no series adds no row');
  });

  test('merges 80,000 versions seen lately of one SDK in linear time', { timeout: 10_000 }, () => {
    // Copying the list on every push took minutes at this size (quadratic); the newest must still win.
    const known = Array.from({ length: 80_000 }, (_, i) => ({ sdk: 'node-server', version: `${Math.floor(i / 1000)}.${i % 1000}.0` }));
    known.push({ sdk: 'node-server', version: '80.0.0-rc.1' }, { sdk: 'other', version: '99.0.0' });
    const model = buildUsageModel(
      [
        answer(
          'server',
          hours(1),
          [
            ['node-server', '79.999.0', [4]],
            ['node-server', '3.0.0', [1]],
          ],
          known,
        ),
      ],
      'hourly',
    );
    assert.equal(model.sdks[0]!.newest, '79.999.0', 'the newest release; a pre-release of a later one does not count');
    assert.deepEqual(
      model.versions.map((v) => [v.version, v.health.status, v.health.behind]),
      [
        ['79.999.0', 'current', 0],
        ['3.0.0', 'majorBehind', 76],
      ],
    );
  });

  test('an empty answer gives an empty model', () => {
    const model = buildUsageModel([answer('server', [], [])], 'daily');
    assert.deepEqual(model.times, []);
    assert.deepEqual(model.versions, []);
    assert.equal(model.latestTotal, 0);
    for (const h of model.health) assert.deepEqual([h.connections, h.share, h.versions], [0, 0, 0]);
  });

  test('a series with no points reads as zero', () => {
    const model = buildUsageModel([answer('client', [], [['ios', '9.6.1', []]])], 'daily');
    assert.deepEqual([model.versions[0]!.latest, model.versions[0]!.peak, model.versions[0]!.average], [0, 0, 0]);
  });
});

describe('buildUsageModel: examples, and a dense reference on generated answers', () => {
  const list = (times: number[], series: [string, string, number[]][]): SeriesList =>
    seriesList(
      times,
      series.map(([sdk, version, values]) => ({ sdk, version, values })),
    );

  test('one source: values, stats, SDK totals, version order, health and shares', () => {
    const model = buildUsageModel(
      [
        {
          source: 'server',
          list: list(
            [T0, T0 + 60_000, T0 + 120_000],
            [
              ['node-server', '9.7.1', [1, 5, 3]],
              ['node-server', '10.0.0', [4, 0, 2]],
              ['go-server-sdk', '7.4.0', [0, 0, 0]],
            ],
          ),
        },
      ],
      'minutely',
    );
    assert.deepEqual(model.times, [T0, T0 + 60_000, T0 + 120_000]);
    assert.deepEqual(model.sources, ['server']);
    assert.deepEqual(
      model.versions.map((v) => [v.id, valuesOf(model, v), v.latest, v.peak, v.average, v.health.status]),
      [
        [versionId('server', 'go-server-sdk', '7.4.0'), [0, 0, 0], 0, 0, 0, 'current'],
        [versionId('server', 'node-server', '10.0.0'), [4, 0, 2], 2, 4, 2, 'current'],
        [versionId('server', 'node-server', '9.7.1'), [1, 5, 3], 3, 5, 3, 'majorBehind'],
      ],
    );
    assert.deepEqual(
      model.sdks.map((s) => [s.id, s.latest, s.peak, s.newest]),
      [
        [sdkId('server', 'go-server-sdk'), 0, 0, '7.4.0'],
        [sdkId('server', 'node-server'), 5, 5, '10.0.0'],
      ],
    );
    assert.equal(model.latestTotal, 5);
    assert.deepEqual(
      model.health.find((h) => h.status === 'majorBehind'),
      { status: 'majorBehind', connections: 3, share: 0.6, versions: 1 },
    );
    assert.equal(model.cells.values.length, 5, 'only the non-zero values are kept');
  });

  test('sums repeated versions and aligns sources with different times', () => {
    const model = buildUsageModel(
      [
        {
          source: 'server',
          list: list(
            [1, 3],
            [
              ['a', '1.0.0', [1, 0]],
              ['a', '1.0.0', [2, 5]],
            ],
          ),
        },
        { source: 'client', list: list([2, 3], [['a', '1.0.0', [7, 8]]]), knownVersions: [{ sdk: 'a', version: '2.0.0' }] },
      ],
      'hourly',
    );
    assert.deepEqual(model.times, [1, 2, 3]);
    const [client, server] = model.versions;
    assert.deepEqual(
      [client!.id, valuesOf(model, client!), client!.health.status],
      [versionId('client', 'a', '1.0.0'), [0, 7, 8], 'majorBehind'],
    );
    assert.deepEqual([server!.id, valuesOf(model, server!)], [versionId('server', 'a', '1.0.0'), [3, 0, 5]]);
    const single = buildUsageModel([{ source: 'server', list: list([1, 2], [['a', '1', [0, 4]]]) }], 'daily');
    assert.deepEqual([single.sdks[0]!.latest, single.sdks[0]!.peak, single.versions[0]!.average], [4, 4, 2]);
  });

  test('counts what the answers left out', () => {
    const model = buildUsageModel(
      [
        { source: 'server', list: seriesList([T0], [{ sdk: 'a', version: '1', values: [1] }], { ignoredValues: 2, droppedTimes: 1 }) },
        { source: 'client', list: seriesList([T0 + 1], [], { ignoredValues: 1 }) },
      ],
      'minutely',
    );
    assert.deepEqual([model.ignoredValues, model.droppedTimes], [3, 1]);
  });

  test("gives the dense reference's results on 600 generated inputs", () => {
    // Generated answers of one or two sources (some repeated), shared or different times, repeated
    // versions, zeros and the largest safe integers, versions seen lately or not.
    const SDKS = ['node-server', 'go-server-sdk', 'Unknown', 'python', 'java', 'Ruby', 'ruby'];
    const VERSIONS = ['9.7.1', '9.8.0', '10.0.0', '7.4.0', '7.4', 'v7.5.1', '2.0.0-rc.1', 'Unknown', 'main', 'Main', '1', '8.0.0+build.5'];
    const SOURCES: StreamSource[] = ['server', 'client'];
    const GRANULARITIES: Granularity[] = ['minutely', 'hourly', 'daily'];
    const modelInputs = (seed: number): { answers: DenseAnswer[]; granularity: Granularity } => {
      const random = seededRandom(seed);
      const int = (n: number) => Math.floor(random() * n);
      const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
      const big = seed % 5 === 0;
      const sources: StreamSource[] = int(3) === 0 ? ['server', 'client'] : [pick(SOURCES)];
      if (int(6) === 0) sources.push(sources[0]!);
      const baseTimes = Array.from({ length: int(big ? 40 : 6) }, (_, i) => 1_677_888_000_000 + i * 60_000);
      const answers = sources.map((source): DenseAnswer => {
        const times = int(3) === 0 ? baseTimes.filter(() => int(3) > 0).map((t) => t + (int(2) ? 0 : 30_000)) : baseTimes;
        const series = Array.from({ length: int(big ? 40 : 7) }, () => ({
          sdk: pick(SDKS),
          version: big ? `${int(4)}.${int(3)}.${int(2)}` : pick(VERSIONS),
          values: times.map(() => {
            const r = int(12);
            return r < 4 ? 0 : r === 4 ? Number.MAX_SAFE_INTEGER - int(3) : int(20_000);
          }),
        }));
        const knownVersions: SeriesDescriptor[] | undefined = int(2)
          ? undefined
          : Array.from({ length: int(4) }, () => ({ sdk: pick(SDKS), version: pick(VERSIONS) }));
        return { source, times: [...times].sort((a, b) => a - b), series, knownVersions };
      });
      return { answers, granularity: pick(GRANULARITIES) };
    };
    for (let seed = 1; seed <= 600; seed++) {
      const { answers, granularity } = modelInputs(seed);
      const model = buildUsageModel(answers.map(sourceAnswer), granularity);
      assert.deepStrictEqual(modelAsReference(model), referenceModel(answers), `seed ${seed}`);
      for (const v of model.versions) {
        for (let c = v.cellStart + 1; c < v.cellEnd; c++)
          assert.ok(model.cells.slots[c]! > model.cells.slots[c - 1]!, 'cells ascending by slot');
      }
    }
  });
});
