/**
 * Hostile names and server text: identities that cannot collide, Markdown that renders data as its
 * literal characters (checked with two real renderers), text that cannot form a link where VS Code
 * links plain text, redaction of the token in its encoded forms, and bounded lengths. The property
 * tests draw from an alphabet of what breaks naive code: every line-break form, Markdown and HTML
 * syntax, link and URI shapes, `@`/`:` separators, bidi controls, astral characters.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StreamSource } from '../../src/api/parse';
import { OTHER_SERIES_ID, sdkId, sourceId, statusId, versionId, versionIdsOf } from '../../src/model/rowIds';
import { summaryMarkdown } from '../../src/presentation/markdown';
import type { LoadedQuery } from '../../src/model/query';
import { describeFilter } from '../../src/presentation/queryWords';
import { buildUsageModel } from '../../src/model/modelBuild';
import { chartSeries } from '../../src/model/chartData';
import { seriesList } from '../support/seriesLists';
import { redact } from '../../src/redact';
import {
  MAX_NAME_CHARS,
  MAX_SERVER_TEXT_CHARS,
  capMiddle,
  capText,
  escapeMarkdown,
  markdownText,
  plainText,
  serverText,
  singleLine,
  withoutLinks,
} from '../../src/text';
import { MARKUP_FROM_DATA, RENDERERS, decodeHtml, renderedTable } from '../support/markdown';
import { HOSTILE_TOKEN as TOKEN, hostile } from '../support/hostileText';

const source = fc.constantFrom<StreamSource>('server', 'client');
const LINE_BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;

describe('ids: distinct (source, SDK, version) triples never share an id', () => {
  test('the reported collisions stay apart', () => {
    assert.notEqual(versionId('server', 'go', '1@2'), versionId('server', 'go@1', '2'));
    assert.notEqual(sdkId('server', 'x@y'), versionId('server', 'x', 'y'));
    assert.notEqual(sdkId('server', 'server:x'), sdkId('client', 'x'));
    assert.notEqual(versionId('server', 'a', 'b:c'), versionId('server', 'a:b', 'c'));
    assert.notEqual(sdkId('server', 'other'), OTHER_SERIES_ID);
  });

  test("for any names: version ids, SDK ids and the tree's other ids are one-to-one and never equal each other", () => {
    fc.assert(
      fc.property(fc.tuple(source, hostile, hostile), fc.tuple(source, hostile, hostile), ([s1, a1, v1], [s2, a2, v2]) => {
        const same = s1 === s2 && a1 === a2 && v1 === v2;
        assert.equal(versionId(s1, a1, v1) === versionId(s2, a2, v2), same);
        assert.equal(sdkId(s1, a1) === sdkId(s2, a2), s1 === s2 && a1 === a2);
        const others = new Set([sdkId(s2, a2), sourceId(s2), statusId(a2), statusId(v2), OTHER_SERIES_ID]);
        assert.ok(!others.has(versionId(s1, a1, v1)));
        assert.ok(![sourceId(s1), statusId(a1), OTHER_SERIES_ID].includes(sdkId(s2, a2)));
      }),
      { numRuns: 2000 },
    );
  });

  test('ids built for many versions of one SDK are the same text as versionId, for any names', () => {
    fc.assert(
      fc.property(source, hostile, fc.array(hostile, { maxLength: 5 }), (src, sdk, versions) => {
        assert.deepEqual(
          versionIdsOf(src, sdk, versions),
          versions.map((version) => versionId(src, sdk, version)),
        );
      }),
      { numRuns: 1_000 },
    );
  });

  test('a model of hostile names keeps every series apart: one version per distinct triple, one SDK per name, unique ids', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile), { minLength: 1, maxLength: 12 }), (pairs) => {
        const model = buildUsageModel(
          [
            {
              source: 'server',
              list: seriesList(
                [1, 2],
                pairs.map(([sdk, version], i) => ({ sdk, version, values: [i, i + 1] })),
              ),
            },
          ],
          'hourly',
        );
        const triples = new Set(pairs.map((p) => JSON.stringify(p)));
        assert.equal(model.versions.length, triples.size);
        assert.equal(model.sdks.length, new Set(pairs.map(([sdk]) => sdk)).size);
        const treeIds = [
          ...model.sdks.map((s) => s.id),
          ...model.versions.map((v) => v.id),
          sourceId('server'),
          sourceId('client'),
          statusId('error'),
          statusId('empty'),
        ];
        assert.equal(new Set(treeIds).size, treeIds.length, 'VS Code refuses a tree with a repeated id');
        const bySdk = chartSeries(model, { groupBy: 'sdk', outdatedOnly: false, topN: 1_000 }).map((s) => s.id);
        assert.equal(new Set(bySdk).size, model.sdks.length);
        for (const v of model.versions) assert.equal(v.id, versionId('server', v.sdk, v.version));
      }),
      { numRuns: 300 },
    );
  });
});

describe('plain text: one line, trimmed, bounded', () => {
  test('every line-break form becomes a space; controls and bidi overrides go; marks stay', () => {
    assert.equal(singleLine('a\r\nb\rc\nd\u2028e\u2029f\u0085g\vh\fi\tj'), 'a b c d e f g h i j');
    assert.equal(singleLine('x\u0000y\u001bz\u202eq\u2066r\u2069'), 'xyzqr');
    assert.equal(singleLine('\u200fש\u200e'), '\u200fש\u200e');
    assert.equal(plainText('  \n name \r\n'), 'name');
  });

  test('cuts with an ellipsis at the limit, never through a surrogate pair', () => {
    assert.equal(capText('abcdef', 6), 'abcdef');
    assert.equal(capText('abcdefg', 6), 'abcde…');
    assert.equal(capText('abcd😀x', 6), 'abcd…');
    assert.equal(capMiddle('0123456789', 7), '012…789');
    assert.equal(capMiddle('😀123456😀', 6), '😀1…😀');
    assert.equal(capMiddle('ab😀cdefg', 6), 'ab…fg');
    assert.equal(capMiddle('abcde😀f', 6), 'abc…f');
  });

  test('for any text: no line break, no control, bidi or zero-width character, at most the limit, and short one-line text unchanged', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 40 }), (text, max) => {
        const shown = plainText(text, max);
        assert.ok(shown.length <= max);
        assert.doesNotMatch(shown, LINE_BREAK);
        assert.doesNotMatch(shown, /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]/);
        if (
          !/[\u0000-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200d\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/.test(text) &&
          text.trim().length <= max
        ) {
          assert.equal(shown, text.trim());
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('a 1 MB name is cut to the limit quickly', () => {
    const huge = `${'[x](https://e.x)\r'.repeat(65_536)}`;
    const started = performance.now();
    assert.equal(plainText(huge).length, MAX_NAME_CHARS);
    assert.ok(markdownText(huge).length <= 2 * MAX_NAME_CHARS);
    assert.ok(serverText(huge, [TOKEN]).length <= MAX_SERVER_TEXT_CHARS);
    assert.ok(performance.now() - started < 1_000);
  });
});

describe('Markdown: data renders as its own characters', () => {
  test('escapes every ASCII punctuation character and nothing else', () => {
    assert.equal(
      escapeMarkdown('a#b*c_d[e](f)!g<h>i|j`k\\l~m.n-o+p:q/r@s'),
      'a\\#b\\*c\\_d\\[e\\]\\(f\\)\\!g\\<h\\>i\\|j\\`k\\\\l\\~m\\.n\\-o\\+p\\:q\\/r\\@s',
    );
    assert.equal(escapeMarkdown('é 😀 ש 9'), 'é 😀 ש 9');
  });

  for (const [name, render] of Object.entries(RENDERERS)) {
    test(`${name}: a bold tooltip line shows the name literally, with no link, image, heading or HTML`, () => {
      fc.assert(
        fc.property(hostile, (text) => {
          const shown = plainText(text);
          fc.pre(shown !== '');
          const html = render(`**${markdownText(text)}** (server-side)`);
          const m = /^<p><strong>([^<]*)<\/strong> \(server-side\)<\/p>\n?$/.exec(html);
          assert.ok(m, `${JSON.stringify(text)} rendered as ${html}`);
          assert.equal(decodeHtml(m[1]!), shown);
        }),
        { numRuns: 1500 },
      );
    });

    test(`${name}: a summary of hostile names keeps one row per version, eight cells each, names shown literally`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(hostile, hostile), { minLength: 1, maxLength: 8 }), hostile, (pairs, filterName) => {
          const model = buildUsageModel(
            [
              {
                source: 'server',
                list: seriesList(
                  [1, 2],
                  pairs.map(([sdk, version], i) => ({ sdk, version, values: [i, 2 * i] })),
                ),
              },
            ],
            'hourly',
          );
          const loaded: LoadedQuery = {
            source: 'server',
            preset: '24h',
            from: 0,
            to: 1,
            granularity: 'hourly',
            timeZone: 'UTC',
            filter: { sdk: filterName },
          };
          const html = render(summaryMarkdown(model, loaded));
          const table = renderedTable(html);
          assert.ok(table, html);
          assert.equal(table.header.length, 8);
          assert.equal(table.rows.length, model.versions.length, html);
          table.rows.forEach((cells, i) => {
            assert.equal(cells.length, 8, html);
            for (const cell of cells) assert.doesNotMatch(cell, /</, `markup in a cell: ${cell}`);
            assert.equal(decodeHtml(cells[1]!), plainText(model.versions[i]!.sdk));
            assert.equal(decodeHtml(cells[2]!), plainText(model.versions[i]!.version));
          });
          const before = html.slice(0, html.indexOf('<table>'));
          assert.equal(before.replace(/<\/?(p|strong)>/g, '').search(MARKUP_FROM_DATA), -1, `markup from data above the table: ${before}`);
          const filter = describeFilter({ sdk: filterName });
          if (filter) assert.ok(decodeHtml(before).includes(`filter: ${filter}`), before);
          assert.doesNotMatch(html, /<(a|img|h[1-6]|script|iframe|em|del|code|pre|blockquote|ul|ol|hr)\b/);
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('withoutLinks: nothing VS Code would link', () => {
  /** Notifications link "[label](target)" when the target is http(s)://, command: or file:. */
  const notificationLink = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+\)/i;
  const uri = /\b(?:[a-z][a-z0-9+.-]*:\/\/|(?:command|vscode|file|mailto|javascript|data):|www\.)/i;

  test('breaks links, URLs, www. and command URIs with a zero-width space, and changes nothing else', () => {
    assert.equal(
      withoutLinks('see [here](https://evil.example) or command:x'),
      'see [here]\u200b(https\u200b://evil.example) or command\u200b:x',
    );
    assert.equal(withoutLinks('www.evil.example'), 'www\u200b.evil.example');
    assert.equal(withoutLinks('Invalid time range: from must be before to'), 'Invalid time range: from must be before to');
  });

  test('for any text: no notification link and no URI remains; removing the added spaces gives the text back', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = withoutLinks(text);
        assert.doesNotMatch(safe, notificationLink);
        assert.doesNotMatch(safe, uri);
        assert.equal(safe.replace(/\u200b/g, ''), text.replace(/\u200b/g, ''));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('redact and serverText: the token in any encoding, bounded server text', () => {
  const percentAll = (text: string, upper = false) =>
    [...new TextEncoder().encode(text)]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .map((x) => (upper ? x.toUpperCase() : x))
      .join('');
  const jsonAll = (text: string) =>
    Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  const encodings = (secret: string): string[] => [
    secret,
    encodeURIComponent(secret),
    percentAll(secret),
    percentAll(secret, true),
    percentAll(secret).replace(/%/g, '%25'),
    JSON.stringify(secret).slice(1, -1),
    jsonAll(secret),
    new URLSearchParams({ q: secret }).toString().slice(2),
    // Half percent-encoded, half JSON-escaped.
    percentAll(secret.slice(0, 10)) + jsonAll(secret.slice(10)),
  ];

  test('the token, any api-/sdk-/mob- key, and a given secret are redacted in every encoding', () => {
    for (const form of encodings(TOKEN)) {
      assert.equal(redact(`key "${form}" here`), 'key "api-<redacted>" here', form);
      assert.equal(redact(`key "${form}" here`, [TOKEN]).includes('<redacted>'), true, form);
    }
    const secret = 'p@ss/wörd+😀 "x"';
    for (const form of encodings(secret)) {
      assert.equal(redact(`a${form}b`, [secret]), 'a<redacted>b', form);
    }
  });

  test('leaves text that only looks a little like a token alone', () => {
    const text = 'api-v2 sdk-12345678 see https://app.launchdarkly.com/api/v2 %61pi-nope x-12345678-abcd-4000-8000-123456789abc';
    assert.equal(redact(text), text);
  });

  test('for any text around the token in any encoding: serverText is one line, bounded and holds no form of the token', () => {
    fc.assert(
      fc.property(hostile, hostile, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 20, max: 400 }), (before, after, which, max) => {
        const form = encodings(TOKEN)[which]!;
        const shown = serverText(`${before}${form}${after}`, [TOKEN], max);
        assert.ok(shown.length <= max);
        assert.doesNotMatch(shown, LINE_BREAK);
        for (const f of encodings(TOKEN)) assert.ok(!shown.includes(f), `${f} in ${shown}`);
        // What is left of the token after a cut is never a long run of its characters.
        assert.ok(!shown.includes(TOKEN.slice(0, 12)) && !shown.includes(TOKEN.slice(-12)), shown);
      }),
      { numRuns: 1500 },
    );
  });

  test('a control character inside the token cannot hide it: it is removed before redaction', () => {
    const split = `${TOKEN.slice(0, 10)}\u0000${TOKEN.slice(10)}`;
    assert.equal(serverText(`token ${split}`, [TOKEN]), 'token api-<redacted>');
  });

  test('cutting the middle keeps the start and end of a long message', () => {
    const message = `Start of our words: series key "${'k'.repeat(100_000)}${TOKEN}" has no metadata. Refresh to try again.`;
    const shown = serverText(message, [TOKEN], 200, 'middle');
    assert.equal(shown.length, 200);
    assert.ok(shown.startsWith('Start of our words'));
    assert.ok(shown.endsWith('Refresh to try again.'));
  });
});
