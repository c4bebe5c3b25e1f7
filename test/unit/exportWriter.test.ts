/** Exports stream to their file: complete, or nothing at all (past the cap, cancelled, or failed), never half-written. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { takeCappedParts, writeChunksToFile } from '../../src/exportWriter';

function inFolder(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'export-writer-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** `count` chunks of `size` characters, made only as they are read. */
function* chunks(count: number, size: number, failAt = -1): Generator<string> {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error('the disk is full');
    yield String(i % 10).repeat(size);
  }
}

describe('writing an export', () => {
  test('writes every chunk, in order, and says how many bytes', () =>
    inFolder(async (dir) => {
      const target = path.join(dir, 'usage.csv');
      assert.equal(await writeChunksToFile(target, chunks(50, 1_000), 1_000_000, () => false), 50_000);
      assert.equal(readFileSync(target, 'utf8'), [...chunks(50, 1_000)].join(''));
      assert.deepEqual(readdirSync(dir), ['usage.csv']);
    }));

  test('past the cap: nothing is written, an existing file is left as it was, no partial file stays', () =>
    inFolder(async (dir) => {
      const target = path.join(dir, 'usage.csv');
      writeFileSync(target, 'the old export');
      assert.equal(await writeChunksToFile(target, chunks(50, 1_000), 20_000, () => false), 'tooLarge');
      assert.equal(readFileSync(target, 'utf8'), 'the old export');
      assert.deepEqual(readdirSync(dir), ['usage.csv']);
    }));

  test('cancelled: nothing is written', () =>
    inFolder(async (dir) => {
      let asked = 0;
      const outcome = await writeChunksToFile(path.join(dir, 'usage.json'), chunks(50, 1_000), 1_000_000, () => ++asked > 10);
      assert.equal(outcome, 'cancelled');
      assert.deepEqual(readdirSync(dir), []);
    }));

  test('a failure while writing is thrown, and no partial file stays', () =>
    inFolder(async (dir) => {
      await assert.rejects(
        writeChunksToFile(path.join(dir, 'usage.csv'), chunks(50, 1_000, 20), 1_000_000, () => false),
        /disk is full/,
      );
      assert.deepEqual(readdirSync(dir), []);
    }));

  test('a failed rename (the target is a folder) is thrown, and no partial file stays', () =>
    inFolder(async (dir) => {
      const target = path.join(dir, 'usage.csv');
      mkdirSync(target);
      await assert.rejects(
        writeChunksToFile(target, chunks(5, 1_000), 1_000_000, () => false),
        { code: /^(EISDIR|EPERM|EEXIST|ENOTEMPTY)$/ },
      );
      assert.deepEqual(readdirSync(dir), ['usage.csv']);
      assert.deepEqual(readdirSync(target), []);
    }));

  test('counts bytes, not characters: text past ASCII takes more', () =>
    inFolder(async (dir) => {
      const target = path.join(dir, 'usage.csv');
      assert.equal(await writeChunksToFile(target, ['é'.repeat(10)], 15, () => false), 'tooLarge');
      assert.equal(await writeChunksToFile(target, ['é'.repeat(10)], 20, () => false), 20);
    }));
});

/** The parts `takeCappedParts` hands on, as text, and what it said. */
async function taken(input: Iterable<string>, maxBytes: number, isCancelled = () => false) {
  const parts: string[] = [];
  const outcome = await takeCappedParts(input, maxBytes, isCancelled, (part) => void parts.push(new TextDecoder().decode(part)));
  return { parts, outcome };
}

describe('the capped parts every export target writes', () => {
  test('every chunk, encoded, in order, and the bytes taken', async () => {
    assert.deepEqual(await taken(['ab', 'é', 'c'], 100), { parts: ['ab', 'é', 'c'], outcome: 5 });
  });

  test('past the cap: stops before the chunk that passes it', async () => {
    assert.deepEqual(await taken(['ab', 'é', 'c'], 3), { parts: ['ab'], outcome: 'tooLarge' });
    assert.deepEqual(await taken(['ab', 'é', 'c'], 4), { parts: ['ab', 'é'], outcome: 'tooLarge' });
  });

  test('cancelled: stops before the next chunk', async () => {
    let asked = 0;
    assert.deepEqual(await taken(['a', 'b', 'c'], 100, () => ++asked > 2), { parts: ['a', 'b'], outcome: 'cancelled' });
  });

  test('a chunk past the cap says tooLarge even when cancelled too', async () => {
    assert.deepEqual(await taken(['abc'], 2, () => true), { parts: [], outcome: 'tooLarge' });
  });
});
