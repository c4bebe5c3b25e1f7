/**
 * A single-pass reader of `bysdkversion` bodies straight from the response text.
 *
 * `JSON.parse` of a minutely answer with 1,000 series builds 1,440 objects of 1,000 keys each, and
 * walking them costs as much again. This scanner is a strict JSON parser (it accepts exactly what
 * `JSON.parse` accepts; jsonSyntax.ts) with two specialised paths: metadata entries are read for
 * their names only (metadataScan.ts), and the elements of the top-level `"series"` array are read
 * key by key into sparse cells (pointsScan.ts, cells.ts), without ever building the point objects.
 * Everything else (`_links`, unknown keys) is only checked for syntax. What it allocates follows
 * the text: at most two typed arrays of one entry per six characters of the series, plus one small
 * record per metadata entry.
 *
 * The result is exactly the reference reading, `parseSeriesList(JSON.parse(text), now)` (kept in
 * test/support/referenceParser.ts as the tests' oracle, which also states the rules): the same
 * `SeriesList` for a valid body; for malformed JSON a `JsonSyntaxError`; for JSON that is not a
 * valid answer the same `UsageApiError` ('invalidResponse' or 'tooLarge') with the same message,
 * reported in the same order (a body with several problems names the one `parseSeriesList` would).
 */
import type { ResponseBody } from './body';
import {
  CLOSE_BRACE,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  AsciiText,
  codeUnits,
  readKey,
  skipValue,
  skipWhitespace,
  syntaxError,
  type BodyText,
} from './jsonSyntax';
import { scanMetadata, type MetadataScan } from './metadataScan';
import { MAX_POINTS, MAX_SERIES, invalid, sharedTime, tooManyPoints, tooManySeries, type SeriesDescriptor, type SeriesList } from './parse';
import { decodeValue, scanPoints, type PointsScan } from './pointsScan';

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
function seriesListOf(descriptors: readonly SeriesDescriptor[], scan: PointsScan): SeriesList {
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
      values[at] = decodeValue(value, large);
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
  let scan: PointsScan | undefined; // that list, if it could be read when met
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
            ? scanPoints(s, text, pos, metadata.count, now)
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
    scan = scanPoints(s, text, seriesStart, metadata.count, now);
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
