/** Where a version runs, in words: labels from names, else keys, else "not reported"; connections; the tree's order. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProjectGroup } from '../../src/model/byEnvironment';
import { whereItRuns, type Placement } from '../../src/model/verdict';
import { orderByLabel } from '../../src/presentation/ordering';
import { describeConnections, environmentLabel, planRowName, projectLabel, whereItRunsMarkdown } from '../../src/presentation/whereItRuns';

const placed = (fields: Partial<Placement>): Placement => ({ eolStatus: 'EolAllClear', ...fields });

describe('where it runs, in words', () => {
  test('a project or environment is labelled by its name, else its key, else as not reported', () => {
    assert.equal(projectLabel({ key: 'mob', name: 'Mobile' }), 'Mobile');
    assert.equal(projectLabel({ key: 'mob', name: undefined }), 'mob');
    assert.equal(projectLabel({ key: undefined, name: undefined }), 'Project not reported');
    assert.equal(environmentLabel({ key: 'prod', name: undefined }), 'prod');
    assert.equal(environmentLabel({ key: undefined, name: undefined }), 'Environment not reported');
  });

  test('the tooltip lines escape every name and put keys beside names that differ from them', () => {
    const where = whereItRuns([
      placed({ projectKey: 'p', projectName: '# Project', environmentKey: 'e', environmentName: '_env_', applicationId: 'app|1' }),
      placed({ projectKey: 'p', projectName: '# Project', environmentKey: 'staging' }),
      placed({ connectionType: 'direct' }),
    ]);
    assert.deepEqual(whereItRunsMarkdown(where), [
      '\\# Project (key p): \\_env\\_ (key e), staging',
      'Project not reported: Environment not reported',
      'Applications: app\\|1',
      'Connects direct',
    ]);
  });

  test('connections keep the order the entries name them, a Relay Proxy without a version included, also after JSON', () => {
    const where = whereItRuns([
      placed({ connectionType: 'proxy' }),
      placed({ connectionType: 'proxy', relayVersion: '7.4.1' }),
      placed({ connectionType: 'direct' }),
      placed({ connectionType: 'proxy' }),
    ]);
    const expected = 'direct, through Relay Proxy not reported, through Relay Proxy 7.4.1';
    assert.equal(describeConnections(where), expected);
    assert.equal(describeConnections(JSON.parse(JSON.stringify(where))), expected, 'as the webview receives it');
    assert.equal(describeConnections(whereItRuns([placed({})])), undefined);
  });

  test('an upgrade plan row is named by its SDK, or as the Relay Proxy', () => {
    assert.equal(planRowName({ sdk: 'go-server-sdk' }), 'go-server-sdk');
    assert.equal(planRowName({ sdk: undefined }), 'Relay Proxy');
  });

  test('the tree orders projects and their environments by the labels it shows, a missing name where its label sorts', () => {
    const group = (name: string | undefined, environments: (string | undefined)[] = []): ProjectGroup => ({
      id: JSON.stringify([name]),
      key: undefined,
      name,
      environments: environments.map((e) => ({ id: JSON.stringify([e]), key: undefined, name: e, versions: [] })),
    });
    const ordered = orderByLabel([group('zeta'), group(undefined), group('beta', ['staging', undefined, 'Dev']), group('Alpha')]);
    assert.deepEqual(ordered.map(projectLabel), ['Alpha', 'beta', 'Project not reported', 'zeta']);
    assert.deepEqual(ordered[1]!.environments.map(environmentLabel), ['Dev', 'Environment not reported', 'staging']);
  });
});
