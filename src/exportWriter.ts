/**
 * Streams text to a file: written beside its target under a temporary name as it is made, and
 * renamed to the target only when complete, so a size cap, a cancel or a failure leaves nothing
 * half-written (and an existing file at the target untouched). No `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** Writes `chunks` to `path`: the bytes written, or why nothing was (past `maxBytes`, or cancelled). Failures are thrown, nothing left behind. */
export async function writeChunksToFile(
  path: string,
  chunks: Iterable<string>,
  maxBytes: number,
  isCancelled: () => boolean,
): Promise<number | 'tooLarge' | 'cancelled'> {
  const encoder = new TextEncoder();
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
  const file = await open(partial, 'wx');
  let bytes = 0;
  let outcome: number | 'tooLarge' | 'cancelled' | undefined;
  try {
    for (const chunk of chunks) {
      const part = encoder.encode(chunk);
      bytes += part.length;
      if (bytes > maxBytes) {
        outcome = 'tooLarge';
        break;
      }
      if (isCancelled()) {
        outcome = 'cancelled';
        break;
      }
      await file.write(part);
    }
    outcome ??= bytes;
  } finally {
    await file.close();
    if (typeof outcome !== 'number') await rm(partial, { force: true });
  }
  if (typeof outcome === 'number') {
    try {
      await rename(partial, path);
    } catch (error) {
      // The target could not be replaced (a folder, a file another program holds open): the partial file goes too.
      await rm(partial, { force: true });
      throw error;
    }
  }
  return outcome;
}
