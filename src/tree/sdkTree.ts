/** The "SDK Versions" tree: SDKs → versions, with loading, empty, stale and error states shown in it. */
import * as vscode from 'vscode';
import type { UsageErrorAction } from '../api/errors';
import type { StreamSource } from '../api/parse';
import { formatCount, granularityLabel } from '../model/format';
import { describeFilter, sourceLabel } from '../model/query';
import type { SdkUsage, VersionUsage } from '../model/usageModel';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, VIEW_ID, actionCommand } from '../commands/ids';
import { sdkItemContent, versionItemContent, type IconName, type TreeItemContent } from './treeContent';

type TreeNode =
  | { kind: 'source'; source: StreamSource; sdks: readonly SdkUsage[] }
  | { kind: 'sdk'; sdk: SdkUsage }
  | { kind: 'version'; version: VersionUsage }
  | { kind: 'status'; id: string; label: string; detail?: string; icon: vscode.ThemeIcon; action?: UsageErrorAction };

function themeIcon(icon: IconName): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color === undefined ? undefined : new vscode.ThemeColor(icon.color));
}

function contentItem(content: TreeItemContent, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(content.label, collapsible);
  item.contextValue = content.contextValue;
  item.iconPath = themeIcon(content.icon);
  item.description = content.description;
  item.tooltip = new vscode.MarkdownString(content.tooltip);
  if (content.accessibilityLabel !== undefined) {
    item.accessibilityInformation = { label: content.accessibilityLabel };
  }
  return item;
}

export class SdkTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly locale = vscode.env.language;

  constructor(
    private readonly store: UsageStore,
    private readonly hasToken: () => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      return this.roots(this.store.state);
    }
    switch (node.kind) {
      case 'source':
        return node.sdks.map((sdk) => ({ kind: 'sdk', sdk }));
      case 'sdk':
        return node.sdk.versions.map((version) => ({ kind: 'version', version }));
      default:
        return [];
    }
  }

  private roots(state: StoreState): TreeNode[] {
    // With no token the view stays empty so its welcome content (Set API Token) shows.
    if (!this.hasToken()) {
      return [];
    }
    const nodes: TreeNode[] = [];
    if (state.error) {
      nodes.push({
        kind: 'status',
        id: 'error',
        label: state.error.message,
        detail: state.model ? 'The data below is from the last successful refresh.' : undefined,
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
        action: state.error.actions[0],
      });
    }
    const model = state.model;
    if (!model) {
      return nodes;
    }
    if (model.versions.length === 0) {
      nodes.push({ kind: 'status', id: 'empty', label: 'No streaming connections in this range.', icon: new vscode.ThemeIcon('info'), action: 'chooseTimeRange' });
      return nodes;
    }
    if (model.sources.length > 1) {
      for (const source of model.sources) {
        nodes.push({ kind: 'source', source, sdks: model.sdks.filter((s) => s.source === source) });
      }
    } else {
      nodes.push(...model.sdks.map((sdk): TreeNode => ({ kind: 'sdk', sdk })));
    }
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'source': {
        const item = new vscode.TreeItem(sourceLabel(node.source), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `source:${node.source}`;
        item.contextValue = 'source';
        item.iconPath = new vscode.ThemeIcon(node.source === 'server' ? 'server' : 'device-mobile');
        item.description = `${formatCount(node.sdks.reduce((sum, s) => sum + s.latest, 0), this.locale)} connections`;
        return item;
      }
      case 'sdk': {
        const item = contentItem(sdkItemContent(node.sdk, this.locale), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.sdk.id;
        return item;
      }
      case 'version':
        return this.versionItem(node.version);
      case 'status': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `status:${node.id}`;
        item.contextValue = 'status';
        item.iconPath = node.icon;
        item.tooltip = [node.label, node.detail].filter(Boolean).join('\n');
        item.description = node.detail;
        if (node.action) {
          item.command = { command: actionCommand(node.action), title: node.action };
        }
        return item;
      }
    }
  }

  private versionItem(version: VersionUsage): vscode.TreeItem {
    const total = this.store.state.model?.latestTotal ?? 0;
    const item = contentItem(versionItemContent(version, total, this.locale), vscode.TreeItemCollapsibleState.None);
    item.id = version.id;
    item.command = { command: COMMANDS.showChart, title: 'Show in Chart', arguments: [version.id] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The line above the tree: what is shown, or that it is loading or stale. */
export function treeMessage(state: StoreState, hasToken: boolean): string | undefined {
  if (!hasToken) {
    return undefined;
  }
  if (state.status === 'loading' && !state.model) {
    return 'Loading usage data…';
  }
  const loaded = state.loaded;
  if (!loaded || !state.model) {
    return undefined;
  }
  const filter = describeFilter(loaded.filter);
  const summary = [sourceLabel(loaded.source), loaded.rangeLabel, granularityLabel(loaded.granularity), filter && `filter: ${filter}`]
    .filter(Boolean)
    .join(' · ');
  if (state.status === 'loading') {
    return `Refreshing… ${summary}`;
  }
  return state.stale ? `Stale: ${summary}` : summary;
}

/** Creates the tree view and keeps its message, badge-free progress and contents in step with the store. */
export function registerSdkTree(
  store: UsageStore,
  hasToken: () => boolean,
): vscode.Disposable & { view: vscode.TreeView<unknown>; provider: vscode.TreeDataProvider<unknown> } {
  const provider = new SdkTreeProvider(store, hasToken);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let progressDone: (() => void) | undefined;
  const render = (state: StoreState) => {
    provider.refresh();
    view.message = treeMessage(state, hasToken());
    if (state.status === 'loading' && !progressDone) {
      void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => new Promise<void>((resolve) => (progressDone = resolve)));
    } else if (state.status !== 'loading' && progressDone) {
      progressDone();
      progressDone = undefined;
    }
  };
  render(store.state);
  const subscription = store.onDidChange(render);
  const disposable = vscode.Disposable.from(view, provider, subscription, { dispose: () => progressDone?.() });
  return { view: view as vscode.TreeView<unknown>, provider: provider as vscode.TreeDataProvider<unknown>, dispose: () => disposable.dispose() };
}
