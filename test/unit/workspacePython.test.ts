/** The workspace reader on Python projects: requirements files, PEP 621 and Poetry pyproject.toml, Pipfile, and their lockfiles. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

describe('Python', () => {
  test('requirements files: PEP 503 names, extras, markers, comments, continued lines and hashes; option lines are not packages', () => {
    const files = fixtureFiles('python-requirements');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'requirements-dev.txt | launchdarkly-server-sdk | python-server-sdk | direct | https://example.invalid/wheels/launchdarkly_server_sdk-9.0.0-py3-none-any.whl | other | -',
      'requirements.txt | LaunchDarkly_Server.SDK | python-server-sdk | direct | >= 8.0, <10 | range | >= 8.0, <10 (range, manifest)',
      'requirements.txt | ldclient-py | python-server-sdk | direct | ==6.13.3 | exact | 6.13.3 (exact, manifest)',
      'requirements/base.txt | launchdarkly-server-sdk | python-server-sdk | direct | ==9.2.2 | exact | 9.2.2 (exact, manifest)',
    ]);
    const normalised = dependencyIn(scan, 'requirements.txt', 'LaunchDarkly_Server.SDK');
    assert.equal(
      textAt(files, 'requirements.txt', normalised.span),
      'LaunchDarkly_Server.SDK[redis] >= 8.0, <10 ; python_version >= "3.8"',
    );
    assert.equal(normalised.span.start.line, 2);
    const hashed = dependencyIn(scan, 'requirements.txt', 'ldclient-py');
    assert.equal(textAt(files, 'requirements.txt', hashed.span), 'ldclient-py==6.13.3');
    const continued = dependencyIn(scan, 'requirements/base.txt', 'launchdarkly-server-sdk');
    assert.equal(textAt(files, 'requirements/base.txt', continued.span), 'launchdarkly-server-sdk==9.2.2');
  });

  test('Poetry: main dependencies, groups and the old dev-dependencies, each resolved from poetry.lock by its normal name', () => {
    const files = fixtureFiles('python-poetry');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'pyproject.toml | LaunchDarkly.Server_SDK | python-server-sdk | direct | ~9.2.1 | range | 9.2.2 (exact, lockfile)',
      'pyproject.toml | launchdarkly-server-sdk | python-server-sdk | direct | ^9.2 | range | 9.2.2 (exact, lockfile)',
      'pyproject.toml | ldclient-py | python-server-sdk | direct | 6.13.3 | exact | 6.13.3 (exact, lockfile)',
    ]);
    const main = dependencyIn(scan, 'pyproject.toml', 'launchdarkly-server-sdk');
    assert.equal(main.section, 'dependencies');
    assert.equal(textAt(files, 'pyproject.toml', main.span), 'launchdarkly-server-sdk = "^9.2"');
    const grouped = dependencyIn(scan, 'pyproject.toml', 'LaunchDarkly.Server_SDK');
    assert.equal(grouped.section, 'group integration');
    assert.equal(textAt(files, 'pyproject.toml', grouped.span), '"LaunchDarkly.Server_SDK" = { version = "~9.2.1", extras = ["redis"] }');
    assert.equal(textAt(files, 'poetry.lock', grouped.lockfile!.span), 'name = "launchdarkly-server-sdk"');
    assert.equal(grouped.lockfile!.span.start.line, 13);
    assert.equal(dependencyIn(scan, 'pyproject.toml', 'ldclient-py').section, 'dev-dependencies');
  });

  test('PEP 621 and PEP 735 groups with uv.lock; a workspace member without a lockfile of its own uses the root uv.lock', () => {
    const files = fixtureFiles('python-uv');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'packages/worker/pyproject.toml | launchdarkly-server-sdk | python-server-sdk | direct | ~=9.4 | range | 9.5.0 (exact, lockfile)',
      'pyproject.toml | launchdarkly-server-sdk | python-server-sdk | direct | ==9.5.0 | exact | 9.5.0 (exact, lockfile)',
      'pyproject.toml | launchdarkly-server-sdk | python-server-sdk | direct | >=9.4,<10 | range | 9.5.0 (exact, lockfile)',
      'pyproject.toml | ldclient-py | python-server-sdk | direct | ==6.13.3 | exact | 6.13.3 (exact, lockfile)',
    ]);
    const main = dependencyIn(scan, 'pyproject.toml', 'launchdarkly-server-sdk', 'dependencies');
    assert.equal(textAt(files, 'pyproject.toml', main.span), '"launchdarkly-server-sdk>=9.4,<10"');
    const dev = dependencyIn(scan, 'pyproject.toml', 'launchdarkly-server-sdk', 'group dev');
    assert.equal(textAt(files, 'pyproject.toml', dev.span), '"launchdarkly-server-sdk==9.5.0"');
    assert.equal(dependencyIn(scan, 'pyproject.toml', 'ldclient-py').section, 'optional legacy');
  });

  test('uv.lock alone tells direct from transitive by the project packages that list them', () => {
    const [lock] = fixtureFiles('python-uv').filter((f) => f.path === 'uv.lock');
    // The project now needs the SDK only through `other`.
    const content = (lock!.content as string).replaceAll('{ name = "launchdarkly-server-sdk" }', '{ name = "other" }');
    assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'uv.lock', content }])), [
      'uv.lock | launchdarkly-server-sdk | python-server-sdk | transitive | - | - | 9.5.0 (exact, lockfile)',
      'uv.lock | ldclient-py | python-server-sdk | direct | - | - | 6.13.3 (exact, lockfile)',
    ]);
  });

  test('Pipfile and Pipfile.lock', () => {
    const files = fixtureFiles('python-pipenv');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'Pipfile | launchdarkly-server-sdk | python-server-sdk | direct | ==9.3.0 | exact | 9.3.0 (exact, lockfile)',
      'Pipfile | ldclient-py | python-server-sdk | direct | * | range | 6.13.3 (exact, lockfile)',
    ]);
    const sdk = dependencyIn(scan, 'Pipfile', 'launchdarkly-server-sdk');
    assert.equal(sdk.section, 'packages');
    assert.equal(textAt(files, 'Pipfile', sdk.span), 'launchdarkly-server-sdk = "==9.3.0"');
    assert.equal(textAt(files, 'Pipfile.lock', sdk.lockfile!.span), '"launchdarkly-server-sdk"');
    assert.equal(sdk.lockfile!.span.start.line, 25);
    assert.equal(dependencyIn(scan, 'Pipfile', 'ldclient-py').section, 'dev-packages');
  });
});
