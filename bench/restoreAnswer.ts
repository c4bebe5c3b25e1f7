/**
 * The answer the restore benchmark saves and restores: `versions` server-side versions over 20 SDKs
 * named `restore-bench-…` (no catalogued SDK, so the tree shows them as named), every version with
 * connections in every one of `buckets` buckets ending at `now`.
 */
import type { SeriesList } from '../src/api/parse';
import type { Granularity } from '../src/model/timeRange';
import type { FetchedAnswer } from '../src/store';
import { seededRandom } from '../test/support/random';

export const RESTORE_SDK_PREFIX = 'restore-bench-';
const SDKS = 20;
const STEP_MS: Record<Granularity, number> = { minutely: 60_000, hourly: 3_600_000, daily: 86_400_000 };

export function restoreBenchAnswer(versions: number, buckets: number, granularity: Granularity, now: number): FetchedAnswer {
  const random = seededRandom(versions * 31 + buckets);
  const step = STEP_MS[granularity];
  const last = Math.floor(now / step) * step;
  const times = Array.from({ length: buckets }, (_, i) => last - (buckets - 1 - i) * step);
  const cells = versions * buckets;
  const slots = new Int32Array(cells);
  const values = new Float64Array(cells);
  const offsets = new Int32Array(versions + 1);
  for (let v = 0; v < versions; v++) {
    let level = 1 + Math.floor(random() ** 3 * 20_000);
    for (let b = 0; b < buckets; b++) {
      level = Math.max(1, level + Math.floor((random() - 0.5) * 50));
      slots[v * buckets + b] = b;
      values[v * buckets + b] = level;
    }
    offsets[v + 1] = (v + 1) * buckets;
  }
  const list: SeriesList = {
    times,
    series: Array.from({ length: versions }, (_, v) => ({
      sdk: `${RESTORE_SDK_PREFIX}${String(v % SDKS).padStart(2, '0')}`,
      version: `${1 + Math.floor(v / SDKS / 10)}.${Math.floor(v / SDKS) % 10}.0`,
    })),
    offsets,
    cells: { slots, values },
    ignoredValues: 0,
    droppedTimes: 0,
    timeSpan: { first: times[0]!, last: times[buckets - 1]! },
  };
  return {
    answers: [{ source: 'server', list }],
    loaded: { source: 'server', preset: '24h', from: times[0]!, to: now, granularity, timeZone: 'UTC', filter: {} },
    fetchedAt: now,
    details: undefined,
  };
}
