/** The export files: CSV and JSON, their columns, quoting and escaping, names and texts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUsageModel } from '../../src/model/modelBuild';
import {
  EXPORT_COLUMNS,
  MAX_DENSE_EXPORT_ROWS,
  csvChunks,
  exportChunks,
  exportFileName,
  exportsEveryBucket,
  jsonChunks,
} from '../../src/presentation/export';
import { toCsv, toJson } from '../support/exports';
import { isoInZone } from '../../src/model/format';
import { type LoadedQuery } from '../../src/model/query';
import { sdkNamingOf } from '../../src/catalogue/sdkIdentity';
import { catalogue } from '../support/catalogue';
import { seriesList } from '../support/seriesLists';
import { AWKWARD_LOADED, MINUTE, HOUR, T0, type Row, answer, awkwardModel } from '../support/usageAnswers';

/** RFC 4180 reader for the test: returns rows of cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  assert.equal(cell, '', 'ends with CRLF');
  return rows;
}

describe('export', () => {
  const loaded = AWKWARD_LOADED;

  test('CSV has the export columns, one row per version and time, CRLF line ends', () => {
    const model = awkwardModel();
    const text = toCsv(model, 'UTC');
    assert.ok(text.endsWith('\r\n'));
    const rows = readCsv(text);
    assert.deepEqual(rows[0], [...EXPORT_COLUMNS]);
    assert.deepEqual(EXPORT_COLUMNS, [
      'time_iso',
      'time_ms',
      'source',
      'sdk',
      'version',
      'connections',
      'health',
      'health_source',
      'status',
      'target_version',
      'projects',
      'environments',
      'applications',
      'connection',
      'reported_sdk',
      'release_data_date',
    ]);
    assert.equal(rows.length - 1, model.versions.length * model.times.length);
    for (const row of rows) assert.equal(row.length, EXPORT_COLUMNS.length);
    const first = rows.find((r) => r[3] === 'node|server')!;
    // Without LaunchDarkly's verdicts the health is the estimate and where it runs is empty.
    assert.deepEqual(first, [
      new Date(T0).toISOString().replace('.000Z', 'Z'),
      String(T0),
      'server',
      'node|server',
      '9.7.1',
      '1234',
      'Current (newest seen: 9.7.1)',
      'estimate',
      'Current',
      '',
      '',
      '',
      '',
      '',
      'node|server',
      '',
    ]);
  });

  test('CSV times carry the offset of the zone the data was asked in', () => {
    const berlin = readCsv(toCsv(awkwardModel(), 'Europe/Berlin')).slice(1);
    const row = berlin.find((r) => r[1] === String(T0))!;
    assert.equal(Date.parse(row[0]!), T0, 'the ISO time names the same instant');
    assert.match(row[0]!, /[+-]0[12]:00$/);
  });

  test("isoInZone writes local time with the zone's offset, across daylight saving and half-hour zones", () => {
    assert.equal(isoInZone(Date.UTC(2026, 0, 15, 5), 'America/New_York'), '2026-01-15T00:00:00-05:00');
    assert.equal(isoInZone(Date.UTC(2026, 6, 15, 4), 'America/New_York'), '2026-07-15T00:00:00-04:00');
    assert.equal(isoInZone(Date.UTC(2026, 0, 14, 18, 30), 'Asia/Kolkata'), '2026-01-15T00:00:00+05:30');
    assert.equal(isoInZone(Date.UTC(2026, 0, 15), 'UTC'), '2026-01-15T00:00:00Z');
  });

  test('CSV quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    const rows = readCsv(toCsv(awkwardModel(), 'UTC')).slice(1);
    const sdks = new Set(rows.map((r) => r[3]));
    assert.ok(sdks.has('say "hi", all'), 'quotes and commas survive');
    assert.ok(sdks.has('multi\nline'), 'line breaks survive inside quotes');
    assert.ok(sdks.has('\'=HYPERLINK("http://x")'));
    assert.ok(sdks.has("'+cmd"));
    const versions = new Set(rows.map((r) => r[4]));
    assert.ok(versions.has("'-2.0"));
    assert.ok(versions.has("'@v1"));
    for (const row of rows) {
      assert.ok(!/^[=+\-@]/.test(row[3]!) && !/^[=+\-@]/.test(row[4]!), row.join(','));
      assert.match(row[1]!, /^\d+$/, 'numbers are written as numbers');
      assert.match(row[5]!, /^\d+$/);
    }
    assert.ok(toCsv(awkwardModel(), 'UTC').includes('"say ""hi"", all"'));
  });

  test('past MAX_DENSE_EXPORT_ROWS rows, exports write only the buckets with connections', () => {
    // 1,500 versions × 1,440 minutes, each with connections in two buckets: 2,160,000 dense rows.
    const times = Array.from({ length: 1_440 }, (_, p) => T0 + p * MINUTE);
    const rows: Row[] = Array.from({ length: 1_500 }, (_, i) => {
      const values = new Array<number>(times.length).fill(0);
      values[i % 1_440] = i + 1;
      values[1_439] = 2;
      return [`sdk-${i % 7}`, `1.${i}.0`, values];
    });
    const model = buildUsageModel([answer('server', times, rows)], 'minutely');
    assert.ok(model.versions.length * model.times.length > MAX_DENSE_EXPORT_ROWS);
    assert.equal(exportsEveryBucket(model), false);
    const csv = readCsv(toCsv(model, 'UTC')).slice(1);
    assert.equal(csv.length, model.cells.values.length);
    assert.ok(
      csv.every((r) => Number(r[5]) > 0),
      'no zero rows',
    );
    const sum = csv.reduce((total, r) => total + Number(r[5]), 0);
    assert.equal(
      sum,
      rows.reduce((total, [, , values]) => total + values.reduce((a, b) => a + b, 0), 0),
      'every connection is in the export',
    );
    const json = JSON.parse(toJson(model, loaded)) as { everyBucket: boolean; rows: unknown[][] };
    assert.deepEqual([json.everyBucket, json.rows.length], [false, csv.length]);
  });

  test('where rows without connections would not be most of it, exports write every bucket, zeros included, and say so', () => {
    const model = awkwardModel();
    assert.equal(exportsEveryBucket(model), true);
    assert.ok(
      readCsv(toCsv(model, 'UTC'))
        .slice(1)
        .some((r) => r[5] === '0'),
    );
    assert.equal((JSON.parse(toJson(model, loaded)) as { everyBucket: boolean }).everyBucket, true);
  });

  test('CSV of an empty model is just the header', () => {
    assert.equal(toCsv(buildUsageModel([], 'hourly'), 'UTC'), `${EXPORT_COLUMNS.join(',')}\r\n`);
  });

  test('JSON export carries the query, the columns and the same rows as the CSV', () => {
    const model = awkwardModel();
    const parsed = JSON.parse(toJson(model, loaded)) as { query: Record<string, unknown>; columns: string[]; rows: unknown[][] };
    assert.deepEqual(parsed.query, {
      source: 'server',
      rangeLabel: 'Last 24 hours',
      from: loaded.from,
      to: loaded.to,
      granularity: 'hourly',
      timeZone: 'Europe/Berlin',
      filter: { sdk: 'node|server' },
      fromIso: isoInZone(loaded.from, loaded.timeZone),
      toIso: isoInZone(loaded.to, loaded.timeZone),
    });
    assert.deepEqual(parsed.columns, [...EXPORT_COLUMNS]);
    assert.equal(parsed.rows.length, model.versions.length * model.times.length);
    assert.ok(
      parsed.rows.some(
        (r) =>
          JSON.stringify(r) ===
          JSON.stringify([
            isoInZone(T0, loaded.timeZone),
            T0,
            'server',
            '=HYPERLINK("http://x")',
            '1.0',
            4,
            'Current (newest seen: 1.0)',
            'estimate',
            'Current',
            '',
            '',
            '',
            '',
            '',
            '=HYPERLINK("http://x")',
            '',
          ]),
      ),
    );
  });
});

describe('export files', () => {
  const model = buildUsageModel([{ source: 'client', list: seriesList([T0], [{ sdk: 'js', version: '3.0', values: [5] }]) }], 'hourly');
  const loaded: LoadedQuery = {
    source: 'client',
    preset: '24h',
    from: T0 - 24 * HOUR,
    to: T0,
    granularity: 'hourly',
    timeZone: 'UTC',
    filter: {},
  };

  test('are named for the source and the UTC day they were made', () => {
    assert.equal(exportFileName('csv', 'both', Date.UTC(2025, 11, 31, 23, 59)), 'launchdarkly-sdk-connections-both-2025-12-31.csv');
    assert.equal(exportFileName('json', 'server', Date.UTC(2026, 0, 1)), 'launchdarkly-sdk-connections-server-2026-01-01.json');
  });

  test('hold the CSV or JSON rendering of the data', () => {
    assert.deepEqual([...exportChunks('csv', model, loaded, undefined)], [...csvChunks(model, 'UTC')]);
    assert.deepEqual([...exportChunks('json', model, loaded, undefined)], [...jsonChunks(model, loaded)]);
  });
});

describe('exports of a wide, sparse answer', () => {
  // 200 versions over 10,000 minutes, each with connections in three of them (a 254 KB answer),
  // SDK names of 60 characters: 2,000,000 rows with every bucket, over 200 M characters.
  const times = Array.from({ length: 10_000 }, (_, p) => T0 + p * MINUTE);
  const wide = buildUsageModel(
    [
      {
        source: 'server',
        list: seriesList(
          times,
          Array.from({ length: 200 }, (_, i) => {
            const values = new Array<number>(times.length).fill(0);
            for (const p of [i, 5_000 + i, 9_999]) values[p] = i + 1;
            return { sdk: `${'s'.repeat(56)}-${i % 10}`.padEnd(60, 'x'), version: `1.${i}.0`, values };
          }),
        ),
      },
    ],
    'minutely',
  );
  const loaded: LoadedQuery = {
    source: 'server',
    preset: '7d',
    from: T0,
    to: T0 + 10_000 * MINUTE,
    granularity: 'minutely',
    timeZone: 'UTC',
    filter: {},
  };

  test('get a row for each bucket with connections only, in chunks of bounded size', () => {
    assert.equal(exportsEveryBucket(wide), false);
    const chunks = [...csvChunks(wide, 'UTC')];
    assert.ok(
      chunks.every((chunk) => chunk.length < 70 * 1024),
      'chunks of about 64 K characters',
    );
    const rows = readCsv(chunks.join('')).slice(1);
    assert.equal(rows.length, wide.cells.values.length);
    assert.equal(rows.length, 600);
    const json = JSON.parse(toJson(wide, loaded)) as { everyBucket: boolean; rows: unknown[][] };
    assert.deepEqual([json.everyBucket, json.rows.length], [false, 600]);
  });

  test('are as large as their rows with connections need', () => {
    const csv = toCsv(wide, 'UTC');
    const longestRow = csv.split('\r\n').reduce((longest, row) => Math.max(longest, row.length), 0);
    assert.ok(csv.length <= (wide.cells.values.length + 1) * (longestRow + 2), `${csv.length} characters`);
  });
});

describe('export with the SDK catalogue', () => {
  test('the sdk column has the display name, reported_sdk every spelling, and release-date health says its data date', () => {
    const naming = sdkNamingOf(catalogue);
    const model = buildUsageModel(
      [
        answer(
          'server',
          [T0],
          [
            ['NodeJSClient', '6.0.0', [3]],
            ['node-server', '6.0.0', [4]],
            ['=mine', '1.0.0', [5]],
          ],
        ),
      ],
      'hourly',
      { naming, now: Date.UTC(2026, 7, 1) },
    );
    const loaded: LoadedQuery = { source: 'server', preset: '24h', from: T0, to: T0, granularity: 'hourly', timeZone: 'UTC', filter: {} };
    const { rows } = JSON.parse(toJson(model, loaded)) as { rows: string[][] };
    const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    const node = rows.find((r) => r[column('sdk')] === 'Node.js Server SDK')!;
    assert.equal(node[column('reported_sdk')], 'NodeJSClient; node-server');
    assert.equal(node[column('connections')], 7);
    assert.equal(node[column('health_source')], 'releaseDates');
    assert.equal(node[column('release_data_date')], catalogue.source.date);
    assert.match(node[column('health')]!, /^Past end of life since \d{4}-\d\d-\d\d, upgrade to \d+\.\d+$/);
    assert.match(node[column('target_version')]!, /^\d+\.\d+$/);
    const mine = rows.find((r) => r[column('version')] === '1.0.0')!;
    assert.deepEqual(
      [mine[column('sdk')], mine[column('reported_sdk')], mine[column('health_source')], mine[column('release_data_date')]],
      ['=mine', '=mine', 'estimate', ''],
    );
    // In CSV a name a spreadsheet would run is defused in its own column too.
    assert.match(toCsv(model, 'UTC'), /,'=mine,\r\n/);
  });
});
