/**
 * Grouping by health status, the stacked totals, the 100% shares and the progress figures, checked
 * against test/support/statusReference.ts, which works them out from the raw answers (the
 * bysdkversion body through expectedUsage, the sdk-versions report as JSON) on its own, on dense
 * arrays. Generated answers have buckets no series has connections in, series missing from buckets
 * others fill, versions with no connections, verdicts that say nothing (EolUnknown) and names that
 * differ in case.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { chartSeries } from '../../src/model/chartData';
import {
  HEALTH_GROUP_OF,
  bucketTotals,
  healthGroupCounts,
  healthGroupWith,
  healthProgress,
  sharesOf,
  stackedTotal,
  type HealthGroup,
} from '../../src/model/healthGroups';
import { buildUsageModel } from '../../src/model/modelBuild';
import { healthGroupId } from '../../src/model/rowIds';
import type { UsageModel } from '../../src/model/usageModel';
import { VerdictIndex, joinVerdicts, type HealthKey, type Verdicts } from '../../src/model/verdict';
import { seriesLabel } from '../../src/presentation/labels';
import { expectedUsage } from '../support/expectedUsage';
import { REFERENCE_GROUPS, referenceStatus, type ReferenceGroup, type ReportEntry } from '../support/statusReference';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

/** The product's group keys in the reference's words. */
const AS_REFERENCE: Record<HealthGroup, ReferenceGroup> = {
  pastEol: 'past end of life',
  nearEol: 'near end of life',
  newMajor: 'new major version available',
  current: 'current',
  notJudged: 'not judged',
};

interface RawVersion {
  readonly sdk: string;
  readonly version: string;
  readonly values: readonly number[];
}

/** A bysdkversion body as the API writes it: a key per series only where it has connections; a bucket may have no key at all. */
function rawBody(buckets: number, versions: readonly RawVersion[]): string {
  const series = Array.from({ length: buckets }, (_, p) => {
    const point: Record<string, number> = { time: T0 + p * HOUR };
    versions.forEach((v, i) => {
      if (v.values[p]! > 0) point[String(i)] = v.values[p]!;
    });
    return point;
  });
  return JSON.stringify({
    _links: {},
    metadata: versions.map(({ sdk, version }) => ({ sdk, version, source: 'server' })),
    series,
  });
}

interface Loaded {
  readonly model: UsageModel;
  readonly verdicts: Verdicts;
}

/** The product's path: the body parsed and built into the model, the report parsed and joined. */
function load(body: string, report: readonly ReportEntry[]): Loaded {
  const model = buildUsageModel([{ source: 'server', list: parseSeriesListText(body, T0 + 30 * 24 * HOUR) }], 'hourly');
  const { entries } = parseSdkVersionDetails(JSON.parse(JSON.stringify(report)));
  return { model, verdicts: joinVerdicts(model.versions, new VerdictIndex(entries), ['server']) };
}

const close = (actual: number | null | undefined, expected: number | null | undefined, what: string) => {
  if (expected === null || expected === undefined) return assert.equal(actual, expected, what);
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} for ${expected}`);
};

const SDKS = ['node-server', 'go-server-sdk', 'Ruby'];
const VERSIONS = ['1.0.0', '2.3.1', '2.4.0', '3.0.0', 'main'];
const STATUSES = ['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear', 'EolUnknown'];

/** Answers with 1–8 buckets, some empty throughout, and 1–8 series with sparse values, plus a report naming some of them. */
const answers = fc
  .record({
    buckets: fc.integer({ min: 1, max: 8 }),
    versions: fc.uniqueArray(fc.record({ sdk: fc.constantFrom(...SDKS), version: fc.constantFrom(...VERSIONS) }), {
      minLength: 1,
      maxLength: 8,
      selector: (v) => JSON.stringify([v.sdk, v.version]),
    }),
    seed: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: 64, maxLength: 64 }),
    emptyBuckets: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    verdicts: fc.array(fc.option(fc.record({ status: fc.constantFrom(...STATUSES), upper: fc.boolean() })), {
      minLength: 8,
      maxLength: 8,
    }),
  })
  .map(({ buckets, versions, seed, emptyBuckets, verdicts }) => {
    const raw: RawVersion[] = versions.map((v, i) => ({
      ...v,
      values: Array.from({ length: buckets }, (_, p) => (emptyBuckets[p] ? 0 : seed[(i * 8 + p) % 64]!)),
    }));
    const report: ReportEntry[] = versions.flatMap((v, i) => {
      const verdict = verdicts[i];
      // Some entries spell the SDK in capitals: they join ignoring case.
      return verdict ? [{ name: verdict.upper ? v.sdk.toUpperCase() : v.sdk, version: v.version, eolStatus: verdict.status }] : [];
    });
    return { buckets, raw, report };
  });

describe('health groups against the reference worked out from the raw answers', () => {
  test('grouped by status: one series per group with versions, most urgent first, never folded, each the sum of its versions', () => {
    fc.assert(
      fc.property(answers, ({ buckets, raw, report }) => {
        const body = rawBody(buckets, raw);
        const { model, verdicts } = load(body, report);
        const reference = referenceStatus(expectedUsage([{ source: 'server', body }]), report);
        const series = chartSeries(model, { groupBy: 'status', topN: 1, outdatedOnly: false, healthGroupOf: healthGroupWith(verdicts) });
        const present = REFERENCE_GROUPS.filter((g) => reference.byGroup.has(g));
        assert.deepEqual(
          series.map((s) => (s.isOther ? 'other' : AS_REFERENCE[s.group!])),
          present,
        );
        for (const s of series) {
          assert.ok(!s.isOther && s.group !== undefined);
          assert.equal(s.id, healthGroupId(s.group));
          assert.deepEqual(Array.from(s.values), reference.byGroup.get(AS_REFERENCE[s.group]));
          assert.equal(s.peak, Math.max(0, ...reference.byGroup.get(AS_REFERENCE[s.group])!));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('stacked totals: the groups summed, and every version summed, are the bucket totals', () => {
    fc.assert(
      fc.property(answers, ({ buckets, raw, report }) => {
        const body = rawBody(buckets, raw);
        const { model, verdicts } = load(body, report);
        const reference = referenceStatus(expectedUsage([{ source: 'server', body }]), report);
        const byStatus = chartSeries(model, { groupBy: 'status', topN: 10, outdatedOnly: false, healthGroupOf: healthGroupWith(verdicts) });
        assert.deepEqual(Array.from(stackedTotal(byStatus, model.times.length)), reference.totals);
        assert.deepEqual(Array.from(bucketTotals(model)), reference.totals);
        // Versions folded into "Other" still count: the stack's top is the total.
        const byVersion = chartSeries(model, { groupBy: 'version', topN: 1, outdatedOnly: false });
        assert.deepEqual(Array.from(stackedTotal(byVersion, model.times.length)), reference.totals);
      }),
      { numRuns: 300 },
    );
  });

  test('shares: of all connections in the bucket, none (not 0%) where the bucket has no connections, 0 where the series has none', () => {
    fc.assert(
      fc.property(answers, ({ buckets, raw, report }) => {
        const body = rawBody(buckets, raw);
        const { model, verdicts } = load(body, report);
        const reference = referenceStatus(expectedUsage([{ source: 'server', body }]), report);
        const totals = bucketTotals(model);
        const series = chartSeries(model, { groupBy: 'status', topN: 10, outdatedOnly: false, healthGroupOf: healthGroupWith(verdicts) });
        for (const s of series) {
          if (s.isOther || s.group === undefined) continue;
          const shares = sharesOf(s.values, totals);
          reference.shares.get(AS_REFERENCE[s.group])!.forEach((want, p) => close(shares[p], want, `${s.group} at ${p}`));
        }
        // In every bucket with connections the groups' shares add up to 1.
        reference.totals.forEach((total, p) => {
          const sum = series.reduce((acc, s) => acc + (sharesOf(s.values, totals)[p] ?? 0), 0);
          if (total > 0) close(sum, 1, `sum at ${p}`);
          else assert.equal(sum, 0);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('progress: each group’s share in the first and the last bucket with connections', () => {
    fc.assert(
      fc.property(answers, ({ buckets, raw, report }) => {
        const body = rawBody(buckets, raw);
        const { model, verdicts } = load(body, report);
        const reference = referenceStatus(expectedUsage([{ source: 'server', body }]), report);
        const progress = healthProgress(model, healthGroupWith(verdicts));
        if (!reference.progress) return assert.equal(progress, undefined);
        assert.ok(progress);
        assert.deepEqual([progress.startSlot, progress.endSlot], [reference.progress.start, reference.progress.end]);
        assert.deepEqual(
          progress.groups.map((g) => AS_REFERENCE[g.group]),
          reference.progress.groups.map((g) => g.group),
        );
        progress.groups.forEach((g, i) => {
          close(g.startShare, reference.progress!.groups[i]!.startShare, `${g.group} at the start`);
          close(g.endShare, reference.progress!.groups[i]!.endShare, `${g.group} at the end`);
        });
      }),
      { numRuns: 300 },
    );
  });

  test('latest connections and versions per group, every group listed', () => {
    fc.assert(
      fc.property(answers, ({ buckets, raw, report }) => {
        const body = rawBody(buckets, raw);
        const { model, verdicts } = load(body, report);
        const reference = referenceStatus(expectedUsage([{ source: 'server', body }]), report);
        const counts = healthGroupCounts(model.versions, healthGroupWith(verdicts));
        for (const [group, count] of Object.entries(counts)) {
          assert.deepEqual(count, reference.latest.get(AS_REFERENCE[group as HealthGroup]), group);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('health groups, by example', () => {
  // Bucket 0 has no connections at all; go 1.0.0 has none in bucket 2; bucket 4 is empty again.
  const raw: RawVersion[] = [
    { sdk: 'node-server', version: '9.7.1', values: [0, 100, 300, 600, 0] },
    { sdk: 'node-server', version: '8.11.2', values: [0, 300, 200, 100, 0] },
    { sdk: 'go', version: '1.0.0', values: [0, 600, 0, 300, 0] },
    { sdk: 'go', version: 'main', values: [0, 0, 500, 0, 0] },
  ];
  const report: ReportEntry[] = [
    { name: 'node-server', version: '8.11.2', eolStatus: 'EolPast' },
    { name: 'go', version: '1.0.0', eolStatus: 'EolUnknown' },
  ];
  const { model, verdicts } = load(rawBody(5, raw), report);
  const groupOf = healthGroupWith(verdicts);

  test('every health key has its group: the estimate majorBehind is a new major, minorBehind current, unknown not judged; the release dates as LaunchDarkly', () => {
    const expected: Record<HealthKey, HealthGroup> = {
      EolPast: 'pastEol',
      EolNear: 'nearEol',
      MajorVersionAvailable: 'newMajor',
      EolAllClear: 'current',
      majorBehind: 'newMajor',
      minorBehind: 'current',
      current: 'current',
      unknown: 'notJudged',
      releaseEolPast: 'pastEol',
      releaseEolNear: 'nearEol',
      releaseMajorVersionAvailable: 'newMajor',
      releaseEolAllClear: 'current',
      releaseNotJudged: 'notJudged',
    };
    assert.deepEqual(HEALTH_GROUP_OF, expected);
  });

  test("LaunchDarkly's verdict first; EolUnknown and no entry fall back to the estimate", () => {
    const groups = Object.fromEntries(model.versions.map((v) => [`${v.sdk} ${v.version}`, groupOf(v)]));
    assert.deepEqual(groups, {
      'go 1.0.0': 'current',
      'go main': 'notJudged',
      'node-server 9.7.1': 'current',
      'node-server 8.11.2': 'pastEol',
    });
  });

  test('the shares of a bucket without connections are no data; a series missing from a bucket has 0%', () => {
    const totals = bucketTotals(model);
    assert.deepEqual(Array.from(totals), [0, 1000, 1000, 1000, 0]);
    const go = chartSeries(model, { groupBy: 'version', topN: 10, outdatedOnly: false }).find((s) => seriesLabel(s) === 'go 1.0.0')!;
    assert.deepEqual(sharesOf(go.values, totals), [null, 0.6, 0, 0.3, null]);
  });

  test('progress runs from the first to the last bucket with connections', () => {
    const progress = healthProgress(model, groupOf)!;
    assert.deepEqual([progress.startSlot, progress.endSlot, progress.startTotal, progress.endTotal], [1, 3, 1000, 1000]);
    assert.deepEqual(
      progress.groups.map((g) => [g.group, g.startConnections, g.endConnections, g.startShare, g.endShare]),
      [
        ['pastEol', 300, 100, 0.3, 0.1],
        ['current', 700, 900, 0.7, 0.9],
      ],
      '"not judged" has no connections at either end and is left out',
    );
    const empty = load(rawBody(2, [{ sdk: 'go', version: '1.0.0', values: [0, 0] }]), []);
    assert.equal(healthProgress(empty.model, healthGroupWith(empty.verdicts)), undefined);
  });

  test('grouped by status, "outdated only" keeps only the groups of versions worth upgrading', () => {
    const series = chartSeries(model, {
      groupBy: 'status',
      topN: 10,
      outdatedOnly: true,
      isOutdated: (v) => groupOf(v) === 'pastEol',
      healthGroupOf: groupOf,
    });
    assert.deepEqual(
      series.map((s) => (s.isOther ? 'other' : s.group)),
      ['pastEol'],
    );
  });
});
