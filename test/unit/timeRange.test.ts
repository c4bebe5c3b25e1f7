/** Time ranges: presets, custom dates, granularity and time zones. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RANGE_PRESETS,
  TimeRangeError,
  formatInputDate,
  granularityFor,
  isRangePreset,
  parseDateInput,
  resolveTimeRange,
  resolveTimeZone,
  type TimeRangeProblem,
} from '../../src/model/timeRange';
import { MINUTE, HOUR, DAY } from '../support/usageAnswers';

describe('timeRange', () => {
  const now = Date.UTC(2026, 5, 15, 12, 34, 56);
  const spans = { '2h': 2 * HOUR, '24h': DAY, '2d': 2 * DAY, '7d': 7 * DAY, '30d': 30 * DAY, '90d': 90 * DAY } as const;
  const grains = { '2h': 'minutely', '24h': 'hourly', '2d': 'hourly', '7d': 'daily', '30d': 'daily', '90d': 'daily' } as const;

  for (const preset of RANGE_PRESETS) {
    test(`preset ${preset} ends now, spans ${preset} and is ${grains[preset]}`, () => {
      const range = resolveTimeRange({ kind: 'preset', preset }, now);
      assert.equal(range.to, now);
      const span = range.to - range.from;
      // A start may sit up to a couple of minutes inside the span to stay clear of the API's boundary.
      assert.ok(span <= spans[preset] && span >= spans[preset] - 2 * MINUTE, `span ${span}`);
      assert.equal(range.granularity, grains[preset]);
      assert.ok(isRangePreset(preset));
    });
  }

  test('isRangePreset refuses anything else', () => {
    for (const value of ['3h', 'custom', '', null, 24, '24H']) assert.equal(isRangePreset(value), false);
  });

  test('granularityFor switches exactly at 2 hours and 2 days back', () => {
    assert.equal(granularityFor(now - 2 * HOUR, now), 'minutely');
    assert.equal(granularityFor(now - 2 * HOUR - 1, now), 'hourly');
    assert.equal(granularityFor(now - 2 * DAY, now), 'hourly');
    assert.equal(granularityFor(now - 2 * DAY - 1, now), 'daily');
    assert.equal(granularityFor(now, now), 'minutely');
    assert.equal(granularityFor(now + HOUR, now), 'minutely');
  });

  test('a bare date means local midnight; a date-time is local time', () => {
    assert.equal(parseDateInput('2026-01-05'), new Date(2026, 0, 5).getTime());
    assert.equal(parseDateInput(' 2026-01-05 '), new Date(2026, 0, 5).getTime());
    assert.equal(parseDateInput('2026-01-05T09:30'), new Date(2026, 0, 5, 9, 30).getTime());
    assert.equal(parseDateInput('2026-01-05 09:30'), new Date(2026, 0, 5, 9, 30).getTime());
    assert.equal(parseDateInput('2026-01-05T09:30Z'), Date.UTC(2026, 0, 5, 9, 30));
    assert.equal(parseDateInput('2024-02-29'), new Date(2024, 1, 29).getTime());
  });

  test('refuses text that is not a date and days a month does not have', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-1-5',
      '05/01/2026',
      '2026-01-05T9:30',
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-02-30T10:00',
      '2026-04-31 08:00',
      '2026-01-05T25:00',
      '2026-01-05T10:00junk',
    ]) {
      assert.equal(parseDateInput(text), undefined, text);
    }
  });

  test('formatInputDate writes what parseDateInput reads', () => {
    for (const t of [new Date(2026, 0, 5).getTime(), new Date(2026, 0, 5, 9, 30).getTime(), new Date(2025, 11, 31, 23, 59).getTime()]) {
      assert.equal(parseDateInput(formatInputDate(t)), t);
    }
    assert.equal(formatInputDate(new Date(2026, 0, 5).getTime()), '2026-01-05');
    assert.equal(formatInputDate(new Date(2026, 0, 5, 9, 7).getTime()), '2026-01-05T09:07');
  });

  const custom = (from: string, to: string) => ({ kind: 'custom' as const, from, to });
  const local = (text: string) => parseDateInput(text)!;

  test('a custom range resolves to its dates with the granularity its start implies', () => {
    const at = local('2026-06-15T12:00');
    const range = resolveTimeRange(custom('2026-06-01', '2026-06-15'), at);
    assert.deepEqual(range, { from: local('2026-06-01'), to: local('2026-06-15'), granularity: 'daily' });
    assert.equal(resolveTimeRange(custom('2026-06-15T11:00', '2026-06-15T12:00'), at).granularity, 'minutely');
    assert.equal(resolveTimeRange(custom('2026-06-14T12:00', '2026-06-15T11:00'), at).granularity, 'hourly');
  });

  test('a custom end a little past now (clock skew) is clamped to now', () => {
    const at = local('2026-06-15T12:00');
    const range = resolveTimeRange(custom('2026-06-15T10:00', '2026-06-15T12:03'), at);
    assert.equal(range.to, at);
  });

  test('custom ranges that cannot be asked for are refused with a TimeRangeError saying which check failed', () => {
    const at = local('2026-06-15T12:00');
    const cases: [string, string, TimeRangeProblem['kind']][] = [
      ['soon', '2026-06-15', 'startNotDate'],
      ['2026-06-01', '2026-02-30', 'endNotDate'],
      ['2026-06-10', '2026-06-10', 'endNotAfterStart'],
      ['2026-06-10', '2026-06-01', 'endNotAfterStart'],
      ['2026-06-16', '2026-06-17', 'startInFuture'],
      ['2026-06-01', '2026-06-15T12:30', 'endInFuture'],
    ];
    for (const [from, to, kind] of cases) {
      assert.throws(
        () => resolveTimeRange(custom(from, to), at),
        (e: unknown) => e instanceof TimeRangeError && e.problem.kind === kind && e.problem.from === from && e.problem.to === to,
        `${from} – ${to}`,
      );
    }
  });
});
describe('time zone', () => {
  test("a valid IANA zone is used as set; an empty or unknown one falls back to this machine's zone", () => {
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    assert.equal(resolveTimeZone('America/New_York'), 'America/New_York');
    assert.equal(resolveTimeZone('Asia/Kolkata'), 'Asia/Kolkata');
    assert.equal(resolveTimeZone(''), machine);
    assert.equal(resolveTimeZone('Mars/Olympus_Mons'), machine);
  });
});
