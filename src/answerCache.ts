/**
 * The last good answer per account, API host and query, kept for the next start: written after
 * each load that succeeds (in the background, after the views have it), shown at start before
 * anything asks the API, and deleted, all of it, when the token is cleared or changed. At most
 * MAX_SAVED_ANSWERS files of at most 20 MB each (answerFile.ts). The folder they live in is given
 * (answerFolder.ts: the extension's global storage). No `vscode` import.
 */
import type { AnswerFileCodec } from './answerFile';
import type { ClientSettings } from './api/client';
import { UsageApiError } from './api/errors';
import type { Disposable } from './lifecycle';
import { ageText } from './presentation/status';
import type { Connector, Fetched, UsageStore } from './store';

/** Answers kept at most (one per account, API host and query): a few workspaces' queries; the least recently written go first. */
export const MAX_SAVED_ANSWERS = 5;

/** A file left half-written by a window that closed mid-write is deleted once it is this old. */
const ABANDONED_WRITE_MS = 10 * 60_000;

const SAVED_ANSWER = /^[0-9a-f]{64}\.ldusage$/;
const WRITING = /\.tmp$/;

/** Where the files live: a folder of the extension's own. */
export interface AnswerFolder {
  /** The file's size in bytes, or undefined when there is none. */
  size(name: string): Promise<number | undefined>;
  read(name: string): Promise<Uint8Array>;
  /** Replaces the file whole (written aside, then renamed), so a reader never sees half of one. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The files in the folder and when each was last written (ms); none when there is no folder. */
  list(): Promise<{ readonly name: string; readonly modified: number }[]>;
  /** Deletes one file; a missing one is no error. */
  delete(name: string): Promise<void>;
  /** Deletes every file; a missing folder is no error. */
  deleteAll(): Promise<void>;
}

export interface AnswerCacheLog {
  info(message: string): void;
  warn(message: string): void;
  /** An operation that threw: `what` failed because of `error`. */
  failed(what: string, error: unknown): void;
}

export interface AnswerCacheDeps {
  readonly folder: AnswerFolder;
  /** The file format (answerFile.ts), loaded when first needed. */
  readonly codec: () => AnswerFileCodec;
  readonly store: Pick<UsageStore, 'state' | 'onDidFetch' | 'restore' | 'readCatalogue'>;
  /** The settings requests go with now: the account (token) and API host a file belongs to. */
  readonly connect: Connector;
  readonly onTokenChange: (listener: () => void) => Disposable;
  readonly log: AnswerCacheLog;
  readonly now?: () => number;
  /** How long after a load its answer is written: its views are served first. */
  readonly writeDelayMs?: number;
}

export interface AnswerCache extends Disposable {
  /**
   * Shows the answer saved for the current token, API host and query, if there is one and the
   * store has not changed meanwhile; never asks the API. It reads the token (through `connect`),
   * as the first thing at start: a failure to read it is logged. Resolves whether it showed one.
   */
  restore(): Promise<boolean>;
  /** Resolves once every write and deletion asked for so far is done. */
  settled(): Promise<void>;
}

const fileName = (key: string) => `${key}.ldusage`;

/** Local time as HH:MM:SS.mmm. */
function timeOfDay(time: number): string {
  const d = new Date(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function createAnswerCache(deps: AnswerCacheDeps): AnswerCache {
  const { folder, store, connect, log, codec, now = Date.now, writeDelayMs = 1_000 } = deps;
  // Writes and deletions run one at a time, in the order asked: a deletion for a token change
  // always comes after any write of an answer fetched with the old token.
  let queue = Promise.resolve();
  const enqueue = (what: string, task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => log.failed(what, error));
  };

  const prune = async () => {
    const files = await folder.list();
    const saved = files.filter((f) => SAVED_ANSWER.test(f.name)).sort((a, b) => b.modified - a.modified);
    const abandoned = files.filter((f) => WRITING.test(f.name) && f.modified < now() - ABANDONED_WRITE_MS);
    for (const file of [...saved.slice(MAX_SAVED_ANSWERS), ...abandoned]) await folder.delete(file.name);
  };

  const write = async ({ answer, query, settings }: Fetched) => {
    await new Promise((resolve) => setTimeout(resolve, writeDelayMs));
    const { answerKey, encodeAnswerFile, MAX_ANSWER_FILE_BYTES } = codec();
    const key = answerKey(settings.token, settings.baseUrl, query);
    const bytes = encodeAnswerFile(key, answer);
    if (!bytes) {
      log.info(`Usage data not saved for the next start: it would take more than ${MAX_ANSWER_FILE_BYTES / 1e6} MB.`);
      return;
    }
    await folder.write(fileName(key), bytes);
    await prune();
  };

  const read = async (key: string): Promise<Uint8Array | undefined> => {
    const size = await folder.size(fileName(key));
    if (size === undefined) return undefined;
    const { MAX_ANSWER_FILE_BYTES } = codec();
    if (size > MAX_ANSWER_FILE_BYTES) {
      log.warn(`Saved usage data ignored: larger than ${MAX_ANSWER_FILE_BYTES / 1e6} MB.`);
      return undefined;
    }
    return folder.read(fileName(key));
  };

  const restore = async (): Promise<boolean> => {
    // What the store shows now; the answer is shown only if nothing has changed it meanwhile.
    const since = store.state;
    let settings: ClientSettings;
    try {
      settings = await connect();
    } catch (error) {
      // No token, or no API host requests could go to: nothing saved can be theirs.
      if (!(error instanceof UsageApiError)) log.failed('Reading the API token', error);
      return false;
    }
    try {
      const key = codec().answerKey(settings.token, settings.baseUrl, since.query);
      const began = performance.now();
      const beganAt = now();
      // The SDK catalogue is read meanwhile, so the answer shows its SDKs under their names at once.
      const [bytes] = await Promise.all([read(key), store.readCatalogue()]);
      if (!bytes) return false;
      const reading = codec().decodeAnswerFile(bytes, key, now());
      if (!reading.ok) {
        log.warn(`Saved usage data ignored: ${reading.problem}.`);
        return false;
      }
      if (!store.restore(reading.answer, since)) return false;
      const versions = store.state.model?.versions.length ?? 0;
      // The time it began, to the millisecond: the log's own timestamps come late while its channel is created at start.
      log.info(
        `Restored ${versions.toLocaleString('en-US')} versions saved ${ageText(reading.answer.fetchedAt, now())}: read from disk and shown in ${(performance.now() - began).toFixed(1)} ms (reading began ${timeOfDay(beganAt)}).`,
      );
      return true;
    } catch (error) {
      log.failed('Restoring saved usage data', error);
      return false;
    }
  };

  const subscriptions = [
    store.onDidFetch((fetched) => enqueue('Saving usage data for the next start', () => write(fetched))),
    deps.onTokenChange(() =>
      enqueue('Deleting saved usage data', async () => {
        await folder.deleteAll();
        log.info('Saved usage data deleted: the API token was cleared or changed.');
      }),
    ),
  ];

  return {
    restore,
    settled: () => queue,
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
