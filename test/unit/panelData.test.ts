/** The panel's wire format: the model's cell arrays on the host, read as they are in the webview. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSeries, type ChartModel } from '../../src/model/chartData';
import { seriesLabel } from '../../src/presentation/labels';
import { buildUsageModel } from '../../src/model/modelBuild';
import { versionId } from '../../src/model/rowIds';
import { isHostMessage, packPanelData } from '../../src/protocol';
import { seriesList, valuesOf } from '../support/seriesLists';

const times = [0, 60_000, 120_000];
const model = buildUsageModel(
  [
    {
      source: 'server',
      list: seriesList(times, [
        { sdk: 'node-server', version: '9.7.1', values: [5, 7, 9] },
        { sdk: 'go-server', version: '7.4.0', values: [1, 0, 2] },
      ]),
    },
    { source: 'client', list: seriesList(times, [{ sdk: 'react', version: '3.1.0', values: [4, 4, 4] }]) },
  ],
  'minutely',
);

/** What arrives in the webview: VS Code sends the JSON parts as JSON and the typed arrays as they are. */
function overTheWire(data: ChartModel): ChartModel {
  const { cells, ...rest } = data;
  return {
    ...(JSON.parse(JSON.stringify(rest)) as Omit<ChartModel, 'cells'>),
    cells: { slots: cells.slots.slice(), values: cells.values.slice() },
  };
}

test("packing keeps every version's values, in order, and drops the per-SDK copies", () => {
  const packed = packPanelData(model);
  assert.ok(packed.cells.slots instanceof Int32Array && packed.cells.values instanceof Float64Array);
  assert.equal(packed.cells.values.length, 8, 'one cell per non-zero value, not versions × buckets');
  assert.ok(!('sdks' in packed));
  const received = overTheWire(packed);
  assert.deepEqual(
    received.versions.map((v) => [v.id, valuesOf(received, v)]),
    model.versions.map((v) => [v.id, valuesOf(model, v)]),
  );
  assert.deepEqual(received.health, model.health);
  assert.equal(received.latestTotal, model.latestTotal);
});

test('packing sends cell arrays exactly as long as their cells, not the buffer they were cut from', () => {
  const cut = { ...model, cells: { slots: new Int32Array(100).subarray(0, 8), values: new Float64Array(100).subarray(0, 8) } };
  const packed = packPanelData(cut);
  assert.equal(packed.cells.slots.buffer.byteLength, 8 * 4);
  assert.equal(packed.cells.values.buffer.byteLength, 8 * 8);
  assert.equal(packPanelData(model).cells.values.buffer.byteLength, model.cells.values.buffer.byteLength);
});

test('the chart reads received data exactly as it reads the model', () => {
  for (const groupBy of ['version', 'sdk'] as const) {
    const options = { topN: 1, groupBy, outdatedOnly: false };
    const fromModel = chartSeries(model, options).map((s) => [seriesLabel(s), Array.from(s.values)]);
    const fromWire = chartSeries(overTheWire(packPanelData(model)), options).map((s) => [seriesLabel(s), Array.from(s.values)]);
    assert.deepEqual(fromWire, fromModel);
  }
});

test('the webview accepts a state message only with consistent cells', () => {
  const status = { load: 'ready' };
  const packed = packPanelData(model);
  const withCells = (cells: unknown) => ({ type: 'state', status, data: { ...packed, cells } });
  const withVersion = (change: Record<string, unknown>) => ({
    type: 'state',
    status,
    data: { ...packed, versions: [{ ...packed.versions[0], ...change }] },
  });
  assert.equal(isHostMessage({ type: 'state', status, data: packed }), true);
  assert.equal(isHostMessage({ type: 'state', status, data: null }), true);
  assert.equal(isHostMessage({ type: 'state', status }), true);
  assert.equal(
    isHostMessage(withCells({ slots: Array.from(packed.cells.slots), values: packed.cells.values })),
    false,
    'slots must be an Int32Array',
  );
  assert.equal(
    isHostMessage(withCells({ slots: packed.cells.slots, values: Array.from(packed.cells.values) })),
    false,
    'values must be a Float64Array',
  );
  assert.equal(
    isHostMessage(withCells({ slots: packed.cells.slots, values: packed.cells.values.subarray(1) })),
    false,
    'as many values as slots',
  );
  assert.equal(isHostMessage(withCells({ slots: Int32Array.of(0, 3), values: Float64Array.of(1, 1) })), false, 'every slot a bucket');
  assert.equal(isHostMessage(withCells({ slots: Int32Array.of(-1), values: Float64Array.of(1) })), false);
  assert.equal(isHostMessage(withVersion({ cellEnd: packed.cells.values.length + 1 })), false, 'cell ranges inside the cells');
  assert.equal(isHostMessage(withVersion({ cellStart: 2, cellEnd: 1 })), false);
  assert.equal(isHostMessage(withVersion({ cellStart: '0' })), false);
  assert.equal(isHostMessage({ type: 'focus', versionId: versionId('server', 'node-server', '9.7.1') }), true);
  assert.equal(isHostMessage({ type: 'focus' }), false);
});

test('a model of 20,000 sparse versions is drawn from (topN + 2) dense rows, and "Other" loses nothing', () => {
  const minutes = Array.from({ length: 1_440 }, (_, p) => 1_700_000_000_000 + p * 60_000);
  const rows = Array.from({ length: 20_000 }, (_, i) => {
    const values = new Array<number>(minutes.length).fill(0);
    values[(i * 7) % 1_440] = 1 + (i % 50);
    values[(i * 13) % 1_440] += 2;
    return { sdk: `sdk-${i % 300}`, version: `1.${i}.0`, values };
  });
  const big = buildUsageModel([{ source: 'server', list: seriesList(minutes, rows) }], 'minutely');
  assert.ok(big.cells.values.length < 2 * 20_000);
  for (const groupBy of ['version', 'sdk'] as const) {
    const series = chartSeries(big, { topN: 10, groupBy, outdatedOnly: false });
    assert.equal(series.length, 11);
    assert.equal(series[10]!.isOther, true);
    const drawn = series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
    assert.equal(
      drawn,
      big.cells.values.reduce((a, b) => a + b, 0),
    );
    for (let k = 1; k < 10; k++) assert.ok(series[k - 1]!.peak >= series[k]!.peak, 'largest peaks first');
    assert.equal(series[0]!.peak, Math.max(...series[0]!.values));
  }
});
