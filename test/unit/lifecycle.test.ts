/** Dispose once: what an owner registers is disposed with it, once, last first, even when one of them throws. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DisposableOwner, type Disposable } from '../../src/lifecycle';

/** An owner whose registrations are open to the test, and a log of what was disposed. */
class Owner extends DisposableOwner {
  readonly add = <T extends Disposable>(item: T): T => this.register(item);
  get closed(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string): Disposable {
  return { dispose: () => void log.push(name) };
}

test('disposing the owner disposes what it registered, last registered first', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.add(recorder(log, 'panel'));
  owner.add(recorder(log, 'listener'));
  assert.equal(owner.closed, false);
  owner.dispose();
  assert.deepEqual(log, ['listener', 'panel']);
  assert.equal(owner.closed, true);
});

test('a second dispose, also one from inside the first (onDidDispose answering dispose), does nothing', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.add(recorder(log, 'panel'));
  owner.add({ dispose: () => (log.push('onDidDispose'), owner.dispose()) });
  owner.dispose();
  owner.dispose();
  assert.deepEqual(log, ['onDidDispose', 'panel']);
});

test('something registered after the owner was disposed is disposed at once', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.dispose();
  const item = recorder(log, 'late');
  assert.equal(owner.add(item), item);
  assert.deepEqual(log, ['late']);
});

test('one item that throws does not keep the others alive; its error comes out afterwards', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.add(recorder(log, 'first'));
  owner.add({
    dispose: () => {
      throw new Error('broken');
    },
  });
  owner.add(recorder(log, 'last'));
  assert.throws(() => owner.dispose(), /broken/);
  assert.deepEqual(log, ['last', 'first']);
  assert.doesNotThrow(() => owner.dispose());
});

test('several failures come out together', () => {
  const owner = new Owner();
  for (const name of ['a', 'b']) {
    owner.add({
      dispose: () => {
        throw new Error(name);
      },
    });
  }
  assert.throws(
    () => owner.dispose(),
    (error: unknown) => error instanceof AggregateError && error.errors.map((e: Error) => e.message).join() === 'b,a',
  );
});
