/**
 * The status figures worked out the plain way, as the oracle for the chart grouped by status, its
 * stacked totals, its 100% shares and the progress line: from the versions' values as
 * expectedUsage reads them from the raw bysdkversion body, and LaunchDarkly's verdicts read from
 * the raw sdk-versions report, with the grouping rule written out here on its own (never with the
 * product's functions), on dense arrays, point by point.
 */
import { cataloguedAs, type ReleaseKey } from './catalogueOracle';
import type { ExpectedUsage, ExpectedVersion } from './expectedUsage';

export type ReferenceGroup = 'past end of life' | 'near end of life' | 'new major version available' | 'current' | 'not judged';

/** Most urgent first, as the README says the groups are listed and stacked. */
export const REFERENCE_GROUPS: readonly ReferenceGroup[] = [
  'past end of life',
  'near end of life',
  'new major version available',
  'current',
  'not judged',
];

/** A report entry as the API sends it (only what the grouping reads). */
export interface ReportEntry {
  readonly name?: string;
  readonly version?: string;
  readonly eolStatus?: string;
}

const SEVERITY: Record<string, number> = { EolPast: 4, EolNear: 3, MajorVersionAvailable: 2, EolAllClear: 1 };

/** The groups of the release dates' verdicts: as LaunchDarkly's. */
const RELEASE_GROUPS: Readonly<Record<ReleaseKey, ReferenceGroup>> = {
  releaseEolPast: 'past end of life',
  releaseEolNear: 'near end of life',
  releaseMajorVersionAvailable: 'new major version available',
  releaseEolAllClear: 'current',
  releaseNotJudged: 'not judged',
};

/**
 * The README's rule: LaunchDarkly's verdict where the report names the version (the most severe of
 * its entries; EolUnknown says nothing): an entry spelled as one of the names the version was
 * reported under (exactly, else ignoring case), or, for a catalogued SDK (usage read with the
 * catalogue), of the same SDK and version. Else the release dates for a catalogued SDK, else the
 * estimate: a major behind is "new major version available", a minor behind or current is
 * "current", not comparable is "not judged".
 */
export function referenceGroup(version: ExpectedVersion, report: readonly ReportEntry[]): ReferenceGroup {
  const names = version.reportedSdks;
  const sameVersion = (e: ReportEntry) => e.version?.toLowerCase() === version.version.toLowerCase();
  const exact = report.filter((e) => names.includes(e.name ?? '') && e.version === version.version);
  const spelled = exact.length
    ? exact
    : report.filter((e) => names.some((name) => e.name?.toLowerCase() === name.toLowerCase()) && sameVersion(e));
  const catalogued =
    version.catalogueId === undefined
      ? []
      : report.filter((e) => sameVersion(e) && cataloguedAs(e.name ?? '', e.version ?? '')?.id === version.catalogueId);
  const entries = [...spelled, ...catalogued];
  let verdict: string | undefined;
  for (const e of entries) if ((SEVERITY[e.eolStatus ?? ''] ?? 0) > (SEVERITY[verdict ?? ''] ?? 0)) verdict = e.eolStatus;
  switch (verdict) {
    case 'EolPast':
      return 'past end of life';
    case 'EolNear':
      return 'near end of life';
    case 'MajorVersionAvailable':
      return 'new major version available';
    case 'EolAllClear':
      return 'current';
  }
  if (version.releaseHealth !== undefined) return RELEASE_GROUPS[version.releaseHealth];
  if (version.health === 'majorBehind') return 'new major version available';
  if (version.health === 'unknown') return 'not judged';
  return 'current';
}

export interface ReferenceStatus {
  /** Every version's connections, per bucket. */
  readonly totals: number[];
  /** Per group with at least one version: connections per bucket. */
  readonly byGroup: Map<ReferenceGroup, number[]>;
  /** Per group: share of the bucket's total, null where the bucket has no connections. */
  readonly shares: Map<ReferenceGroup, (number | null)[]>;
  /** Latest connections and versions per group (every group, zeros included). */
  readonly latest: Map<ReferenceGroup, { connections: number; versions: number }>;
  /** First and last bucket with connections and each group's share there; undefined when none has any. */
  readonly progress:
    | {
        readonly start: number;
        readonly end: number;
        readonly groups: { group: ReferenceGroup; startShare: number; endShare: number }[];
      }
    | undefined;
}

export function referenceStatus(usage: ExpectedUsage, report: readonly ReportEntry[]): ReferenceStatus {
  const n = usage.times.length;
  const totals = usage.times.map((_, p) => usage.versions.reduce((sum, v) => sum + v.values[p]!, 0));
  const byGroup = new Map<ReferenceGroup, number[]>();
  const latest = new Map<ReferenceGroup, { connections: number; versions: number }>(
    REFERENCE_GROUPS.map((g) => [g, { connections: 0, versions: 0 }]),
  );
  for (const v of usage.versions) {
    const group = referenceGroup(v, report);
    const row = byGroup.get(group) ?? new Array<number>(n).fill(0);
    byGroup.set(group, row);
    v.values.forEach((value, p) => (row[p]! += value));
    latest.get(group)!.connections += n ? v.values[n - 1]! : 0;
    latest.get(group)!.versions += 1;
  }
  const shares = new Map([...byGroup].map(([g, row]) => [g, row.map((value, p) => (totals[p] === 0 ? null : value / totals[p]!))]));
  const withConnections = totals.map((t, p) => (t > 0 ? p : -1)).filter((p) => p >= 0);
  const progress =
    withConnections.length === 0
      ? undefined
      : (() => {
          const start = withConnections[0]!;
          const end = withConnections[withConnections.length - 1]!;
          return {
            start,
            end,
            groups: REFERENCE_GROUPS.filter((g) => byGroup.has(g) && (byGroup.get(g)![start]! > 0 || byGroup.get(g)![end]! > 0)).map(
              (g) => ({
                group: g,
                startShare: byGroup.get(g)![start]! / totals[start]!,
                endShare: byGroup.get(g)![end]! / totals[end]!,
              }),
            ),
          };
        })();
  return { totals, byGroup, shares, latest, progress };
}
