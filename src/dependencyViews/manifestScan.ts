/**
 * Finds and reads the open workspace folders' manifests and lockfiles through VS Code (so virtual
 * workspaces work too), keeps each folder's scan current as files change, and logs each file that
 * cannot be read once. Read-only: files are listed, stat'ed and read, never run or written.
 *
 * - Listing: `findFiles` for the reader's file names, excluding its skipped folders (node_modules,
 *   vendor, .git, build outputs…); what it finds is checked against `files.exclude` and
 *   `search.exclude`. A virtual folder whose file system offers no search (findFiles would wait for
 *   one for ever) is walked with `readDirectory` instead, with the same exclusions, bounded.
 * - Changes: a watcher per folder on the same names; a created or deleted file lists the folder
 *   again, a changed one is read again; events are gathered for DEBOUNCE_MS, then one rescan.
 * - Folders added or removed, and changes to either exclude setting, rescan what they concern.
 */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { unreadableFileLogLine } from '../presentation/dependencyWords';
import { excludeMatcher, excludePatterns } from '../sdkDependencies/excludes';
import { FolderScan, type FolderFiles } from '../sdkDependencies/folderScan';
import type { WorkspaceReader } from '../workspace/index';
import type { WorkspaceScan } from '../workspace/types';

/** Changes arriving within this time (a branch switch, a package manager writing several files) cost one rescan. */
const DEBOUNCE_MS = 300;
/** More manifests than this in one folder are not read (a monorepo has hundreds; this bounds a pathological one). */
const MAX_LISTED = 10_000;
/** How long a virtual folder's file search may take before its folders are walked instead. */
const SEARCH_TIMEOUT_MS = 10_000;
/** How many folders a walk of a virtual folder enters at most. */
const MAX_WALKED_FOLDERS = 5_000;

export interface FolderResult {
  readonly folder: vscode.WorkspaceFolder;
  readonly scan: WorkspaceScan;
}

/** The path of `uri` relative to the folder, `/`-separated, or undefined when it is not inside it. */
export function relativeTo(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return undefined;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

/** One folder's scan and what is waiting to be done to it. */
class FolderEntry {
  result: WorkspaceScan | undefined;
  changed = new Set<string>();
  relist = true;
  timer: ReturnType<typeof setTimeout> | undefined;
  running = false;
  /** Resolves when nothing is waiting or running. */
  idle: Promise<void> = Promise.resolve();
  settle: (() => void) | undefined;
  /** Problems already logged, as JSON of [file, reason]. */
  logged = new Set<string>();

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly scan: FolderScan,
    readonly watcher: vscode.Disposable,
  ) {}
}

export class ManifestScanner implements vscode.Disposable {
  private readonly entries = new Map<string, FolderEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  /** Time spent finding files (the searches and walks), for the log's account of a scan. */
  listingMs = 0;

  constructor(
    private readonly reader: WorkspaceReader,
    private readonly logger: Logger,
  ) {}

  /** Scans every open folder and keeps watching; resolves once each has been scanned. */
  start(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        for (const folder of removed) this.remove(folder);
        for (const folder of added) this.add(folder);
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        for (const entry of this.entries.values()) {
          const scope = entry.folder.uri;
          if (event.affectsConfiguration('files.exclude', scope) || event.affectsConfiguration('search.exclude', scope)) {
            entry.relist = true;
            this.schedule(entry, 0);
          }
        }
      }),
    );
    return this.whenIdle();
  }

  /** Lists and reads every folder again (the view's Rescan). */
  rescan(): Promise<void> {
    for (const entry of this.entries.values()) {
      entry.relist = true;
      this.schedule(entry, 0);
    }
    return this.whenIdle();
  }

  /** Resolves when no folder has a scan waiting or running. */
  async whenIdle(): Promise<void> {
    for (let pending = this.pending(); pending.length; pending = this.pending()) await Promise.all(pending);
  }

  private pending(): Promise<void>[] {
    return [...this.entries.values()].filter((e) => e.timer !== undefined || e.running).map((e) => e.idle);
  }

  /** Every folder that has been scanned, in the workspace's order. */
  results(): FolderResult[] {
    const results: FolderResult[] = [];
    for (const entry of this.entries.values()) if (entry.result) results.push({ folder: entry.folder, scan: entry.result });
    return results.sort((a, b) => a.folder.index - b.folder.index);
  }

  /** The manifests and lockfiles of every folder. */
  get fileCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) count += entry.scan.fileCount;
    return count;
  }

  /** Whether a folder is open at all, and whether every one has been scanned once. */
  get folderCount(): number {
    return this.entries.size;
  }

  get scanning(): boolean {
    return [...this.entries.values()].some((e) => e.result === undefined);
  }

  private add(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    if (this.entries.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.reader.WORKSPACE_FILE_GLOB));
    const entry = new FolderEntry(folder, new FolderScan(this.reader, this.folderFiles(folder)), watcher);
    const onEvent = (uri: vscode.Uri, relist: boolean) => {
      const path = relativeTo(folder.uri, uri);
      if (path === undefined || !this.reader.fileKindOf(path)) return;
      if (relist) entry.relist = true;
      else entry.changed.add(path);
      this.schedule(entry, DEBOUNCE_MS);
    };
    watcher.onDidCreate((uri) => onEvent(uri, true));
    watcher.onDidDelete((uri) => onEvent(uri, true));
    watcher.onDidChange((uri) => onEvent(uri, false));
    this.entries.set(key, entry);
    this.schedule(entry, 0);
  }

  private remove(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.watcher.dispose();
    entry.settle?.();
    this.entries.delete(key);
  }

  private schedule(entry: FolderEntry, delayMs: number): void {
    if (this.disposed) return;
    if (entry.timer === undefined && !entry.running) entry.idle = new Promise((resolve) => (entry.settle = resolve));
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(entry);
    }, delayMs);
  }

  /** Runs the waiting work of one folder, and again while more arrived meanwhile. */
  private async run(entry: FolderEntry): Promise<void> {
    if (entry.running) return;
    entry.running = true;
    try {
      while ((entry.relist || entry.changed.size > 0) && this.entries.get(entry.folder.uri.toString()) === entry && !this.disposed) {
        const changed = entry.changed;
        const relist = entry.relist;
        entry.changed = new Set();
        entry.relist = false;
        try {
          entry.result = await entry.scan.sync(changed, relist);
          this.logProblems(entry);
        } catch (error) {
          entry.result ??= { dependencies: [], problems: [] };
          this.logger.error(
            `Scanning ${entry.folder.name} for LaunchDarkly SDKs failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        if (!this.disposed) this.changed.fire();
      }
    } finally {
      entry.running = false;
      if (entry.timer === undefined) entry.settle?.();
    }
  }

  /** One log line per file that could not be read, the first time it is seen so. */
  private logProblems(entry: FolderEntry): void {
    const now = new Set<string>();
    for (const problem of entry.result?.problems ?? []) {
      const key = JSON.stringify([problem.file, problem.reason]);
      now.add(key);
      if (!entry.logged.has(key)) this.logger.warn(unreadableFileLogLine(this.fileLabel(entry.folder, problem.file), problem.reason));
    }
    entry.logged = now;
  }

  /** A file as the views name it: with its folder's name when several folders are open. */
  fileLabel(folder: vscode.WorkspaceFolder, file: string): string {
    return this.entries.size > 1 ? `${folder.name}/${file}` : file;
  }

  /** The folder's files as the scan reads them: through VS Code's file system, so virtual folders work too. */
  private folderFiles(folder: vscode.WorkspaceFolder): FolderFiles {
    const uriOf = (path: string) => vscode.Uri.joinPath(folder.uri, path);
    return {
      list: () => this.list(folder),
      size: async (path) => {
        try {
          return (await vscode.workspace.fs.stat(uriOf(path))).size;
        } catch (error) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
          throw error;
        }
      },
      read: (path) => Promise.resolve(vscode.workspace.fs.readFile(uriOf(path))),
    };
  }

  private async list(folder: vscode.WorkspaceFolder): Promise<string[]> {
    const started = performance.now();
    try {
      return await this.listFiles(folder);
    } finally {
      this.listingMs += performance.now() - started;
    }
  }

  private async listFiles(folder: vscode.WorkspaceFolder): Promise<string[]> {
    const excluded = excludeMatcher(
      excludePatterns([
        vscode.workspace.getConfiguration('files', folder.uri).get('exclude'),
        vscode.workspace.getConfiguration('search', folder.uri).get('exclude'),
      ]),
    );
    const pattern = new vscode.RelativePattern(folder, this.reader.WORKSPACE_FILE_GLOB);
    const search = Promise.resolve(vscode.workspace.findFiles(pattern, this.reader.SKIPPED_FOLDERS_GLOB, MAX_LISTED + 1));
    // A local folder always has a search; a virtual one may have none, and then findFiles never answers.
    const found = folder.uri.scheme === 'file' ? await search : await withTimeout(search, SEARCH_TIMEOUT_MS);
    const paths = found
      ? found.map((uri) => relativeTo(folder.uri, uri)).filter((path): path is string => path !== undefined)
      : await this.walk(folder, excluded);
    const kept = paths.filter((path) => this.reader.fileKindOf(path) !== undefined && !excluded(path));
    if (kept.length > MAX_LISTED) {
      this.logger.warn(`${folder.name} holds more than ${MAX_LISTED} manifests and lockfiles; only the first ${MAX_LISTED} are read.`);
      kept.length = MAX_LISTED;
    }
    return kept;
  }

  /** The reader's files under a folder, found by walking it (virtual folders without a search), bounded. */
  private async walk(folder: vscode.WorkspaceFolder, excluded: (path: string) => boolean): Promise<string[]> {
    const skipped = new Set(this.reader.SKIPPED_FOLDERS);
    const files: string[] = [];
    const queue = [''];
    let walked = 0;
    for (let dir = queue.shift(); dir !== undefined && walked < MAX_WALKED_FOLDERS; dir = queue.shift()) {
      walked++;
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, dir));
      } catch {
        continue;
      }
      for (const [name, type] of entries) {
        const path = dir === '' ? name : `${dir}/${name}`;
        if (excluded(path)) continue;
        if (type & vscode.FileType.Directory) {
          if (!skipped.has(name)) queue.push(path);
        } else if (this.reader.fileKindOf(path)) files.push(path);
      }
    }
    if (queue.length) this.logger.warn(`${folder.name} was searched for manifests in its first ${MAX_WALKED_FOLDERS} folders only.`);
    return files;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of [...this.entries.values()]) this.remove(entry.folder);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** The promise's value, or undefined when it takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      () => (clearTimeout(timer), resolve(undefined)),
    );
  });
}
