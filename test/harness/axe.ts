/**
 * axe-core inside a page or frame (here: the chart webview's inner frame). The library's source is
 * passed to `frame.evaluate`, which DevTools runs whatever the page's CSP says; nothing of it is
 * shipped in the extension.
 */
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  /** Up to five offending elements, with axe's own summary of what is wrong. */
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
  readonly count: number;
}

export interface AxeReport {
  readonly violations: readonly AxeViolation[];
  /** Violations per impact ('minor', 'moderate', 'serious', 'critical'). */
  readonly counts: Readonly<Record<string, number>>;
  /** The serious and critical ones: the ones that fail a test. */
  readonly blocking: readonly AxeViolation[];
}

export async function runAxe(frame: Frame): Promise<AxeReport> {
  if (!(await frame.evaluate('typeof window.axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  // A string, not a function: tsx's helpers (__name) would not exist inside the page.
  const violations = (await frame.evaluate(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact || 'unknown',
      help: v.help,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: JSON.stringify(n.target), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300) })),
    })))
  `)) as AxeViolation[];
  const counts: Record<string, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.count;
  return { violations, counts, blocking: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}

/** One line per violation, for a test's diagnostics and its failure message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id} (${v.count}): ${v.help}; ${v.nodes.map((n) => `${n.target} ${n.summary}`).join(' | ')}`)
    .join('\n');
}
