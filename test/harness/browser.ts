/**
 * Headless Debian Chromium driven by playwright-core (Playwright cannot download its own browsers
 * here). The profile, Playwright's artifacts and the browser's HOME live under runDir; its TMPDIR is a short folder in /tmp.
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

export interface LaunchBrowserOptions {
  /**
   * false: Playwright installs no SIGINT/SIGTERM/SIGHUP handlers of its own (they kill the browser
   * and exit the process at once, before the caller's cleanup can stop its servers); the caller
   * then handles signals and closes the browser itself. Default true.
   */
  handleSignals?: boolean;
}

export async function launchBrowser(runDir: string, opts: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const root = path.resolve(runDir);
  const profile = path.join(root, 'chromium-profile');
  const home = path.join(root, 'chromium-home'); // Chromium writes ~/.pki/nssdb and ~/.config otherwise
  // Chromium puts its singleton socket in TMPDIR, and a Unix socket path may not exceed 107 bytes:
  // under a run folder of a deeply cloned checkout it would, and Chromium aborts. A short folder of
  // its own in /tmp, removed when the browser closes, works wherever the checkout is.
  const tmp = fs.mkdtempSync('/tmp/ldu-chromium-');
  const artifacts = path.join(root, 'playwright-artifacts');
  for (const d of [profile, home, artifacts]) fs.mkdirSync(d, { recursive: true });

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
    handleSIGINT: opts.handleSignals ?? true,
    handleSIGTERM: opts.handleSignals ?? true,
    handleSIGHUP: opts.handleSignals ?? true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closing: Promise<void> | undefined;
  return {
    browser: context.browser(),
    context,
    page,
    close: () =>
      (closing ??= context
        .close()
        .catch(() => undefined)
        .finally(() => fs.rmSync(tmp, { recursive: true, force: true }))),
  };
}

/** Opens the workbench and waits until it is built (/healthz answers even when it is not). */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
}

/**
 * Runs a command from the F1 palette by its full label, e.g. 'Harness Sample: Say Hello'.
 * Right after the workbench appears the extensions may not be registered yet (the palette then says
 * "No matching commands" and does not refresh while open), so it closes the palette and tries again
 * until `timeoutMs`; a palette that does not open is asked for again the same way.
 */
export async function runCommand(page: Page, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const ours = rows.filter({ hasText: label });
  for (;;) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    // An F1 pressed before the workbench takes keys is lost: after a short wait it is pressed again.
    const opened = await input.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(1000, deadline - Date.now())) }).then(
      () => true,
      () => false,
    );
    if (!opened) {
      if (Date.now() > deadline) throw new Error(`the command palette did not open within ${timeoutMs} ms`);
      continue;
    }
    await input.fill(`>${label}`);
    // Wait briefly for the list to settle on this filter.
    const found = await ours
      .first()
      .waitFor({ state: 'visible', timeout: Math.min(2000, Math.max(100, deadline - Date.now())) })
      .then(
        () => true,
        () => false,
      );
    if (found) {
      // Prefer an exact label match (the filter is fuzzy: 'Foo: Open' also shows 'Foo: Open Settings').
      const texts = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
      let index = texts.findIndex((t) => t.split(/,\s|\n/)[0].trim() === label);
      if (index < 0) index = texts.findIndex((t) => t.includes(label));
      await rows.nth(Math.max(0, index)).click();
      await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      return;
    }
    if (Date.now() > deadline) {
      const shown = await rows.allInnerTexts().catch(() => []);
      await page.keyboard.press('Escape');
      throw new Error(`command '${label}' not found in the palette within ${timeoutMs} ms (rows: ${JSON.stringify(shown.slice(0, 5))})`);
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
}

export async function screenshot(page: Page, file: string): Promise<string> {
  const abs = path.resolve(file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await page.screenshot({ path: abs });
  return abs;
}
