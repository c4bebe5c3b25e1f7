/**
 * The "This Workspace" view's rows: one per LaunchDarkly SDK the workspace uses, under it one per
 * dependency (its file and line; version, connections, verdict and target beside it; selecting it
 * opens the file at that line), and status rows: scanning, no folder, no SDK found, usage not
 * loaded, files that could not be read.
 */
import * as vscode from 'vscode';
import type { KnownEolStatus } from '../model/verdict';
import { NAME_ORDER } from '../model/collation';
import { HEALTH_SEVERITY } from '../model/verdict';
import { DEPENDENCY_STATUS_TEXT } from '../presentation/dependencyStatus';
import {
  dependencyRowContent,
  dependencySdkName,
  sdkDependencyGroupText,
  unreadableFileText,
  unreadableFilesText,
} from '../presentation/dependencyWords';
import { ACTION_LABELS } from '../presentation/labels';
import { COMMANDS } from '../contributions';
import type { DependencyLinks, LinkedDependency } from './dependencyLinks';
import type { ManifestScanner } from './manifestScan';
import { addToList } from '../listMap';

export type DependencyNode =
  | {
      readonly kind: 'status';
      readonly id: string;
      readonly text: string;
      readonly tone: 'info' | 'error';
      readonly command?: vscode.Command;
    }
  | { readonly kind: 'problems'; readonly problems: readonly { readonly fileLabel: string; readonly reason: string }[] }
  | { readonly kind: 'problem'; readonly fileLabel: string; readonly reason: string }
  | { readonly kind: 'sdk'; readonly sdkId: string; readonly name: string; readonly linked: readonly LinkedDependency[] }
  /** `dependencyId` is what the row's context menu commands receive. */
  | { readonly kind: 'dependency'; readonly linked: LinkedDependency; readonly dependencyId: string };

/** The icon of each verdict; a dependency that is not judged shows an empty circle. */
const VERDICT_ICONS: Readonly<Record<KnownEolStatus, vscode.ThemeIcon>> = {
  EolPast: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  EolNear: new vscode.ThemeIcon('history', new vscode.ThemeColor('charts.orange')),
  MajorVersionAvailable: new vscode.ThemeIcon('arrow-circle-up', new vscode.ThemeColor('charts.blue')),
  EolAllClear: new vscode.ThemeIcon('verified-filled', new vscode.ThemeColor('charts.green')),
};

const severity = (linked: LinkedDependency) =>
  linked.usage.verdict.kind === 'notJudged' ? -1 : HEALTH_SEVERITY[linked.usage.verdict.status];

export class DependencyTree implements vscode.TreeDataProvider<DependencyNode> {
  private readonly locale = vscode.env.language;

  constructor(
    private readonly links: DependencyLinks,
    private readonly scanner: ManifestScanner,
    private readonly status: () => { readonly catalogueFailed: boolean; readonly hasToken: boolean; readonly loaded: boolean },
  ) {}

  getChildren(node?: DependencyNode): DependencyNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'problems':
        return node.problems.map((problem) => ({ kind: 'problem', ...problem }));
      case 'sdk':
        return node.linked.map((linked) => ({ kind: 'dependency', linked, dependencyId: linked.id }));
      default:
        return [];
    }
  }

  private roots(): DependencyNode[] {
    const nodes: DependencyNode[] = [];
    const status = (id: string, text: string, tone: 'info' | 'error' = 'info', command?: vscode.Command) =>
      nodes.push({ kind: 'status', id, text, tone, command });
    if (this.scanner.folderCount === 0) {
      status('noFolder', DEPENDENCY_STATUS_TEXT.noFolder);
      return nodes;
    }
    if (this.status().catalogueFailed) status('catalogueFailed', DEPENDENCY_STATUS_TEXT.catalogueFailed, 'error');
    const results = this.scanner.results();
    const problems = results.flatMap(({ folder, scan }) =>
      scan.problems.map((p) => ({ fileLabel: this.scanner.fileLabel(folder, p.file), reason: p.reason })),
    );
    const linked = this.links.all();
    if (this.scanner.scanning && linked.length === 0) status('scanning', DEPENDENCY_STATUS_TEXT.scanning);
    else if (linked.length === 0) status('noneFound', DEPENDENCY_STATUS_TEXT.noneFound);
    else if (!this.status().loaded) {
      const { hasToken } = this.status();
      const action = hasToken ? 'refresh' : 'setToken';
      status('notLoaded', DEPENDENCY_STATUS_TEXT.notLoaded, 'info', {
        command: hasToken ? COMMANDS.refresh : COMMANDS.setToken,
        title: ACTION_LABELS[action],
      });
    }
    if (problems.length) nodes.push({ kind: 'problems', problems });
    const bySdk = new Map<string, LinkedDependency[]>();
    for (const l of linked) addToList(bySdk, l.usage.dependency.sdkId, l);
    const groups = [...bySdk].map(([sdkId, list]) => ({
      kind: 'sdk' as const,
      sdkId,
      name: dependencySdkName(list[0]!.usage),
      linked: list.sort(
        (a, b) => severity(b) - severity(a) || NAME_ORDER.compare(a.place.fileLabel, b.place.fileLabel) || a.place.line - b.place.line,
      ),
    }));
    groups.sort((a, b) => NAME_ORDER.compare(a.name, b.name));
    for (const group of groups) nodes.push(group);
    return nodes;
  }

  getTreeItem(node: DependencyNode): vscode.TreeItem {
    switch (node.kind) {
      case 'status': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = JSON.stringify(['status', node.id]);
        item.contextValue = 'status';
        item.iconPath = new vscode.ThemeIcon(
          node.tone === 'error' ? 'error' : 'info',
          node.tone === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
        );
        item.tooltip = node.text;
        item.command = node.command;
        return item;
      }
      case 'problems': {
        const text = unreadableFilesText(node.problems.length);
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = JSON.stringify(['problems']);
        item.description = text.description;
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'problem': {
        const text = unreadableFileText(node.fileLabel, node.reason);
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
        item.description = text.description;
        item.iconPath = new vscode.ThemeIcon('file');
        return item;
      }
      case 'sdk': {
        const text = sdkDependencyGroupText(
          node.name,
          node.linked.map((l) => l.usage),
        );
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = JSON.stringify(['sdk', node.sdkId]);
        item.description = text.description;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'dependencySdk';
        return item;
      }
      case 'dependency':
        return this.dependencyItem(node.linked);
    }
  }

  private dependencyItem(linked: LinkedDependency): vscode.TreeItem {
    const content = dependencyRowContent(linked.usage, linked.place, this.locale);
    const item = new vscode.TreeItem(content.label, vscode.TreeItemCollapsibleState.None);
    item.id = linked.id;
    item.description = content.description;
    // Built from data: untrusted, no HTML, every data-derived part escaped by dependencyRowContent.
    const tooltip = new vscode.MarkdownString(content.tooltip, false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: content.accessibilityLabel };
    item.contextValue = 'dependency';
    const { verdict } = linked.usage;
    item.iconPath = verdict.kind === 'notJudged' ? new vscode.ThemeIcon('circle-outline') : VERDICT_ICONS[verdict.status];
    item.resourceUri = linked.uri;
    item.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [linked.uri, { selection: linked.range, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}
