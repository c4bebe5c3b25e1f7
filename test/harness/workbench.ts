/**
 * Small helpers for driving the web workbench (code-server in Chromium) from end-to-end tests:
 * webview frames, side bar tree rows, quick picks, notifications, workspace settings and the
 * browser-side workbench logs. See /work/shared/real-vscode-here.md for the selectors' origin.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand } from './browser';

/** The inner frame of the (single) visible webview: iframe.webview.ready > iframe#active-frame. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The same inner frame as a Frame object (for content(), evaluate()). */
export async function webviewFrameObject(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const handle = await page.frameLocator('iframe.webview.ready').locator('iframe#active-frame').elementHandle({ timeout: timeoutMs });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the webview has no inner frame');
  return frame;
}

export interface TreeRow {
  label: string;
  description: string;
  level: number;
  expanded: string | null;
}

/** Rows of the side bar's tree(s) as shown (virtualised: only rows in view). */
export async function sidebarTreeRows(page: Page): Promise<TreeRow[]> {
  return page.locator('.sidebar .monaco-list-row').evaluateAll((els) =>
    els.map((e) => ({
      label: e.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
      level: Number(e.getAttribute('aria-level') ?? '0'),
      expanded: e.getAttribute('aria-expanded'),
    })),
  );
}

/** The tree row whose label is exactly `label` at `level`. */
export function sidebarTreeRow(page: Page, label: string, level = 1): Locator {
  return page
    .locator(`.sidebar .monaco-list-row[aria-level="${level}"]`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** Picks the open quick pick's item whose aria-label is exactly `label` (hasText would also match longer labels). */
export async function pickQuickItem(page: Page, label: string, timeoutMs = 10_000): Promise<void> {
  const row = page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[aria-label="${label.replace(/"/g, '\\"')}"]`);
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/** A notification toast containing `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast').filter({ hasText: text });
}

/**
 * Waits until no quick input (palette, input box, quick pick) is open; Escape if one stays open.
 * An accepted input box fades out for a moment while still "visible" (and inert): runCommand would
 * take it for the palette and try to type into it.
 */
export async function waitForQuickInputClosed(page: Page, timeoutMs = 3000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  if (
    await widget.waitFor({ state: 'hidden', timeout: timeoutMs }).then(
      () => true,
      () => false,
    )
  )
    return;
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** runCommand, once any earlier quick input has closed. */
export async function paletteCommand(page: Page, label: string, timeoutMs?: number): Promise<void> {
  await waitForQuickInputClosed(page);
  await runCommand(page, label, timeoutMs);
}

/** Clears all notifications (their close buttons only show on hover), if any toast is shown. */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notification-toast').count()) === 0) return;
  await paletteCommand(page, 'Notifications: Clear All Notifications');
  await page
    .locator('.notification-toast')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
}

/**
 * Merges `values` into <folder>/.vscode/settings.json (null deletes a key). The workbench watches
 * the workspace folder, so changes apply within a second. (Edits of <user-data-dir>/User/settings.json
 * made outside the workbench are NOT picked up by code-server 4.139 until the window reloads.)
 */
export function updateWorkspaceSettings(folder: string, values: Record<string, unknown>): void {
  const file = path.join(folder, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    /* missing or empty */
  }
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete current[k];
    else current[k] = v;
  }
  fs.writeFileSync(file, `${JSON.stringify(current, null, 4)}\n`);
}

/**
 * The web workbench keeps its own (window, network, web worker extension host…) logs in the
 * browser's IndexedDB, not on the server. Writes every log file it holds under `dir` and returns
 * the files written.
 */
export async function saveBrowserWorkbenchLogs(page: Page, dir: string): Promise<string[]> {
  const entries = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open('vscode-web-db');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!Array.from(db.objectStoreNames).includes('vscode-logs-store')) return [];
      const store = db.transaction('vscode-logs-store', 'readonly').objectStore('vscode-logs-store');
      const keys: IDBValidKey[] = await new Promise((resolve) => {
        const q = store.getAllKeys();
        q.onsuccess = () => resolve(q.result);
      });
      const values: unknown[] = await new Promise((resolve) => {
        const q = store.getAll();
        q.onsuccess = () => resolve(q.result);
      });
      return keys.map((key, i) => {
        const value = values[i];
        const text =
          value instanceof Uint8Array ? new TextDecoder().decode(value) : typeof value === 'string' ? value : JSON.stringify(value);
        return { key: String(key), text };
      });
    } finally {
      db.close();
    }
  });
  const root = path.resolve(dir);
  const written: string[] = [];
  for (const { key, text } of entries) {
    const file = path.resolve(root, `.${key.startsWith('/') ? key : `/${key}`}`);
    if (!file.startsWith(root + path.sep)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

/** Every regular file under `dir`, skipping folders named in `skip`. */
export function listFiles(dir: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!skip.includes(e.name)) walk(p);
      } else if (e.isFile()) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

/** Polls `check` until it returns a truthy value (returned) or throws the last error after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | null | false | '' | 0 | Promise<T | undefined | null | false | '' | 0>,
  timeoutMs = 10_000,
  what = 'condition',
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      if (last instanceof Error) throw last;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs "Set API Token" from the palette and submits the token in its password box. */
export async function enterApiToken(page: Page, token: string): Promise<void> {
  await paletteCommand(page, 'LaunchDarkly Usage: Set API Token');
  const box = page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ timeout: 10_000 });
  await box.fill(token);
  await page.keyboard.press('Enter');
}

/** Keeps the two newest earlier e2e run folders (and the current one); removes older ones. */
export function pruneOldRuns(parent: string, current: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((n) => /^e2e-\d+$/.test(n) && n !== current);
  } catch {
    return;
  }
  names.sort((a, b) => Number(b.slice(4)) - Number(a.slice(4)));
  for (const name of names.slice(2)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
}
