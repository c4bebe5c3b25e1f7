/**
 * Starts over when the data on show may belong to another account (a new token, another API host
 * or timeout) and tells the panel of other setting changes. Query settings take the query route (queryRoute.ts).
 */
import * as vscode from 'vscode';
import { onDidChangeConfig, readConfig, type UsageConfig } from './config';
import type { UsageStore } from './store';
import type { TokenStore } from './token';

/** Where and how requests go; a change means the data on show may belong to another account. */
function connectionOf(config: UsageConfig): string {
  return JSON.stringify([config.baseUrl, config.requestTimeoutMs]);
}

export function registerSettingsSync(
  store: UsageStore,
  tokens: TokenStore,
  ensureLoaded: () => void,
  onSettingsChanged: () => void,
): vscode.Disposable {
  let connection = connectionOf(readConfig());
  return vscode.Disposable.from(
    tokens.onDidChange(() => {
      store.reset();
      ensureLoaded();
    }),
    onDidChangeConfig(() => {
      // Events also come when a settings file is re-read unchanged: act only on values that changed.
      const nextConnection = connectionOf(readConfig());
      if (nextConnection !== connection) {
        connection = nextConnection;
        store.reset();
        ensureLoaded();
      }
      onSettingsChanged();
    }),
  );
}
