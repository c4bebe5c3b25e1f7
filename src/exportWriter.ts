/**
 * Streams text to a file: written beside its target under a temporary name as it is made, and
 * renamed to the target only when complete, so a size cap, a cancel or a failure leaves nothing
 * half-written (and an existing file at the target untouched). The encoding, byte count, size cap
 * and cancel check are takeCappedParts', which an export to any other target goes through too.
 * No `vscode` import.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** What came of writing an export: the bytes written, or why nothing was (past the cap, or cancelled). */
export type WriteOutcome = number | 'tooLarge' | 'cancelled';

/**
 * Encodes `chunks` as UTF-8 and hands each part to `take` in turn, counting bytes: stops at the
 * first chunk that would pass `maxBytes` ('tooLarge') or when `isCancelled` says so ('cancelled'),
 * before that chunk is taken. Otherwise the bytes taken. Every export target writes through this.
 */
export async function takeCappedParts(
  chunks: Iterable<string>,
  maxBytes: number,
  isCancelled: () => boolean,
  take: (part: Uint8Array) => void | Promise<unknown>,
): Promise<WriteOutcome> {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const chunk of chunks) {
    const part = encoder.encode(chunk);
    bytes += part.length;
    if (bytes > maxBytes) return 'tooLarge';
    if (isCancelled()) return 'cancelled';
    await take(part);
  }
  return bytes;
}

/** Writes `chunks` to `path`: the bytes written, or why nothing was (past `maxBytes`, or cancelled). Failures are thrown, nothing left behind. */
export async function writeChunksToFile(
  path: string,
  chunks: Iterable<string>,
  maxBytes: number,
  isCancelled: () => boolean,
): Promise<WriteOutcome> {
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
  const file = await open(partial, 'wx');
  let outcome: WriteOutcome | undefined;
  try {
    outcome = await takeCappedParts(chunks, maxBytes, isCancelled, (part) => file.write(part));
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
