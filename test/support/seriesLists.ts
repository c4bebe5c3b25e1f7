/** Dense views of sparse series lists and models, so tests can build and check them row by row. */
import type { SeriesDescriptor, SeriesList, TimeSpan } from '../../src/api/parse';
import type { UsageModel, VersionUsage } from '../../src/model/usageModel';
import type { ChartModel } from '../../src/model/chartData';

export interface DenseSeries extends SeriesDescriptor {
  readonly values: readonly number[];
}

/** A SeriesList holding these dense rows (zeros leave no cell, as the parser does). */
export function seriesList(
  times: readonly number[],
  rows: readonly DenseSeries[],
  counts: { ignoredValues?: number; droppedTimes?: number; timeSpan?: TimeSpan } = {},
): SeriesList {
  const offsets = new Int32Array(rows.length + 1);
  const slots: number[] = [];
  const values: number[] = [];
  rows.forEach((row, i) => {
    row.values.forEach((value, slot) => {
      if (value !== 0) {
        slots.push(slot);
        values.push(value);
      }
    });
    offsets[i + 1] = slots.length;
  });
  return {
    times: [...times],
    series: rows.map(({ sdk, version }) => ({ sdk, version })),
    offsets,
    cells: { slots: Int32Array.from(slots), values: Float64Array.from(values) },
    ignoredValues: counts.ignoredValues ?? 0,
    droppedTimes: counts.droppedTimes ?? 0,
    timeSpan: 'timeSpan' in counts ? counts.timeSpan : times.length ? { first: times[0]!, last: times[times.length - 1]! } : undefined,
  };
}

/** The rows a SeriesList holds, dense (0 where there is no cell). */
export function denseSeries(list: SeriesList): DenseSeries[] {
  return list.series.map((descriptor, i) => {
    const values = new Array<number>(list.times.length).fill(0);
    for (let c = list.offsets[i]!; c < list.offsets[i + 1]!; c++) values[list.cells.slots[c]!] = list.cells.values[c]!;
    return { ...descriptor, values };
  });
}

/** One version's values on the model's times, dense. */
export function valuesOf(model: UsageModel | ChartModel, version: VersionUsage): number[] {
  const values = new Array<number>(model.times.length).fill(0);
  for (let c = version.cellStart; c < version.cellEnd; c++) values[model.cells.slots[c]!] = model.cells.values[c]!;
  return values;
}
