/** The workspace reader on npm projects: package.json with package-lock (v1 nesting, v3 workspaces), yarn v1 and Berry, pnpm v5, v6 and v9. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

describe('npm: package-lock.json', () => {
  test('lockfileVersion 1: direct dependencies resolve from the top of the tree; a nested copy is a transitive finding at its own key', () => {
    const files = fixtureFiles('npm-lock-v1');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'package-lock.json | launchdarkly-js-client-sdk | js-client-sdk | transitive | - | - | 2.24.2 (exact, lockfile)',
      'package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | ^3.0.0 | range | 3.1.4 (exact, lockfile)',
      'package.json | launchdarkly-react-client-sdk | react-client-sdk | direct | ^2.23.0 | range | 2.29.2 (exact, lockfile)',
    ]);
    const react = dependencyIn(scan, 'package.json', 'launchdarkly-react-client-sdk');
    assert.deepEqual(react.span, { start: { line: 4, character: 4 }, end: { line: 4, character: 46 } });
    assert.equal(textAt(files, react.file, react.span), '"launchdarkly-react-client-sdk": "^2.23.0"');
    assert.equal(react.section, 'dependencies');
    assert.equal(react.lockfile?.file, 'package-lock.json');
    assert.equal(textAt(files, 'package-lock.json', react.lockfile!.span), '"launchdarkly-react-client-sdk"');
    assert.equal(react.lockfile!.span.start.line, 18);
    assert.equal(dependencyIn(scan, 'package.json', 'launchdarkly-js-client-sdk').section, 'devDependencies');
    // The nested entry's key, not the top-level one nor the `requires` line that names it first.
    const nested = dependencyIn(scan, 'package-lock.json', 'launchdarkly-js-client-sdk');
    assert.equal(nested.span.start.line, 26);
    assert.equal(textAt(files, 'package-lock.json', nested.span), '"launchdarkly-js-client-sdk"');
  });

  test('lockfileVersion 3 with workspaces: each package resolves along its own node_modules path; an alias names its target', () => {
    const files = fixtureFiles('npm-workspaces');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'package.json | @launchdarkly/node-server-sdk | node-server | direct | 9.2.0 | exact | 9.2.0 (exact, lockfile)',
      'packages/api/package.json | @launchdarkly/node-server-sdk | node-server | direct | ^9.4.0 | range | 9.4.2 (exact, lockfile)',
      'packages/api/package.json | @launchdarkly/server-sdk-ai | server-ai | direct | ^0.9.0 | range | 0.9.3 (exact, lockfile)',
      'packages/web/package.json | @launchdarkly/js-client-sdk | browser | direct | ~0.5.0 | range | 0.5.2 (exact, lockfile)',
      // Not a workspace of the root, and no lockfile of its own: the declared version stands.
      'tools/standalone/package.json | launchdarkly-node-server-sdk | node-server | direct | 7.0.4 | exact | 7.0.4 (exact, manifest)',
    ]);
    const api = dependencyIn(scan, 'packages/api/package.json', '@launchdarkly/node-server-sdk');
    assert.equal(textAt(files, 'package-lock.json', api.lockfile!.span), '"packages/api/node_modules/@launchdarkly/node-server-sdk"');
    const alias = dependencyIn(scan, 'packages/api/package.json', '@launchdarkly/server-sdk-ai');
    assert.equal(textAt(files, alias.file, alias.span), '"ld-ai": "npm:@launchdarkly/server-sdk-ai@^0.9.0"');
    assert.equal(dependencyIn(scan, 'tools/standalone/package.json', 'launchdarkly-node-server-sdk').lockfile, undefined);
  });

  test('a lockfile-only finding says direct or transitive from the lockfile itself when no package.json is given (hoisted ones too)', () => {
    const files = fixtureFiles('npm-workspaces').filter((f) => f.path === 'package-lock.json');
    assert.deepEqual(summary(scanWorkspaceFiles(files)), [
      'package-lock.json | @launchdarkly/js-client-sdk | browser | direct | - | - | 0.5.2 (exact, lockfile)',
      'package-lock.json | @launchdarkly/node-server-sdk | node-server | direct | - | - | 9.2.0 (exact, lockfile)',
      'package-lock.json | @launchdarkly/node-server-sdk | node-server | direct | - | - | 9.4.2 (exact, lockfile)',
      'package-lock.json | @launchdarkly/server-sdk-ai | server-ai | direct | - | - | 0.9.3 (exact, lockfile)',
    ]);
  });
});

describe('npm: package-lock.json v2', () => {
  test('`packages` is read, not the v1-style `dependencies` kept beside it for old npm versions', () => {
    const lock = {
      lockfileVersion: 2,
      packages: {
        '': { dependencies: { 'launchdarkly-node-server-sdk': '^7.0.0' } },
        'node_modules/launchdarkly-node-server-sdk': { version: '7.0.4' },
      },
      dependencies: { 'launchdarkly-node-server-sdk': { version: '7.0.1' } },
    };
    const files = [
      { path: 'package.json', content: JSON.stringify({ dependencies: { 'launchdarkly-node-server-sdk': '^7.0.0' } }) },
      { path: 'package-lock.json', content: JSON.stringify(lock, null, 2) },
    ];
    assert.deepEqual(summary(scanWorkspaceFiles(files)), [
      'package.json | launchdarkly-node-server-sdk | node-server | direct | ^7.0.0 | range | 7.0.4 (exact, lockfile)',
    ]);
  });
});

describe('npm: yarn.lock', () => {
  test('v1: a dependency resolves through the entry whose descriptors include its name@range, aliases too', () => {
    const files = fixtureFiles('yarn-v1');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | ^3.1.0 | range | 3.4.0 (exact, lockfile)',
      'package.json | launchdarkly-node-server-sdk | node-server | direct | ^7.0.0 | range | 7.0.4 (exact, lockfile)',
      'package.json | launchdarkly-react-client-sdk | react-client-sdk | direct | ^3.0.0 | range | 3.3.2 (exact, lockfile)',
    ]);
    const client = dependencyIn(scan, 'package.json', 'launchdarkly-js-client-sdk');
    assert.equal(
      textAt(files, 'yarn.lock', client.lockfile!.span),
      'launchdarkly-js-client-sdk@^3.1.0, launchdarkly-js-client-sdk@^3.3.0:',
    );
    assert.equal(client.lockfile!.span.start.line, 9);
  });

  test('Berry: `npm:` descriptors joined in one quoted key, workspaces covered through their `workspace:` entries', () => {
    const files = fixtureFiles('yarn-berry');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'package.json | @launchdarkly/node-server-sdk | node-server | direct | ^9.0.0 | range | 9.7.1 (exact, lockfile)',
      'packages/app/package.json | @launchdarkly/node-server-sdk | node-server | direct | ^9.5.0 | range | 9.7.1 (exact, lockfile)',
    ]);
    assert.equal(dependencyIn(scan, 'packages/app/package.json', '@launchdarkly/node-server-sdk').lockfile?.span.start.line, 14);
  });

  test('v1 workspaces: the root package.json globs say which folders its yarn.lock covers', () => {
    const lock = 'launchdarkly-js-client-sdk@^3.0.0:\n  version "3.4.0"\n';
    const files = [
      { path: 'package.json', content: JSON.stringify({ private: true, workspaces: { packages: ['apps/**'] } }) },
      { path: 'yarn.lock', content: lock },
      { path: 'apps/site/web/package.json', content: JSON.stringify({ dependencies: { 'launchdarkly-js-client-sdk': '^3.0.0' } }) },
      { path: 'other/package.json', content: JSON.stringify({ dependencies: { 'launchdarkly-js-client-sdk': '^3.0.0' } }) },
    ];
    assert.deepEqual(summary(scanWorkspaceFiles(files)), [
      'apps/site/web/package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | ^3.0.0 | range | 3.4.0 (exact, lockfile)',
      'other/package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | ^3.0.0 | range | ^3.0.0 (range, manifest)',
    ]);
  });
});

describe('npm: pnpm-lock.yaml', () => {
  test('v9: importers keyed by folder, the peer suffix dropped, a package only another one needs reported as transitive', () => {
    const files = fixtureFiles('pnpm-v9');
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(summary(scan), [
      'apps/web/package.json | launchdarkly-react-client-sdk | react-client-sdk | direct | ^3.4.0 | range | 3.4.0 (exact, lockfile)',
      'package.json | @launchdarkly/node-server-sdk | node-server | direct | ^9.5.0 | range | 9.7.1 (exact, lockfile)',
      'pnpm-lock.yaml | launchdarkly-js-client-sdk | js-client-sdk | transitive | - | - | 3.5.0 (exact, lockfile)',
    ]);
    const web = dependencyIn(scan, 'apps/web/package.json', 'launchdarkly-react-client-sdk');
    assert.equal(web.resolved, '3.4.0(react-dom@18.3.1(react@18.3.1))(react@18.3.1)');
    assert.equal(textAt(files, 'pnpm-lock.yaml', web.lockfile!.span), 'launchdarkly-react-client-sdk');
    assert.equal(web.lockfile!.span.start.line, 16);
    const transitive = dependencyIn(scan, 'pnpm-lock.yaml', 'launchdarkly-js-client-sdk');
    assert.equal(textAt(files, 'pnpm-lock.yaml', transitive.span), 'launchdarkly-js-client-sdk@3.5.0');
  });

  test('v6 (`specifier`/`version` maps, `/name@version` keys) and v5 (versions alone, `/name/version_peer` keys)', () => {
    const v6 = [
      "lockfileVersion: '6.0'",
      'dependencies:',
      '  launchdarkly-js-client-sdk:',
      '    specifier: ^3.1.0',
      '    version: 3.1.4',
      '  ld:',
      '    specifier: npm:@launchdarkly/node-server-sdk@^9',
      '    version: /@launchdarkly/node-server-sdk@9.3.0',
      'packages:',
      '  /launchdarkly-js-client-sdk@3.1.4:',
      '    resolution: {integrity: sha512-x}',
      '  /launchdarkly-react-client-sdk@3.0.1(react@18.2.0):',
      '    resolution: {integrity: sha512-y}',
    ].join('\n');
    const manifest = JSON.stringify({
      dependencies: { 'launchdarkly-js-client-sdk': '^3.1.0', ld: 'npm:@launchdarkly/node-server-sdk@^9' },
    });
    assert.deepEqual(
      summary(
        scanWorkspaceFiles([
          { path: 'package.json', content: manifest },
          { path: 'pnpm-lock.yaml', content: v6 },
        ]),
      ),
      [
        'package.json | @launchdarkly/node-server-sdk | node-server | direct | ^9 | range | 9.3.0 (exact, lockfile)',
        'package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | ^3.1.0 | range | 3.1.4 (exact, lockfile)',
        'pnpm-lock.yaml | launchdarkly-react-client-sdk | react-client-sdk | transitive | - | - | 3.0.1 (exact, lockfile)',
      ],
    );
    const v5 = [
      'lockfileVersion: 5.4',
      'specifiers:',
      '  launchdarkly-react-client-sdk: ^2.29.0',
      'dependencies:',
      '  launchdarkly-react-client-sdk: 2.29.2_react@17.0.2',
      'packages:',
      '  /launchdarkly-react-client-sdk/2.29.2_react@17.0.2:',
      '    resolution: {integrity: sha512-z}',
      '  /launchdarkly-js-client-sdk/2.24.2:',
      '    resolution: {integrity: sha512-w}',
    ].join('\n');
    assert.deepEqual(
      summary(
        scanWorkspaceFiles([
          { path: 'package.json', content: JSON.stringify({ dependencies: { 'launchdarkly-react-client-sdk': '^2.29.0' } }) },
          { path: 'pnpm-lock.yaml', content: v5 },
        ]),
      ),
      [
        'package.json | launchdarkly-react-client-sdk | react-client-sdk | direct | ^2.29.0 | range | 2.29.2 (exact, lockfile)',
        'pnpm-lock.yaml | launchdarkly-js-client-sdk | js-client-sdk | transitive | - | - | 2.24.2 (exact, lockfile)',
      ],
    );
  });
});

describe('npm: package.json alone', () => {
  test('every dependency section; tags, URLs and workspace links are not versions; other packages are not reported', () => {
    const manifest = {
      dependencies: { '@launchdarkly/node-server-sdk': 'latest', express: '^4.0.0' },
      devDependencies: { 'launchdarkly-js-client-sdk': 'github:launchdarkly/js-client-sdk#main' },
      peerDependencies: { 'launchdarkly-react-client-sdk': '>=3 <4' },
      optionalDependencies: { '@launchdarkly/vercel-server-sdk': 'workspace:*' },
    };
    const scan = scanWorkspaceFiles([{ path: 'package.json', content: JSON.stringify(manifest, null, 2) }]);
    assert.deepEqual(summary(scan), [
      'package.json | @launchdarkly/node-server-sdk | node-server | direct | latest | other | -',
      'package.json | @launchdarkly/vercel-server-sdk | vercel | direct | workspace:* | other | -',
      'package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | github:launchdarkly/js-client-sdk#main | other | -',
      'package.json | launchdarkly-react-client-sdk | react-client-sdk | direct | >=3 <4 | range | >=3 <4 (range, manifest)',
    ]);
    assert.equal(dependencyIn(scan, 'package.json', 'launchdarkly-react-client-sdk').section, 'peerDependencies');
  });
});
