/**
 * The reference reading of a bysdkversion body: `JSON.parse`, then the rules written out plainly
 * on the objects. Production reads bodies with `parseSeriesListText` (src/api/seriesScanner.ts),
 * which must give exactly this result without building the point objects; the tests hold the two
 * together.
 *
 * The rules: strict about structure, tolerant about details, and counting what was left out.
 * - Refused (invalidResponse): a body that is not an object; `metadata` or `series` not a list; a
 *   metadata entry that is neither an object nor null; a point that is not an object or whose
 *   `time` is not a number; a key that names no metadata entry; two points at the same time.
 * - Refused (tooLarge): more than MAX_SERIES metadata entries or MAX_POINTS points.
 * - A null metadata entry (the API reference's own example) and a missing or blank name read as
 *   "Unknown".
 * - With exactly one metadata entry, a point's only key may have any name ("value"): it is that
 *   entry's. The reference numbers keys "0", "1", … only "if there are multiple key fields".
 * - A point whose time is a number but not a plausible one (whole ms from 2015 to a day after
 *   `now`) is dropped with its values and counted.
 * - A value that is not a whole number of connections (null, a fraction, a negative, a string…) is
 *   ignored and counted; a 0 or an absent key means no connections.
 */
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
} from '../../src/api/parse';
import { isRecord } from '../../src/record';
import { seriesList } from './seriesLists';

/** A canonical array-index key: the keys JavaScript lists first, in ascending order. */
function isIndexKey(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) <= 4_294_967_294;
}

/** Validates a `SeriesListRep` body (already JSON-parsed) into a `SeriesList`. */
export function parseSeriesList(body: unknown, now: number): SeriesList {
  if (!isRecord(body)) {
    throw invalid('the body is not a JSON object');
  }
  const { metadata, series } = body;
  if (!Array.isArray(metadata)) {
    throw invalid('"metadata" is missing or not a list');
  }
  if (!Array.isArray(series)) {
    throw invalid('"series" is missing or not a list');
  }
  if (metadata.length > MAX_SERIES) {
    throw tooManySeries();
  }
  if (series.length > MAX_POINTS) {
    throw tooManyPoints();
  }
  const count = metadata.length;
  const descriptors: SeriesDescriptor[] = metadata.map((item: unknown, i) => {
    if (item === null) {
      return { sdk: UNKNOWN, version: UNKNOWN };
    }
    if (!isRecord(item)) {
      throw invalid(`metadata[${i}] is not an object`);
    }
    return { sdk: label(item.sdk), version: label(item.version) };
  });

  const kept: { time: number; values: Map<number, unknown> }[] = [];
  let droppedTimes = 0;
  let first = Infinity;
  let last = -Infinity;
  series.forEach((point: unknown, p) => {
    if (!isRecord(point)) {
      throw invalid(`series[${p}] is not an object`);
    }
    const time = point.time;
    if (typeof time !== 'number') {
      throw invalid(`series[${p}] has no valid "time"`);
    }
    const keys = Object.keys(point).filter((key) => key !== 'time');
    const values = new Map<number, unknown>();
    if (count === 1 && keys.length === 1 && !isIndexKey(keys[0]!)) {
      values.set(0, point[keys[0]!]);
    } else {
      for (const key of keys) {
        if (!(isIndexKey(key) && Number(key) < count)) {
          throw invalid(`series[${p}] has key "${key}" with no matching metadata entry`);
        }
        values.set(Number(key), point[key]);
      }
    }
    if (Number.isFinite(time)) {
      first = Math.min(first, time);
      last = Math.max(last, time);
    }
    if (isPlausibleTime(time, now)) {
      kept.push({ time, values });
    } else {
      droppedTimes++;
    }
  });
  kept.sort((a, b) => a.time - b.time);
  for (let k = 1; k < kept.length; k++) {
    if (kept[k]!.time === kept[k - 1]!.time) {
      throw invalid(sharedTime(kept[k]!.time));
    }
  }

  let ignoredValues = 0;
  const rows = descriptors.map((d) => ({ ...d, values: new Array<number>(kept.length).fill(0) }));
  kept.forEach(({ values }, slot) => {
    for (const [i, value] of values) {
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
        rows[i]!.values[slot] = value;
      } else {
        ignoredValues++;
      }
    }
  });
  return seriesList(
    kept.map((k) => k.time),
    rows,
    { ignoredValues, droppedTimes, timeSpan: first <= last ? { first, last } : undefined },
  );
}
