/** Wires the extension's parts together; each part lives in its own module. */
import * as vscode from 'vscode';
import { UsageApiError } from './api/errors';
import type { ClientSettings } from './api/client';
import { registerAutoRefresh } from './autoRefresh';
import { registerCommands } from './commands';
import { PANEL_VIEW_TYPE } from './commands/ids';
import { onDidChangeConfig, readConfig } from './config';
import { createLogger } from './log';
import type { UsageFilter } from './model/query';
import { ChartPanel, type PanelDeps } from './panel/chartPanel';
import type { PanelStatus } from './protocol';
import { UsageStore, type StoreState } from './store';
import { TokenStore } from './token';
import { registerSdkTree } from './tree/sdkTree';

const FILTER_KEY = 'launchdarklyUsage.filter';

/** What activate() returns: read-only handles that the integration tests inspect. */
export interface ExtensionApi {
  readonly store: UsageStore;
  readonly tree: vscode.TreeDataProvider<unknown>;
  readonly hasToken: () => boolean;
  readonly panel: () => ChartPanel | undefined;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const tokens = new TokenStore(context.secrets);
  const logger = createLogger('LaunchDarkly Usage', () => tokens.secretsToRedact());
  const userAgent = `launchdarkly-sdk-usage-vscode/${(context.extension.packageJSON as { version: string }).version}`;

  const clientSettings = (token: string): ClientSettings => {
    const config = readConfig();
    if (!config.baseUrl.ok) {
      throw new UsageApiError('invalidSettings', config.baseUrl.message);
    }
    return { baseUrl: config.baseUrl.baseUrl, token, userAgent, timeoutMs: config.requestTimeoutMs };
  };
  const connect = async (): Promise<ClientSettings> => {
    const token = await tokens.get();
    if (!token) {
      throw new UsageApiError('noToken', 'No API access token is set. Run "LaunchDarkly Usage: Set API Token".');
    }
    return clientSettings(token);
  };

  const config = readConfig();
  /** Where and how requests go; a change means the data on show may belong to another account. */
  const connectionOf = (c: typeof config) => JSON.stringify([c.baseUrl, c.requestTimeoutMs]);
  let connection = connectionOf(config);
  const store = new UsageStore(connect, {
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
  const panelStatus = (state: StoreState): PanelStatus => ({
    status: state.status,
    stale: state.stale,
    hasToken: tokens.hasToken,
    error: state.error && { message: state.error.message, actions: state.error.actions },
    source: state.query.source,
    range: state.query.range,
    loaded: state.loaded,
    fetchedAt: state.fetchedAt,
    topN: readConfig().chartTopN,
  });
  const panelDeps: PanelDeps = { extensionUri: context.extensionUri, store, status: panelStatus, logger, ensureLoaded };

  const tree = registerSdkTree(store, () => tokens.hasToken);
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
      clientSettings,
      saveFilter: (filter) => context.workspaceState.update(FILTER_KEY, filter),
    }),
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
      ChartPanel.update();
    }),
    registerAutoRefresh(store, tree.view, () => ChartPanel.isVisible),
    store.onDidChange((state) => {
      if (state.error && state.status === 'error') {
        logger.warn(`Loading usage failed (${state.error.kind}${state.error.status ? ` ${state.error.status}` : ''}): ${state.error.message}`);
      } else if (state.status === 'ready' && state.model) {
        logger.info(`Loaded ${state.model.versions.length} versions × ${state.model.times.length} buckets (${state.loaded?.source}, ${state.loaded?.rangeLabel}).`);
      }
    }),
  );

  // First load happens in the background so activation stays fast.
  void tokens.get().then(ensureLoaded);
  logger.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return { store, tree: tree.provider, hasToken: () => tokens.hasToken, panel: () => ChartPanel.current };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
