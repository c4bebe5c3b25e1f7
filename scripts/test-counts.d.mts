export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  cancelled: number;
}
export function counts(kind: 'node' | 'line', output: string): TestCounts | undefined;
export function addCounts(total: TestCounts, phase: TestCounts | undefined, exitCode: number): void;
export function closingLine(total: TestCounts): string;
