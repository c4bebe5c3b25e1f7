/**
 * What the loaded data left out, as kinds and numbers: values ignored, points at impossible times,
 * times outside the range asked for. And the store's side: an answer with nothing in the range
 * asked for is refused, in the words of presentation/notes.ts; an allocation failure is "too large".
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { UsageErrorKind } from '../../src/api/errors';
import { anyInRange, dataNotes, outsideRange, type AskedRange } from '../../src/model/dataNotes';
import type { LoadedQuery } from '../../src/model/query';
import { buildUsageModel } from '../../src/model/modelBuild';
import { presentError, whatHappened } from '../../src/presentation/errors';
import { dataNoteText } from '../../src/presentation/notes';
import { UsageStore, type Connector } from '../../src/store';
import { useLocalApi } from '../support/localApi';
import { seriesList } from '../support/seriesLists';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TO = Date.UTC(2026, 10, 30, 12, 0);
const loaded: LoadedQuery = {
  source: 'server',
  preset: '24h',
  from: TO - DAY,
  to: TO,
  granularity: 'hourly',
  timeZone: 'UTC',
  filter: {},
};

function model(times: number[], counts: { ignoredValues?: number; droppedTimes?: number } = {}) {
  return buildUsageModel(
    [{ source: 'server', list: seriesList(times, [{ sdk: 'a', version: '1.0.0', values: times.map(() => 1) }], counts) }],
    loaded.granularity,
  );
}

describe('dataNotes', () => {
  test('says nothing when nothing was left out and the times are in range', () => {
    assert.deepEqual(dataNotes(model([TO - DAY, TO - HOUR]), loaded), []);
    assert.deepEqual(dataNotes(model([]), loaded), []);
  });

  test('counts ignored values and dropped points', () => {
    assert.deepEqual(dataNotes(model([TO], { ignoredValues: 1 }), loaded), [{ kind: 'ignoredValues', count: 1 }]);
    assert.deepEqual(dataNotes(model([TO], { ignoredValues: 1234, droppedTimes: 1 }), loaded), [
      { kind: 'ignoredValues', count: 1234 },
      { kind: 'droppedTimes', count: 1 },
    ]);
  });

  test('names charted times more than a bucket outside the range asked for, and the range', () => {
    assert.deepEqual(dataNotes(model([TO - DAY - HOUR, TO + HOUR]), loaded), [], 'one bucket either side is fine');
    assert.deepEqual(dataNotes(model([TO - 3 * DAY, TO - HOUR]), loaded), [
      { kind: 'rangeMismatch', returned: { first: TO - 3 * DAY, last: TO - HOUR }, asked: loaded },
    ]);
  });

  test('a bucket of slack is a minute, an hour, or a day and an hour for daily data', () => {
    const range = (granularity: AskedRange['granularity']): AskedRange => ({ from: TO - DAY, to: TO, granularity, timeZone: 'UTC' });
    assert.equal(outsideRange({ first: TO - DAY - MINUTE, last: TO }, range('minutely')), false);
    assert.equal(outsideRange({ first: TO - DAY - MINUTE - 1, last: TO }, range('minutely')), true);
    assert.equal(outsideRange({ first: TO - DAY, last: TO + HOUR + 1 }, range('hourly')), true);
    assert.equal(outsideRange({ first: TO - 2 * DAY - HOUR, last: TO }, range('daily')), false);
    assert.equal(outsideRange({ first: TO - 2 * DAY - HOUR - 1, last: TO }, range('daily')), true);
    assert.equal(anyInRange([0, TO - DAY / 2], range('hourly')), true);
    assert.equal(anyInRange([0, 8.64e15], range('hourly')), false);
  });
});

describe('the store and times outside the range asked for', () => {
  const local = useLocalApi();
  const stores: UsageStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });
  const connector: Connector = async () => ({ baseUrl: local().url, token: local().token, userAgent: 'test', timeoutMs: 5_000 });
  const store = (connect: Connector = connector) => {
    const s = new UsageStore(connect, { source: 'server', range: { kind: 'preset', preset: '24h' }, timeZone: 'UTC', filter: {} });
    stores.push(s);
    return s;
  };

  test('an answer with every time outside the range is refused, naming the mismatch; the last good data stays', async () => {
    const s = store();
    await s.refresh();
    const good = s.state.model;
    local().addFault({ fault: { kind: 'malformed', variant: 'seconds-times' }, times: 1, path: '/bysdkversion' });
    await s.refresh();
    assert.equal(s.state.error?.kind, 'invalidResponse' satisfies UsageErrorKind);
    assert.match(
      whatHappened(s.state.error!),
      /^LaunchDarkly returned times from 1970-01-\d\d \d\d:\d\d to 1970-01-\d\d \d\d:\d\d, outside the requested range .* another unit\. Nothing was charted\.$/,
    );
    assert.deepEqual(presentError(s.state.error!).actions, ['chooseTimeRange', 'refresh']);
    assert.equal(s.state.model, good);
  });

  test('an answer with some times in range loads, and the note names the rest', async () => {
    const s = store();
    const to = Date.now();
    const body = JSON.stringify({
      metadata: [{ sdk: 'a', version: '1.0.0' }],
      series: [
        { time: to - 30 * DAY, '0': 2 },
        { time: to - 2 * HOUR, '0': 3 },
      ],
    });
    local().addFault({ fault: { kind: 'status', status: 200, body }, times: 1, path: '/bysdkversion' });
    await s.refresh();
    assert.equal(s.state.status, 'ready', s.state.error?.message);
    assert.match(dataNotes(s.state.model!, s.state.loaded!).map(dataNoteText).join('\n'), /outside the requested range/);
  });

  test('an allocation failure (RangeError) while loading is "too large", never "network" or "unexpected"', async () => {
    const s = store(async () => {
      throw new RangeError('Array buffer allocation failed');
    });
    await s.refresh();
    assert.equal(s.state.error?.kind, 'tooLarge');
    assert.match(s.state.error!.message, /too large to hold in memory/);
  });
});
