/**
 * LaunchDarkly's verdicts joined across spellings: after the exact and case-insensitive matches, a
 * report entry joins a stream version when both resolve to the same catalogued SDK and version;
 * never across SDKs, never for names the catalogue does not know or cannot tell apart; the report
 * is resolved once per answer, not once per join.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { buildUsageModel } from '../../src/model/modelBuild';
import { cataloguedVersionId, versionId } from '../../src/model/rowIds';
import { sdkNamingOf, type SdkNaming } from '../../src/catalogue/sdkIdentity';
import type { UsageModel } from '../../src/model/usageModel';
import { VerdictIndex, joinVerdicts } from '../../src/model/verdict';
import { catalogue } from '../support/catalogue';
import { answer, hours, type Row } from '../support/usageAnswers';

const naming = sdkNamingOf(catalogue);

function entry(fields: Partial<SdkVersionDetail>): SdkVersionDetail {
  return { eolStatus: 'EolUnknown', type: 'server', ...fields };
}

function modelOf(rows: Row[]): UsageModel {
  return buildUsageModel([answer('server', hours(1), rows)], 'hourly', { naming, now: Date.UTC(2026, 7, 1) });
}

function join(model: UsageModel, entries: SdkVersionDetail[]) {
  return joinVerdicts(model.versions, new VerdictIndex(entries), model.sources, naming);
}

describe('verdicts across spellings', () => {
  test('a User-Agent token in the usage data takes the verdict LaunchDarkly gives under the display name or the id', () => {
    const model = modelOf([
      ['NodeJSClient', '9.7.1', [5]],
      ['GoClient', '7.0.0', [3]],
    ]);
    const verdicts = join(model, [
      entry({
        name: 'Node.js Server SDK',
        version: '9.7.1',
        eolStatus: 'EolPast',
        ldLatestVersion: '9.13.0',
        environmentKey: 'production',
      }),
      entry({ name: 'go-server-sdk', version: '7.0.0', eolStatus: 'EolNear' }),
    ]);
    const node = verdicts.byVersionId.get(cataloguedVersionId('server', 'node-server', '9.7.1'));
    assert.deepEqual(
      [node?.status, node?.target, node?.sdk, node?.placements[0]?.environmentKey],
      ['EolPast', '9.13.0', 'Node.js Server SDK', 'production'],
    );
    assert.equal(verdicts.byVersionId.get(cataloguedVersionId('server', 'go-server-sdk', '7.0.0'))?.status, 'EolNear');
    assert.deepEqual(verdicts.withoutSeries, []);
  });

  test('without the catalogue the same report joins nothing across spellings (as before)', () => {
    const rows: Row[] = [['NodeJSClient', '9.7.1', [5]]];
    const model = buildUsageModel([answer('server', hours(1), rows)], 'hourly');
    const verdicts = joinVerdicts(
      model.versions,
      new VerdictIndex([entry({ name: 'Node.js Server SDK', version: '9.7.1', eolStatus: 'EolPast' })]),
      ['server'],
    );
    assert.equal(verdicts.byVersionId.size, 0);
    assert.deepEqual(
      verdicts.withoutSeries.map((v) => [v.sdk, v.reportedSdk, v.identity.kind]),
      [['Node.js Server SDK', 'Node.js Server SDK', 'reported']],
    );
  });

  test('an exact match does not keep the other spellings of the same SDK and version out: every entry joins the one row', () => {
    const model = modelOf([
      ['NodeJSClient', '9.7.1', [5]],
      ['node-server', '9.7.1', [1]],
    ]);
    const verdicts = join(model, [
      entry({ name: 'NodeJSClient', version: '9.7.1', eolStatus: 'EolAllClear', environmentKey: 'a' }),
      entry({ name: 'node-server', version: '9.7.1', eolStatus: 'EolNear', environmentKey: 'b' }),
      entry({ name: 'NODE.JS SERVER SDK', version: '9.7.1', eolStatus: 'EolAllClear', environmentKey: 'c' }),
    ]);
    const verdict = verdicts.byVersionId.get(cataloguedVersionId('server', 'node-server', '9.7.1'))!;
    assert.equal(verdict.status, 'EolNear', 'the most severe of all three');
    assert.deepEqual(verdict.placements.map((p) => p.environmentKey).sort(), ['a', 'b', 'c']);
    assert.deepEqual(verdicts.withoutSeries, []);
  });

  test('never across SDKs or versions: another SDK of the same version, or the same SDK of another version, stays unmatched', () => {
    const model = modelOf([['GoClient', '7.0.0', [3]]]);
    const verdicts = join(model, [
      entry({ name: 'node-server', version: '7.0.0', eolStatus: 'EolPast' }),
      entry({ name: 'GoClient', version: '7.0.1', eolStatus: 'EolPast' }),
    ]);
    assert.equal(verdicts.byVersionId.size, 0);
    assert.deepEqual(
      verdicts.withoutSeries.map((v) => [v.sdk, v.reportedSdk, v.version]),
      [
        ['Node.js Server SDK', 'node-server', '7.0.0'],
        ['Go Server SDK', 'GoClient', '7.0.1'],
      ],
    );
  });

  test('names the catalogue does not know join exactly or ignoring case only', () => {
    const model = modelOf([['my-sdk', '1.0.0', [1]]]);
    const verdicts = join(model, [
      entry({ name: 'MY-SDK', version: '1.0.0', eolStatus: 'EolNear' }),
      entry({ name: 'my sdk', version: '1.0.0', eolStatus: 'EolPast' }),
      entry({ name: 'mysdk', version: '1.0.0', eolStatus: 'EolPast' }),
    ]);
    assert.equal(verdicts.byVersionId.get(versionId('server', 'my-sdk', '1.0.0'))?.status, 'EolNear');
    assert.deepEqual(verdicts.withoutSeries.map((v) => v.reportedSdk).sort(), ['my sdk', 'mysdk']);
  });

  test('JSClient joins the SDK its version decides; a name no version decides joins only as spelled', () => {
    const model = modelOf([
      ['JSClient', '3.1.0', [1]],
      ['AkamaiEdgeSDK', '1.0.0', [1]],
    ]);
    const verdicts = join(model, [
      entry({ name: 'js-client-sdk', version: '3.1.0', eolStatus: 'EolPast' }),
      entry({ name: 'browser', version: '3.1.0', eolStatus: 'EolNear' }),
      entry({ name: 'akamai-base', version: '1.0.0', eolStatus: 'EolPast' }),
      entry({ name: 'akamaiedgesdk', version: '1.0.0', eolStatus: 'EolNear' }),
    ]);
    assert.equal(verdicts.byVersionId.get(cataloguedVersionId('server', 'js-client-sdk', '3.1.0'))?.status, 'EolPast');
    assert.equal(verdicts.byVersionId.get(versionId('server', 'AkamaiEdgeSDK', '1.0.0'))?.status, 'EolNear', 'ignoring case, as spelled');
    assert.deepEqual(verdicts.withoutSeries.map((v) => v.reportedSdk).sort(), ['akamai-base', 'browser']);
  });

  test("the report's names are resolved once per answer and catalogue, however many joins use it", () => {
    let calls = 0;
    const counting: SdkNaming = { ...naming, identify: (name, version) => (calls++, naming.identify(name, version)) };
    const model = modelOf(Array.from({ length: 200 }, (_, i): Row => ['NodeJSClient', `9.${i}.0`, [1]]));
    const entries = Array.from({ length: 300 }, (_, i) =>
      entry({ name: i % 2 ? 'node-server' : 'Node.js Server SDK', version: `9.${i % 250}.0` }),
    );
    const index = new VerdictIndex(entries);
    const keys = new Set(entries.map((e) => JSON.stringify([e.name, e.version])));
    // Versions 9.200.0 and up have no stream series: unmatched, named by the catalogue.
    const unmatched = [...keys].filter((key) => Number((JSON.parse(key) as string[])[1]!.split('.')[1]) >= 200).length;
    const first = joinVerdicts(model.versions, index, ['server'], counting);
    assert.equal(first.withoutSeries.length, unmatched);
    assert.equal(calls, keys.size, 'each name and version resolved once, to index it and to name it where unmatched');
    calls = 0;
    const second = joinVerdicts(model.versions, index, ['server'], counting);
    assert.equal(calls, 0, 'the second join resolves nothing again');
    assert.deepEqual(second, first);
  });
});

/** Spellings of a few SDKs, names the catalogue does not know, and case changes. */
const NAMES = [
  'NodeJSClient',
  'node-server',
  'Node.js Server SDK',
  'nodejsclient',
  'GoClient',
  'go-server-sdk',
  'JSClient',
  'browser',
  'js-client-sdk',
  'mine',
  'MINE',
  'AkamaiEdgeSDK',
];
const VERSIONS = ['3.0.0', '4.0.0', '9.7.1', '9.7.1-RC', '9.7.1-rc'];

describe('verdicts across spellings on generated data', () => {
  test('an entry joins a row exactly when spelled alike (or ignoring case), or when both are the same catalogued SDK and version', () => {
    const row = fc.record({ sdk: fc.constantFrom(...NAMES), version: fc.constantFrom(...VERSIONS) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(row, { maxLength: 8 }), (seriesRows, entryRows) => {
        const model = modelOf(seriesRows.map((r): Row => [r.sdk, r.version, [1]]));
        const entries = entryRows.map((r) => entry({ ...r, name: r.sdk, eolStatus: 'EolPast' }));
        const verdicts = join(model, entries);
        const catalogueId = (name: string, version: string | undefined) => {
          const { identity } = naming.identify(name, version);
          return identity.kind === 'catalogued' ? identity.id : undefined;
        };
        for (const v of model.versions) {
          const spelledAlike = (e: SdkVersionDetail) =>
            v.reportedSdks.some((name) => name.toLowerCase() === e.name!.toLowerCase()) &&
            e.version!.toLowerCase() === v.version.toLowerCase();
          const sameSdk = (e: SdkVersionDetail) =>
            v.identity.kind === 'catalogued' &&
            catalogueId(e.name!, e.version) === v.identity.id &&
            e.version!.toLowerCase() === v.version.toLowerCase();
          const joined = entries.some((e) => spelledAlike(e) || sameSdk(e));
          assert.equal(verdicts.byVersionId.has(v.id), joined, `${v.sdk} ${v.version}`);
        }
        // An entry no row takes is listed as unmatched; one a row takes is not. A row takes the entries
        // spelled exactly as one of its names, else those spelled alike ignoring case, and those of its catalogued SDK.
        const listed = new Set(verdicts.withoutSeries.map((u) => JSON.stringify([u.reportedSdk, u.version])));
        const exactly = (v: UsageModel['versions'][number], e: SdkVersionDetail) =>
          v.reportedSdks.includes(e.name!) && e.version === v.version;
        for (const e of entries) {
          const taken = model.versions.some((v) => {
            const hasExact = entries.some((other) => exactly(v, other));
            const alike =
              v.reportedSdks.some((name) => name.toLowerCase() === e.name!.toLowerCase()) &&
              e.version!.toLowerCase() === v.version.toLowerCase();
            const sameSdk =
              v.identity.kind === 'catalogued' &&
              catalogueId(e.name!, e.version) === v.identity.id &&
              e.version!.toLowerCase() === v.version.toLowerCase();
            return exactly(v, e) || (!hasExact && alike) || sameSdk;
          });
          assert.equal(listed.has(JSON.stringify([e.name, e.version])), !taken, `${e.name} ${e.version}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
