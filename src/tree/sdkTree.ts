/**
 * The "SDK Versions" tree: SDKs → versions, or (grouped by environment) projects → environments →
 * versions, with loading, empty, stale and error states shown in it.
 */
import * as vscode from 'vscode';
import type { StreamSource } from '../api/parse';
import { groupByEnvironment, type EnvironmentGroup, type PlacedVersion, type ProjectGroup } from '../model/byEnvironment';
import { presentError } from '../presentation/errors';
import { ACTION_LABELS } from '../presentation/labels';
import { orderByLabel } from '../presentation/ordering';
import { treeMessage, treeNotices, type TreeNotice } from '../presentation/status';
import { viewStatus } from '../presentation/viewStatus';
import { sourceId, statusId } from '../model/rowIds';
import type { SdkUsage, UsageModel, VersionUsage } from '../model/usageModel';
import type { Verdicts } from '../model/verdict';
import { MAX_MESSAGE_CHARS, plainText } from '../text';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, VIEW_ID, actionCommand } from '../contributions';
import { lastResultOf } from '../lastResult';
import {
  environmentRowContent,
  projectRowContent,
  reportedVersionContent,
  sdkItemContent,
  sourceRowContent,
  unreportedRowContent,
  versionItemContent,
  type GroupRowContent,
  type IconName,
  type TreeItemContent,
} from './treeContent';

export type TreeNode =
  | { kind: 'source'; source: StreamSource; sdks: readonly SdkUsage[] }
  | { kind: 'sdk'; sdk: SdkUsage }
  | { kind: 'version'; version: VersionUsage }
  | { kind: 'project'; project: ProjectGroup }
  | { kind: 'environment'; environment: EnvironmentGroup }
  | { kind: 'placed'; placed: PlacedVersion; environmentId: string }
  | { kind: 'unreported'; versions: readonly VersionUsage[] }
  | { kind: 'status'; notice: TreeNotice };

export type TreeGrouping = 'sdk' | 'environment';

function themeIcon(icon: IconName): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color === undefined ? undefined : new vscode.ThemeColor(icon.color));
}

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

/** What every row shows besides its tooltip. */
function rowItem(content: GroupRowContent | TreeItemContent, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(content.label, collapsible);
  item.contextValue = content.contextValue;
  item.iconPath = themeIcon(content.icon);
  item.description = content.description;
  return item;
}

function groupItem(content: GroupRowContent, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = rowItem(content, collapsible);
  if (content.tooltip !== undefined) item.tooltip = content.tooltip;
  return item;
}

function contentItem(content: TreeItemContent, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = rowItem(content, collapsible);
  item.tooltip = markdownTooltip([content.tooltip]);
  if (content.accessibilityLabel !== undefined) {
    item.accessibilityInformation = { label: content.accessibilityLabel };
  }
  return item;
}

/** By environment opens every environment at first only up to this many version rows in all. */
const MAX_OPEN_VERSION_ROWS = 1_000;

export class SdkTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly locale = vscode.env.language;
  /**
   * By environment, grouped and ordered once per report joined to a model; environments open at
   * first only while their version rows are few enough to draw at once.
   */
  private readonly environmentGroups = lastResultOf((verdicts: Verdicts) => {
    const projects = orderByLabel(groupByEnvironment(verdicts));
    let rows = 0;
    for (const project of projects) for (const environment of project.environments) rows += environment.versions.length;
    return { projects, openEnvironments: rows <= MAX_OPEN_VERSION_ROWS };
  });
  /** A version's row content under an environment, made once per joined report: the same version stands in many environments. */
  private readonly placedContents = lastResultOf((_verdicts: Verdicts) => new Map<string, TreeItemContent>());
  /** The model's versions by id, for the rows under an environment. */
  private readonly versionsById = lastResultOf((model: UsageModel) => new Map(model.versions.map((v) => [v.id, v])));

  constructor(
    private readonly store: UsageStore,
    private readonly hasToken: () => boolean,
    private groupingChoice: TreeGrouping = 'sdk',
  ) {}

  get grouping(): TreeGrouping {
    return this.groupingChoice;
  }

  /** Switches between SDKs → versions and projects → environments → versions; no request. */
  setGrouping(grouping: TreeGrouping): void {
    this.groupingChoice = grouping;
    this.refresh();
  }

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
      case 'project':
        return node.project.environments.map((environment) => ({ kind: 'environment', environment }));
      case 'environment':
        return node.environment.versions.map((placed) => ({ kind: 'placed', placed, environmentId: node.environment.id }));
      case 'unreported':
        return node.versions.map((version) => ({ kind: 'version', version }));
      default:
        return [];
    }
  }

  private roots(state: StoreState): TreeNode[] {
    // With no token the view stays empty so its welcome content (Set API Token) shows.
    if (!this.hasToken()) {
      return [];
    }
    const model = state.model;
    const byEnvironment = this.groupingChoice === 'environment';
    const notices = treeNotices({
      error: state.error && presentError(state.error),
      versions: model?.versions.length,
      byEnvironment,
      report: state.verdicts ? 'loaded' : state.detailsError ? 'failed' : 'pending',
    });
    const nodes: TreeNode[] = notices.map((notice) => ({ kind: 'status', notice }));
    if (!model || model.versions.length === 0) {
      return nodes;
    }
    if (byEnvironment && state.verdicts) {
      for (const project of this.environmentGroups(state.verdicts).projects) nodes.push({ kind: 'project', project });
      const unreported = model.versions.filter((v) => !state.verdicts!.byVersionId.has(v.id));
      if (unreported.length) nodes.push({ kind: 'unreported', versions: unreported });
      return nodes;
    }
    if (model.sources.length > 1) {
      for (const source of model.sources) {
        nodes.push({ kind: 'source', source, sdks: model.sdks.filter((s) => s.source === source) });
      }
    } else {
      for (const sdk of model.sdks) nodes.push({ kind: 'sdk', sdk });
    }
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'source': {
        const item = groupItem(sourceRowContent(node.source, node.sdks, this.locale), vscode.TreeItemCollapsibleState.Expanded);
        item.id = sourceId(node.source);
        return item;
      }
      case 'sdk': {
        const item = contentItem(sdkItemContent(node.sdk, this.locale), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.sdk.id;
        return item;
      }
      case 'version':
        return this.versionItem(node.version);
      case 'project': {
        const item = groupItem(projectRowContent(node.project), vscode.TreeItemCollapsibleState.Expanded);
        item.id = JSON.stringify(['project', node.project.id]);
        return item;
      }
      case 'environment': {
        const { verdicts } = this.store.state;
        const open = verdicts !== undefined && this.environmentGroups(verdicts).openEnvironments;
        const item = groupItem(
          environmentRowContent(node.environment),
          open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = JSON.stringify(['environment', node.environment.id]);
        return item;
      }
      case 'placed':
        return this.placedItem(node.placed, node.environmentId);
      case 'unreported': {
        const item = groupItem(unreportedRowContent(node.versions.length), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'unreported';
        return item;
      }
      case 'status': {
        const { notice } = node;
        const label = plainText(notice.label, MAX_MESSAGE_CHARS);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.id = statusId(notice.id);
        item.contextValue = 'status';
        item.iconPath =
          notice.tone === 'error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('info');
        item.tooltip = [label, notice.detail].filter(Boolean).join('\n');
        item.description = notice.detail;
        if (notice.action) {
          item.command = { command: actionCommand(notice.action), title: ACTION_LABELS[notice.action] };
        }
        return item;
      }
    }
  }

  private versionItem(version: VersionUsage, placement?: { environmentId: string }): vscode.TreeItem {
    const { verdicts, model } = this.store.state;
    const make = () =>
      versionItemContent(version, {
        latestTotal: model?.latestTotal ?? 0,
        locale: this.locale,
        verdict: verdicts?.byVersionId.get(version.id),
        verdictsLoaded: verdicts !== undefined,
        placed: placement !== undefined,
      });
    let content: TreeItemContent;
    if (placement && verdicts) {
      const made = this.placedContents(verdicts);
      content = made.get(version.id) ?? make();
      made.set(version.id, content);
    } else {
      content = make();
    }
    const item = contentItem(content, vscode.TreeItemCollapsibleState.None);
    item.id = placement ? JSON.stringify(['placed', placement.environmentId, version.id]) : version.id;
    item.command = { command: COMMANDS.showChart, title: 'Show in Chart', arguments: [version.id] };
    return item;
  }

  /** A version under an environment; one LaunchDarkly reports without a stream series has no numbers. */
  private placedItem(placed: PlacedVersion, environmentId: string): vscode.TreeItem {
    const { model } = this.store.state;
    const version = placed.versionId === undefined || !model ? undefined : this.versionsById(model).get(placed.versionId);
    if (version) return this.versionItem(version, { environmentId });
    const item = contentItem(reportedVersionContent(placed, this.store.state.verdicts !== undefined), vscode.TreeItemCollapsibleState.None);
    item.id = JSON.stringify(['placed', environmentId, placed.reportedSdk, placed.version]);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Creates the tree view and keeps its message, badge-free progress and contents in step with the store. */
export function registerSdkTree(
  store: UsageStore,
  hasToken: () => boolean,
  grouping: TreeGrouping = 'sdk',
): vscode.Disposable & { view: vscode.TreeView<unknown>; provider: SdkTreeProvider; showMessage: () => void } {
  const provider = new SdkTreeProvider(store, hasToken, grouping);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let progressDone: (() => void) | undefined;
  const showMessage = () => {
    view.message = treeMessage(viewStatus(store.state, hasToken()), store.state.model !== undefined);
  };
  const render = (state: StoreState) => {
    provider.refresh();
    showMessage();
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
  return { view: view as vscode.TreeView<unknown>, provider, showMessage, dispose: () => disposable.dispose() };
}
