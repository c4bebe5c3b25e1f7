/**
 * The report read from its bytes gives exactly what `parseSdkVersionDetails(JSON.parse(text))`
 * gives, for any JSON: the same entries (only the fields used), the same count of items left out,
 * an invalid-response error for anything but a list, and a syntax error wherever JSON.parse has one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BODY_PADDING, ResponseBody } from '../../src/api/body';
import { UsageApiError } from '../../src/api/errors';
import { JsonSyntaxError } from '../../src/api/jsonSyntax';
import { parseSdkVersionDetailsBody } from '../../src/api/reportScanner';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { HOSTILE_PIECES } from '../support/hostileText';
import { largeReport } from '../support/largeReport';

function bodyOf(text: string): ResponseBody {
  const bytes = Buffer.from(text);
  return new ResponseBody(Buffer.concat([bytes, Buffer.alloc(BODY_PADDING)]), bytes.length);
}

type Outcome = { entries: unknown; ignored: number } | { error: 'syntax' | 'invalid' };

function outcome(read: () => { entries: unknown; ignored: number }): Outcome {
  try {
    return read();
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof JsonSyntaxError) return { error: 'syntax' };
    if (error instanceof UsageApiError && error.kind === 'invalidResponse') return { error: 'invalid' };
    throw error;
  }
}

function assertSame(text: string): void {
  const expected = outcome(() => parseSdkVersionDetails(JSON.parse(text)));
  assert.deepEqual(
    outcome(() => parseSdkVersionDetailsBody(bodyOf(text))),
    expected,
    text.slice(0, 300),
  );
}

const FIELDS = [
  'name',
  'version',
  'type',
  'projectId',
  'projectKey',
  'projectName',
  'environmentKey',
  'environmentName',
  'applicationId',
  'ldLatestVersion',
  'eolStatus',
  'latestReleaseUrl',
  'connectionType',
  'relayVersion',
  'relayEolStatus',
  'relayLatestVersion',
  'relayLatestReleaseUrl',
  'somethingNew',
  '__proto__',
  'constructor',
];
const hostileText = fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 6 }).map((parts) => parts.join(''));
const fieldValue = fc.oneof(
  fc.constantFrom('EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear', 'EolUnknown', 'direct', 'PROXY', ' proxy ', ''),
  hostileText,
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const entry = fc.array(fc.tuple(fc.constantFrom(...FIELDS), fieldValue), { maxLength: 12 });
/** An entry written as JSON text, keys possibly repeated (the last wins in JSON.parse). */
const entryText = entry.map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
const itemText = fc.oneof({ weight: 5, arbitrary: entryText }, { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) });

describe('the report read from its bytes', () => {
  test('equals the JSON.parse reading for any list of entries, items of other kinds, whitespace and escapes', () => {
    fc.assert(
      fc.property(fc.array(itemText, { maxLength: 8 }), fc.constantFrom('', ' ', '\n\t '), (items, space) => {
        assertSame(`${space}[${space}${items.join(`${space},${space}`)}${space}]${space}`);
      }),
      { numRuns: 1500 },
    );
  });

  test('equals the JSON.parse reading for any JSON at all, and fails where JSON.parse fails', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => assertSame(text)),
      { numRuns: 500 },
    );
    for (const text of [
      '',
      '[',
      '[{',
      '[{"name"',
      '[{"name":',
      '[{"name":"x"',
      '[{"name":"x",}]',
      '[1,]',
      '[] x',
      '[{"a":1}{}]',
      '{"a":[]}',
      'null',
    ]) {
      assertSame(text);
    }
  });

  test('a text with non-ASCII characters reads the same as an all-ASCII one', () => {
    assertSame(JSON.stringify([{ name: 'Node.js Server SDK — ünïcode', projectName: '日本', environmentName: '😀\u202e' }]));
  });

  test('keeps only the fields the views use: no report ids', () => {
    const { entries } = parseSdkVersionDetailsBody(bodyOf(JSON.stringify(largeReport({ entries: 10, versions: 3 }))));
    assert.equal(entries.length, 10);
    assert.ok(entries.every((e) => !('projectId' in e) && !('environmentId' in e) && e.projectKey !== undefined));
  });

  test('a report of 200,000 entries is read whole, each entry as the JSON reading gives it', () => {
    const report = largeReport({ entries: 200_000, versions: 2_000 });
    const { entries } = parseSdkVersionDetailsBody(bodyOf(JSON.stringify(report)));
    assert.equal(entries.length, 200_000);
    for (const i of [0, 1, 99_999, 123_456, 199_999]) assert.deepEqual(entries[i], parseSdkVersionDetails([report[i]]).entries[0]);
  });
});
