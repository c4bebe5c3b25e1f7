/**
 * The host's side of saved answers (answerCache.ts): the folder they live in, `saved-answers` in
 * the extension's global storage, through `vscode.workspace.fs` so it works wherever the extension
 * host runs; and their file format's own bundle, loaded when first needed.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { AnswerFolder } from './answerCache';
import type { AnswerFileCodec } from './answerFile';

/** The file format's bundle inside the installed extension (esbuild.mjs writes it; .vscodeignore ships it). */
export const ANSWER_FILE_BUNDLE = 'dist/answerFile.js';

/** The file format, required from `bundle` (an absolute path) on first use; Node keeps it after. */
export function answerFileCodec(bundle: string): () => AnswerFileCodec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, kept out of the activation bundle
  return () => (require(bundle) as { answerFile: AnswerFileCodec }).answerFile;
}

/** Not there: vscode.workspace.fs says FileNotFound, Node's fs ENOENT. */
function isMissing(error: unknown): boolean {
  return (
    (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') || (error as { code?: unknown } | null)?.code === 'ENOENT'
  );
}

/** `action`'s result, or `fallback` when the file or folder is not there. */
async function unlessMissing<T>(action: () => Thenable<T>, fallback: T): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isMissing(error)) return fallback;
    throw error;
  }
}

/** Node's own reads of a file on this machine, or vscode.workspace.fs's for any other. */
function reader(uri: vscode.Uri): { size: () => Promise<number>; read: () => Promise<Uint8Array> } {
  if (uri.scheme === 'file') {
    return { size: async () => (await stat(uri.fsPath)).size, read: () => readFile(uri.fsPath) };
  }
  return { size: async () => (await vscode.workspace.fs.stat(uri)).size, read: async () => vscode.workspace.fs.readFile(uri) };
}

/**
 * Reading at start is on the path to the first drawn tree, so a file on this machine (the usual
 * global storage) is read with Node's fs: vscode.workspace.fs's round trips took about 100 ms more
 * while a window starts (measured in code-server). Writing, listing and deleting go through
 * vscode.workspace.fs.
 */
export function storageAnswerFolder(globalStorage: vscode.Uri): AnswerFolder {
  const fs = vscode.workspace.fs;
  const folder = vscode.Uri.joinPath(globalStorage, 'saved-answers');
  const file = (name: string) => vscode.Uri.joinPath(folder, name);
  return {
    size: (name) => unlessMissing(() => reader(file(name)).size(), undefined),
    read: (name) => reader(file(name)).read(),
    write: async (name, bytes) => {
      await fs.createDirectory(folder);
      // Another window may write the same answer at the same time: each writes aside under a name of its own.
      const aside = file(`${name}.${randomUUID()}.tmp`);
      await fs.writeFile(aside, bytes);
      await fs.rename(aside, file(name), { overwrite: true });
    },
    list: async () => {
      const entries = await unlessMissing(() => fs.readDirectory(folder), []);
      const files = entries.filter(([, type]) => type === vscode.FileType.File);
      // A file another window deletes meanwhile is left out.
      const listed = await Promise.all(
        files.map(async ([name]) => ({ name, modified: await unlessMissing(async () => (await fs.stat(file(name))).mtime, undefined) })),
      );
      return listed.flatMap(({ name, modified }) => (modified === undefined ? [] : [{ name, modified }]));
    },
    delete: (name) => unlessMissing(() => fs.delete(file(name), { useTrash: false }), undefined),
    deleteAll: () => unlessMissing(() => fs.delete(folder, { recursive: true, useTrash: false }), undefined),
  };
}
