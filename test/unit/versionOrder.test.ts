/** Version order: parsing, plain ranks and newest-first comparison. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildUsageModel } from '../../src/model/modelBuild';
import { comparePlainNewestFirst, compareVersionsNewestFirst, parsedFromRank, parseVersion, plainRank } from '../../src/model/versionOrder';
import { modelAsReference, referenceModel, sourceAnswer, type DenseAnswer } from '../support/referenceModel';
import { seededRandom } from '../support/random';
import { T0 } from '../support/usageAnswers';

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
