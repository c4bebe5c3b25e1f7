/**
 * The panel's upgrade plan with hostile names, rendered with happy-dom: every text it shows (cells,
 * titles, labels) follows the host's plain-text rules (no bidi override, line or paragraph
 * separator, zero-width or control character), and "Release notes" is offered only where the host
 * will open the address.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Window } from 'happy-dom';
import type { SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { buildUpgradePlan, type PlanSeries } from '../../src/model/upgradePlan';
import { VerdictIndex, joinVerdicts } from '../../src/model/verdict';
import { packPanelPlan, type WebviewMessage } from '../../src/protocol';
import { renderUpgradePlan } from '../../webview/upgradePlan';

/** What no shown text may hold. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

const hostile = (name: string) => `${name}\u202egnirts\u2028line\u2029para\u200bzero\u2066iso\u2069\u0007`;

function render(entries: SdkVersionDetail[], series: PlanSeries[]) {
  const window = new Window();
  const section = window.document.createElement('details') as unknown as HTMLDetailsElement;
  const verdicts = joinVerdicts(series, new VerdictIndex(entries), ['server']);
  const sent: WebviewMessage[] = [];
  const button = (options: { id: string; label: string; onClick: () => void }) => {
    const element = window.document.createElement('button');
    element.id = options.id;
    element.textContent = options.label;
    return element as unknown as HTMLElement;
  };
  renderUpgradePlan(
    section,
    packPanelPlan(buildUpgradePlan(series, verdicts), verdicts, 1),
    undefined,
    (m) => sent.push(m),
    'en-US',
    button as never,
  );
  return section;
}

describe('the panel upgrade plan with hostile names', () => {
  const series: PlanSeries[] = [{ id: 'v1', source: 'server', sdk: hostile('sdk'), version: hostile('1.0.0'), latest: 10 }];
  const entry = (fields: Partial<SdkVersionDetail>): SdkVersionDetail => ({
    name: hostile('sdk'),
    version: hostile('1.0.0'),
    eolStatus: 'EolPast',
    projectName: hostile('project'),
    projectKey: hostile('project-key'),
    environmentName: hostile('environment'),
    environmentKey: hostile('environment-key'),
    applicationId: hostile('app'),
    ldLatestVersion: hostile('2.0.0'),
    connectionType: 'proxy',
    relayVersion: hostile('7.0.0'),
    relayEolStatus: 'EolPast',
    ...fields,
  });

  test('shows no bidi override, line or paragraph separator, zero-width or control character in any text or attribute', () => {
    const section = render([entry({ latestReleaseUrl: 'https://example.com/notes' })], series);
    const texts: string[] = [];
    for (const element of Array.from(section.querySelectorAll('*'))) {
      for (const node of Array.from(element.childNodes)) if (node.nodeType === 3) texts.push(node.textContent ?? '');
      for (const attribute of ['title', 'aria-label']) {
        const value = element.getAttribute(attribute);
        if (value !== null) texts.push(value);
      }
    }
    assert.ok(
      texts.some((t) => t.includes('project') && t.includes('gnirts')),
      'the names are shown',
    );
    assert.ok(
      texts.some((t) => t.startsWith('Project key: project-key')),
      'the keys are in titles',
    );
    for (const text of texts) assert.doesNotMatch(text, UNSAFE, JSON.stringify(text));
  });

  test('offers "Release notes" only on rows whose address the host will open', () => {
    const cases: [string | undefined, boolean][] = [
      ['https://github.com/launchdarkly/x/releases', true],
      ['http://github.com/launchdarkly/x/releases', false],
      ['javascript:alert(1)', false],
      ['https://user:secret@example.com/', false],
      [undefined, false],
    ];
    for (const [address, offered] of cases) {
      const section = render([entry(address === undefined ? {} : { latestReleaseUrl: address })], series);
      const sdkRow = section.querySelector('tr[data-kind="sdk"]')!;
      assert.equal(sdkRow.querySelector('button') !== null, offered, String(address));
    }
  });
});
