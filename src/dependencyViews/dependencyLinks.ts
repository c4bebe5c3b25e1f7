/**
 * The workspace's dependencies joined to the usage on show: made again when a scan changes, when
 * the store's model, verdicts or loaded query change, and once the catalogue has been read. The
 * views (tree, diagnostics, hover, CodeLens) and the plan's narrowing read it.
 */
import * as vscode from 'vscode';
import type { SdkCatalogue } from '../catalogue/catalogue';
import type { PlanRow } from '../model/upgradePlan';
import type { DependencyPlace } from '../presentation/dependencyWords';
import { narrowPlan } from '../sdkDependencies/planScope';
import { matchDependency, usageBySdkId, type DependencyUsage, type UsageBySdk } from '../sdkDependencies/usageMatch';
import type { StoreState, UsageStore } from '../store';
import type { WorkspaceReader } from '../workspace/index';
import type { WorkspaceDependency } from '../workspace/types';
import type { ManifestScanner } from './manifestScan';
import { addToList } from '../listMap';

export interface LinkedDependency {
  /** Stable while the dependency stays where it is: JSON of the folder, file, position and package. */
  readonly id: string;
  readonly folder: vscode.WorkspaceFolder;
  /** The file the dependency is written in. */
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly place: DependencyPlace;
  readonly usage: DependencyUsage;
}

export function dependencyId(folder: vscode.WorkspaceFolder, dependency: WorkspaceDependency): string {
  const { start } = dependency.span;
  return JSON.stringify([folder.uri.toString(), dependency.file, start.line, start.character, dependency.packageName]);
}

export class DependencyLinks implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private linked: LinkedDependency[] = [];
  private byUri = new Map<string, LinkedDependency[]>();
  private byId = new Map<string, LinkedDependency>();
  /** The usage index of the model and verdicts it was made from. */
  private usageIndex: { model: StoreState['model']; verdicts: StoreState['verdicts']; index: UsageBySdk } | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The store state the links were last made from, for skipping states that change nothing here. */
  private shown: Pick<StoreState, 'model' | 'verdicts' | 'loaded'> | undefined;

  constructor(
    private readonly scanner: ManifestScanner,
    private readonly store: UsageStore,
    private readonly reader: WorkspaceReader,
    private readonly catalogue: SdkCatalogue | undefined,
  ) {
    this.subscriptions = [
      scanner.onDidChange(() => this.update()),
      store.onDidChange((state) => {
        const shown = this.shown;
        if (shown && shown.model === state.model && shown.verdicts === state.verdicts && shown.loaded === state.loaded) return;
        this.update();
      }),
    ];
    this.update();
  }

  all(): readonly LinkedDependency[] {
    return this.linked;
  }

  inFile(uri: vscode.Uri): readonly LinkedDependency[] {
    return this.byUri.get(uri.toString()) ?? [];
  }

  find(id: string): LinkedDependency | undefined {
    return this.byId.get(id);
  }

  /** The plan's rows of the SDKs this workspace uses; undefined without a catalogue to tell SDKs apart. */
  narrow(rows: readonly PlanRow[]): PlanRow[] | undefined {
    if (!this.catalogue) return undefined;
    return narrowPlan(rows, new Set(this.linked.map((l) => l.usage.dependency.sdkId)));
  }

  private usageBySdk(state: StoreState): UsageBySdk {
    const { model, verdicts } = state;
    const known = this.usageIndex;
    if (known && known.model === model && known.verdicts === verdicts) return known.index;
    const index =
      this.catalogue && model
        ? usageBySdkId(model.versions, verdicts?.withoutSeries ?? [])
        : { series: new Map(), reportedOnly: new Map() };
    this.usageIndex = { model, verdicts, index };
    return index;
  }

  private update(): void {
    const state = this.store.state;
    this.shown = state;
    const context = {
      model: state.model,
      verdicts: state.verdicts,
      bySdk: this.usageBySdk(state),
      catalogue: this.catalogue,
      versions: this.reader,
      filtered: state.loaded?.filter.sdk !== undefined || state.loaded?.filter.version !== undefined,
      asOfMs: Date.now(),
    };
    const linked: LinkedDependency[] = [];
    for (const { folder, scan } of this.scanner.results()) {
      for (const dependency of scan.dependencies) {
        const { start, end } = dependency.span;
        linked.push({
          id: dependencyId(folder, dependency),
          folder,
          uri: vscode.Uri.joinPath(folder.uri, dependency.file),
          range: new vscode.Range(start.line, start.character, end.line, end.character),
          place: { fileLabel: this.scanner.fileLabel(folder, dependency.file), line: start.line },
          usage: matchDependency(dependency, context),
        });
      }
    }
    this.linked = linked;
    this.byId = new Map(linked.map((l) => [l.id, l]));
    this.byUri = new Map();
    for (const l of linked) addToList(this.byUri, l.uri.toString(), l);
    this.changed.fire();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
