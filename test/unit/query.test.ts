/**
 * The query's pure parts: which dimensions a saved query changes, filters read from saved values and
 * command arguments (tree rows included) and the filter's choices.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { filterOf, versionIdOf } from '../../src/commands/treeRows';
import {
  MAX_FILTER_SPELLINGS,
  asUsageFilter,
  filterChoices,
  filterSdkNames,
  isSourceSelection,
  queryChange,
  type UsageQuery,
} from '../../src/model/query';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { TreeNode } from '../../src/tree/sdkTree';
import { seriesList } from '../support/seriesLists';

const T0 = Date.UTC(2025, 2, 10);
const HOUR = 3_600_000;

const base: UsageQuery = { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: '', filter: {} };

describe('queryChange', () => {
  test('is undefined when every dimension asks for the same data, whatever objects hold it', () => {
    assert.equal(queryChange(base, { ...base, range: { kind: 'preset', preset: '24h' }, filter: {} }), undefined);
    const custom: UsageQuery = {
      ...base,
      range: { kind: 'custom', from: '2025-03-01', to: '2025-03-02' },
      filter: { sdk: 'node', version: '1.0' },
    };
    assert.equal(queryChange(custom, { ...custom, range: { ...custom.range }, filter: { sdk: 'node', version: '1.0' } }), undefined);
  });

  test('holds exactly the dimensions that differ', () => {
    assert.deepEqual(queryChange(base, { ...base, source: 'both' }), { source: 'both' });
    assert.deepEqual(queryChange(base, { ...base, range: { kind: 'preset', preset: '7d' }, timeZone: 'UTC' }), {
      range: { kind: 'preset', preset: '7d' },
      timeZone: 'UTC',
    });
    assert.deepEqual(queryChange({ ...base, filter: { sdk: 'node' } }, base), { filter: {} });
    assert.deepEqual(queryChange(base, { ...base, filter: { version: '2.0' } }), { filter: { version: '2.0' } });
  });

  test("a filter's other spellings are part of what it asks for, in their order", () => {
    const one = { ...base, filter: { sdk: 'NodeJSClient' } };
    const both = { ...base, filter: { sdk: 'NodeJSClient', otherSpellings: ['node-server'] } };
    assert.deepEqual(queryChange(one, both), { filter: both.filter });
    assert.deepEqual(queryChange(both, one), { filter: one.filter });
    assert.equal(queryChange(both, { ...both, filter: { sdk: 'NodeJSClient', otherSpellings: ['node-server'] } }), undefined);
    assert.ok(queryChange(both, { ...base, filter: { sdk: 'node-server', otherSpellings: ['NodeJSClient'] } }));
  });
});

describe('asUsageFilter', () => {
  test('keeps the string fields, as the API spells them', () => {
    assert.deepEqual(asUsageFilter({ sdk: ' Node <b> ', version: '1.0', other: 1 }), { sdk: ' Node <b> ', version: '1.0' });
    assert.deepEqual(asUsageFilter({ sdk: 'node', version: 3 }), { sdk: 'node' });
    assert.deepEqual(asUsageFilter({ version: '' }), { version: '' });
  });

  test('keeps other spellings of the SDK once each, strings only, beside an SDK only, and bounded', () => {
    assert.deepEqual(asUsageFilter({ sdk: 'a', otherSpellings: ['b', 'a', 3, 'b', 'c'] }), { sdk: 'a', otherSpellings: ['b', 'c'] });
    assert.deepEqual(asUsageFilter({ sdk: 'a', otherSpellings: 'b' }), { sdk: 'a' });
    assert.deepEqual(asUsageFilter({ sdk: 'a', otherSpellings: [] }), { sdk: 'a' });
    assert.deepEqual(asUsageFilter({ version: '1.0', otherSpellings: ['b'] }), { version: '1.0' });
    const many = asUsageFilter({ sdk: 's0', otherSpellings: Array.from({ length: 20 }, (_, i) => `s${i + 1}`) })!;
    assert.equal(filterSdkNames(many).length, MAX_FILTER_SPELLINGS);
    assert.deepEqual(filterSdkNames(many).slice(0, 3), ['s0', 's1', 's2']);
  });

  test('filterSdkNames: one request per name, or one without a name', () => {
    assert.deepEqual(filterSdkNames({}), [undefined]);
    assert.deepEqual(filterSdkNames({ version: '1.0' }), [undefined]);
    assert.deepEqual(filterSdkNames({ sdk: 'a', otherSpellings: ['b'] }), ['a', 'b']);
  });

  test('is undefined for anything that names neither an SDK nor a version', () => {
    for (const value of [undefined, null, 'node', 3, {}, { sdk: 1, version: null }, []])
      assert.equal(asUsageFilter(value), undefined, JSON.stringify(value));
  });
});

describe('filterChoices', () => {
  test('one entry per SDK in name order, its versions newest first and each once', () => {
    const seen = [
      { sdk: 'python', version: '1.9.0' },
      { sdk: 'go', version: '1.2.0' },
      { sdk: 'python', version: '1.10.0' },
      { sdk: 'python', version: '1.9.0' },
      { sdk: 'go', version: '2.0.0-rc.1' },
    ];
    assert.deepEqual(filterChoices(seen), [
      { label: 'go', filter: { sdk: 'go' }, versions: ['2.0.0-rc.1', '1.2.0'] },
      { label: 'python', filter: { sdk: 'python' }, versions: ['1.10.0', '1.9.0'] },
    ]);
    assert.deepEqual(filterChoices([]), []);
  });

  test("names of one loaded SDK row are offered under the row's label, with all its names; others as reported", () => {
    const seen = [
      { sdk: 'NodeJSClient', version: '9.7.1' },
      { sdk: 'Node.js Server SDK', version: '7.0.4' },
      { sdk: 'NodeJSClient', version: '8.11.2' },
      { sdk: 'JSClient', version: '3.1.0' },
      { sdk: 'mystery', version: '1.0.0' },
    ];
    const rows = [
      { sdk: 'Node.js Server SDK', reportedSdks: ['NodeJSClient', 'Node.js Server SDK', 'node-server'] },
      // One name in two rows (the version decides which SDK it is): offered as reported.
      { sdk: 'JavaScript Client SDK', reportedSdks: ['JSClient'] },
      { sdk: 'Browser SDK', reportedSdks: ['JSClient'] },
    ];
    assert.deepEqual(filterChoices(seen, rows), [
      { label: 'JSClient', filter: { sdk: 'JSClient' }, versions: ['3.1.0'] },
      { label: 'mystery', filter: { sdk: 'mystery' }, versions: ['1.0.0'] },
      {
        label: 'Node.js Server SDK',
        // The list seen lately names two; the loaded data a third.
        filter: { sdk: 'NodeJSClient', otherSpellings: ['Node.js Server SDK', 'node-server'] },
        versions: ['9.7.1', '8.11.2', '7.0.4'],
      },
    ]);
  });
});

describe('tree rows as command arguments', () => {
  const model = buildUsageModel(
    [
      {
        source: 'server',
        list: seriesList(
          [T0, T0 + HOUR],
          [
            { sdk: 'node', version: '2.0.0', values: [1, 2] },
            { sdk: 'node', version: '1.0.0', values: [3, 4] },
          ],
        ),
      },
    ],
    'hourly',
  );
  const [newer, older] = model.versions;
  const sdkRow: TreeNode = { kind: 'sdk', sdk: model.sdks[0]! };
  const versionRow: TreeNode = { kind: 'version', version: older! };
  const placed = (versionId: string | undefined): TreeNode => ({
    kind: 'placed',
    placed: { sdk: 'Node SDK', reportedSdk: 'Node SDK', version: 'v1.0.0', versionId, verdict: {} as never },
    environmentId: 'env',
  });

  test('an SDK row filters by its SDK, a version row by its SDK and version', () => {
    assert.deepEqual(filterOf(sdkRow, model.versions), { sdk: 'node' });
    assert.deepEqual(filterOf(versionRow, model.versions), { sdk: 'node', version: '1.0.0' });
  });

  test('a row merged from several spellings filters by all of them', () => {
    const spellings = ['NodeJSClient', 'Node.js Server SDK'];
    const mergedSdk: TreeNode = { kind: 'sdk', sdk: { ...model.sdks[0]!, reportedSdks: spellings } };
    const mergedVersion: TreeNode = { kind: 'version', version: { ...older!, reportedSdks: spellings } };
    assert.deepEqual(filterOf(mergedSdk, model.versions), { sdk: 'NodeJSClient', otherSpellings: ['Node.js Server SDK'] });
    assert.deepEqual(filterOf(mergedVersion, model.versions), {
      sdk: 'NodeJSClient',
      version: '1.0.0',
      otherSpellings: ['Node.js Server SDK'],
    });
  });

  test("a version under an environment filters by the stream version it stands for, not LaunchDarkly's spelling", () => {
    assert.deepEqual(filterOf(placed(newer!.id), model.versions), { sdk: 'node', version: '2.0.0' });
    assert.equal(filterOf(placed(undefined), model.versions), undefined);
  });

  test('a version row or one under an environment shows its version in the chart; an id passes as given', () => {
    assert.equal(versionIdOf(versionRow), older!.id);
    assert.equal(versionIdOf(placed(newer!.id)), newer!.id);
    assert.equal(versionIdOf('some id'), 'some id');
    assert.equal(versionIdOf(sdkRow), undefined);
  });

  test('anything that is not a row is read as a plain filter or nothing', () => {
    assert.deepEqual(filterOf({ sdk: 'go', version: '1.0' }, model.versions), { sdk: 'go', version: '1.0' });
    assert.deepEqual(filterOf({ kind: 'version', version: '1.0' }, model.versions), { version: '1.0' });
    for (const value of [undefined, 'node', { kind: 'sdk' }, { kind: 'version', version: 3 }, { kind: 'status' }]) {
      assert.equal(filterOf(value, model.versions), undefined, JSON.stringify(value));
      assert.equal(versionIdOf(value), typeof value === 'string' ? value : undefined);
    }
  });
});

describe('query', () => {
  test('isSourceSelection', () => {
    assert.ok(isSourceSelection('server') && isSourceSelection('client') && isSourceSelection('both'));
    assert.ok(!isSourceSelection('edge') && !isSourceSelection(undefined));
  });
});
