/** The words for what people ask for: presets, the range a load answered, bucket sizes, the filter, refused ranges. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RANGE_PRESETS, TimeRangeError, parseDateInput, resolveTimeRange } from '../../src/model/timeRange';
import { describeFilter, describeTimeRangeProblem, granularityLabel, presetLabel, rangeLabel } from '../../src/presentation/queryWords';

describe('query words', () => {
  const custom = (from: string, to: string) => ({ kind: 'custom' as const, from, to });
  const local = (text: string) => parseDateInput(text)!;

  test('every preset has its label, and a load of a preset is labelled by it', () => {
    assert.deepEqual(RANGE_PRESETS.map(presetLabel), [
      'Last 2 hours',
      'Last 24 hours',
      'Last 2 days',
      'Last 7 days',
      'Last 30 days',
      'Last 90 days',
    ]);
    const now = Date.UTC(2026, 5, 15, 12, 34, 56);
    assert.equal(rangeLabel({ preset: '7d', ...resolveTimeRange({ kind: 'preset', preset: '7d' }, now) }), 'Last 7 days');
  });

  test('a load of a custom range is labelled by its start and end as they are typed, the end clamped to now', () => {
    const at = local('2026-06-15T12:00');
    assert.equal(rangeLabel({ preset: undefined, ...resolveTimeRange(custom('2026-06-01', '2026-06-15'), at) }), '2026-06-01 – 2026-06-15');
    assert.equal(
      rangeLabel({ preset: undefined, ...resolveTimeRange(custom('2026-06-15T10:00', '2026-06-15T12:03'), at) }),
      '2026-06-15T10:00 – 2026-06-15T12:00',
    );
  });

  test('granularityLabel names each bucket size', () => {
    assert.deepEqual((['minutely', 'hourly', 'daily'] as const).map(granularityLabel), ['per minute', 'hourly', 'daily']);
  });

  test('the filter in words', () => {
    assert.equal(describeFilter({}), undefined);
    assert.equal(describeFilter({ sdk: 'react' }), 'react');
    assert.equal(describeFilter({ version: '3.3.1' }), 'version 3.3.1');
    assert.equal(describeFilter({ sdk: 'react', version: '3.3.1' }), 'react 3.3.1');
    assert.equal(
      describeFilter({ sdk: 'NodeJSClient', version: '9.7.1', otherSpellings: ['Node.js Server SDK'] }),
      'NodeJSClient or Node.js Server SDK 9.7.1',
    );
  });

  test('custom ranges that cannot be asked for are refused, and the words say why, naming the text as typed', () => {
    const at = local('2026-06-15T12:00');
    const cases: [string, string, RegExp][] = [
      ['soon', '2026-06-15', /start "soon" is not a date/],
      ['2026-06-01', '2026-02-30', /end "2026-02-30" is not a date/],
      ['2026-06-10', '2026-06-10', /must be after the start/],
      ['2026-06-10', '2026-06-01', /must be after the start/],
      ['2026-06-16', '2026-06-17', /start \(2026-06-16\) is in the future/],
      ['2026-06-01', '2026-06-15T12:30', /end \(2026-06-15T12:30\) is in the future/],
    ];
    for (const [from, to, message] of cases) {
      assert.throws(
        () => resolveTimeRange(custom(from, to), at),
        (e: unknown) => e instanceof TimeRangeError && message.test(describeTimeRangeProblem(e.problem)),
        `${from} – ${to}`,
      );
    }
  });
});
