/**
 * The status bar item: while usage data is loaded, how many connections run on SDK versions past
 * end of life, the counts of every health group in its tooltip; selecting it opens the upgrade
 * plan. Hidden without a token or data, and by `launchdarklyUsage.statusBar.enabled`.
 */
import * as vscode from 'vscode';
import { onDidChangeConfig, readConfig } from './config';
import { COMMANDS, SETTINGS, STATUS_BAR_ITEM_ID } from './contributions';
import { lastResultOf } from './lastResult';
import { healthGroupCounts, healthGroupWith } from './model/healthGroups';
import type { UsageModel } from './model/usageModel';
import type { Verdicts } from './model/verdict';
import { STATUS_BAR_NAME, statusBarContent } from './presentation/statusBar';
import type { StoreState, UsageStore } from './store';

export function registerStatusBar(store: UsageStore, hasToken: () => boolean): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, 0);
  item.name = STATUS_BAR_NAME;
  item.command = COMMANDS.showUpgradePlan;
  let enabled = readConfig().statusBarEnabled;
  // Counted again only when the data changes, not for each of a load's other state changes.
  const contentOf = lastResultOf((model: UsageModel, verdicts: Verdicts | undefined) =>
    statusBarContent(healthGroupCounts(model.versions, healthGroupWith(verdicts)), verdicts !== undefined, vscode.env.language),
  );
  const show = (state: StoreState) => {
    const model = state.model;
    if (!enabled || !hasToken() || !model || model.versions.length === 0) {
      item.hide();
      return;
    }
    const content = contentOf(model, state.verdicts);
    item.text = content.text;
    item.tooltip = content.tooltip;
    item.accessibilityInformation = { label: content.accessibilityLabel, role: 'button' };
    item.backgroundColor = content.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  show(store.state);
  return vscode.Disposable.from(
    item,
    store.onDidChange(show),
    onDidChangeConfig((event) => {
      if (!event.affectsConfiguration(SETTINGS.statusBarEnabled)) return;
      enabled = readConfig().statusBarEnabled;
      show(store.state);
    }),
  );
}
