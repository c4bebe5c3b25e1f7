/**
 * Restoring a saved answer from disk to a drawn tree, in code-server (bench/workbenchBench.ts runs
 * it in its session): the answer the extension saved for the query on show is replaced on disk by
 * a 1,000-version answer of the same key (bench/restoreAnswer.ts), and each window reload restores
 * it. One sample is the time from the moment the extension host begins reading the file (its log
 * line "Restored N versions … read from disk and shown in X ms (reading began HH:MM:SS.mmm).") to
 * the first tree row of that answer in the workbench's DOM, a frame later (a MutationObserver
 * installed before the page's own scripts; both clocks are this machine's). Reading the token
 * before it, which the secret storage answers when the starting window gets to it, is not counted.
 * Also: the restore's own time in the host (X), the file's size, and the requests the reloads made
 * (none are expected).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { answerFile } from '../src/answerFile';
import type { Granularity } from '../src/model/timeRange';
import { eventually, listFiles } from '../test/harness/workbench';
import { RESTORE_SDK_PREFIX, restoreBenchAnswer } from './restoreAnswer';

export interface RestoreBenchOptions {
  readonly page: Page;
  readonly userDataDir: string;
  readonly samples: number;
  /** Reloads the window and brings the tree into view. */
  readonly reload: () => Promise<void>;
  /** Requests the extension made since the last reset, and the reset. */
  readonly extensionRequests: () => number;
  readonly resetRequests: () => void;
  readonly log: (message: string) => void;
}

export interface RestoreSample {
  /** The host begins reading the file → the answer's first tree row drawn. */
  toDrawnTreeMs: number;
  /** The restore itself in the host: reading the file, unpacking, checking, the model, the store's update. */
  inHostMs: number;
}

export interface RestoreFigure {
  versions: number;
  buckets: number;
  granularity: Granularity;
  fileBytes: number;
  medianMs: number;
  hostMedianMs: number;
  samples: RestoreSample[];
}

export interface RestoreBenchResult {
  /** What "last 24 hours" returns (hourly buckets), and a dense day of minutes. */
  versions1000x24: RestoreFigure;
  versions1000x1440: RestoreFigure;
  /** Requests made by every reload together. */
  requestsAtStart: number;
}

/** Sets window.__ldRestoreDrawnAt a frame after a tree row of the bench's answer first appears (page script as text: no bundler helpers). */
const DRAWN_PROBE = `(() => {
  if (window !== window.top) return;
  window.__ldRestoreDrawnAt = null;
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('.sidebar .monaco-list-row .label-name');
    if (!Array.prototype.some.call(rows, (row) => (row.textContent || '').startsWith(${JSON.stringify(RESTORE_SDK_PREFIX)}))) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__ldRestoreDrawnAt = Date.now(); });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface Restored {
  key: string;
  /** When the host began reading the file (this machine's clock, ms). */
  began: number;
  versions: number;
  ms: number;
}

const RESTORED_LINE =
  /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] Restored ([\d,]+) versions saved .*: read from disk and shown in ([\d.]+) ms \(reading began (\d\d:\d\d:\d\d\.\d{3})\)\.$/;

/** Every "Restored N versions …" line in the extension's logs, with when its reading began (local time, on the line's day). */
function readRestores(logsDir: string): Restored[] {
  const out: Restored[] = [];
  for (const file of listFiles(logsDir).filter((f) => path.basename(f).endsWith('LaunchDarkly Usage.log'))) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = RESTORED_LINE.exec(line);
        if (!m) return;
        const logged = new Date(`${m[1]}T${m[2]}`).getTime();
        let began = new Date(`${m[1]}T${m[5]}`).getTime();
        // Logged just after midnight, begun just before.
        if (began > logged) began -= 86_400_000;
        out.push({ key: `${file}:${i}`, began, versions: Number(m[3]!.replace(/,/g, '')), ms: Number(m[4]) });
      });
  }
  return out;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchRestore(opts: RestoreBenchOptions): Promise<RestoreBenchResult> {
  const { page, log } = opts;
  const logsDir = path.join(opts.userDataDir, 'logs');
  // The answer saved last is the one for the query on show (the bench's last load).
  const saved = listFiles(opts.userDataDir)
    .filter((f) => f.endsWith('.ldusage'))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!saved) throw new Error('the extension saved no answer');
  const original = fs.readFileSync(saved);
  const key = path.basename(saved, '.ldusage');
  await page.addInitScript(DRAWN_PROBE);
  const seen = new Set(readRestores(logsDir).map((r) => r.key));
  opts.resetRequests();
  const figure = async (buckets: number, granularity: Granularity): Promise<RestoreFigure> => {
    const versions = 1_000;
    const file = await answerFile.encodeAnswerFile(key, restoreBenchAnswer(versions, buckets, granularity, Date.now()));
    if (!file) throw new Error('the bench answer does not fit in a saved answer');
    fs.writeFileSync(saved, file);
    const samples: RestoreSample[] = [];
    for (let i = 0; i < opts.samples; i++) {
      await opts.reload();
      const restored = await eventually(
        () => readRestores(logsDir).find((r) => !seen.has(r.key)),
        30_000,
        'a new "Restored" line in the extension\'s log',
        100,
      );
      seen.add(restored.key);
      if (restored.versions !== versions) throw new Error(`restored ${restored.versions} versions, not ${versions}`);
      const drawnAt = await eventually(
        () => page.evaluate(() => (window as unknown as { __ldRestoreDrawnAt: number | null }).__ldRestoreDrawnAt),
        30_000,
        "the restored answer's tree rows",
        50,
      );
      samples.push({ toDrawnTreeMs: Math.round(drawnAt - restored.began), inHostMs: restored.ms });
      log(
        `restore 1,000 × ${buckets} ${i + 1}/${opts.samples}: ${samples.at(-1)!.toDrawnTreeMs} ms to the drawn tree (${restored.ms} ms in the host)`,
      );
      await page.waitForTimeout(1000);
    }
    return {
      versions,
      buckets,
      granularity,
      fileBytes: file.byteLength,
      medianMs: median(samples.map((s) => s.toDrawnTreeMs)),
      hostMedianMs: median(samples.map((s) => s.inHostMs)),
      samples,
    };
  };
  try {
    const versions1000x24 = await figure(24, 'hourly');
    const versions1000x1440 = await figure(1_440, 'minutely');
    return { versions1000x24, versions1000x1440, requestsAtStart: opts.extensionRequests() };
  } finally {
    fs.writeFileSync(saved, original);
  }
}
