/**
 * One end-to-end run: a fresh run folder .test-runs/e2e-<timestamp>/, the packaged extension
 * installed in code-server, and Chromium on its workbench; everything stopped again, whatever failed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, type LaunchedBrowser } from './browser';
import { repoRoot, startCodeServer, type RunningCodeServer } from './codeServer';
import { pruneOldRuns } from './workbench';

export const VSIX = path.join(repoRoot, 'dist', 'launchdarkly-sdk-usage.vsix');

export interface WorkbenchRun {
  readonly runDir: string;
  /** The workspace folder code-server opens. */
  readonly folder: string;
  readonly server: RunningCodeServer;
  readonly browser: LaunchedBrowser;
  readonly page: Page;
  /** The page's console messages and errors, written to browser-console.txt by `stop`. */
  readonly consoleLines: string[];
}

/** The folder of a run that started at `started`. */
export function runDirFor(started: number): string {
  return path.join(repoRoot, '.test-runs', `e2e-${started}`);
}

/**
 * Prepares `runDir` (older runs beyond the two newest are removed), writes `files` (paths relative
 * to the workspace folder) into the workspace, packages the extension if needed, starts code-server
 * with it and opens the workbench in Chromium.
 */
export async function startWorkbenchRun(
  runDir: string,
  userSettings: Record<string, unknown>,
  files: Readonly<Record<string, string>> = {},
): Promise<WorkbenchRun> {
  fs.mkdirSync(path.join(runDir, 'tmp'), { recursive: true });
  // Anything this process (Playwright) puts in the system temp folder goes into the run folder.
  process.env.TMPDIR = path.join(runDir, 'tmp');
  pruneOldRuns(path.dirname(runDir), path.basename(runDir));
  const folder = path.join(runDir, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
  if (!fs.existsSync(VSIX)) {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const server = await startCodeServer({ runDir, folder, vsixPath: VSIX, userSettings });
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchBrowser(runDir);
    const page = browser.page;
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await openWorkbench(page, server.url);
    return { runDir, folder, server, browser, page, consoleLines };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Stops a run, whatever failed: the browser first (it holds the workbench's connections), then
 * code-server, then `api` (the local API the run used); prints where the run folder is.
 */
export async function stopWorkbenchRun(
  runDir: string,
  started: number,
  run: WorkbenchRun | undefined,
  api: { close(): Promise<void> } | undefined,
): Promise<void> {
  if (run) {
    try {
      fs.writeFileSync(path.join(runDir, 'browser-console.txt'), run.consoleLines.join('\n'));
    } catch {
      /* the run folder may be gone */
    }
    await run.browser.close().catch(() => undefined);
    await run.server.stop().catch(() => undefined);
  }
  await api?.close().catch(() => undefined);
  console.log(`# run folder: ${path.relative(repoRoot, runDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
