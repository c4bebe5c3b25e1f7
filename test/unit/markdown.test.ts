/** The Markdown documents: the summary table and the upgrade plan's checklist, every name escaped. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { buildUpgradePlan, type PlanSeries } from '../../src/model/upgradePlan';
import { VerdictIndex, joinVerdicts } from '../../src/model/verdict';
import { summaryMarkdown, upgradePlanMarkdown } from '../../src/presentation/markdown';
import { markdownText } from '../../src/text';
import { RENDERERS, decodeHtml, renderedTable } from '../support/markdown';
import { AWKWARD_LOADED, awkwardModel } from '../support/usageAnswers';

function entry(fields: Partial<SdkVersionDetail>): SdkVersionDetail {
  return { eolStatus: 'EolUnknown', ...fields };
}

describe('the summary as Markdown', () => {
  const loaded = AWKWARD_LOADED;

  test('Markdown summary renders one row per version with every name as written, whatever it holds', () => {
    const model = awkwardModel();
    const md = summaryMarkdown(model, loaded);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[2], '| Source | SDK | Version | Latest | Peak | Average | Share | Health |');
    // The table ends at the blank line before the progress by status.
    assert.equal(lines.indexOf('', 2) - 4, model.versions.length, 'a line break in a name does not add a line');
    for (const [name, render] of Object.entries(RENDERERS)) {
      const html = render(md);
      assert.match(decodeHtml(html), /Server-side SDKs, Last 24 hours \(hourly, Europe\/Berlin\), filter: node\|server/, name);
      const table = renderedTable(html)!;
      assert.equal(table.rows.length, model.versions.length, name);
      const rows = table.rows.map((cells) => cells.map(decodeHtml));
      for (const row of rows) assert.equal(row.length, 8, `${name}: ${row.join(' | ')}`);
      assert.deepEqual(rows.map((r) => r[1]).sort(), model.versions.map((v) => v.sdk.replace('\n', ' ')).sort(), name);
      assert.deepEqual(
        rows.find((r) => r[1] === 'node|server')!.slice(2),
        ['9.7.1', '3', '1,234', '413', '16%', 'Current (newest seen: 9.7.1) (estimate)'],
        name,
      );
    }
  });
});

describe('the upgrade plan as Markdown', () => {
  const hostile = '**bold** [x](https://evil.example) <img src=x> | `code` www.evil.example';
  const series: PlanSeries[] = [{ id: 'v1', source: 'server', sdk: hostile, version: '1.0.0', latest: 1234 }];
  const verdicts = joinVerdicts(
    series,
    new VerdictIndex([
      entry({
        name: hostile,
        version: '1.0.0',
        eolStatus: 'EolPast',
        ldLatestVersion: '2.0.0',
        latestReleaseUrl: 'https://example.com/notes (v2)',
        projectName: '# Project',
        projectKey: 'p',
        environmentName: '_env_',
        environmentKey: 'e',
        applicationId: 'app|1',
        connectionType: 'proxy',
        relayVersion: '6.0.0',
        relayEolStatus: 'EolPast',
        relayLatestVersion: '8.0.0',
        relayLatestReleaseUrl: 'javascript:alert(1)',
      }),
      entry({ name: hostile, version: '1.0.0', eolStatus: 'EolNear', projectName: 'Other', environmentName: 'staging' }),
    ]),
    ['server'],
  );

  test('a checklist grouped by project and environment, every name escaped, links https only', () => {
    const rows = buildUpgradePlan(series, verdicts);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.status]),
      [
        ['sdk', 'EolPast'],
        ['relay', 'EolPast'],
      ],
    );
    const md = upgradePlanMarkdown(rows, { fetchedAt: Date.UTC(2026, 0, 2, 3, 4) });
    assert.match(md, /^\*\*LaunchDarkly SDK upgrade plan\*\*: 2 versions to upgrade .*2026-01-02 03:04 UTC/);
    assert.ok(md.includes('### \\# Project (key p)'), md);
    assert.ok(md.includes('#### \\_env\\_ (key e)'));
    assert.ok(md.includes('### Other'));
    assert.ok(
      md.includes(
        `- [ ] **${markdownText(hostile)}** ${markdownText('1.0.0')} → ${markdownText('2.0.0')}: past end of life · 1,234 latest connections · apps: app\\|1`,
      ),
    );
    assert.ok(md.includes('[release notes](https://example.com/notes%20%28v2%29)'), 'parentheses cannot end the link early');
    assert.ok(!md.includes('javascript:'), 'a non-https address is never linked');
    // Every active character of a name is escaped: none is left bare.
    assert.ok(!/(?<!\\)\*\*bold|(?<!\\)\[x|(?<!\\)<img|www\.evil/.test(md), 'no name becomes markup or a link');
    assert.equal(md.split('\n').filter((l) => l.startsWith('- [ ]')).length, 3, 'the version in two environments, and the Relay Proxy');
  });
});
