/**
 * Hostile text made safe for where it goes. SDK names, versions, server messages, token names and
 * account ids come from the network: anyone with a client-side ID can connect with a made-up SDK
 * name. Each helper here is for one kind of place:
 *
 * - `plainText`: a label shown as text (tree rows, the webview's `textContent`): one line, no
 *   control or bidirectional-override characters, bounded length.
 * - `markdownText`: the same, then every ASCII punctuation character backslash-escaped, so that
 *   in Markdown (hover tooltips, the copied summary) no heading, emphasis, code, link, autolink,
 *   image, HTML, entity or table cell break can form: it renders as exactly its characters.
 * - `serverText`: text from the API quoted to people (error messages, token names, account ids):
 *   one line, redacted (the token in any encoding), bounded.
 * - `withoutLinks`: for places where VS Code turns plain text into links (notifications render
 *   `[label](target)` and URLs): no link, autolink or `command:` URI can form.
 *
 * Pure: no `vscode` import.
 */
import { INVISIBLE_CHARACTERS, redact } from './redact';

/** Names and versions longer than this are cut (with "…") where they are shown; ids keep them whole. */
export const MAX_NAME_CHARS = 200;
/** Server-derived text (error messages, token names, account ids) is cut to this. */
export const MAX_SERVER_TEXT_CHARS = 300;
/** A whole message (our words around quoted server text) is cut to this; long enough for the longest of our own (a proxy certificate failure with its hints). */
export const MAX_MESSAGE_CHARS = 1_000;

/** Every line-break form (CRLF, LF, CR, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR) and tabs. */
const LINE_BREAKS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * Other C0/C1 control characters; the bidirectional embeddings, overrides and isolates that would
 * reorder the text around a name (LRM/RLM marks stay: they only nudge neighbouring characters); and
 * the invisible characters (zero-width ones, the soft hyphen: redact.ts's INVISIBLE_CHARACTERS,
 * which it lets split a token) that would make two different names look the same.
 */
const CONTROLS = new RegExp(
  `[\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\u202a-\\u202e\\u2066-\\u2069${INVISIBLE_CHARACTERS.join('')}]`,
  'g',
);
/** ASCII punctuation: CommonMark lets a backslash escape each of these, and only these. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;
/**
 * Shapes that VS Code (or a Markdown renderer) may turn into a link in plain text. A zero-width
 * space (U+200B) goes into each, so the text reads the same but no link, autolink or command URI
 * can form: `scheme://`, `command:` and the other schemes VS Code opens without `//`, `www.`, and
 * the `](` between a link's label and its target.
 */
const ZWSP = '\u200b';
const LINK_SHAPES: readonly [RegExp, string][] = [
  [/([a-z][a-z0-9+.-]*)(:\/\/)/gi, `$1${ZWSP}$2`],
  [/\b(command|vscode|vscode-insiders|file|mailto|javascript|data|tel|sms)(:)/gi, `$1${ZWSP}$2`],
  [/\b(www)(\.)/gi, `$1${ZWSP}$2`],
  [/(\])(\()/g, `$1${ZWSP}$2`],
];
/** Longer text is first cut to the part that can be shown: the rest then costs little, whatever came in. */
const ROUGH_CUT = 16_384;

/** One line: every line break and tab is a space; control, bidi-override and zero-width characters are gone. */
export function singleLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}

/** `text` cut to at most `max` characters, ending in "…" when cut, never splitting a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/** `text` cut to at most `max` characters by dropping its middle, so its start and its end stay readable. */
export function capMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(0, max - 1);
  let head = Math.ceil(keep / 2);
  let tail = text.length - (keep - head);
  if (head > 0 && isHighSurrogate(text.charCodeAt(head - 1))) head--;
  if (tail < text.length && isLowSurrogate(text.charCodeAt(tail))) tail++;
  return `${text.slice(0, head)}…${text.slice(tail)}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Backslash-escapes every ASCII punctuation character. The text should already be one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/** Puts a zero-width space into every shape that could become a link (see `LINK_SHAPES`). */
export function withoutLinks(text: string): string {
  return LINK_SHAPES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** A name or other data for a plain-text place: one line, trimmed, bounded. */
export function plainText(text: string, max = MAX_NAME_CHARS): string {
  // Only the start is shown: a huge name costs no more than its first few thousand characters.
  const head = text.length > ROUGH_CUT + max ? text.slice(0, ROUGH_CUT + max) : text;
  return capText(singleLine(head).trim(), max);
}

/** A URL's text as a Markdown link destination: parentheses (which would end it early) percent-encoded too. */
export function markdownLinkDestination(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** A name or other data for a Markdown place: one line, bounded, rendering as exactly its characters. */
export function markdownText(text: string, max = MAX_NAME_CHARS): string {
  return escapeMarkdown(plainText(text, max));
}

/**
 * Text from the API for people to read: one line, redacted (the token in any encoding, and
 * anything token-shaped), cut to `max`. `cut: 'middle'` keeps both ends of a long message, where
 * our own wording (what happened, what to do) sits around a quoted part.
 */
export function serverText(
  text: string,
  secrets: readonly string[] = [],
  max = MAX_SERVER_TEXT_CHARS,
  cut: 'end' | 'middle' = 'end',
): string {
  const rough = text.length > 2 * ROUGH_CUT ? `${text.slice(0, ROUGH_CUT)} … ${text.slice(-ROUGH_CUT)}` : text;
  // Control characters go before redaction, so that removing them cannot join a token together.
  const safe = redact(singleLine(rough), secrets);
  return cut === 'end' ? capText(safe, max) : capMiddle(safe, max);
}
