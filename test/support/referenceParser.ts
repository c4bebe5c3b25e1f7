/**
 * The reference reading of a bysdkversion body: `JSON.parse`, then validation of the objects.
 * Production reads bodies with `parseSeriesListText` (src/api/seriesScanner.ts), which must give
 * exactly this result without building the point objects; the tests hold the two together.
 */
import { MAX_TIME, invalid, isObject, label, orderByTime, type SeriesDescriptor, type SeriesList } from '../../src/api/parse';

/** Validates a `SeriesListRep` body (already JSON-parsed) into a `SeriesList`. */
export function parseSeriesList(body: unknown): SeriesList {
  if (!isObject(body)) {
    throw invalid('the body is not a JSON object');
  }
  const { metadata, series } = body;
  if (!Array.isArray(metadata)) {
    throw invalid('"metadata" is missing or not a list');
  }
  if (!Array.isArray(series)) {
    throw invalid('"series" is missing or not a list');
  }
  const count = metadata.length;
  const descriptors: SeriesDescriptor[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const item: unknown = metadata[i];
    if (!isObject(item)) {
      throw invalid(`metadata[${i}] is not an object`);
    }
    descriptors[i] = { sdk: label(item.sdk), version: label(item.version) };
  }

  const pointCount = series.length;
  const times: number[] = new Array(pointCount);
  // One flat column per series, filled point by point; a key absent from a point means 0.
  const columns: number[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    columns[i] = new Array<number>(pointCount).fill(0);
  }
  for (let p = 0; p < pointCount; p++) {
    const point: unknown = series[p];
    if (!isObject(point)) {
      throw invalid(`series[${p}] is not an object`);
    }
    const time = point.time;
    if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0 || time > MAX_TIME) {
      throw invalid(`series[${p}] has no valid "time"`);
    }
    times[p] = time;
    for (const key in point) {
      if (key === 'time') {
        continue;
      }
      // Keys are decimal indexes into metadata; compare numerically, never as text.
      const index = Number(key);
      if (!(index >= 0 && index < count && Number.isInteger(index) && String(index) === key)) {
        throw invalid(`series[${p}] has key "${key}" with no matching metadata entry`);
      }
      const value = point[key];
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw invalid(`series[${p}]["${key}"] is not a whole number of connections`);
      }
      columns[index]![p] = value;
    }
  }
  return orderByTime({ times, series: descriptors.map((d, i) => ({ ...d, values: columns[i]! })) });
}

