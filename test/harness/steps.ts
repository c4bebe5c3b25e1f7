/** Sequential end-to-end steps on node:test: once one fails, the later ones are skipped (saying why). */
import * as path from 'node:path';
import { it } from 'node:test';
import type { Page } from 'playwright-core';

/** Registers one step; `failedStep()` names the step that failed, if any (e.g. to keep the run folder). */
export type Steps = ((name: string, fn: () => Promise<void>) => void) & { readonly failedStep: () => string | undefined };

/**
 * Returns `step(name, fn)`, which registers a test that is skipped once an earlier step failed, and
 * on failure leaves a screenshot of `page()` in `runDir`. Each step reports its duration.
 */
export function sequentialSteps(runDir: string, page: () => Page | undefined, timeoutMs: number): Steps {
  let failedStep: string | undefined;
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, { timeout: timeoutMs }, async (t) => {
      if (failedStep) {
        t.skip(`an earlier step failed: ${failedStep}`);
        return;
      }
      const t0 = Date.now();
      try {
        await fn();
      } catch (error) {
        failedStep = name;
        const shot = path.join(runDir, `failure-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
        await page()
          ?.screenshot({ path: shot })
          .catch(() => undefined);
        t.diagnostic(`screenshot: ${shot}`);
        throw error;
      } finally {
        t.diagnostic(`${Date.now() - t0} ms`);
      }
    });
  return Object.assign(step, { failedStep: () => failedStep });
}
