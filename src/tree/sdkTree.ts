/**
 * The "SDK Versions" tree: SDKs → versions, or (grouped by environment) projects → environments →
 * versions, with loading, empty, stale and error states shown in it.
 */
import * as vscode from 'vscode';
import type { UsageErrorAction } from '../api/errors';
import type { StreamSource } from '../api/parse';
import { groupByEnvironment, type EnvironmentGroup, type PlacedVersion, type ProjectGroup } from '../model/byEnvironment';
import { formatCount, formatPercent, granularityLabel } from '../model/format';
import { dataNotes } from '../model/dataNotes';
import { markdownText } from '../model/markdownText';
import {
  describeEffectiveHealth,
  effectiveHealth,
  verdictFailureNote,
  whereItRuns,
  whereItRunsMarkdown,
  type EffectiveHealth,
  type HealthKey,
  type VersionVerdict,
} from '../model/verdict';
import { describeFilter, sourceLabel } from '../model/query';
import type { SdkUsage, VersionUsage } from '../model/usageModel';
import type { StoreState, UsageStore } from '../store';
import { COMMANDS, VIEW_ID, actionCommand } from '../commands/ids';

type TreeNode =
  | { kind: 'source'; source: StreamSource; sdks: readonly SdkUsage[] }
  | { kind: 'sdk'; sdk: SdkUsage }
  | { kind: 'version'; version: VersionUsage }
  | { kind: 'project'; project: ProjectGroup }
  | { kind: 'environment'; environment: EnvironmentGroup }
  | { kind: 'placed'; placed: PlacedVersion; environmentId: string }
  | { kind: 'unreported'; versions: readonly VersionUsage[] }
  | { kind: 'status'; id: string; label: string; detail?: string; icon: vscode.ThemeIcon; action?: UsageErrorAction };

/** LaunchDarkly's verdicts have shapes of their own ("verified", arrows), so they read apart from estimates. */
const HEALTH_ICONS: Record<HealthKey, vscode.ThemeIcon> = {
  current: new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green')),
  minorBehind: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  majorBehind: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  unknown: new vscode.ThemeIcon('question'),
  EolAllClear: new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('charts.green')),
  MajorVersionAvailable: new vscode.ThemeIcon('arrow-circle-up', new vscode.ThemeColor('charts.blue')),
  EolNear: new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.orange')),
  EolPast: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
};

export type TreeGrouping = 'sdk' | 'environment';

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
    if (this.groupingChoice === 'environment') {
      if (state.verdicts) {
        nodes.push(...groupByEnvironment(state.verdicts).map((project): TreeNode => ({ kind: 'project', project })));
        const unreported = model.versions.filter((v) => !state.verdicts!.byVersionId.has(v.id));
        if (unreported.length) nodes.push({ kind: 'unreported', versions: unreported });
        return nodes;
      }
      // Without LaunchDarkly's report there are no environments to group by: say so, show SDKs.
      nodes.push({
        kind: 'status',
        id: 'no-environments',
        label: state.detailsError ? 'Environments unavailable: LaunchDarkly\'s SDK versions report could not be loaded.' : 'Environments appear once LaunchDarkly\'s SDK versions report has loaded.',
        icon: new vscode.ThemeIcon('info'),
        action: state.detailsError ? 'refresh' : undefined,
      });
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
        const { sdk } = node;
        const item = new vscode.TreeItem(sdk.sdk, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = sdk.id;
        item.contextValue = 'sdk';
        item.iconPath = new vscode.ThemeIcon('package');
        const count = sdk.versions.length;
        item.description = `${formatCount(sdk.latest, this.locale)} connections · ${count} version${count === 1 ? '' : 's'}`;
        item.tooltip = new vscode.MarkdownString(
          [
            `**${sdk.sdk}** (${sdk.source}-side)`,
            '',
            `Latest: ${formatCount(sdk.latest, this.locale)} connections`,
            `Peak: ${formatCount(sdk.peak, this.locale)}`,
            `Newest version seen: ${sdk.newest ?? 'unknown'}`,
          ].join('  \n'),
        );
        return item;
      }
      case 'version':
        return this.versionItem(node.version);
      case 'project': {
        const { project } = node;
        const item = new vscode.TreeItem(project.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = JSON.stringify(['project', project.id]);
        item.contextValue = 'project';
        item.iconPath = new vscode.ThemeIcon('project');
        item.description = `${project.environments.length} environment${project.environments.length === 1 ? '' : 's'}`;
        item.tooltip = project.key ? `${project.label}\nProject key: ${project.key}` : project.label;
        return item;
      }
      case 'environment': {
        const { environment } = node;
        const item = new vscode.TreeItem(environment.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = JSON.stringify(['environment', environment.id]);
        item.contextValue = 'environment';
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.description = `${environment.versions.length} SDK version${environment.versions.length === 1 ? '' : 's'}`;
        item.tooltip = environment.key ? `${environment.label}\nEnvironment key: ${environment.key}` : environment.label;
        return item;
      }
      case 'placed':
        return this.placedItem(node.placed, node.environmentId);
      case 'unreported': {
        const item = new vscode.TreeItem('Not in LaunchDarkly\'s SDK versions report', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'unreported';
        item.contextValue = 'unreported';
        item.iconPath = new vscode.ThemeIcon('question');
        item.description = `${node.versions.length} version${node.versions.length === 1 ? '' : 's'}`;
        item.tooltip = 'Versions with stream connections that LaunchDarkly reports in no environment; their health is estimated.';
        return item;
      }
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

  private versionItem(version: VersionUsage, placement?: { environmentId: string }): vscode.TreeItem {
    const item = new vscode.TreeItem(placement ? `${version.sdk} ${version.version}` : version.version, vscode.TreeItemCollapsibleState.None);
    item.id = placement ? JSON.stringify(['placed', placement.environmentId, version.id]) : version.id;
    item.contextValue = 'version';
    item.description = versionDescription(version, this.locale);
    const verdict = this.store.state.verdicts?.byVersionId.get(version.id);
    const health = effectiveHealth(version.health, verdict);
    item.iconPath = HEALTH_ICONS[health.key];
    const total = this.store.state.model?.latestTotal ?? 0;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${markdownText(version.sdk)} ${markdownText(version.version)}** (${version.source}-side)`,
        '',
        `Latest: ${formatCount(version.latest, this.locale)} connections (${formatPercent(total ? version.latest / total : 0)} of all)`,
        `Peak: ${formatCount(version.peak, this.locale)}`,
        `Average: ${formatCount(Math.round(version.average), this.locale)}`,
        ...this.healthLines(health, verdict),
      ].join('  \n'),
    );
    item.accessibilityInformation = {
      label: `${version.sdk} ${version.version}, latest ${version.latest} connections, peak ${version.peak}, ${describeEffectiveHealth(health)}`,
    };
    item.command = { command: COMMANDS.showChart, title: 'Show in Chart', arguments: [version.id] };
    return item;
  }

  /** Health, the source of the verdict and where the version runs, as tooltip lines. */
  private healthLines(health: EffectiveHealth, verdict: VersionVerdict | undefined): string[] {
    const lines = [`Health: ${markdownText(describeEffectiveHealth(health))}`];
    if (verdict && verdict.placements.length) {
      lines.push('', '**Where it runs** (LaunchDarkly)', ...whereItRunsMarkdown(whereItRuns(verdict.placements)));
    } else if (this.store.state.verdicts) {
      lines.push('', 'LaunchDarkly reports this version in no environment.');
    }
    return lines;
  }

  /** A version under an environment; one LaunchDarkly reports without a stream series has no numbers. */
  private placedItem(placed: PlacedVersion, environmentId: string): vscode.TreeItem {
    const version = placed.versionId === undefined ? undefined : this.store.state.model?.versions.find((v) => v.id === placed.versionId);
    if (version) return this.versionItem(version, { environmentId });
    const item = new vscode.TreeItem(`${placed.sdk} ${placed.version}`, vscode.TreeItemCollapsibleState.None);
    item.id = JSON.stringify(['placed', environmentId, placed.sdk, placed.version]);
    item.contextValue = 'reportedVersion';
    item.description = 'no stream series';
    const health = placed.verdict.status ? effectiveHealth({ status: 'unknown', behind: 0, newest: undefined }, placed.verdict) : undefined;
    item.iconPath = health ? HEALTH_ICONS[health.key] : HEALTH_ICONS.unknown;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${markdownText(placed.sdk)} ${markdownText(placed.version)}**`,
        '',
        'Reported by LaunchDarkly; no stream series carries this version (an SDK that does not stream, for example).',
        ...(health ? this.healthLines(health, placed.verdict) : ['Health: unknown (LaunchDarkly has no verdict)']),
      ].join('  \n'),
    );
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
  const summary = [sourceLabel(loaded.source), loaded.rangeLabel, granularityLabel(loaded.granularity), filter && `filter: ${filter}`, ...dataNotes(state.model, loaded)]
    .filter(Boolean)
    .join(' · ');
  const note = state.detailsError && !state.details ? ` · ${verdictFailureNote(state.detailsError)}` : '';
  if (state.status === 'loading') {
    return `Refreshing… ${summary}${note}`;
  }
  return `${state.stale ? `Stale: ${summary}` : summary}${note}`;
}

/** Creates the tree view and keeps its message, badge-free progress and contents in step with the store. */
export function registerSdkTree(
  store: UsageStore,
  hasToken: () => boolean,
  grouping: TreeGrouping = 'sdk',
): vscode.Disposable & { view: vscode.TreeView<unknown>; provider: SdkTreeProvider } {
  const provider = new SdkTreeProvider(store, hasToken, grouping);
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
  return { view: view as vscode.TreeView<unknown>, provider, dispose: () => disposable.dispose() };
}
