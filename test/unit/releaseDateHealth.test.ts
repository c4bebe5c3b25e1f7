/**
 * Health from LaunchDarkly's SDK release dates where LaunchDarkly gives no verdict: which verdict a
 * version shows (LaunchDarkly's, the release dates', the estimate), the words with the data's date,
 * the outdated filter, the upgrade plan (rows marked as release dates, release notes from the
 * catalogue), the Markdown checklist, the tree's rows and the panel's tables. A small catalogue of
 * fixed dates keeps the verdicts independent of the committed data.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import type { SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { buildUsageModel } from '../../src/model/modelBuild';
import { cataloguedVersionId, versionId } from '../../src/model/rowIds';
import { sdkNamingOf } from '../../src/catalogue/sdkIdentity';
import { upgradePlanOf } from '../../src/model/upgradePlan';
import type { UsageModel, VersionUsage } from '../../src/model/usageModel';
import { HEALTH_SEVERITY, VerdictIndex, effectiveHealth, joinVerdicts, needsUpgrade, type HealthKey } from '../../src/model/verdict';
import { describeEffectiveHealth, planStatusLabel } from '../../src/presentation/healthWords';
import { HEALTH_SUMMARY_TEXT } from '../../src/presentation/labels';
import { upgradePlanMarkdown } from '../../src/presentation/markdown';
import { packPanelData } from '../../src/protocol';
import { HEALTH_ICONS, sdkItemContent, versionItemContent } from '../../src/tree/treeContent';
import { healthSummary, renderHealthSummary, summaryTable } from '../../webview/tables';
import { catalogueOf } from '../support/catalogue';
import { answer, hours, type Row } from '../support/usageAnswers';

const NOW = Date.UTC(2026, 7, 1);
const acme = {
  name: 'Acme Server SDK',
  type: 'server-side',
  userAgents: ['AcmeClient'],
  wrapperNames: [],
  github: 'launchdarkly/acme-server-sdk',
  languages: [],
  releases: [
    [3, 1, '2026-05-01', null],
    [3, 0, '2025-09-01', '2027-05-01'],
    [2, 6, '2025-08-01', '2027-06-01'],
    [2, 5, '2025-01-01', '2026-09-01'],
    [2, 4, '2024-06-01', '2026-01-01'],
    [1, 0, '2020-01-01', '2021-01-01'],
  ],
} as const;
const catalogue = catalogueOf({ 'acme-server': acme, 'bare-sdk': { ...acme, name: 'Bare SDK', userAgents: ['Bare'], github: null } });
const naming = sdkNamingOf(catalogue);
const DATA_DATE = catalogue.source.date;

function modelOf(rows: Row[]): UsageModel {
  return buildUsageModel([answer('server', hours(1), rows)], 'hourly', { naming, now: NOW });
}

const model = modelOf([
  ['AcmeClient', '3.0.0', [10]],
  ['acme-server', '3.0.0', [5]],
  ['AcmeClient', '2.6.1', [20]],
  ['AcmeClient', '2.5.0', [30]],
  ['AcmeClient', '2.4.0', [40]],
  ['Acme Server SDK', '1.0.0', [50]],
  ['AcmeClient', '3.2.0', [1]],
  ['AcmeClient', '3.1.0-rc.1', [2]],
  ['mystery', '1.0.0', [3]],
  ['mystery', '2.0.0', [4]],
]);
const acmeVersion = (version: string) => model.versions.find((v) => v.id === cataloguedVersionId('server', 'acme-server', version))!;
const healthOf = (v: VersionUsage, verdict?: Parameters<typeof effectiveHealth>[1]) => effectiveHealth(v, verdict);

/** Markdown as read: escapes taken off. */
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

function entry(fields: Partial<SdkVersionDetail>): SdkVersionDetail {
  return { eolStatus: 'EolUnknown', type: 'server', ...fields };
}

describe('which verdict a version shows', () => {
  test("LaunchDarkly's verdict first; where it has none (no entry, EolUnknown) the release dates for a catalogued SDK; the estimate for others", () => {
    const v = acmeVersion('2.4.0');
    assert.deepEqual(
      [healthOf(v, { status: 'EolNear', target: '3.1.4' }).source, healthOf(v, { status: 'EolNear', target: '3.1.4' }).key],
      ['launchdarkly', 'EolNear'],
    );
    for (const verdict of [undefined, { status: undefined, target: '3.1.4' }]) {
      const health = healthOf(v, verdict);
      assert.deepEqual([health.source, health.key, health.target], ['releaseDates', 'releaseEolPast', '2.6']);
    }
    const mystery = model.versions.find((m) => m.id === versionId('server', 'mystery', '1.0.0'))!;
    assert.deepEqual([healthOf(mystery).source, healthOf(mystery).key], ['estimate', 'majorBehind']);
  });

  test('each release line reads as LaunchDarkly would: past, near, new major, current; what it cannot judge says why', () => {
    const keys = Object.fromEntries(
      ['3.0.0', '2.6.1', '2.5.0', '2.4.0', '1.0.0', '3.2.0', '3.1.0-rc.1'].map((version) => [version, healthOf(acmeVersion(version)).key]),
    );
    assert.deepEqual(keys, {
      '3.0.0': 'releaseEolAllClear',
      '2.6.1': 'releaseMajorVersionAvailable',
      '2.5.0': 'releaseEolNear',
      '2.4.0': 'releaseEolPast',
      '1.0.0': 'releaseEolPast',
      '3.2.0': 'releaseNotJudged',
      '3.1.0-rc.1': 'releaseNotJudged',
    });
    const words = (version: string) => describeEffectiveHealth(healthOf(acmeVersion(version)));
    const source = `(estimate from LaunchDarkly's release dates as of ${DATA_DATE})`;
    assert.equal(words('3.0.0'), `Current, newest 3.1 ${source}`);
    assert.equal(words('2.6.1'), `New major version available ${source}`);
    assert.equal(words('2.5.0'), `Near end of life on 2026-09-01, upgrade to 2.6 ${source}`);
    assert.equal(words('2.4.0'), `Past end of life since 2026-01-01, upgrade to 2.6 ${source}`);
    assert.equal(words('1.0.0'), `Past end of life since 2021-01-01, upgrade to 3.1 ${source}`);
    assert.equal(words('3.2.0'), `Not judged: newer than the release data ${source}`);
    assert.equal(words('3.1.0-rc.1'), `Not judged: a pre-release, which the release dates do not cover ${source}`);
  });

  test('the outdated filter, the sort, the summary and the icons know every release-date key', () => {
    const outdated = model.versions.filter((v) => needsUpgrade(healthOf(v))).map((v) => `${v.sdk} ${v.version}`);
    assert.deepEqual(
      outdated.sort(),
      ['Acme Server SDK 1.0.0', 'Acme Server SDK 2.4.0', 'Acme Server SDK 2.5.0', 'Acme Server SDK 2.6.1', 'mystery 1.0.0'].sort(),
    );
    const keys: HealthKey[] = [
      'releaseEolPast',
      'releaseEolNear',
      'releaseMajorVersionAvailable',
      'releaseEolAllClear',
      'releaseNotJudged',
    ];
    for (const key of keys) {
      assert.ok(HEALTH_SUMMARY_TEXT[key].length > 0 && HEALTH_ICONS[key].id.length > 0, key);
      assert.equal(typeof HEALTH_SEVERITY[key], 'number', key);
    }
    assert.notDeepEqual(HEALTH_ICONS.releaseEolAllClear, HEALTH_ICONS.EolAllClear, 'release dates do not look like LaunchDarkly');
    assert.match(HEALTH_SUMMARY_TEXT.releaseEolPast, /release dates/);
  });
});

describe('the upgrade plan with release dates', () => {
  const detailsOf = (entries: SdkVersionDetail[]) => joinVerdicts(model.versions, new VerdictIndex(entries), ['server'], naming);

  test("versions LaunchDarkly gives no verdict on join the plan by their release dates, marked so, after LaunchDarkly's rows of the same status", () => {
    const verdicts = detailsOf([
      entry({
        name: 'Acme Server SDK',
        version: '2.5.0',
        eolStatus: 'EolPast',
        ldLatestVersion: '3.1.4',
        latestReleaseUrl: 'https://example.com/acme/3.1.4',
      }),
      entry({ name: 'AcmeClient', version: '2.6.1', eolStatus: 'EolUnknown' }),
    ]);
    const plan = upgradePlanOf({ model, verdicts })!;
    assert.deepEqual(
      plan.map((r) => [r.version, r.status, r.judgedBy, r.target, r.releaseUrl]),
      [
        ['2.5.0', 'EolPast', 'launchdarkly', '3.1.4', 'https://example.com/acme/3.1.4'],
        ['1.0.0', 'EolPast', 'releaseDates', '3.1', 'https://github.com/launchdarkly/acme-server-sdk/releases'],
        ['2.4.0', 'EolPast', 'releaseDates', '2.6', 'https://github.com/launchdarkly/acme-server-sdk/releases'],
        ['2.6.1', 'MajorVersionAvailable', 'releaseDates', '2.6', 'https://github.com/launchdarkly/acme-server-sdk/releases'],
      ],
    );
    assert.ok(plan.filter((r) => r.judgedBy === 'releaseDates').every((r) => r.dataDate === DATA_DATE));
    assert.equal(planStatusLabel(plan[1]!), 'Past end of life (release dates)');
    assert.equal(planStatusLabel(plan[0]!), 'Past end of life');
  });

  test("release notes: LaunchDarkly's link where it gives one (a plain http one is refused when opened), else the catalogue's releases page", () => {
    const verdicts = joinVerdicts(
      model.versions,
      new VerdictIndex([
        entry({ name: 'AcmeClient', version: '2.4.0', eolStatus: 'EolPast', latestReleaseUrl: 'http://example.com/plain' }),
        entry({ name: 'AcmeClient', version: '2.5.0', eolStatus: 'EolNear' }),
      ]),
      ['server'],
      naming,
    );
    const plan = upgradePlanOf({ model, verdicts })!;
    const notes = (version: string) => plan.find((r) => r.version === version && r.judgedBy === 'launchdarkly')?.releaseUrl;
    assert.equal(notes('2.4.0'), 'http://example.com/plain', "LaunchDarkly's own link stands");
    assert.equal(notes('2.5.0'), 'https://github.com/launchdarkly/acme-server-sdk/releases', 'no link of its own: the catalogue');
    const bare = modelOf([['Bare', '1.0.0', [1]]]);
    assert.equal(
      upgradePlanOf({
        model: bare,
        verdicts: joinVerdicts(
          bare.versions,
          new VerdictIndex([entry({ name: 'Bare', version: '1.0.0', eolStatus: 'EolPast' })]),
          ['server'],
          naming,
        ),
      })![0]!.releaseUrl,
      undefined,
      'a catalogued SDK without a repository has no releases page',
    );
  });

  test("when LaunchDarkly's verdicts failed the plan holds the release dates alone; while they load there is none", () => {
    const failed = upgradePlanOf({ model, verdicts: undefined, detailsError: new Error('403') })!;
    assert.deepEqual(
      failed.map((r) => [r.version, r.judgedBy]),
      [
        ['1.0.0', 'releaseDates'],
        ['2.4.0', 'releaseDates'],
        ['2.5.0', 'releaseDates'],
        ['2.6.1', 'releaseDates'],
      ],
    );
    assert.equal(upgradePlanOf({ model, verdicts: undefined }), undefined);
    const unknownOnly = modelOf([['mystery', '1.0.0', [1]]]);
    assert.equal(
      upgradePlanOf({ model: unknownOnly, verdicts: undefined, detailsError: new Error('403') }),
      undefined,
      'nothing the release dates judge',
    );
  });

  test('the Markdown checklist says which rows are estimated from release dates, and as of when', () => {
    const rows = upgradePlanOf({ model, verdicts: undefined, detailsError: new Error('403') })!;
    const md = upgradePlanMarkdown(rows);
    assert.match(md.split('\n')[0]!, new RegExp(`its SDK release dates as of ${DATA_DATE}`));
    const item = unescaped(md)
      .split('\n')
      .find((line) => line.includes('2.4.0'))!;
    assert.equal(
      item,
      `- [ ] **Acme Server SDK** 2.4.0 → 2.6: past end of life (estimate from LaunchDarkly's release dates as of ${DATA_DATE}) · 40 latest connections · [release notes](https://github.com/launchdarkly/acme-server-sdk/releases)`,
    );
  });
});

describe('the views with the catalogue', () => {
  test("the tree: the display name, the spellings behind a row, and the release dates' verdict with its date and icon", () => {
    const sdk = model.sdks.find((s) => s.sdk === 'Acme Server SDK')!;
    const content = sdkItemContent(sdk, 'en-US');
    assert.equal(content.label, 'Acme Server SDK');
    assert.match(unescaped(content.tooltip), /Reported as AcmeClient, acme-server, Acme Server SDK/);
    assert.match(unescaped(content.tooltip), /LaunchDarkly SDK "acme-server" in the SDK catalogue/);
    const merged = versionItemContent(acmeVersion('3.0.0'), { latestTotal: model.latestTotal, locale: 'en-US' });
    assert.match(unescaped(merged.tooltip), /Reported as AcmeClient, acme-server  \n/);
    const past = versionItemContent(acmeVersion('2.4.0'), { latestTotal: model.latestTotal, locale: 'en-US' });
    assert.deepEqual(past.icon, HEALTH_ICONS.releaseEolPast);
    assert.match(unescaped(past.tooltip), new RegExp(`estimate from LaunchDarkly's release dates as of ${DATA_DATE}`));
    assert.match(unescaped(past.tooltip), /Reported as AcmeClient  \n/, 'one spelling, not the name shown');
    const mystery = model.versions.find((v) => v.sdk === 'mystery')!;
    const unknown = versionItemContent(mystery, { latestTotal: 1, locale: 'en-US' });
    assert.doesNotMatch(unknown.tooltip, /Reported as|catalogue/, 'a name as reported says nothing more');
    assert.match(unescaped(unknown.tooltip), /\(estimate\)/);
  });

  test('an ambiguous name stays as reported and its tooltip says it is ambiguous', () => {
    const twins = catalogueOf({
      a: { ...acme, name: 'A SDK', userAgents: ['Twin'], releases: [[1, 0, '2025-01-01', null]] },
      b: { ...acme, name: 'B SDK', userAgents: ['Twin'], releases: [[1, 0, '2025-01-01', null]] },
    });
    const ambiguous = buildUsageModel([answer('server', hours(1), [['Twin', '1.0.0', [1]]])], 'hourly', {
      naming: sdkNamingOf(twins),
      now: NOW,
    });
    const sdk = ambiguous.sdks[0]!;
    assert.equal(sdk.sdk, 'Twin');
    assert.match(unescaped(sdkItemContent(sdk, 'en-US').tooltip), /Ambiguous: this name could be A SDK or B SDK, and no version decides/);
    assert.equal(effectiveHealth(sdk.versions[0]!, undefined).source, 'estimate');
  });

  test("the panel: the summary table's SDK cell names the spellings in its title; the health summary gives the release data's date", () => {
    const doc = new Window().document as unknown as Document;
    const data = packPanelData(model);
    const health = (v: VersionUsage) => effectiveHealth(v, undefined);
    const { table } = summaryTable(doc, data, {
      versions: data.versions,
      sort: { key: 'version', descending: false },
      caption: 'Versions',
      focusId: undefined,
      health,
      rowLimit: Infinity,
      locale: 'en-US',
      onSort: () => undefined,
    });
    const row = Array.from(table.querySelectorAll('tbody tr')).find(
      (tr) => (tr as HTMLElement).dataset.versionId === cataloguedVersionId('server', 'acme-server', '3.0.0'),
    );
    const th = row!.querySelector('th')!;
    assert.equal(th.textContent, 'Acme Server SDK');
    assert.equal(th.getAttribute('title'), 'Reported as AcmeClient, acme-server. LaunchDarkly SDK "acme-server" in the SDK catalogue');
    const items = Array.from(healthSummary(doc, data, health, 'en-US').querySelectorAll('li')).map(
      (li) => (li as HTMLElement).dataset.status,
    );
    assert.deepEqual(items, [
      'releaseEolAllClear',
      'current',
      'releaseMajorVersionAvailable',
      'majorBehind',
      'releaseEolNear',
      'releaseEolPast',
      'releaseNotJudged',
    ]);
    const section = doc.createElement('section');
    renderHealthSummary(section, data, health, undefined, 'en-US');
    assert.match(section.querySelector('.release-dates-note')!.textContent!, new RegExp(`release dates as of ${DATA_DATE}`));
    renderHealthSummary(section, packPanelData(modelOf([['mystery', '1.0.0', [1]]])), health, undefined, 'en-US');
    assert.equal(section.querySelector('.release-dates-note'), null, 'no note without a release-date verdict');
  });
});
