/** Wires the extension's parts together; each part lives in its own module. */
import * as vscode from 'vscode';
import { createAnswerCache, type AnswerCache } from './answerCache';
import { ANSWER_FILE_BUNDLE, answerFileCodec, storageAnswerFolder } from './answerFolder';
import { registerAutoRefresh } from './autoRefresh';
import { CATALOGUE_CODE_FILE, CATALOGUE_FILE, bundledCatalogueCode, lazySdkNaming, sdkNamingOrNone } from './catalogueFile';
import { registerChartCommands } from './commands/chart';
import { registerDependencyCommands } from './commands/dependencies';
import { registerExportCommands } from './commands/export';
import { registerTreeGrouping, savedTreeGrouping } from './commands/grouping';
import { registerQueryCommands } from './commands/query';
import { registerTokenCommands } from './commands/token';
import { registerUpgradePlan } from './commands/upgradePlan';
import { createConnection } from './connection';
import { registerDependencyViews, type DependencyHandle } from './dependencyLoader';
import { createLogger, describeError, logLoads } from './log';
import { registerChartPanel, type ChartWebviewPort } from './panel/registration';
import { createQueryRoute, readSavedQuery } from './queryRoute';
import { sayAgeWhileRestored } from './restoredAge';
import { registerSettingsSync } from './settingsSync';
import { registerStatusBar } from './statusBar';
import { UsageStore } from './store';
import { TokenStore } from './token';
import { registerSdkTree } from './tree/sdkTree';

/**
 * What activate() returns, read by the integration tests only: the store's state and changes, the
 * tree's rows, whether a token is stored, the open chart panel's end of the webview messages
 * (a test plays the webview through it), and where saved answers are kept and when they are written.
 */
export interface ExtensionApi {
  readonly store: Pick<UsageStore, 'state' | 'onDidChange'>;
  readonly tree: vscode.TreeDataProvider<unknown>;
  readonly hasToken: () => boolean;
  readonly chartWebview: () => ChartWebviewPort | undefined;
  readonly savedAnswers: { readonly storage: vscode.Uri; readonly settled: AnswerCache['settled'] };
  /** The workspace's SDK dependencies: loads and scans on first use. */
  readonly dependencies: DependencyHandle;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  // The logger redacts with the token store's help; the store's error callback only runs later.
  const tokens = new TokenStore(context.secrets, (error) => logger.error(`Reading the API token failed: ${describeError(error)}`));
  const logger = createLogger('LaunchDarkly Usage', () => tokens.secretsToRedact());
  const connection = createConnection(
    tokens,
    `launchdarkly-sdk-usage-vscode/${(context.extension.packageJSON as { version: string }).version}`,
  );
  // Read when first needed, once, by the store and the workspace's views alike.
  const readNaming = sdkNamingOrNone(
    lazySdkNaming(context.asAbsolutePath(CATALOGUE_FILE), () => bundledCatalogueCode(context.asAbsolutePath(CATALOGUE_CODE_FILE))),
    (error) =>
      logger.warn(
        `Reading the SDK catalogue failed (${describeError(error)}): SDK names show as reported, and health is estimated against the newest version seen.`,
      ),
  );
  const store = new UsageStore(
    connection.connect,
    readSavedQuery(context.workspaceState),
    Date.now,
    (error) => logger.error(`A view failed to show new usage data: ${describeError(error)}`),
    readNaming,
  );
  const hasToken = () => tokens.hasToken;
  const savedAnswers = createAnswerCache({
    folder: storageAnswerFolder(context.globalStorageUri),
    codec: answerFileCodec(context.asAbsolutePath(ANSWER_FILE_BUNDLE)),
    store,
    connect: connection.connect,
    onTokenChange: tokens.onDidChange,
    log: { info: logger.info, warn: logger.warn, failed: (what, error) => logger.error(`${what} failed: ${describeError(error)}`) },
  });
  // The last answer saved for this token, host and query is shown first; only without one does opening the views load.
  const restored = savedAnswers.restore();
  const ensureLoaded = () => {
    void restored.then(() => {
      if (hasToken() && !store.state.model && store.state.status === 'idle') {
        void store.refresh();
      }
    });
  };
  const tree = registerSdkTree(store, hasToken, savedTreeGrouping(context.workspaceState));
  const dependencies = registerDependencyViews({
    store,
    logger,
    hasToken,
    workspaceState: context.workspaceState,
    extensionFile: (relative) => context.asAbsolutePath(relative),
    readNaming,
  });
  const panel = registerChartPanel({
    extensionUri: context.extensionUri,
    store,
    hasToken,
    logger,
    ensureLoaded,
    planScope: dependencies.planScope,
  });
  // Registered after the settings sync, so a new API host starts over before the new query loads.
  const settingsSync = registerSettingsSync(store, tokens, ensureLoaded, panel.update);
  const query = createQueryRoute(store, context.workspaceState, hasToken);

  context.subscriptions.push(
    logger,
    tokens,
    { dispose: () => store.dispose() },
    savedAnswers,
    tree,
    dependencies,
    panel,
    settingsSync,
    query,
    registerTokenCommands({ tokens, connection, logger }),
    registerQueryCommands(store, query, logger),
    registerExportCommands(store, logger),
    registerChartCommands(panel, logger),
    registerUpgradePlan(store, dependencies.planScope, logger),
    registerDependencyCommands(dependencies, logger),
    registerTreeGrouping(context.workspaceState, tree.provider, logger),
    registerAutoRefresh(store, tree.view, panel.isVisible),
    registerStatusBar(store, hasToken),
    sayAgeWhileRestored(store, () => {
      tree.showMessage();
      panel.update();
    }),
    logLoads(store, logger),
  );

  // The first load (or restore) happens in the background so activation stays fast.
  ensureLoaded();
  logger.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return {
    store,
    tree: tree.provider,
    hasToken,
    chartWebview: panel.webviewPort,
    savedAnswers: { storage: context.globalStorageUri, settled: savedAnswers.settled },
    dependencies,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
