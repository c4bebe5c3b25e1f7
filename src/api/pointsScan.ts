/**
 * The elements of a body's top-level `"series"` array, its points, read key by key into sparse
 * cells (cells.ts) without building the point objects: each point's members checked as
 * `parseSeriesList` checks them, with a fast path for the usual member `"17":4213`.
 */
import { MAX_POINTS, isPlausibleTime } from './parse';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  MINUS,
  NINE,
  OPEN_BRACE,
  QUOTE,
  ZERO,
  numberAt,
  readKey,
  skipNumber,
  skipValue,
  skipWhitespace,
  syntaxError,
  type BodyText,
} from './jsonSyntax';

/** The largest array index: canonical decimal keys up to it come first in an object's key order. */
const MAX_ARRAY_INDEX = 4_294_967_294;

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

/** A value to ignore (NaN) as a cell holds it… */
const IGNORED = -1;
/** …and the k-th value of 2^31 or more, kept aside, as LARGE - k. */
const LARGE = -2;

/** A cell's value (a whole number ≥ 0, or NaN) as an Int32. */
function encodeValue(value: number, large: number[]): number {
  if (value <= 0x7fff_ffff) return value;
  return value !== value ? IGNORED : LARGE - (large.push(value) - 1);
}

/** The value `encodeValue` wrote as `value`, `large` being the values it kept aside. */
export function decodeValue(value: number, large: readonly number[]): number {
  return value >= 0 ? value : value === IGNORED ? NaN : large[LARGE - value]!;
}

/** What a scan of the points found: the kept points and their cells in the body's order, or the first problem. */
export interface PointsScan {
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
export function scanPoints(s: Uint8Array, text: BodyText, pos: number, count: number, now: number): PointsScan {
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
