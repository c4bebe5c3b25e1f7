import type { SeriesList } from '../api/parse';
import type { SourceAnswer } from './usageModel';

/**
 * The answers with every series an earlier answer of the same source already holds left out. A
 * filter on an SDK reported under several names asks once per name; an API that matches names
 * loosely (ignoring case, say) answers more than one of those requests with the same series, which
 * must count once. An API that matches exactly never repeats one, and nothing is left out.
 */
export function withoutRepeatedSeries(answers: readonly SourceAnswer[]): readonly SourceAnswer[] {
  // Unfiltered, or filtered by one name: one answer per source, nothing to compare (and no cost on large answers).
  if (new Set(answers.map((a) => a.source)).size === answers.length) return answers;
  const seenBySource = new Map<string, Set<string>>();
  return answers.map((answer) => {
    let seen = seenBySource.get(answer.source);
    if (!seen) seenBySource.set(answer.source, (seen = new Set()));
    const keys = answer.list.series.map(({ sdk, version }) => JSON.stringify([sdk, version]));
    // Judged before this answer's own keys count as seen: repeats within one answer are kept.
    const keep = keys.map((key) => !seen.has(key));
    for (const key of keys) seen.add(key);
    return keep.every(Boolean) ? answer : { ...answer, list: keptSeries(answer.list, keep) };
  });
}

/** The list with only the series whose `keep` is true, and their cells. */
function keptSeries(list: SeriesList, keep: readonly boolean[]): SeriesList {
  const { offsets, cells } = list;
  const series = list.series.filter((_, i) => keep[i]);
  const keptOffsets = new Int32Array(series.length + 1);
  let cellCount = 0;
  keep.forEach((kept, i) => {
    if (kept) cellCount += offsets[i + 1]! - offsets[i]!;
  });
  const slots = new Int32Array(cellCount);
  const values = new Float64Array(cellCount);
  let s = 0;
  let at = 0;
  keep.forEach((kept, i) => {
    if (!kept) return;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    slots.set(cells.slots.subarray(start, end), at);
    values.set(cells.values.subarray(start, end), at);
    at += end - start;
    keptOffsets[++s] = at;
  });
  return { ...list, series, offsets: keptOffsets, cells: { slots, values } };
}
