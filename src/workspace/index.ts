/**
 * The workspace reader's bundle entry: LaunchDarkly SDK dependencies from a workspace folder's
 * manifests and lockfiles. Pure (no `vscode`, no I/O: the host finds and reads the files and passes
 * their text or bytes), and bundled on its own as dist/workspace.js, which the host loads when first
 * needed so that these parsers stay out of the activation bundle: modules outside this folder
 * import only types from it.
 *
 * Use: find files with WORKSPACE_FILE_GLOB, excluding SKIPPED_FOLDERS_GLOB, skip those over
 * MAX_FILE_BYTES, read each of one workspace folder's files (paths relative to it, `/`-separated)
 * with `readWorkspaceFile`, and pass the readings to `pairReadings`. To rescan after one file
 * changed, replace its reading and pair them all again (pairing is cheap).
 */
import { MAX_FILE_BYTES, SKIPPED_FOLDERS, SKIPPED_FOLDERS_GLOB, TOO_LARGE_PROBLEM, WORKSPACE_FILE_GLOB, fileKindOf } from './files';
import { pairReadings, readWorkspaceFile } from './scan';
import { admittedVersions, compareVersions } from './versions';

/** What dist/workspace.js gives the host (`require(…).workspaceReader`): what the host uses, nothing more. */
export const workspaceReader = {
  MAX_FILE_BYTES,
  TOO_LARGE_PROBLEM,
  SKIPPED_FOLDERS,
  SKIPPED_FOLDERS_GLOB,
  WORKSPACE_FILE_GLOB,
  fileKindOf,
  readWorkspaceFile,
  pairReadings,
  admittedVersions,
  compareVersions,
};

export type WorkspaceReader = typeof workspaceReader;
