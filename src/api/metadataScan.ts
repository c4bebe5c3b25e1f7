/**
 * The entries of a body's `"metadata"` array, read for their names only: each series' SDK and
 * version, kept once per distinct name (nameTable.ts).
 */
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  LOWER_N,
  MINUS,
  NINE,
  OPEN_BRACE,
  QUOTE,
  ZERO,
  decodeString,
  skipLiteral,
  skipNumber,
  skipString,
  skipValue,
  skipWhitespace,
  syntaxError,
  writtenAt,
  type BodyText,
} from './jsonSyntax';
import { NameTable } from './nameTable';
import { MAX_SERIES, UNKNOWN, label, type SeriesDescriptor } from './parse';

/** What a metadata scan found. */
export interface MetadataScan {
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

/** A null entry: the API reference's own example answer has `"metadata": [null, null]`. */
const UNKNOWN_SERIES: SeriesDescriptor = Object.freeze({ sdk: UNKNOWN, version: UNKNOWN });

/**
 * Reads the `"metadata"` array starting at `pos` (its `[`): of each object only "sdk" and "version"
 * are decoded (the last of duplicates winning, as with `JSON.parse`); other members are checked
 * for syntax and skipped, so a huge unknown member builds nothing.
 */
export function scanMetadata(s: Uint8Array, text: BodyText, pos: number): MetadataScan {
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
