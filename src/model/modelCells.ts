import type { Cells } from '../api/cells';
import type { SeriesList } from '../api/parse';
import type { AllSeries } from './allSeries';
import type { SourceAnswer } from './usageModel';

/** The union of the answers' bucket times, and for each answer where its slots land in it. */
export function alignTimes(answers: readonly SourceAnswer[]): { times: number[]; slotMaps: (Int32Array | undefined)[] } {
  const first = answers[0]?.list.times ?? [];
  const same = answers.every((a) => a.list.times.length === first.length && a.list.times.every((t, i) => t === first[i]));
  if (same) {
    return { times: [...first], slotMaps: answers.map(() => undefined) };
  }
  const times = [...new Set(answers.flatMap((a) => a.list.times))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  return { times, slotMaps: answers.map((a) => Int32Array.from(a.list.times, (t) => index.get(t)!)) };
}

/**
 * Dense scratch rows of one bucket per time that are cleared after use by resetting only the
 * buckets touched, so summing a few cells costs a few steps, not one per bucket.
 */
export class SparseSum {
  readonly sums: Float64Array;
  readonly touched: Int32Array;
  count = 0;

  constructor(width: number) {
    this.sums = new Float64Array(width);
    this.touched = new Int32Array(width);
  }

  /** Cell values are > 0, so a bucket still at 0 has not been touched. */
  add(slot: number, value: number): void {
    if (this.sums[slot] === 0) this.touched[this.count++] = slot;
    this.sums[slot]! += value;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.sums[this.touched[k]!] = 0;
    this.count = 0;
  }
}

/**
 * The model's cells, version by version. One answer on its own times without repeated versions
 * (the usual case) keeps its cells as they are; otherwise each version's cells are copied onto the
 * common times, or summed.
 */
export class ModelCells {
  readonly slots: Int32Array;
  readonly values: Float64Array;
  /** The version last written: cells [start, end). */
  start = 0;
  end = 0;
  private written = 0;
  private readonly versionSum: SparseSum;

  constructor(
    private readonly all: AllSeries,
    private readonly slotMaps: readonly (Int32Array | undefined)[],
    pointCount: number,
    private readonly only: SeriesList | undefined,
  ) {
    const cellCount = all.answers.reduce((sum, a) => sum + a.list.cells.values.length, 0);
    this.slots = only ? only.cells.slots : new Int32Array(cellCount);
    this.values = only ? only.cells.values : new Float64Array(cellCount);
    this.versionSum = new SparseSum(only ? 0 : pointCount);
  }

  /** Writes the cells of series `members[from, to)`, one version; `start` and `end` say where they are. */
  writeVersion(members: Int32Array, from: number, to: number): void {
    if (this.only) {
      const g = members[from]!;
      this.start = this.only.offsets[g]!;
      this.end = this.only.offsets[g + 1]!;
      return;
    }
    this.start = this.written;
    const summing = to - from > 1;
    for (let m = from; m < to; m++) {
      const a = this.all.answerOf(members[m]!);
      const i = members[m]! - this.all.firstOf[a]!;
      const { offsets, cells } = this.all.answers[a]!.list;
      const map = this.slotMaps[a];
      for (let c = offsets[i]!, end = offsets[i + 1]!; c < end; c++) {
        const slot = map ? map[cells.slots[c]!]! : cells.slots[c]!;
        if (summing) {
          this.versionSum.add(slot, cells.values[c]!);
        } else {
          this.slots[this.written] = slot;
          this.values[this.written++] = cells.values[c]!;
        }
      }
    }
    if (summing) {
      const { versionSum } = this;
      for (const slot of versionSum.touched.subarray(0, versionSum.count).sort()) {
        this.slots[this.written] = slot;
        this.values[this.written++] = versionSum.sums[slot]!;
      }
      versionSum.clear();
    }
    this.end = this.written;
  }

  cells(): Cells {
    return this.only ? this.only.cells : { slots: this.slots.subarray(0, this.written), values: this.values.subarray(0, this.written) };
  }
}
