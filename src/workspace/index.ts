/**
 * The workspace reader's bundle entry: LaunchDarkly SDK dependencies from a workspace folder's
 * manifests and lockfiles. Pure (no `vscode`, no I/O: the host finds and reads the files and passes
 * their text or bytes), and bundled on its own as dist/workspace.js, which the host loads when first
 * needed so that these parsers stay out of the activation bundle: modules outside this folder
 * import only types from it.
 *
 * Use: find files with WORKSPACE_FILE_GLOB, excluding SKIPPED_FOLDERS_GLOB, skip those over
 * MAX_FILE_BYTES, and pass one workspace folder's files (paths relative to it, `/`-separated) to
 * `scanWorkspaceFiles`. To rescan after one file changed, keep each file's `readWorkspaceFile`
 * reading, replace the changed one, and call `pairReadings` on them all (pairing is cheap).
 */
import { MAX_FILE_BYTES, SKIPPED_FOLDERS, SKIPPED_FOLDERS_GLOB, WORKSPACE_FILE_GLOB, WORKSPACE_FILE_GLOBS, fileKindOf } from './files';
import { sdkOfPackage } from './packages';
import { pairReadings, readWorkspaceFile, scanWorkspaceFiles } from './scan';
import { admittedVersions, compareVersions, plainVersion, readDeclaredVersion } from './versions';

/** What dist/workspace.js gives the host (`require(…).workspaceReader`). */
export const workspaceReader = {
  MAX_FILE_BYTES,
  SKIPPED_FOLDERS,
  SKIPPED_FOLDERS_GLOB,
  WORKSPACE_FILE_GLOB,
  WORKSPACE_FILE_GLOBS,
  fileKindOf,
  sdkOfPackage,
  scanWorkspaceFiles,
  readWorkspaceFile,
  pairReadings,
  admittedVersions,
  compareVersions,
  plainVersion,
  readDeclaredVersion,
};

export type WorkspaceReader = typeof workspaceReader;
