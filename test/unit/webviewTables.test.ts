/**
 * What the panel's tables show, rendered with happy-dom from a model built the way the extension
 * builds it (the API's body → parser → model → packed for the webview). Every number and
 * label is checked against values this file computes itself from the raw answer, never with the
 * product's own model, health or formatting functions.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { chartSeries } from '../../src/model/chartData';
import { buildUsageModel } from '../../src/model/modelBuild';
import { effectiveHealth } from '../../src/model/verdict';
import { packPanelData } from '../../src/protocol';
import { SUMMARY_COLUMNS, sortVersions, type HealthOf, type SortKey, type SortState } from '../../src/presentation/ordering';
import { dataTable, healthSummary, summaryTable } from '../../webview/tables';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 4, 22, 0);

/**
 * A raw bysdkversion answer as the API sends it: slices out of time order, keys missing from some
 * slices (and from the last), extra metadata keys, a version that is not semver, peaks that are not
 * the latest values, and shares that round differently from their neighbours.
 */
const metadata = [
  { sdk: 'node-server', version: '9.7.1', source: 'server', projectKey: 'default' },
  { sdk: 'node-server', version: '9.5.3', source: 'server' },
  { sdk: 'node-server', version: '8.11.2', source: 'server' },
  { sdk: 'go-server-sdk', version: '7.4.0', source: 'server' },
  { sdk: 'go-server-sdk', version: '5.0.0', source: 'server' },
  { sdk: 'Python', version: 'main-build', source: 'server' },
  { sdk: 'Python', version: '9.4.0', source: 'server' },
  { sdk: 'ruby-server-sdk', version: '8.6.0-beta.1', source: 'server' },
];
const slices: Record<string, number>[] = [
  { time: T0 + 2 * HOUR, 0: 5210, 1: 900, 2: 3000, 3: 1200, 4: 40, 5: 7, 6: 1500 },
  { time: T0, 0: 4100, 1: 1500, 2: 2500, 3: 2000, 4: 75, 5: 3, 6: 1490, 7: 12 },
  { time: T0 + 4 * HOUR, 0: 5000, 1: 800, 2: 1000, 3: 2100, 4: 5, 6: 1525, 7: 2_500_000_000 },
  { time: T0 + HOUR, 0: 4900, 1: 1400, 2: 2900, 3: 2450, 5: 11, 6: 1488, 7: 13 },
  { time: T0 + 3 * HOUR, 0: 5300, 1: 1000, 2: 2000, 3: 1900, 4: 20, 5: 9, 6: 1510 },
];
const RAW = JSON.stringify({ _links: {}, metadata, series: slices });

// ---------------------------------------------------------------------------
// The expected values, computed here from RAW alone.

interface Expected {
  sdk: string;
  version: string;
  values: number[];
  latest: number;
  peak: number;
  average: number;
  share: number;
  health: string;
  healthRank: number;
}

const sortedSlices = [...slices].sort((a, b) => a.time! - b.time!);
const times = sortedSlices.map((s) => s.time!);

function semver(version: string): [number, number, number, boolean] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] !== undefined] : undefined;
}

const expected: Expected[] = (() => {
  const rows = metadata.map((m, i) => {
    const values = sortedSlices.map((s) => s[String(i)] ?? 0);
    return {
      sdk: m.sdk,
      version: m.version,
      values,
      latest: values[values.length - 1]!,
      peak: Math.max(...values),
      average: values.reduce((a, b) => a + b, 0) / values.length,
    };
  });
  const latestTotal = rows.reduce((sum, r) => sum + r.latest, 0);
  return rows.map((r) => {
    const siblings = rows
      .filter((o) => o.sdk === r.sdk)
      .map((o) => ({ text: o.version, v: semver(o.version) }))
      .filter((o) => o.v);
    // The newest release (pre-releases only when there is nothing else).
    const releases = siblings.filter((o) => !o.v![3]);
    const pool = releases.length ? releases : siblings;
    const newest = pool.sort((a, b) => b.v![0] - a.v![0] || b.v![1] - a.v![1] || b.v![2] - a.v![2])[0];
    const own = semver(r.version);
    let health: string;
    let healthRank: number;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    // Without LaunchDarkly's verdict the panel shows its estimate, ranked by urgency:
    // current < not comparable < minor versions behind < major versions behind.
    if (!own || !newest) {
      health = 'Version not comparable (not a semantic version)';
      healthRank = 2000;
    } else if (own[0] < newest.v![0]) {
      health = `${plural(newest.v![0] - own[0], 'major version')} behind ${newest.text}`;
      healthRank = 5000 + newest.v![0] - own[0];
    } else if (own[0] === newest.v![0] && own[1] < newest.v![1]) {
      health = `${plural(newest.v![1] - own[1], 'minor version')} behind ${newest.text}`;
      healthRank = 3000 + newest.v![1] - own[1];
    } else {
      health = `Current (newest seen: ${newest.text})`;
      healthRank = 0;
    }
    return { ...r, share: r.latest / latestTotal, health: `${health} (estimate)`, healthRank };
  });
})();

/** en-US grouping, written out: 2500000000 → "2,500,000,000". */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (share: number) =>
  share > 0 && share < 0.01 ? `${(Math.round(share * 1000) / 10).toFixed(1)}%` : `${Math.round(share * 100)}%`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const hourLabel = (t: number) => {
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

// ---------------------------------------------------------------------------
// The product's path from body to what the webview holds.

const model = packPanelData(buildUsageModel([{ source: 'server', list: parseSeriesListText(RAW, T0 + 5 * HOUR) }], 'hourly'));
/** No plan from LaunchDarkly here: every version shows the estimate. */
const health: HealthOf = (v) => effectiveHealth(v, undefined);
const doc = new Window().document as unknown as Document;

const text = (el: Element | null | undefined) => (el?.textContent ?? '').trim();

function renderSummary(sort: SortState) {
  const sorts: SortKey[] = [];
  const { table, rows, drawn } = summaryTable(doc, model, {
    versions: model.versions,
    sort,
    caption: 'Versions',
    focusId: undefined,
    health,
    rowLimit: 100,
    locale: 'en-US',
    onSort: (key) => sorts.push(key),
  });
  const body = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
    Array.from((tr as HTMLTableRowElement).cells).map((c) => text(c)),
  );
  return { table, rows, drawn, body, sorts };
}

describe('the summary table', () => {
  test('shows every version with SDK, version, latest, peak, average, share and health as the API answer gives them', () => {
    assert.ok(expected.some((e) => e.peak !== e.latest) && expected.some((e) => e.latest === 0), 'the data tells latest from peak');
    const { body, rows, drawn } = renderSummary({ key: 'latest', descending: true });
    assert.equal(rows, metadata.length);
    assert.equal(drawn, metadata.length);
    const wanted = [...expected].sort((a, b) => b.latest - a.latest);
    assert.deepEqual(
      body,
      wanted.map((e) => [e.sdk, e.version, grouped(e.latest), grouped(e.peak), grouped(Math.round(e.average)), percent(e.share), e.health]),
    );
  });

  test('has real header cells with the column names and one sort state', () => {
    const { table } = renderSummary({ key: 'peak', descending: false });
    const headers = Array.from(table.querySelectorAll('thead th'));
    assert.deepEqual(
      headers.map((th) => text(th).replace(/[▲▼]/g, '').trim()),
      ['SDK', 'Version', 'Latest', 'Peak', 'Average', 'Share', 'Health'],
    );
    assert.ok(headers.every((th) => th.getAttribute('scope') === 'col'));
    assert.deepEqual(
      headers.map((th) => th.getAttribute('aria-sort')),
      ['none', 'none', 'none', 'ascending', 'none', 'none', 'none'],
    );
    assert.ok(
      Array.from(table.querySelectorAll('tbody tr')).every((tr) => tr.querySelector('th[scope="row"]') !== null),
      'each row has a row header',
    );
  });

  test("sorts by each column, both ways, by that column's own values", () => {
    const column = new Map<SortKey, (e: Expected) => number | string>([
      ['sdk', (e) => e.sdk.toLowerCase()],
      ['latest', (e) => e.latest],
      ['peak', (e) => e.peak],
      ['average', (e) => e.average],
      ['share', (e) => e.share],
      ['health', (e) => e.healthRank],
    ]);
    const byLabel = (cells: string[]) => expected.find((e) => e.sdk === cells[0] && e.version === cells[1])!;
    for (const [key, value] of column) {
      for (const descending of [false, true]) {
        const order = renderSummary({ key, descending }).body.map((cells) => value(byLabel(cells)));
        const sorted = [...order].sort(
          (a, b) => (typeof a === 'string' ? a.localeCompare(b as string) : a - (b as number)) * (descending ? -1 : 1),
        );
        assert.deepEqual(order, sorted, `${key} ${descending ? 'descending' : 'ascending'}`);
      }
    }
  });

  test('"Version" order is newest first within each SDK, and reverses', () => {
    const rowsOf = (descending: boolean) => renderSummary({ key: 'version', descending }).body.map((c) => `${c[0]} ${c[1]}`);
    const ascending = rowsOf(false);
    for (const sdk of new Set(metadata.map((m) => m.sdk))) {
      const versions = ascending
        .filter((r) => r.startsWith(`${sdk} `))
        .map((r) => semver(r.slice(sdk.length + 1)))
        .filter((v) => v !== undefined);
      for (let i = 1; i < versions.length; i++) {
        const [a, b] = [versions[i - 1]!, versions[i]!];
        assert.ok(a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] >= b[2]))), `${sdk}: newest first`);
      }
    }
    assert.deepEqual(rowsOf(true), [...ascending].reverse());
  });

  test("a header click asks for that column, and sortVersions keeps ties in the model's order", () => {
    const { table, sorts } = renderSummary({ key: 'latest', descending: true });
    for (const button of Array.from(table.querySelectorAll('thead button'))) (button as HTMLElement).click();
    assert.deepEqual(
      sorts,
      SUMMARY_COLUMNS.map(([key]) => key),
    );
    const tied = model.versions.map((v) => ({ ...v, latest: 1 }));
    const tiedModel = { ...model, versions: tied };
    assert.deepEqual(
      sortVersions(tiedModel, tied, { key: 'latest', descending: true }, health).map((v) => v.id),
      tied.map((v) => v.id),
    );
  });

  test('draws the first rows only, plus the focused one', () => {
    const sort: SortState = { key: 'latest', descending: true };
    const last = sortVersions(model, model.versions, sort, health).at(-1)!;
    const { table, drawn, rows } = summaryTable(doc, model, {
      versions: model.versions,
      sort,
      caption: 'Versions',
      focusId: last.id,
      health,
      rowLimit: 2,
      locale: 'en-US',
      onSort: () => undefined,
    });
    assert.equal(rows, metadata.length);
    assert.equal(drawn, metadata.length, 'up to the focused (last) row');
    const focused = table.querySelectorAll('tr.focused');
    assert.equal(focused.length, 1);
    assert.equal((focused[0] as HTMLElement).dataset.versionId, last.id);
    assert.equal(
      summaryTable(doc, model, {
        versions: model.versions,
        sort,
        caption: '',
        focusId: undefined,
        health,
        rowLimit: 2,
        locale: 'en-US',
        onSort: () => undefined,
      }).drawn,
      2,
    );
  });
});

describe('the data table', () => {
  for (const topN of [metadata.length, 3]) {
    test(`shows one row per bucket and the API's value in every cell (top ${topN})`, () => {
      const series = chartSeries(model, { topN, groupBy: 'version', outdatedOnly: false });
      const table = dataTable(doc, model, series, 'UTC', 'en-US');
      const headers = Array.from(table.querySelectorAll('thead th')).map((th) => text(th));
      // The largest by peak get columns of their own (ties by label); "Other" sums the rest.
      const ranked = [...expected].sort((a, b) => b.peak - a.peak || `${a.sdk} ${a.version}`.localeCompare(`${b.sdk} ${b.version}`));
      const own = topN >= ranked.length - 1 ? ranked : ranked.slice(0, topN);
      const rest = ranked.filter((e) => !own.includes(e));
      assert.deepEqual(headers, [
        'Time',
        ...own.map((e) => `${e.sdk} ${e.version}`),
        ...(rest.length ? [`Other (${rest.length} series)`] : []),
      ]);
      const body = Array.from(table.querySelectorAll('tbody tr'));
      assert.deepEqual(
        body.map((tr) => Number((tr as HTMLElement).dataset.time)),
        times,
      );
      body.forEach((tr, p) => {
        const cells = Array.from((tr as HTMLTableRowElement).cells).map((c) => text(c));
        const other = rest.reduce((sum, e) => sum + e.values[p]!, 0);
        assert.deepEqual(
          cells,
          [hourLabel(times[p]!), ...own.map((e) => grouped(e.values[p]!)), ...(rest.length ? [grouped(other)] : [])],
          `row ${p}`,
        );
      });
      assert.match(text(table.querySelector('caption')), /hourly bucket \(times in UTC\)/);
    });
  }
});

test('the health summary counts connections, shares and versions per status', () => {
  const list = healthSummary(doc, model, health, 'en-US');
  const latestTotal = expected.reduce((s, e) => s + e.latest, 0);
  const groups: [string, (e: Expected) => boolean, string][] = [
    ['current', (e) => e.healthRank === 0, 'on current versions (estimate)'],
    ['minorBehind', (e) => e.healthRank >= 3000 && e.healthRank < 4000, 'on versions a minor release or more behind (estimate)'],
    ['majorBehind', (e) => e.healthRank >= 5000, 'on versions a major release or more behind (estimate)'],
    ['unknown', (e) => e.healthRank === 2000, 'on versions that are not comparable (estimate)'],
  ];
  const items = Array.from(list.querySelectorAll('li')).map((li) => [(li as HTMLElement).dataset.status, text(li)]);
  assert.deepEqual(
    items,
    groups.map(([status, member, words]) => {
      const members = expected.filter(member);
      const connections = members.reduce((s, e) => s + e.latest, 0);
      return [
        status,
        `${grouped(connections)} connections (${percent(connections / latestTotal)}) ${words} · ${members.length} version${members.length === 1 ? '' : 's'}`,
      ];
    }),
  );
});
