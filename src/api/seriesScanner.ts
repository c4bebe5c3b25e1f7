/**
 * A single-pass reader of `bysdkversion` bodies straight from the response text.
 *
 * `JSON.parse` of a minutely answer with 1,000 series builds 1,440 objects of 1,000 keys each, and
 * walking them costs as much again. This scanner is a strict JSON parser (it accepts exactly what
 * `JSON.parse` accepts) with two specialised paths: metadata entries are read for their names
 * only, and the elements of the top-level `"series"` array are read key by key into sparse cells
 * (cells.ts), without ever building the point objects. Everything else (`_links`, unknown keys)
 * is only checked for syntax. What it allocates follows the text: at most two typed arrays of one
 * entry per six characters of the series, plus one small record per metadata entry.
 *
 * The result is exactly the reference reading, `parseSeriesList(JSON.parse(text), now)` (kept in
 * test/support/referenceParser.ts as the tests' oracle, which also states the rules): the same
 * `SeriesList` for a valid body; for malformed JSON a `JsonSyntaxError`; for JSON that is not a
 * valid answer the same `UsageApiError` ('invalidResponse' or 'tooLarge') with the same message,
 * reported in the same order (a body with several problems names the one `parseSeriesList` would).
 */
import { BODY_PADDING, type ResponseBody } from './body';
import {
  MAX_POINTS,
  MAX_SERIES,
  UNKNOWN,
  invalid,
  isPlausibleTime,
  label,
  sharedTime,
  tooManyPoints,
  tooManySeries,
  type SeriesDescriptor,
  type SeriesList,
} from './parse';

/** The text is not JSON at all (what `JSON.parse` would reject); `position` is where it went wrong. */
export class JsonSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

/** The largest array index: canonical decimal keys up to it come first in an object's key order. */
const MAX_ARRAY_INDEX = 4_294_967_294;

// Character codes.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const UPPER_E = 69;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const LOWER_B = 98;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_R = 114;
const LOWER_T = 116;
const LOWER_U = 117;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * The text's UTF-16 code units as bytes, plus zero bytes past the end so that reading one position
 * too far finds a character no JSON rule accepts. Code units from 0x80 up become 0x80: outside
 * strings they are errors either way, inside strings they are just "some other character", and
 * strings are decoded from the text itself. Positions in the bytes are positions in the text.
 */
function codeUnits(text: string): Uint8Array {
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
interface BodyText {
  readonly length: number;
  slice(start: number, end?: number): string;
  charAt(pos: number): string;
}

/** An all-ASCII body's bytes read as its text, a piece at a time: the whole text is never made. */
class AsciiText implements BodyText {
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

function syntaxError(text: BodyText, pos: number, what?: string): never {
  if (pos >= text.length) {
    throw new JsonSyntaxError('Unexpected end of JSON input', text.length);
  }
  const found = JSON.stringify(text.charAt(pos));
  throw new JsonSyntaxError(`${what ?? `Unexpected character ${found}`} at position ${pos}`, pos);
}

function skipWhitespace(s: Uint8Array, pos: number): number {
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
function skipString(s: Uint8Array, text: BodyText, pos: number): number {
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
function decodeString(text: BodyText, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

/** Validates a number (JSON grammar) starting at `pos`. Returns the position after it. */
function skipNumber(s: Uint8Array, text: BodyText, pos: number): number {
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

function skipLiteral(s: Uint8Array, text: BodyText, pos: number, literal: string): number {
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
function writtenAt(name: string, s: Uint8Array, from: number): boolean {
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c !== s[from + k] || c >= 0x80) return false;
  }
  return true;
}

/** Reads `"key":` at `pos`: the decoded key and where its value starts (after any whitespace). */
function readKey(s: Uint8Array, text: BodyText, pos: number): { key: string; valueAt: number } {
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
function skipValue(s: Uint8Array, text: BodyText, pos: number): number {
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

/** The index of a canonical decimal array-index key ("0", "17"; not "01", "-1", "1.0", "1e2"), or -1. */
function arrayIndexOf(key: string): number {
  const length = key.length;
  if (length === 0 || length > 10) {
    return -1;
  }
  if (key.charCodeAt(0) === ZERO) {
    return length === 1 ? 0 : -1;
  }
  let index = 0;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i);
    if (c < ZERO || c > NINE) {
      return -1;
    }
    index = index * 10 + (c - ZERO);
  }
  return index <= MAX_ARRAY_INDEX ? index : -1;
}

/** A value as a cell takes it (a safe, non-negative integer), or NaN: a value to ignore. */
function wholeNumber(value: number): number {
  return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
}

/** What a metadata scan found. */
interface MetadataScan {
  readonly end: number;
  /** Entries in the list, every one of them. */
  readonly count: number;
  /** One per entry, for the first MAX_SERIES entries (none are read past the limit). */
  readonly descriptors: SeriesDescriptor[];
  /** The first entry that is neither an object nor null. */
  readonly problem: string | undefined;
}

/**
 * Which name a metadata key (from its opening quote to after its closing one) is, if any. The
 * usual unescaped key is compared where it stands, so the other keys cost no string.
 */
function nameKey(s: Uint8Array, text: BodyText, start: number, end: number): 'sdk' | 'version' | undefined {
  const length = end - start - 2;
  if (length === 3 && writtenAt('sdk', s, start + 1)) return 'sdk';
  if (length === 7 && writtenAt('version', s, start + 1)) return 'version';
  for (let i = start + 1; i < end - 1; i++) {
    if (s[i] === BACKSLASH) {
      const key = decodeString(text, start, end);
      return key === 'sdk' || key === 'version' ? key : undefined;
    }
  }
  return undefined;
}

/**
 * The names of one body, each kept once however many series repeat it: what the model keeps stays
 * in proportion to the distinct names, and fewer strings outlive the scan. A name written in plain
 * ASCII (nearly all) is found by a hash of its bytes and compared where it stands, so a repeat
 * costs no string; any other is decoded and found by its text.
 */
class NameTable {
  /** Just after the closing quote of the string read last. */
  end = 0;
  /** Open addressing: slot k holds a plain name and the hash of its bytes, or nothing. */
  private plain: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private hashes = new Int32Array(256);
  private plainCount = 0;
  /** Names with escapes or characters past ASCII, by their text. */
  private readonly others = new Map<string, string>();

  /** The string whose opening quote is at `start`, validated as `skipString` does. */
  read(s: Uint8Array, text: BodyText, start: number): string {
    let hash = 0;
    let i = start + 1;
    for (let c = s[i]!; c !== QUOTE && c !== BACKSLASH && c >= SPACE && c < 0x80; c = s[++i]!) hash = (hash * 31 + c) | 0;
    if (s[i] !== QUOTE) {
      this.end = skipString(s, text, i);
      const decoded = decodeString(text, start, this.end);
      const known = this.others.get(decoded);
      if (known !== undefined) return known;
      this.others.set(decoded, decoded);
      return decoded;
    }
    this.end = i + 1;
    const length = i - start - 1;
    const mask = this.plain.length - 1;
    for (let k = hash & mask; ; k = (k + 1) & mask) {
      const name = this.plain[k];
      if (name === undefined) {
        const decoded = text.slice(start + 1, i);
        this.plain[k] = decoded;
        this.hashes[k] = hash;
        if (++this.plainCount * 2 > this.plain.length) this.grow();
        return decoded;
      }
      if (this.hashes[k] === hash && name.length === length && writtenAt(name, s, start + 1)) return name;
    }
  }

  /** Twice the slots, so that at most half are taken. */
  private grow(): void {
    const { plain, hashes } = this;
    this.plain = new Array<string | undefined>(plain.length * 2).fill(undefined);
    this.hashes = new Int32Array(plain.length * 2);
    const mask = this.plain.length - 1;
    for (let j = 0; j < plain.length; j++) {
      const name = plain[j];
      if (name === undefined) continue;
      let k = hashes[j]! & mask;
      while (this.plain[k] !== undefined) k = (k + 1) & mask;
      this.plain[k] = name;
      this.hashes[k] = hashes[j]!;
    }
  }
}

/** A null entry: the API reference's own example answer has `"metadata": [null, null]`. */
const UNKNOWN_SERIES: SeriesDescriptor = Object.freeze({ sdk: UNKNOWN, version: UNKNOWN });

/**
 * Reads the `"metadata"` array starting at `pos` (its `[`): of each object only "sdk" and "version"
 * are decoded (the last of duplicates winning, as with `JSON.parse`); other members are checked
 * for syntax and skipped, so a huge unknown member builds nothing.
 */
function scanMetadata(s: Uint8Array, text: BodyText, pos: number): MetadataScan {
  const descriptors: SeriesDescriptor[] = [];
  const names = new NameTable();
  let problem: string | undefined;
  let count = 0;
  pos = skipWhitespace(s, pos + 1);
  if (s[pos] === CLOSE_BRACKET) {
    return { end: pos + 1, count, descriptors, problem };
  }
  for (; ; count++) {
    const c = s[pos]!;
    if (count >= MAX_SERIES || problem !== undefined) {
      pos = skipValue(s, text, pos);
    } else if (c === OPEN_BRACE) {
      let sdk: unknown;
      let version: unknown;
      pos = skipWhitespace(s, pos + 1);
      if (s[pos] === CLOSE_BRACE) {
        pos++;
      } else {
        for (;;) {
          if (s[pos] !== QUOTE) {
            syntaxError(text, pos);
          }
          const keyEnd = skipString(s, text, pos + 1);
          const key = nameKey(s, text, pos, keyEnd);
          pos = skipWhitespace(s, keyEnd);
          if (s[pos] !== COLON) {
            syntaxError(text, pos);
          }
          pos = skipWhitespace(s, pos + 1);
          const isName = key !== undefined;
          const d = s[pos]!;
          let value: unknown;
          if (isName && d === QUOTE) {
            value = names.read(s, text, pos);
            pos = names.end;
          } else if (isName && ((d >= ZERO && d <= NINE) || d === MINUS)) {
            const end = skipNumber(s, text, pos);
            value = Number(text.slice(pos, end));
            pos = end;
          } else {
            pos = skipValue(s, text, pos);
          }
          if (key === 'sdk') {
            sdk = value;
          } else if (key === 'version') {
            version = value;
          }
          pos = skipWhitespace(s, pos);
          const e = s[pos]!;
          if (e === COMMA) {
            pos = skipWhitespace(s, pos + 1);
          } else if (e === CLOSE_BRACE) {
            pos++;
            break;
          } else {
            syntaxError(text, pos);
          }
        }
      }
      descriptors.push({ sdk: label(sdk), version: label(version) });
    } else if (c === LOWER_N) {
      pos = skipLiteral(s, text, pos, 'null');
      descriptors.push(UNKNOWN_SERIES);
    } else {
      problem = `metadata[${count}] is not an object`;
      pos = skipValue(s, text, pos);
    }
    pos = skipWhitespace(s, pos);
    const c2 = s[pos]!;
    if (c2 === COMMA) {
      pos = skipWhitespace(s, pos + 1);
    } else if (c2 === CLOSE_BRACKET) {
      return { end: pos + 1, count: count + 1, descriptors, problem };
    } else {
      syntaxError(text, pos);
    }
  }
}

/** A value to ignore (NaN) as a cell holds it… */
const IGNORED = -1;
/** …and the k-th value of 2^31 or more, kept aside, as LARGE - k. */
const LARGE = -2;

/** A cell's value (a whole number ≥ 0, or NaN) as an Int32. */
function encodeValue(value: number, large: number[]): number {
  if (value <= 0x7fff_ffff) return value;
  return value !== value ? IGNORED : LARGE - (large.push(value) - 1);
}

/** What a series scan found: the kept points and their cells in the body's order, or the first problem. */
interface SeriesScan {
  readonly end: number;
  /** The metadata entries the keys were read against. */
  readonly count: number;
  /** Elements in the array, every one of them. */
  readonly points: number;
  /** Each kept point's time, in the body's order. */
  readonly times: number[];
  /** Kept point k's cells are [starts[k], starts[k + 1]): one more entry than `times`. */
  readonly starts: number[];
  /**
   * Each cell's series and value in the order met. A 0 gives no cell, unless its key came before in
   * the point: then it gives a cell, as does a key repeated in a point (the later wins) and a value
   * that is not a whole number (a NaN cell); these make the cells `dirty`.
   */
  readonly cellSeries: Int32Array;
  /** As `encodeValue` writes them: whole numbers below 2^31 as they are (nearly all of them). */
  readonly cellValues: Int32Array;
  /** The values of 2^31 and more, which cellValues refer to. */
  readonly large: number[];
  readonly dirty: boolean;
  readonly droppedTimes: number;
  /** The smallest and largest finite time (Infinity and -Infinity when none). */
  readonly first: number;
  readonly last: number;
  readonly problem: string | undefined;
}

/** What the general path has found in the current point so far. */
interface PointState {
  /** The last "time" member's number; NaN while missing or not a number. */
  time: number;
  /** The smallest array-index key with no metadata entry, or Infinity. */
  badIndex: number;
  /** The first other key (neither an array index nor "time") and its last value, as a cell takes it. */
  otherKey: string | undefined;
  otherValue: number;
  /** A second, different other key was seen. */
  moreKeys: boolean;
  /** The cell the member just read gives: its series (-1 for none) and value. */
  cellSeries: number;
  cellValue: number;
}

/**
 * One member of a point by the general path: any key (escapes, "time", unknown keys), whitespace,
 * any value. `pos` is at the key's opening quote. Returns the position after the value.
 */
/**
 * The number written at [start, end), valid JSON: one of up to 15 digits alone (a time, a count) is
 * read from the bytes, exactly; any other through Number.
 */
function numberAt(s: Uint8Array, text: BodyText, start: number, end: number): number {
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

function scanMember(s: Uint8Array, text: BodyText, pos: number, count: number, point: PointState): number {
  const { key, valueAt } = readKey(s, text, pos);
  pos = valueAt;
  const start = pos;
  const c = s[pos]!;
  const isNumber = (c >= ZERO && c <= NINE) || c === MINUS;
  pos = isNumber ? skipNumber(s, text, pos) : skipValue(s, text, pos);
  point.cellSeries = -1;
  if (key === 'time') {
    point.time = isNumber ? numberAt(s, text, start, pos) : NaN;
    return pos;
  }
  const value = isNumber ? wholeNumber(numberAt(s, text, start, pos)) : NaN;
  const index = arrayIndexOf(key);
  if (index < 0) {
    if (point.otherKey === undefined) {
      point.otherKey = key;
      point.otherValue = value;
    } else if (key === point.otherKey) {
      point.otherValue = value;
    } else {
      point.moreKeys = true;
    }
  } else if (index >= count) {
    point.badIndex = Math.min(point.badIndex, index);
  } else {
    point.cellSeries = index;
    point.cellValue = value;
  }
  return pos;
}

/**
 * The problem parseSeriesList names for point p, if any, once all its members are read: the time
 * first, then keys in JavaScript's property order (array indexes ascending, then the others).
 * With one metadata entry, a lone key of another name is no problem: it is that entry's value.
 */
function pointProblem(p: number, point: PointState, metFirstKey: boolean, count: number): string | undefined {
  if (point.time !== point.time) {
    return `series[${p}] has no valid "time"`;
  }
  if (point.badIndex !== Infinity) {
    return `series[${p}] has key "${point.badIndex}" with no matching metadata entry`;
  }
  if (point.otherKey !== undefined && !(count === 1 && !point.moreKeys && !metFirstKey)) {
    return `series[${p}] has key "${point.otherKey}" with no matching metadata entry`;
  }
  return undefined;
}

/**
 * Reads the `"series"` array starting at `pos` (its `[`) for `count` metadata entries, each key
 * into a cell. Validation follows `parseSeriesList`, including which problem it names first;
 * after a problem, and past MAX_POINTS points, the rest is only checked for JSON syntax.
 *
 * The usual member, `"17":4213` followed by `,` or `}`, is read by a fast path that commits only
 * once it has seen all of it; anything else starts over at the key on the general path.
 */
function scanSeries(s: Uint8Array, text: BodyText, pos: number, count: number, now: number): SeriesScan {
  // Every member that makes a cell takes at least six characters ("0":1 and a comma or brace),
  // so this many cells always suffice; pages never written are never resident.
  const capacity = count > 0 ? Math.ceil((text.length - pos) / 6) + 1 : 0;
  const cellSeries = new Int32Array(capacity);
  // Values as Int32: two thirds of the memory the cells take while they are regrouped.
  const cellValues = new Int32Array(capacity);
  const large: number[] = [];
  let n = 0;
  let dirty = false;
  // The point each series' key was last met in, to tell a repeated key. (No closures in here:
  // variables a closure captures live on the heap, and this loop runs once per cell.)
  const lastPoint = new Int32Array(count).fill(-1);
  const times: number[] = [];
  const starts: number[] = [0];
  let droppedTimes = 0;
  let first = Infinity;
  let last = -Infinity;
  const point: PointState = {
    time: NaN,
    badIndex: Infinity,
    otherKey: undefined,
    otherValue: NaN,
    moreKeys: false,
    cellSeries: -1,
    cellValue: NaN,
  };
  let problem: string | undefined;
  pos = skipWhitespace(s, pos + 1);
  let c = s[pos]!;
  if (c === CLOSE_BRACKET) {
    return { end: pos + 1, count, points: 0, times, starts, cellSeries, cellValues, large, dirty, droppedTimes, first, last, problem };
  }
  for (let p = 0; ; p++) {
    if (problem !== undefined || p >= MAX_POINTS || c !== OPEN_BRACE) {
      if (problem === undefined && p < MAX_POINTS) {
        problem = `series[${p}] is not an object`;
      }
      pos = skipValue(s, text, pos);
    } else {
      const pointStart = n;
      point.time = NaN;
      point.badIndex = Infinity;
      point.otherKey = undefined;
      point.moreKeys = false;
      pos = skipWhitespace(s, pos + 1);
      c = s[pos]!;
      if (c === CLOSE_BRACE) {
        pos++;
      } else {
        for (;;) {
          if (c === QUOTE) {
            // The fast path: digits, '":', digits, then ',' or '}'. Digit runs stop at 9 so the
            // sums stay small integers; longer ones, and "0" followed by digits, go the general way.
            let at = pos + 1;
            let d = s[at]! - ZERO;
            if (d >>> 0 <= 9) {
              let index = d;
              d = s[++at]! - ZERO;
              if (index !== 0) {
                while (d >>> 0 <= 9 && index < 100_000_000) {
                  index = index * 10 + d;
                  d = s[++at]! - ZERO;
                }
              }
              if (d === QUOTE - ZERO && s[at + 1] === COLON && index < count) {
                at += 2;
                d = s[at]! - ZERO;
                if (d >>> 0 <= 9) {
                  let value = d;
                  d = s[++at]! - ZERO;
                  if (value !== 0) {
                    while (d >>> 0 <= 9 && value < 100_000_000) {
                      value = value * 10 + d;
                      d = s[++at]! - ZERO;
                    }
                  }
                  if (d === COMMA - ZERO || d === CLOSE_BRACE - ZERO) {
                    // A 0 makes no cell unless it overrides an earlier value of the same key.
                    if (lastPoint[index] === p) {
                      dirty = true;
                      cellSeries[n] = index;
                      cellValues[n++] = value;
                    } else if (value !== 0) {
                      cellSeries[n] = index;
                      cellValues[n++] = value;
                    }
                    lastPoint[index] = p;
                    pos = at + 1;
                    if (d === CLOSE_BRACE - ZERO) {
                      break;
                    }
                    c = s[pos]!;
                    continue;
                  }
                }
              }
            }
          } else {
            pos = skipWhitespace(s, pos);
          }
          // The general path, from the key.
          pos = skipWhitespace(s, scanMember(s, text, pos, count, point));
          const index = point.cellSeries;
          if (index >= 0) {
            const value = point.cellValue;
            if (lastPoint[index] === p || value !== value) {
              dirty = true;
              cellSeries[n] = index;
              cellValues[n++] = encodeValue(value, large);
            } else if (value !== 0) {
              cellSeries[n] = index;
              cellValues[n++] = encodeValue(value, large);
            }
            lastPoint[index] = p;
          }
          c = s[pos]!;
          if (c === COMMA) {
            pos = skipWhitespace(s, pos + 1);
            c = s[pos]!;
          } else if (c === CLOSE_BRACE) {
            pos++;
            break;
          } else {
            syntaxError(text, pos);
          }
        }
      }
      // With one metadata entry, whether its key "0" was met in this point (a lone key's test).
      problem = pointProblem(p, point, lastPoint[0] === p, count);
      if (problem === undefined) {
        const time = point.time;
        const value = point.otherValue;
        if (point.otherKey !== undefined && value !== 0) {
          // The one metadata entry's value under a key of another name (no key "0" was met).
          dirty ||= value !== value;
          cellSeries[n] = 0;
          cellValues[n++] = encodeValue(value, large);
        }
        if (time - time === 0) {
          first = Math.min(first, time);
          last = Math.max(last, time);
        }
        if (isPlausibleTime(time, now)) {
          times.push(time);
          starts.push(n);
        } else {
          n = pointStart;
          droppedTimes++;
        }
      }
    }
    pos = skipWhitespace(s, pos);
    c = s[pos]!;
    if (c === COMMA) {
      pos = skipWhitespace(s, pos + 1);
      c = s[pos]!;
    } else if (c === CLOSE_BRACKET) {
      return {
        end: pos + 1,
        count,
        points: p + 1,
        times,
        starts,
        cellSeries,
        cellValues,
        large,
        dirty,
        droppedTimes,
        first,
        last,
        problem,
      };
    } else {
      syntaxError(text, pos);
    }
  }
}

/** The points in ascending time order, undefined when they already are; refuses two at one time. */
function timeOrder(times: readonly number[]): Int32Array | undefined {
  let ascending = true;
  for (let p = 1; p < times.length && ascending; p++) {
    ascending = times[p]! > times[p - 1]!;
  }
  if (ascending) {
    return undefined;
  }
  const order = Int32Array.from(times.keys()).sort((a, b) => times[a]! - times[b]!);
  for (let k = 1; k < order.length; k++) {
    if (times[order[k]!] === times[order[k - 1]!]) {
      throw invalid(sharedTime(times[order[k]!]!));
    }
  }
  return order;
}

/**
 * The scan's cells regrouped by series, each series' in slot order: a counting sort by series,
 * reading points in time order. If the cells are dirty, then per series the last of a repeated
 * key wins, and zeros and ignored values are dropped (ignored ones counted).
 */
function seriesListOf(descriptors: readonly SeriesDescriptor[], scan: SeriesScan): SeriesList {
  const { times, starts, cellSeries, cellValues, large } = scan;
  const order = timeOrder(times);
  const count = descriptors.length;
  const total = starts[starts.length - 1]!;
  const offsets = new Int32Array(count + 1);
  for (let c = 0; c < total; c++) offsets[cellSeries[c]! + 1]!++;
  for (let i = 0; i < count; i++) offsets[i + 1]! += offsets[i]!;
  const next = offsets.slice(0, count);
  const slots = new Int32Array(total);
  const values = new Float64Array(total);
  for (let slot = 0; slot < times.length; slot++) {
    const k = order === undefined ? slot : order[slot]!;
    for (let c = starts[k]!, end = starts[k + 1]!; c < end; c++) {
      const at = next[cellSeries[c]!]!++;
      slots[at] = slot;
      const value = cellValues[c]!;
      values[at] = value >= 0 ? value : value === IGNORED ? NaN : large[LARGE - value]!;
    }
  }
  let kept = scan.dirty ? 0 : total;
  let ignoredValues = 0;
  for (let i = 0, start = 0; scan.dirty && i < count; i++) {
    const end = offsets[i + 1]!;
    for (let c = start; c < end; c++) {
      if (c + 1 < end && slots[c + 1] === slots[c]) {
        continue;
      }
      const value = values[c]!;
      if (value !== value) {
        ignoredValues++;
      } else if (value !== 0) {
        slots[kept] = slots[c]!;
        values[kept] = value;
        kept++;
      }
    }
    start = end;
    offsets[i + 1] = kept;
  }
  return {
    times: order === undefined ? times : Array.from(order, (k) => times[k]!),
    series: descriptors,
    offsets,
    // Exactly as long as the cells kept, so the panel can be handed them without a copy.
    cells: kept === total ? { slots, values } : { slots: slots.slice(0, kept), values: values.slice(0, kept) },
    ignoredValues,
    droppedTimes: scan.droppedTimes,
    timeSpan: scan.first <= scan.last ? { first: scan.first, last: scan.last } : undefined,
  };
}

/**
 * Parses and validates a `SeriesListRep` body from its text: the same result as
 * `parseSeriesList(JSON.parse(text), now)`, without building the point objects.
 * @param now the clock that decides which times are plausible (up to a day past it).
 * @throws JsonSyntaxError when the text is not JSON; UsageApiError ('invalidResponse', or
 * 'tooLarge' past MAX_SERIES or MAX_POINTS) when it is JSON but not an answer to read.
 */
export function parseSeriesListText(text: string, now: number = Date.now()): SeriesList {
  return scanList(codeUnits(text), text, now);
}

/**
 * parseSeriesListText of a response body: an all-ASCII body is read from its bytes, without its
 * text ever being made.
 */
export function parseSeriesListBody(body: ResponseBody, now: number = Date.now()): SeriesList {
  return body.asciiBytes
    ? scanList(body.asciiBytes, new AsciiText(body.asciiBytes, body.length), now)
    : parseSeriesListText(body.text, now);
}

/** The reading of parseSeriesListText, from the text's code units `s` (padded, see codeUnits). */
function scanList(s: Uint8Array, text: BodyText, now: number): SeriesList {
  const length = text.length;
  let pos = skipWhitespace(s, 0);
  if (s[pos] !== OPEN_BRACE) {
    pos = skipWhitespace(s, skipValue(s, text, pos));
    if (pos < length) {
      syntaxError(text, pos, 'Unexpected non-whitespace character after JSON');
    }
    throw invalid('the body is not a JSON object');
  }

  let metadata: MetadataScan | undefined; // the last "metadata", if it is a list
  let seriesStart = -1; // where the last "series" value starts, if it is a list
  let scan: SeriesScan | undefined; // that list, if it could be read when met
  pos = skipWhitespace(s, pos + 1);
  if (s[pos] === CLOSE_BRACE) {
    pos++;
  } else {
    for (;;) {
      const { key, valueAt } = readKey(s, text, pos);
      pos = valueAt;
      // As with JSON.parse, the last of duplicate keys wins.
      if (key === 'metadata') {
        metadata = s[pos] === OPEN_BRACKET ? scanMetadata(s, text, pos) : undefined;
        pos = metadata?.end ?? skipValue(s, text, pos);
      } else if (key === 'series') {
        seriesStart = s[pos] === OPEN_BRACKET ? pos : -1;
        // Read now if the metadata is known (and within the limit), else check the syntax only.
        scan =
          seriesStart >= 0 && metadata !== undefined && metadata.count <= MAX_SERIES
            ? scanSeries(s, text, pos, metadata.count, now)
            : undefined;
        pos = scan?.end ?? skipValue(s, text, pos);
      } else {
        pos = skipValue(s, text, pos);
      }
      pos = skipWhitespace(s, pos);
      const c = s[pos]!;
      if (c === COMMA) {
        pos = skipWhitespace(s, pos + 1);
      } else if (c === CLOSE_BRACE) {
        pos++;
        break;
      } else {
        syntaxError(text, pos);
      }
    }
  }
  pos = skipWhitespace(s, pos);
  if (pos < length) {
    syntaxError(text, pos, 'Unexpected non-whitespace character after JSON');
  }

  // The text is JSON: now the checks, in parseSeriesList's order.
  if (metadata === undefined) {
    throw invalid('"metadata" is missing or not a list');
  }
  if (seriesStart < 0) {
    throw invalid('"series" is missing or not a list');
  }
  if (metadata.count > MAX_SERIES) {
    throw tooManySeries();
  }
  if (scan === undefined || scan.count !== metadata.count) {
    // The series came before the final metadata: read them now that the count is known.
    scan = scanSeries(s, text, seriesStart, metadata.count, now);
  }
  if (scan.points > MAX_POINTS) {
    throw tooManyPoints();
  }
  if (metadata.problem !== undefined) {
    throw invalid(metadata.problem);
  }
  if (scan.problem !== undefined) {
    throw invalid(scan.problem);
  }
  return seriesListOf(metadata.descriptors, scan);
}
