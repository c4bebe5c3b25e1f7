/**
 * The pure layers: the usage model, health, version order, chart data, exports, formatting, time
 * ranges, the webview protocol guards, redaction and the base URL check.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UNKNOWN, type SeriesDescriptor, type SeriesList, type StreamSource } from '../../src/api/parse';
import { DEFAULT_BASE_URL, checkBaseUrl, isLoopbackHost } from '../../src/api/baseUrl';
import { buildUsageModel, sdkId, versionId, type SourceAnswer, type UsageModel } from '../../src/model/usageModel';
import { describeHealth, newestVersion, versionHealth } from '../../src/model/health';
import { comparePlainNewestFirst, compareVersionsNewestFirst, parsedFromRank, parseVersion, plainRank } from '../../src/model/versionOrder';
import { modelAsReference, referenceModel, sourceAnswer, type DenseAnswer } from '../support/referenceModel';
import { seededRandom } from '../support/random';
import { chartSeries, isOutdated } from '../../src/model/chartData';
import { EXPORT_COLUMNS, MAX_DENSE_EXPORT_ROWS, exportsEveryBucket, summaryMarkdown, toCsv, toJson } from '../../src/model/export';
import { formatCount, formatPercent, granularityLabel, isoInZone } from '../../src/model/format';
import {
  RANGE_PRESETS,
  TimeRangeError,
  formatInputDate,
  granularityFor,
  isRangePreset,
  parseDateInput,
  presetLabel,
  resolveTimeRange,
  resolveTimeZone,
} from '../../src/model/timeRange';
import { describeFilter, isSourceSelection, type LoadedQuery } from '../../src/model/query';
import { sourceLabel } from '../../src/presentation/labels';
import { isHostMessage, isWebviewMessage } from '../../src/protocol';
import { redact } from '../../src/redact';
import { RENDERERS, decodeHtml, renderedTable } from '../support/markdown';
import { seriesList, valuesOf } from '../support/seriesLists';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 2, 10, 0, 0, 0);

type Row = [sdk: string, version: string, values: number[]];

function list(times: number[], rows: Row[]): SeriesList {
  return seriesList(
    times,
    rows.map(([sdk, version, values]) => ({ sdk, version, values })),
  );
}

function answer(source: StreamSource, times: number[], rows: Row[], knownVersions?: SeriesDescriptor[]): SourceAnswer {
  return knownVersions ? { source, list: list(times, rows), knownVersions } : { source, list: list(times, rows) };
}

const hours = (n: number, start = T0) => Array.from({ length: n }, (_, i) => start + i * HOUR);

function version(model: UsageModel, id: string) {
  const found = model.versions.find((v) => v.id === id);
  assert.ok(found, `no version ${id} in ${model.versions.map((v) => v.id).join(', ')}`);
  return found;
}

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

describe('health', () => {
  test('newestVersion compares numerically and ignores what is not a version', () => {
    assert.equal(newestVersion(['1.2.3', '1.10.0', '1.9.9']), '1.10.0');
    assert.equal(newestVersion(['9.9.9', '10.0.0']), '10.0.0');
    assert.equal(newestVersion(['Unknown', 'main', '2.0.0', 'nightly']), '2.0.0');
    assert.equal(newestVersion(['Unknown', 'main']), undefined);
    assert.equal(newestVersion([]), undefined);
  });

  test('newestVersion prefers a release over a newer pre-release, unless only pre-releases exist', () => {
    assert.equal(newestVersion(['2.0.0-rc.1', '1.9.0']), '1.9.0');
    assert.equal(newestVersion(['2.0.0-beta.2', '2.0.0-rc.1', '2.0.0-beta.10']), '2.0.0-rc.1');
    assert.equal(newestVersion(['2.0.0-beta.2', '2.0.0-beta.10']), '2.0.0-beta.10');
  });

  test('newestVersion reads build metadata and a v prefix', () => {
    assert.equal(newestVersion(['1.2.2', '1.2.3+build.5']), '1.2.3+build.5');
    assert.equal(newestVersion(['v1.4', '1.3.9']), 'v1.4');
  });

  test('versionHealth: same major and minor is current, whatever the patch', () => {
    assert.deepEqual(versionHealth('9.7.1', '9.7.1'), { status: 'current', behind: 0, newest: '9.7.1' });
    assert.deepEqual(versionHealth('9.7.0', '9.7.4'), { status: 'current', behind: 0, newest: '9.7.4' });
    assert.deepEqual(versionHealth('2.1.0-rc.1', '2.1.0'), { status: 'current', behind: 0, newest: '2.1.0' });
    assert.deepEqual(versionHealth('1.2.3+build.7', '1.2.3'), { status: 'current', behind: 0, newest: '1.2.3' });
  });

  test('versionHealth counts minors and majors behind', () => {
    assert.deepEqual(versionHealth('9.5.0', '9.8.0'), { status: 'minorBehind', behind: 3, newest: '9.8.0' });
    assert.deepEqual(versionHealth('7.0.4', '9.7.1'), { status: 'majorBehind', behind: 2, newest: '9.7.1' });
    assert.deepEqual(versionHealth('8.99.0', '9.0.0'), { status: 'majorBehind', behind: 1, newest: '9.0.0' });
    assert.deepEqual(versionHealth('v9.9', '9.10.0'), { status: 'minorBehind', behind: 1, newest: '9.10.0' });
    assert.deepEqual(versionHealth('2.0.0-rc.1', '1.9.0'), { status: 'current', behind: 0, newest: '1.9.0' }, 'ahead is not behind');
  });

  test('versionHealth is unknown for "Unknown", non-semantic versions and no reference', () => {
    assert.equal(versionHealth(UNKNOWN, '9.7.1').status, 'unknown');
    assert.equal(versionHealth('main-4f2a', '9.7.1').status, 'unknown');
    assert.equal(versionHealth('9.7.1', undefined).status, 'unknown');
    assert.equal(versionHealth('9.7.1', 'latest').status, 'unknown');
  });

  test('describeHealth says how far behind, with singular and plural', () => {
    assert.equal(describeHealth({ status: 'current', behind: 0, newest: '9.7.1' }), 'Current (newest seen: 9.7.1)');
    assert.equal(describeHealth({ status: 'minorBehind', behind: 1, newest: '9.8.0' }), '1 minor version behind 9.8.0');
    assert.equal(describeHealth({ status: 'majorBehind', behind: 3, newest: '9.8.0' }), '3 major versions behind 9.8.0');
    assert.match(describeHealth({ status: 'unknown', behind: 0, newest: undefined }), /not comparable/);
  });
});

describe('versionOrder', () => {
  const sorted = (versions: string[]) => [...versions].sort(compareVersionsNewestFirst);

  test('orders semantic versions numerically, newest first', () => {
    assert.deepEqual(sorted(['9.9.9', '10.0.0', '9.10.0', '1.0.0']), ['10.0.0', '9.10.0', '9.9.9', '1.0.0']);
    assert.deepEqual(sorted(['9.9', '9.10']), ['9.10', '9.9']);
    assert.deepEqual(sorted(['2', '10', '1.5']), ['10', '2', '1.5']);
  });

  test('reads a v prefix like the bare version', () => {
    assert.deepEqual(sorted(['v9.9.0', '10.0.0', 'v9.11.0']), ['10.0.0', 'v9.11.0', 'v9.9.0']);
  });

  test('puts a pre-release below its release and orders pre-releases by semver rules', () => {
    assert.deepEqual(sorted(['2.0.0-beta.2', '2.0.0', '2.0.0-rc.1', '2.0.0-beta.10', '2.0.0-beta', '2.0.0-alpha', '1.9.9']), [
      '2.0.0',
      '2.0.0-rc.1',
      '2.0.0-beta.10',
      '2.0.0-beta.2',
      '2.0.0-beta',
      '2.0.0-alpha',
      '1.9.9',
    ]);
    assert.ok(compareVersionsNewestFirst('1.0.0-1', '1.0.0-alpha') > 0, 'numeric identifiers rank below alphanumeric ones');
  });

  test('ignores build metadata for order', () => {
    assert.deepEqual(sorted(['1.2.3+build.9', '1.2.4', '1.2.2+zzz']), ['1.2.4', '1.2.3+build.9', '1.2.2+zzz']);
  });

  test('puts non-semantic versions after semantic ones, and "Unknown" last', () => {
    const result = sorted(['Unknown', 'main', '1.0.0', 'build-9', '10.0.0', 'build-10']);
    assert.deepEqual(result.slice(0, 2), ['10.0.0', '1.0.0']);
    assert.deepEqual(new Set(result.slice(2, 5)), new Set(['main', 'build-9', 'build-10']));
    assert.ok(result.indexOf('build-10') < result.indexOf('build-9'), 'natural order, newest first');
    assert.equal(result.at(-1), 'Unknown');
  });

  test('parseVersion reads lenient semver and refuses the rest', () => {
    assert.deepEqual(parseVersion('v1.2'), { major: 1, minor: 2, patch: 0, prerelease: [] });
    assert.deepEqual(parseVersion(' 3 '), { major: 3, minor: 0, patch: 0, prerelease: [] });
    assert.deepEqual(parseVersion('2.0.0-rc.1+build.5'), { major: 2, minor: 0, patch: 0, prerelease: ['rc', 1] });
    for (const text of ['Unknown', '', 'main', '1.2.3.4', '1..2', 'x1.2.3', '1.2.3-']) assert.equal(parseVersion(text), undefined, text);
  });

  test('parseVersion reads plain versions without its expression exactly as the expression reads them', () => {
    const SEMVER_LIKE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
    const byExpression = (text: string) => {
      const m = SEMVER_LIKE.exec(text.trim());
      return m
        ? {
            major: Number(m[1]),
            minor: Number(m[2] ?? 0),
            patch: Number(m[3] ?? 0),
            prerelease: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
          }
        : undefined;
    };
    for (const text of [
      '1',
      'v1.2',
      '01.02.3',
      '123456789012345.1.1',
      '1234567890123456789.1',
      '1.',
      '.1',
      'v',
      ' 1.2',
      '1.2 ',
      '1.2.3.4',
      '1.2.3-rc.1',
      '9007199254740993',
    ]) {
      assert.deepEqual(parseVersion(text), byExpression(text), text);
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'v', '-', '+', ' ', 'a', '\u0000'), maxLength: 24 }), (text) => {
        assert.deepEqual(parseVersion(text), byExpression(text), text);
      }),
      { numRuns: 3_000 },
    );
  });

  test('ranks plain releases in the order of their parse, and leaves the rest (and parts too large to pack) to the parse', () => {
    const ranked = ['1', 'v1.2', '01.02.3', '2097151.65535.65535', '0.0.0'];
    const notRanked = [
      '2097152.0.0',
      '1.65536.0',
      '1.2.65536',
      '123456789.1.1',
      '1.2.3-rc.1',
      '1.2.3+b',
      ' 1.2',
      'Unknown',
      '',
      'v',
      '1.',
      '1.2.3.4',
    ];
    for (const text of ranked) assert.deepEqual(parsedFromRank(plainRank(text)), parseVersion(text), text);
    for (const text of notRanked) assert.ok(Number.isNaN(plainRank(text)), text);
    const part = fc.oneof(fc.nat(9), fc.constantFrom(65_535, 65_536, 2_097_151, 2_097_152));
    fc.assert(
      fc.property(fc.tuple(part, part, part, fc.boolean()), fc.tuple(part, part, part, fc.boolean()), ([a, b, c, va], [x, y, z, vx]) => {
        const p = `${va ? 'v' : ''}${a}.${b}.${c}`;
        const q = `${vx ? 'v' : ''}${x}.${y}.${z}`;
        const [rp, rq] = [plainRank(p), plainRank(q)];
        if (rp === rp && rq === rq)
          assert.equal(Math.sign(comparePlainNewestFirst(rp, p, rq, q)), Math.sign(compareVersionsNewestFirst(p, q)), `${p} ${q}`);
      }),
      { numRuns: 2_000 },
    );
  });

  test('models versions on both sides of the packing limits as the dense reference does', () => {
    const versions = [
      '2097151.65535.65535',
      '2097152.0.0',
      '1.65535.0',
      '1.65536.0',
      '01.2.3',
      '1.2.3',
      'v1.2.3',
      '1.2.3-rc.1',
      '1.2.3+b',
      '1.2',
      'main',
      'Main',
      'Unknown',
      '1.2.3',
    ];
    const answers: DenseAnswer[] = [
      {
        source: 'server',
        times: [T0, T0 + 60_000],
        series: versions.map((version, i) => ({ sdk: i % 2 ? 'go' : 'Go', version, values: [i, i % 3] })),
      },
      {
        source: 'server',
        times: [T0 + 60_000],
        series: [{ sdk: 'go', version: '1.65536.0', values: [5] }],
        knownVersions: [{ sdk: 'Go', version: '2097152.0.1-rc.1' }],
      },
    ];
    for (const order of [answers, [answers[0]!]]) {
      assert.deepStrictEqual(modelAsReference(buildUsageModel(order.map(sourceAnswer), 'minutely')), referenceModel(order));
    }
  });

  test('orders large SDKs of plain releases as the dense reference does, whether their ranks pack with their places or not', () => {
    const random = seededRandom(17);
    const shuffled = (versions: string[]) =>
      versions
        .map((v) => [random(), v] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, v]) => v);
    const sdks: Record<string, string[]> = {
      // Distinct ranks that pack with 4,096 places.
      packed: shuffled(Array.from({ length: 3_000 }, (_, i) => `${i % 300}.${Math.floor(i / 300)}.${i % 7}`)),
      // Majors too large to pack.
      large: shuffled(Array.from({ length: 50 }, (_, i) => `${2_097_151 - i}.${i}.0`)),
      // Equal ranks under different names.
      tied: shuffled(['1.2', '1.2.0', 'v1.2.0', '1.10', '0.9', '2']),
    };
    const answers: DenseAnswer[] = [
      {
        source: 'server',
        times: [T0, T0 + 60_000],
        series: Object.entries(sdks).flatMap(([sdk, versions]) => versions.map((version, i) => ({ sdk, version, values: [i + 1, i % 3] }))),
      },
    ];
    assert.deepStrictEqual(modelAsReference(buildUsageModel(answers.map(sourceAnswer), 'minutely')), referenceModel(answers));
  });

  test('is a consistent comparator (antisymmetric, transitive, reflexive) for any strings', () => {
    const versionLike = fc.oneof(
      fc.constantFrom(
        'Unknown',
        'main',
        '1.0.0',
        'v1.0.0',
        '1.0',
        '1.0.0+b',
        '1.0.0-rc.1',
        '1.0.0-rc.2',
        '1.0.0-1',
        '10.0.0',
        '9.10',
        '9.9.9',
      ),
      fc.tuple(fc.nat(12), fc.nat(12), fc.nat(12)).map(([a, b, c]) => `${a}.${b}.${c}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(versionLike, versionLike, versionLike, (a, b, c) => {
        assert.equal(compareVersionsNewestFirst(a, a), 0);
        assert.equal(Math.sign(compareVersionsNewestFirst(a, b)), -Math.sign(compareVersionsNewestFirst(b, a)) || 0);
        if (compareVersionsNewestFirst(a, b) < 0 && compareVersionsNewestFirst(b, c) < 0) {
          assert.ok(compareVersionsNewestFirst(a, c) < 0, `${a} < ${b} < ${c}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});

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
    assert.equal(other.label, 'Other (3 series)');
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
    assert.equal(series[3]!.label, 'Other (3 series)');
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
    assert.equal(series[1]!.label, 'Other (5 series)');
    assert.equal(chartSeries(sixVersions(), { ...base, topN: 1.9 }).length, 2);
  });

  test("groupBy sdk sums each SDK's versions", () => {
    const series = chartSeries(sixVersions(), { ...base, groupBy: 'sdk', topN: 10 });
    assert.deepEqual(
      series.map((s) => [s.id, s.label, Array.from(s.values), s.peak]),
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
    assert.deepEqual(
      chartSeries(model, { ...base, topN: 10 }).map((s) => s.label),
      ['react 3.3.1 (client)', 'node-server 9.7.1 (server)'],
    );
    assert.deepEqual(
      chartSeries(model, { ...base, groupBy: 'sdk', topN: 10 }).map((s) => s.label),
      ['react (client)', 'node-server (server)'],
    );
  });
});

describe('export', () => {
  const loaded: LoadedQuery = {
    source: 'server',
    rangeLabel: 'Last 24 hours',
    from: T0 - DAY,
    to: T0 + 2 * HOUR,
    granularity: 'hourly',
    timeZone: 'Europe/Berlin',
    filter: { sdk: 'node|server' },
  };

  function awkwardModel(): UsageModel {
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

  /** RFC 4180 reader for the test: returns rows of cells. */
  function readCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        row.push(cell);
        cell = '';
      } else if (ch === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else cell += ch;
    }
    assert.equal(cell, '', 'ends with CRLF');
    return rows;
  }

  test('CSV has the export columns, one row per version and time, CRLF line ends', () => {
    const model = awkwardModel();
    const text = toCsv(model, 'UTC');
    assert.ok(text.endsWith('\r\n'));
    const rows = readCsv(text);
    assert.deepEqual(rows[0], [...EXPORT_COLUMNS]);
    assert.deepEqual(EXPORT_COLUMNS, [
      'time_iso',
      'time_ms',
      'source',
      'sdk',
      'version',
      'connections',
      'health',
      'health_source',
      'target_version',
      'projects',
      'environments',
      'applications',
      'connection',
    ]);
    assert.equal(rows.length - 1, model.versions.length * model.times.length);
    for (const row of rows) assert.equal(row.length, EXPORT_COLUMNS.length);
    const first = rows.find((r) => r[3] === 'node|server')!;
    // Without LaunchDarkly's verdicts the health is the estimate and where it runs is empty.
    assert.deepEqual(first, [
      new Date(T0).toISOString().replace('.000Z', 'Z'),
      String(T0),
      'server',
      'node|server',
      '9.7.1',
      '1234',
      'Current (newest seen: 9.7.1)',
      'estimate',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  test('CSV times carry the offset of the zone the data was asked in', () => {
    const berlin = readCsv(toCsv(awkwardModel(), 'Europe/Berlin')).slice(1);
    const row = berlin.find((r) => r[1] === String(T0))!;
    assert.equal(Date.parse(row[0]!), T0, 'the ISO time names the same instant');
    assert.match(row[0]!, /[+-]0[12]:00$/);
  });

  test("isoInZone writes local time with the zone's offset, across daylight saving and half-hour zones", () => {
    assert.equal(isoInZone(Date.UTC(2026, 0, 15, 5), 'America/New_York'), '2026-01-15T00:00:00-05:00');
    assert.equal(isoInZone(Date.UTC(2026, 6, 15, 4), 'America/New_York'), '2026-07-15T00:00:00-04:00');
    assert.equal(isoInZone(Date.UTC(2026, 0, 14, 18, 30), 'Asia/Kolkata'), '2026-01-15T00:00:00+05:30');
    assert.equal(isoInZone(Date.UTC(2026, 0, 15), 'UTC'), '2026-01-15T00:00:00Z');
  });

  test('CSV quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    const rows = readCsv(toCsv(awkwardModel(), 'UTC')).slice(1);
    const sdks = new Set(rows.map((r) => r[3]));
    assert.ok(sdks.has('say "hi", all'), 'quotes and commas survive');
    assert.ok(sdks.has('multi\nline'), 'line breaks survive inside quotes');
    assert.ok(sdks.has('\'=HYPERLINK("http://x")'));
    assert.ok(sdks.has("'+cmd"));
    const versions = new Set(rows.map((r) => r[4]));
    assert.ok(versions.has("'-2.0"));
    assert.ok(versions.has("'@v1"));
    for (const row of rows) {
      assert.ok(!/^[=+\-@]/.test(row[3]!) && !/^[=+\-@]/.test(row[4]!), row.join(','));
      assert.match(row[1]!, /^\d+$/, 'numbers are written as numbers');
      assert.match(row[5]!, /^\d+$/);
    }
    assert.ok(toCsv(awkwardModel(), 'UTC').includes('"say ""hi"", all"'));
  });

  test('past MAX_DENSE_EXPORT_ROWS rows, exports write only the buckets with connections', () => {
    // 1,500 versions × 1,440 minutes, each with connections in two buckets: 2,160,000 dense rows.
    const times = Array.from({ length: 1_440 }, (_, p) => T0 + p * MINUTE);
    const rows: Row[] = Array.from({ length: 1_500 }, (_, i) => {
      const values = new Array<number>(times.length).fill(0);
      values[i % 1_440] = i + 1;
      values[1_439] = 2;
      return [`sdk-${i % 7}`, `1.${i}.0`, values];
    });
    const model = buildUsageModel([answer('server', times, rows)], 'minutely');
    assert.ok(model.versions.length * model.times.length > MAX_DENSE_EXPORT_ROWS);
    assert.equal(exportsEveryBucket(model), false);
    const csv = readCsv(toCsv(model, 'UTC')).slice(1);
    assert.equal(csv.length, model.cells.values.length);
    assert.ok(
      csv.every((r) => Number(r[5]) > 0),
      'no zero rows',
    );
    const sum = csv.reduce((total, r) => total + Number(r[5]), 0);
    assert.equal(
      sum,
      rows.reduce((total, [, , values]) => total + values.reduce((a, b) => a + b, 0), 0),
      'every connection is in the export',
    );
    const json = JSON.parse(toJson(model, loaded)) as { everyBucket: boolean; rows: unknown[][] };
    assert.deepEqual([json.everyBucket, json.rows.length], [false, csv.length]);
  });

  test('at or below MAX_DENSE_EXPORT_ROWS, exports write every bucket, zeros included, and say so', () => {
    const model = awkwardModel();
    assert.equal(exportsEveryBucket(model), true);
    assert.ok(
      readCsv(toCsv(model, 'UTC'))
        .slice(1)
        .some((r) => r[5] === '0'),
    );
    assert.equal((JSON.parse(toJson(model, loaded)) as { everyBucket: boolean }).everyBucket, true);
  });

  test('CSV of an empty model is just the header', () => {
    assert.equal(toCsv(buildUsageModel([], 'hourly'), 'UTC'), `${EXPORT_COLUMNS.join(',')}\r\n`);
  });

  test('JSON export carries the query, the columns and the same rows as the CSV', () => {
    const model = awkwardModel();
    const parsed = JSON.parse(toJson(model, loaded)) as { query: Record<string, unknown>; columns: string[]; rows: unknown[][] };
    assert.deepEqual(parsed.query, {
      ...loaded,
      fromIso: isoInZone(loaded.from, loaded.timeZone),
      toIso: isoInZone(loaded.to, loaded.timeZone),
    });
    assert.deepEqual(parsed.columns, [...EXPORT_COLUMNS]);
    assert.equal(parsed.rows.length, model.versions.length * model.times.length);
    assert.ok(
      parsed.rows.some(
        (r) =>
          JSON.stringify(r) ===
          JSON.stringify([
            isoInZone(T0, loaded.timeZone),
            T0,
            'server',
            '=HYPERLINK("http://x")',
            '1.0',
            4,
            'Current (newest seen: 1.0)',
            'estimate',
            '',
            '',
            '',
            '',
            '',
          ]),
      ),
    );
  });

  test('Markdown summary renders one row per version with every name as written, whatever it holds', () => {
    const model = awkwardModel();
    const md = summaryMarkdown(model, loaded);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[2], '| Source | SDK | Version | Latest | Peak | Average | Share | Health |');
    assert.equal(lines.length - 4, model.versions.length, 'a line break in a name does not add a line');
    for (const [name, render] of Object.entries(RENDERERS)) {
      const html = render(md);
      assert.match(decodeHtml(html), /Server-side SDKs, Last 24 hours \(hourly, Europe\/Berlin\), filter: node\|server/, name);
      const table = renderedTable(html)!;
      assert.equal(table.rows.length, model.versions.length, name);
      const rows = table.rows.map((cells) => cells.map(decodeHtml));
      for (const row of rows) assert.equal(row.length, 8, `${name}: ${row.join(' | ')}`);
      assert.deepEqual(rows.map((r) => r[1]).sort(), model.versions.map((v) => v.sdk.replace('\n', ' ')).sort(), name);
      assert.deepEqual(
        rows.find((r) => r[1] === 'node|server')!.slice(2),
        ['9.7.1', '3', '1,234', '413', '16%', 'Current (newest seen: 9.7.1) (estimate)'],
        name,
      );
    }
  });
});

describe('format', () => {
  test('formatCount groups thousands in the locale', () => {
    assert.equal(formatCount(12345), '12,345');
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(1234.6), '1,235');
    assert.equal(formatCount(12345, 'de-DE'), '12.345');
  });

  test('formatPercent rounds to whole percent, with one decimal below 1%', () => {
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(0.005), '0.5%');
    assert.equal(formatPercent(0.123), '12%');
    assert.equal(formatPercent(0.5), '50%');
    assert.equal(formatPercent(1), '100%');
  });

  test('granularityLabel names each bucket size', () => {
    assert.deepEqual((['minutely', 'hourly', 'daily'] as const).map(granularityLabel), ['per minute', 'hourly', 'daily']);
  });
});

describe('timeRange', () => {
  const now = Date.UTC(2026, 5, 15, 12, 34, 56);
  const spans = { '2h': 2 * HOUR, '24h': DAY, '2d': 2 * DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY } as const;
  const grains = { '2h': 'minutely', '24h': 'hourly', '2d': 'hourly', '7d': 'daily', '30d': 'daily', '90d': 'daily' } as const;

  for (const preset of RANGE_PRESETS) {
    test(`preset ${preset} ends now, spans ${preset} and is ${grains[preset]}`, () => {
      const range = resolveTimeRange({ kind: 'preset', preset }, now);
      assert.equal(range.to, now);
      const span = range.to - range.from;
      // A start may sit up to a couple of minutes inside the span to stay clear of the API's boundary.
      assert.ok(span <= spans[preset] && span >= spans[preset] - 2 * MINUTE, `span ${span}`);
      assert.equal(range.granularity, grains[preset]);
      assert.equal(range.label, presetLabel(preset));
      assert.ok(isRangePreset(preset));
    });
  }

  test('isRangePreset refuses anything else', () => {
    for (const value of ['3h', 'custom', '', null, 24, '24H']) assert.equal(isRangePreset(value), false);
  });

  test('granularityFor switches exactly at 2 hours and 2 days back', () => {
    assert.equal(granularityFor(now - 2 * HOUR, now), 'minutely');
    assert.equal(granularityFor(now - 2 * HOUR - 1, now), 'hourly');
    assert.equal(granularityFor(now - 2 * DAY, now), 'hourly');
    assert.equal(granularityFor(now - 2 * DAY - 1, now), 'daily');
    assert.equal(granularityFor(now, now), 'minutely');
    assert.equal(granularityFor(now + HOUR, now), 'minutely');
  });

  test('a bare date means local midnight; a date-time is local time', () => {
    assert.equal(parseDateInput('2026-01-05'), new Date(2026, 0, 5).getTime());
    assert.equal(parseDateInput(' 2026-01-05 '), new Date(2026, 0, 5).getTime());
    assert.equal(parseDateInput('2026-01-05T09:30'), new Date(2026, 0, 5, 9, 30).getTime());
    assert.equal(parseDateInput('2026-01-05 09:30'), new Date(2026, 0, 5, 9, 30).getTime());
    assert.equal(parseDateInput('2026-01-05T09:30Z'), Date.UTC(2026, 0, 5, 9, 30));
    assert.equal(parseDateInput('2024-02-29'), new Date(2024, 1, 29).getTime());
  });

  test('refuses text that is not a date and days a month does not have', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-1-5',
      '05/01/2026',
      '2026-01-05T9:30',
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-02-30T10:00',
      '2026-04-31 08:00',
      '2026-01-05T25:00',
      '2026-01-05T10:00junk',
    ]) {
      assert.equal(parseDateInput(text), undefined, text);
    }
  });

  test('formatInputDate writes what parseDateInput reads', () => {
    for (const t of [new Date(2026, 0, 5).getTime(), new Date(2026, 0, 5, 9, 30).getTime(), new Date(2025, 11, 31, 23, 59).getTime()]) {
      assert.equal(parseDateInput(formatInputDate(t)), t);
    }
    assert.equal(formatInputDate(new Date(2026, 0, 5).getTime()), '2026-01-05');
    assert.equal(formatInputDate(new Date(2026, 0, 5, 9, 7).getTime()), '2026-01-05T09:07');
  });

  const custom = (from: string, to: string) => ({ kind: 'custom' as const, from, to });
  const local = (text: string) => parseDateInput(text)!;

  test('a custom range resolves to its dates with the granularity its start implies', () => {
    const at = local('2026-06-15T12:00');
    const range = resolveTimeRange(custom('2026-06-01', '2026-06-15'), at);
    assert.deepEqual(range, { from: local('2026-06-01'), to: local('2026-06-15'), granularity: 'daily', label: '2026-06-01 – 2026-06-15' });
    assert.equal(resolveTimeRange(custom('2026-06-15T11:00', '2026-06-15T12:00'), at).granularity, 'minutely');
    assert.equal(resolveTimeRange(custom('2026-06-14T12:00', '2026-06-15T11:00'), at).granularity, 'hourly');
  });

  test('a custom end a little past now (clock skew) is clamped to now', () => {
    const at = local('2026-06-15T12:00');
    const range = resolveTimeRange(custom('2026-06-15T10:00', '2026-06-15T12:03'), at);
    assert.equal(range.to, at);
  });

  test('custom ranges that cannot be asked for are refused with a TimeRangeError saying why', () => {
    const at = local('2026-06-15T12:00');
    const cases: [string, string, RegExp][] = [
      ['soon', '2026-06-15', /start "soon" is not a date/],
      ['2026-06-01', '2026-02-30', /end "2026-02-30" is not a date/],
      ['2026-06-10', '2026-06-10', /must be after the start/],
      ['2026-06-10', '2026-06-01', /must be after the start/],
      ['2026-06-16', '2026-06-17', /start \(2026-06-16\) is in the future/],
      ['2026-06-01', '2026-06-15T12:30', /end \(2026-06-15T12:30\) is in the future/],
    ];
    for (const [from, to, message] of cases) {
      assert.throws(
        () => resolveTimeRange(custom(from, to), at),
        (e: unknown) => e instanceof TimeRangeError && message.test(e.message),
        `${from} – ${to}`,
      );
    }
  });
});

describe('time zone', () => {
  test("a valid IANA zone is used as set; an empty or unknown one falls back to this machine's zone", () => {
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.equal(resolveTimeZone('America/New_York'), 'America/New_York');
    assert.equal(resolveTimeZone('Asia/Kolkata'), 'Asia/Kolkata');
    assert.equal(resolveTimeZone(''), machine);
    assert.equal(resolveTimeZone('Mars/Olympus_Mons'), machine);
  });
});

describe('query', () => {
  test('isSourceSelection, sourceLabel and describeFilter', () => {
    assert.ok(isSourceSelection('server') && isSourceSelection('client') && isSourceSelection('both'));
    assert.ok(!isSourceSelection('edge') && !isSourceSelection(undefined));
    assert.equal(sourceLabel('both'), 'Server- and client-side SDKs');
    assert.equal(describeFilter({}), undefined);
    assert.equal(describeFilter({ sdk: 'react' }), 'react');
    assert.equal(describeFilter({ version: '3.3.1' }), 'version 3.3.1');
    assert.equal(describeFilter({ sdk: 'react', version: '3.3.1' }), 'react 3.3.1');
  });
});

describe('protocol', () => {
  const valid = [
    { type: 'ready' },
    { type: 'refresh' },
    { type: 'copySummary' },
    { type: 'setSource', source: 'server' },
    { type: 'setSource', source: 'client' },
    { type: 'setSource', source: 'both' },
    ...RANGE_PRESETS.map((preset) => ({ type: 'setRange', preset })),
    { type: 'setRange', preset: 'custom' },
    { type: 'runAction', action: 'setToken' },
    { type: 'runAction', action: 'refresh' },
    { type: 'runAction', action: 'openSettings' },
    { type: 'runAction', action: 'chooseTimeRange' },
    { type: 'export', format: 'csv' },
    { type: 'export', format: 'json' },
  ];

  test('isWebviewMessage accepts every valid message', () => {
    for (const message of valid) assert.equal(isWebviewMessage(message), true, JSON.stringify(message));
  });

  test('isWebviewMessage refuses extra keys on every valid message', () => {
    for (const message of valid) {
      assert.equal(isWebviewMessage({ ...message, extra: 1 }), false, JSON.stringify(message));
      assert.equal(isWebviewMessage({ ...message, extra: undefined }), false);
    }
  });

  test('isWebviewMessage refuses wrong types, unknown types, null and arrays', () => {
    const invalid: unknown[] = [
      null,
      undefined,
      'ready',
      42,
      [],
      [{ type: 'ready' }],
      {},
      { type: 5 },
      { type: null },
      { type: 'Ready' },
      { type: 'delete' },
      { type: 'state' },
      { type: 'setSource' },
      { type: 'setSource', source: 'edge' },
      { type: 'setSource', source: ['server'] },
      { type: 'setRange', preset: '3h' },
      { type: 'setRange', preset: 24 },
      { type: 'setRange', from: '2026-01-01' },
      { type: 'runAction', action: 'clearToken' },
      { type: 'runAction', action: { name: 'refresh' } },
      { type: 'export', format: 'xml' },
      { type: 'export', format: 'CSV' },
      { type: 'ready', type2: 'ready' },
      Object.assign(Object.create({ source: 'server' }) as object, { type: 'setSource' }),
    ];
    for (const message of invalid) assert.equal(isWebviewMessage(message), false, JSON.stringify(message));
  });

  test('isHostMessage accepts state and focus messages only', () => {
    assert.ok(isHostMessage({ type: 'state', status: {} }));
    assert.ok(isHostMessage({ type: 'state', status: {}, data: null }));
    assert.ok(
      isHostMessage({
        type: 'state',
        status: {},
        data: { times: [], versions: [], cells: { slots: new Int32Array(0), values: new Float64Array(0) } },
      }),
    );
    assert.equal(isHostMessage({ type: 'state', status: {}, data: { times: [] } }), false, 'data without its cells');
    assert.ok(isHostMessage({ type: 'focus', versionId: versionId('server', 'a', '1') }));
    for (const message of [
      null,
      [],
      { type: 'state' },
      { type: 'state', status: [] },
      { type: 'state', status: {}, data: 5 },
      { type: 'focus' },
      { type: 'focus', versionId: 1 },
      { type: 'ready' },
    ]) {
      assert.equal(isHostMessage(message), false, JSON.stringify(message));
    }
  });
});

describe('redact', () => {
  test('removes api-, sdk- and mob- UUID keys in any case, keeping their kind', () => {
    const text =
      'tokens api-de70de70-0000-4000-8000-00000000de70, SDK-12345678-ABCD-4000-8000-123456789ABC and mob-12345678-abcd-4000-8000-123456789abc.';
    assert.equal(redact(text), 'tokens api-<redacted>, SDK-<redacted> and mob-<redacted>.');
  });

  test('leaves text without keys alone, including look-alikes', () => {
    const text = 'api-v2 sdk-12345678 see https://app.launchdarkly.com/api/v2 x-12345678-abcd-4000-8000-123456789abc';
    assert.equal(redact(text), text);
  });

  test('removes given secrets of 8 or more characters, everywhere they occur', () => {
    assert.equal(redact('token s3cr3t-value and s3cr3t-value again', ['s3cr3t-value']), 'token <redacted> and <redacted> again');
    assert.equal(redact('short abc stays', ['abc']), 'short abc stays');
    assert.equal(redact('nothing', ['']), 'nothing');
  });
});

describe('baseUrl', () => {
  test('accepts https hosts and trims trailing slashes', () => {
    assert.deepEqual(checkBaseUrl('https://app.launchdarkly.com'), { ok: true, baseUrl: 'https://app.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl(' https://app.eu.launchdarkly.com/ '), { ok: true, baseUrl: 'https://app.eu.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl('https://ld.example.com/prefix//'), { ok: true, baseUrl: 'https://ld.example.com/prefix' });
    assert.deepEqual(checkBaseUrl('HTTPS://App.LaunchDarkly.US:443/'), { ok: true, baseUrl: 'https://app.launchdarkly.us' });
    assert.deepEqual(checkBaseUrl(DEFAULT_BASE_URL), { ok: true, baseUrl: DEFAULT_BASE_URL });
  });

  test('accepts plain http only for this machine', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000/', 'http://[::1]:9000']) {
      const check = checkBaseUrl(url);
      assert.ok(check.ok, url);
    }
    assert.deepEqual(checkBaseUrl('http://127.0.0.1:8080/'), { ok: true, baseUrl: 'http://127.0.0.1:8080' });
    for (const url of [
      'http://app.launchdarkly.com',
      'http://127.0.0.1.nip.io',
      'http://localhost.example.com',
      'http://10.0.0.1',
      'http://[::2]',
    ]) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      assert.match((check as { message: string }).message, /must use https/);
    }
  });

  test('refuses credentials, queries, fragments, other schemes and non-URLs', () => {
    const cases: [string, RegExp][] = [
      ['https://user:pass@app.launchdarkly.com', /user name or password/],
      ['https://user@app.launchdarkly.com', /user name or password/],
      ['https://app.launchdarkly.com/?token=x', /query or fragment/],
      ['https://app.launchdarkly.com/#x', /query or fragment/],
      ['ftp://app.launchdarkly.com', /must be an https URL/],
      ['file:///etc/passwd', /must be an https URL/],
      ['app.launchdarkly.com', /is not a URL/],
      ['', /is not a URL/],
    ];
    for (const [url, message] of cases) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      assert.match((check as { message: string }).message, message, url);
    }
  });

  test('isLoopbackHost knows 127.x, localhost and ::1', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['128.0.0.1', '127.0.0', '0.0.0.0', 'localhost.', 'example.com', '::'])
      assert.equal(isLoopbackHost(host), false, host);
  });
});
