/**
 * What reading a workspace's manifests and lockfiles yields: the LaunchDarkly SDK dependencies, each
 * with where it is written, and one problem entry per file that could not be read.
 */

/** The package registries whose files are read. */
export type Ecosystem = 'npm' | 'go' | 'pypi' | 'maven' | 'nuget' | 'rubygems' | 'composer' | 'cocoapods' | 'swiftpm' | 'pub';

/** Zero-based line and column, the column in UTF-16 code units: what VS Code's `Position` holds. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** A place in a workspace file: its path as given to the reader, and the span there. */
export interface FilePlace {
  readonly file: string;
  readonly span: TextSpan;
}

/**
 * How the declared version reads:
 * - `exact`: one version (`1.2.3`, `==1.2.3`, `[1.2.3]`; also Maven's and NuGet's bare `1.2.3`, which resolve to it);
 * - `range`: several versions may satisfy it (`^1.2`, `~> 8.0`, `>=7,<9`, `1.+`, `[1.0,2.0)`, `*`);
 * - `unpinned`: no version written, so any version (or one managed elsewhere that was not found);
 * - `other`: not a version (a git URL, a path, a dist-tag, `workspace:*`, a branch).
 */
export type DeclaredKind = 'exact' | 'range' | 'unpinned' | 'other';

/**
 * Whether the project asks for the package itself: `direct` when a manifest declares it or the
 * lockfile marks it so, `transitive` when the lockfile has it only for another package, `unknown`
 * when a lockfile without a manifest does not say.
 */
export type Relation = 'direct' | 'transitive' | 'unknown';

export interface WorkspaceDependency {
  /** The manifest that declares it, or the lockfile when no manifest does. */
  readonly file: string;
  /** The dependency in that file: where a diagnostic or hover belongs. */
  readonly span: TextSpan;
  readonly ecosystem: Ecosystem;
  /** As written (an npm alias gives the real package name; a Go module keeps its major suffix). */
  readonly packageName: string;
  /** The SDK's id in LaunchDarkly's SDK metadata (`node-server`, `go-server-sdk`, …). */
  readonly sdkId: string;
  readonly relation: Relation;
  /** The manifest's section or group (`devDependencies`, `group dev`, `require-dev`) when it has one. */
  readonly section?: string;
  /** The version or range the manifest asks for, as written (a Maven property or central version already read). */
  readonly declared?: string;
  /** Absent when no manifest declares it (a lockfile-only finding). */
  readonly declaredKind?: DeclaredKind;
  /** Where the declared version is written when that is not at the dependency (a property, a catalogue, central management). */
  readonly declaredAt?: FilePlace;
  /** The version a lockfile pins, as written there. */
  readonly resolved?: string;
  readonly lockfile?: FilePlace;
  /**
   * What to match against usage: the lockfile's version, else the declared one. A leading `v` or `=`,
   * Go's `+incompatible` and pnpm's peer suffix are dropped. Absent when neither is a version.
   */
  readonly version?: { readonly text: string; readonly kind: 'exact' | 'range'; readonly from: 'lockfile' | 'manifest' };
}

/** A file that was not read, and why in a few words ("larger than 5 MB", "invalid JSON at line 3"). */
export interface FileProblem {
  readonly file: string;
  readonly reason: string;
}

export interface WorkspaceScan {
  readonly dependencies: readonly WorkspaceDependency[];
  readonly problems: readonly FileProblem[];
}

/** A file to read: its path (workspace-relative, `/`-separated) and its content as read from disk or as text. */
export interface WorkspaceFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}
