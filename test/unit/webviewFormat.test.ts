/** The webview's time and colour formatting, done by the libraries it bundles (Luxon, Chart.js's colour helper). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAlpha } from '../../webview/chart';
import { formatBucketTime } from '../../webview/time';

test('bucket times show days as dates and hours as times, in the zone the data was asked in', () => {
  const t = Date.UTC(2025, 2, 12, 3, 5);
  assert.equal(formatBucketTime(t, 'daily', 'UTC', 'en-US'), 'Mar 12, 2025');
  assert.equal(formatBucketTime(t, 'daily', 'America/New_York', 'en-US'), 'Mar 11, 2025');
  assert.equal(formatBucketTime(t, 'hourly', 'UTC', 'en-US'), 'Mar 12, 03:05');
  assert.equal(formatBucketTime(t, 'minutely', 'Asia/Kolkata', 'en-US'), 'Mar 12, 08:35');
  assert.equal(
    formatBucketTime(t, 'minutely', 'Australia/Lord_Howe', 'en-US'),
    'Mar 12, 14:05',
    'a half-hour daylight saving offset (+11:00)',
  );
  assert.equal(
    formatBucketTime(Date.UTC(2025, 2, 9, 7, 0), 'hourly', 'America/New_York', 'en-US'),
    'Mar 9, 03:00',
    'the first hour after the spring change',
  );
  assert.equal(formatBucketTime(t, 'hourly', 'Europe/Berlin', 'de-DE'), '12. März, 04:05', "in the reader's locale");
});

test('theme colours are drawn at the opacity asked for, whatever form the theme writes them in', () => {
  assert.equal(withAlpha('#d18616', 1), 'rgb(209, 134, 22)');
  assert.equal(withAlpha('#d1861655', 1), 'rgb(209, 134, 22)', 'a translucent theme colour becomes opaque');
  assert.equal(withAlpha('#abc', 0.3), 'rgba(170, 187, 204, 0.3)');
  assert.equal(withAlpha('#abcd', 1), 'rgb(170, 187, 204)');
  assert.equal(withAlpha('rgba(55, 148, 255, 0.2)', 1), 'rgb(55, 148, 255)');
  assert.equal(withAlpha('rgb(55 148 255)', 0.3), 'rgba(55, 148, 255, 0.3)');
  assert.equal(withAlpha('hsl(120, 50%, 50%)', 1), 'rgb(64, 191, 64)');
  assert.equal(withAlpha('var(--unknown)', 0.3), 'var(--unknown)', 'a value it cannot read is kept as it is');
});
