/** The words for health: the estimate's distance, LaunchDarkly's verdicts, and whose verdict each is. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SdkVersionDetail } from '../../src/api/sdkVersionDetails';
import { versionHealth } from '../../src/model/health';
import { effectiveHealth, verdictOf } from '../../src/model/verdict';
import { describeEffectiveHealth, describeHealth } from '../../src/presentation/healthWords';

function entry(fields: Partial<SdkVersionDetail>): SdkVersionDetail {
  return { eolStatus: 'EolUnknown', ...fields };
}

describe('health words', () => {
  test('describeHealth says how far behind, with singular and plural', () => {
    assert.equal(describeHealth({ status: 'current', behind: 0, newest: '9.7.1' }), 'Current (newest seen: 9.7.1)');
    assert.equal(describeHealth({ status: 'minorBehind', behind: 1, newest: '9.8.0' }), '1 minor version behind 9.8.0');
    assert.equal(describeHealth({ status: 'majorBehind', behind: 3, newest: '9.8.0' }), '3 major versions behind 9.8.0');
    assert.match(describeHealth({ status: 'unknown', behind: 0, newest: undefined }), /not comparable/);
  });

  test('EolUnknown or no entry falls back to the estimate, and every description says whose verdict it is', () => {
    const estimate = versionHealth('7.0.0', '9.1.0');
    const fallback = effectiveHealth(
      { health: estimate },
      verdictOf('x', '7.0.0', [entry({ eolStatus: 'EolUnknown', ldLatestVersion: '9.2.0' })]),
    );
    assert.equal(fallback.source, 'estimate');
    assert.equal(fallback.key, 'majorBehind');
    assert.equal(describeEffectiveHealth(fallback), '2 major versions behind 9.1.0 (estimate)');
    assert.equal(effectiveHealth({ health: estimate }, undefined).source, 'estimate');
    // The estimate calls the newest version seen current; LaunchDarkly knows better.
    const ld = effectiveHealth({ health: versionHealth('9.1.0', '9.1.0') }, { status: 'EolNear', target: '10.0.1' });
    assert.deepEqual([ld.source, ld.key, ld.target], ['launchdarkly', 'EolNear', '10.0.1']);
    assert.equal(describeEffectiveHealth(ld), 'Near end of life, upgrade to 10.0.1 (LaunchDarkly)');
  });
});
