/**
 * Runs an extension's integration tests (a module exporting `run(): Promise<void>`, e.g. mocha used
 * programmatically) inside code-server's real, remote (Node) extension host, driven by headless
 * Chromium. The counterpart of @vscode/test-electron's runTests() on this offline machine.
 *
 * How it works (verified against code-server 4.139.1 / VS Code 1.139.1 sources):
 * - The web workbench reads `?payload=<JSON array of [key, value]>`; keys used here:
 *   ["extensionDevelopmentPath", "vscode-remote://127.0.0.1:PORT/abs/ext/dir"] and
 *   ["extensionTestsPath", "vscode-remote://127.0.0.1:PORT/abs/path/index.js"]. The authority must be
 *   the page's `location.host` (the workbench's remote authority); the vscode-remote scheme makes the
 *   workbench pick the *remote* extension host for the tests (findTestExtensionHost), and the server
 *   maps the URI to the plain file path. A built product honours the payload only with the smoke-test
 *   driver on, so startCodeServer passes `--vscode-option enable-smoke-test-driver` (code-server's
 *   pass-through to the VS Code server) whenever it builds a payload.
 * - When run() settles, the workbench stops the extension hosts and calls
 *   `window.codeAutomationExit(code, logs)` (0 when run() resolved, 1 when it rejected or threw;
 *   `logs` are the window's log files). We expose that function with page.exposeFunction.
 * - Test output reaches our stdout live, in order, formatted exactly as Node's console would:
 *   we add ["debugId", "harness-..."] to the payload. Without a debugId ("test run from the CLI") the
 *   workbench writes the extension host's console calls into its own log service *unlabelled*
 *   (indistinguishable from the workbench's own "info" noise, also what window.codeAutomationLog
 *   gets). With one, MainThreadConsole prints each call in the page's console as
 *   [`%c[Extension Host] %c${first}`, 'color: blue', 'color: ', ...rest]; we listen to page
 *   'console', keep those, drop the decoration and apply util.format to the original arguments
 *   (so mocha's `console.log('%s', title)` lines and objects come out as in a terminal), writing
 *   log/info/debug to stdout and warn/error to stderr. process.stdout.write in the extension host is
 *   forwarded the same way, line by line. The exit code is reported only after every earlier
 *   console message has been printed. (A debugId also makes the extension host write its console
 *   to its real stdout, which the server copies into code-server.log.) The debugId changes nothing
 *   else here: the server drops it because no inspect port is given, and dialogs are still skipped.
 *   Nothing is required of the test module except logging to the console; colours are off because
 *   the extension host's stdout is not a TTY. Workbench log lines (codeAutomationLog), browser
 *   console errors, and the window's log files at exit are kept in runDir (workbench-log.txt,
 *   workbench-logs/) for debugging.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';

export interface ExtensionTestRunOptions {
  /** Folder of the extension under test (its package.json). */
  extensionDevelopmentPath: string;
  /** Compiled JS module exporting run(): Promise<void>. */
  extensionTestsPath: string;
  /** Workspace folder to open. */
  folder: string;
  /** All state of the run (server, browser, logs) lives here. */
  runDir: string;
  userSettings?: Record<string, unknown>;
  /** Extra env for the server and so the extension host (process.env of the tests). */
  env?: Record<string, string>;
  /** Whole run, from starting the server to the exit code. Exceeding it is a failure (exit code 1). */
  timeoutMs: number;
  /** Optional .vsix to install first (e.g. a dependency the extension needs). */
  vsixPath?: string;
  /** Where the extension host's console goes; default: process.stdout / process.stderr. */
  out?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export interface ExtensionTestRunResult {
  exitCode: number;
}

const EXT_HOST_CONSOLE_PREFIX = '%c[Extension Host]';

/**
 * Undoes the workbench's decoration of an extension host console call (MainThreadConsole's
 * logRemoteEntry): [`%c[Extension Host] %c${first}`, 'color: blue', 'color: ', ...rest] when the
 * first argument is a string, [`%c[Extension Host]%`, 'color: blue', ...args] otherwise; then
 * formats like Node's console (util.format, so %s / %d / %o and objects come out as in a terminal).
 */
export function formatExtHostConsole(values: unknown[]): string | undefined {
  const [head, , ...more] = values;
  if (typeof head !== 'string' || !head.startsWith(EXT_HOST_CONSOLE_PREFIX)) return undefined;
  const afterLabel = head.slice(EXT_HOST_CONSOLE_PREFIX.length);
  if (afterLabel.startsWith(' %c')) {
    const [, ...rest] = more; // drop the 'color: ' that resets the label's colour
    return format(afterLabel.slice(3), ...rest);
  }
  return format(...more);
}

export async function runExtensionTestsInCodeServer(opts: ExtensionTestRunOptions): Promise<ExtensionTestRunResult> {
  const runDir = path.resolve(opts.runDir);
  fs.mkdirSync(runDir, { recursive: true });
  const out = opts.out ?? ((text, stream) => (stream === 'stderr' ? process.stderr : process.stdout).write(text));
  const workbenchLog = fs.createWriteStream(path.join(runDir, 'workbench-log.txt'));

  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await browser?.close();
      await server?.stop();
      await new Promise<void>((r) => workbenchLog.end(r));
    })());

  let timer: NodeJS.Timeout | undefined;
  let abort!: (err: Error) => void;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => undefined);

  // Ctrl-C / kill: abort the run; the finally below stops browser and server (they run in their
  // own process groups, so the terminal's signal does not reach them) and then we exit.
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    out(`\n[harness] ${signal}: stopping code-server and the browser\n`, 'stderr');
    abort(new Error(`interrupted by ${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const started = Date.now();

  const run = async (): Promise<number> => {
    for (const [what, p] of [
      ['extensionDevelopmentPath', path.join(opts.extensionDevelopmentPath, 'package.json')],
      ['extensionTestsPath', opts.extensionTestsPath],
    ]) {
      const abs = path.resolve(p);
      if (!fs.existsSync(abs) && !fs.existsSync(`${abs}.js`)) throw new Error(`${what}: ${abs} does not exist (build the tests first?)`);
    }
    server = await startCodeServer({
      runDir,
      folder: opts.folder,
      vsixPath: opts.vsixPath,
      userSettings: opts.userSettings,
      env: opts.env,
      extensionDevelopmentPath: path.resolve(opts.extensionDevelopmentPath),
      extensionTestsPath: path.resolve(opts.extensionTestsPath),
      // A debugId makes the workbench print the extension host's console calls in the page's
      // console with an "[Extension Host]" label (instead of mixing them, unlabelled, into its own
      // log) and makes the extension host also write them to its real stdout (-> code-server.log).
      extraPayload: [['debugId', `harness-${process.pid}-${Date.now()}`]],
    });
    await Promise.race([aborted, Promise.resolve()]);
    browser = await launchBrowser(runDir);
    const { page } = browser;

    let resolveExit!: (code: number) => void;
    const exited = new Promise<number>((r) => (resolveExit = r));
    // Console messages are handled one after the other (reading their arguments is async), and the
    // exit code is reported only after every message that came before it has been printed.
    let consoleQueue: Promise<void> = Promise.resolve();
    page.on('console', (msg) => {
      const text = msg.text();
      if (!text.startsWith(EXT_HOST_CONSOLE_PREFIX)) {
        if (msg.type() === 'error' || msg.type() === 'warning') workbenchLog.write(`console.${msg.type()} ${text}\n`);
        return;
      }
      const stream = msg.type() === 'error' || msg.type() === 'warning' ? 'stderr' : 'stdout';
      const handles = msg.args();
      consoleQueue = consoleQueue.then(async () => {
        const values = await Promise.all(handles.map((h) => h.jsonValue().catch(() => '[unserializable]')));
        const line = formatExtHostConsole(values) ?? text;
        out(`${line}\n`, stream);
      });
    });
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const [first, ...rest] = Array.isArray(args) ? args : [args];
      workbenchLog.write(
        `${level} ${format(typeof first === 'string' ? first : '%o', ...(typeof first === 'string' ? rest : [first, ...rest]))}\n`,
      );
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
      saveWorkbenchLogs(runDir, logs);
      const exitCode = typeof code === 'number' ? code : 1;
      void consoleQueue.then(() => resolveExit(exitCode));
    });
    page.on('pageerror', (err) => workbenchLog.write(`pageerror ${err.stack ?? err.message}\n`));
    const crashed = new Promise<never>((_, reject) => {
      page.on('crash', () => reject(new Error('the browser page crashed')));
      page.on('close', () => reject(new Error('the workbench page closed before the tests reported an exit code')));
    });
    crashed.catch(() => undefined);
    // With a debugId the workbench closes its window when the server broadcasts "close debug session
    // <debugId>", which losing the extension host connection sends. Not seen to race with the exit
    // report in practice (probed), but a test window has no reason to close itself: make it a no-op.
    await page.addInitScript(() => {
      window.close = () => undefined;
    });

    await Promise.race([aborted, page.goto(server.url, { waitUntil: 'domcontentloaded' })]);
    out(`[harness] workbench page loaded ${Date.now() - started} ms after start; running ${opts.extensionTestsPath}\n`, 'stderr');
    return Promise.race([exited, crashed, aborted]);
  };

  const running = run();
  running.catch(() => undefined);
  try {
    timer = setTimeout(() => abort(new Error(`extension tests did not finish within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const exitCode = await Promise.race([running, aborted]);
    out(`[harness] extension tests exited with code ${exitCode} after ${Date.now() - started} ms\n`, 'stderr');
    return { exitCode };
  } catch (err) {
    out(`[harness] extension test run failed: ${err instanceof Error ? err.message : String(err)}\n`, 'stderr');
    if (server) out(`[harness] code-server log: ${server.logFile}; workbench log: ${path.join(runDir, 'workbench-log.txt')}\n`, 'stderr');
    return { exitCode: 1 };
  } finally {
    if (timer) clearTimeout(timer);
    // Let a start that is still in progress finish (each step is bounded) so that what it started is stopped too.
    await running.catch(() => undefined);
    const stopStart = Date.now();
    await cleanup();
    if (server || browser) out(`[harness] browser and code-server stopped in ${Date.now() - stopStart} ms\n`, 'stderr');
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (interruptedBy) process.exit(interruptedBy === 'SIGINT' ? 130 : 143);
  }
}

function saveWorkbenchLogs(runDir: string, logs: unknown): void {
  if (!Array.isArray(logs)) return;
  const dir = path.join(runDir, 'workbench-logs');
  for (const entry of logs) {
    const rel = (entry as { relativePath?: unknown }).relativePath;
    const contents = (entry as { contents?: unknown }).contents;
    if (typeof rel !== 'string' || typeof contents !== 'string') continue;
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}
