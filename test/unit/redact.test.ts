/** Redaction of tokens and token-shaped text. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INVISIBLE_CHARACTERS, redact } from '../../src/redact';
import { singleLine } from '../../src/text';

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

describe('redact: forms a server, a proxy or an HTML page may echo a token in', () => {
  const token = 'api-de70de70-0000-4000-8000-00000000de70';
  const chars = [...token];
  const forms: [string, string][] = [
    ['HTML decimal references', chars.map((c) => `&#${c.charCodeAt(0)};`).join('')],
    ['HTML hex references, zero-padded, no semicolons', chars.map((c) => `&#X00${c.charCodeAt(0).toString(16).toUpperCase()}`).join('')],
    ['split by a line feed', `${token.slice(0, 9)}\n${token.slice(9)}`],
    ['split by CR LF and spaces', chars.join(' ').replace('0 0', '0\r\n0')],
    ['split by zero-width spaces', chars.join('\u200b')],
    ['split by soft hyphens', chars.join('\u00ad')],
    ['split by invisible function applications (U+2061)', chars.join('\u2061')],
    ['split by Mongolian vowel separators (U+180E)', chars.join('\u180e')],
    ['split by invisible separators, JSON-escaped (U+2063)', chars.join('\\u2063')],
    ['split by percent-encoded line feeds', `${token.slice(0, 20)}%0A${token.slice(20)}`],
  ];
  for (const [name, form] of forms) {
    test(`a token-shaped string ${name} is found without knowing the token`, () => {
      assert.equal(redact(`<p>key ${form} end</p>`), '<p>key api-<redacted> end</p>');
    });
  }

  test('base64 of a token-shaped string is found without knowing the token, at any alignment and in base64url', () => {
    for (const prefix of ['', 'u:', 'us:', 'use:']) {
      const encoded = btoa(`${prefix}${token}`);
      assert.equal(redact(`Authorization: Basic ${encoded} seen`), 'Authorization: Basic <redacted> seen', prefix);
      const url = encoded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      assert.equal(redact(`x ${url} y`), 'x <redacted> y', prefix);
    }
  });

  test('a known secret that is not token-shaped is found split, as HTML references and in base64 at any alignment', () => {
    const secret = 'proxy-pässword-42';
    const bytes = (text: string) => Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
    for (const text of [
      [...secret].join('\u200b'),
      [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
      ...['', 'a', 'ab'].map((before) => btoa(bytes(`${before}${secret}-more`))),
    ]) {
      const redacted = redact(`said ${text} then`, [secret]);
      assert.match(redacted, /<redacted>/, text);
      assert.ok(!redacted.includes(text), redacted);
    }
  });

  test('leaves ordinary text, spaced words and base64 without a token alone', () => {
    const text = `a p i - d e 7 0 is no key; aGVsbG8gd29ybGQgdGhpcyBpcyBhIGxvbmcgYmFzZTY0IHN0cmluZyB3aXRob3V0IHRva2Vu; &#97;&#112;&#105; alone`;
    assert.equal(redact(text, ['s3cr3t-value']), text);
  });
});

describe('redact and singleLine skip the same invisible characters', () => {
  test('every invisible character text.ts strips from a line may split a token, and a known secret', () => {
    const token = 'api-de70de70-0000-4000-8000-00000000de70';
    for (const ch of INVISIBLE_CHARACTERS) {
      const split = [...token].join(ch);
      assert.equal(redact(`key ${split} end`), 'key api-<redacted> end', `U+${ch.codePointAt(0)!.toString(16)}`);
      assert.equal(singleLine(split), token);
      assert.equal(redact(`said ${[...'s3cr3t-value'].join(ch)} then`, ['s3cr3t-value']), 'said <redacted> then');
    }
    assert.ok(['\u00ad', '\u180e', '\u200b', '\u2060', '\u2061', '\u2064', '\ufeff'].every((ch) => INVISIBLE_CHARACTERS.includes(ch)));
  });
});
