/** The API host setting's check (https, loopback, what is refused and why) and what people read about it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BASE_URL, checkBaseUrl, type BaseUrlProblem } from '../../src/settingsCheck';
import { describeBaseUrlProblem } from '../../src/presentation/settings';

describe('checkBaseUrl', () => {
  test('accepts https hosts and trims trailing slashes', () => {
    assert.deepEqual(checkBaseUrl('https://app.launchdarkly.com'), { ok: true, baseUrl: 'https://app.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl(' https://app.eu.launchdarkly.com/ '), { ok: true, baseUrl: 'https://app.eu.launchdarkly.com' });
    assert.deepEqual(checkBaseUrl('https://ld.example.com/prefix//'), { ok: true, baseUrl: 'https://ld.example.com/prefix' });
    assert.deepEqual(checkBaseUrl('HTTPS://App.LaunchDarkly.US:443/'), { ok: true, baseUrl: 'https://app.launchdarkly.us' });
    assert.deepEqual(checkBaseUrl(DEFAULT_BASE_URL), { ok: true, baseUrl: DEFAULT_BASE_URL });
  });

  test('accepts plain http only for this machine', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000/', 'http://[::1]:9000']) {
      assert.ok(checkBaseUrl(url).ok, url);
    }
    assert.deepEqual(checkBaseUrl('http://127.0.0.1:8080/'), { ok: true, baseUrl: 'http://127.0.0.1:8080' });
    for (const [url, origin] of [
      ['http://app.launchdarkly.com', 'http://app.launchdarkly.com'],
      ['http://127.0.0.1.nip.io/x', 'http://127.0.0.1.nip.io'],
      ['http://localhost.example.com', 'http://localhost.example.com'],
      ['http://10.0.0.1:8080', 'http://10.0.0.1:8080'],
      ['http://[::2]', 'http://[::2]'],
    ]) {
      assert.deepEqual(checkBaseUrl(url!), { ok: false, problem: { kind: 'plainHttp', origin } }, url);
    }
  });

  test('refuses credentials, queries, fragments, other schemes and non-URLs, saying which', () => {
    const cases: [string, BaseUrlProblem][] = [
      ['https://user:pass@app.launchdarkly.com', { kind: 'credentials' }],
      ['https://user@app.launchdarkly.com', { kind: 'credentials' }],
      ['https://app.launchdarkly.com/?token=x', { kind: 'queryOrFragment' }],
      ['https://app.launchdarkly.com/#x', { kind: 'queryOrFragment' }],
      ['ftp://app.launchdarkly.com', { kind: 'scheme', protocol: 'ftp:' }],
      ['file:///etc/passwd', { kind: 'scheme', protocol: 'file:' }],
      ['app.launchdarkly.com', { kind: 'notUrl', text: 'app.launchdarkly.com' }],
      ['', { kind: 'notUrl', text: '' }],
    ];
    for (const [url, problem] of cases) {
      assert.deepEqual(checkBaseUrl(url), { ok: false, problem }, url);
    }
  });
});

describe('what the API host problems say', () => {
  test('each names the setting and the fact behind it', () => {
    const cases: [BaseUrlProblem, string][] = [
      [
        { kind: 'notUrl', text: 'app.launchdarkly.com' },
        'launchdarklyUsage.baseUrl "app.launchdarkly.com" is not a URL. Use https://app.launchdarkly.com (or your instance\'s host).',
      ],
      [{ kind: 'credentials' }, 'launchdarklyUsage.baseUrl must not contain a user name or password.'],
      [
        { kind: 'plainHttp', origin: 'http://10.0.0.1:8080' },
        'launchdarklyUsage.baseUrl must use https (plain http is allowed only for 127.0.0.1 or localhost): http://10.0.0.1:8080',
      ],
      [{ kind: 'scheme', protocol: 'ftp:' }, 'launchdarklyUsage.baseUrl must be an https URL, not ftp:'],
      [{ kind: 'queryOrFragment' }, 'launchdarklyUsage.baseUrl must not contain a query or fragment.'],
    ];
    for (const [problem, text] of cases) assert.equal(describeBaseUrlProblem(problem), text);
  });
});
