/** The notes beside the data, in words: what a load left out or got wrong, and why health is estimated. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { outOfMemoryError, tooLargeError } from '../../src/api/errors';
import type { AskedRange } from '../../src/model/dataNotes';
import { dataNoteText, describeRangeMismatch, verdictFailureNote } from '../../src/presentation/notes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TO = Date.UTC(2026, 10, 30, 12, 0);

describe('notes in words', () => {
  test('counts ignored values and dropped points, singular and plural, grouped by thousands', () => {
    assert.equal(dataNoteText({ kind: 'ignoredValues', count: 1 }), '1 value ignored (not whole numbers)');
    assert.equal(dataNoteText({ kind: 'ignoredValues', count: 1234 }), '1,234 values ignored (not whole numbers)');
    assert.equal(dataNoteText({ kind: 'droppedTimes', count: 1 }), '1 point at impossible times left out');
    assert.equal(dataNoteText({ kind: 'droppedTimes', count: 3 }), '3 points at impossible times left out');
  });

  test('names charted times outside the range asked for, and the range', () => {
    const asked: AskedRange = { from: TO - DAY, to: TO, granularity: 'hourly', timeZone: 'UTC' };
    assert.equal(
      dataNoteText({ kind: 'rangeMismatch', returned: { first: TO - 3 * DAY, last: TO - HOUR }, asked }),
      'LaunchDarkly returned times from 2026-11-27 12:00 to 2026-11-30 11:00, outside the requested range 2026-11-29 12:00 to 2026-11-30 12:00: the API may read from/to in another unit',
    );
  });

  test("writes days for daily data, the zone's local time, and raw milliseconds past year 9999", () => {
    const daily: AskedRange = { from: TO - 7 * DAY, to: TO, granularity: 'daily', timeZone: 'Asia/Tokyo' };
    assert.match(
      describeRangeMismatch({ first: 1_764_460_800, last: 1_764_504_000 }, daily),
      /^LaunchDarkly returned times from 1970-01-21 to 1970-01-21, outside the requested range 2026-11-23 to 2026-11-30:/,
    );
    const minutely: AskedRange = { from: TO - HOUR, to: TO, granularity: 'minutely', timeZone: 'America/New_York' };
    assert.match(
      describeRangeMismatch({ first: 0, last: 8.64e15 }, minutely),
      /from 1969-12-31 19:00 to 8640000000000000 ms, outside the requested range 2026-11-30 06:00 to 2026-11-30 07:00/,
    );
  });

  test('the failure note names the cause', () => {
    assert.match(verdictFailureNote({ kind: 'notFound', status: 404 }), /estimated.*404/);
    assert.match(verdictFailureNote({ kind: 'forbidden', status: 403 }), /role.*403/);
    assert.match(verdictFailureNote({ kind: 'rateLimited', status: 429 }), /429/);
    assert.match(verdictFailureNote({ kind: 'timeout' }), /in time/);
    assert.match(verdictFailureNote({ kind: 'invalidResponse' }), /could not be read/);
  });

  test('a report past the size cap is "larger than" the cap; one that ran out of memory is not said to be', () => {
    const pastCap = verdictFailureNote(tooLargeError('was larger than 160 MB'));
    assert.equal(
      pastCap,
      "Health is estimated: LaunchDarkly's end-of-life verdicts are unavailable, LaunchDarkly's report is larger than this extension reads (160 MB); the usage data is shown without it.",
    );
    const outOfMemory = verdictFailureNote(outOfMemoryError());
    assert.equal(
      outOfMemory,
      "Health is estimated: LaunchDarkly's end-of-life verdicts are unavailable, LaunchDarkly's report was too large to hold in memory; the usage data is shown without it.",
    );
    assert.doesNotMatch(outOfMemory, /larger than|MB/);
  });
});
