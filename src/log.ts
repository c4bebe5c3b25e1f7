/** The extension's output channel, with every line passed through `redact`. */
import * as vscode from 'vscode';
import type { UsageApiError } from './api/errors';
import { dataNotes } from './model/dataNotes';
import { whatHappened } from './presentation/errors';
import { dataNoteText } from './presentation/notes';
import { rangeLabel } from './presentation/queryWords';
import { redact } from './redact';
import type { Disposable } from './lifecycle';
import type { UsageStore } from './store';

export interface Logger extends vscode.Disposable {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Brings the output channel into view. */
  show(): void;
}

export function createLogger(name: string, secrets: () => readonly string[]): Logger {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  return {
    info: (message) => channel.info(redact(message, secrets())),
    warn: (message) => channel.warn(redact(message, secrets())),
    error: (message) => channel.error(redact(message, secrets())),
    show: () => channel.show(),
    dispose: () => channel.dispose(),
  };
}

/** An exception as one log line's worth of words (the logger redacts it). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Kind, status and the error body's `code` and `id` (LaunchDarkly support asks for the id). */
export function errorFacts(error: UsageApiError): string {
  return [error.kind, error.status, error.code && `code ${error.code}`, error.errorId && `id ${error.errorId}`].filter(Boolean).join(', ');
}

/** One line per load outcome, so the output channel tells what happened and when. */
export function logLoads(store: UsageStore, logger: Logger): Disposable {
  return store.onDidChange((state) => {
    if (state.error && state.status === 'error') {
      logger.warn(`Loading usage failed (${errorFacts(state.error)}): ${whatHappened(state.error)}`);
    } else if (state.status === 'ready' && state.model && !state.restored) {
      // Data restored from an earlier session is logged where it is restored (answerCache.ts).
      const notes = state.loaded ? dataNotes(state.model, state.loaded).map(dataNoteText) : [];
      logger.info(
        `Loaded ${state.model.versions.length} versions × ${state.model.times.length} buckets (${state.loaded?.source}, ${state.loaded && rangeLabel(state.loaded)}).${notes.map((note) => ` ${note}.`).join('')}`,
      );
    }
  });
}
