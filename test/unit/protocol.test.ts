/** The webview protocol guards: what each side accepts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { versionId } from '../../src/model/rowIds';
import { RANGE_PRESETS } from '../../src/model/timeRange';
import { isHostMessage, isWebviewMessage } from '../../src/protocol';

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
