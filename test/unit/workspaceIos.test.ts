/** The workspace reader on iOS: CocoaPods' Podfile.lock and SwiftPM's Package.resolved (v1 and v3). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

const RESOLVED_V1 = 'App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved';

test('Podfile.lock: a pod and its subspecs are one finding, direct by DEPENDENCIES; Package.resolved v1 and v3 pins by repository', () => {
  const files = fixtureFiles('ios');
  const scan = scanWorkspaceFiles(files);
  assert.deepEqual(summary(scan), [
    `${RESOLVED_V1} | https://github.com/launchdarkly/ios-client-sdk.git | swift-client-sdk | unknown | - | - | 8.3.1 (exact, lockfile)`,
    'Podfile.lock | LaunchDarkly | swift-client-sdk | direct | - | - | 9.10.0 (exact, lockfile)',
    'Widget/Package.resolved | https://github.com/LaunchDarkly/ios-client-sdk | swift-client-sdk | unknown | - | - | 9.10.0 (exact, lockfile)',
  ]);
  const pod = dependencyIn(scan, 'Podfile.lock', 'LaunchDarkly');
  assert.equal(textAt(files, 'Podfile.lock', pod.span), 'LaunchDarkly (9.10.0)');
  assert.equal(pod.span.start.line, 1);
  const v1 = dependencyIn(scan, RESOLVED_V1, 'https://github.com/launchdarkly/ios-client-sdk.git');
  assert.equal(textAt(files, RESOLVED_V1, v1.span), '"repositoryURL": "https://github.com/launchdarkly/ios-client-sdk.git"');
  const v3 = dependencyIn(scan, 'Widget/Package.resolved', 'https://github.com/LaunchDarkly/ios-client-sdk');
  assert.equal(textAt(files, 'Widget/Package.resolved', v3.span), '"location" : "https://github.com/LaunchDarkly/ios-client-sdk"');
});

test('a SwiftPM pin to a branch has no version and is left out', () => {
  const resolved = {
    pins: [
      {
        identity: 'ios-client-sdk',
        location: 'git@github.com:launchdarkly/ios-client-sdk.git',
        state: { branch: 'main', revision: 'abc' },
      },
    ],
    version: 2,
  };
  assert.deepEqual(scanWorkspaceFiles([{ path: 'Package.resolved', content: JSON.stringify(resolved) }]), {
    dependencies: [],
    problems: [],
  });
});
