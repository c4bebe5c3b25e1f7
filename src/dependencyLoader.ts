/**
 * What activation holds of the link between the workspace's SDK dependencies and usage: the "This
 * Workspace" view (its rows come from dist/dependencies.js), when to load that bundle (the view is
 * shown; usage data loaded while diagnostics are on; a command or the narrowed plan needs it), the
 * upgrade plan's narrowing to this workspace's SDKs, and the handle the commands use. Nothing here
 * reads a file: the bundle does, once loaded.
 */
import * as vscode from 'vscode';
import { readDependencySettings } from './config';
import { CONTEXT_KEYS, SETTINGS, STORAGE_KEYS, WORKSPACE_VIEW_ID } from './contributions';
import type { DependencyNode } from './dependencyViews/dependencyTree';
import type { DependencyViews, DependencyViewsModule } from './dependencyViews/index';
import type { SdkNaming } from './catalogue/sdkIdentity';
import type { Logger } from './log';
import type { PlanRow } from './model/upgradePlan';
import { DEPENDENCY_STATUS_TEXT } from './presentation/dependencyStatus';
import type { PlanScope, ScopedPlan } from './sdkDependencies/planScope';
import type { StoreState, UsageStore } from './store';

export interface DependencyHandle {
  /** Loads the bundle and starts scanning, once; resolves with its views. */
  start(): Promise<DependencyViews>;
  /** Shows the "This Workspace" view (also when the workspace declares no SDK) and focuses it. */
  reveal(): Promise<void>;
  readonly planScope: PlanScope;
  setPlanNarrowed(narrowed: boolean): Promise<void>;
}

export interface DependencyLoaderOptions {
  readonly store: UsageStore;
  readonly logger: Logger;
  readonly hasToken: () => boolean;
  readonly workspaceState: vscode.Memento;
  /** An extension file's absolute path (`context.asAbsolutePath`). */
  readonly extensionFile: (relative: string) => string;
  /** The SDK catalogue's naming, read once for the store and these views. */
  readonly readNaming: () => Promise<SdkNaming | undefined>;
}

const LOADING = 'loading';

/** Usage data has loaded and the Problems panel wants the dependencies. */
function diagnosticsWanted(state: StoreState): boolean {
  return state.status === 'ready' && state.model !== undefined && readDependencySettings().diagnostics !== 'off';
}

export function registerDependencyViews(options: DependencyLoaderOptions): DependencyHandle & vscode.Disposable {
  const { store, logger, workspaceState } = options;
  let views: DependencyViews | undefined;
  let starting: Promise<DependencyViews> | undefined;
  let scanned = false;
  let failed = false;
  let disposed = false;
  const treeChanged = new vscode.EventEmitter<void>();
  const scopeChanged = new vscode.EventEmitter<void>();
  let narrowed = workspaceState.get(STORAGE_KEYS.planScope) === 'workspace';

  // Until the bundle has loaded, one row says what is coming: an empty view would show welcome content instead.
  const provider: vscode.TreeDataProvider<DependencyNode | typeof LOADING> = {
    onDidChangeTreeData: treeChanged.event,
    getChildren: (node) =>
      views ? views.tree.getChildren(node === LOADING ? undefined : node) : node === undefined && !failed ? [LOADING] : [],
    getTreeItem: (node) =>
      node === LOADING || !views ? new vscode.TreeItem(DEPENDENCY_STATUS_TEXT.scanning) : views.tree.getTreeItem(node),
  };
  const view = vscode.window.createTreeView(WORKSPACE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const subscriptions: vscode.Disposable[] = [view, treeChanged, scopeChanged];

  const start = (): Promise<DependencyViews> =>
    (starting ??= (async () => {
      failed = false;
      view.message = undefined;
      // The bundle's path is the extension's own, never the workspace's.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(options.extensionFile('dist/dependencies.js')) as { dependencyViews: DependencyViewsModule };
      const started = await module.dependencyViews.start({
        store,
        logger,
        hasToken: options.hasToken,
        readerFile: options.extensionFile('dist/workspace.js'),
        readNaming: options.readNaming,
        treeChanged: () => treeChanged.fire(),
      });
      if (disposed) {
        started.dispose();
        throw new Error('the extension was deactivated meanwhile');
      }
      views = started;
      // The view joins the side bar once a scan finds a LaunchDarkly SDK: a workspace without one keeps the side bar to one view.
      const showWhenFound = () => started.linked().length > 0 && showView();
      subscriptions.push(
        started,
        started.onDidChange(() => {
          showWhenFound();
          if (narrowed) scopeChanged.fire();
        }),
      );
      void started.whenScanned().then(() => {
        scanned = true;
        showWhenFound();
        if (narrowed) scopeChanged.fire();
      });
      return started;
    })().catch((error: unknown) => {
      starting = undefined;
      failed = true;
      view.message = DEPENDENCY_STATUS_TEXT.readerFailed;
      treeChanged.fire();
      logger.error(`Loading the workspace's LaunchDarkly SDK view failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }));
  const startQuietly = () => void start().catch(() => undefined);

  const scoped = (rows: readonly PlanRow[]): ScopedPlan => {
    const narrow = narrowed && scanned ? views?.narrow(rows) : undefined;
    if (narrowed && !scanned) startQuietly();
    return narrow ? { rows: narrow, workspaceOnly: true } : { rows, workspaceOnly: false };
  };
  const planScope: PlanScope = {
    rowsOf: scoped,
    rowsWhenScanned: async (rows) => {
      if (narrowed) await (await start()).whenScanned();
      return scoped(rows);
    },
    onDidChange: (listener) => scopeChanged.event(listener),
  };

  const setContext = () => vscode.commands.executeCommand('setContext', CONTEXT_KEYS.planScope, narrowed ? 'workspace' : 'all');
  let viewShown = false;
  const showView = (): Thenable<unknown> => {
    if (viewShown) return Promise.resolve();
    viewShown = true;
    return vscode.commands.executeCommand('setContext', CONTEXT_KEYS.workspaceView, true);
  };
  void setContext();
  if (view.visible) startQuietly();
  subscriptions.push(
    view.onDidChangeVisibility(({ visible }) => visible && startQuietly()),
    store.onDidChange((state) => {
      if (!views && diagnosticsWanted(state)) startQuietly();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!views && event.affectsConfiguration(SETTINGS.workspaceDiagnostics) && diagnosticsWanted(store.state)) startQuietly();
    }),
  );
  if (diagnosticsWanted(store.state)) startQuietly();

  return {
    start,
    reveal: async () => {
      await showView();
      startQuietly();
      await vscode.commands.executeCommand(`${WORKSPACE_VIEW_ID}.focus`);
    },
    planScope,
    setPlanNarrowed: async (on) => {
      narrowed = on;
      await workspaceState.update(STORAGE_KEYS.planScope, on ? 'workspace' : undefined);
      await setContext();
      scopeChanged.fire();
    },
    dispose: () => {
      disposed = true;
      for (const subscription of subscriptions.splice(0).reverse()) subscription.dispose();
    },
  };
}
