/**
 * What one file yields before it is paired with others: the SDK dependencies it declares or locks,
 * and the facts a neighbour needs (a lockfile's workspace folders, a POM's properties and parent, a
 * catalogue's libraries). Small and free of the file's text, so a host can keep one per file and
 * pair them again when one file changes.
 */
import type { FileKind } from './files';
import type { LineIndex } from './textIndex';
import type { Ecosystem, FilePlace, Relation, TextSpan } from './types';

/** A dependency as a manifest declares it. */
export interface Declared {
  readonly ecosystem: Ecosystem;
  readonly packageName: string;
  readonly sdkId: string;
  readonly span: TextSpan;
  readonly section?: string;
  /** As written; may still hold a reference the pairing resolves (`${ld.version}`, `$(LdVersion)`, `$ldVersion`). */
  readonly declared?: string;
  readonly declaredAt?: FilePlace;
  /** Go marks the modules it needs only for others (`// indirect`). */
  readonly relation?: Relation;
  /** npm: the folder name under node_modules (an alias's own name) and the specifier written, as lockfiles key them. */
  readonly installName?: string;
  readonly specifier?: string;
}

/** A package version as a lockfile pins it. */
export interface Locked {
  readonly ecosystem: Ecosystem;
  readonly packageName: string;
  readonly sdkId: string;
  readonly version: string;
  readonly span: TextSpan;
  readonly relation: Relation;
  /** package-lock: where it is installed (`node_modules/x`, `packages/a/node_modules/x`). */
  readonly installPath?: string;
  /** pnpm: the workspace folder (relative to the lockfile's folder) whose dependency it is, and the name it is installed under there. */
  readonly importer?: string;
  readonly installName?: string;
  /** yarn: the `name@range` descriptors the entry answers. */
  readonly descriptors?: readonly string[];
}

/** A property a manifest defines (a POM's `<properties>`, a Gradle script's variables, gradle.properties, an MSBuild `<PropertyGroup>`). */
export interface Property {
  readonly value: string;
  readonly span: TextSpan;
}

/** A Gradle build file's `libs.x.y` reference, to be looked up in the catalogue. */
export interface CatalogueReference {
  readonly accessor: string;
  readonly span: TextSpan;
  readonly section?: string;
}

export interface FileReading {
  readonly path: string;
  readonly kind: FileKind;
  /** Set when the file could not be read; then it yields nothing else. */
  readonly problem?: string;
  readonly declared: readonly Declared[];
  readonly locked: readonly Locked[];
  /** package.json: its `workspaces` globs. */
  readonly workspaces?: readonly string[];
  /** npm lockfiles: the workspace folders they cover, relative to their own folder (`` for their own). */
  readonly importers?: readonly string[];
  readonly properties?: ReadonlyMap<string, Property>;
  /** pom.xml: the path of its parent POM (from `<relativePath>`, by default `../pom.xml`). */
  readonly parent?: string;
  /** Versions set for others: a POM's dependencyManagement, central package versions, a version catalogue's libraries (keyed by accessor). */
  readonly managed?: ReadonlyMap<string, Declared>;
  readonly catalogueReferences?: readonly CatalogueReference[];
  /** pubspec.yaml: `resolution: workspace`, so its lockfile is the workspace root's. */
  readonly workspaceMember?: boolean;
}

/** What a reader gets: the file, its text (a BOM removed, so offsets match the editor's), and a line index. */
export interface ReaderInput {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** Whether the text names a LaunchDarkly package at all; readers that only look for SDKs return early when not. */
  readonly mentionsSdk: boolean;
}

type ReaderOutput = Omit<FileReading, 'path' | 'kind' | 'problem' | 'declared' | 'locked'> & {
  readonly declared?: readonly Declared[];
  readonly locked?: readonly Locked[];
};

export type Reader = (input: ReaderInput) => ReaderOutput;
