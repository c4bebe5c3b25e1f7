/** Offsets in a file's text to VS Code positions (zero-based line, UTF-16 column). */
import type { TextPosition, TextSpan } from './types';

export class LineIndex {
  /** Offsets where each line starts; built on first use, as most files yield no position at all. */
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): TextPosition {
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: at - starts[low]! };
  }

  span(start: number, end: number): TextSpan {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The span from `start` to `end` without the white space and line breaks just before `end` (a YAML block's range ends at the next line). */
  trimmedSpan(start: number, end: number): TextSpan {
    let last = Math.min(end, this.text.length);
    while (last > start && (isBlank(this.text.charCodeAt(last - 1)) || this.text.charCodeAt(last - 1) === 10)) last--;
    return this.span(start, last);
  }

  /** The span of the text of the line `offset` is on (as `lineSpan`). */
  lineSpanAt(offset: number): TextSpan {
    return this.lineSpan(this.position(offset).line);
  }

  /** The span of a line's text without its leading and trailing white space (and without its line break). */
  lineSpan(line: number): TextSpan {
    const starts = this.lineStarts();
    const start = starts[Math.min(line, starts.length - 1)]!;
    let end = line + 1 < starts.length ? starts[line + 1]! - 1 : this.text.length;
    let first = start;
    while (first < end && isBlank(this.text.charCodeAt(first))) first++;
    while (end > first && isBlank(this.text.charCodeAt(end - 1))) end--;
    return this.span(first, end);
  }

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }
}

const isBlank = (code: number) => code === 32 || code === 9 || code === 13;
