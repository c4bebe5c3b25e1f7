// Reading test runners' own summaries and adding them up for `npm test`'s closing line.
// A cancelled test (timed out, or cut short with its suite) counts as failed too; a skipped or todo
// test counts only as skipped, never as passed.

/** The runner's own summary as { passed, failed, skipped, cancelled }, or undefined when it printed none. */
export function counts(kind, output) {
  // Strip ANSI colour codes, then read the runner's last summary.
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  if (kind === 'node') {
    const last = (name) => {
      const match = [...text.matchAll(new RegExp(`^[ℹ#] ${name} (\\d+)$`, 'gm'))].pop();
      return match ? Number(match[1]) : undefined;
    };
    const [passed, failed, cancelled, skipped, todo] = ['pass', 'fail', 'cancelled', 'skipped', 'todo'].map(last);
    if (passed === undefined || failed === undefined || cancelled === undefined || skipped === undefined) return undefined;
    return { passed, failed, skipped: skipped + (todo ?? 0), cancelled };
  }
  const line = [...text.matchAll(/^integration: (\d+) passed, (\d+) failed, (\d+) skipped, (\d+) cancelled$/gm)].pop();
  return line ? { passed: Number(line[1]), failed: Number(line[2]), skipped: Number(line[3]), cancelled: Number(line[4]) } : undefined;
}

/**
 * Adds one phase's counts to the total. A runner that printed no summary, or exited non-zero
 * with nothing failed, crashed: that counts as one failure.
 */
export function addCounts(total, phase, exitCode) {
  if (phase) {
    total.passed += phase.passed;
    total.failed += phase.failed + phase.cancelled;
    total.skipped += phase.skipped;
    total.cancelled += phase.cancelled;
  }
  if (!phase || (exitCode !== 0 && phase.failed + phase.cancelled === 0)) total.failed += 1;
}

export function closingLine(total) {
  return `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped, ${total.cancelled} cancelled`;
}
