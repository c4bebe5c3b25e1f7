/**
 * What people read about health groups: the progress lines (panel and copied summary), the status
 * bar item's text and tooltip, the exports' status column, and the chart's labels for groups.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { chartSeries } from '../../src/model/chartData';
import { healthGroupCounts, healthGroupWith, healthProgress, type GroupCount, type HealthGroup } from '../../src/model/healthGroups';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { LoadedQuery } from '../../src/model/query';
import { VerdictIndex, joinVerdicts } from '../../src/model/verdict';
import { EXPORT_COLUMNS } from '../../src/presentation/export';
import { toCsv } from '../support/exports';
import { seriesLabel } from '../../src/presentation/labels';
import { summaryMarkdown } from '../../src/presentation/markdown';
import { NO_PROGRESS_TEXT, describeChange, progressHeading, progressLine } from '../../src/presentation/progress';
import { statusBarContent } from '../../src/presentation/statusBar';
import { answer, hours, T0 } from '../support/usageAnswers';

/** Three hours: a version past end of life shrinking from 60% to 10%, a current one growing, and an estimate a major behind. */
function campaign() {
  const model = buildUsageModel(
    [
      answer('server', hours(3), [
        ['node-server', '9.7.1', [300, 600, 800]],
        ['node-server', '7.0.0', [600, 300, 100]],
        ['go', '2.0.0', [100, 100, 100]],
        ['go', '3.1.0', [0, 0, 0]],
      ]),
    ],
    'hourly',
  );
  const { entries } = parseSdkVersionDetails([
    { name: 'node-server', version: '7.0.0', eolStatus: 'EolPast', ldLatestVersion: '9.7.1' },
    { name: 'node-server', version: '9.7.1', eolStatus: 'EolAllClear' },
  ]);
  const verdicts = joinVerdicts(model.versions, new VerdictIndex(entries), ['server']);
  return { model, verdicts };
}

const loaded: LoadedQuery = {
  source: 'server',
  preset: '24h',
  from: T0 - 21 * 3_600_000,
  to: T0 + 3 * 3_600_000,
  granularity: 'hourly',
  timeZone: 'UTC',
  filter: {},
};

describe('progress words', () => {
  test('a change is said in percentage points, signed: the difference of the shares as shown', () => {
    assert.equal(describeChange(0.38, 0.12), '−26 points');
    assert.equal(describeChange(0.1, 0.11), '+1 point');
    // 0.14% → 0.36% shows as 0.1% → 0.4%: the change reads as those figures subtract.
    assert.equal(describeChange(0.0014, 0.0036), '+0.3 points');
    assert.equal(describeChange(0.126, 0.134), 'unchanged', '13% → 13%');
    assert.equal(describeChange(0.012, 0.004), '−0.6 points', '1% → 0.4%');
    assert.equal(describeChange(0.25, 0.2502), 'unchanged');
  });

  test('one line per group with connections at either end, most urgent first, naming the buckets', () => {
    const { model, verdicts } = campaign();
    const progress = healthProgress(model, healthGroupWith(verdicts))!;
    assert.deepEqual(
      progress.groups.map((g) => progressLine(progress, g)),
      [
        'Past end of life: 60% → 10% of connections (−50 points)',
        'New major version available: 10% → 10% of connections (unchanged)',
        'Current: 30% → 80% of connections (+50 points)',
      ],
    );
    assert.equal(
      progressHeading(progress, (slot) => `bucket ${slot}`),
      'Progress by status from bucket 0 to bucket 2, the first and last buckets with connections',
    );
  });

  test('with only one bucket with connections it gives the shares there, and says so', () => {
    const model = buildUsageModel([answer('server', hours(3), [['go', '1.0.0', [0, 5, 0]]])], 'hourly');
    const progress = healthProgress(model, healthGroupWith(undefined))!;
    assert.equal(
      progressHeading(progress, (slot) => `bucket ${slot}`),
      'Status at bucket 1, the only bucket with connections',
    );
    assert.deepEqual(
      progress.groups.map((g) => progressLine(progress, g)),
      ['Current: 100% of connections'],
    );
  });

  test('the copied summary ends with the progress by status, times in the zone asked in', () => {
    const { model, verdicts } = campaign();
    const markdown = summaryMarkdown(model, loaded, 'en-US', verdicts);
    const tail = markdown.slice(markdown.lastIndexOf('|\n') + 2).trim();
    assert.equal(
      tail,
      [
        'Progress by status from 2025\\-03\\-10 00\\:00 to 2025\\-03\\-10 02\\:00\\, the first and last buckets with connections:',
        '',
        'Past end of life: 60% → 10% of connections (−50 points)',
        '',
        'New major version available: 10% → 10% of connections (unchanged)',
        '',
        'Current: 30% → 80% of connections (+50 points)',
      ].join('\n'),
    );
    const none = buildUsageModel([answer('server', hours(2), [['go', '1.0.0', [0, 0]]])], 'hourly');
    assert.ok(summaryMarkdown(none, loaded).trimEnd().endsWith(NO_PROGRESS_TEXT));
  });
});

describe('the status bar item', () => {
  const counts = (change: Partial<Record<HealthGroup, GroupCount>>): Record<HealthGroup, GroupCount> => ({
    pastEol: { connections: 0, versions: 0 },
    nearEol: { connections: 0, versions: 0 },
    newMajor: { connections: 0, versions: 0 },
    current: { connections: 0, versions: 0 },
    notJudged: { connections: 0, versions: 0 },
    ...change,
  });

  test('says how many connections run past end of life; the tooltip counts every status that has versions', () => {
    const { model, verdicts } = campaign();
    const content = statusBarContent(healthGroupCounts(model.versions, healthGroupWith(verdicts)), true);
    assert.equal(content.text, '$(warning) 100 past end of life');
    assert.equal(content.warning, true);
    assert.equal(
      content.tooltip,
      [
        'LaunchDarkly SDK connections by status (latest bucket):',
        '✕ Past end of life: 100 connections (10%), 1 version',
        '↑ New major version available: 100 connections (10%), 1 version',
        '✓ Current: 800 connections (80%), 2 versions',
        "Health: LaunchDarkly's end-of-life verdicts, else estimated from the newest version seen.",
        'Select to open the upgrade plan.',
      ].join('\n'),
    );
    assert.equal(content.accessibilityLabel, '100 connections on 1 SDK version past end of life. Select to open the upgrade plan.');
  });

  test('with nothing past end of life it says 0 with a check, and without verdicts that health is estimated', () => {
    const content = statusBarContent(counts({ current: { connections: 12_345, versions: 3 } }), false);
    assert.equal(content.text, '$(pass) 0 past end of life');
    assert.equal(content.warning, false);
    assert.match(content.tooltip, /✓ Current: 12,345 connections \(100%\), 3 versions/);
    assert.match(content.tooltip, /Health estimated from the newest version seen: LaunchDarkly's end-of-life verdicts are not loaded\./);
  });
});

describe('health groups elsewhere', () => {
  test("exports carry each version's status group beside its health", () => {
    const { model, verdicts } = campaign();
    const column = EXPORT_COLUMNS.indexOf('status');
    assert.equal(EXPORT_COLUMNS[column - 1], 'health_source');
    const rows = toCsv(model, 'UTC', verdicts)
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    const statusOf = (sdk: string, version: string) => new Set(rows.filter((r) => r[3] === sdk && r[4] === version).map((r) => r[column]));
    assert.deepEqual(statusOf('node-server', '7.0.0'), new Set(['Past end of life']));
    assert.deepEqual(statusOf('node-server', '9.7.1'), new Set(['Current']));
    assert.deepEqual(statusOf('go', '2.0.0'), new Set(['New major version available']));
  });

  test('chart series of health groups are named with the words the tables use', () => {
    const { model, verdicts } = campaign();
    const series = chartSeries(model, { groupBy: 'status', topN: 10, outdatedOnly: false, healthGroupOf: healthGroupWith(verdicts) });
    assert.deepEqual(series.map(seriesLabel), ['Past end of life', 'New major version available', 'Current']);
  });
});
