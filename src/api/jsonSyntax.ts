/**
 * JSON's syntax, checked straight on a body's code units without building any value: the pieces
 * the body scanners share (strings, numbers, literals, keys, whole values skipped), each reporting
 * malformed text as `JSON.parse` would, with a `JsonSyntaxError` at the same position. Positions in
 * the code units are positions in the text.
 */
import { BODY_PADDING } from './body';

/** The text is not JSON at all (what `JSON.parse` would reject); `position` is where it went wrong. */
export class JsonSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
const DOT = 46;
const SLASH = 47;
export const ZERO = 48;
export const NINE = 57;
export const COLON = 58;
const UPPER_E = 69;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
const LOWER_B = 98;
const LOWER_E = 101;
const LOWER_F = 102;
export const LOWER_N = 110;
const LOWER_R = 114;
const LOWER_T = 116;
const LOWER_U = 117;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;

/**
 * The text's UTF-16 code units as bytes, plus zero bytes past the end so that reading one position
 * too far finds a character no JSON rule accepts. Code units from 0x80 up become 0x80: outside
 * strings they are errors either way, inside strings they are just "some other character", and
 * strings are decoded from the text itself. Positions in the bytes are positions in the text.
 */
export function codeUnits(text: string): Uint8Array {
  const length = text.length;
  const bytes = Buffer.allocUnsafe(length + BODY_PADDING);
  // As UTF-8, the text fills exactly `length` bytes if and only if it is all ASCII (the usual case).
  if (bytes.write(text, 0, length + BODY_PADDING, 'utf8') !== length) {
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c < 0x80 ? c : 0x80;
    }
  }
  bytes.fill(0, length);
  return bytes;
}

/**
 * What the scanner reads of a body's text besides its code units: its length, and pieces of it
 * (names, numbers written unusually, error messages). A string is one.
 */
export interface BodyText {
  readonly length: number;
  slice(start: number, end?: number): string;
  charAt(pos: number): string;
}

/** An all-ASCII body's bytes read as its text, a piece at a time: the whole text is never made. */
export class AsciiText implements BodyText {
  private readonly bytes: Buffer;

  constructor(
    bytes: Uint8Array,
    readonly length: number,
  ) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, length);
  }

  slice(start: number, end = this.length): string {
    return this.bytes.toString('latin1', start, Math.min(end, this.length));
  }

  charAt(pos: number): string {
    return pos < this.length ? String.fromCharCode(this.bytes[pos]!) : '';
  }
}

/** Throws the error `JSON.parse` reports at `pos`: the end of the input, or `what` (by default the character found). */
export function syntaxError(text: BodyText, pos: number, what?: string): never {
  if (pos >= text.length) {
    throw new JsonSyntaxError('Unexpected end of JSON input', text.length);
  }
  const found = JSON.stringify(text.charAt(pos));
  throw new JsonSyntaxError(`${what ?? `Unexpected character ${found}`} at position ${pos}`, pos);
}

/** The position of the first character at or after `pos` that is not JSON whitespace. */
export function skipWhitespace(s: Uint8Array, pos: number): number {
  for (;;) {
    const c = s[pos]!;
    if (c === SPACE || c === LF || c === CR || c === TAB) {
      pos++;
    } else {
      return pos;
    }
  }
}

function isHexDigit(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Validates one escape sequence; `pos` is just after the backslash. Returns the position after it. */
function skipEscape(s: Uint8Array, text: BodyText, pos: number): number {
  const c = s[pos]!;
  if (c === QUOTE || c === BACKSLASH || c === SLASH || c === LOWER_B || c === LOWER_F || c === LOWER_N || c === LOWER_R || c === LOWER_T) {
    return pos + 1;
  }
  if (c === LOWER_U) {
    for (let i = 1; i <= 4; i++) {
      if (!isHexDigit(s[pos + i]!)) {
        syntaxError(text, pos + i, 'Bad Unicode escape');
      }
    }
    return pos + 5;
  }
  return syntaxError(text, pos, 'Bad escaped character');
}

/** Validates a string; `pos` is just after the opening quote. Returns the position after the closing quote. */
export function skipString(s: Uint8Array, text: BodyText, pos: number): number {
  for (;;) {
    const c = s[pos]!;
    if (c === QUOTE) {
      return pos + 1;
    }
    if (c === BACKSLASH) {
      pos = skipEscape(s, text, pos + 1);
    } else if (c >= SPACE) {
      pos++;
    } else {
      // A control character, or the end of the text.
      syntaxError(text, pos, 'Bad control character in string literal');
    }
  }
}

/** Decodes a string validated by `skipString`, from its opening quote to just after its closing one. */
export function decodeString(text: BodyText, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

/** Validates a number (JSON grammar) starting at `pos`. Returns the position after it. */
export function skipNumber(s: Uint8Array, text: BodyText, pos: number): number {
  let c = s[pos]!;
  if (c === MINUS) {
    c = s[++pos]!;
  }
  if (c === ZERO) {
    c = s[++pos]!;
  } else if (c > ZERO && c <= NINE) {
    do {
      c = s[++pos]!;
    } while (c >= ZERO && c <= NINE);
  } else {
    syntaxError(text, pos, 'No number after minus sign');
  }
  if (c === DOT) {
    pos = skipDigits(s, text, pos + 1, 'Unterminated fractional number');
    c = s[pos]!;
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = s[++pos]!;
    if (c === PLUS || c === MINUS) {
      pos++;
    }
    pos = skipDigits(s, text, pos, 'Exponent part is missing a number');
  }
  return pos;
}

/** One or more digits at `pos` (else a syntax error saying `missing`); returns the position after them. */
function skipDigits(s: Uint8Array, text: BodyText, pos: number, missing: string): number {
  let c = s[pos]!;
  if (!(c >= ZERO && c <= NINE)) {
    syntaxError(text, pos, missing);
  }
  do {
    c = s[++pos]!;
  } while (c >= ZERO && c <= NINE);
  return pos;
}

/** Expects the letters of `literal` (true, false, null) at `pos`; returns the position after them. */
export function skipLiteral(s: Uint8Array, text: BodyText, pos: number, literal: string): number {
  for (let i = 0; i < literal.length; i++) {
    if (s[pos + i] !== literal.charCodeAt(i)) {
      syntaxError(text, pos + i);
    }
  }
  return pos + literal.length;
}

/** Expects `"key":` at `pos`; returns the position after the colon and any whitespace. */
function skipKeyAndColon(s: Uint8Array, text: BodyText, pos: number): number {
  if (s[pos] !== QUOTE) {
    syntaxError(text, pos);
  }
  pos = skipWhitespace(s, skipString(s, text, pos + 1));
  if (s[pos] !== COLON) {
    syntaxError(text, pos);
  }
  return skipWhitespace(s, pos + 1);
}

/** Whether `name` is written in ASCII at s[from…]: a byte of 0x80 stands for any other character. */
export function writtenAt(name: string, s: Uint8Array, from: number): boolean {
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c !== s[from + k] || c >= 0x80) return false;
  }
  return true;
}

/** Reads `"key":` at `pos`: the decoded key and where its value starts (after any whitespace). */
export function readKey(s: Uint8Array, text: BodyText, pos: number): { key: string; valueAt: number } {
  if (s[pos] !== QUOTE) {
    syntaxError(text, pos);
  }
  const end = skipString(s, text, pos + 1);
  // "time", which every point has, is compared where it stands rather than decoded.
  const key = end - pos === 6 && writtenAt('time', s, pos + 1) ? 'time' : decodeString(text, pos, end);
  pos = skipWhitespace(s, end);
  if (s[pos] !== COLON) {
    syntaxError(text, pos);
  }
  return { key, valueAt: skipWhitespace(s, pos + 1) };
}

/**
 * Validates any JSON value starting at `pos` (no leading whitespace) without building it.
 * Iterative, so nesting as deep as `JSON.parse` accepts does not exhaust the stack.
 * Returns the position after the value.
 */
export function skipValue(s: Uint8Array, text: BodyText, pos: number): number {
  // Open containers, innermost last: true for an object, false for an array. Most values skipped
  // are strings ("source" in each of 100,000 metadata entries), which need no list.
  const first = s[pos]!;
  if (first === QUOTE) {
    return skipString(s, text, pos + 1);
  }
  const open: boolean[] = [];
  for (;;) {
    // A value starts at pos.
    const c = s[pos]!;
    if (c === QUOTE) {
      pos = skipString(s, text, pos + 1);
    } else if ((c >= ZERO && c <= NINE) || c === MINUS) {
      pos = skipNumber(s, text, pos);
    } else if (c === OPEN_BRACE) {
      pos = skipWhitespace(s, pos + 1);
      if (s[pos] === CLOSE_BRACE) {
        pos++;
      } else {
        open.push(true);
        pos = skipKeyAndColon(s, text, pos);
        continue;
      }
    } else if (c === OPEN_BRACKET) {
      pos = skipWhitespace(s, pos + 1);
      if (s[pos] === CLOSE_BRACKET) {
        pos++;
      } else {
        open.push(false);
        continue;
      }
    } else if (c === LOWER_T) {
      pos = skipLiteral(s, text, pos, 'true');
    } else if (c === LOWER_F) {
      pos = skipLiteral(s, text, pos, 'false');
    } else if (c === LOWER_N) {
      pos = skipLiteral(s, text, pos, 'null');
    } else {
      syntaxError(text, pos);
    }
    // A value ended at pos: close containers until one goes on or none is left.
    for (;;) {
      if (open.length === 0) {
        return pos;
      }
      pos = skipWhitespace(s, pos);
      const d = s[pos]!;
      const inObject = open[open.length - 1]!;
      if (d === COMMA) {
        pos = skipWhitespace(s, pos + 1);
        if (inObject) {
          pos = skipKeyAndColon(s, text, pos);
        }
        break;
      }
      if (d === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
        open.pop();
        pos++;
      } else {
        syntaxError(text, pos);
      }
    }
  }
}

/**
 * The number written at [start, end), valid JSON: one of up to 15 digits alone (a time, a count) is
 * read from the bytes, exactly; any other through Number.
 */
export function numberAt(s: Uint8Array, text: BodyText, start: number, end: number): number {
  if (end - start <= 15) {
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const d = s[i]! - ZERO;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === end) return n;
  }
  return Number(text.slice(start, end));
}
