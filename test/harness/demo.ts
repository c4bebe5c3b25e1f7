/**
 * `npm run demo`: the packaged extension in a real VS Code (code-server's web workbench) against the
 * local LaunchDarkly-compatible demo API, for a person to try in a browser.
 *
 * 1. builds dist/launchdarkly-sdk-usage.vsix when it is missing or older than the sources;
 * 2. installs Node 24 + code-server once into the cache folder (scripts/setup-e2e.sh);
 * 3. starts the demo API on 127.0.0.1 (token DEMO_TOKEN) and code-server with the extension
 *    installed and launchdarklyUsage.baseUrl pointing at the API, all state in .test-runs/demo-<ts>/;
 * 4. prints the URL, the token and how to stop; Ctrl+C (SIGINT), SIGTERM, SIGHUP or its parent
 *    process exiting stops both and removes the run folder.
 *
 * Env: DEMO_PORT fixes code-server's port (default: a free one); DEMO_API_PORT the API's.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_TOKEN, startLdApiServer, type LdApiServer } from '../server/ldApiServer';
import { ensureCodeServerInstalled, repoRoot, startCodeServer, type RunningCodeServer } from './codeServer';

const VSIX = path.join(repoRoot, 'dist', 'launchdarkly-sdk-usage.vsix');
/** What goes into the .vsix: when any of these is newer than it, it is built again. */
const PACKAGE_INPUTS = [
  'src',
  'webview',
  'media',
  'docs',
  'package.json',
  'esbuild.mjs',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
];

function log(message: string): void {
  process.stderr.write(`[demo] ${message}\n`);
}

function portFromEnv(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1-65535), not "${raw}"`);
  return port;
}

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function ensureVsix(): void {
  const built = fs.existsSync(VSIX) ? fs.statSync(VSIX).mtimeMs : 0;
  const sources = Math.max(...PACKAGE_INPUTS.map((p) => newestMtime(path.join(repoRoot, p))));
  if (built && built >= sources) {
    log(`using ${path.relative(repoRoot, VSIX)}`);
    return;
  }
  log(built ? 'sources changed since the .vsix was built: npm run package' : 'building the .vsix: npm run package');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<void> {
  const codeServerPort = portFromEnv('DEMO_PORT');
  const apiPort = portFromEnv('DEMO_API_PORT');

  let api: LdApiServer | undefined;
  let server: RunningCodeServer | undefined;
  let runDir: string | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (why: string): Promise<void> =>
    (stopping ??= (async () => {
      log(`${why}: stopping code-server and the demo API…`);
      await server?.stop().catch((e: unknown) => log(`code-server: ${String(e)}`));
      await api?.close().catch((e: unknown) => log(`demo API: ${String(e)}`));
      if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
      log(`stopped${runDir ? `; removed ${path.relative(repoRoot, runDir)}` : ''}.`);
    })());

  // Signals during start-up are remembered and acted on once whatever was starting is up (so it can be stopped).
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted || stopping) {
      log('still stopping…');
      return;
    }
    interrupted = signal;
    if (server) void stop(signal).then(() => process.exit(0));
    else log(`${signal}: stopping as soon as start-up reaches a safe point…`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal); // the terminal closed
  // `kill <npm's pid>` ends npm and its `sh -c` without passing the signal on: an orphaned demo stops too.
  const parent = process.ppid;
  // Whoever read our output may be gone by then; a write error must not stop the clean-up.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  setInterval(() => {
    if (process.ppid !== parent) onSignal('SIGHUP');
  }, 1000).unref();
  const bail = async () => {
    if (!interrupted) return;
    await stop(interrupted);
    process.exit(0);
  };

  try {
    ensureVsix();
    await bail();
    log('setting up code-server (first run only: about 2 minutes)…');
    ensureCodeServerInstalled();
    await bail();

    runDir = path.join(repoRoot, '.test-runs', `demo-${Date.now()}`);
    const folder = path.join(runDir, 'workspace');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'README.md'),
      `# LaunchDarkly SDK usage demo\n\nOpen the **LaunchDarkly Usage** view in the activity bar, choose **Set API Token** and paste\n\n    ${DEMO_TOKEN}\n\nThe data comes from a local demo API, not from LaunchDarkly.\n`,
    );

    api = await startLdApiServer({ token: DEMO_TOKEN, port: apiPort });
    await bail();
    server = await startCodeServer({
      runDir,
      folder,
      vsixPath: VSIX,
      port: codeServerPort,
      userSettings: { 'launchdarklyUsage.baseUrl': api.url },
    });
    await bail();
  } catch (error) {
    log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    await stop('start-up failed');
    process.exit(1);
  }

  const lines = [
    '',
    'SDK Usage for LaunchDarkly: demo',
    '',
    `  Open:        ${server.url}`,
    `  Demo token:  ${DEMO_TOKEN}`,
    '',
    '  In the activity bar choose "LaunchDarkly Usage", then "Set API Token", and paste the token.',
    '  Then "LaunchDarkly Usage: Show Upgrade Plan" shows LaunchDarkly\'s end-of-life verdicts and where each version runs.',
    `  Demo API:    ${api.url} (local, synthetic data)`,
    `  Logs:        ${path.relative(repoRoot, server.logFile)}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
