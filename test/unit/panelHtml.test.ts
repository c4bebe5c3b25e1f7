/** The chart panel's HTML: strict CSP, a fresh nonce per render, local resources only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNonce, panelHtml } from '../../src/panel/html';

const parts = {
  cspSource: 'https://webview.test',
  scriptUri: 'https://webview.test/dist/webview.js',
  styleUri: 'https://webview.test/media/panel.css',
};

function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

test("the CSP denies everything by default and allows scripts only with the render's nonce", () => {
  const html = panelHtml(parts, 'abc123');
  const policy = csp(html);
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('script-src'), ["'nonce-abc123'"]);
  assert.deepEqual(policy.get('style-src'), ['https://webview.test', "'nonce-abc123'"]);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]!, /nonce="abc123"/);
  assert.match(scripts[0]!, /src="https:\/\/webview\.test\/dist\/webview\.js"/);
});

test("every resource the HTML loads comes from the webview's own source", () => {
  const html = panelHtml(parts);
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    assert.ok(url!.startsWith('https://webview.test/'), url);
  }
  assert.doesNotMatch(html, /style="/, 'no inline style attributes');
});

test('each render gets a fresh, unguessable nonce', () => {
  const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
  assert.equal(nonces.size, 50);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
  const first = /nonce-([^']+)'/.exec(panelHtml(parts))![1];
  const second = /nonce-([^']+)'/.exec(panelHtml(parts))![1];
  assert.notEqual(first, second);
});
