/**
 * Scrubs access tokens out of text before it is logged or shown: a second guard behind never
 * logging them. A token is found as written and in the forms a URL, a JSON body or an HTML page may
 * carry it: percent-encoded (once or twice, either hex case, `+` for a space), JSON-escaped, HTML
 * character references, or a mix; split by line breaks, spaces or invisible characters (zero-width
 * ones, soft hyphens: which a reader's eye skips); and base64-encoded (as a proxy echoing a header may).
 */

/** A hex string as a pattern that matches it in either case ("2f" → "2[fF]"). */
function anyCaseHex(hex: string): string {
  return hex.replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/** JSON's short escapes (RFC 8259), which a JSON body may use instead of `\uXXXX`. */
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Every way one character can appear: itself, `%XX` or `%25XX` per UTF-8 byte, `+` for a space
 * (form encoding), `\uXXXX` per UTF-16 unit, JSON's short escape, or an HTML character reference
 * (`&#97;`, `&#x61;`, leading zeros and the final `;` optional, as browsers read them).
 */
function encodedChar(ch: string): string {
  const forms = [escapeRegExp(ch)];
  const bytes = [...new TextEncoder().encode(ch)];
  forms.push(bytes.map((b) => `%(?:25)?${anyCaseHex(b.toString(16).padStart(2, '0'))}`).join(''));
  const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i).toString(16).padStart(4, '0'));
  forms.push(units.map((hex) => `\\\\u${anyCaseHex(hex)}`).join(''));
  const codePoint = ch.codePointAt(0)!;
  forms.push(`&#0*${codePoint};?`, `&#[xX]0*${anyCaseHex(codePoint.toString(16))};?`);
  const short = JSON_SHORT_ESCAPES[ch];
  if (short !== undefined) {
    forms.push(escapeRegExp(short));
  }
  if (ch === ' ') {
    forms.push('\\+');
  }
  return `(?:${forms.join('|')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * The characters that show as nothing: the soft hyphen, the Mongolian vowel separator, the
 * zero-width space, non-joiner and joiner, the word joiner, the invisible operators (U+2061–2064)
 * and the zero-width no-break space (BOM). A reader's eye skips them, so they may split a token
 * here; text.ts strips them from every line, so that two different names cannot look the same.
 */
export const INVISIBLE_CHARACTERS: readonly string[] = [
  '\u00ad',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u2061',
  '\u2062',
  '\u2063',
  '\u2064',
  '\ufeff',
];

const SPLIT_CHARACTERS = ['\n', '\r', ' ', '\t', ...INVISIBLE_CHARACTERS];
/**
 * What may stand between two characters of a token and still leave it readable: a few line breaks,
 * spaces, invisible characters. The lookahead (each form starts with the character itself, `%`,
 * `\`, `&` or `+`) turns most characters away before every form is tried.
 */
const SPLIT = `(?:(?=[%\\\\&+${SPLIT_CHARACTERS.join('')}])(?:${SPLIT_CHARACTERS.map(encodedChar).join('|')})){0,4}`;

/** Characters, each in any of its forms, with a possible split between each two. */
const encodedText = (text: string) => [...text].map(encodedChar).join(SPLIT);
const HEX = `(?:${[...'0123456789abcdef'].map(encodedChar).join('|')})`;
const hexRun = (n: number) => Array<string>(n).fill(HEX).join(SPLIT);
const DASH = `${SPLIT}${encodedChar('-')}${SPLIT}`;

/** api-, sdk- or mob- and a UUID: LaunchDarkly's access tokens and keys, in any of the encodings. */
const TOKEN_PATTERN = new RegExp(
  `(${['api', 'sdk', 'mob'].map(encodedText).join('|')})${DASH}${[8, 4, 4, 4, 12].map(hexRun).join(DASH)}`,
  'gi',
);

/** Runs of base64 (or base64url) long enough to hold a token (40 characters encode to 56). */
const BASE64_RUN = /[A-Za-z0-9+/]{52,}={0,2}|[A-Za-z0-9_-]{52,}/g;

const secretPatterns = new Map<string, RegExp>();

/**
 * The base64 texts that stand for `secret` inside any longer base64 text: one per alignment of the
 * secret within the encoded bytes (0, 1 or 2 bytes before it), keeping only the characters that
 * depend on the secret alone; in both the standard and the URL alphabet.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (const [before, skip] of [
    [0, 0],
    [1, 2],
    [2, 3],
  ] as const) {
    // The bytes as a binary string (one character a byte), which btoa encodes.
    let binary = '\0'.repeat(before);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    const form = encoded.slice(skip, Math.floor((binary.length * 8) / 6));
    forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function secretPattern(secret: string): RegExp {
  let pattern = secretPatterns.get(secret);
  if (!pattern) {
    // Redaction runs on every log line: the patterns of the last few secrets are kept.
    if (secretPatterns.size >= 8) secretPatterns.clear();
    pattern = new RegExp([encodedText(secret), ...base64Forms(secret).map(escapeRegExp)].join('|'), 'g');
    secretPatterns.set(secret, pattern);
  }
  return pattern;
}

/** The letters of a (possibly encoded or split) token prefix, so "api-<redacted>" still says which kind it was. */
function plainPrefix(prefix: string): string {
  return prefix
    .replace(/%(?:25)?([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#([xX][0-9a-fA-F]+|[0-9]+);?/g, (_m, code: string) =>
      String.fromCharCode(code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10)),
    )
    .replace(/[^a-z]/gi, '');
}

/** A base64 run that decodes to text holding a token-shaped string. */
function hidesToken(run: string): boolean {
  const standard = run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  // atob refuses a length that leaves 1 character over; those last bits say nothing.
  const decoded = atob(standard.slice(0, standard.length - (standard.length % 4 === 1 ? 1 : 0)));
  TOKEN_PATTERN.lastIndex = 0;
  return TOKEN_PATTERN.test(decoded);
}

/** `text` with every token-shaped string and every given secret (of 8 characters or more) replaced. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text.replace(TOKEN_PATTERN, (_match, prefix: string) => `${plainPrefix(prefix)}-<redacted>`);
  result = result.replace(BASE64_RUN, (run) => (hidesToken(run) ? '<redacted>' : run));
  for (const secret of secrets) {
    if (secret.length >= 8) {
      result = result.replace(secretPattern(secret), '<redacted>');
    }
  }
  return result;
}
