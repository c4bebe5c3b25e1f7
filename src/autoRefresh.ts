/**
 * Optional periodic refresh (`launchdarklyUsage.autoRefreshMinutes`, off by default). It only runs
 * while the tree or the chart is visible, and the store itself refuses to call the API again
 * before a rate limit's reset time.
 */
import * as vscode from 'vscode';
import { onDidChangeConfig, readConfig } from './config';
import { SETTINGS } from './contributions';
import type { UsageStore } from './store';

export function registerAutoRefresh(store: UsageStore, view: vscode.TreeView<unknown>, panelVisible: () => boolean): vscode.Disposable {
  let timer: ReturnType<typeof setInterval> | undefined;
  const schedule = () => {
    clearInterval(timer);
    timer = undefined;
    const minutes = readConfig().autoRefreshMinutes;
    if (minutes > 0) {
      timer = setInterval(() => {
        if ((view.visible || panelVisible()) && store.state.model && store.state.status !== 'loading') {
          void store.refresh();
        }
      }, minutes * 60_000);
    }
  };
  schedule();
  const subscription = onDidChangeConfig((event) => {
    if (event.affectsConfiguration(SETTINGS.autoRefreshMinutes)) schedule();
  });
  return { dispose: () => (clearInterval(timer), subscription.dispose()) };
}
