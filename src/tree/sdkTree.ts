/** The "SDK Versions" tree: SDKs → versions, with loading, empty, stale and error states shown in it. */
import * as vscode from 'vscode';
import type { UsageErrorAction } from '../api/errors';
import type { StreamSource } from '../api/parse';
import { describeHealth, type HealthStatus } from '../model/health';
import { formatCount, formatPercent, granularityLabel } from '../model/format';
import { describeFilter, sourceLabel } from '../model/query';
import { sourceId, statusId } from '../model/ids';
import type { SdkUsage, VersionUsage } from '../model/usageModel';
import { MAX_MESSAGE_CHARS, markdownText, plainText } from '../text';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, VIEW_ID, actionCommand } from '../commands/ids';

type TreeNode =
  | { kind: 'source'; source: StreamSource; sdks: readonly SdkUsage[] }
  | { kind: 'sdk'; sdk: SdkUsage }
  | { kind: 'version'; version: VersionUsage }
  | { kind: 'status'; id: string; label: string; detail?: string; icon: vscode.ThemeIcon; action?: UsageErrorAction };

const HEALTH_ICONS: Record<HealthStatus, vscode.ThemeIcon> = {
  current: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  minorBehind: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  majorBehind: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  unknown: new vscode.ThemeIcon('question'),
};

/**
 * A hover built from data: every data-derived part is escaped with `markdownText`, and the
 * MarkdownString stays untrusted, without HTML or theme icons, so a name renders as its characters.
 */
function markdownTooltip(lines: readonly string[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(lines.join('  \n'), false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}

export function versionDescription(version: VersionUsage, locale: string): string {
  return `latest ${formatCount(version.latest, locale)} · peak ${formatCount(version.peak, locale)}`;
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
        item.id = sourceId(node.source);
        item.contextValue = 'source';
        item.iconPath = new vscode.ThemeIcon(node.source === 'server' ? 'server' : 'device-mobile');
        item.description = `${formatCount(node.sdks.reduce((sum, s) => sum + s.latest, 0), this.locale)} connections`;
        return item;
      }
      case 'sdk': {
        const { sdk } = node;
        const item = new vscode.TreeItem(plainText(sdk.sdk), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = sdk.id;
        item.contextValue = 'sdk';
        item.iconPath = new vscode.ThemeIcon('package');
        const count = sdk.versions.length;
        item.description = `${formatCount(sdk.latest, this.locale)} connections · ${count} version${count === 1 ? '' : 's'}`;
        item.tooltip = markdownTooltip([
          `**${markdownText(sdk.sdk)}** (${sdk.source}-side)`,
          '',
          `Latest: ${formatCount(sdk.latest, this.locale)} connections`,
          `Peak: ${formatCount(sdk.peak, this.locale)}`,
          `Newest version seen: ${sdk.newest === undefined ? 'unknown' : markdownText(sdk.newest)}`,
        ]);
        return item;
      }
      case 'version':
        return this.versionItem(node.version);
      case 'status': {
        const item = new vscode.TreeItem(plainText(node.label, MAX_MESSAGE_CHARS), vscode.TreeItemCollapsibleState.None);
        item.id = statusId(node.id);
        item.contextValue = 'status';
        item.iconPath = node.icon;
        item.tooltip = [plainText(node.label, MAX_MESSAGE_CHARS), node.detail].filter(Boolean).join('\n');
        item.description = node.detail;
        if (node.action) {
          item.command = { command: actionCommand(node.action), title: node.action };
        }
        return item;
      }
    }
  }

  private versionItem(version: VersionUsage): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(version.version), vscode.TreeItemCollapsibleState.None);
    item.id = version.id;
    item.contextValue = 'version';
    item.description = versionDescription(version, this.locale);
    item.iconPath = HEALTH_ICONS[version.health.status];
    const total = this.store.state.model?.latestTotal ?? 0;
    item.tooltip = markdownTooltip([
      `**${markdownText(version.sdk)} ${markdownText(version.version)}** (${version.source}-side)`,
      '',
      `Latest: ${formatCount(version.latest, this.locale)} connections (${formatPercent(total ? version.latest / total : 0)} of all)`,
      `Peak: ${formatCount(version.peak, this.locale)}`,
      `Average: ${formatCount(Math.round(version.average), this.locale)}`,
      `Health: ${markdownText(describeHealth(version.health), MAX_MESSAGE_CHARS)}`,
    ]);
    item.accessibilityInformation = {
      label: plainText(`${plainText(version.sdk)} ${plainText(version.version)}, latest ${version.latest} connections, peak ${version.peak}, ${describeHealth(version.health)}`, MAX_MESSAGE_CHARS),
    };
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
