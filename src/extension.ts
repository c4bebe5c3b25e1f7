/** Wires the extension's parts together; each part lives in its own module. */
import * as vscode from 'vscode';
import { registerAutoRefresh } from './autoRefresh';
import { registerCommands } from './commands';
import { PANEL_VIEW_TYPE } from './commands/ids';
import { readConfig } from './config';
import { createConnection } from './connection';
import { createLogger, logLoads } from './log';
import type { UsageFilter } from './model/query';
import { ChartPanel, type PanelDeps } from './panel/chartPanel';
import { registerSettingsSync } from './settingsSync';
import { UsageStore } from './store';
import { TokenStore } from './token';
import { registerTreeGrouping, savedTreeGrouping } from './tree/grouping';
import { registerSdkTree } from './tree/sdkTree';
import { registerUpgradePlan, upgradePlanOf } from './commands/upgradePlan';
import type { PlanRow } from './model/upgradePlan';

const FILTER_KEY = 'launchdarklyUsage.filter';

/** What activate() returns: read-only handles that the integration tests inspect. */
export interface ExtensionApi {
  readonly store: UsageStore;
  readonly tree: vscode.TreeDataProvider<unknown>;
  readonly hasToken: () => boolean;
  readonly panel: () => ChartPanel | undefined;
  readonly upgradePlan: () => PlanRow[] | undefined;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const tokens = new TokenStore(context.secrets);
  const logger = createLogger('LaunchDarkly Usage', () => tokens.secretsToRedact());
  const connection = createConnection(tokens, `launchdarkly-sdk-usage-vscode/${(context.extension.packageJSON as { version: string }).version}`);
  const config = readConfig();
  const store = new UsageStore(connection.connect, {
    source: config.source,
    range: config.range,
    timeZone: config.timeZone,
    filter: context.workspaceState.get<UsageFilter>(FILTER_KEY, {}),
  });
  const ensureLoaded = () => {
    if (tokens.hasToken && !store.state.model && store.state.status === 'idle') {
      void store.refresh();
    }
  };
  const hasToken = () => tokens.hasToken;
  const panelDeps: PanelDeps = { extensionUri: context.extensionUri, store, hasToken, logger, ensureLoaded };
  const tree = registerSdkTree(store, hasToken, savedTreeGrouping(context.workspaceState));

  context.subscriptions.push(
    logger,
    tokens,
    { dispose: () => store.dispose() },
    tree,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, ChartPanel.serializer(panelDeps)),
    ...registerCommands({
      tokens,
      store,
      logger,
      panel: panelDeps,
      clientSettings: connection.clientSettings,
      saveFilter: (filter) => context.workspaceState.update(FILTER_KEY, filter),
    }),
    registerTreeGrouping(context.workspaceState, tree.provider),
    registerUpgradePlan(store, logger, panelDeps),
    registerSettingsSync(store, tokens, ensureLoaded, () => ChartPanel.update()),
    registerAutoRefresh(store, tree.view, () => ChartPanel.isVisible),
    logLoads(store, logger),
  );

  // First load happens in the background so activation stays fast.
  void tokens.get().then(ensureLoaded);
  logger.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return { store, tree: tree.provider, hasToken, panel: () => ChartPanel.current, upgradePlan: () => upgradePlanOf(store.state) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
