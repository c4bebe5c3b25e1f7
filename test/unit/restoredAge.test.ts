/** The minute clock that keeps restored data's age true in every view while it is on show, and only then. */
import { describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { sayAgeWhileRestored } from '../../src/restoredAge';
import type { StoreState } from '../../src/store';

function fakeStore(restored: boolean) {
  const listeners = new Set<(state: StoreState) => void>();
  const store = {
    state: { restored } as StoreState,
    onDidChange: (listener: (state: StoreState) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    set(next: boolean) {
      store.state = { restored: next } as StoreState;
      for (const listener of listeners) listener(store.state);
    },
    listeners,
  };
  return store;
}

describe('sayAgeWhileRestored', () => {
  test('says the age each minute while restored data is on show, stops when it is replaced, and on dispose', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const store = fakeStore(true);
      let said = 0;
      const clock = sayAgeWhileRestored(store, () => said++);
      mock.timers.tick(59_999);
      assert.equal(said, 0);
      mock.timers.tick(1);
      assert.equal(said, 1);
      mock.timers.tick(120_000);
      assert.equal(said, 3);
      store.set(true);
      mock.timers.tick(60_000);
      assert.equal(said, 4, 'one clock, however many changes');
      store.set(false);
      mock.timers.tick(600_000);
      assert.equal(said, 4, 'fresh data: its age is not said');
      store.set(true);
      mock.timers.tick(60_000);
      assert.equal(said, 5);
      clock.dispose();
      mock.timers.tick(600_000);
      assert.equal(said, 5);
      assert.equal(store.listeners.size, 0);
    } finally {
      mock.timers.reset();
    }
  });

  test('no clock while nothing restored is on show', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      let said = 0;
      const clock = sayAgeWhileRestored(fakeStore(false), () => said++);
      mock.timers.tick(600_000);
      assert.equal(said, 0);
      clock.dispose();
    } finally {
      mock.timers.reset();
    }
  });
});
