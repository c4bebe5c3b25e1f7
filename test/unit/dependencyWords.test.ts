/**
 * The words and Markdown of a workspace dependency: hostile names from manifests and from the API
 * render as their characters in the hover, the row tooltip and the copied checklist (in two
 * Markdown renderers), the only links are the extension's own commands and an https release-notes
 * address, command arguments survive the trip, and the plain sentences say what is known.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/contributions';
import type { ReleaseLine } from '../../src/catalogue/catalogue';
import {
  HOVER_COMMANDS,
  commandLink,
  dependencyChecklistMarkdown,
  dependencyHoverMarkdown,
} from '../../src/presentation/dependencyMarkdown';
import {
  codeLensTitle,
  dependencyRowContent,
  diagnosticMessage,
  noConnectionsSentence,
  rangeSentence,
  unreadableFileLogLine,
  verdictText,
} from '../../src/presentation/dependencyWords';
import type { DependencyUsage } from '../../src/sdkDependencies/usageMatch';
import type { WorkspaceDependency } from '../../src/workspace/types';
import { catalogue } from '../support/catalogue';
import { MARKUP_FROM_DATA, RENDERERS, decodeHtml } from '../support/markdown';

const EVIL = '[x](https://evil.example) <img src=x> **b** `c` $(alert) # h\nnext';

const dependency: WorkspaceDependency = {
  file: 'services/api/package.json',
  span: { start: { line: 6, character: 4 }, end: { line: 6, character: 30 } },
  ecosystem: 'npm',
  packageName: EVIL,
  sdkId: 'node-server',
  relation: 'direct',
  declared: '^9.0.0',
  declaredKind: 'range',
  resolved: '9.7.1',
  lockfile: { file: 'services/api/package-lock.json', span: { start: { line: 10, character: 4 }, end: { line: 10, character: 20 } } },
  version: { text: '9.7.1', kind: 'exact', from: 'lockfile' },
};

const line: ReleaseLine = { major: 9, minor: 7, released: '2024-10-17', endOfLife: '2026-04-08', endOfLifeMs: Date.UTC(2026, 3, 8) };

function usage(change: Partial<DependencyUsage> = {}): DependencyUsage {
  return {
    dependency,
    sdk: catalogue.sdks.get('node-server'),
    connections: { kind: 'connections', series: [], latest: 1850, peak: 2104 },
    verdict: {
      kind: 'launchdarkly',
      version: '9.7.1',
      status: 'EolPast',
      target: `9.13.0 ${EVIL}`,
      releaseUrl: 'https://example.com/notes_(1)',
    },
    placements: [
      {
        projectKey: 'p',
        projectName: `Checkout ${EVIL}`,
        environmentKey: 'prod',
        environmentName: 'Production',
        eolStatus: 'EolPast',
        connectionType: 'direct',
      },
    ],
    chartVersionId: JSON.stringify(['version', 'server', `Node${EVIL}`, '9.7.1']),
    ...change,
  };
}

/** The links a rendering holds: their targets. */
function links(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => decodeHtml(m[1]!));
}

describe('the hover', () => {
  const id = JSON.stringify(['file:///w', 'services/api/package.json', 6, 4, EVIL]);
  const markdown = dependencyHoverMarkdown(usage(), {
    dependencyId: id,
    loaded: { source: 'server', preset: '24h', from: 0, to: 1 },
    locale: 'en-US',
  });

  for (const [name, render] of Object.entries(RENDERERS)) {
    test(`renders every name as its characters and links only to its own commands (${name})`, () => {
      const html = render(markdown);
      const targets = links(html);
      assert.equal(targets.length, 3, 'Show in Chart, Open Release Notes, Copy Upgrade Checklist');
      for (const target of targets) {
        const command = /^command:([\w.]+)\?/.exec(target)?.[1];
        assert.ok(command && HOVER_COMMANDS.includes(command), target);
      }
      // Between the tags, no markup came from the data.
      const withoutOwnLinks = html.replace(/<a href="command:[^"]*">[^<]*<\/a>/g, '').replace(/<\/?(p|strong|br)\s*\/?>/g, '');
      assert.doesNotMatch(withoutOwnLinks, MARKUP_FROM_DATA);
      assert.ok(
        decodeHtml(html).includes('[x](https://evil.example) <img src=x> **b** `c` $(alert) # h next'),
        'the name, as written, on one line',
      );
      assert.match(decodeHtml(html), /latest 1,850 · peak 2,104 \(Server-side SDKs, Last 24 hours\)/);
      assert.match(decodeHtml(html), /Past end of life, upgrade to 9\.13\.0/);
      assert.match(decodeHtml(html), /\(LaunchDarkly\)/);
    });
  }

  test("the command links' arguments come back exactly", () => {
    const targets = links(RENDERERS['markdown-it']!(markdown));
    const args = targets.map((t) => JSON.parse(decodeURIComponent(t.slice(t.indexOf('?') + 1))) as unknown[]);
    assert.deepEqual(args, [[usage().chartVersionId], [id], [id]]);
    assert.ok(targets[0]!.startsWith(`command:${COMMANDS.showChart}?`));
  });

  test('without a chart series or release notes, those links are left out', () => {
    const bare = dependencyHoverMarkdown(
      usage({ chartVersionId: undefined, sdk: undefined, verdict: { kind: 'notJudged', reason: 'preRelease' } }),
      {
        dependencyId: 'x',
        loaded: undefined,
        locale: 'en-US',
      },
    );
    assert.deepEqual(
      links(RENDERERS.marked!(bare)).map((t) => t.slice(0, t.indexOf('?'))),
      [`command:${COMMANDS.copyDependencyChecklist}`],
    );
  });

  test('a release-date verdict names its release line and the data date', () => {
    const text = dependencyHoverMarkdown(
      usage({ verdict: { kind: 'releaseDates', version: '9.7.1', status: 'EolPast', target: '9.13', line, dataDate: '2026-08-21' } }),
      { dependencyId: 'x', loaded: undefined, locale: 'en-US' },
    );
    const read = decodeHtml(RENDERERS.marked!(text));
    assert.match(read, /Past end of life, upgrade to 9\.13 \(release dates of 2026-08-21\)/);
    assert.match(read, /Release line 9\.7: released 2024-10-17, end of life 2026-04-08/);
  });
});

describe('the upgrade checklist', () => {
  const markdown = dependencyChecklistMarkdown(usage(), { fileLabel: `services/${EVIL}/package.json`, line: 6 }, 'en-US');

  for (const [name, render] of Object.entries(RENDERERS)) {
    test(`is a checklist whose only link is the https release notes, names escaped (${name})`, () => {
      const html = render(markdown);
      assert.deepEqual(links(html), ['https://example.com/notes_%281%29']);
      assert.ok(decodeHtml(html).includes(`from 9.7.1 (lockfile) to 9.13.0 ${EVIL.replace('\n', ' ')}`));
      assert.ok(decodeHtml(html).includes('line 7'), 'lines counted from 1');
      assert.ok(decodeHtml(html).includes('services/api/package-lock.json'));
      assert.ok(decodeHtml(html).includes(`Checkout ${EVIL.replace('\n', ' ')}`), 'where it runs');
    });
  }

  test('has one task per step and no line from the data', () => {
    const tasks = markdown.split('\n').filter((l) => /^\s*- \[ \]/.test(l));
    assert.equal(tasks.length, 6, markdown);
    assert.equal(markdown.split('\n').length, 11);
  });
});

describe('plain sentences', () => {
  test('no connections for the version, with the versions the account does report', () => {
    assert.equal(
      noConnectionsSentence(usage({ connections: { kind: 'none', reported: ['9.13.0', '9.12.1'], filtered: false } })),
      `The account reports no connections for Node.js Server SDK 9.7.1; it reports 9.13.0 and 9.12.1.`,
    );
    assert.match(
      noConnectionsSentence(usage({ connections: { kind: 'none', reported: [], filtered: true } }))!,
      /with the current filter, nor for any version/,
    );
    assert.equal(noConnectionsSentence(usage()), undefined);
  });

  test('a range that admits several versions says so; one that admits one does not', () => {
    const ranged = {
      ...dependency,
      lockfile: undefined,
      resolved: undefined,
      version: { text: '^9.0.0', kind: 'range' as const, from: 'manifest' as const },
    };
    assert.equal(
      rangeSentence(usage({ dependency: ranged, range: { reported: ['9.7.1', '9.5.0'], releaseLines: ['9.13', '9.12', '9.0'] } })),
      'The range ^9.0.0 admits several versions: 9.7.1 and 9.5.0 of the versions the account reports; release lines 9.0 to 9.13 (3). Without a lockfile, which one runs is not known.',
    );
    assert.equal(rangeSentence(usage({ dependency: ranged, range: { reported: ['9.7.1'], releaseLines: ['9.7'] } })), undefined);
    assert.match(rangeSentence(usage({ dependency: ranged, range: { reported: [], releaseLines: [] } }))!, /admits no release/);
  });

  test('the Problems panel message is one line with the verdict and connections', () => {
    const message = diagnosticMessage(usage(), 'en-US');
    assert.doesNotMatch(message, /\n/);
    assert.match(
      message,
      /^Node\.js Server SDK \(.*\) 9\.7\.1 \(lockfile\): Past end of life, upgrade to 9\.13\.0 .* \(LaunchDarkly\)\. Connections: latest 1,850 · peak 2,104\.$/,
    );
  });

  test('a CodeLens title draws no icon from the data', () => {
    const title = codeLensTitle(
      usage({ verdict: { kind: 'launchdarkly', version: '1', status: 'EolPast', target: '$(alert)', releaseUrl: undefined } }),
      'en-US',
    );
    assert.ok(!title.includes('$('), title);
    assert.ok(title.includes('$\u200b(alert)'), title);
  });

  test('a row shows file and line, version, connections and verdict; its tooltip escapes', () => {
    const row = dependencyRowContent(usage(), { fileLabel: 'services/api/package.json', line: 6 }, 'en-US');
    assert.equal(row.label, 'services/api/package.json:7');
    assert.match(row.description, /9\.7\.1 \(lockfile\) · latest 1,850 · peak 2,104 · Past end of life/);
    assert.doesNotMatch(RENDERERS.marked!(row.tooltip), /<a |<img/);
  });

  test('every verdict says whose it is', () => {
    assert.equal(
      verdictText({ kind: 'launchdarkly', version: '1', status: 'EolAllClear', target: '2.0.0', releaseUrl: undefined }),
      'Current (LaunchDarkly)',
    );
    assert.equal(verdictText({ kind: 'notJudged', reason: 'noVersion' }), 'Not judged: no version is declared');
  });

  test('an unreadable file is one log line, its path and reason on one line and bounded', () => {
    const text = unreadableFileLogLine(`a/${'x'.repeat(2000)}\n/package.json`, 'invalid JSON at line 3');
    assert.doesNotMatch(text, /\n/);
    assert.ok(text.length < 800);
  });

  test('commandLink keeps parentheses out of the destination', () => {
    assert.equal(commandLink('Go', 'x.y', ['(a)']), '[Go](command:x.y?%5B%22%28a%29%22%5D)');
  });
});
