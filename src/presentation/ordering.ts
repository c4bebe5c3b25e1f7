/**
 * The orders rows are shown in: the summary table's columns and its sort, and the tree's projects
 * and environments. Pure, so the views and the tests use the same comparators.
 */
import type { ProjectGroup } from '../model/byEnvironment';
import { NAME_ORDER } from '../model/collation';
import type { ChartModel } from '../model/chartData';
import type { VersionUsage } from '../model/usageModel';
import { HEALTH_SEVERITY, type EffectiveHealth } from '../model/verdict';
import { environmentLabel, projectLabel } from './whereItRuns';

export type SortKey = 'sdk' | 'version' | 'latest' | 'peak' | 'average' | 'share' | 'health';

export interface SortState {
  readonly key: SortKey;
  readonly descending: boolean;
}

/** The summary's columns in order: key, header, whether numeric (right-aligned, largest first on a first click). */
export const SUMMARY_COLUMNS: readonly (readonly [SortKey, string, boolean])[] = [
  ['sdk', 'SDK', false],
  ['version', 'Version', false],
  ['latest', 'Latest', true],
  ['peak', 'Peak', true],
  ['average', 'Average', true],
  ['share', 'Share', true],
  ['health', 'Health', false],
];

export function isSortKey(value: unknown): value is SortKey {
  return SUMMARY_COLUMNS.some(([key]) => key === value);
}

/** The sort after a header is chosen: the same column flips, a new one starts largest first if numeric. */
export function nextSort(current: SortState, key: SortKey): SortState {
  const numeric = SUMMARY_COLUMNS.find(([k]) => k === key)![2];
  return { key, descending: current.key === key ? !current.descending : numeric };
}

/** A version's health as the panel shows it (LaunchDarkly's verdict where known, else the estimate). */
export type HealthOf = (version: VersionUsage) => EffectiveHealth;

function sortValue(v: VersionUsage, key: Exclude<SortKey, 'sdk' | 'version'>, health: HealthOf): number {
  switch (key) {
    case 'latest':
    case 'share':
      return v.latest;
    case 'peak':
      return v.peak;
    case 'average':
      return v.average;
    case 'health':
      return HEALTH_SEVERITY[health(v).key] * 1000 + v.health.behind;
  }
}

/**
 * The summary's comparator. The model's order (SDK, then newest version first) is the "version"
 * order and breaks every tie, so equal rows never swap between renders.
 */
export function versionComparator(model: ChartModel, sort: SortState, health: HealthOf): (a: VersionUsage, b: VersionUsage) => number {
  const order = new Map(model.versions.map((v, i) => [v.id, i]));
  const rank = (v: VersionUsage) => order.get(v.id)!;
  const { key, descending } = sort;
  const sign = descending ? -1 : 1;
  return (a, b) => {
    if (key === 'version') return sign * (rank(a) - rank(b));
    if (key === 'sdk') return sign * (a.sdk.toLowerCase().localeCompare(b.sdk.toLowerCase()) || rank(a) - rank(b));
    return sign * (sortValue(a, key, health) - sortValue(b, key, health)) || rank(a) - rank(b);
  };
}

/** `versions` in the summary's order (a sorted copy). */
export function sortVersions(model: ChartModel, versions: readonly VersionUsage[], sort: SortState, health: HealthOf): VersionUsage[] {
  return [...versions].sort(versionComparator(model, sort, health));
}

/** Projects, and each one's environments, by the labels they are shown under. */
export function orderByLabel(projects: readonly ProjectGroup[]): ProjectGroup[] {
  const byLabel =
    <T>(label: (group: T) => string) =>
    (a: T, b: T) =>
      NAME_ORDER.compare(label(a), label(b));
  return projects.map((p) => ({ ...p, environments: [...p.environments].sort(byLabel(environmentLabel)) })).sort(byLabel(projectLabel));
}
