/**
 * The store and the SDK catalogue, against the local API's messy data set (SDKs under User-Agent
 * tokens and other spellings): the catalogue is read when first needed, once, and the model and
 * LaunchDarkly's verdicts are built with it; when reading it fails, loads go on as without it and
 * the failure is reported once.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkVersions } from '../../src/api/parse';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import type { ReleaseDateVerdict } from '../../src/catalogue/releaseHealth';
import { sdkCatalogueCode } from '../../src/catalogue/index';
import { lazySdkNaming, sdkNamingOrNone } from '../../src/catalogueFile';
import { filterOf } from '../../src/commands/treeRows';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { VersionUsage } from '../../src/model/usageModel';
import { sdkNamingOf, type SdkNaming } from '../../src/catalogue/sdkIdentity';
import { RELEASE_DATE_KEYS } from '../../src/model/verdict';
import { cataloguedVersionId } from '../../src/model/rowIds';
import { UsageStore, type Connector, type FetchedAnswer } from '../../src/store';
import { CATALOGUE_SOURCE_FILE, catalogue } from '../support/catalogue';
import { expectedUsage } from '../support/expectedUsage';
import { rawAnswer, useLocalApi } from '../support/localApi';

const local = useLocalApi({ dataset: 'messy' });
const connector: Connector = async () => ({ baseUrl: local().url, token: local().token, userAgent: 'store-catalogue', timeoutMs: 2_000 });
const stores: UsageStore[] = [];
const naming = sdkNamingOf(catalogue);
afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
});

function storeWith(readNaming: () => Promise<SdkNaming | undefined>, source: 'server' | 'client' = 'server'): UsageStore {
  const store = new UsageStore(
    connector,
    { source, range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} },
    Date.now,
    undefined,
    readNaming,
  );
  stores.push(store);
  return store;
}

describe('the store with the SDK catalogue', () => {
  test('asks for the catalogue only when a load builds a model, and shows the messy spellings as one SDK', async () => {
    let reads = 0;
    const errors: unknown[] = [];
    const store = storeWith(
      sdkNamingOrNone(
        async () => {
          reads++;
          return naming;
        },
        (error) => errors.push(error),
      ),
    );
    assert.equal(reads, 0, 'not read before a load');
    await store.refresh();
    await store.refresh();
    assert.equal(reads, 2, 'asked at each load (the lazy reader behind it reads the file once)');
    assert.deepEqual(errors, []);
    const model = store.state.model!;
    const node = model.sdks.filter((s) => s.sdk === 'Node.js Server SDK');
    assert.equal(node.length, 1, 'NodeJSClient and "Node.js Server SDK" are one SDK');
    assert.deepEqual([...node[0]!.reportedSdks].sort(), ['Node.js Server SDK', 'NodeJSClient']);
    const merged = model.versions.find((v) => v.id === cataloguedVersionId('server', 'node-server', '9.7.1'))!;
    assert.deepEqual([...merged.reportedSdks].sort(), ['Node.js Server SDK', 'NodeJSClient']);
    assert.ok(
      model.versions.filter((v) => v.identity.kind === 'catalogued').every((v) => v.releaseHealth !== undefined),
      'every catalogued version has a release-date verdict or a reason why not',
    );
    assert.ok(
      model.versions.some((v) => v.identity.kind === 'reported'),
      'names the catalogue does not know stay as reported',
    );
  });

  test('a filter from a row merged from several spellings asks for each of them and shows all of the SDK, as unfiltered', async () => {
    const store = storeWith(async () => naming);
    await store.refresh();
    const unfiltered = store.state.model!;
    const node = unfiltered.sdks.find((s) => s.sdk === 'Node.js Server SDK')!;
    const version = node.versions.find((v) => v.reportedSdks.length > 1)!;
    for (const [row, versionsOf] of [
      [{ kind: 'sdk', sdk: node }, node.versions],
      [{ kind: 'version', version }, [version]],
    ] as const) {
      const filter = filterOf(row, unfiltered.versions)!;
      assert.deepEqual([filter.sdk, ...(filter.otherSpellings ?? [])].sort(), ['Node.js Server SDK', 'NodeJSClient']);
      local().requests.length = 0;
      await store.setQuery({ filter });
      const asked = local()
        .requests.filter((r) => r.path.endsWith('/bysdkversion'))
        .map((r) => r.query.sdk)
        .sort();
      assert.deepEqual(asked, ['Node.js Server SDK', 'NodeJSClient'], 'one request per spelling');
      const model = store.state.model!;
      assert.deepEqual(
        model.sdks.map((s) => s.sdk),
        ['Node.js Server SDK'],
      );
      const numbers = (versions: readonly VersionUsage[]) => versions.map((v) => [v.id, v.latest, v.peak, [...v.reportedSdks].sort()]);
      assert.deepEqual(numbers(model.versions), numbers(versionsOf), 'the same versions and sums as in the unfiltered model');
    }
  });

  test("LaunchDarkly's verdicts, given under display names and ids, join the versions reported under User-Agent tokens", async () => {
    const store = storeWith(async () => naming);
    await store.refresh();
    const { model, verdicts } = store.state;
    const joinedAcross = model!.versions.filter((v) => {
      const verdict = verdicts!.byVersionId.get(v.id);
      return verdict && v.identity.kind === 'catalogued' && verdict.placements.length > 0;
    });
    assert.ok(joinedAcross.length > 0);
    // Every catalogued SDK the report names has its entries joined: none of them is left without a series but for versions the usage data lacks.
    for (const unmatched of verdicts!.withoutSeries) {
      if (unmatched.identity.kind !== 'catalogued') continue;
      assert.ok(
        !model!.versions.some(
          (v) =>
            v.identity.kind === 'catalogued' &&
            v.identity.id === (unmatched.identity as { id: string }).id &&
            v.version.toLowerCase() === unmatched.version.toLowerCase(),
        ),
        `${unmatched.reportedSdk} ${unmatched.version} has a stream version it should have joined`,
      );
    }
  });

  test('when the catalogue cannot be read, loads work as without it and the failure is reported once', async () => {
    const errors: unknown[] = [];
    const store = storeWith(
      sdkNamingOrNone(
        lazySdkNaming(`${CATALOGUE_SOURCE_FILE}.missing`, () => sdkCatalogueCode),
        (error) => errors.push(error),
      ),
    );
    await store.refresh();
    await store.refresh();
    assert.equal(store.state.status, 'ready');
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /ENOENT/);
    const model = store.state.model!;
    assert.ok(model.versions.every((v) => v.identity.kind === 'reported' && v.releaseHealth === undefined));
    assert.ok(
      model.sdks.some((s) => s.sdk === 'NodeJSClient') && model.sdks.some((s) => s.sdk === 'Node.js Server SDK'),
      'spellings as reported',
    );
  });
  test('an answer restored once the catalogue is read shows its SDKs under their names; before, as reported', async () => {
    const loaded = storeWith(async () => undefined);
    let fetched: FetchedAnswer | undefined;
    loaded.onDidFetch((f) => (fetched = f.answer));
    await loaded.refresh();
    assert.ok(fetched);
    const early = storeWith(async () => naming);
    assert.equal(early.restore(fetched, early.state), true);
    assert.ok(
      early.state.model!.versions.every((v) => v.identity.kind === 'reported'),
      'the catalogue not read yet: as reported',
    );
    const store = storeWith(async () => naming);
    await store.readCatalogue();
    assert.equal(store.restore(fetched, store.state), true);
    assert.equal(store.state.restored, true);
    assert.ok(store.state.model!.sdks.some((s) => s.sdk === 'Node.js Server SDK' && s.reportedSdks.length > 1));
  });
});

describe('the model with the catalogue against the oracle, on both data sets', () => {
  const NOW = Date.now();
  for (const dataset of ['messy', 'clean'] as const) {
    for (const source of ['server', 'client'] as const) {
      test(`${dataset}, ${source}: SDK rows, spellings, numbers and release-date health as test/support works them out`, async () => {
        local().setDataset(dataset);
        const body = await rawAnswer(local(), `/api/v2/usage/streams/${source}/bysdkversion`);
        const sdkVersions = await rawAnswer(local(), `/api/v2/usage/streams/${source}/sdkversions`);
        const want = expectedUsage([{ source, body, sdkVersions }], { catalogue: true, now: NOW });
        const model = buildUsageModel(
          [{ source, list: parseSeriesListText(body), knownVersions: parseSdkVersions(JSON.parse(sdkVersions)) }],
          'hourly',
          { naming, now: NOW },
        );
        const sdkRow = (s: { sdk: string; reportedSdks: readonly string[]; latest: number; newest: string | undefined }) =>
          JSON.stringify([s.sdk, [...s.reportedSdks].sort(), s.latest, s.newest]);
        assert.deepEqual(model.sdks.map(sdkRow).sort(), want.sdks.map(sdkRow).sort());
        const keyOf = (v: ReleaseDateVerdict | undefined) =>
          v === undefined ? undefined : v.kind === 'notJudged' ? 'releaseNotJudged' : RELEASE_DATE_KEYS[v.status];
        const versionRow = (v: { sdk: string; version: string; reportedSdks: readonly string[]; latest: number; peak: number }) =>
          JSON.stringify([v.sdk, v.version, [...v.reportedSdks].sort(), v.latest, v.peak]);
        assert.deepEqual(model.versions.map(versionRow).sort(), want.versions.map(versionRow).sort());
        for (const v of model.versions) {
          const expected = want.versions.find((w) => w.sdk === v.sdk && w.version === v.version)!;
          assert.equal(keyOf(v.releaseHealth), expected.releaseHealth, `${v.sdk} ${v.version}`);
        }
        if (dataset === 'messy')
          assert.ok(
            want.versions.some((v) => v.reportedSdks.length > 1),
            'a version under two spellings',
          );
      });
    }
  }
});
