/** The workspace reader on PHP: composer.json and composer.lock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

test('composer.json require and require-dev, names compared without case, versions from composer.lock (a `v` prefix dropped)', () => {
  const files = fixtureFiles('php');
  const scan = scanWorkspaceFiles(files);
  assert.deepEqual(summary(scan), [
    'composer.json | LaunchDarkly/Server-SDK | php-server-sdk | direct | ^6.1 | range | 6.3.0 (exact, lockfile)',
    'composer.json | launchdarkly/launchdarkly-php | php-server-sdk | direct | ~3.7 | range | 3.7.4 (exact, lockfile)',
  ]);
  const sdk = dependencyIn(scan, 'composer.json', 'LaunchDarkly/Server-SDK');
  assert.equal(textAt(files, 'composer.json', sdk.span), '"LaunchDarkly/Server-SDK": "^6.1"');
  assert.equal(sdk.section, 'require');
  assert.equal(textAt(files, 'composer.lock', sdk.lockfile!.span), '"name": "launchdarkly/server-sdk"');
  assert.equal(sdk.lockfile!.span.start.line, 11);
  const old = dependencyIn(scan, 'composer.json', 'launchdarkly/launchdarkly-php');
  assert.equal(old.section, 'require-dev');
  assert.equal(old.resolved, 'v3.7.4');
});
