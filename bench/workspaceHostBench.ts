/**
 * The workspace scan of issue 22 on disk: the synthetic workspace of bench/syntheticWorkspace.ts
 * (20,000 files, 500 manifests and lockfiles) written to a folder, then scanned two ways.
 *
 * - In the extension host (the real path): the packaged extension in code-server, activated by a
 *   palette command that starts no scan; then "Rescan This Workspace" loads dist/dependencies.js,
 *   dist/workspace.js and the catalogue and scans through findFiles and workspace.fs. Time: the
 *   extension's own "Found … in X ms." line (from the bundle's start to every folder scanned).
 *   Extra memory: the extension host's resident-set high-water mark during the scan over its
 *   resident set just before (VmHWM reset through /proc/<pid>/clear_refs first).
 * - The scan core alone with Node's file system (`--disk <folder>`, a child process of its own so
 *   the figure is cold): the same FolderScan and the bundled reader, files listed by walking the
 *   folder without the reader's skipped folders. Same two figures, for this process.
 *
 * Standalone: `node --import tsx bench/workspaceHostBench.ts --disk <folder>` prints one JSON object
 * (the folder must hold the workspace: run the whole bench once with BENCH_KEEP=1, or write it with
 * `--write <folder>`). The whole bench calls `benchWorkspaceScan`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, openWorkbench, type LaunchedBrowser } from '../test/harness/browser';
import { processTree, startCodeServer, type RunningCodeServer } from '../test/harness/codeServer';
import { eventually, listFiles, paletteCommand } from '../test/harness/workbench';
import { FolderScan } from '../src/sdkDependencies/folderScan';
import type { WorkspaceReader } from '../src/workspace/index';
import { syntheticWorkspace } from './syntheticWorkspace';

const root = path.resolve(__dirname, '..');
const MB = (bytes: number) => Math.round(bytes / 1e5) / 10;

export interface ScanFigures {
  readonly ms: number;
  readonly peakRssExtraMB: number;
  readonly dependencies: number;
  readonly files: number;
}

export interface WorkspaceScanResult {
  readonly workspace: { readonly files: number; readonly manifests: number; readonly lockfiles: number; readonly writtenMs: number };
  readonly extensionHost: ScanFigures;
  readonly disk: ScanFigures;
}

function statusBytes(pid: number | 'self', field: string): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Writes the synthetic workspace under `folder`; returns its counts. */
export function writeWorkspace(folder: string): { files: number; manifests: number; lockfiles: number } {
  const { files, manifests, lockfiles } = syntheticWorkspace();
  for (const file of files) {
    const target = path.join(folder, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  return { files: files.length, manifests, lockfiles };
}

/** The scan core over Node's file system, in this process: time and peak extra resident set. */
async function diskScan(folder: string): Promise<ScanFigures> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reader = (require(path.join(root, 'dist', 'workspace.js')) as { workspaceReader: WorkspaceReader }).workspaceReader;
  const skipped = new Set(reader.SKIPPED_FOLDERS);
  const list = async () => {
    const found: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await fs.promises.readdir(path.join(folder, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!skipped.has(entry.name)) await walk(rel);
        } else if (reader.fileKindOf(rel)) found.push(rel);
      }
    };
    await walk('');
    return found;
  };
  const scan = new FolderScan(reader, {
    list,
    size: async (rel) => (await fs.promises.stat(path.join(folder, rel))).size,
    read: (rel) => fs.promises.readFile(path.join(folder, rel)),
  });
  const baseline = statusBytes('self', 'VmRSS');
  fs.writeFileSync('/proc/self/clear_refs', '5');
  const started = performance.now();
  const result = await scan.sync([], true);
  const ms = performance.now() - started;
  return {
    ms: Math.round(ms),
    peakRssExtraMB: MB(statusBytes('self', 'VmHWM') - baseline),
    dependencies: result.dependencies.length,
    files: scan.fileCount,
  };
}

/** The extension host of a code-server: the process whose command line says so. */
function extensionHostPid(server: RunningCodeServer): number {
  const hosts = processTree(server.pid).filter(({ pid }) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extensionHost');
    } catch {
      return false;
    }
  });
  if (hosts.length !== 1) throw new Error(`expected one extension host process, found ${hosts.length}`);
  return hosts[0]!.pid;
}

/** The extension's log lines matching `pattern`, across its log files. */
function logLines(logsDir: string, pattern: RegExp): RegExpExecArray[] {
  return listFiles(logsDir)
    .filter((f) => path.basename(f).endsWith('LaunchDarkly Usage.log'))
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
    .flatMap((line) => {
      const match = pattern.exec(line);
      return match ? [match] : [];
    });
}

async function hostScan(runDir: string, folder: string, vsixPath: string, log: (message: string) => void): Promise<ScanFigures> {
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  try {
    // No API host: this measures the scan, and no usage is loaded (so nothing else starts it).
    server = await startCodeServer({ runDir, folder, vsixPath, userSettings: { 'npm.fetchOnlinePackageInfo': false } });
    browser = await launchBrowser(runDir);
    const page = browser.page;
    await openWorkbench(page, server.url);
    const logsDir = path.join(server.userDataDir, 'logs');
    // A command that activates the extension and starts no scan.
    await paletteCommand(page, "LaunchDarkly Usage: Upgrade Plan: Only This Workspace's SDKs");
    await eventually(() => logLines(logsDir, /Activated in/).length > 0, 30_000, 'activation');
    // Let the window settle (other extensions, file watching) before the baseline is taken.
    await page.waitForTimeout(3000);
    const pid = extensionHostPid(server);
    const baseline = statusBytes(pid, 'VmRSS');
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    await paletteCommand(page, 'LaunchDarkly Usage: Rescan This Workspace');
    const found = await eventually(
      () => logLines(logsDir, /Found (\d+) LaunchDarkly SDK dependencies in (\d+) manifests and lockfiles .* in (\d+) ms /)[0],
      120_000,
      'the scan',
    );
    const peak = statusBytes(pid, 'VmHWM');
    log(`extension host: ${found[0]}`);
    return { ms: Number(found[3]), peakRssExtraMB: MB(peak - baseline), dependencies: Number(found[1]), files: Number(found[2]) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
}

export async function benchWorkspaceScan(opts: {
  runDir: string;
  vsixPath: string;
  log: (message: string) => void;
}): Promise<WorkspaceScanResult> {
  const folder = path.join(opts.runDir, 'ws');
  const writing = performance.now();
  const counts = writeWorkspace(folder);
  const writtenMs = Math.round(performance.now() - writing);
  opts.log(`workspace written: ${counts.files} files in ${writtenMs} ms`);
  // The disk figures in a fresh process, so nothing of this run is warm or held in it.
  const disk = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'workspaceHostBench.ts'), '--disk', folder], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as ScanFigures;
  opts.log(`scan core from disk: ${disk.ms} ms, +${disk.peakRssExtraMB} MB peak`);
  const extensionHost = await hostScan(path.join(opts.runDir, 'cs'), folder, opts.vsixPath, opts.log);
  return { workspace: { ...counts, writtenMs }, extensionHost, disk };
}

if (require.main === module) {
  const [flag, folder] = process.argv.slice(2);
  if (flag === '--write' && folder) process.stdout.write(`${JSON.stringify(writeWorkspace(folder))}\n`);
  else if (flag === '--disk' && folder) void diskScan(folder).then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`));
  else throw new Error('usage: workspaceHostBench.ts --disk <folder> | --write <folder>');
}
