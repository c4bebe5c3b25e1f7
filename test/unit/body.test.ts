/** Reading a response body once: an all-ASCII body's bytes padded for the scanner, and the text when asked for. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BODY_PADDING, BodyTooLargeError, readBody } from '../../src/api/body';

async function* chunksOf(...pieces: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  yield* pieces;
}

describe('readBody', () => {
  test('an ASCII body arrives in pieces: its text, and its bytes followed by zero padding', async () => {
    const body = await readBody(chunksOf('{"series":', Buffer.from('[]}')), 100);
    assert.equal(body.text, '{"series":[]}');
    assert.ok(body.asciiBytes);
    assert.equal(Buffer.from(body.asciiBytes.subarray(0, 13)).toString('latin1'), '{"series":[]}');
    assert.deepEqual([...body.asciiBytes.subarray(13)], new Array(BODY_PADDING).fill(0));
  });

  test('a body with any non-ASCII byte gives its text only (decoded as UTF-8, a BOM dropped)', async () => {
    const cases: [Uint8Array, string][] = [
      [Buffer.from('{"sdk":"Café"}'), '{"sdk":"Café"}'],
      [Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), '{}'],
      [Buffer.from([0x7b, 0xff, 0x7d]), '{\uFFFD}'],
    ];
    for (const [bytes, text] of cases) {
      const body = await readBody(chunksOf(bytes), 100);
      assert.equal(body.text, text);
      assert.equal(body.asciiBytes, undefined);
    }
  });

  test('no body stream reads as an empty body', async () => {
    assert.equal((await readBody(null, 100)).text, '');
  });

  test('a body of exactly the cap is read; one byte more is refused while reading', async () => {
    assert.equal((await readBody(chunksOf('x'.repeat(60), 'y'.repeat(40)), 100)).text.length, 100);
    let pulledAfterCap = false;
    async function* tooMuch(): AsyncGenerator<string> {
      yield 'x'.repeat(60);
      yield 'y'.repeat(41);
      pulledAfterCap = true;
      yield 'z';
    }
    await assert.rejects(readBody(tooMuch(), 100), (error: unknown) => error instanceof BodyTooLargeError && error.maxBytes === 100);
    assert.equal(pulledAfterCap, false);
  });
});

describe("a body's first character that is not white space", () => {
  test('found past any white space (a BOM included), whole code points, the same once the text is made', async () => {
    const cases: [Uint8Array | string, string | undefined][] = [
      ['{}', '{'],
      ['\r\n\t <p>', '<'],
      [Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x3c]), '<'],
      [`${'\u3000'.repeat(2_000)}x`, 'x'],
      [' 😀', '😀'],
      [Buffer.from([0x20, 0xff, 0x3c]), '\uFFFD'],
      ['  \n', undefined],
      ['', undefined],
    ];
    for (const [input, first] of cases) {
      const body = await readBody(chunksOf(input), 10_000);
      assert.equal(body.firstNonSpace(), first, JSON.stringify(input).slice(0, 40));
      void body.text;
      assert.equal(body.firstNonSpace(), first);
    }
  });
});
