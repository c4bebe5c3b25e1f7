/**
 * One workspace folder's scan as the host runs it, with its file system passed in (VS Code's in the
 * extension, Node's in the benchmark, an in-memory one in unit tests): list the candidate files,
 * read each one (a file over the reader's size cap is not read at all), keep each file's reading,
 * and pair them all. After a change only what changed is read again, and the readings are paired
 * anew (pairing is cheap). No `vscode` import.
 */
import type { WorkspaceReader } from '../workspace/index';
import type { FileReading } from '../workspace/reading';
import type { WorkspaceScan } from '../workspace/types';

/** The reader's functions a scan uses (from dist/workspace.js in the extension). */
export type ScanReader = Pick<
  WorkspaceReader,
  'readWorkspaceFile' | 'pairReadings' | 'fileKindOf' | 'MAX_FILE_BYTES' | 'TOO_LARGE_PROBLEM'
>;

export interface FolderFiles {
  /** The folder's candidate files: paths relative to it, `/`-separated, with the excludes applied. */
  list(): Promise<readonly string[]>;
  /** A file's size in bytes; undefined when it is gone. */
  size(path: string): Promise<number | undefined>;
  read(path: string): Promise<Uint8Array>;
}

/** Files read at once: enough to overlap waiting on the disk, few enough to bound the bytes held. */
const PARALLEL_READS = 8;

export class FolderScan {
  /** Each file's reading by path; files the reader does not know have none. */
  private readonly readings = new Map<string, FileReading>();
  private listed = false;

  constructor(
    private readonly reader: ScanReader,
    private readonly files: FolderFiles,
  ) {}

  /** How many manifests and lockfiles the folder holds (those read, and those that could not be). */
  get fileCount(): number {
    return this.readings.size;
  }

  /**
   * Lists the folder again when `relist` (or on the first call): new files are read and files no
   * longer listed dropped. Files named in `changed` that were read before are read again.
   */
  async sync(changed: Iterable<string>, relist: boolean): Promise<WorkspaceScan> {
    const toRead = new Set<string>();
    if (relist || !this.listed) {
      const listed = new Set(await this.files.list());
      this.listed = true;
      for (const path of [...this.readings.keys()]) if (!listed.has(path)) this.readings.delete(path);
      for (const path of listed) if (!this.readings.has(path)) toRead.add(path);
    }
    for (const path of changed) if (this.readings.has(path)) toRead.add(path);
    const queue = [...toRead];
    const worker = async () => {
      for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
        const reading = await this.readOne(path);
        if (reading) this.readings.set(path, reading);
        else this.readings.delete(path);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
    return this.reader.pairReadings([...this.readings.values()]);
  }

  /** The reading of one file; undefined when the reader does not know its name or it is gone. */
  private async readOne(path: string): Promise<FileReading | undefined> {
    const kind = this.reader.fileKindOf(path);
    if (!kind) return undefined;
    const unread = (problem: string): FileReading => ({ path, kind, declared: [], locked: [], problem });
    let size: number | undefined;
    try {
      size = await this.files.size(path);
    } catch {
      size = undefined;
    }
    if (size === undefined) return undefined;
    if (size > this.reader.MAX_FILE_BYTES) return unread(this.reader.TOO_LARGE_PROBLEM);
    let content: Uint8Array;
    try {
      content = await this.files.read(path);
    } catch (error) {
      return unread(`could not be read (${error instanceof Error ? error.name : 'unknown error'})`);
    }
    return this.reader.readWorkspaceFile({ path, content });
  }
}
