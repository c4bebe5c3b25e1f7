/** The error actions beside the command ids: which values pass the check, and the command each runs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_ACTIONS, actionCommand, isErrorAction } from '../../src/contributions';

test('only the error actions pass the check', () => {
  assert.deepEqual(ERROR_ACTIONS, ['setToken', 'refresh', 'tryNow', 'openSettings', 'chooseTimeRange']);
  for (const action of ERROR_ACTIONS) assert.ok(isErrorAction(action));
  for (const other of ['exportData', 'SETTOKEN', '', 'toString', 'constructor', undefined, 1, {}])
    assert.ok(!isErrorAction(other), String(other));
});

test('each error action runs the command of its name', () => {
  assert.deepEqual(
    ERROR_ACTIONS.map((action) => actionCommand(action)),
    [
      'launchdarklyUsage.setToken',
      'launchdarklyUsage.refresh',
      'launchdarklyUsage.tryNow',
      'launchdarklyUsage.openSettings',
      'launchdarklyUsage.chooseTimeRange',
    ],
  );
});
