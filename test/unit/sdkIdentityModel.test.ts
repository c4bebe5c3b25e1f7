/**
 * SDK identity in the usage model: with the catalogue, every spelling of one SDK is one SDK row
 * under the catalogue's display name, the same version under several spellings one version row
 * (its numbers the sum, its spellings remembered), names no version decides and unknown names stay
 * exactly as reported, and two catalogued SDKs never meet; release-date verdicts ride along.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StreamSource } from '../../src/api/parse';
import { buildUsageModel } from '../../src/model/modelBuild';
import { cataloguedSdkId, cataloguedVersionId, sdkId, versionId } from '../../src/model/rowIds';
import { sdkNamingOf } from '../../src/catalogue/sdkIdentity';
import type { UsageModel } from '../../src/model/usageModel';
import { catalogue } from '../support/catalogue';
import { hostile } from '../support/hostileText';
import { valuesOf } from '../support/seriesLists';
import { answer, hours, version, type Row } from '../support/usageAnswers';

const naming = sdkNamingOf(catalogue);
const NOW = Date.UTC(2026, 7, 1);
const withCatalogue = (answers: Parameters<typeof buildUsageModel>[0]) => buildUsageModel(answers, 'hourly', { naming, now: NOW });

describe('SDK identity in the usage model', () => {
  test('one SDK under three spellings is one SDK row; one version under two spellings is one row whose numbers are the sum', () => {
    const model = withCatalogue([
      answer('server', hours(3), [
        ['NodeJSClient', '9.7.1', [1, 2, 3]],
        ['Node.js Server SDK', '9.5.0', [4, 0, 1]],
        ['node-server', '9.7.1', [10, 20, 30]],
      ]),
    ]);
    assert.equal(model.sdks.length, 1);
    const sdk = model.sdks[0]!;
    assert.equal(sdk.id, cataloguedSdkId('server', 'node-server'));
    assert.equal(sdk.sdk, 'Node.js Server SDK');
    assert.deepEqual(sdk.identity, {
      kind: 'catalogued',
      id: 'node-server',
      name: 'Node.js Server SDK',
      releaseNotesUrl: 'https://github.com/launchdarkly/js-core/releases',
    });
    assert.deepEqual(sdk.reportedSdks, ['NodeJSClient', 'Node.js Server SDK', 'node-server']);
    assert.deepEqual(
      sdk.versions.map((v) => [v.version, v.reportedSdks]),
      [
        ['9.7.1', ['NodeJSClient', 'node-server']],
        ['9.5.0', ['Node.js Server SDK']],
      ],
    );
    const merged = version(model, cataloguedVersionId('server', 'node-server', '9.7.1'));
    assert.deepEqual(valuesOf(model, merged), [11, 22, 33]);
    assert.equal(merged.latest, 33);
    assert.equal(merged.peak, 33);
    assert.equal(merged.sdkId, sdk.id);
    assert.equal(sdk.latest, 34);
    assert.equal(model.latestTotal, 34);
  });

  test('unknown names stay exactly as reported, with the ids they had without the catalogue', () => {
    const rows: Row[] = [
      ['my-own-sdk', '1.0.0', [1]],
      ['My-Own-SDK', '1.0.0', [2]],
      ['Node\u200bJSClient', '9.7.1', [3]],
    ];
    const model = withCatalogue([answer('server', hours(1), rows)]);
    const plain = buildUsageModel([answer('server', hours(1), rows)], 'hourly');
    assert.deepEqual(
      model.versions.map((v) => [v.id, v.sdk, v.identity.kind, v.releaseHealth]),
      plain.versions.map((v) => [v.id, v.sdk, 'reported', undefined]),
    );
    assert.equal(model.sdks.length, 3, 'names that differ in case stay apart when the catalogue does not know them');
    assert.ok(model.versions.some((v) => v.id === versionId('server', 'Node\u200bJSClient', '9.7.1')));
  });

  test('two catalogued SDKs never meet, even under one token or one display name; the version decides JSClient', () => {
    const model = withCatalogue([
      answer('client', hours(1), [
        ['JSClient', '3.4.0', [1]],
        ['JSClient', '4.1.0', [2]],
        ['js-client-sdk', '3.4.0', [4]],
        ['browser', '4.1.0', [8]],
        ['JSClient', 'Unknown', [16]],
      ]),
    ]);
    assert.deepEqual(
      model.sdks.map((s) => [s.id, s.sdk, s.latest]),
      [
        [cataloguedSdkId('client', 'browser'), 'JavaScript Client SDK (browser)', 10],
        [cataloguedSdkId('client', 'js-client-sdk'), 'JavaScript Client SDK (js-client-sdk)', 5],
        [sdkId('client', 'JSClient'), 'JSClient', 16],
      ],
    );
    const ambiguous = model.sdks[2]!.identity;
    assert.equal(ambiguous.kind, 'ambiguous');
    assert.deepEqual(ambiguous.kind === 'ambiguous' && [...ambiguous.candidates].sort(), [
      'JavaScript Client SDK (browser)',
      'JavaScript Client SDK (js-client-sdk)',
    ]);
    assert.deepEqual(model.sdks[0]!.reportedSdks, ['JSClient', 'browser']);
  });

  test('catalogued and reported ids never collide, whatever the names', () => {
    fc.assert(
      fc.property(fc.constantFrom<StreamSource>('server', 'client'), fc.string(), fc.string(), (source, name, v) => {
        assert.notEqual(cataloguedVersionId(source, name, v), versionId(source, name, v));
        assert.notEqual(cataloguedSdkId(source, name), sdkId(source, name));
        assert.notEqual(cataloguedSdkId(source, name), versionId(source, name, v));
      }),
    );
  });

  test('versions seen lately under any spelling set the newest version seen of the catalogued SDK', () => {
    const model = withCatalogue([
      answer(
        'server',
        hours(1),
        [['GoClient', '7.1.0', [1]]],
        [
          { sdk: 'go-server-sdk', version: '7.4.0' },
          { sdk: 'other', version: '99.0.0' },
        ],
      ),
    ]);
    assert.equal(model.sdks[0]!.newest, '7.4.0');
    assert.equal(model.versions[0]!.health.status, 'minorBehind');
  });

  test('catalogued versions carry the release-date verdict as of the build, unknown names none', () => {
    const model = withCatalogue([
      answer('server', hours(1), [
        ['GoClient', '6.0.0', [1]],
        ['GoClient', '7.0.0-rc.1', [1]],
        ['mystery', '1.0.0', [1]],
      ]),
    ]);
    const verdictOf = (id: string) => version(model, id).releaseHealth;
    const old = verdictOf(cataloguedVersionId('server', 'go-server-sdk', '6.0.0'));
    assert.equal(old?.kind, 'judged');
    assert.equal(old.kind === 'judged' && old.status, 'EolPast');
    assert.equal(old.dataDate, catalogue.source.date);
    assert.deepEqual(verdictOf(cataloguedVersionId('server', 'go-server-sdk', '7.0.0-rc.1')), {
      kind: 'notJudged',
      reason: 'preRelease',
      dataDate: catalogue.source.date,
    });
    assert.equal(verdictOf(versionId('server', 'mystery', '1.0.0')), undefined);
  });
});

/** Names from every catalogue spelling of a few SDKs, unknown names and hostile text. */
const NAMES = [
  'NodeJSClient',
  'node-server',
  'NODE.JS SERVER SDK',
  'GoClient',
  'go-server-sdk',
  'JSClient',
  'browser',
  'AkamaiEdgeSDK',
  'mine',
];
const names = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: hostile });
const versions = fc.constantFrom('1.0.0', '3.2.1', '4.0.0', '9.7.1', 'Unknown', '2.0.0-beta');

/** What the model must say, worked out plainly: connections summed per (source, identity, version), spellings per row. */
function expectedRows(rows: readonly { source: StreamSource; sdk: string; version: string; value: number }[]) {
  const expected = new Map<string, { value: number; spellings: Set<string> }>();
  for (const row of rows) {
    const { identity } = naming.identify(row.sdk, row.version);
    const id =
      identity.kind === 'catalogued'
        ? cataloguedVersionId(row.source, identity.id, row.version)
        : versionId(row.source, row.sdk, row.version);
    const entry = expected.get(id) ?? { value: 0, spellings: new Set<string>() };
    entry.value += row.value;
    entry.spellings.add(row.sdk);
    expected.set(id, entry);
  }
  return expected;
}

function actualRows(model: UsageModel) {
  return new Map(model.versions.map((v) => [v.id, { value: v.latest, spellings: new Set(v.reportedSdks) }]));
}

describe('SDK identity on generated answers', () => {
  test('every row sums exactly the series of its identity and version, and remembers their spellings', () => {
    const row = fc.record({
      source: fc.constantFrom<StreamSource>('server', 'client'),
      sdk: names,
      version: versions,
      value: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const answers = (['server', 'client'] as const).map((source) =>
          answer(
            source,
            hours(1),
            rows.filter((r) => r.source === source).map((r): Row => [r.sdk, r.version, [r.value]]),
          ),
        );
        const model = withCatalogue(answers);
        assert.deepEqual(actualRows(model), expectedRows(rows));
        // SDK rows: one per id, each holding only versions of its own identity.
        assert.equal(new Set(model.sdks.map((s) => s.id)).size, model.sdks.length);
        for (const sdk of model.sdks) for (const v of sdk.versions) assert.equal(v.sdkId, sdk.id);
      }),
      { numRuns: 300 },
    );
  });
});
