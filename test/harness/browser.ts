/**
 * Headless Debian Chromium driven by playwright-core (Playwright cannot download its own browsers
 * here). The profile, Playwright's artifacts and the browser's HOME/TMPDIR all live under runDir.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  /** null: a persistent context (profile under runDir) has no separate Browser object. */
  browser: Browser | null;
  context: BrowserContext;
  page: Page;
  /** Closes the context and so the browser process. Idempotent. */
  close(): Promise<void>;
}

export async function launchBrowser(runDir: string): Promise<LaunchedBrowser> {
  const root = path.resolve(runDir);
  const profile = path.join(root, 'chromium-profile');
  const home = path.join(root, 'chromium-home'); // Chromium writes ~/.pki/nssdb and ~/.config otherwise
  const tmp = path.join(root, 'tmp');
  const artifacts = path.join(root, 'playwright-artifacts');
  for (const d of [profile, home, tmp, artifacts]) fs.mkdirSync(d, { recursive: true });

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    HOME: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
  });

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    env,
    artifactsDir: artifacts,
    tracesDir: artifacts,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closing: Promise<void> | undefined;
  return {
    browser: context.browser(),
    context,
    page,
    close: () => (closing ??= context.close().catch(() => undefined)),
  };
}

/** Opens the workbench and waits until it is built (/healthz answers even when it is not). */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
}

/** Runs a command from the F1 palette by its full label, e.g. 'Harness Sample: Say Hello'. */
export async function runCommand(page: Page, label: string, timeoutMs = 15_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  // The list filters as you type; Enter picks the focused (first) row, so make sure it is ours.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const first = (await rows.first().getAttribute('aria-label')) ?? (await rows.first().innerText());
  if (!first.includes(label)) {
    await row.click();
  } else {
    await page.keyboard.press('Enter');
  }
  await input.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
}

export async function screenshot(page: Page, file: string): Promise<string> {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await page.screenshot({ path: abs });
  return abs;
}
