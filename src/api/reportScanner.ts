/**
 * Reads LaunchDarkly's `sdk-versions/all` report straight from its bytes: the same entries as
 * `parseSdkVersionDetails(JSON.parse(text))`, keeping only the fields the views use. A large
 * account's report has one entry per SDK version, project, environment, application and Relay
 * Proxy (200,000 entries is over 100 MB): the answer's objects are never built, and every text is
 * found once in a table of the body's strings, so 200,000 entries that repeat a few hundred names
 * hold a few hundred strings.
 */
import type { ResponseBody } from './body';
import {
  AsciiText,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  codeUnits,
  skipValue,
  skipWhitespace,
  syntaxError,
  type BodyText,
} from './jsonSyntax';
import { NameTable } from './nameTable';
import { invalid } from './parse';
import { cleanDetailField, detailField, type DetailField, type SdkVersionDetail, type SdkVersionDetailsList } from './sdkVersionDetails';

/**
 * The report read from a response body.
 * @throws JsonSyntaxError when it is not JSON; UsageApiError ('invalidResponse') when it is not a list.
 */
export function parseSdkVersionDetailsBody(body: ResponseBody): SdkVersionDetailsList {
  return body.asciiBytes
    ? scanReport(body.asciiBytes, new AsciiText(body.asciiBytes, body.length))
    : scanReport(codeUnits(body.text), body.text);
}

/** The reading of one report from its code units `s` (padded, see codeUnits). */
function scanReport(s: Uint8Array, text: BodyText): SdkVersionDetailsList {
  const strings = new NameTable();
  /** Each distinct string's field value, cleaned once: by field, then by the string. */
  const cleaned = new Map<DetailField, Map<string, unknown>>();
  const entries: SdkVersionDetail[] = [];
  let ignored = 0;
  let pos = skipWhitespace(s, 0);
  if (s[pos] !== OPEN_BRACKET) {
    // Valid JSON of another shape is an answer of the wrong kind; anything else a syntax error.
    const end = skipWhitespace(s, skipValue(s, text, pos));
    if (end < text.length) syntaxError(text, end);
    throw invalid('the SDK versions answer is not a list');
  }
  pos = skipWhitespace(s, pos + 1);
  if (s[pos] === CLOSE_BRACKET) {
    pos++;
  } else {
    for (;;) {
      if (s[pos] === OPEN_BRACE) {
        const fields: Record<string, unknown> = {};
        pos = skipWhitespace(s, pos + 1);
        if (s[pos] === CLOSE_BRACE) {
          pos++;
        } else {
          for (;;) {
            if (s[pos] !== QUOTE) syntaxError(text, pos);
            const key = strings.read(s, text, pos);
            pos = skipWhitespace(s, strings.end);
            if (s[pos] !== COLON) syntaxError(text, pos);
            pos = skipWhitespace(s, pos + 1);
            const field = detailField(key);
            if (field !== undefined && s[pos] === QUOTE) {
              const value = strings.read(s, text, pos);
              pos = strings.end;
              let byValue = cleaned.get(field);
              if (byValue === undefined) {
                byValue = new Map();
                cleaned.set(field, byValue);
              }
              let clean = byValue.get(value);
              if (clean === undefined && !byValue.has(value)) {
                clean = cleanDetailField(field, value);
                byValue.set(value, clean);
              }
              // The last of repeated keys wins, as in JSON.parse.
              if (clean === undefined) delete fields[field];
              else fields[field] = clean;
            } else {
              pos = skipValue(s, text, pos);
              // Not a string: left out, or a status read as unknown.
              const clean = field === undefined ? undefined : cleanDetailField(field, null);
              if (field !== undefined && clean === undefined) delete fields[field];
              else if (field !== undefined) fields[field] = clean;
            }
            pos = skipWhitespace(s, pos);
            if (s[pos] === COMMA) {
              pos = skipWhitespace(s, pos + 1);
            } else if (s[pos] === CLOSE_BRACE) {
              pos++;
              break;
            } else {
              syntaxError(text, pos);
            }
          }
        }
        entries.push(detailOf(fields));
      } else {
        pos = skipValue(s, text, pos);
        ignored++;
      }
      pos = skipWhitespace(s, pos);
      if (s[pos] === COMMA) {
        pos = skipWhitespace(s, pos + 1);
      } else if (s[pos] === CLOSE_BRACKET) {
        pos++;
        break;
      } else {
        syntaxError(text, pos);
      }
    }
  }
  pos = skipWhitespace(s, pos);
  if (pos < text.length) syntaxError(text, pos);
  return { entries, ignored };
}

/** An entry from the fields read: every status defaults as `parseSdkVersionDetails` defaults it. */
function detailOf(fields: Record<string, unknown>): SdkVersionDetail {
  if (fields.eolStatus === undefined) fields.eolStatus = 'EolUnknown';
  return fields as unknown as SdkVersionDetail;
}
