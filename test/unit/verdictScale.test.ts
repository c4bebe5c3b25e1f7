/**
 * LaunchDarkly's report at a large account's scale: the join, the plan and By environment hold
 * tens and hundreds of thousands of entries, and no list is spread into a call's arguments (which
 * overflows the stack past about 100,000 items). Results are checked against counts taken from the
 * raw entries; speed is measured by `npm run bench`, not here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSdkVersionDetails } from '../../src/api/sdkVersionDetails';
import { groupByEnvironment } from '../../src/model/byEnvironment';
import { buildUpgradePlan, type PlanSeries } from '../../src/model/upgradePlan';
import { EOL_SEVERITY, VerdictIndex, joinVerdicts } from '../../src/model/verdict';
import { orderByLabel } from '../../src/presentation/ordering';
import { projectLabel } from '../../src/presentation/whereItRuns';
import { largeReport, reportVersion } from '../support/largeReport';

const seriesOf = (versions: number): PlanSeries[] =>
  Array.from({ length: versions }, (_, v) => {
    const { name, version } = reportVersion(v);
    return { id: JSON.stringify([v]), source: 'server', sdk: name, version, latest: v };
  });

function join(entries: ReturnType<typeof largeReport>, series: readonly PlanSeries[]) {
  return joinVerdicts(series, new VerdictIndex(parseSdkVersionDetails(entries).entries), ['server']);
}

describe("LaunchDarkly's report at scale", () => {
  test('20,000 entries of one version join into one verdict: the most severe status, every distinct placement', () => {
    const entries = largeReport({ entries: 20_000, versions: 1 });
    const verdicts = join(entries, seriesOf(1));
    const verdict = verdicts.byVersionId.get(JSON.stringify([0]))!;
    const worst = entries.reduce((w, e) => Math.max(w, EOL_SEVERITY[e.eolStatus as keyof typeof EOL_SEVERITY]), -1);
    assert.equal(EOL_SEVERITY[verdict.status ?? 'EolUnknown'], worst);
    const distinct = new Set(
      entries.map(
        ({ name: _n, version: _v, type: _t, projectId: _p, environmentId: _e, ldLatestVersion: _l, latestReleaseUrl: _u, ...where }) =>
          JSON.stringify(where),
      ),
    );
    assert.equal(verdict.placements.length, distinct.size);
    assert.equal(verdicts.withoutSeries.length, 0);
  });

  test('200,000 entries over 2,000 versions: every version joined once; By environment has each (project, environment, version) once', () => {
    const entries = largeReport({ entries: 200_000, versions: 2_000 });
    const series = seriesOf(2_000);
    const verdicts = join(entries, series);
    assert.equal(verdicts.byVersionId.size, 2_000);
    const projects = groupByEnvironment(verdicts);
    const expected = new Set(entries.map((e) => JSON.stringify([e.projectKey, e.environmentKey, e.name, e.version])));
    let rows = 0;
    for (const project of projects) {
      for (const environment of project.environments) {
        rows += environment.versions.length;
        for (const placed of environment.versions) {
          assert.ok(expected.has(JSON.stringify([project.key, environment.key, placed.sdk, placed.version])));
        }
      }
    }
    assert.equal(rows, expected.size);
    assert.equal(projects.length, new Set(entries.map((e) => e.projectKey)).size);
    // As the tree lists them: by name, case aside.
    assert.deepEqual(
      orderByLabel(projects)
        .slice(0, 3)
        .map((p) => projectLabel(p)),
      ['Project 0', 'Project 1', 'Project 10'],
    );
  });

  test('150,000 distinct Relay Proxy versions make a plan without overflowing the stack', () => {
    const entries = largeReport({ entries: 150_000, versions: 1_000, relayVersions: 150_000, proxyEvery: 1 });
    const series = seriesOf(1_000);
    const rows = buildUpgradePlan(series, join(entries, series));
    const relayNotCurrent = new Set(
      entries
        .filter((e) => e.relayVersion !== undefined && ['EolPast', 'EolNear', 'MajorVersionAvailable'].includes(e.relayEolStatus!))
        .map((e) => e.relayVersion),
    );
    assert.equal(rows.filter((r) => r.kind === 'relay').length, relayNotCurrent.size);
    assert.ok(relayNotCurrent.size > 100_000, `${relayNotCurrent.size}`);
  });

  test('150,000 distinct projects group by environment without overflowing the stack', () => {
    const entries = largeReport({ entries: 150_000, versions: 1, projects: 150_000, environments: 1 });
    const projects = groupByEnvironment(join(entries, seriesOf(1)));
    assert.equal(projects.length, 150_000);
  });
});
