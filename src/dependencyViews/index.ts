/**
 * The workspace's LaunchDarkly SDK dependencies in VS Code: the bundle entry of dist/dependencies.js,
 * which the extension loads with require() when first needed (the "This Workspace" view is shown, or
 * usage data loaded while diagnostics are on), so activation pays nothing for it. It loads the
 * workspace reader (dist/workspace.js), takes the SDK catalogue the store reads, scans the open folders, and
 * wires the view's rows, the diagnostics, the hover, the CodeLens and the quick fix. Modules outside
 * this folder import only its types.
 */
import * as vscode from 'vscode';
import type { SdkNaming } from '../catalogue/sdkIdentity';
import type { Logger } from '../log';
import type { PlanRow } from '../model/upgradePlan';
import { dependencyChecklistMarkdown } from '../presentation/dependencyMarkdown';
import { dependencyReleaseNotes, type DependencyUsage } from '../sdkDependencies/usageMatch';
import type { UsageStore } from '../store';
import type { WorkspaceReader } from '../workspace/index';
import { DependencyLinks, type LinkedDependency } from './dependencyLinks';
import { DependencyTree, type DependencyNode } from './dependencyTree';
import { registerDiagnostics, registerEditorFeatures } from './editorFeatures';
import { ManifestScanner } from './manifestScan';

/** What the extension gives the bundle. */
export interface DependencyHost {
  readonly store: UsageStore;
  readonly logger: Logger;
  readonly hasToken: () => boolean;
  /** Absolute path of dist/workspace.js. */
  readonly readerFile: string;
  /** The SDK catalogue's naming as the store reads it (once); undefined when it cannot be read. */
  readonly readNaming: () => Promise<SdkNaming | undefined>;
  /** Tells the view (whose provider the extension owns) that its rows changed. */
  readonly treeChanged: () => void;
}

/** A dependency's checklist or release notes, found by the id its row, hover or quick fix passes. */
export interface DependencyLookup {
  readonly name: string;
  readonly usage: DependencyUsage;
  readonly checklist: string;
  readonly releaseNotes: URL | undefined;
}

/** What the bundle gives back. */
export interface DependencyViews extends vscode.Disposable {
  readonly tree: vscode.TreeDataProvider<DependencyNode>;
  /** Resolves when every open folder has been scanned (and rescanned after pending changes). */
  whenScanned(): Promise<void>;
  rescan(): Promise<void>;
  lookup(id: string): DependencyLookup | undefined;
  /** The plan's rows of this workspace's SDKs; undefined without the catalogue. */
  narrow(rows: readonly PlanRow[]): PlanRow[] | undefined;
  /** Every dependency joined to the usage on show (the integration tests read it). */
  linked(): readonly LinkedDependency[];
  readonly onDidChange: vscode.Event<void>;
}

async function start(host: DependencyHost): Promise<DependencyViews> {
  const started = performance.now();
  // The reader's own bundle, lazily too; its path is the extension's, never the workspace's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const reader = (require(host.readerFile) as { workspaceReader: WorkspaceReader }).workspaceReader;
  // The catalogue the store names SDKs with, read once for both (the host logs a failure to read it).
  const catalogue = (await host.readNaming())?.catalogue;
  const loadedMs = performance.now() - started;
  const scanner = new ManifestScanner(reader, host.logger);
  const links = new DependencyLinks(scanner, host.store, reader, catalogue);
  const tree = new DependencyTree(links, scanner, () => ({
    catalogueFailed: catalogue === undefined,
    hasToken: host.hasToken(),
    loaded: host.store.state.model !== undefined,
  }));
  const locale = vscode.env.language;
  const disposables = vscode.Disposable.from(
    scanner,
    links,
    links.onDidChange(() => host.treeChanged()),
    registerDiagnostics(links),
    registerEditorFeatures(links, reader.WORKSPACE_FILE_GLOB, () => host.store.state.loaded),
  );
  const scanned = scanner.start().then(() =>
    // One line per start, with what it cost (the benchmark reads it).
    host.logger.info(
      `Found ${links.all().length} LaunchDarkly SDK dependencies in ${scanner.fileCount} manifests and lockfiles of ${scanner.folderCount} folder(s) in ${(performance.now() - started).toFixed(0)} ms (loading the reader and the catalogue ${loadedMs.toFixed(0)} ms, finding the files ${scanner.listingMs.toFixed(0)} ms).`,
    ),
  );
  host.treeChanged();
  return {
    tree,
    whenScanned: async () => {
      await scanned;
      await scanner.whenIdle();
    },
    rescan: () => scanner.rescan(),
    lookup: (id) => {
      const linked = links.find(id);
      return (
        linked && {
          name: `${linked.usage.dependency.packageName} ${linked.usage.dependency.version?.text ?? ''}`.trim(),
          usage: linked.usage,
          checklist: dependencyChecklistMarkdown(linked.usage, linked.place, locale),
          releaseNotes: dependencyReleaseNotes(linked.usage),
        }
      );
    },
    narrow: (rows) => links.narrow(rows),
    linked: () => links.all(),
    onDidChange: links.onDidChange,
    dispose: () => disposables.dispose(),
  };
}

/** What dist/dependencies.js gives the extension (`require(…).dependencyViews`). */
export const dependencyViews = { start };

export type DependencyViewsModule = typeof dependencyViews;
