/** The API host check: https, loopback and what is refused. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BASE_URL, checkBaseUrl, isLoopbackHost } from '../../src/api/baseUrl';

describe('baseUrl', () => {
  test('accepts https hosts and trims trailing slashes', () => {
    assert.deepEqual(checkBaseUrl('https://app.launchdarkly.com'), { ok: true, baseUrl: 'https://app.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl(' https://app.eu.launchdarkly.com/ '), { ok: true, baseUrl: 'https://app.eu.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl('https://ld.example.com/prefix//'), { ok: true, baseUrl: 'https://ld.example.com/prefix' });
    assert.deepEqual(checkBaseUrl('HTTPS://App.LaunchDarkly.US:443/'), { ok: true, baseUrl: 'https://app.launchdarkly.us' });
    assert.deepEqual(checkBaseUrl(DEFAULT_BASE_URL), { ok: true, baseUrl: DEFAULT_BASE_URL });
  });

  test('accepts plain http only for this machine', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000/', 'http://[::1]:9000']) {
      const check = checkBaseUrl(url);
      assert.ok(check.ok, url);
    }
    assert.deepEqual(checkBaseUrl('http://127.0.0.1:8080/'), { ok: true, baseUrl: 'http://127.0.0.1:8080' });
    for (const url of [
      'http://app.launchdarkly.com',
      'http://127.0.0.1.nip.io',
      'http://localhost.example.com',
      'http://10.0.0.1',
      'http://[::2]',
    ]) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      assert.match((check as { message: string }).message, /must use https/);
    }
  });

  test('refuses credentials, queries, fragments, other schemes and non-URLs', () => {
    const cases: [string, RegExp][] = [
      ['https://user:pass@app.launchdarkly.com', /user name or password/],
      ['https://user@app.launchdarkly.com', /user name or password/],
      ['https://app.launchdarkly.com/?token=x', /query or fragment/],
      ['https://app.launchdarkly.com/#x', /query or fragment/],
      ['ftp://app.launchdarkly.com', /must be an https URL/],
      ['file:///etc/passwd', /must be an https URL/],
      ['app.launchdarkly.com', /is not a URL/],
      ['', /is not a URL/],
    ];
    for (const [url, message] of cases) {
      const check = checkBaseUrl(url);
      assert.equal(check.ok, false, url);
      assert.match((check as { message: string }).message, message, url);
    }
  });

  test('isLoopbackHost knows 127.x, localhost and ::1', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['128.0.0.1', '127.0.0', '0.0.0.0', 'localhost.', 'example.com', '::'])
      assert.equal(isLoopbackHost(host), false, host);
  });
});
