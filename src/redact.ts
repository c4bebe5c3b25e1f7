/**
 * Scrubs access tokens out of text before it is logged or shown: a second guard behind never
 * logging them. A token is found as written and in the forms a URL or a JSON body may carry it:
 * percent-encoded (once or twice, either hex case, `+` for a space), JSON-escaped, or a mix.
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
 * (form encoding), `\uXXXX` per UTF-16 unit, or JSON's short escape.
 */
function encodedChar(ch: string): string {
  const forms = [escapeRegExp(ch)];
  const bytes = [...new TextEncoder().encode(ch)];
  forms.push(bytes.map((b) => `%(?:25)?${anyCaseHex(b.toString(16).padStart(2, '0'))}`).join(''));
  const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i).toString(16).padStart(4, '0'));
  forms.push(units.map((hex) => `\\\\u${anyCaseHex(hex)}`).join(''));
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

const encodedText = (text: string) => [...text].map(encodedChar).join('');
const HEX = `(?:${[...'0123456789abcdef'].map(encodedChar).join('|')})`;
const DASH = encodedChar('-');

/** api-, sdk- or mob- and a UUID: LaunchDarkly's access tokens and keys, in any of the encodings. */
const TOKEN_PATTERN = new RegExp(
  `(${['api', 'sdk', 'mob'].map(encodedText).join('|')})${DASH}${[8, 4, 4, 4, 12].map((n) => `${HEX}{${n}}`).join(DASH)}`,
  'gi',
);

const secretPatterns = new Map<string, RegExp>();

function secretPattern(secret: string): RegExp {
  let pattern = secretPatterns.get(secret);
  if (!pattern) {
    // Redaction runs on every log line: the patterns of the last few secrets are kept.
    if (secretPatterns.size >= 8) secretPatterns.clear();
    pattern = new RegExp(encodedText(secret), 'g');
    secretPatterns.set(secret, pattern);
  }
  return pattern;
}

/** The plain form of a (possibly encoded) token prefix, so "api-<redacted>" still says which kind it was. */
function decodePrefix(prefix: string): string {
  return prefix
    .replace(/%(?:25)?([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `text` with every token-shaped string and every given secret (of 8 characters or more) replaced. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text.replace(TOKEN_PATTERN, (_match, prefix: string) => `${decodePrefix(prefix)}-<redacted>`);
  for (const secret of secrets) {
    if (secret.length >= 8) {
      result = result.replace(secretPattern(secret), '<redacted>');
    }
  }
  return result;
}
