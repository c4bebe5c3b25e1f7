/**
 * The saved answer's file: what is written reads back exactly and builds the same model; its key
 * stands for the token without holding it; and a file that is corrupt, cut short, too large,
 * foreign or wrong in any part is refused with a reason, never a crash.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MAX_SERIES, parseSdkVersions } from '../../src/api/parse';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { MAX_ANSWER_FILE_BYTES, answerKey, decodeAnswerFile, encodeAnswerFile } from '../../src/answerFile';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { UsageQuery } from '../../src/model/query';
import { resolveTimeZone } from '../../src/model/timeRange';
import type { FetchedAnswer } from '../../src/store';
import { hostile } from '../support/hostileText';
import { seriesList } from '../support/seriesLists';
import { HOUR, T0, hours } from '../support/usageAnswers';

const TOKEN = 'api-5a1ed0a5-0000-4000-8000-00000000cafe';
const BASE_URL = 'http://127.0.0.1:4321';
const QUERY: UsageQuery = { source: 'both', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} };
const KEY = answerKey(TOKEN, BASE_URL, QUERY);
const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures');
const NOW = Date.now();

/** Both sources of the messy fixture (names missing, blank, repeated; values the parser left out), with versions seen lately and verdicts. */
function messyAnswer(): FetchedAnswer {
  const list = parseSeriesListText(readFileSync(join(FIXTURES, 'bysdkversion-messy.json'), 'utf8'), NOW);
  const knownVersions = parseSdkVersions(JSON.parse(readFileSync(join(FIXTURES, 'sdkversions.json'), 'utf8')));
  const details = parseSdkVersionDetails([
    { name: 'node-server', version: '9.8.0', eolStatus: 'EolPast', projectKey: 'p\u202e', latestReleaseUrl: 'https://example.invalid/r' },
    { name: 'Android', version: '3.1.2', eolStatus: 'unheard-of', connectionType: 'PROXY', relayVersion: '8.0.0' },
  ]);
  return {
    answers: [
      { source: 'server', list, knownVersions },
      { source: 'client', list: seriesList(hours(3, list.times[0]), [{ sdk: 'js', version: '3.0.0', values: [0, 2 ** 40, 7] }]) },
    ],
    loaded: {
      source: 'both',
      preset: '24h',
      from: list.times[0]!,
      to: list.times[0]! + 24 * HOUR,
      granularity: 'hourly',
      timeZone: 'UTC',
      filter: {},
    },
    fetchedAt: NOW - 3 * HOUR,
    details: { ...details, fetchedAt: NOW - 4 * HOUR },
  };
}

function encoded(answer: FetchedAnswer = messyAnswer(), key = KEY): Uint8Array {
  const file = encodeAnswerFile(key, answer);
  assert.ok(file, 'the answer fits');
  return file;
}

/** Magic, version, header length and the SHA-256 of the rest. */
const PREFIX = 44;
type Cells = Int32Array | Uint16Array | Uint32Array | Float64Array;

/** A file taken apart: its header, and each answer's offsets, slots and values, copied. */
function unpack(file: Uint8Array): { header: Record<string, unknown>; arrays: Cells[] } {
  const bytes = Buffer.from(file);
  const end = PREFIX + bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', PREFIX, end)) as { answers: { series: unknown[]; cells: number; wide: boolean }[] };
  const arrays: Cells[] = [];
  let at = end;
  const take = <T extends Cells>(type: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    at += (type.BYTES_PER_ELEMENT - (at % type.BYTES_PER_ELEMENT)) % type.BYTES_PER_ELEMENT;
    const array = new type(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + length * type.BYTES_PER_ELEMENT));
    at += array.byteLength;
    return array;
  };
  for (const answer of header.answers) {
    arrays.push(take(Int32Array, answer.series.length + 1), take(Uint16Array, answer.cells));
    arrays.push(answer.wide ? take(Float64Array, answer.cells) : take(Uint32Array, answer.cells));
  }
  return { header, arrays };
}

/** A file of this layout around a header (an object, or any text) and arrays, with `tail` after them and a checksum that matches. */
function repack(header: unknown, arrays: readonly Cells[], version = 2, tail = new Uint8Array(0)): Buffer {
  const parts: Uint8Array[] = [Buffer.from(typeof header === 'string' ? header : JSON.stringify(header))];
  let size = PREFIX + parts[0]!.length;
  for (const array of arrays) {
    const pad = new Uint8Array((array.BYTES_PER_ELEMENT - (size % array.BYTES_PER_ELEMENT)) % array.BYTES_PER_ELEMENT);
    parts.push(pad, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    size += pad.length + array.byteLength;
  }
  parts.push(tail);
  const file = Buffer.concat([Buffer.alloc(PREFIX), ...parts]);
  file.write('LDUA', 0, 'latin1');
  file.writeUInt32LE(version, 4);
  file.writeUInt32LE(parts[0]!.length, 8);
  file.set(createHash('sha256').update(file.subarray(PREFIX)).digest(), 12);
  return file;
}

async function problemOf(file: Uint8Array, key = KEY): Promise<string> {
  const reading = decodeAnswerFile(file, key, NOW);
  assert.equal(reading.ok, false, 'the file is refused');
  return reading.ok ? '' : reading.problem;
}

describe('a saved answer read back', () => {
  test('equals what was written, typed arrays included, and builds the same model', async () => {
    const answer = messyAnswer();
    const reading = decodeAnswerFile(encoded(answer), KEY, NOW);
    assert.ok(reading.ok);
    assert.deepEqual(reading.answer, answer);
    const granularity = answer.loaded.granularity;
    assert.deepEqual(buildUsageModel(reading.answer.answers, granularity), buildUsageModel(answer.answers, granularity));
  });

  test('keeps hostile names exactly, character for character', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(hostile, hostile), { minLength: 1, maxLength: 8 }), async (names) => {
        const rows = names.map(([sdk, version], i) => ({ sdk, version, values: [i + 1, 0] }));
        const answer: FetchedAnswer = {
          ...messyAnswer(),
          answers: [{ source: 'server', list: seriesList(hours(2), rows) }],
          details: undefined,
        };
        const reading = decodeAnswerFile(encoded({ ...answer, loaded: { ...answer.loaded, source: 'server' } }), KEY, NOW);
        assert.ok(reading.ok);
        assert.deepEqual(
          reading.answer.answers[0]!.list.series,
          names.map(([sdk, version]) => ({ sdk, version })),
        );
      }),
      { numRuns: 60 },
    );
  });

  test('an answer per source and SDK name filtered by reads back in the order asked, and a count that does not match is refused', async () => {
    const answer = messyAnswer();
    const filter = { sdk: 'NodeJSClient', otherSpellings: ['Node.js Server SDK'] };
    const perName: FetchedAnswer = {
      ...answer,
      answers: [
        answer.answers[0]!,
        { source: 'server', list: seriesList(hours(2), [{ sdk: 'Node.js Server SDK', version: '9.7.1', values: [3, 0] }]) },
        answer.answers[1]!,
        { source: 'client', list: seriesList([], []) },
      ],
      loaded: { ...answer.loaded, filter },
    };
    const key = answerKey(TOKEN, BASE_URL, { ...QUERY, filter });
    const reading = decodeAnswerFile(encoded(perName, key), key, NOW);
    assert.ok(reading.ok);
    assert.deepEqual(reading.answer, perName);
    assert.deepEqual(
      reading.answer.answers.map((a) => a.source),
      ['server', 'server', 'client', 'client'],
    );
    const oneName = { ...perName, loaded: { ...perName.loaded, filter: { sdk: 'NodeJSClient' } } };
    const oneKey = answerKey(TOKEN, BASE_URL, { ...QUERY, filter: oneName.loaded.filter });
    assert.match(await problemOf(encoded(oneName, oneKey), oneKey), /do not match its source/);
  });

  test('an answer past 20 MB is not written', async () => {
    const name = 'n'.repeat(250_000);
    const rows = Array.from({ length: 100 }, (_, i) => ({ sdk: `${name}${i}`, version: '1.0.0', values: [1] }));
    const answer: FetchedAnswer = { ...messyAnswer(), answers: [{ source: 'server', list: seriesList([T0], rows) }] };
    assert.equal(encodeAnswerFile(KEY, { ...answer, loaded: { ...answer.loaded, source: 'server' } }), undefined);
  });
});

describe('the key of a saved answer', () => {
  test('holds neither the token nor any part of it, and the file holds the key, not the token', async () => {
    assert.match(KEY, /^[0-9a-f]{64}$/);
    for (const part of TOKEN.split('-').filter((p) => p.length >= 4)) assert.ok(!KEY.includes(part), part);
    const text = Buffer.from(encoded()).toString('latin1');
    assert.ok(!text.includes(TOKEN.slice(4, 12)));
    assert.ok(text.includes(KEY));
  });

  test('differs by token, API host and every part of the query, and not by how the same zone is asked for', () => {
    const others = [
      answerKey('api-5a1ed0a5-0000-4000-8000-00000000caff', BASE_URL, QUERY),
      answerKey(TOKEN, 'http://127.0.0.1:4322', QUERY),
      answerKey(TOKEN, BASE_URL, { ...QUERY, source: 'server' }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, range: { kind: 'preset', preset: '7d' } }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, range: { kind: 'custom', from: '2025-01-01', to: '2025-01-02' } }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, timeZone: 'Europe/Berlin' }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, filter: { sdk: 'node-server' } }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, filter: { version: 'node-server' } }),
      answerKey(TOKEN, BASE_URL, { ...QUERY, filter: { sdk: 'node-server', otherSpellings: ['NodeJSClient'] } }),
    ];
    assert.equal(new Set([KEY, ...others]).size, others.length + 1);
    const machine = resolveTimeZone('');
    assert.equal(answerKey(TOKEN, BASE_URL, { ...QUERY, timeZone: '' }), answerKey(TOKEN, BASE_URL, { ...QUERY, timeZone: machine }));
  });
});

describe('a file that is not a sound saved answer is refused with a reason', () => {
  test('another key (another account, host or query)', async () => {
    assert.match(await problemOf(await encoded(), answerKey(TOKEN, BASE_URL, { ...QUERY, source: 'client' })), /another account/);
  });

  test('bytes that are not a saved answer, a flipped byte anywhere past the checksum, and every cut', async () => {
    const file = encoded();
    assert.match(await problemOf(Buffer.from('{"key":"x"}')), /not a saved answer/);
    for (const at of [PREFIX, Math.floor(file.length / 2), file.length - 1]) {
      const flipped = Buffer.from(file);
      flipped[at]! ^= 0x40;
      assert.match(await problemOf(flipped), /checksum differs/);
    }
    for (let cut = 0; cut < file.length; cut += Math.max(1, Math.floor(file.length / 97))) await problemOf(file.subarray(0, cut));
  });

  test('a file past 20 MB is refused unread', async () => {
    assert.match(await problemOf(new Uint8Array(MAX_ANSWER_FILE_BYTES + 1)), /larger than 20 MB/);
  });

  test('another magic or format version, a header that is not JSON, bytes past the end, arrays cut short', async () => {
    const { header, arrays } = unpack(encoded());
    assert.deepEqual(repack(header, arrays), Buffer.from(encoded()), 'the test writes the layout as the product does');
    const otherMagic = Buffer.from(encoded());
    otherMagic.write('PK', 0, 'latin1');
    assert.match(await problemOf(otherMagic), /not a saved answer/);
    assert.match(await problemOf(repack(header, arrays, 3)), /another format version/);
    assert.match(await problemOf(repack('{"key": no', arrays)), /not JSON/);
    assert.match(await problemOf(repack(header, arrays, 2, new Uint8Array(4))), /bytes past/);
    assert.match(await problemOf(repack(header, [...arrays.slice(0, -1), arrays.at(-1)!.subarray(1)])), /cut short/);
  });

  /** The parts of a header the cases below change. */
  interface Header {
    fetchedAt: unknown;
    loaded: { source: unknown; preset: unknown; from: number; to: unknown; granularity: unknown; timeZone: unknown; filter?: unknown };
    answers: { times: unknown[]; series: unknown[]; ignoredValues: unknown; timeSpan: unknown }[];
    details: { entries: unknown };
  }

  /** The problem with a good file whose header has one change made to it. */
  async function withHeader(edit: (header: Header) => void): Promise<string> {
    const { header, arrays } = unpack(encoded());
    edit(header as unknown as Header);
    return problemOf(repack(header, arrays));
  }

  test('a header wrong in any part', async () => {
    const cases: [string, (h: Header) => void, RegExp][] = [
      ['a fetch time in the future', (h) => (h.fetchedAt = NOW + 3 * 86_400_000), /fetch time/],
      ['a fetch time as text', (h) => (h.fetchedAt = String(h.fetchedAt)), /fetch time/],
      ['an unknown source', (h) => (h.loaded.source = 'edge'), /source/],
      ['one answer for two sources', (h) => h.answers.pop(), /answers do not match/],
      ['answers in the wrong order', (h) => h.answers.reverse(), /answers do not match/],
      ['an unknown time zone', (h) => (h.loaded.timeZone = 'Mars/Olympus'), /time zone/],
      ['an unknown bucket size', (h) => (h.loaded.granularity = 'weekly'), /bucket size/],
      ['an unknown preset', (h) => (h.loaded.preset = '1y'), /range is unknown/],
      ['a range ending before it starts', (h) => (h.loaded.to = h.loaded.from - 1), /range is impossible/],
      ['no filter', (h) => delete h.loaded.filter, /filter/],
      ['times out of order', (h) => h.answers[0].times.reverse(), /not ascending/],
      ['a time in 1970', (h) => (h.answers[0].times[0] = 1_000), /plausible/],
      ['more times than the limit', (h) => (h.answers[0].times = Array.from({ length: 10_001 }, (_, i) => T0 + i)), /times are not a list/],
      ['a name that is not text', (h) => (h.answers[0].series[0] = [1, '2']), /pairs of names/],
      [
        'more series than the limit',
        (h) => (h.answers[0].series = Array.from({ length: MAX_SERIES + 1 }, () => ['a', 'b'])),
        /series are not a list/,
      ],
      ['a negative count', (h) => (h.answers[0].ignoredValues = -1), /ignored values/],
      ['an impossible time span', (h) => (h.answers[0].timeSpan = [5, 4]), /time span/],
      ['verdicts that are not a list', (h) => (h.details.entries = 'EolPast'), /verdicts/],
      ['a verdict that is not an object', (h) => (h.details.entries as unknown[]).push(7), /verdicts/],
    ];
    for (const [what, edit, problem] of cases) assert.match(await withHeader(edit), problem, what);
  });

  test('cells that are out of range, out of order, zero or not whole', async () => {
    const list = seriesList(hours(3), [{ sdk: 'node', version: '1.0.0', values: [1, 2, 3] }]);
    const answer: FetchedAnswer = {
      answers: [{ source: 'server', list }],
      loaded: { source: 'server', preset: '24h', from: T0, to: T0 + 2 * HOUR, granularity: 'hourly', timeZone: 'UTC', filter: {} },
      fetchedAt: T0 + 3 * HOUR,
      details: undefined,
    };
    const { header, arrays } = unpack(encoded(answer));
    const [offsets, slots, values] = arrays as [Int32Array, Uint16Array, Uint32Array];
    const edited = (array: Cells, at: number, value: number) => {
      const copies = [offsets.slice(), slots.slice(), values.slice()];
      copies[arrays.indexOf(array)]![at] = value;
      return repack(header, copies);
    };
    assert.match(await problemOf(edited(slots, 2, 3)), /out of order or out of range/);
    assert.match(await problemOf(edited(slots, 0, 2)), /out of order or out of range/);
    assert.match(await problemOf(edited(values, 0, 0)), /count of connections/);
    assert.match(await problemOf(edited(offsets, 1, 2)), /offsets are impossible/);
    const wide = { ...header, answers: [{ ...(header.answers as object[])[0], wide: true }] };
    assert.match(await problemOf(repack(wide, [offsets, slots, new Float64Array([1.5, 2, 3])])), /count of connections/);
  });
});

describe('the file format, a bundle of its own', () => {
  const sourceFiles = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
    });

  test('is imported by the rest of src/ for its types only, so its checks stay out of the activation bundle', () => {
    const valueImports = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\bimport\s+(type\s+)?[^;]*?from\s+'([^']*\/answerFile)'|\bimport\(\s*'([^']*\/answerFile)'\s*\)/g,
        ),
      ]
        .filter((match) => !match[1])
        .map((match) => `${relative(ROOT, file)} imports ${match[2] ?? match[3]}`),
    );
    assert.deepEqual(valueImports, []);
  });

  test('is built as dist/answerFile.js and carried by the package', () => {
    assert.match(
      readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8'),
      /entryPoints: \['src\/answerFile\.ts'\],\s*outfile: 'dist\/answerFile\.js'/,
    );
    assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/answerFile.js'));
    assert.match(readFileSync(join(ROOT, 'src/answerFolder.ts'), 'utf8'), /ANSWER_FILE_BUNDLE = 'dist\/answerFile\.js'/);
  });
});
