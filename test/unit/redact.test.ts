/** Redaction of tokens and token-shaped text. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/redact';

describe('redact', () => {
  test('removes api-, sdk- and mob- UUID keys in any case, keeping their kind', () => {
    const text =
      'tokens api-de70de70-0000-4000-8000-00000000de70, SDK-12345678-ABCD-4000-8000-123456789ABC and mob-12345678-abcd-4000-8000-123456789abc.';
    assert.equal(redact(text), 'tokens api-<redacted>, SDK-<redacted> and mob-<redacted>.');
  });

  test('leaves text without keys alone, including look-alikes', () => {
    const text = 'api-v2 sdk-12345678 see https://app.launchdarkly.com/api/v2 x-12345678-abcd-4000-8000-123456789abc';
    assert.equal(redact(text), text);
  });

  test('removes given secrets of 8 or more characters, everywhere they occur', () => {
    assert.equal(redact('token s3cr3t-value and s3cr3t-value again', ['s3cr3t-value']), 'token <redacted> and <redacted> again');
    assert.equal(redact('short abc stays', ['abc']), 'short abc stays');
    assert.equal(redact('nothing', ['']), 'nothing');
  });
});
