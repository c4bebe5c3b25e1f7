/**
 * The words for data restored from an earlier session: its age, in the tree's message and the
 * panel's status line. Expected texts are written out here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadedQuery } from '../../src/model/query';
import type { PanelStatus } from '../../src/protocol';
import { ageText, bannerContent, panelStatusLine, treeMessage } from '../../src/presentation/status';
import { readyStatus } from '../support/panelStatus';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FETCHED = Date.UTC(2026, 0, 5, 9, 30);
const LOADED: LoadedQuery = {
  source: 'client',
  preset: '7d',
  from: FETCHED - 7 * DAY,
  to: FETCHED,
  granularity: 'daily',
  timeZone: 'UTC',
  filter: {},
};

function restored(change: Partial<PanelStatus> = {}): PanelStatus {
  return readyStatus(LOADED.from, LOADED.to, { loaded: LOADED, fetchedAt: FETCHED, restored: true, ...change });
}

describe('the age of restored data', () => {
  test('in the largest whole unit up to days, singular for one', () => {
    const cases: [number, string][] = [
      [0, 'less than a minute ago'],
      [59 * SECOND, 'less than a minute ago'],
      [MINUTE, '1 minute ago'],
      [59 * MINUTE + 59 * SECOND, '59 minutes ago'],
      [HOUR, '1 hour ago'],
      [2 * HOUR - 1, '1 hour ago'],
      [47 * HOUR, '47 hours ago'],
      [2 * DAY, '2 days ago'],
      [400 * DAY, '400 days ago'],
      // A clock set back since: not an age in the future.
      [-HOUR, 'less than a minute ago'],
    ];
    for (const [age, text] of cases) assert.equal(ageText(FETCHED, FETCHED + age), text, `${age} ms`);
  });

  test('the tree\'s message leads with it, after "Stale" when a refresh failed, and not while refreshing', () => {
    const now = FETCHED + 3 * HOUR;
    assert.equal(treeMessage(restored(), true, now), 'As of 3 hours ago: Client-side SDKs · Last 7 days · daily');
    assert.equal(treeMessage(restored({ stale: true }), true, now), 'Stale, as of 3 hours ago: Client-side SDKs · Last 7 days · daily');
    assert.equal(treeMessage(restored({ load: 'loading' }), true, now), 'Refreshing… Client-side SDKs · Last 7 days · daily');
    assert.equal(treeMessage(restored({ restored: false }), true, now), 'Client-side SDKs · Last 7 days · daily');
  });

  test("the panel's status line says it instead of the time of the update, and the banner says nothing of it", () => {
    const now = FETCHED + 2 * DAY + HOUR;
    assert.equal(
      panelStatusLine(restored(), 12, 'en-US', now),
      'Client-side SDKs · Last 7 days · daily data · times in UTC · as of 2 days ago',
    );
    assert.match(panelStatusLine(restored({ restored: false }), 12, 'en-US', now), / · updated \d/);
    assert.equal(bannerContent(restored(), true), undefined);
  });
});
