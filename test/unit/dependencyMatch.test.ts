/**
 * A workspace dependency joined to usage: SDK names resolved through the catalogue (any spelling the
 * catalogue knows, never a guess), versions compared as the reader compares them, connections added
 * up over every matching series (the peak of the sum, not the sum of peaks), LaunchDarkly's verdict
 * before the release dates, declared ranges judged by the newest version they admit, and the
 * plain cases said plainly (no connections for this version, the other source, nothing loaded).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { sdkNamingOf } from '../../src/catalogue/sdkIdentity';
import { createSdkResolver } from '../../src/catalogue/sdkNames';
import { buildUsageModel } from '../../src/model/modelBuild';
import type { UsageModel } from '../../src/model/usageModel';
import { buildUpgradePlan } from '../../src/model/upgradePlan';
import { VerdictIndex, joinVerdicts, type Verdicts } from '../../src/model/verdict';
import { diagnosticLevel, type DiagnosticsSetting } from '../../src/sdkDependencies/diagnostics';
import { narrowPlan } from '../../src/sdkDependencies/planScope';
import {
  dependencyReleaseNotes,
  matchDependency,
  usageBySdkId,
  type DependencyUsage,
  type UsageContext,
} from '../../src/sdkDependencies/usageMatch';
import { workspaceReader } from '../../src/workspace/index';
import { DATASETS } from '../server/datasets';
import type { WorkspaceDependency } from '../../src/workspace/types';
import { catalogue } from '../support/catalogue';
import { sourceAnswer } from '../support/referenceModel';

const resolver = createSdkResolver(catalogue);
const naming = sdkNamingOf(catalogue);

/** The catalogued SDK a reported name (and version) means, as the model resolves it. */
function catalogueIdOf(sdk: string, version: string): string | undefined {
  const resolution = resolver.resolve(sdk, version);
  return resolution.kind === 'catalogued' ? resolution.sdk.id : undefined;
}
const HOUR = 3_600_000;
const TIMES = [0, 1, 2, 3].map((h) => Date.UTC(2026, 10, 1) + h * HOUR);
/** After the data's date (2026-08-21): node-server 9.7 is past end of life (2026-04-08), 9.13 is current. */
const AS_OF = Date.UTC(2026, 11, 1);

interface Series {
  sdk: string;
  version: string;
  values: number[];
}

function modelOf(server: Series[], client: Series[] = []): UsageModel {
  const answers = [];
  if (server.length) answers.push(sourceAnswer({ source: 'server', times: TIMES, series: server }));
  if (client.length) answers.push(sourceAnswer({ source: 'client', times: TIMES, series: client }));
  // Named with the catalogue, as the store builds it when the catalogue has been read.
  return buildUsageModel(answers, 'hourly', { naming });
}

function verdictsOf(model: UsageModel, entries: Record<string, unknown>[]): Verdicts {
  return joinVerdicts(model.versions, new VerdictIndex(parseSdkVersionDetails(entries).entries), model.sources, naming);
}

function contextOf(model: UsageModel | undefined, verdicts?: Verdicts, change: Partial<UsageContext> = {}): UsageContext {
  return {
    model,
    verdicts,
    bySdk: model ? usageBySdkId(model.versions, verdicts?.withoutSeries ?? []) : { series: new Map(), reportedOnly: new Map() },
    catalogue,
    versions: workspaceReader,
    filtered: false,
    asOfMs: AS_OF,
    ...change,
  };
}

function dependency(change: Partial<WorkspaceDependency> & Pick<WorkspaceDependency, 'sdkId'>): WorkspaceDependency {
  return {
    file: 'services/api/package.json',
    span: { start: { line: 4, character: 4 }, end: { line: 4, character: 40 } },
    ecosystem: 'npm',
    packageName: '@launchdarkly/node-server-sdk',
    relation: 'direct',
    ...change,
  };
}

const locked = (sdkId: string, text: string, change: Partial<WorkspaceDependency> = {}) =>
  dependency({
    sdkId,
    declared: `^${text}`,
    declaredKind: 'range',
    resolved: text,
    version: { text, kind: 'exact', from: 'lockfile' },
    ...change,
  });
const ranged = (sdkId: string, declared: string, change: Partial<WorkspaceDependency> = {}) =>
  dependency({ sdkId, declared, declaredKind: 'range', version: { text: declared, kind: 'range', from: 'manifest' }, ...change });

const entry = (name: string, version: string, eolStatus: string, more: Record<string, unknown> = {}) => ({
  name,
  version,
  type: 'server',
  projectKey: 'checkout',
  projectName: 'Checkout',
  environmentKey: 'production',
  environmentName: 'Production',
  eolStatus,
  connectionType: 'direct',
  ...more,
});

describe('resolving reported SDK names through the catalogue', () => {
  test('every spelling the catalogue knows resolves to one SDK; guesses and ambiguous names to none', () => {
    for (const name of ['NodeJSClient', 'node-server', 'Node.js Server SDK', 'NodeJSClient/9.7.1', 'nodejsclient']) {
      assert.equal(catalogueIdOf(name, '9.7.1'), 'node-server', name);
    }
    assert.equal(catalogueIdOf('Node.js', '9.7.1'), undefined);
    assert.equal(catalogueIdOf('Node\u200bJSClient', '9.7.1'), undefined);
    assert.equal(catalogueIdOf('AkamaiEdgeSDK', '1.0.0'), undefined, 'two Akamai SDKs share the name');
    assert.equal(catalogueIdOf('JSClient', '3.4.0'), 'js-client-sdk');
    assert.equal(catalogueIdOf('JSClient', '4.1.0'), 'browser');
  });

  test('the usage index groups series and series-less report entries by catalogued SDK', () => {
    const model = modelOf([
      { sdk: 'NodeJSClient', version: '9.7.1', values: [1, 2, 3, 4] },
      { sdk: 'node-server', version: '9.5.0', values: [1, 1, 1, 1] },
      { sdk: 'GoClient', version: '7.4.0', values: [5, 5, 5, 5] },
      { sdk: 'Made Up', version: '1.0.0', values: [9, 9, 9, 9] },
    ]);
    const verdicts = verdictsOf(model, [entry('PythonClient', '9.4.0', 'EolAllClear')]);
    const index = usageBySdkId(model.versions, verdicts.withoutSeries);
    assert.deepEqual(
      index.series
        .get('node-server')
        ?.map((v) => v.version)
        .sort(),
      ['9.5.0', '9.7.1'],
    );
    assert.deepEqual(
      index.series.get('go-server-sdk')?.map((v) => v.reportedSdks),
      [['GoClient']],
    );
    assert.equal([...index.series.values()].flat().length, 3, 'the made-up name joins nothing');
    assert.deepEqual(
      index.reportedOnly.get('python-server-sdk')?.map((v) => v.version),
      ['9.4.0'],
    );
  });
});

describe("the local API's workspace data set", () => {
  test('names every series so the catalogue resolves it, in more than one spelling per SDK where it can', () => {
    const { server, client } = DATASETS.workspace.definitions;
    for (const d of [...server, ...client]) assert.ok(catalogueIdOf(d.sdk, d.version), `${d.sdk} ${d.version}`);
    const nodeNames = new Set(server.filter((d) => catalogueIdOf(d.sdk, d.version) === 'node-server').map((d) => d.sdk));
    assert.ok(nodeNames.size > 1, 'the Node.js SDK under two spellings');
    assert.deepEqual(DATASETS.workspace.reported, [...server, ...client], "LaunchDarkly's report speaks of its own series");
  });
});

describe('a dependency pinned to one version', () => {
  test('matches every series of its SDK and version, whatever the spelling, and adds them up: the peak of the sum', () => {
    const model = modelOf([
      { sdk: 'NodeJSClient', version: '9.7.1', values: [10, 0, 4, 6] },
      { sdk: 'Node.js Server SDK', version: 'v9.7.1', values: [0, 8, 1, 2] },
      { sdk: 'NodeJSClient', version: '9.5.0', values: [3, 3, 3, 3] },
    ]);
    const usage = matchDependency(locked('node-server', '9.7.1'), contextOf(model));
    assert.equal(usage.sdk?.id, 'node-server');
    assert.equal(usage.connections.kind, 'connections');
    if (usage.connections.kind !== 'connections') return;
    assert.equal(usage.connections.series.length, 2);
    assert.equal(usage.connections.latest, 8);
    assert.equal(usage.connections.peak, 10, 'max of 10, 8, 5, 8 (not 10 + 8)');
    const top = model.versions.find((v) => v.reportedSdks.includes('NodeJSClient') && v.version === '9.7.1')!;
    assert.equal(usage.chartVersionId, top.id, 'Show in Chart focuses the series with the most latest connections');
  });

  test('says plainly when the account reports no connections for the version, and which versions it does report', () => {
    const model = modelOf([
      { sdk: 'NodeJSClient', version: '9.7.1', values: [1, 1, 1, 1] },
      { sdk: 'NodeJSClient', version: '9.5.0', values: [1, 1, 1, 1] },
    ]);
    const usage = matchDependency(locked('node-server', '7.0.4'), contextOf(model));
    assert.deepEqual(usage.connections, { kind: 'none', reported: ['9.7.1', '9.5.0'], filtered: false });
    assert.equal(usage.chartVersionId, undefined);
    const noSdk = matchDependency(locked('go-server-sdk', '7.4.0', { ecosystem: 'go' }), contextOf(model, undefined, { filtered: true }));
    assert.deepEqual(noSdk.connections, { kind: 'none', reported: [], filtered: true });
  });

  test('a client-side SDK against server-side data says the other source is not loaded; no data says not loaded', () => {
    const model = modelOf([{ sdk: 'NodeJSClient', version: '9.7.1', values: [1, 1, 1, 1] }]);
    const react = locked('react-client-sdk', '3.8.0', { packageName: 'launchdarkly-react-client-sdk' });
    assert.deepEqual(matchDependency(react, contextOf(model)).connections, { kind: 'otherSource', source: 'client' });
    const unloaded = matchDependency(locked('node-server', '9.7.1'), contextOf(undefined));
    assert.deepEqual(unloaded.connections, { kind: 'notLoaded' });
    assert.equal(unloaded.verdict.kind, 'releaseDates', 'release dates judge without any usage data');
  });

  test("LaunchDarkly's verdict wins over the release dates, with its target, release notes and where it runs", () => {
    const model = modelOf([{ sdk: 'NodeJSClient', version: '9.13.0', values: [1, 1, 1, 1] }]);
    const verdicts = verdictsOf(model, [
      entry('NodeJSClient', '9.13.0', 'EolNear', { ldLatestVersion: '10.0.0', latestReleaseUrl: 'https://example.com/notes' }),
      entry('NodeJSClient', '9.13.0', 'EolPast', { environmentKey: 'qa', environmentName: 'QA', ldLatestVersion: '10.1.0' }),
    ]);
    const usage = matchDependency(locked('node-server', '9.13.0'), contextOf(model, verdicts));
    assert.deepEqual(usage.verdict, {
      kind: 'launchdarkly',
      version: '9.13.0',
      status: 'EolPast',
      target: '10.1.0',
      releaseUrl: 'https://example.com/notes',
    });
    assert.deepEqual(usage.placements.map((p) => p.environmentKey).sort(), ['production', 'qa']);
    assert.equal(dependencyReleaseNotes(usage)?.href, 'https://example.com/notes');
  });

  test('where LaunchDarkly says EolUnknown or nothing, the release dates judge; their target is a release line', () => {
    const model = modelOf([{ sdk: 'NodeJSClient', version: '9.7.1', values: [1, 1, 1, 1] }]);
    const verdicts = verdictsOf(model, [
      entry('NodeJSClient', '9.7.1', 'EolUnknown', { latestReleaseUrl: 'http://insecure.example/notes' }),
    ]);
    const usage = matchDependency(locked('node-server', '9.7.1'), contextOf(model, verdicts));
    assert.equal(usage.verdict.kind, 'releaseDates');
    if (usage.verdict.kind !== 'releaseDates') return;
    assert.equal(usage.verdict.status, 'EolPast', '9.7 reached end of life on 2026-04-08');
    assert.equal(usage.verdict.target, '9.13');
    assert.equal(usage.verdict.line.endOfLife, '2026-04-08');
    assert.equal(
      dependencyReleaseNotes(usage)?.href,
      'https://github.com/launchdarkly/js-core/releases',
      'the catalogue names the monorepo',
    );
  });

  test('a version LaunchDarkly reports without a stream series still gives its verdict, with no connections', () => {
    const model = modelOf([{ sdk: 'NodeJSClient', version: '9.13.0', values: [1, 1, 1, 1] }]);
    const verdicts = verdictsOf(model, [entry('node-server', '8.2.0', 'EolPast', { ldLatestVersion: '9.13.0' })]);
    const usage = matchDependency(locked('node-server', '8.2.0'), contextOf(model, verdicts));
    assert.equal(usage.verdict.kind, 'launchdarkly');
    assert.equal(usage.connections.kind, 'none');
    assert.equal(usage.placements.length, 1);
  });

  test('a token two SDKs share (JSClient) joins the dependency of the SDK its version decides, though the display names carry the id', () => {
    const model = modelOf(
      [],
      [
        { sdk: 'JSClient', version: '3.1.0', values: [4, 4, 4, 4] },
        { sdk: 'JSClient', version: '4.1.0', values: [7, 7, 7, 7] },
      ],
    );
    assert.ok(
      model.versions.every((v) => v.sdk !== 'JSClient' && v.sdk.includes('(')),
      'named "JavaScript Client SDK (…)"',
    );
    const client = { ecosystem: 'npm' } as const;
    for (const [sdkId, version, latest] of [
      ['js-client-sdk', '3.1.0', 4],
      ['browser', '4.1.0', 7],
    ] as const) {
      const usage = matchDependency(locked(sdkId, version, client), contextOf(model));
      assert.equal(usage.connections.kind, 'connections', `${sdkId} ${version}`);
      if (usage.connections.kind === 'connections') assert.equal(usage.connections.latest, latest);
    }
    const verdicts = verdictsOf(model, [entry('JSClient', '3.1.0', 'EolPast')]);
    const rows = buildUpgradePlan(model.versions, verdicts);
    assert.deepEqual(
      narrowPlan(rows, new Set(['js-client-sdk'])).map((r) => r.version),
      ['3.1.0'],
    );
    assert.ok(
      narrowPlan(rows, new Set(['browser'])).every((r) => r.version === '4.1.0'),
      'the 4.x line is the other SDK',
    );
  });

  test('an ambiguous reported name joins no dependency', () => {
    const model = modelOf([{ sdk: 'AkamaiEdgeSDK', version: '3.0.0', values: [1, 1, 1, 1] }]);
    const usage = matchDependency(
      locked('akamai-base', '3.0.0', { packageName: '@launchdarkly/akamai-server-base-sdk' }),
      contextOf(model),
    );
    assert.equal(usage.connections.kind, 'none');
  });
});

describe('a declared range (no lockfile)', () => {
  const model = modelOf([
    { sdk: 'NodeJSClient', version: '9.7.1', values: [1, 2, 3, 4] },
    { sdk: 'NodeJSClient', version: '9.5.0', values: [5, 5, 5, 5] },
    { sdk: 'NodeJSClient', version: '8.2.1', values: [7, 7, 7, 7] },
  ]);

  test('says which reported versions and release lines it admits, counts their connections, and is judged by the newest', () => {
    const usage = matchDependency(ranged('node-server', '^9.0.0'), contextOf(model));
    assert.deepEqual(usage.range?.reported, ['9.7.1', '9.5.0']);
    assert.equal(usage.range?.releaseLines.length, 14, '9.0 to 9.13');
    assert.equal(usage.connections.kind === 'connections' && usage.connections.latest, 9);
    assert.equal(usage.verdict.kind === 'releaseDates' && usage.verdict.version, '9.13.0');
    assert.equal(usage.verdict.kind === 'releaseDates' && usage.verdict.status, 'EolAllClear');
  });

  test('a range of one old major is past end of life everywhere it reaches', () => {
    const usage = matchDependency(ranged('node-server', '~8.2.0'), contextOf(model));
    assert.deepEqual(usage.range?.reported, ['8.2.1']);
    assert.deepEqual(usage.range?.releaseLines, ['8.2']);
    assert.equal(usage.verdict.kind === 'releaseDates' && usage.verdict.status, 'EolPast');
  });

  test('a range that admits nothing known is not judged; a dependency with no version neither', () => {
    assert.deepEqual(matchDependency(ranged('node-server', '^42.0.0'), contextOf(model)).verdict, {
      kind: 'notJudged',
      reason: 'nothingAdmitted',
    });
    const url = dependency({ sdkId: 'node-server', declared: 'github:launchdarkly/node-server-sdk', declaredKind: 'other' });
    const usage = matchDependency(url, contextOf(model));
    assert.deepEqual(usage.connections, { kind: 'noVersion' });
    assert.deepEqual(usage.verdict, { kind: 'notJudged', reason: 'noVersion' });
  });

  test('PEP 440 ranges are read as PyPI reads them', () => {
    const python = modelOf([{ sdk: 'PythonClient', version: '9.4.0', values: [1, 1, 1, 1] }]);
    const usage = matchDependency(
      ranged('python-server-sdk', '>=9,<10', { ecosystem: 'pypi', packageName: 'launchdarkly-server-sdk' }),
      contextOf(python),
    );
    assert.deepEqual(usage.range?.reported, ['9.4.0']);
  });
});

describe('without the catalogue', () => {
  test('no dependency has an SDK, connections or a verdict', () => {
    const model = modelOf([{ sdk: 'NodeJSClient', version: '9.7.1', values: [1, 1, 1, 1] }]);
    const usage = matchDependency(locked('node-server', '9.7.1'), contextOf(model, undefined, { catalogue: undefined }));
    assert.deepEqual(
      [usage.sdk, usage.connections, usage.verdict],
      [undefined, { kind: 'unknownSdk' }, { kind: 'notJudged', reason: 'unknownSdk' }],
    );
  });
});

describe('diagnostic levels', () => {
  const withStatus = (
    status: 'EolPast' | 'EolNear' | 'MajorVersionAvailable' | 'EolAllClear',
    relation: WorkspaceDependency['relation'] = 'direct',
  ) =>
    ({
      dependency: locked('node-server', '9.0.0', { relation }),
      verdict: { kind: 'launchdarkly', version: '9.0.0', status, target: undefined, releaseUrl: undefined },
    }) satisfies Pick<DependencyUsage, 'dependency' | 'verdict'>;

  test('warning past end of life, information near end of life or a new major, nothing when current; the setting picks', () => {
    const table: [DiagnosticsSetting, string[]][] = [
      ['all', ['warning', 'information', 'information', 'none']],
      ['pastEndOfLife', ['warning', 'none', 'none', 'none']],
      ['off', ['none', 'none', 'none', 'none']],
    ];
    for (const [setting, expected] of table) {
      const levels = (['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear'] as const).map(
        (status) => diagnosticLevel(withStatus(status), setting) ?? 'none',
      );
      assert.deepEqual(levels, expected, setting);
    }
  });

  test('a transitive dependency and one not judged get none', () => {
    assert.equal(diagnosticLevel(withStatus('EolPast', 'transitive'), 'all'), undefined);
    assert.equal(
      diagnosticLevel({ dependency: locked('node-server', '1.0.0'), verdict: { kind: 'notJudged', reason: 'preRelease' } }, 'all'),
      undefined,
    );
  });
});

describe('the upgrade plan narrowed to the workspace', () => {
  test("keeps the rows of the workspace's SDKs in any spelling, and Relay Proxy rows only when the workspace uses it", () => {
    const model = modelOf([
      { sdk: 'NodeJSClient', version: '8.2.0', values: [1, 1, 1, 1] },
      { sdk: 'GoClient', version: '6.2.1', values: [2, 2, 2, 2] },
      { sdk: 'Java', version: '5.0.0', values: [2, 2, 2, 2] },
    ]);
    const relay = { connectionType: 'proxy', relayVersion: '6.7.3', relayEolStatus: 'EolPast' };
    const verdicts = verdictsOf(model, [
      entry('nodejsclient', '8.2.0', 'EolPast', relay),
      entry('GoClient', '6.2.1', 'EolNear'),
      entry('Java', '5.0.0', 'EolPast'),
      entry('Node.js Server SDK', '7.0.0', 'EolPast'),
    ]);
    const rows = buildUpgradePlan(model.versions, verdicts);
    assert.equal(rows.length, 5);
    const names = (ids: string[]) => narrowPlan(rows, new Set(ids)).map((r) => `${r.sdk ?? 'relay'} ${r.version}`);
    // Rows named as the views name them: the catalogue's display name.
    assert.deepEqual(names(['node-server']).sort(), ['Node.js Server SDK 8.2.0', 'Node.js Server SDK 7.0.0'].sort());
    assert.deepEqual(names(['go-server-sdk', 'relay-proxy']).sort(), ['Go Server SDK 6.2.1', 'relay 6.7.3']);
    assert.deepEqual(names([]), []);
  });
});
