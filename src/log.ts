/** The extension's output channel, with every line passed through `redact`. */
import * as vscode from 'vscode';
import { redact } from './redact';

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
