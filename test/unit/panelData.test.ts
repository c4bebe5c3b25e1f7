/** The panel's wire format: packed into one Float64Array on the host, read back as views in the webview. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSeries } from '../../src/model/chartData';
import { buildUsageModel, versionId } from '../../src/model/usageModel';
import { isHostMessage, packPanelData, unpackPanelData } from '../../src/protocol';

const times = [0, 60_000, 120_000];
const model = buildUsageModel(
  [
    { source: 'server', list: { times, series: [{ sdk: 'node-server', version: '9.7.1', values: [5, 7, 9] }, { sdk: 'go-server', version: '7.4.0', values: [1, 0, 2] }] } },
    { source: 'client', list: { times, series: [{ sdk: 'react', version: '3.1.0', values: [4, 4, 4] }] } },
  ],
  'minutely',
);

test('packing keeps every version\'s values, in order, and drops the per-SDK copies', () => {
  const packed = packPanelData(model);
  assert.ok(packed.values instanceof Float64Array);
  assert.equal(packed.values.length, model.versions.length * times.length);
  assert.ok(!('sdks' in packed));
  const unpacked = unpackPanelData(packed);
  assert.deepEqual(
    unpacked.versions.map((v) => [v.id, Array.from(v.values)]),
    model.versions.map((v) => [v.id, [...v.values]]),
  );
  assert.deepEqual(unpacked.health, model.health);
  assert.equal(unpacked.latestTotal, model.latestTotal);
});

test('the chart reads unpacked data exactly as it reads the model', () => {
  const options = { topN: 1, groupBy: 'version' as const, staleOnly: false };
  const fromModel = chartSeries(model, options).map((s) => [s.label, Array.from(s.values)]);
  const fromWire = chartSeries(unpackPanelData(packPanelData(model)), options).map((s) => [s.label, Array.from(s.values)]);
  assert.deepEqual(fromWire, fromModel);
});

test('the webview accepts a state message only with consistently packed data', () => {
  const status = { status: 'ready' };
  const packed = packPanelData(model);
  assert.equal(isHostMessage({ type: 'state', status, data: packed }), true);
  assert.equal(isHostMessage({ type: 'state', status, data: null }), true);
  assert.equal(isHostMessage({ type: 'state', status }), true);
  assert.equal(isHostMessage({ type: 'state', status, data: { ...packed, values: Array.from(packed.values) } }), false, 'values must be a Float64Array');
  assert.equal(isHostMessage({ type: 'state', status, data: { ...packed, values: packed.values.subarray(1) } }), false, 'and hold every value');
  assert.equal(isHostMessage({ type: 'focus', versionId: versionId('server', 'node-server', '9.7.1') }), true);
  assert.equal(isHostMessage({ type: 'focus' }), false);
});
