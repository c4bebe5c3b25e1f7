/**
 * Validation of the usage API's bodies: hand-made fixtures, then random and mutated bodies.
 */
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UsageApiError } from '../../src/api/errors';
import { presentError } from '../../src/presentation/errors';
import {
  EARLIEST_PLAUSIBLE_TIME,
  UNKNOWN,
  errorBodyFields,
  parseCallerIdentity,
  parseSdkVersions,
  type SeriesList,
} from '../../src/api/parse';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { denseSeries } from '../support/seriesLists';

/** Bodies are written as the API would send them and read by the production scanner. */
const parseSeriesList = (body: unknown): SeriesList => parseSeriesListText(JSON.stringify(body) ?? 'null');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { _links?: Json; metadata: Record<string, Json>[]; series: Record<string, Json>[] };

function fixture<T = Body>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

const T0 = 1677888000000;
const HOUR = 3_600_000;

function expectInvalid(body: unknown, problem: RegExp): UsageApiError {
  let caught: unknown;
  try {
    parseSeriesList(body);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof UsageApiError, `expected a UsageApiError, got ${String(caught)}`);
  assert.equal(caught.kind, 'invalidResponse');
  assert.match(caught.message, problem);
  assert.deepEqual(presentError(caught).actions, ['refresh']);
  return caught;
}

/** Two series over three hours, the smallest valid body with everything in it. */
function small(): Body {
  return {
    _links: {},
    metadata: [
      { sdk: 'node-server', version: '9.7.1', source: 'server' },
      { sdk: 'go-server-sdk', version: '7.4.0', source: 'server' },
    ],
    series: [
      { time: T0, '0': 11, '1': 15 },
      { time: T0 + HOUR, '0': 12, '1': 14 },
      { time: T0 + 2 * HOUR, '0': 13, '1': 0 },
    ],
  };
}

describe('parseSeriesList: valid bodies', () => {
  test('reads a synthetic body in the documented shape into one series per metadata entry, values by key', () => {
    const body = fixture('bysdkversion-synthetic.json');
    const list = parseSeriesList(body);
    assert.equal(list.series.length, 12);
    assert.deepEqual(list.times, [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    const rows = denseSeries(list);
    assert.deepEqual(rows[0], { sdk: 'node-server', version: '9.7.1', values: [4210, 4211, 4212, 4213] });
    assert.deepEqual(rows[3], { sdk: 'java-server-sdk', version: '7.5.0', values: [12400, 12404, 12408, 12412] });
    assert.deepEqual(rows[10], { sdk: 'Unknown', version: 'Unknown', values: [17, 28, 39, 50] });
    assert.deepEqual(rows[11], { sdk: 'erlang-server-sdk', version: '3.1.0', values: [4, 16, 28, 40] });
  });

  test("reads the reference's typed example as documented", () => {
    const list = parseSeriesList(fixture('bysdkversion-reference-typed.json'));
    assert.deepEqual(list.times, [1677888000000, 1677891600000]);
    assert.deepEqual(denseSeries(list), [
      { sdk: 'node-server', version: '9.7.1', values: [11, 12] },
      { sdk: 'go-server-sdk', version: '7.4.0', values: [15, 14] },
    ]);
  });

  test('reads the reference\'s own example answer, "metadata": [null, null], as two series named "Unknown"', () => {
    const list = parseSeriesList(fixture('bysdkversion-reference-example.json'));
    assert.deepEqual(list.times, [1677888000000]);
    assert.deepEqual(denseSeries(list), [
      { sdk: UNKNOWN, version: UNKNOWN, values: [11] },
      { sdk: UNKNOWN, version: UNKNOWN, values: [15] },
    ]);
  });

  test('with one metadata entry, reads a key of another name ("value") as that entry\'s', () => {
    const list = parseSeriesList(fixture('bysdkversion-single-value-key.json'));
    assert.deepEqual(denseSeries(list), [{ sdk: 'Node.js', version: '8.2.0', values: [40, 42, 0] }]);
  });

  test('leaves out values that are not whole numbers and points at impossible times, and counts them', () => {
    const list = parseSeriesList(fixture('bysdkversion-tolerated.json'));
    assert.deepEqual(list.times, [T0, T0 + HOUR, T0 + 2 * HOUR]);
    assert.deepEqual(denseSeries(list), [
      { sdk: 'JavaClient', version: '7.1.0', values: [10, 0, 12] },
      { sdk: 'PythonClient', version: '9.0.1', values: [0, 7, 0] },
      { sdk: UNKNOWN, version: UNKNOWN, values: [1, 0, 1] },
    ]);
    assert.deepEqual([list.ignoredValues, list.droppedTimes], [4, 2]);
    assert.deepEqual(list.timeSpan, { first: 1677888000, last: 8640000000000000 });
  });

  test('maps keys numerically: "10" and "11" before "2" in the text still land on metadata[10], [11] and [2]', () => {
    const list = parseSeriesList(fixture('bysdkversion-keys-out-of-order.json'));
    assert.equal(list.series.length, 12);
    list.series.forEach((s, i) => {
      assert.equal(s.sdk, `sdk-${i}`);
      assert.equal(s.version, `1.${i}.0`);
      assert.deepEqual(denseSeries(list)[i]!.values, [i * 100, i * 100 + 1, i * 100 + 2]);
    });
  });

  test('ignores extra metadata keys, reads missing or blank names as "Unknown", absent keys as 0, and sorts times', () => {
    const list = parseSeriesList(fixture('bysdkversion-messy.json'));
    assert.deepEqual(list.times, [T0, T0 + HOUR, T0 + 2 * HOUR]);
    assert.deepEqual(
      list.series.map((s) => [s.sdk, s.version]),
      [
        ['js-client-sdk', '3.4.0'],
        [UNKNOWN, '2.0.0'],
        ['react-client-sdk', UNKNOWN],
        [UNKNOWN, UNKNOWN],
        ['swift-client-sdk', '9.6.1'],
      ],
    );
    assert.deepEqual(
      denseSeries(list).map((s) => s.values),
      [
        [10, 20, 30],
        [0, 1, 3],
        [7, 0, 2],
        [0, 0, 1],
        [4, 0, 5],
      ],
    );
    for (const s of list.series) assert.deepEqual(Object.keys(s).sort(), ['sdk', 'version']);
  });

  test('reads an empty answer as no times and no series', () => {
    const list = parseSeriesList(fixture('bysdkversion-empty.json'));
    assert.deepEqual([list.times, list.series, list.cells.values.length, list.timeSpan], [[], [], 0, undefined]);
  });

  test('keeps series with metadata but no points, and points with no series', () => {
    assert.deepEqual(denseSeries(parseSeriesList({ metadata: [{ sdk: 'a', version: '1' }], series: [] })), [
      { sdk: 'a', version: '1', values: [] },
    ]);
    const pointsOnly = parseSeriesList({ metadata: [], series: [{ time: T0 }, { time: T0 + HOUR }] });
    assert.deepEqual([pointsOnly.times, pointsOnly.series], [[T0, T0 + HOUR], []]);
  });

  test('trims names and turns numeric names into text', () => {
    const list = parseSeriesList({ metadata: [{ sdk: '  C  ', version: 2 }], series: [{ time: T0, '0': 1 }] });
    assert.deepEqual(denseSeries(list)[0], { sdk: 'C', version: '2', values: [1] });
  });

  test('does not need _links', () => {
    const body = small();
    delete body._links;
    assert.equal(parseSeriesList(body).series.length, 2);
  });

  test('sorts unsorted times and moves every value with its time', () => {
    const body = small();
    body.series.reverse();
    const list = parseSeriesList(body);
    assert.deepEqual(list.times, [T0, T0 + HOUR, T0 + 2 * HOUR]);
    assert.deepEqual(denseSeries(list)[0]!.values, [11, 12, 13]);
    assert.deepEqual(denseSeries(list)[1]!.values, [15, 14, 0]);
  });

  test('accepts zero and the largest safe integer as values', () => {
    const body = small();
    body.series[0]!['0'] = 0;
    body.series[1]!['0'] = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(denseSeries(parseSeriesList(body))[0]!.values, [0, Number.MAX_SAFE_INTEGER, 13]);
  });
});

describe('parseSeriesList: invalid bodies', () => {
  const cases: [string, (body: Body) => unknown, RegExp][] = [
    ['a body that is not an object', () => [small()], /the body is not a JSON object/],
    ['a null body', () => null, /the body is not a JSON object/],
    ['a string body', () => 'metadata', /the body is not a JSON object/],
    ['metadata missing', (b) => ({ series: b.series }), /"metadata" is missing or not a list/],
    ['metadata an object', (b) => ({ ...b, metadata: { '0': b.metadata[0] } }), /"metadata" is missing or not a list/],
    ['metadata a string', (b) => ({ ...b, metadata: 'node' }), /"metadata" is missing or not a list/],
    ['series missing', (b) => ({ metadata: b.metadata }), /"series" is missing or not a list/],
    ['series null', (b) => ({ ...b, series: null }), /"series" is missing or not a list/],
    ['a metadata entry that is a string', (b) => ({ ...b, metadata: [b.metadata[0], 'go'] }), /metadata\[1\] is not an object/],
    ['a metadata entry that is an array', (b) => ({ ...b, metadata: [b.metadata[0], []] }), /metadata\[1\] is not an object/],
    ['a point that is not an object', (b) => ({ ...b, series: [b.series[0], 5] }), /series\[1\] is not an object/],
    ['a point that is an array', (b) => ({ ...b, series: [[T0, 1]] }), /series\[0\] is not an object/],
    ['a point without time', (b) => (delete b.series[1]!.time, b), /series\[1\] has no valid "time"/],
    ['a time of null', (b) => ((b.series[2]!.time = null), b), /series\[2\] has no valid "time"/],
    ['a metadata entry that is a boolean', (b) => ({ ...b, metadata: [null, true] }), /metadata\[1\] is not an object/],
    ['a key of another name beside numbered ones', (b) => ((b.series[0]!.value = 1), b), /has key "value" with no matching metadata entry/],
    ['a time as a string', (b) => ((b.series[0]!.time = String(T0)), b), /series\[0\] has no valid "time"/],
    ['a key past the end of metadata', (b) => ((b.series[0]!['2'] = 1), b), /series\[0\] has key "2" with no matching metadata entry/],
    ['a key that is not a number', (b) => ((b.series[0]!.count = 1), b), /has key "count" with no matching metadata entry/],
    ['a key with a leading zero', (b) => ((b.series[0]!['01'] = 1), b), /has key "01" with no matching metadata entry/],
    ['a negative key', (b) => ((b.series[0]!['-1'] = 1), b), /has key "-1"/],
    ['a fractional key', (b) => ((b.series[0]!['0.5'] = 1), b), /has key "0.5"/],
    ['a key with spaces', (b) => ((b.series[0]![' 1'] = 1), b), /has key " 1"/],
    ['two adjacent points at the same time', (b) => ((b.series[1]!.time = T0), b), /two points share the time 2023-03-04T00:00:00.000Z/],
    [
      'two unsorted points at the same time',
      (b) => ((b.series = [b.series[2]!, b.series[0]!, { ...b.series[2]! }]), b),
      /two points share the time/,
    ],
  ];
  for (const [what, make, problem] of cases) {
    test(`rejects ${what}`, () => {
      expectInvalid(make(small()), problem);
    });
  }

  test('rejects a "__proto__" key from JSON text instead of touching the prototype', () => {
    const body = JSON.parse(`{"metadata":[{"sdk":"a","version":"1"},{}],"series":[{"time":${T0},"__proto__":5}]}`) as unknown;
    expectInvalid(body, /has key "__proto__"/);
    assert.equal(({} as Record<string, unknown>).time, undefined);
    // With one metadata entry a lone "__proto__" key is that entry's value, and still only data.
    const single = parseSeriesList(JSON.parse(`{"metadata":[{"sdk":"a","version":"1"}],"series":[{"time":${T0},"__proto__":5}]}`));
    assert.deepEqual(denseSeries(single)[0]!.values, [5]);
    assert.equal(({} as Record<string, unknown>)[0], undefined);
  });

  test('names the earliest time two points share', () => {
    const body = small();
    body.series = [{ time: T0 + HOUR }, { time: T0 + HOUR }, { time: T0 }, { time: T0 }];
    expectInvalid(body, /two points share the time 2023-03-04T00:00:00.000Z/);
  });
});

describe('parseSeriesList: hostile details it tolerates', () => {
  const NASTY_VALUES: [string, Json][] = [
    ['null', null],
    ['a fraction', 2.5],
    ['a negative', -3],
    ['a string', '12'],
    ['true', true],
    ['an object', { max: 3 }],
    ['a list', [3]],
    ['2 ** 53', 2 ** 53],
    ['1e308', 1e308],
  ];
  for (const [what, value] of NASTY_VALUES) {
    test(`a value that is ${what} is left out and counted, the rest is kept`, () => {
      const body = small();
      body.series[1]!['0'] = value;
      const list = parseSeriesList(body);
      assert.equal(list.ignoredValues, 1);
      assert.deepEqual(
        denseSeries(list).map((s) => s.values),
        [
          [11, 0, 13],
          [15, 14, 0],
        ],
      );
    });
  }

  const IMPOSSIBLE_TIMES: [string, number][] = [
    ['0', 0],
    ['-1', -1],
    ['seconds, not milliseconds', T0 / 1000],
    ['the day before 2015', EARLIEST_PLAUSIBLE_TIME - 1],
    ['a fraction of a millisecond', T0 + 0.5],
    ['next year', Date.now() + 366 * 86_400_000],
    ['8.64e15', 8.64e15],
    ['1e300', 1e300],
  ];
  for (const [what, time] of IMPOSSIBLE_TIMES) {
    test(`a point at ${what} is dropped with its values and counted`, () => {
      const body = small();
      body.series[1]!.time = time;
      const list = parseSeriesList(body);
      assert.equal(list.droppedTimes, 1);
      assert.deepEqual(list.times, [T0, T0 + 2 * HOUR]);
      assert.deepEqual(
        denseSeries(list).map((s) => s.values),
        [
          [11, 13],
          [15, 0],
        ],
      );
    });
  }

  test('every point at an impossible time leaves no times, no cells and a span to report', () => {
    const body = small();
    for (const p of body.series) p.time = (p.time as number) / 1000;
    const list = parseSeriesList(body);
    assert.deepEqual(
      [list.times, list.cells.values.length, list.droppedTimes, list.timeSpan],
      [[], 0, 3, { first: T0 / 1000, last: (T0 + 2 * HOUR) / 1000 }],
    );
  });
});

describe('other bodies', () => {
  test('parseSdkVersions reads names and versions, "Unknown" where missing', () => {
    assert.deepEqual(parseSdkVersions(fixture('sdkversions.json')), [
      { sdk: 'Android', version: '3.1.2' },
      { sdk: 'C', version: '2.4.6' },
      { sdk: 'node-server', version: '9.8.0' },
      { sdk: UNKNOWN, version: '1.0.0' },
    ]);
  });

  test('parseSdkVersions rejects a missing list and non-object entries', () => {
    for (const body of [null, [], {}, { sdkVersions: {} }, { sdkVersions: 'x' }]) {
      assert.throws(
        () => parseSdkVersions(body),
        (e: unknown) => e instanceof UsageApiError && e.kind === 'invalidResponse' && /"sdkVersions" is missing/.test(e.message),
      );
    }
    assert.throws(() => parseSdkVersions({ sdkVersions: [{ sdk: 'a', version: '1' }, 7] }), /sdkVersions\[1\] is not an object/);
  });

  test('parseCallerIdentity keeps the known fields of the right type and drops the rest', () => {
    assert.deepEqual(parseCallerIdentity(fixture('caller-identity.json')), {
      accountId: '5f0a0de70000000000000001',
      tokenName: 'CI reader',
      tokenKind: 'personal',
      authKind: 'token',
      serviceToken: true,
    });
    assert.deepEqual(parseCallerIdentity({ accountId: 5, serviceToken: 'yes' }), {
      accountId: undefined,
      tokenName: undefined,
      tokenKind: undefined,
      authKind: undefined,
      serviceToken: undefined,
    });
    assert.throws(
      () => parseCallerIdentity('me'),
      (e: unknown) => e instanceof UsageApiError && e.kind === 'invalidResponse',
    );
  });

  test("errorBodyFields reads an LD error body's message, code and id, and nothing else", () => {
    assert.deepEqual(errorBodyFields('{"code":"not_found","message":"Stream source not found"}'), {
      message: 'Stream source not found',
      code: 'not_found',
      id: undefined,
    });
    assert.deepEqual(errorBodyFields('{"code":"unauthorized","id":"8a1f-22","message":"Invalid access token"}'), {
      message: 'Invalid access token',
      code: 'unauthorized',
      id: '8a1f-22',
    });
    assert.deepEqual(errorBodyFields('{"code":"x"}'), { message: undefined, code: 'x', id: undefined });
    assert.equal(errorBodyFields('<html>502</html>'), undefined);
    assert.equal(errorBodyFields('{"message":5,"id":["x"]}'), undefined);
    assert.equal(errorBodyFields('{"message":"  "}'), undefined);
    assert.equal(errorBodyFields('["message"]'), undefined);
    // Raw: the client redacts and bounds the text; here it is whole.
    assert.equal(errorBodyFields(JSON.stringify({ message: 'x'.repeat(1_000) }))!.message!.length, 1_000);
  });
});

// ---------------------------------------------------------------------------
// Property-based tests

/** Every way a result may be right: shape and values as the SeriesList contract says. */
function assertWellFormed(list: SeriesList, metadataLength: number, pointCount: number): void {
  assert.equal(list.series.length, metadataLength);
  assert.equal(list.times.length + list.droppedTimes, pointCount);
  for (let p = 0; p < list.times.length; p++) {
    const t = list.times[p]!;
    assert.ok(Number.isSafeInteger(t) && t >= EARLIEST_PLAUSIBLE_TIME, `time ${t}`);
    assert.ok(!Number.isNaN(new Date(t).getTime()), `time ${t} is a date`);
    if (p > 0) assert.ok(t > list.times[p - 1]!, 'times strictly ascending');
  }
  for (const s of list.series) {
    assert.equal(typeof s.sdk, 'string');
    assert.equal(typeof s.version, 'string');
    assert.ok(s.sdk.length > 0 && s.version.length > 0);
  }
  assert.ok(Number.isSafeInteger(list.ignoredValues) && list.ignoredValues >= 0);
  for (const s of denseSeries(list)) {
    assert.equal(s.values.length, list.times.length);
    for (const v of s.values) {
      assert.ok(typeof v === 'number' && Number.isFinite(v) && Number.isInteger(v) && v >= 0, `value ${String(v)}`);
    }
  }
}

/** parseSeriesList either answers well-formed data or throws invalidResponse; nothing else. */
function checkOutcome(body: unknown): 'ok' | 'invalid' {
  let list: SeriesList;
  try {
    list = parseSeriesList(body);
  } catch (error) {
    assert.ok(error instanceof UsageApiError, `threw ${String(error)}`);
    assert.equal(error.kind, 'invalidResponse');
    assert.match(error.message, /cannot read: [\s\S]+\.$/);
    assert.match(presentError(error).message, /cannot read: [\s\S]+\. Refresh/);
    return 'invalid';
  }
  const b = body as { metadata: unknown[]; series: unknown[] };
  assertWellFormed(list, b.metadata.length, b.series.length);
  return 'ok';
}

const name = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('node-server', 'Unknown', '', '  ', '9.7.1', 'v2.0.0-rc.1'));
const metadataArb = fc.array(
  fc.record(
    { sdk: name, version: name, source: fc.constantFrom('server', 'client'), projectKey: fc.string({ maxLength: 5 }) },
    { requiredKeys: [] },
  ),
  { maxLength: 14 },
);

/** A valid body: unique times (in any order), any subset of keys per point, whole-number values. */
const validBody = metadataArb.chain((metadata) =>
  fc
    .uniqueArray(fc.integer({ min: EARLIEST_PLAUSIBLE_TIME, max: Date.now() }), { maxLength: 12 })
    .chain((times) =>
      fc.tuple(
        ...times.map((time) =>
          fc
            .array(fc.tuple(fc.nat({ max: Math.max(0, metadata.length - 1) }), fc.nat({ max: 1_000_000 })), { maxLength: metadata.length })
            .map((entries) => {
              const point: Record<string, Json> = { time };
              if (metadata.length > 0) for (const [k, v] of entries) point[String(k)] = v;
              return point;
            }),
        ),
      ),
    )
    .map((series) => ({ _links: {}, metadata: metadata as Record<string, Json>[], series: series as Record<string, Json>[] })),
);

/** Values a mutation may put anywhere: wrong types, NaN-likes, boundary numbers. */
const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    0.5,
    1e21,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    8_640_000_000_000_001,
    'NaN',
    'Infinity',
    '12',
    '',
    '__proto__',
    [],
    {},
    [1, 2],
    { time: 1 },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'setKey'; at: number; key: string; value: unknown }
  | { op: 'duplicate'; at: number }
  | { op: 'copyTime'; at: number; from: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: nasty }),
  fc.record({
    op: fc.constant('setKey' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('time', '0', '1', '2', '10', '01', '-1', '1.0', 'sdk', 'version', 'metadata', 'series'),
      fc.string({ maxLength: 3 }),
    ),
    value: nasty,
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('copyTime' as const), at: fc.nat(), from: fc.nat() }),
);

type Container = Record<string, unknown> | unknown[];

/** Every object or array in the body with the parent slot it sits in. */
function slots(root: unknown): { parent: Container | undefined; key: string | number; node: unknown }[] {
  const out: { parent: Container | undefined; key: string | number; node: unknown }[] = [{ parent: undefined, key: '', node: root }];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        out.push({ parent: node, key: i, node: child });
        walk(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, child] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key: k, node: child });
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** Applies the mutations to a copy (fast-check may reuse generated values while shrinking). */
function applyMutations(body: unknown, mutations: readonly Mutation[]): unknown {
  let root = structuredClone(body);
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[m.at % all.length]!;
    const replace = (value: unknown) => {
      if (slot.parent === undefined) root = value;
      else (slot.parent as Record<string | number, unknown>)[slot.key] = value;
    };
    switch (m.op) {
      case 'delete':
        if (slot.parent === undefined) root = undefined;
        else if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete slot.parent[slot.key as string];
        break;
      case 'set':
        replace(structuredClone(m.value));
        break;
      case 'setKey':
        if (typeof slot.node === 'object' && slot.node !== null && !Array.isArray(slot.node)) {
          Object.defineProperty(slot.node, m.key, {
            value: structuredClone(m.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          replace({ [m.key]: structuredClone(m.value) });
        }
        break;
      case 'duplicate':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, structuredClone(slot.node));
        else if (Array.isArray(slot.node) && slot.node.length > 0) slot.node.push(structuredClone(slot.node[0]));
        break;
      case 'copyTime': {
        const series = (root as { series?: unknown } | undefined)?.series;
        if (Array.isArray(series) && series.length > 0) {
          const from = series[m.from % series.length] as { time?: unknown } | undefined;
          const to = series[m.at % series.length] as { time?: unknown } | undefined;
          if (from && to && typeof from === 'object' && typeof to === 'object') to.time = from.time;
        }
        break;
      }
    }
  }
  return root;
}

describe('parseSeriesList: properties', () => {
  test('valid random bodies parse to exactly what they say', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const list = parseSeriesList(body);
        assertWellFormed(list, body.metadata.length, body.series.length);
        const order = body.series.map((p) => p.time as number).sort((a, b) => a - b);
        assert.deepEqual(list.times, order);
        body.metadata.forEach((meta, i) => {
          const s = list.series[i]!;
          const expectedName = (v: Json | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : UNKNOWN);
          assert.equal(s.sdk, expectedName(meta.sdk));
          assert.equal(s.version, expectedName(meta.version));
          order.forEach((time, p) => {
            const point = body.series.find((q) => q.time === time)!;
            assert.equal(denseSeries(list)[i]!.values[p], (point[String(i)] as number | undefined) ?? 0);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  test('mutated bodies either parse to well-formed data or fail with invalidResponse, never anything else', () => {
    const outcomes = { ok: 0, invalid: 0 };
    fc.assert(
      fc.property(validBody, fc.array(mutation, { minLength: 1, maxLength: 4 }), (body, mutations) => {
        outcomes[checkOutcome(applyMutations(body, mutations))]++;
      }),
      { numRuns: 1_000 },
    );
    // Both outcomes must really be exercised, or the property says little.
    assert.ok(outcomes.ok > 50 && outcomes.invalid > 50, JSON.stringify(outcomes));
  });

  test('mutated bodies that went through JSON text behave the same way', () => {
    fc.assert(
      fc.property(validBody, fc.array(mutation, { minLength: 1, maxLength: 3 }), (body, mutations) => {
        const text = JSON.stringify(applyMutations(body, mutations));
        checkOutcome(text === undefined ? undefined : JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary values and arbitrary JSON never escape as anything but invalidResponse', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => void checkOutcome(value)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.json(), (text) => void checkOutcome(JSON.parse(text))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.record({ metadata: fc.array(fc.anything(), { maxLength: 4 }), series: fc.array(fc.anything(), { maxLength: 4 }) }),
        (body) => void checkOutcome(body),
      ),
      { numRuns: 300 },
    );
  });

  test('duplicate times anywhere in the body are always refused', () => {
    fc.assert(
      fc.property(
        validBody.filter((b) => b.series.length > 0),
        fc.nat(),
        fc.integer({ min: EARLIEST_PLAUSIBLE_TIME, max: Date.now() }),
        (generated, at, time) => {
          const body = structuredClone(generated);
          const copy = structuredClone(body.series[at % body.series.length]!);
          body.series.splice(at % (body.series.length + 1), 0, copy);
          const shared = copy.time;
          if (time % 2 === 0) for (const p of body.series) if (p.time === shared) p.time = time;
          expectInvalid(body, /two points share the time|has no valid "time"/);
        },
      ),
      { numRuns: 200 },
    );
  });
});
