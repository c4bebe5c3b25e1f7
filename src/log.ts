/** The extension's output channel, with every line passed through `redact`. */
import * as vscode from 'vscode';
import { dataNotes } from './model/dataNotes';
import { redact } from './redact';
import type { Disposable, UsageStore } from './store';

export interface Logger extends vscode.Disposable {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(name: string, secrets: () => readonly string[]): Logger {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  return {
    info: (message) => channel.info(redact(message, secrets())),
    warn: (message) => channel.warn(redact(message, secrets())),
    error: (message) => channel.error(redact(message, secrets())),
    dispose: () => channel.dispose(),
  };
}

/** One line per load outcome, so the output channel tells what happened and when. */
export function logLoads(store: UsageStore, logger: Logger): Disposable {
  return store.onDidChange((state) => {
    if (state.error && state.status === 'error') {
      logger.warn(`Loading usage failed (${state.error.kind}${state.error.status ? ` ${state.error.status}` : ''}): ${state.error.message}`);
    } else if (state.status === 'ready' && state.model) {
      const notes = state.loaded ? dataNotes(state.model, state.loaded) : [];
      logger.info(`Loaded ${state.model.versions.length} versions × ${state.model.times.length} buckets (${state.loaded?.source}, ${state.loaded?.rangeLabel}).${notes.map((note) => ` ${note}.`).join('')}`);
    }
  });
}
