/**
 * A single-pass reader of `bysdkversion` bodies straight from the response text.
 *
 * `JSON.parse` of a minutely answer with 1,000 series builds 1,440 objects of 1,000 keys each, and
 * walking them costs as much again. This scanner is a strict JSON parser (it accepts exactly what
 * `JSON.parse` accepts) with one specialised path: the elements of the top-level `"series"` array
 * are read key by key into one number column per series, without ever building the point objects.
 * Everything else (`metadata`, `_links`, unknown keys) goes through the generic path.
 *
 * The result is exactly `parseSeriesList(JSON.parse(text))`: the same `SeriesList` for a valid
 * body; for malformed JSON a `JsonSyntaxError`; for JSON that is not a valid answer the same
 * `UsageApiError` ('invalidResponse') with the same message, reported in the same order (a body
 * with several problems names the one `parseSeriesList` would name).
 */
import { UsageApiError } from './errors';
import { UNKNOWN, type SeriesDescriptor, type SeriesList } from './parse';

/** The text is not JSON at all (what `JSON.parse` would reject); `position` is where it went wrong. */
export class JsonSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

/** The last instant a JavaScript Date can hold (as in parse.ts). */
const MAX_TIME = 8_640_000_000_000_000;
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

/** Same wording as parse.ts's `invalid()`, so both paths say the same thing. */
function invalid(problem: string): UsageApiError {
  return new UsageApiError(
    'invalidResponse',
    `LaunchDarkly's API sent a response this extension cannot read: ${problem}. Refresh to try again; if it persists, check launchdarklyUsage.baseUrl points at LaunchDarkly.`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** As parse.ts: a missing or empty name or version reads as "Unknown". */
function label(value: unknown): string {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return UNKNOWN;
}

function syntaxError(text: string, pos: number, what?: string): never {
  if (pos >= text.length) {
    throw new JsonSyntaxError('Unexpected end of JSON input', text.length);
  }
  const found = JSON.stringify(text.charAt(pos));
  throw new JsonSyntaxError(`${what ?? `Unexpected character ${found}`} at position ${pos}`, pos);
}

function skipWhitespace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
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
function skipEscape(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === QUOTE || c === BACKSLASH || c === SLASH || c === LOWER_B || c === LOWER_F || c === LOWER_N || c === LOWER_R || c === LOWER_T) {
    return pos + 1;
  }
  if (c === LOWER_U) {
    for (let i = 1; i <= 4; i++) {
      if (!isHexDigit(text.charCodeAt(pos + i))) {
        syntaxError(text, pos + i, 'Bad Unicode escape');
      }
    }
    return pos + 5;
  }
  return syntaxError(text, pos, 'Bad escaped character');
}

/** Validates a string; `pos` is just after the opening quote. Returns the position after the closing quote. */
function skipString(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      return pos + 1;
    }
    if (c === BACKSLASH) {
      pos = skipEscape(text, pos + 1);
    } else if (c >= SPACE) {
      pos++;
    } else {
      // A control character, or NaN past the end.
      syntaxError(text, pos, 'Bad control character in string literal');
    }
  }
}

/** Decodes a string validated by `skipString` from its opening quote to its end (after the closing quote). */
function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.indexOf('\\') < 0 ? raw : (JSON.parse(text.slice(start, end)) as string);
}

/** Validates a number (JSON grammar) starting at `pos`. Returns the position after it. */
function skipNumber(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  if (c === MINUS) {
    c = text.charCodeAt(++pos);
  }
  if (c === ZERO) {
    c = text.charCodeAt(++pos);
  } else if (c > ZERO && c <= NINE) {
    do {
      c = text.charCodeAt(++pos);
    } while (c >= ZERO && c <= NINE);
  } else {
    syntaxError(text, pos, 'No number after minus sign');
  }
  if (c === DOT) {
    c = text.charCodeAt(++pos);
    if (!(c >= ZERO && c <= NINE)) {
      syntaxError(text, pos, 'Unterminated fractional number');
    }
    do {
      c = text.charCodeAt(++pos);
    } while (c >= ZERO && c <= NINE);
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = text.charCodeAt(++pos);
    if (c === PLUS || c === MINUS) {
      c = text.charCodeAt(++pos);
    }
    if (!(c >= ZERO && c <= NINE)) {
      syntaxError(text, pos, 'Exponent part is missing a number');
    }
    do {
      c = text.charCodeAt(++pos);
    } while (c >= ZERO && c <= NINE);
  }
  return pos;
}

function skipLiteral(text: string, pos: number, literal: string): number {
  for (let i = 0; i < literal.length; i++) {
    if (text.charCodeAt(pos + i) !== literal.charCodeAt(i)) {
      syntaxError(text, pos + i);
    }
  }
  return pos + literal.length;
}

/** Expects `"key":` at `pos` (after whitespace); returns the position after the colon and whitespace. */
function skipKeyAndColon(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== QUOTE) {
    syntaxError(text, pos);
  }
  pos = skipWhitespace(text, skipString(text, pos + 1));
  if (text.charCodeAt(pos) !== COLON) {
    syntaxError(text, pos);
  }
  return skipWhitespace(text, pos + 1);
}

/**
 * Validates any JSON value starting at `pos` (no leading whitespace) without building it.
 * Iterative, so nesting as deep as `JSON.parse` accepts does not exhaust the stack.
 * Returns the position after the value.
 */
function skipValue(text: string, pos: number): number {
  // Open containers, innermost last: true for an object, false for an array.
  const open: boolean[] = [];
  for (;;) {
    // A value starts at pos.
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      pos = skipString(text, pos + 1);
    } else if ((c >= ZERO && c <= NINE) || c === MINUS) {
      pos = skipNumber(text, pos);
    } else if (c === OPEN_BRACE) {
      pos = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(pos) === CLOSE_BRACE) {
        pos++;
      } else {
        open.push(true);
        pos = skipKeyAndColon(text, pos);
        continue;
      }
    } else if (c === OPEN_BRACKET) {
      pos = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(pos) === CLOSE_BRACKET) {
        pos++;
      } else {
        open.push(false);
        continue;
      }
    } else if (c === LOWER_T) {
      pos = skipLiteral(text, pos, 'true');
    } else if (c === LOWER_F) {
      pos = skipLiteral(text, pos, 'false');
    } else if (c === LOWER_N) {
      pos = skipLiteral(text, pos, 'null');
    } else {
      syntaxError(text, pos);
    }
    // A value ended at pos: close containers until one continues or none is left.
    for (;;) {
      if (open.length === 0) {
        return pos;
      }
      pos = skipWhitespace(text, pos);
      const d = text.charCodeAt(pos);
      const inObject = open[open.length - 1]!;
      if (d === COMMA) {
        pos = skipWhitespace(text, pos + 1);
        if (inObject) {
          pos = skipKeyAndColon(text, pos);
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

/** The JSON value starting at `pos`, built by `JSON.parse` once `skipValue` has found where it ends. */
function readValue(text: string, pos: number): { value: unknown; end: number } {
  const end = skipValue(text, pos);
  return { value: JSON.parse(text.slice(pos, end)) as unknown, end };
}

/** What a series scan found: the columns, or the first problem `parseSeriesList` would name. */
interface SeriesScan {
  readonly end: number;
  readonly count: number;
  readonly times: number[];
  readonly columns: number[][];
  readonly problem: string | undefined;
}

// Key kinds in a point.
const KEY_UNREAD = -1;
const KEY_INDEX = 0;
const KEY_TIME = 1;
const KEY_OTHER = 2;

/** The index of a canonical decimal array-index key ("0", "17"; not "01", "-1", "1.0", "1e2"), or -1. */
function arrayIndexOf(key: string): number {
  const length = key.length;
  if (length === 0 || length > 10) {
    return -1;
  }
  const first = key.charCodeAt(0);
  if (first === ZERO) {
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

/**
 * Reads the `"series"` array starting at `pos` (its `[`) into `count` columns, one per metadata
 * entry. Validation follows `parseSeriesList` exactly, including which problem it names first:
 * points in order; in a point, "time" first, then keys in JavaScript's property order (array-index
 * keys ascending, then the others in the order they first appear), the last of duplicate keys
 * winning as with `JSON.parse`. After a problem the rest is only checked for JSON syntax.
 */
function scanSeries(text: string, pos: number, count: number): SeriesScan {
  const columns: number[][] = new Array<number[]>(count);
  for (let i = 0; i < count; i++) {
    columns[i] = [];
  }
  const times: number[] = [];
  let problem: string | undefined;
  pos = skipWhitespace(text, pos + 1);
  let c = text.charCodeAt(pos);
  if (c === CLOSE_BRACKET) {
    return { end: pos + 1, count, times, columns, problem };
  }
  for (let p = 0; ; p++) {
    if (problem !== undefined || c !== OPEN_BRACE) {
      problem ??= `series[${p}] is not an object`;
      pos = skipValue(text, pos);
    } else {
      // One point: its keys go straight into the columns at row p.
      let time = NaN; // NaN: missing or invalid
      let written = 0; // columns given a value at row p
      let badValues = 0; // values written as NaN (not whole numbers); a later duplicate key may fix them
      let badIndex = Infinity; // the smallest array-index key with no metadata entry
      let badKey: string | undefined; // the first other key (not an array index, not "time")
      pos = skipWhitespace(text, pos + 1);
      c = text.charCodeAt(pos);
      if (c === CLOSE_BRACE) {
        pos++;
      } else {
        for (;;) {
          if (c !== QUOTE) {
            syntaxError(text, pos);
          }
          // The key: plain digits, or "time", are read in place; anything else is decoded.
          const keyStart = pos;
          let kind = KEY_UNREAD;
          let index = 0;
          c = text.charCodeAt(++pos);
          if (c > ZERO && c <= NINE) {
            index = c - ZERO;
            c = text.charCodeAt(++pos);
            // At most 10 digits: MAX_ARRAY_INDEX has 10.
            while (c >= ZERO && c <= NINE && pos - keyStart <= 10) {
              index = index * 10 + (c - ZERO);
              c = text.charCodeAt(++pos);
            }
            if (c === QUOTE && index <= MAX_ARRAY_INDEX) {
              kind = KEY_INDEX;
              pos++;
            }
          } else if (c === ZERO) {
            if (text.charCodeAt(pos + 1) === QUOTE) {
              kind = KEY_INDEX;
              pos += 2;
            }
          } else if (
            c === LOWER_T &&
            text.charCodeAt(pos + 1) === 105 &&
            text.charCodeAt(pos + 2) === 109 &&
            text.charCodeAt(pos + 3) === LOWER_E &&
            text.charCodeAt(pos + 4) === QUOTE
          ) {
            kind = KEY_TIME;
            pos += 5;
          }
          let key: string | undefined;
          if (kind === KEY_UNREAD) {
            // Escapes, other characters, or digits that are not a canonical index: decode it.
            pos = skipString(text, keyStart + 1);
            key = decodeString(text, keyStart, pos);
            if (key === 'time') {
              kind = KEY_TIME;
            } else {
              index = arrayIndexOf(key);
              kind = index < 0 ? KEY_OTHER : KEY_INDEX;
            }
          }
          pos = skipWhitespace(text, pos);
          if (text.charCodeAt(pos) !== COLON) {
            syntaxError(text, pos);
          }
          pos = skipWhitespace(text, pos + 1);
          c = text.charCodeAt(pos);

          if (kind === KEY_INDEX && index < count) {
            // The hot path: a whole number for a series.
            let value: number;
            if (c >= ZERO && c <= NINE) {
              const start = pos;
              value = c - ZERO;
              c = text.charCodeAt(++pos);
              if (value !== 0) {
                // No leading zeros: after a "0" a digit is a syntax error, found by the caller.
                while (c >= ZERO && c <= NINE) {
                  value = value * 10 + (c - ZERO);
                  c = text.charCodeAt(++pos);
                }
              }
              if (c === DOT || c === LOWER_E || c === UPPER_E || pos - start > 15) {
                // A fraction, an exponent, or too many digits to add up exactly.
                pos = skipNumber(text, start);
                value = wholeNumber(Number(text.slice(start, pos)));
              }
            } else if (c === MINUS) {
              const start = pos;
              pos = skipNumber(text, start);
              value = wholeNumber(Number(text.slice(start, pos)));
            } else {
              pos = skipValue(text, pos);
              value = NaN;
            }
            if (value !== value) {
              badValues++;
            }
            const column = columns[index]!;
            if (column.length === p) {
              column.push(value);
              written++;
            } else {
              column[p] = value;
            }
          } else if (kind === KEY_TIME) {
            if ((c >= ZERO && c <= NINE) || c === MINUS) {
              const start = pos;
              pos = skipNumber(text, start);
              const t = Number(text.slice(start, pos));
              time = Number.isSafeInteger(t) && t >= 0 && t <= MAX_TIME ? t : NaN;
            } else {
              pos = skipValue(text, pos);
              time = NaN;
            }
          } else {
            if (kind === KEY_INDEX) {
              if (index < badIndex) {
                badIndex = index;
              }
            } else {
              badKey ??= key;
            }
            pos = skipValue(text, pos);
          }

          pos = skipWhitespace(text, pos);
          c = text.charCodeAt(pos);
          if (c === COMMA) {
            pos = skipWhitespace(text, pos + 1);
            c = text.charCodeAt(pos);
          } else if (c === CLOSE_BRACE) {
            pos++;
            break;
          } else {
            syntaxError(text, pos);
          }
        }
      }
      // The point is complete: check it in parseSeriesList's order.
      if (time !== time) {
        problem = `series[${p}] has no valid "time"`;
      } else if (badValues > 0 || badIndex !== Infinity) {
        const limit = Math.min(count, badIndex);
        let badValue = -1;
        for (let i = 0; badValues > 0 && i < limit; i++) {
          const column = columns[i]!;
          if (column.length > p && column[p] !== column[p]) {
            badValue = i;
            break;
          }
        }
        if (badValue >= 0) {
          problem = `series[${p}]["${badValue}"] is not a whole number of connections`;
        } else if (badIndex !== Infinity) {
          problem = `series[${p}] has key "${badIndex}" with no matching metadata entry`;
        }
      }
      if (problem === undefined && badKey !== undefined) {
        problem = `series[${p}] has key "${badKey}" with no matching metadata entry`;
      }
      if (problem === undefined) {
        times.push(time);
        if (written < count) {
          // A key absent from a point means 0.
          for (let i = 0; i < count; i++) {
            const column = columns[i]!;
            if (column.length === p) {
              column.push(0);
            }
          }
        }
      }
    }
    pos = skipWhitespace(text, pos);
    c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos = skipWhitespace(text, pos + 1);
      c = text.charCodeAt(pos);
    } else if (c === CLOSE_BRACKET) {
      return { end: pos + 1, count, times, columns, problem };
    } else {
      syntaxError(text, pos);
    }
  }
}

/** A value as parseSeriesList accepts it (a safe, non-negative integer), or NaN. */
function wholeNumber(value: number): number {
  return Number.isSafeInteger(value) && value >= 0 ? value : NaN;
}

/**
 * Parses and validates a `SeriesListRep` body from its text: the same result as
 * `parseSeriesList(JSON.parse(text))`, without building the point objects.
 * @throws JsonSyntaxError when the text is not JSON; UsageApiError ('invalidResponse') when it is
 * JSON but not a valid answer.
 */
export function parseSeriesListText(text: string): SeriesList {
  let pos = skipWhitespace(text, 0);
  if (text.charCodeAt(pos) !== OPEN_BRACE) {
    pos = skipWhitespace(text, skipValue(text, pos));
    if (pos < text.length) {
      syntaxError(text, pos, 'Unexpected non-whitespace character after JSON');
    }
    throw invalid('the body is not a JSON object');
  }

  let metadata: unknown;
  let seriesStart = -1; // where the last "series" value starts, if it is an array
  let scan: SeriesScan | undefined; // the last "series" array, if it could be read in place
  pos = skipWhitespace(text, pos + 1);
  if (text.charCodeAt(pos) === CLOSE_BRACE) {
    pos++;
  } else {
    for (;;) {
      if (text.charCodeAt(pos) !== QUOTE) {
        syntaxError(text, pos);
      }
      const keyStart = pos;
      pos = skipString(text, pos + 1);
      const key = decodeString(text, keyStart, pos);
      pos = skipWhitespace(text, pos);
      if (text.charCodeAt(pos) !== COLON) {
        syntaxError(text, pos);
      }
      pos = skipWhitespace(text, pos + 1);
      // As with JSON.parse, the last of duplicate keys wins.
      if (key === 'metadata') {
        const read = readValue(text, pos);
        metadata = read.value;
        pos = read.end;
      } else if (key === 'series') {
        if (text.charCodeAt(pos) === OPEN_BRACKET) {
          seriesStart = pos;
          if (Array.isArray(metadata)) {
            scan = scanSeries(text, pos, metadata.length);
            pos = scan.end;
          } else {
            // Metadata comes later (or not at all): check the syntax now, read once it is known.
            scan = undefined;
            pos = skipValue(text, pos);
          }
        } else {
          seriesStart = -1;
          scan = undefined;
          pos = skipValue(text, pos);
        }
      } else {
        pos = skipValue(text, pos);
      }
      pos = skipWhitespace(text, pos);
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos = skipWhitespace(text, pos + 1);
      } else if (c === CLOSE_BRACE) {
        pos++;
        break;
      } else {
        syntaxError(text, pos);
      }
    }
  }
  pos = skipWhitespace(text, pos);
  if (pos < text.length) {
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
    // The series came before the final metadata: read them again now the count is known.
    scan = scanSeries(text, seriesStart, count);
  }
  if (scan.problem !== undefined) {
    throw invalid(scan.problem);
  }
  const columns = scan.columns;
  return orderByTime({ times: scan.times, series: descriptors.map((d, i) => ({ ...d, values: columns[i]! })) });
}

/** As parse.ts: points in time order, sorted if they were not, and no two at the same time. */
function orderByTime(list: SeriesList): SeriesList {
  const { times } = list;
  let sorted = true;
  for (let p = 1; p < times.length; p++) {
    if (times[p]! === times[p - 1]!) {
      throw invalid(`two points share the time ${new Date(times[p]!).toISOString()}`);
    }
    if (times[p]! < times[p - 1]!) {
      sorted = false;
    }
  }
  if (sorted) {
    return list;
  }
  const order = times.map((_, p) => p).sort((a, b) => times[a]! - times[b]!);
  for (let k = 1; k < order.length; k++) {
    if (times[order[k]!] === times[order[k - 1]!]) {
      throw invalid(`two points share the time ${new Date(times[order[k]!]!).toISOString()}`);
    }
  }
  return {
    times: order.map((p) => times[p]!),
    series: list.series.map((s) => ({ ...s, values: order.map((p) => s.values[p]!) })),
  };
}
