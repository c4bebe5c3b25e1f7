/**
 * What the tree shows, without VS Code: the model built from the local API's raw answers (clean and
 * messy data, each granularity, one source and both), rendered by src/tree/treeContent.ts, against
 * what test/support/expectedUsage.ts works out from the same raw text on its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkVersions, type StreamSource } from '../../src/api/parse';
import { parseSeriesListText } from '../../src/api/seriesScanner';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { SdkUsage, SourceAnswer, UsageModel } from '../../src/model/usageModel';
import type { EnvironmentGroup, PlacedVersion, ProjectGroup } from '../../src/model/byEnvironment';
import type { VersionVerdict } from '../../src/model/verdict';
import {
  environmentRowContent,
  projectRowContent,
  reportedVersionContent,
  sdkItemContent,
  sourceRowContent,
  unreportedRowContent,
  versionItemContent,
} from '../../src/tree/treeContent';
import { DATASET_NAMES } from '../server/datasets';
import {
  expectedSdk,
  expectedUsage,
  expectedVersion,
  type ExpectedUsage,
  type ExpectedVersion,
  type RawAnswer,
} from '../support/expectedUsage';
import { rawAnswer, useLocalApi } from '../support/localApi';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 2025-03-12 15:37:12.345 UTC. */
const NOW = Date.UTC(2025, 2, 12, 15, 37, 12, 345);

const local = useLocalApi({ now: () => NOW });

const RANGES = [
  { name: 'the last 2 hours (minutely)', from: NOW - 2 * HOUR, granularity: 'minutely' },
  { name: 'the last 24 hours (hourly)', from: NOW - DAY, granularity: 'hourly' },
  { name: 'the last 7 days (daily, New York days)', from: NOW - 7 * DAY, granularity: 'daily', tz: 'America/New_York' },
] as const;

/** The raw answers of one refresh and the model the product builds from them. */
async function load(sources: readonly StreamSource[], range: (typeof RANGES)[number]): Promise<{ raw: RawAnswer[]; model: UsageModel }> {
  const raw: RawAnswer[] = [];
  const answers: SourceAnswer[] = [];
  for (const source of sources) {
    const body = await rawAnswer(local(), `/api/v2/usage/streams/${source}/bysdkversion`, {
      from: range.from,
      to: NOW,
      tz: 'tz' in range ? range.tz : 'UTC',
    });
    const sdkVersions = await rawAnswer(local(), `/api/v2/usage/streams/${source}/sdkversions`);
    raw.push({ source, body, sdkVersions });
    answers.push({ source, list: parseSeriesListText(body), knownVersions: parseSdkVersions(JSON.parse(sdkVersions)) });
  }
  return { raw, model: buildUsageModel(answers, range.granularity) };
}

const ICONS = { current: 'pass', minorBehind: 'warning', majorBehind: 'error', unknown: 'question' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function healthText(v: ExpectedVersion): string {
  switch (v.health) {
    case 'current':
      return `Current (newest seen: ${v.newest})`;
    case 'minorBehind':
      return `${plural(v.behind, 'minor version')} behind ${v.newest}`;
    case 'majorBehind':
      return `${plural(v.behind, 'major version')} behind ${v.newest}`;
    case 'unknown':
      return 'Version not comparable (not a semantic version)';
  }
}

/** Markdown text as read: backslash escapes removed. */
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

/** A shown percentage ("12%", "0.4%") stands for the share to the precision it is shown with. */
function assertPercent(shown: string, share: number, what: string): void {
  const m = /^(\d+)(?:\.(\d))?%$/.exec(shown);
  assert.ok(m, `${what}: "${shown}" is a percentage`);
  const tolerance = m[2] === undefined ? 0.5 : 0.05;
  assert.ok(Math.abs(Number(shown.slice(0, -1)) - share * 100) <= tolerance + 1e-9, `${what}: ${shown} for a share of ${share * 100}%`);
}

/** Every SDK and version row of the tree against the expected usage, in the given locale. */
function assertTreeMatches(model: UsageModel, expected: ExpectedUsage, locale: string): { sdks: number; versions: number } {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const n = (value: number) => count.format(value);
  const treeSdks = model.sdks.map((s) => `${s.source}|${s.sdk}`).sort();
  assert.deepEqual(treeSdks, expected.sdks.map((s) => `${s.source}|${s.sdk}`).sort(), 'one SDK row per SDK the API served');
  let versions = 0;
  for (const sdk of model.sdks) {
    const want = expectedSdk(expected, sdk.source, sdk.sdk);
    const shown = sdkItemContent(sdk, locale);
    const where = `${sdk.source} SDK ${sdk.sdk}`;
    assert.equal(shown.label, want.sdk, where);
    assert.equal(shown.contextValue, 'sdk', where);
    assert.equal(shown.icon.id, 'package', where);
    assert.equal(shown.description, `${n(want.latest)} connections · ${plural(want.versions.length, 'version')}`, where);
    assert.deepEqual(
      shown.tooltip.split('  \n').map(unescaped),
      [
        `**${want.sdk}** (${want.source}-side)`,
        '',
        `Latest: ${n(want.latest)} connections`,
        `Peak: ${n(want.peak)}`,
        `Newest version seen: ${want.newest ?? 'unknown'}`,
      ],
      where,
    );
    assert.deepEqual(
      sdk.versions.map((v) => v.version).sort(),
      want.versions.map((v) => v.version).sort(),
      `${where}: one row per version`,
    );
    for (const version of sdk.versions) {
      const v = expectedVersion(expected, version.source, version.sdk, version.version);
      const item = versionItemContent(version, { latestTotal: model.latestTotal, locale });
      const at = `${where} ${v.version}`;
      assert.equal(item.label, v.version, at);
      assert.equal(item.contextValue, 'version', at);
      assert.equal(item.description, `latest ${n(v.latest)} · peak ${n(v.peak)}`, at);
      assert.equal(item.icon.id, ICONS[v.health], `${at}: icon for ${v.health}`);
      const lines = item.tooltip.split('  \n');
      assert.equal(lines.length, 6, at);
      assert.equal(unescaped(lines[0]!), `**${v.sdk} ${v.version}** (${v.source}-side)`, at);
      const latest = /^Latest: (.+) connections \((.+) of all\)$/.exec(lines[2]!);
      assert.ok(latest, `${at}: "${lines[2]}"`);
      assert.equal(latest[1], n(v.latest), at);
      assertPercent(latest[2]!, v.share, at);
      assert.equal(lines[3], `Peak: ${n(v.peak)}`, at);
      assert.equal(lines[4], `Average: ${n(Math.round(v.average))}`, at);
      // Without LaunchDarkly's SDK versions report, health is the estimate against the newest version seen.
      assert.equal(unescaped(lines[5]!), `Health: ${healthText(v)} (estimate)`, at);
      assert.equal(
        item.accessibilityLabel,
        `${v.sdk} ${v.version}, latest ${v.latest} connections, peak ${v.peak}, ${healthText(v)} (estimate)`,
        at,
      );
      versions++;
    }
  }
  assert.equal(versions, expected.versions.length, 'one version row per version the API served');
  return { sdks: model.sdks.length, versions };
}

for (const dataset of DATASET_NAMES) {
  describe(`tree rows against the API's answer: ${dataset} data`, () => {
    for (const range of RANGES) {
      for (const sources of [['server'], ['client'], ['server', 'client']] as const) {
        test(`${sources.join(' and ')}, ${range.name}`, async () => {
          local().setDataset(dataset);
          const { raw, model } = await load(sources, range);
          const expected = expectedUsage(raw);
          assert.equal(model.granularity, range.granularity);
          assert.deepEqual(model.times, expected.times, 'the same buckets, in time order');
          const shown = assertTreeMatches(model, expected, 'en-US');
          assert.ok(shown.versions > 10, `more than ten series (${shown.versions})`);
          // Peak and latest differ somewhere, so a row showing one for the other cannot pass.
          assert.ok(
            expected.versions.some((v) => v.peak !== v.latest),
            'some version peaked before its latest bucket',
          );
        });
      }
    }

    test("numbers are written in the editor's locale (de-DE)", async () => {
      local().setDataset(dataset);
      const { raw, model } = await load(['server'], RANGES[1]);
      assertTreeMatches(model, expectedUsage(raw), 'de-DE');
      assert.match(
        versionItemContent(
          model.versions.find((v) => v.peak >= 1000)!,
          { latestTotal: model.latestTotal, locale: 'de-DE' },
        ).description,
        /\d\.\d{3}/,
      );
    });
  });
}

describe("tree rows against the API's answer: what the messy data holds", () => {
  test('Unknown names, repeated pairs, keys missing from the last point and values above 2^31 reach the rows', async () => {
    local().setDataset('messy');
    const { raw, model } = await load(['server'], RANGES[1]);
    const expected = expectedUsage(raw);
    const metadata = (JSON.parse(raw[0]!.body as string) as { metadata: Record<string, unknown>[] }).metadata;
    const pairs = metadata.map((m) => JSON.stringify([m.sdk ?? null, m.version ?? null]));
    assert.ok(
      metadata.some((m) => !('sdk' in m)),
      'a metadata entry without a name',
    );
    assert.ok(
      new Set(expected.versions.map((v) => `${v.sdk}@${v.version}`)).size < pairs.length,
      'two metadata entries for one SDK and version',
    );
    assert.ok(expected.versions.some((v) => v.sdk === 'Unknown' && v.version === 'Unknown'));
    assert.ok(
      expected.versions.some((v) => v.latest === 0 && v.peak > 0),
      'a version whose key is missing from the last point',
    );
    assert.ok(
      expected.versions.some((v) => v.peak > 2 ** 31),
      'a value above 2^31',
    );
    assertTreeMatches(model, expected, 'en-US');
  });
});

describe("grouping rows: source, project, environment, versions outside LaunchDarkly's report", () => {
  const sdk = (latest: number) => ({ latest }) as SdkUsage;
  const verdict = (status: VersionVerdict['status']): VersionVerdict => ({
    sdk: 'php',
    version: '4.0.0',
    status,
    target: status ? '6.1.0' : undefined,
    releaseUrl: undefined,
    placements: [],
  });

  test('a source: its label, icon and the latest connections of its SDKs', () => {
    assert.deepEqual(sourceRowContent('server', [sdk(1200), sdk(34)], 'en-US'), {
      label: 'Server-side SDKs',
      contextValue: 'source',
      icon: { id: 'server' },
      description: '1,234 connections',
    });
    assert.deepEqual(sourceRowContent('client', [sdk(1)], 'de-DE'), {
      label: 'Client-side SDKs',
      contextValue: 'source',
      icon: { id: 'device-mobile' },
      description: '1 connections',
    });
  });

  test('a project and an environment: names on one line, counts, keys in the tooltip', () => {
    const environment = { id: 'e', name: 'Prod\nuction', key: 'prod', versions: [{}, {}] } as unknown as EnvironmentGroup;
    assert.deepEqual(environmentRowContent(environment), {
      label: 'Prod uction',
      contextValue: 'environment',
      icon: { id: 'server-environment' },
      description: '2 SDK versions',
      tooltip: 'Prod uction\nEnvironment key: prod',
    });
    const project = { id: 'p', name: 'Mobile', key: undefined, environments: [environment] } as ProjectGroup;
    assert.deepEqual(projectRowContent(project), {
      label: 'Mobile',
      contextValue: 'project',
      icon: { id: 'project' },
      description: '1 environment',
      tooltip: 'Mobile',
    });
    assert.equal(projectRowContent({ ...project, key: 'mob' }).tooltip, 'Mobile\nProject key: mob');
  });

  test('versions outside the report: how many, and that their health is estimated', () => {
    assert.deepEqual(unreportedRowContent(1), {
      label: "Not in LaunchDarkly's SDK versions report",
      contextValue: 'unreported',
      icon: { id: 'question' },
      description: '1 version',
      tooltip: 'Versions with stream connections that LaunchDarkly reports in no environment; their health is estimated.',
    });
    assert.equal(unreportedRowContent(3).description, '3 versions');
  });

  test("a reported version without a stream series: LaunchDarkly's verdict, or unknown without one", () => {
    const placed = (status: VersionVerdict['status']): PlacedVersion => ({
      sdk: 'php',
      reportedSdk: 'php',
      version: '4.0.0',
      versionId: undefined,
      verdict: verdict(status),
    });
    const past = reportedVersionContent(placed('EolPast'), true);
    assert.equal(past.label, 'php 4.0.0');
    assert.equal(past.description, 'no stream series');
    assert.equal(past.contextValue, 'reportedVersion');
    assert.deepEqual(past.icon, { id: 'error', color: 'charts.red' });
    assert.match(past.tooltip, /^\*\*php 4\\\.0\\\.0\*\*  \n  \nReported by LaunchDarkly; no stream series carries this version/);
    assert.match(past.tooltip, /Health: Past end of life\\, upgrade to 6\\\.1\\\.0 \\\(LaunchDarkly\\\)/);
    const unknown = reportedVersionContent(placed(undefined), true);
    assert.deepEqual(unknown.icon, { id: 'question' });
    assert.match(unknown.tooltip, /Health: unknown \(LaunchDarkly has no verdict\)$/);
  });
});
