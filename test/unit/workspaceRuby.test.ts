/** The workspace reader on Ruby: Gemfile and Gemfile.lock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

test('Gemfile requirements and groups, resolved from Gemfile.lock specs (a platform suffix is not part of the version)', () => {
  const files = fixtureFiles('ruby');
  const scan = scanWorkspaceFiles(files);
  assert.deepEqual(summary(scan), [
    'Gemfile | launchdarkly-server-sdk | ruby-server-sdk | direct | ~> 8.4, >= 8.4.1 | range | 8.7.0 (exact, lockfile)',
    'Gemfile | ldclient-rb | ruby-server-sdk | direct | 5.5.7 | exact | 5.5.7 (exact, lockfile)',
  ]);
  const sdk = dependencyIn(scan, 'Gemfile', 'launchdarkly-server-sdk');
  assert.equal(textAt(files, 'Gemfile', sdk.span), 'gem "launchdarkly-server-sdk", "~> 8.4", ">= 8.4.1"');
  assert.equal(textAt(files, 'Gemfile.lock', sdk.lockfile!.span), 'launchdarkly-server-sdk (8.7.0)');
  assert.equal(sdk.section, undefined);
  assert.equal(dependencyIn(scan, 'Gemfile', 'ldclient-rb').section, 'group development,test');
});

test('Gemfile.lock alone: DEPENDENCIES tells direct from transitive; an unreadable lockfile is one problem', () => {
  const lock = fixtureFiles('ruby').find((f) => f.path === 'Gemfile.lock')!.content as string;
  const withoutOld = lock.replace('  ldclient-rb (= 5.5.7)\n', '');
  assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'Gemfile.lock', content: withoutOld }])), [
    'Gemfile.lock | launchdarkly-server-sdk | ruby-server-sdk | direct | - | - | 8.7.0 (exact, lockfile)',
    'Gemfile.lock | ldclient-rb | ruby-server-sdk | transitive | - | - | 5.5.7 (exact, lockfile)',
  ]);
  const broken = scanWorkspaceFiles([{ path: 'Gemfile.lock', content: '    launchdarkly-server-sdk (8.7.0)\n' }]);
  assert.deepEqual(broken, { dependencies: [], problems: [{ file: 'Gemfile.lock', reason: 'invalid Gemfile.lock: no sections' }] });
});

test('a gem without a requirement is unpinned; one from git or a path is not a version', () => {
  const gemfile = [
    'gem "launchdarkly-server-sdk"',
    "gem 'ldclient-rb', git: 'https://github.com/launchdarkly/ruby-server-sdk', branch: 'main'",
  ].join('\n');
  assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'Gemfile', content: gemfile }])), [
    'Gemfile | launchdarkly-server-sdk | ruby-server-sdk | direct | - | unpinned | -',
    'Gemfile | ldclient-rb | ruby-server-sdk | direct | git: https://github.com/launchdarkly/ruby-server-sdk | other | -',
  ]);
});
