/**
 * A single-pass reader of `bysdkversion` bodies straight from the response text.
 *
 * `JSON.parse` of a minutely answer with 1,000 series builds 1,440 objects of 1,000 keys each, and
 * walking them costs as much again. This scanner is a strict JSON parser (it accepts exactly what
 * `JSON.parse` accepts) with one specialised path: the elements of the top-level `"series"` array
 * are read key by key into one number column per series, without ever building the point objects.
 * Everything else (`metadata`, `_links`, unknown keys) goes through the generic path.
 *
 * The result is exactly the reference reading, `parseSeriesList(JSON.parse(text))` (kept in
 * test/support/referenceParser.ts as the tests' oracle): the same `SeriesList` for a valid
 * body; for malformed JSON a `JsonSyntaxError`; for JSON that is not a valid answer the same
 * `UsageApiError` ('invalidResponse') with the same message, reported in the same order (a body
 * with several problems names the one `parseSeriesList` would name).
 */
import { MAX_TIME, invalid, isObject, label, orderByTime, type SeriesDescriptor, type SeriesList } from './parse';

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
  const bytes = Buffer.allocUnsafe(length + 8);
  // As UTF-8, the text fills exactly `length` bytes if and only if it is all ASCII (the usual case).
  if (bytes.write(text, 0, length + 8, 'utf8') !== length) {
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c < 0x80 ? c : 0x80;
    }
  }
  bytes.fill(0, length);
  return bytes;
}

function syntaxError(text: string, pos: number, what?: string): never {
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
function skipEscape(s: Uint8Array, text: string, pos: number): number {
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
function skipString(s: Uint8Array, text: string, pos: number): number {
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
function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

/** Validates a number (JSON grammar) starting at `pos`. Returns the position after it. */
function skipNumber(s: Uint8Array, text: string, pos: number): number {
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
function skipDigits(s: Uint8Array, text: string, pos: number, missing: string): number {
  let c = s[pos]!;
  if (!(c >= ZERO && c <= NINE)) {
    syntaxError(text, pos, missing);
  }
  do {
    c = s[++pos]!;
  } while (c >= ZERO && c <= NINE);
  return pos;
}

function skipLiteral(s: Uint8Array, text: string, pos: number, literal: string): number {
  for (let i = 0; i < literal.length; i++) {
    if (s[pos + i] !== literal.charCodeAt(i)) {
      syntaxError(text, pos + i);
    }
  }
  return pos + literal.length;
}

/** Expects `"key":` at `pos`; returns the position after the colon and any whitespace. */
function skipKeyAndColon(s: Uint8Array, text: string, pos: number): number {
  if (s[pos] !== QUOTE) {
    syntaxError(text, pos);
  }
  pos = skipWhitespace(s, skipString(s, text, pos + 1));
  if (s[pos] !== COLON) {
    syntaxError(text, pos);
  }
  return skipWhitespace(s, pos + 1);
}

/** Reads `"key":` at `pos`: the decoded key and where its value starts (after any whitespace). */
function readKey(s: Uint8Array, text: string, pos: number): { key: string; valueAt: number } {
  if (s[pos] !== QUOTE) {
    syntaxError(text, pos);
  }
  const end = skipString(s, text, pos + 1);
  const key = decodeString(text, pos, end);
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
function skipValue(s: Uint8Array, text: string, pos: number): number {
  // Open containers, innermost last: true for an object, false for an array.
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

/** What a series scan found: the columns, or the first problem `parseSeriesList` would name. */
interface SeriesScan {
  readonly end: number;
  readonly count: number;
  readonly times: number[];
  /** Row-major: point p's value for series i at p * count + i. */
  readonly rows: Float64Array;
  readonly problem: string | undefined;
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

/** A value as parseSeriesList accepts it (a safe, non-negative integer), or NaN. */
function wholeNumber(value: number): number {
  return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
}

/**
 * How many points to make room for, at point `points`: the bytes left divided by the bytes per
 * point so far (before the first, a guess of 8 bytes per key), a little more; at least half as
 * many again as now; but no buffer of more than two numbers per byte of text unless the points
 * themselves need it (points with few keys and many metadata entries can).
 */
function nextCapacity(capacity: number, points: number, bytesSoFar: number, bytesLeft: number, count: number, textLength: number): number {
  const perPoint = points > 0 ? bytesSoFar / points : 8 * count + 16;
  const estimate = Math.ceil((bytesLeft / Math.max(1, perPoint)) * 1.05) + 1;
  const budget = Math.floor((2 * textLength) / Math.max(1, count));
  return Math.max(points + 1, Math.ceil(capacity * 1.5), Math.min(points + estimate, budget));
}

/** What the general path has found in the current point so far. */
interface PointState {
  /** NaN while missing or not valid. */
  time: number;
  /** Values written as NaN (not whole numbers); a later duplicate key may mend them. */
  badValues: number;
  /** The smallest array-index key with no metadata entry, or Infinity. */
  badIndex: number;
  /** The first other key (neither an array index nor "time"). */
  badKey: string | undefined;
}

/**
 * One member of a point by the general path: any key (escapes, "time", unknown keys), whitespace,
 * any value. `pos` is at the key's opening quote. Returns the position after the value.
 */
function scanMember(s: Uint8Array, text: string, pos: number, rows: Float64Array, base: number, count: number, point: PointState): number {
  const { key, valueAt } = readKey(s, text, pos);
  pos = valueAt;
  const start = pos;
  const c = s[pos]!;
  const isNumber = (c >= ZERO && c <= NINE) || c === MINUS;
  pos = isNumber ? skipNumber(s, text, pos) : skipValue(s, text, pos);
  if (key === 'time') {
    const time = isNumber ? Number(text.slice(start, pos)) : NaN;
    point.time = Number.isSafeInteger(time) && time >= 0 && time <= MAX_TIME ? time : NaN;
    return pos;
  }
  const index = arrayIndexOf(key);
  if (index < 0) {
    point.badKey ??= key;
  } else if (index >= count) {
    point.badIndex = Math.min(point.badIndex, index);
  } else {
    const value = isNumber ? wholeNumber(Number(text.slice(start, pos))) : NaN;
    if (value !== value) {
      point.badValues++;
    }
    rows[base + index] = value;
  }
  return pos;
}

/** The problem parseSeriesList names for point p, if any, once all its members are read. */
function pointProblem(p: number, point: PointState, rows: Float64Array, base: number, count: number): string | undefined {
  if (point.time !== point.time) {
    return `series[${p}] has no valid "time"`;
  }
  // Array-index keys come first, in ascending order: a bad value below the first key with no
  // metadata entry is named before it.
  if (point.badValues > 0) {
    const limit = Math.min(count, point.badIndex);
    for (let i = 0; i < limit; i++) {
      if (rows[base + i] !== rows[base + i]) {
        return `series[${p}]["${i}"] is not a whole number of connections`;
      }
    }
  }
  if (point.badIndex !== Infinity) {
    return `series[${p}] has key "${point.badIndex}" with no matching metadata entry`;
  }
  if (point.badKey !== undefined) {
    return `series[${p}] has key "${point.badKey}" with no matching metadata entry`;
  }
  return undefined;
}

/**
 * Reads the `"series"` array starting at `pos` (its `[`) for `count` metadata entries, each point
 * into one row of a row-major buffer. Validation follows `parseSeriesList` exactly, including which
 * problem it names first: points in order; in a point "time" first, then keys in JavaScript's
 * property order (array-index keys ascending, then the others in the order they first appear), the
 * last of duplicate keys winning as with `JSON.parse`. After a problem the rest is only checked for
 * JSON syntax.
 *
 * The usual member, `"17":4213` followed by `,` or `}`, is read by a fast path that commits only
 * once it has seen all of it; anything else starts over at the key on the general path.
 */
function scanSeries(s: Uint8Array, text: string, pos: number, count: number): SeriesScan {
  const first = pos;
  let capacity = 0;
  let rows = new Float64Array(0);
  const times: number[] = [];
  const point: PointState = { time: NaN, badValues: 0, badIndex: Infinity, badKey: undefined };
  let problem: string | undefined;
  pos = skipWhitespace(s, pos + 1);
  let c = s[pos]!;
  if (c === CLOSE_BRACKET) {
    return { end: pos + 1, count, times, rows, problem };
  }
  for (let p = 0; ; p++) {
    if (problem !== undefined || c !== OPEN_BRACE) {
      problem ??= `series[${p}] is not an object`;
      pos = skipValue(s, text, pos);
    } else {
      if (p >= capacity && count > 0) {
        capacity = nextCapacity(capacity, p, pos - first, text.length - pos, count, text.length);
        const grown = new Float64Array(capacity * count);
        grown.set(rows);
        rows = grown;
      }
      // Row p is all zeros so far: a key absent from the point means 0.
      const base = p * count;
      point.time = NaN;
      point.badValues = 0;
      point.badIndex = Infinity;
      point.badKey = undefined;
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
                  if (d === COMMA - ZERO) {
                    rows[base + index] = value;
                    pos = at + 1;
                    c = s[pos]!;
                    continue;
                  }
                  if (d === CLOSE_BRACE - ZERO) {
                    rows[base + index] = value;
                    pos = at + 1;
                    break;
                  }
                }
              }
            }
          } else {
            pos = skipWhitespace(s, pos);
          }
          // The general path, from the key.
          pos = skipWhitespace(s, scanMember(s, text, pos, rows, base, count, point));
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
      problem = pointProblem(p, point, rows, base, count);
      if (problem === undefined) {
        times.push(point.time);
      }
    }
    pos = skipWhitespace(s, pos);
    c = s[pos]!;
    if (c === COMMA) {
      pos = skipWhitespace(s, pos + 1);
      c = s[pos]!;
    } else if (c === CLOSE_BRACKET) {
      return { end: pos + 1, count, times, rows, problem };
    } else {
      syntaxError(text, pos);
    }
  }
}

/** One column per series out of the row-major buffer, as plain arrays. */
function columnsOf(scan: SeriesScan): number[][] {
  const { count, rows } = scan;
  const points = scan.times.length;
  const columns: number[][] = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    const column = new Array<number>(points);
    for (let p = 0, at = i; p < points; p++, at += count) {
      column[p] = rows[at]!;
    }
    columns[i] = column;
  }
  return columns;
}

/**
 * Parses and validates a `SeriesListRep` body from its text: the same result as
 * `parseSeriesList(JSON.parse(text))`, without building the point objects.
 * @throws JsonSyntaxError when the text is not JSON; UsageApiError ('invalidResponse') when it is
 * JSON but not a valid answer.
 */
export function parseSeriesListText(text: string): SeriesList {
  const s = codeUnits(text);
  const length = text.length;
  let pos = skipWhitespace(s, 0);
  if (s[pos] !== OPEN_BRACE) {
    pos = skipWhitespace(s, skipValue(s, text, pos));
    if (pos < length) {
      syntaxError(text, pos, 'Unexpected non-whitespace character after JSON');
    }
    throw invalid('the body is not a JSON object');
  }

  let metadata: unknown;
  let seriesStart = -1; // where the last "series" value starts, if it is an array
  let scan: SeriesScan | undefined; // that array, if it could be read when met
  pos = skipWhitespace(s, pos + 1);
  if (s[pos] === CLOSE_BRACE) {
    pos++;
  } else {
    for (;;) {
      const { key, valueAt } = readKey(s, text, pos);
      pos = valueAt;
      // As with JSON.parse, the last of duplicate keys wins.
      if (key === 'metadata') {
        const start = pos;
        pos = skipValue(s, text, pos);
        metadata = JSON.parse(text.slice(start, pos)) as unknown;
      } else if (key === 'series') {
        if (s[pos] === OPEN_BRACKET) {
          seriesStart = pos;
          if (Array.isArray(metadata)) {
            scan = scanSeries(s, text, pos, metadata.length);
            pos = scan.end;
          } else {
            // Metadata comes later (or never): check the syntax now, read once it is known.
            scan = undefined;
            pos = skipValue(s, text, pos);
          }
        } else {
          seriesStart = -1;
          scan = undefined;
          pos = skipValue(s, text, pos);
        }
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
  if (!Array.isArray(metadata)) {
    throw invalid('"metadata" is missing or not a list');
  }
  if (seriesStart < 0) {
    throw invalid('"series" is missing or not a list');
  }
  const count = metadata.length;
  const descriptors: SeriesDescriptor[] = new Array<SeriesDescriptor>(count);
  for (let i = 0; i < count; i++) {
    const item: unknown = metadata[i];
    if (!isObject(item)) {
      throw invalid(`metadata[${i}] is not an object`);
    }
    descriptors[i] = { sdk: label(item.sdk), version: label(item.version) };
  }
  if (scan === undefined || scan.count !== count) {
    // The series came before the final metadata: read them now that the count is known.
    scan = scanSeries(s, text, seriesStart, count);
  }
  if (scan.problem !== undefined) {
    throw invalid(scan.problem);
  }
  const columns = columnsOf(scan);
  return orderByTime({ times: scan.times, series: descriptors.map((d, i) => ({ ...d, values: columns[i]! })) });
}

