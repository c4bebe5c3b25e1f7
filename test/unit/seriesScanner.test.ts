/**
 * parseSeriesListText must be parseSeriesList(JSON.parse(text), now) without the objects: the same
 * SeriesList for every valid body, the same UsageApiError (kind and message) for every JSON body
 * that is not a valid answer, and a JsonSyntaxError exactly when JSON.parse throws. Checked on
 * fixtures, hand-picked edge cases, and random, shuffled, re-escaped and mutated bodies.
 */
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UsageApiError } from '../../src/api/errors';
import { presentError } from '../../src/presentation/errors';
import { EARLIEST_PLAUSIBLE_TIME, MAX_POINTS, MAX_SERIES, type SeriesList } from '../../src/api/parse';
import { parseSeriesList } from '../support/referenceParser';
import { denseSeries } from '../support/seriesLists';
import { JsonSyntaxError } from '../../src/api/jsonSyntax';
import { parseSeriesListBody, parseSeriesListText } from '../../src/api/seriesScanner';
import { BODY_PADDING, ResponseBody } from '../../src/api/body';
import { buildUsageModel } from '../../src/model/modelBuild';
import { makeBody } from '../support/usageBodies';
import { seededRandom } from '../support/random';

type Outcome = { ok: SeriesList } | { syntaxError: true } | { invalid: string; kind: string };

/** The clock both readings judge times by: plausible times run from 2015 to a day after it. */
const NOW = Date.UTC(2026, 10, 30);

/** The two kinds a body that is JSON but not an answer to read may give. */
const refused = (error: unknown): error is UsageApiError =>
  error instanceof UsageApiError && (error.kind === 'invalidResponse' || error.kind === 'tooLarge');

/** The reference: what the client did before, JSON.parse then validation. */
function viaJsonParse(text: string): Outcome {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return { syntaxError: true };
    throw error;
  }
  try {
    return { ok: parseSeriesList(body, NOW) };
  } catch (error) {
    if (refused(error)) return { invalid: error.message, kind: error.kind };
    throw error;
  }
}

/**
 * The scanner; any exception but the two expected ones fails the test. Every text is also read the
 * way the client reads a response (api/body.ts: an all-ASCII body from its own bytes, its text
 * never made), which must give the same outcome, error messages included.
 */
function viaScanner(text: string): Outcome {
  const outcome = scanOutcome(() => parseSeriesListText(text, NOW));
  const bytes = Buffer.from(text);
  const body = new TextlessBody(Buffer.concat([bytes], bytes.length + BODY_PADDING), bytes.length);
  if (body.asciiBytes) {
    assert.deepEqual(
      syntaxErrorOf(() => parseSeriesListBody(body, NOW)),
      syntaxErrorOf(() => parseSeriesListText(text, NOW)),
    );
    assert.deepEqual(
      scanOutcome(() => parseSeriesListBody(body, NOW)),
      outcome,
    );
  }
  return outcome;
}

/** The message and position of the scanner's syntax error, if it finds one. */
function syntaxErrorOf(scan: () => SeriesList): { message: string; position: number } | undefined {
  try {
    scan();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, position: error.position };
  }
  return undefined;
}

/** A body whose text may not be asked for: an all-ASCII one is read from its bytes alone. */
class TextlessBody extends ResponseBody {
  override get text(): string {
    throw new Error('the text of an all-ASCII body was made');
  }
}

function scanOutcome(scan: () => SeriesList): Outcome {
  try {
    return { ok: scan() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { syntaxError: true };
    if (refused(error)) return { invalid: error.message, kind: error.kind };
    throw error;
  }
}

/** The SeriesList contract: times plausible and ascending, each series' cells ascending, positive whole numbers. */
function assertWellFormed(list: SeriesList): void {
  list.times.forEach((t, p) => {
    assert.ok(t >= EARLIEST_PLAUSIBLE_TIME && t <= NOW + 86_400_000 && Number.isSafeInteger(t), `time ${t}`);
    if (p > 0) assert.ok(t > list.times[p - 1]!, 'times strictly ascending');
  });
  const { slots, values } = list.cells;
  assert.equal(list.offsets.length, list.series.length + 1);
  assert.equal(list.offsets[0], 0);
  assert.equal(list.offsets[list.series.length], values.length);
  assert.equal(slots.length, values.length);
  for (let i = 0; i < list.series.length; i++) {
    for (let c = list.offsets[i]!; c < list.offsets[i + 1]!; c++) {
      assert.ok(slots[c]! >= 0 && slots[c]! < list.times.length, 'a slot outside the times');
      if (c > list.offsets[i]!) assert.ok(slots[c]! > slots[c - 1]!, 'cells ascending by slot');
      assert.ok(Number.isSafeInteger(values[c]) && values[c]! > 0, `value ${values[c]}`);
    }
  }
}

/** Both paths agree exactly (deepStrictEqual tells -0 from 0), and no value is NaN or otherwise odd. */
function assertSame(text: string): Outcome {
  const expected = viaJsonParse(text);
  const actual = viaScanner(text);
  assert.deepStrictEqual(actual, expected, `for ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`);
  if ('ok' in actual) {
    assertWellFormed(actual.ok);
  }
  return actual;
}

function assertValid(text: string): SeriesList {
  const outcome = assertSame(text);
  assert.ok('ok' in outcome, `expected a valid body, got ${JSON.stringify(outcome)}`);
  return outcome.ok;
}

function assertInvalid(text: string, problem: RegExp, kind = 'invalidResponse'): void {
  const outcome = assertSame(text);
  assert.ok('invalid' in outcome, `expected an invalid answer, got ${JSON.stringify(outcome).slice(0, 200)}`);
  assert.match(outcome.invalid, problem);
  assert.equal(outcome.kind, kind);
  let caught: unknown;
  try {
    parseSeriesListText(text, NOW);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UsageApiError);
  assert.deepEqual(presentError(caught).actions, ['refresh']);
}

function assertNotJson(text: string): void {
  const outcome = assertSame(text);
  assert.ok('syntaxError' in outcome, `expected a syntax error, got ${JSON.stringify(outcome).slice(0, 200)}`);
  assert.throws(
    () => parseSeriesListText(text, NOW),
    (error: unknown) => error instanceof JsonSyntaxError && error.name === 'JsonSyntaxError' && error.position >= 0,
  );
}

function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

const T0 = 1677888000000;
const META = '[{"sdk":"node-server","version":"9.7.1"},{"sdk":"go-server-sdk","version":"7.4.0"}]';
/** A two-series body with the given points (JSON text of the array's elements). */
const body = (points: string, metadata = META) => `{"metadata":${metadata},"series":[${points}]}`;

const FIXTURES = [
  'bysdkversion-synthetic.json',
  'bysdkversion-keys-out-of-order.json',
  'bysdkversion-messy.json',
  'bysdkversion-empty.json',
  'bysdkversion-reference-example.json',
  'bysdkversion-reference-typed.json',
  'bysdkversion-single-value-key.json',
  'bysdkversion-tolerated.json',
];

describe('parseSeriesListText: valid bodies', () => {
  for (const name of FIXTURES) {
    test(`reads ${name} as is, compact, indented with tabs, and with series before metadata`, () => {
      const text = fixtureText(name);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      assertValid(text);
      assertValid(JSON.stringify(parsed));
      assertValid(JSON.stringify(parsed, null, '\t'));
      const { series, ...rest } = parsed;
      assertValid(JSON.stringify({ series, ...rest }));
    });
  }

  test('reads generated minutely bodies like the API sends them', () => {
    const list = assertValid(makeBody(40, 200));
    assert.equal(list.series.length, 40);
    assert.equal(list.times.length, 200);
    assertValid(makeBody(3, 1440));
    assertValid(makeBody(0, 10));
    assertValid(makeBody(5, 0));
  });

  test('reads the example body of the API reference', () => {
    const list = assertValid(
      `{"_links": {}, "metadata": [{"sdk": "node-server", "version": "9.7.1", "source": "server"}, {"sdk": "go-server-sdk", "version": "7.4.0", "source": "server"}],
        "series": [{"time": 1677888000000, "0": 11, "1": 15}, {"time": 1677891600000, "0": 12, "1": 14}]}`,
    );
    assert.deepEqual(list.times, [1677888000000, 1677891600000]);
    assert.deepEqual(denseSeries(list), [
      { sdk: 'node-server', version: '9.7.1', values: [11, 12] },
      { sdk: 'go-server-sdk', version: '7.4.0', values: [15, 14] },
    ]);
    assert.deepEqual([list.ignoredValues, list.droppedTimes], [0, 0]);
  });

  const cases: [string, string][] = [
    ['an empty answer', '{"metadata":[],"series":[]}'],
    ['metadata without points', body('')],
    ['points without series', body(`{"time":${T0}},{"time":${T0 + 1}}`, '[]')],
    ['absent keys (0)', body(`{"time":${T0},"1":5},{"time":${T0 + 1}},{"time":${T0 + 2},"0":7}`)],
    ['unsorted times', body(`{"time":${T0 + 2},"0":3},{"time":${T0},"0":1,"1":9},{"time":${T0 + 1},"0":2}`)],
    ['series before metadata', `{"series":[{"time":${T0},"0":1,"1":2}],"_links":{"self":{"href":"/x"}},"metadata":${META}}`],
    [
      'unknown top-level keys of every kind',
      `{"a":[1,-2.5e-3,true,false,null,{"b":[[]]}],"metadata":${META},"z":"\\u00e9\\n","series":[{"time":${T0},"0":1}],"n":null,"o":{}}`,
    ],
    [
      'whitespace around every token',
      ` \t\r\n{ "metadata" : [ { "sdk" : "a" , "version" : "1" } , { } ] ,\n\t"series" : [ { "time" : ${T0} , "0" : 4 , "1" : 5 } , {"time":${T0 + 1}, "1":6 } ] } \n`,
    ],
    ['every whitespace character between members', `{"metadata":${META},"series":[{"time":${T0}\r,\t"0":1\n,"1"\r:\t2}]}`],
    [
      'numbers with fractions and exponents that are whole',
      body(`{"time":1.677888e12,"0":1e2,"1":100.000},{"time":${T0 + 1}E0,"0":150E-1,"1":0.0},{"time":${T0 + 2}e+0,"0":0e5,"1":2.50e1}`),
    ],
    ['-0, which JSON.parse reads as -0', body(`{"time":-0,"0":-0,"1":-0.0}`)],
    [
      'zero, the largest safe integer and the last valid time',
      body(`{"time":0,"0":0,"1":9007199254740991},{"time":8640000000000000,"0":123456789012}`),
    ],
    ['keys written with escapes', body(`{"\\u0074ime":${T0},"\\u0031":3,"\\u0030":4}`)],
    ['duplicate keys in a point: the last wins', body(`{"time":1,"0":"x","0":5,"1":-1,"1":6,"time":${T0}}`)],
    ['duplicate top-level keys: the last wins', `{"series":5,"metadata":"x","series":[{"time":${T0},"0":1}],"metadata":[{"sdk":"a"}]}`],
    [
      'metadata redefined after the series with another length',
      `{"metadata":[{}],"series":[{"time":${T0},"1":7}],"metadata":[{},{"sdk":"b"}]}`,
    ],
    [
      'metadata names with escapes, Unicode and blanks',
      `{"metadata":[{"sdk":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude80","version":" \\t 1.2.3 \\n"},{"sdk":"ñode-sérvér 🚀","version":"  "},{"sdk":"\\ud800 lone"}],"series":[{"time":${T0},"2":1}]}`,
    ],
    [
      'repeated names, and names whose escaped text reads as another name',
      `{"metadata":[{"sdk":"a\\\\nb","version":"1"},{"sdk":"a\\nb","version":"1"},{"sdk":"a\\\\nb","version":"a\\\\nb"},{"sdk":"a\\nb","version":"1"}],"series":[{"time":${T0},"0":1,"1":2,"2":3,"3":4}]}`,
    ],
    [
      'metadata names that are not strings',
      '{"metadata":[{"sdk":1.50,"version":1e400},{"sdk":null,"version":true},{"sdk":{},"version":[]},{"sdk":-0,"version":12345678901234567890}],"series":[]}',
    ],
    [
      'metadata items with extra, duplicate and "__proto__" keys',
      `{"metadata":[{"sdk":"a","sdk":"b","version":"1","__proto__":{"sdk":"c"},"eol":{"status":"ok"}},{"__proto__":{"version":"2"}}],"series":[{"time":${T0},"0":1,"1":2}]}`,
    ],
    [
      'values either side of 2^31, kept exactly, repeated and overridden',
      body(
        `{"time":${T0},"0":2147483647,"1":2147483648},{"time":${T0 + 1},"0":4294967296,"0":null,"1":0,"1":9007199254740991},{"time":${T0 + 2},"0":-1,"0":2147483649}`,
      ),
    ],
    [
      'values too long for the fast path',
      body(`{"time":${T0},"0":1234567890123,"1":1000000000e-9},{"time":${T0 + 1},"0":100000000,"1":999999999}`),
    ],
    ['nesting as deep as JSON.parse allows', `{"_links":${'['.repeat(20_000)}${']'.repeat(20_000)},"metadata":[],"series":[]}`],
  ];
  for (const [what, text] of cases) {
    test(`reads ${what}`, () => {
      assertValid(text);
    });
  }

  test('reads -0 as no connections, leaving no cell', () => {
    const list = assertValid(body(`{"time":${T0},"0":-0,"1":5}`));
    assert.deepEqual(Array.from(list.offsets), [0, 0, 1]);
    assert.deepEqual(denseSeries(list)[0]!.values, [0]);
  });

  test('makes room for points of any size: one small point before big ones, and the other way round', () => {
    const count = 60;
    const metadata = JSON.stringify(Array.from({ length: count }, (_, i) => ({ sdk: `s${i}`, version: '1.0.0' })));
    const full = (p: number) => `{"time":${T0 + p},${Array.from({ length: count }, (_, i) => `"${i}":${(p * 31 + i) % 20000}`).join(',')}}`;
    const empty = (p: number) => `{"time":${T0 + p}}`;
    assertValid(body([empty(0), ...Array.from({ length: 300 }, (_, p) => full(p + 1))].join(','), metadata));
    assertValid(body([full(0), ...Array.from({ length: 3000 }, (_, p) => empty(p + 1))].join(','), metadata));
    assertValid(`{"series":[${Array.from({ length: 500 }, (_, p) => (p % 7 ? empty(p) : full(p))).join(',')}],"metadata":${metadata}}`);
  });

  test('many metadata entries and few points', () => {
    const metadata = `[${'{},'.repeat(19_999)}{}]`;
    const list = assertValid(body(`{"time":${T0},"19999":3},{"time":${T0 + 1}}`, metadata));
    assert.equal(list.series.length, 20_000);
    assert.deepEqual(denseSeries(list)[19_999]!.values, [3, 0]);
    assert.equal(list.cells.values.length, 1, 'one cell, not 20,000 × 2');
  });

  test('thousands of names, each repeated, in plain ASCII, with escapes and past ASCII, read as JSON.parse reads them', () => {
    const random = seededRandom(5);
    const distinct = Array.from(
      { length: 3_000 },
      (_, i) => [`sdk-${i}`, `${i}.0`, `Café-${i}`, `sdk-${i}`.replace('-', '\\u002d'), `é${i}`, ''][i % 6]!,
    );
    const entries = Array.from({ length: 12_000 }, () => {
      const name = distinct[Math.floor(random() * distinct.length)]!;
      return `{"sdk":"${name}","version":"${distinct[Math.floor(random() * distinct.length)]!}"}`;
    });
    const list = assertValid(body(`{"time":${T0},"11999":1}`, `[${entries.join(',')}]`));
    assert.equal(list.series.length, 12_000);
    assert.ok(new Set(list.series.map((d) => d.sdk)).size > 2_000);
  });
});

describe('parseSeriesListText: text that is not JSON', () => {
  const cases = [
    '',
    '   ',
    'x',
    '<html><body>Bad gateway</body></html>',
    '{',
    '{"metadata":[]',
    `{"metadata":[],"series":[{"time":${T0}`,
    '{"metadata":[],"series":[]}x',
    '{"metadata":[],"series":[]}{}',
    '{"metadata":[],"series":[],}',
    '{"metadata":[],,"series":[]}',
    `{"metadata":[],"series":[{"time":${T0},}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1,}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1 "1":2}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0" 1}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":01}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1.}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":.5}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":-}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1e}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1e+}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":+1}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":0x10}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":NaN}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":Infinity}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":tru}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":nul}]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1}]`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1]}`,
    `{"metadata":${META},"series":[{"time":${T0},0:1}]}`,
    `{"metadata":${META},"series":[{'time':${T0}}]}`,
    `{"metadata":${META},"series":[{"time":${T0}} /* comment */]}`,
    `{"metadata":${META},"series":[{"time":${T0},"0":1}]}\u00e9`,
    `{"metadata":${META},"series":[{"time":${T0},"0\u0001":1}]}`,
    `{"metadata":[{"sdk":"a\u0000"}],"series":[]}`,
    `{"metadata":[{"sdk":"tab\there"}],"series":[]}`,
    '{"metadata":[{"sdk":"\\x41"}],"series":[]}',
    '{"metadata":[{"sdk":"\\u12G4"}],"series":[]}',
    '{"metadata":[{"sdk":"\\u12"}],"series":[]}',
    '{"metadata":[{"sdk":"abc}],"series":[]}',
    '{"metadata":[{"sdk":"abc\\"}],"series":[]}',
    '\uFEFF{"metadata":[],"series":[]}',
    '{"metadata":[],"series":[]}\u0000',
    '\u00a0{"metadata":[],"series":[]}',
    `{"_links":${'['.repeat(1000)}${']'.repeat(999)},"metadata":[],"series":[]}`,
  ];
  for (const text of cases) {
    test(`rejects ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} as JSON.parse does`, () => {
      assertNotJson(text);
    });
  }
});

describe('parseSeriesListText: JSON that is not a valid answer', () => {
  const cases: [string, string, RegExp][] = [
    ['an array body', '[{"metadata":[],"series":[]}]', /the body is not a JSON object/],
    ['a null body', 'null', /the body is not a JSON object/],
    ['a string body', '"metadata"', /the body is not a JSON object/],
    ['a number body', ' 5 ', /the body is not a JSON object/],
    ['metadata missing', `{"series":[{"time":${T0}}]}`, /"metadata" is missing or not a list/],
    ['metadata an object', `{"metadata":{"0":{}},"series":[]}`, /"metadata" is missing or not a list/],
    ['metadata a string, after the series', `{"series":[{"time":${T0},"0":1}],"metadata":"node"}`, /"metadata" is missing or not a list/],
    ['series missing', `{"metadata":${META}}`, /"series" is missing or not a list/],
    ['series null', `{"metadata":${META},"series":null}`, /"series" is missing or not a list/],
    ['series an object', `{"metadata":${META},"series":{"0":{"time":1}}}`, /"series" is missing or not a list/],
    ['series a list, then replaced by a string', `{"metadata":${META},"series":[],"series":"x"}`, /"series" is missing or not a list/],
    ['a metadata entry that is a string', `{"metadata":[{},"go"],"series":[]}`, /metadata\[1\] is not an object/],
    ['a metadata entry that is a number', `{"metadata":[null,7],"series":[]}`, /metadata\[1\] is not an object/],
    ['a null metadata entry (read as Unknown), then a bad point', `{"metadata":[null],"series":[5]}`, /series\[0\] is not an object/],
    ['a metadata entry that is an array', `{"metadata":[{},[]],"series":[]}`, /metadata\[1\] is not an object/],
    ['a point that is a number', body(`{"time":${T0}},5`), /series\[1\] is not an object/],
    ['a point that is an array', body(`[${T0},1]`), /series\[0\] is not an object/],
    ['a point that is null, then a bad point', body(`{"time":${T0}},null,{"x":1}`), /series\[1\] is not an object/],
    ['a point without time', body(`{"time":${T0}},{"0":1}`), /series\[1\] has no valid "time"/],
    ['an empty point', body('{}'), /series\[0\] has no valid "time"/],
    ['a time as a string', body(`{"time":"${T0}"}`), /series\[0\] has no valid "time"/],
    ['a valid time replaced by null', body(`{"time":${T0},"time":null}`), /series\[0\] has no valid "time"/],
    ['a bad time and a bad key: the time is named', body('{"x":1,"time":"t"}'), /series\[0\] has no valid "time"/],
    ['a key past the end of metadata', body(`{"time":${T0},"2":1}`), /series\[0\] has key "2" with no matching metadata entry/],
    ['a key that is not a number', body(`{"time":${T0},"count":1}`), /has key "count" with no matching metadata entry/],
    ['an empty key', body(`{"time":${T0},"":1}`), /has key "" with no matching metadata entry/],
    ['a key with a leading zero', body(`{"time":${T0},"01":1}`), /has key "01" with no matching metadata entry/],
    ['a key "00"', body(`{"time":${T0},"00":1}`), /has key "00"/],
    ['a negative key', body(`{"time":${T0},"-1":1}`), /has key "-1"/],
    ['a key "-0"', body(`{"time":${T0},"-0":1}`), /has key "-0"/],
    ['a fractional key', body(`{"time":${T0},"1.0":1}`), /has key "1.0"/],
    ['an exponent key', body(`{"time":${T0},"1e0":1}`), /has key "1e0"/],
    ['a key with spaces', body(`{"time":${T0}," 1":1}`), /has key " 1"/],
    ['a key "__proto__"', body(`{"time":${T0},"__proto__":5}`), /has key "__proto__"/],
    ['an escaped key past the end', body(`{"time":${T0},"\\u0035":1}`), /has key "5"/],
    ['a 20-digit key', body(`{"time":${T0},"99999999999999999999":1}`), /has key "99999999999999999999"/],
    ['a huge index key, series first', `{"series":[{"time":${T0},"999999999":1}],"metadata":[{}]}`, /has key "999999999"/],
    ['the largest array index as a key, series first', `{"series":[{"time":${T0},"4294967294":1}],"metadata":[]}`, /has key "4294967294"/],
    // JavaScript lists array-index keys (up to 4294967294) first, ascending, then the others in order.
    ['an index key after a word key: the index is named', body(`{"time":${T0},"x":1,"4294967294":1}`), /has key "4294967294"/],
    ['a key past the array indexes: named in order', body(`{"time":${T0},"4294967295":1,"x":1}`), /has key "4294967295"/],
    ['a word key and a bad value: the key is named', body(`{"time":${T0},"x":1,"0":"bad"}`), /has key "x"/],
    ['a key past the end and a bad value: the key is named', body(`{"time":${T0},"5":1,"1":"bad"}`), /has key "5"/],
    ['two keys of other names with one metadata entry', body(`{"time":${T0},"value":1,"count":2}`, '[{}]'), /has key "value"/],
    ['a key of another name beside "0" with one metadata entry', body(`{"time":${T0},"value":1,"0":2}`, '[{}]'), /has key "value"/],
    ['a key of another name with two metadata entries', body(`{"time":${T0},"value":1}`), /has key "value"/],
    ['a numbered key past the end with one metadata entry', body(`{"time":${T0},"1":4}`, '[{}]'), /has key "1"/],
    ['a string time among plausible ones', body(`{"time":${T0}},{"time":"${T0 + 1}"}`), /series\[1\] has no valid "time"/],
    [
      'two points at one time after one at an impossible time',
      body(`{"time":1},{"time":${T0}},{"time":${T0}}`),
      /two points share the time 2023-03-04T00:00:00.000Z/,
    ],
    ['two keys past the end: the smaller is named', body(`{"time":${T0},"9":1,"3":1}`), /has key "3"/],
    ['two word keys: the first is named', body(`{"time":${T0},"b":1,"a":1,"b":2}`), /has key "b"/],
    ['two adjacent points at the same time', body(`{"time":${T0}},{"time":${T0}}`), /two points share the time 2023-03-04T00:00:00.000Z/],
    ['two unsorted points at the same time', body(`{"time":${T0 + 2}},{"time":${T0}},{"time":${T0 + 2}}`), /two points share the time/],
    [
      'a bad point after a duplicate time: the point is named',
      body(`{"time":${T0}},{"time":${T0}},{"time":"x"}`),
      /series\[2\] has no valid "time"/,
    ],
  ];
  for (const [what, text, problem] of cases) {
    test(`rejects ${what} as parseSeriesList does`, () => {
      assertInvalid(text, problem);
    });
  }
});

describe('parseSeriesListText: details it tolerates, counting what it leaves out', () => {
  // [what, body, ignored values, dropped points, the dense rows read]
  const cases: [string, string, number, number, number[][]][] = [
    [
      'a value as a string',
      body(`{"time":${T0}},{"time":${T0 + 1},"0":"12"}`),
      1,
      0,
      [
        [0, 0],
        [0, 0],
      ],
    ],
    ['a negative value', body(`{"time":${T0},"0":2,"1":-3}`), 1, 0, [[2], [0]]],
    ['a fractional value', body(`{"time":${T0},"1":1.5}`), 1, 0, [[0], [0]]],
    ['a value past the safe integers', body(`{"time":${T0},"1":9007199254740992}`), 1, 0, [[0], [0]]],
    ['a huge value', body(`{"time":${T0},"0":1e400}`), 1, 0, [[0], [0]]],
    [
      'null values',
      body(`{"time":${T0},"0":null,"1":4},{"time":${T0 + 60_000},"0":null,"1":null}`),
      3,
      0,
      [
        [0, 0],
        [4, 0],
      ],
    ],
    [
      'boolean, object and list values',
      body(`{"time":${T0},"0":true,"1":{"max":3}},{"time":${T0 + 1},"0":[3]}`),
      3,
      0,
      [
        [0, 0],
        [0, 0],
      ],
    ],
    ['a good value replaced by a bad one', body(`{"time":${T0},"0":3,"0":"x"}`), 1, 0, [[0], [0]]],
    ['a bad value replaced by a good one', body(`{"time":${T0},"0":"x","0":3}`), 0, 0, [[3], [0]]],
    ['a value replaced by 0', body(`{"time":${T0},"0":3,"0":0}`), 0, 0, [[0], [0]]],
    ['a time before 2015 (seconds read as milliseconds)', body(`{"time":1677888000,"0":5},{"time":${T0},"0":6}`), 0, 1, [[6], [0]]],
    [
      'a time after tomorrow, and the last date JavaScript can hold',
      body(`{"time":${NOW + 2 * 86_400_000},"0":5},{"time":8640000000000000},{"time":${T0},"1":1}`),
      0,
      2,
      [[0], [1]],
    ],
    [
      'negative, fractional, infinite and -0 times',
      body(`{"time":-1,"0":"bad"},{"time":${T0}.5},{"time":1e400},{"time":-0},{"time":${T0}}`),
      0,
      4,
      [[0], [0]],
    ],
    ['two points at an impossible time', body(`{"time":0},{"time":-0},{"time":${T0},"0":1}`), 0, 2, [[1], [0]]],
    [
      'a lone key named "value" with one metadata entry',
      body(`{"time":${T0},"value":7},{"time":${T0 + 1},"0":8}`, '[{"sdk":"a"}]'),
      0,
      0,
      [[7, 8]],
    ],
    [
      'a lone key of any name, repeated, with one metadata entry',
      body(`{"time":${T0},"n":"x","n":9},{"time":${T0 + 1},"__proto__":null}`, '[null]'),
      1,
      0,
      [[9, 0]],
    ],
  ];
  for (const [what, text, ignored, dropped, rows] of cases) {
    test(`reads ${what}`, () => {
      const list = assertValid(text);
      assert.deepEqual([list.ignoredValues, list.droppedTimes], [ignored, dropped]);
      assert.deepEqual(
        denseSeries(list).map((s) => s.values),
        rows,
      );
    });
  }

  test('the time span names every numeric time, dropped ones included', () => {
    const list = assertValid(body(`{"time":1677888000},{"time":${T0}},{"time":1e400}`));
    assert.deepEqual(list.timeSpan, { first: 1677888000, last: T0 });
    assert.deepEqual(list.times, [T0]);
    assert.equal(assertValid(body('')).timeSpan, undefined);
  });

  test('the reference\'s own example, "metadata": [null, null], reads as two series named "Unknown"', () => {
    const list = assertValid(fixtureText('bysdkversion-reference-example.json'));
    assert.deepEqual(denseSeries(list), [
      { sdk: 'Unknown', version: 'Unknown', values: [11] },
      { sdk: 'Unknown', version: 'Unknown', values: [15] },
    ]);
    // The model sums series of the same source, SDK and version, as it does for any repeated version.
    const model = buildUsageModel([{ source: 'server', list }], 'hourly');
    assert.deepEqual(
      model.versions.map((v) => [v.sdk, v.version, v.latest, v.peak]),
      [['Unknown', 'Unknown', 26, 26]],
    );
  });
});

describe('parseSeriesListText: size limits', () => {
  const nulls = (n: number) => `[${'null,'.repeat(n - 1)}null]`;
  const points = (n: number) => Array.from({ length: n }, (_, p) => `{"time":${T0 + p * 60_000}}`).join(',');

  test(`${MAX_SERIES.toLocaleString('en-US')} series are read; one more is refused as too large`, () => {
    assert.equal(assertValid(body(`{"time":${T0},"${MAX_SERIES - 1}":3}`, nulls(MAX_SERIES))).series.length, MAX_SERIES);
    assertInvalid(body(`{"time":${T0},"0":3}`, nulls(MAX_SERIES + 1)), /names more than 100,000 series.*was not loaded\.$/, 'tooLarge');
  });

  test(`${MAX_POINTS.toLocaleString('en-US')} points are read; one more is refused as too large`, () => {
    assert.equal(assertValid(body(points(MAX_POINTS))).times.length, MAX_POINTS);
    assertInvalid(body(points(MAX_POINTS + 1)), /more than 10,000 time buckets/, 'tooLarge');
  });

  test('too large comes after the lists are found, before any entry or point is judged; bad JSON comes first', () => {
    assertInvalid(`{"metadata":${nulls(MAX_SERIES + 1)}}`, /"series" is missing/);
    assertInvalid(body(`5,${points(MAX_POINTS)}`, `[7,${nulls(MAX_SERIES).slice(1)}`), /names more than/, 'tooLarge');
    assertInvalid(`{"series":[${points(MAX_POINTS)},{"x":1}],"metadata":[7]}`, /more than 10,000 time buckets/, 'tooLarge');
    assertInvalid(body(`${points(MAX_POINTS)},5`), /more than 10,000 time buckets/, 'tooLarge');
    assertNotJson(body(`${points(MAX_POINTS + 1)},`));
  });
});

// ---------------------------------------------------------------------------------------------
// Random bodies. A body is written by a serializer that varies what JSON allows to vary:
// whitespace, escapes, number spellings, key order, duplicate keys.

/** An object whose keys may repeat, written in this order. */
class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

function writer(seed: number): (value: unknown) => string {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ws = () => (chance(0.15) ? Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick([' ', '\t', '\n', '\r'])).join('') : '');
  const str = (s: string) => {
    let out = '"';
    for (const ch of s) {
      for (let i = 0; i < ch.length; i++) {
        const unit = ch.charAt(i);
        const code = unit.charCodeAt(0);
        if (unit === '"' || unit === '\\' || code < 0x20) out += JSON.stringify(unit).slice(1, -1);
        else if (chance(0.08)) out += `\\u${code.toString(16).padStart(4, '0')}`;
        else if (unit === '/' && chance(0.5)) out += '\\/';
        else out += unit;
      }
    }
    return `${out}"`;
  };
  const num = (n: number) => {
    if (Number.isSafeInteger(n) && n >= 0 && !Object.is(n, -0) && chance(0.3)) {
      const forms = [`${n}.0`, `${n}e0`, `${n}E+0`, `${n}.000`];
      if (n > 0) forms.push(`${n}00e-2`);
      if (n >= 10 && n % 10 === 0) forms.push(`${n / 10}e1`);
      return pick(forms);
    }
    return JSON.stringify(n);
  };
  const write = (value: unknown): string => {
    if (value instanceof Entries) {
      if (value.entries.length === 0) return `{${ws()}}`;
      return `{${value.entries.map(([k, v]) => `${ws()}${str(k)}${ws()}:${ws()}${write(v)}${ws()}`).join(',')}}`;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return `[${ws()}]`;
      return `[${value.map((v) => `${ws()}${write(v)}${ws()}`).join(',')}]`;
    }
    if (typeof value === 'string') return str(value);
    if (typeof value === 'number') return num(value);
    if (value === undefined) return 'null';
    if (typeof value === 'object' && value !== null) return write(new Entries(Object.entries(value)));
    return JSON.stringify(value);
  };
  return (value) => `${ws()}${write(value)}${ws()}`;
}

const labelArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'node-server',
      'go-server-sdk',
      '9.7.1',
      '10.0.0',
      'Unknown',
      '  C  ',
      '',
      ' ',
      'ñode 🚀',
      'a"b\\c/d\n',
      '\ud800',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
);

const validBodyArb = fc
  .record({
    metadata: fc.array(
      fc.option(fc.record({ sdk: labelArb, version: labelArb, extra: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) }), {
        nil: null,
        freq: 6,
      }),
      { maxLength: 6 },
    ),
    // Mostly plausible times (2015 to a day past NOW), some impossible ones, a few at the edges.
    times: fc.uniqueArray(
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: EARLIEST_PLAUSIBLE_TIME, max: NOW + 86_400_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 8_640_000_000_000_000 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            0,
            T0,
            1_677_888_000,
            EARLIEST_PLAUSIBLE_TIME - 1,
            EARLIEST_PLAUSIBLE_TIME,
            NOW + 86_400_000,
            NOW + 86_400_001,
            8_640_000_000_000_000,
          ),
        },
      ),
      { maxLength: 6 },
    ),
    // Whole numbers mostly, and now and then a value to ignore.
    values: fc.array(
      fc.array(
        fc.option(
          fc.oneof(
            { weight: 8, arbitrary: fc.oneof(fc.nat(20_000), fc.constantFrom(0, Number.MAX_SAFE_INTEGER), fc.nat()) },
            { weight: 1, arbitrary: fc.constantFrom<unknown>(null, -3, 2.5, '7', true, Number.MAX_SAFE_INTEGER + 1, [1]) },
          ),
          { nil: undefined },
        ),
        { minLength: 8, maxLength: 8 },
      ),
      { minLength: 6, maxLength: 6 },
    ),
    // With one metadata entry, the name its key goes by.
    loneKey: fc.constantFrom('0', '0', 'value', '__proto__'),
    links: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    extra: fc.option(
      fc.tuple(
        fc.string({ maxLength: 4 }).filter((k) => k !== 'metadata' && k !== 'series'),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      { nil: undefined },
    ),
    duplicates: fc.boolean(),
    seed: fc.integer(),
  })
  .map(({ metadata, times, values, loneKey, links, extra, duplicates, seed }) => {
    const random = seededRandom(seed ^ 0x5eed);
    const shuffle = <T>(xs: T[]): T[] => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    };
    const meta = metadata.map((item) => {
      if (item === null) return null;
      const { sdk, version, extra: more } = item;
      const entries: [string, unknown][] = [];
      if (sdk !== undefined) entries.push(['sdk', sdk]);
      if (version !== undefined) entries.push(['version', version]);
      if (more !== undefined) entries.push(['source', more]);
      return new Entries(shuffle(entries));
    });
    const series = times.map((time, p) => {
      const entries: [string, unknown][] = [['time', time]];
      metadata.forEach((_, i) => {
        const value = values[p]![i];
        if (value !== undefined) entries.push([metadata.length === 1 ? loneKey : String(i), value]);
      });
      shuffle(entries);
      if (duplicates && entries.length > 0) {
        // An earlier duplicate of some key, with any value: the later one wins.
        const [key] = entries[Math.floor(random() * entries.length)]!;
        entries.unshift([key, random() < 0.5 ? 'overwritten' : -1]);
      }
      return new Entries(entries);
    });
    const top: [string, unknown][] = [
      ['metadata', meta],
      ['series', series],
    ];
    if (links !== undefined) top.push(['_links', links]);
    if (extra) top.push(extra);
    return { value: new Entries(shuffle(top)), seed };
  });

const validTextArb = validBodyArb.map(({ value, seed }) => writer(seed)(value));

const JSONISH = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '0',
  '1',
  '9',
  '-',
  '+',
  '.',
  'e',
  'E',
  '\\',
  '\\u',
  'u',
  't',
  'true',
  'null',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u0001',
  '\u001f',
  'é',
  '\ud800',
  '"x"',
  '{}',
  '[]',
  '1e999',
  '-0',
  '0.5',
  '"time":',
  '"0":',
  '"01":',
  '"__proto__":',
  '"metadata":',
  '"series":',
];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...JSONISH), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...JSONISH) }),
);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert' | 'replace'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

function mutate(text: string, mutation: Mutation): string {
  const at = mutation.at % (text.length + 1);
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + mutation.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'replace':
      return text.slice(0, at) + mutation.text + text.slice(at + 1);
  }
}

describe('parseSeriesListText: random bodies', () => {
  test('valid-shaped bodies, written every way JSON allows, read exactly as JSON.parse + parseSeriesList', () => {
    const seen = { ignoredValues: 0, droppedTimes: 0, keptTimes: 0, loneKey: 0 };
    fc.assert(
      fc.property(validTextArb, (text) => {
        const list = assertValid(text);
        if (list.ignoredValues > 0) seen.ignoredValues++;
        if (list.droppedTimes > 0) seen.droppedTimes++;
        if (list.times.length > 0) seen.keptTimes++;
        if (list.series.length === 1 && list.cells.values.length > 0 && !/"0"\s*:/.test(text) && !/\\u0030/.test(text)) seen.loneKey++;
      }),
      { numRuns: 1500 },
    );
    // Each tolerant rule must really be exercised, or the property says little about it.
    assert.ok(
      Object.values(seen).every((n) => n > 50),
      JSON.stringify(seen),
    );
  });

  test('mutated bodies (truncated, characters inserted, deleted, replaced): same result or both fail alike', () => {
    fc.assert(
      fc.property(validTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        assertSame(mutations.reduce(mutate, text));
      }),
      { numRuns: 2000 },
    );
  });

  test('random JSON anywhere in a body: same result or the same error', () => {
    const pathArb = fc.constantFrom<(string | number)[]>(
      [],
      ['metadata'],
      ['metadata', 0],
      ['metadata', 0, 'sdk'],
      ['series'],
      ['series', 0],
      ['series', 1],
      ['series', 0, 'time'],
      ['series', 0, '0'],
      ['series', 1, '1'],
      ['series', 0, 'x'],
    );
    fc.assert(
      fc.property(validBodyArb, pathArb, fc.jsonValue({ maxDepth: 3 }), fc.integer(), ({ value }, path, replacement, seed) => {
        const plain = JSON.parse(writer(1)(value)) as unknown;
        let target: unknown = plain;
        for (const key of path.slice(0, -1)) target = (target as Record<string | number, unknown> | undefined)?.[key];
        if (path.length === 0) {
          assertSame(writer(seed)(replacement));
        } else if (typeof target === 'object' && target !== null) {
          (target as Record<string | number, unknown>)[path[path.length - 1]!] = replacement;
          assertSame(writer(seed)(plain));
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('generated minutely bodies of random sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 300 }), fc.integer(), (series, points, seed) => {
        assertValid(makeBody(series, points, seed));
      }),
      { numRuns: 40 },
    );
  });

  test('random strings: same result or both fail alike', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: fc.constantFrom(...JSONISH), maxLength: 30 }), fc.string({ maxLength: 20 }), fc.json()),
        (text) => {
          assertSame(text);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseSeriesListText: what the model makes of it', () => {
  test('models a scanned body as it models the same body read by JSON.parse', () => {
    const text = makeBody(30, 120);
    const scanned = buildUsageModel([{ source: 'server', list: parseSeriesListText(text, NOW) }], 'minutely');
    const parsed = buildUsageModel([{ source: 'server', list: parseSeriesList(JSON.parse(text), NOW) }], 'minutely');
    assert.deepStrictEqual(scanned, parsed);
  });
});
