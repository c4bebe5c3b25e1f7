/** The workspace reader on Go modules: go.mod's require directives, the major version in the module path. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWorkspaceFiles } from '../../src/workspace/scan';
import { dependencyIn, fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

test('go.mod: single-line and block requires, the major in the path (`/v7`, `.v5`), `// indirect` as transitive; exclude and replace are not requirements', () => {
  const files = fixtureFiles('go');
  const scan = scanWorkspaceFiles(files);
  assert.deepEqual(summary(scan), [
    'go.mod | github.com/launchdarkly/go-server-sdk/v7 | go-server-sdk | direct | v7.6.2 | exact | 7.6.2 (exact, manifest)',
    'go.mod | github.com/launchdarkly/ld-relay/v8 | relay-proxy | direct | v8.10.1 | exact | 8.10.1 (exact, manifest)',
    'go.mod | gopkg.in/launchdarkly/go-server-sdk.v5 | go-server-sdk | transitive | v5.10.1 | exact | 5.10.1 (exact, manifest)',
  ]);
  const v7 = dependencyIn(scan, 'go.mod', 'github.com/launchdarkly/go-server-sdk/v7');
  assert.equal(textAt(files, 'go.mod', v7.span), 'require github.com/launchdarkly/go-server-sdk/v7 v7.6.2');
  assert.equal(v7.span.start.line, 6);
  const v5 = dependencyIn(scan, 'go.mod', 'gopkg.in/launchdarkly/go-server-sdk.v5');
  assert.equal(textAt(files, 'go.mod', v5.span), 'gopkg.in/launchdarkly/go-server-sdk.v5 v5.10.1 // indirect');
});

test('go.mod: a module before Go modules (`+incompatible`) and a pseudo-version', () => {
  const goMod = [
    'module x',
    'require (',
    '\tgithub.com/launchdarkly/go-server-sdk v4.0.0+incompatible',
    '\t"github.com/launchdarkly/ld-relay/v6" v6.0.0-20210101000000-abcdefabcdef',
    ')',
  ].join('\n');
  assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'go.mod', content: goMod }])), [
    'go.mod | github.com/launchdarkly/go-server-sdk | go-server-sdk | direct | v4.0.0+incompatible | exact | 4.0.0 (exact, manifest)',
    'go.mod | github.com/launchdarkly/ld-relay/v6 | relay-proxy | direct | v6.0.0-20210101000000-abcdefabcdef | exact | 6.0.0-20210101000000-abcdefabcdef (exact, manifest)',
  ]);
});
