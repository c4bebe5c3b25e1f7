/** Keeps the store's query in step with the settings and the token, loading again when they change. */
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
      const next = readConfig();
      const nextConnection = connectionOf(next);
      if (nextConnection !== connection) {
        connection = nextConnection;
        store.reset();
        ensureLoaded();
      }
      const { query } = store.state;
      if (query.source !== next.source || JSON.stringify(query.range) !== JSON.stringify(next.range) || query.timeZone !== next.timeZone) {
        void store.setQuery({ source: next.source, range: next.range, timeZone: next.timeZone }, tokens.hasToken);
      }
      onSettingsChanged();
    }),
  );
}
