/** The workspace reader on Flutter and Dart: pubspec.yaml and pubspec.lock, pub workspaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

test('pubspec.yaml dependencies resolved from pubspec.lock; a workspace member from the root lock; a git source is not a version', () => {
  const files = fixtureFiles('flutter');
  const scan = scanWorkspaceFiles(files);
  assert.deepEqual(summary(scan), [
    'packages/feature/pubspec.yaml | launchdarkly_flutter_client_sdk | flutter-client-sdk | direct | ^4.7.0 | range | 4.8.0 (exact, lockfile)',
    'pubspec.yaml | launchdarkly_flutter_client_sdk | flutter-client-sdk | direct | ^4.6.0 | range | 4.8.0 (exact, lockfile)',
    // Not a workspace member and without a lock of its own.
    'tools/pubspec.yaml | launchdarkly_flutter_client_sdk | flutter-client-sdk | direct | git: https://github.com/launchdarkly/flutter-client-sdk | other | -',
  ]);
  const root = dependencyIn(scan, 'pubspec.yaml', 'launchdarkly_flutter_client_sdk');
  assert.equal(textAt(files, 'pubspec.yaml', root.span), 'launchdarkly_flutter_client_sdk: ^4.6.0');
  assert.equal(root.span.start.line, 11);
  assert.equal(textAt(files, 'pubspec.lock', root.lockfile!.span), 'launchdarkly_flutter_client_sdk');
  const member = dependencyIn(scan, 'packages/feature/pubspec.yaml', 'launchdarkly_flutter_client_sdk');
  assert.equal(member.lockfile?.file, 'pubspec.lock');
  assert.equal(member.span.start.line, 6);
});

test('pubspec.lock alone: `dependency:` says direct or transitive', () => {
  const lock = 'packages:\n  launchdarkly_flutter_client_sdk:\n    dependency: transitive\n    source: hosted\n    version: "4.8.0"\n';
  assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'pubspec.lock', content: lock }])), [
    'pubspec.lock | launchdarkly_flutter_client_sdk | flutter-client-sdk | transitive | - | - | 4.8.0 (exact, lockfile)',
  ]);
});

test("a block-style dependency's span ends on its own last line, not at the next entry", () => {
  const pubspec = [
    'name: app',
    'dependencies:',
    '  launchdarkly_flutter_client_sdk:',
    '    version: ^4.6.0',
    '    hosted: https://pub.dev',
    '',
    '  # the rest',
    '  http: ^1.0.0',
    '',
  ].join('\n');
  const files = [{ path: 'pubspec.yaml', content: pubspec }];
  const [dependency] = scanWorkspaceFiles(files).dependencies;
  assert.deepEqual(dependency!.span, { start: { line: 2, character: 2 }, end: { line: 4, character: 27 } });
  assert.equal(
    textAt(files, 'pubspec.yaml', dependency!.span),
    'launchdarkly_flutter_client_sdk:\n    version: ^4.6.0\n    hosted: https://pub.dev',
  );
  // At the file's end, and with CRLF line breaks, too.
  const last = 'dependencies:\r\n  launchdarkly_flutter_client_sdk:\r\n    git:\r\n      url: https://x\r\n\r\n';
  assert.deepEqual(scanWorkspaceFiles([{ path: 'pubspec.yaml', content: last }]).dependencies[0]!.span, {
    start: { line: 1, character: 2 },
    end: { line: 3, character: 20 },
  });
});
