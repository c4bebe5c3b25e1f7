/** Number, percent, granularity and zoned-time formatting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCount, formatPercent } from '../../src/model/format';

describe('format', () => {
  test('formatCount groups thousands in the locale', () => {
    assert.equal(formatCount(12345), '12,345');
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(1234.6), '1,235');
    assert.equal(formatCount(12345, 'de-DE'), '12.345');
  });

  test('formatPercent rounds to whole percent, with one decimal below 1%', () => {
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(0.005), '0.5%');
    assert.equal(formatPercent(0.123), '12%');
    assert.equal(formatPercent(0.5), '50%');
    assert.equal(formatPercent(1), '100%');
  });
});
