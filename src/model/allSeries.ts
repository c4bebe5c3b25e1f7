import type { SeriesDescriptor } from '../api/parse';
import type { SourceAnswer } from './usageModel';

/** The series of all answers as one list: series g is series g - firstOf[a] of answer a. */
export class AllSeries {
  readonly firstOf: number[] = [];
  readonly total: number;
  readonly list: readonly SeriesDescriptor[];

  constructor(readonly answers: readonly SourceAnswer[]) {
    let total = 0;
    for (const answer of answers) {
      this.firstOf.push(total);
      total += answer.list.series.length;
    }
    this.total = total;
    this.list = answers.length === 1 ? answers[0]!.list.series : answers.flatMap((a) => a.list.series);
  }

  answerOf(g: number): number {
    let a = this.answers.length - 1;
    while (this.firstOf[a]! > g) a--;
    return a;
  }

  /** How many cells series g has. */
  cellCount(g: number): number {
    const a = this.answerOf(g);
    const { offsets } = this.answers[a]!.list;
    const i = g - this.firstOf[a]!;
    return offsets[i + 1]! - offsets[i]!;
  }
}
