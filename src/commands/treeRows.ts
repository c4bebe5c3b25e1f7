/**
 * What the tree's context menus pass to commands: the row itself. The palette, other extensions and
 * tests may pass anything else, so a row is checked before it is read.
 */
import { asUsageFilter, type UsageFilter } from '../model/query';
import type { VersionUsage } from '../model/usageModel';
import { isRecord } from '../record';
import type { TreeNode } from '../tree/sdkTree';

function treeRow(given: unknown): TreeNode | undefined {
  if (!isRecord(given) || !('kind' in given)) return undefined;
  const row = given as unknown as TreeNode;
  const part: unknown =
    row.kind === 'sdk' ? row.sdk : row.kind === 'version' ? row.version : row.kind === 'placed' ? row.placed : undefined;
  return isRecord(part) ? row : undefined;
}

/** The stream version a row stands for (a version, or a version under an environment), or a version id as given. */
export function versionIdOf(given: unknown): string | undefined {
  if (typeof given === 'string') return given;
  const row = treeRow(given);
  return row?.kind === 'version' ? row.version.id : row?.kind === 'placed' ? row.placed.versionId : undefined;
}

/**
 * The filter a row stands for (its SDK, or its SDK and version), or a filter as given. A row merged
 * from several spellings filters by all of them.
 */
export function filterOf(given: unknown, versions: readonly VersionUsage[]): UsageFilter | undefined {
  const row = treeRow(given);
  if (!row) return asUsageFilter(given);
  if (row.kind === 'sdk') return asUsageFilter(bySpellings(row.sdk.reportedSdks, row.sdk.sdk));
  const id = versionIdOf(row);
  const version = row.kind === 'version' ? row.version : versions.find((v) => v.id === id);
  return version && asUsageFilter({ ...bySpellings(version.reportedSdks, version.sdk), version: version.version });
}

function bySpellings([first, ...others]: readonly string[], sdk: string): { sdk: string; otherSpellings: readonly string[] } {
  return first === undefined ? { sdk, otherSpellings: [] } : { sdk: first, otherSpellings: others };
}
