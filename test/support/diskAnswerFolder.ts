/** A saved-answer folder on the local disk (node:fs), as the extension's global storage would be, counting its reads. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AnswerFolder } from '../../src/answerCache';

const missing = (error: unknown) => (error as { code?: unknown }).code === 'ENOENT';

async function unlessMissing<T>(action: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (missing(error)) return fallback;
    throw error;
  }
}

export function diskAnswerFolder(dir: string): AnswerFolder & { readonly reads: string[] } {
  const reads: string[] = [];
  const file = (name: string) => path.join(dir, name);
  return {
    reads,
    size: (name) => unlessMissing(async () => (await fs.stat(file(name))).size, undefined),
    read: async (name) => {
      reads.push(name);
      return fs.readFile(file(name));
    },
    write: async (name, bytes) => {
      await fs.mkdir(dir, { recursive: true });
      const aside = file(`${name}.${randomUUID()}.tmp`);
      await fs.writeFile(aside, bytes);
      await fs.rename(aside, file(name));
    },
    list: async () => {
      const names = await unlessMissing(() => fs.readdir(dir), []);
      return Promise.all(names.map(async (name) => ({ name, modified: (await fs.stat(file(name))).mtimeMs })));
    },
    delete: (name) => fs.rm(file(name), { force: true }),
    deleteAll: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
