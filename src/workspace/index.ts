/**
 * The workspace reader: LaunchDarkly SDK dependencies from a workspace folder's manifests and
 * lockfiles. Pure (no `vscode`, no I/O: the host finds and reads the files and passes their text or
 * bytes), and bundled on its own as dist/workspace.js, which the host loads when first needed so
 * that these parsers stay out of the activation bundle: modules outside this folder import only
 * its types.
 *
 * Use: find files with WORKSPACE_FILE_GLOB, excluding SKIPPED_FOLDERS_GLOB, skip those over
 * MAX_FILE_BYTES, and pass one workspace folder's files (paths relative to it, `/`-separated) to
 * `scanWorkspaceFiles`. To rescan after one file changed, keep each file's `readWorkspaceFile`
 * reading, replace the changed one, and call `pairReadings` on them all (pairing is cheap).
 */
export type {
  DeclaredKind,
  Ecosystem,
  FilePlace,
  FileProblem,
  Relation,
  TextPosition,
  TextSpan,
  WorkspaceDependency,
  WorkspaceFile,
  WorkspaceScan,
} from './types';
export type { FileReading } from './reading';
export { MAX_FILE_BYTES, SKIPPED_FOLDERS, SKIPPED_FOLDERS_GLOB, WORKSPACE_FILE_GLOB, WORKSPACE_FILE_GLOBS, fileKindOf } from './files';
export { sdkOfPackage } from './packages';
export { pairReadings, readWorkspaceFile, scanWorkspaceFiles } from './scan';
export { admittedVersions, compareVersions, plainVersion, readDeclaredVersion } from './versions';
