/** A workspace folder's readings by path and by folder, with the lookups pairing them needs. */
import { folderOf, foldersUpFrom, type FileKind } from './files';
import type { FileReading } from './reading';
import { addToList } from '../listMap';

/** How deep a chain of parent POMs or of property references is followed (a cycle stops there too). */
export const MAX_CHAIN = 16;

/** The readings by path and by folder, with the lookups the pairing needs. */
export class Readings {
  private readonly byPath = new Map<string, FileReading>();
  private readonly byFolder = new Map<string, FileReading[]>();

  constructor(readings: readonly FileReading[]) {
    for (const reading of readings) {
      this.byPath.set(reading.path, reading);
      const folder = folderOf(reading.path);
      addToList(this.byFolder, folder, reading);
    }
  }

  at(path: string | undefined): FileReading | undefined {
    return path === undefined ? undefined : this.byPath.get(path);
  }

  /** The first reading in the folder of the kinds named, in the order named. */
  inFolder(folder: string, kinds: readonly FileKind[]): FileReading | undefined {
    const here = this.byFolder.get(folder) ?? [];
    for (const kind of kinds) {
      const found = here.find((reading) => reading.kind === kind);
      if (found) return found;
    }
    return undefined;
  }

  /** The nearest reading of these kinds in the folder or one above it. */
  nearest(folder: string, kinds: readonly FileKind[]): FileReading | undefined {
    for (const at of foldersUpFrom(folder)) {
      const found = this.inFolder(at, kinds);
      if (found) return found;
    }
    return undefined;
  }
}
