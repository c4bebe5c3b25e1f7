/**
 * LaunchDarkly's own end-of-life verdict, joined to the stream series, and the health every view
 * shows: LaunchDarkly's verdict first, the estimate (./health) where it has none. Kept beside the
 * usage model rather than inside it. Pure: no `vscode` import, no I/O.
 *
 * The join: an entry belongs to a series when its `name` equals the series' SDK name and its
 * `version` the series' version, exactly; a series with no exact entry takes the entries whose
 * name and version match ignoring case. Never across SDKs: a name that matches no series' SDK
 * joins nothing, whatever its version.
 */
import type { StreamSource } from '../api/parse';
import { TupleMap } from './tupleMap';
import type { ConnectionType, EolStatus, SdkVersionDetail } from '../api/sdkVersionDetails';
import type { HealthStatus, VersionHealth } from './health';

export type KnownEolStatus = Exclude<EolStatus, 'EolUnknown'>;

/** Where one SDK version runs, as one entry reports it. */
export interface Placement {
  readonly projectKey?: string;
  readonly projectName?: string;
  readonly environmentKey?: string;
  readonly environmentName?: string;
  readonly applicationId?: string;
  readonly connectionType?: ConnectionType;
  readonly relayVersion?: string;
  readonly relayEolStatus?: EolStatus;
  readonly relayLatestVersion?: string;
  readonly relayLatestReleaseUrl?: string;
  /** This entry's own verdict. */
  readonly eolStatus: EolStatus;
}

export interface VersionVerdict {
  /** The SDK name and version as LaunchDarkly spells them. */
  readonly sdk: string;
  readonly version: string;
  /** The most severe verdict among the entries; undefined when every entry says EolUnknown. */
  readonly status: KnownEolStatus | undefined;
  /** `ldLatestVersion` and `latestReleaseUrl` of the most severe entry that names them. */
  readonly target: string | undefined;
  readonly releaseUrl: string | undefined;
  readonly placements: readonly Placement[];
}

/** A version LaunchDarkly reports that no stream series carries (an SDK that does not stream, say). */
export interface UnmatchedVerdict extends VersionVerdict {
  /** The source its `type` points at, when it says: `server` is server-side, anything else client-side. */
  readonly source: StreamSource | undefined;
}

export interface Verdicts {
  /** By the stream series' version id. */
  readonly byVersionId: ReadonlyMap<string, VersionVerdict>;
  readonly withoutSeries: readonly UnmatchedVerdict[];
}

export interface SeriesKey {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
}

const folded = (text: string) => text.toLowerCase();

/** The fields of an entry that say where its version runs, in a fixed order: a placement's identity. */
const PLACEMENT_FIELDS = [
  'projectKey',
  'projectName',
  'environmentKey',
  'environmentName',
  'applicationId',
  'connectionType',
  'relayVersion',
  'relayEolStatus',
  'relayLatestVersion',
  'relayLatestReleaseUrl',
  'eolStatus',
] as const satisfies readonly (keyof Placement)[];

function placementOf(entry: SdkVersionDetail): Placement {
  const placement: Record<string, unknown> = {};
  for (const field of PLACEMENT_FIELDS) if (entry[field] !== undefined) placement[field] = entry[field];
  return placement as unknown as Placement;
}

/** Folds the entries of one version into its verdict: the most severe status wins. */
export function verdictOf(sdk: string, version: string, entries: readonly SdkVersionDetail[]): VersionVerdict {
  const ranked = [...entries].sort((a, b) => EOL_SEVERITY[b.eolStatus] - EOL_SEVERITY[a.eolStatus]);
  const top = ranked[0]?.eolStatus;
  // Entries that place the version alike are one placement: looked for among those of the same
  // project, environment and application (few), not by a key of all eleven fields made per entry.
  const placements: Placement[] = [];
  const alike = new TupleMap<Placement[]>(4);
  for (const entry of entries) {
    const near = alike.getOrMake([entry.projectKey, entry.environmentKey, entry.environmentName, entry.applicationId], () => []);
    if (near.some((placement) => PLACEMENT_FIELDS.every((field) => placement[field] === entry[field]))) continue;
    const placement = placementOf(entry);
    near.push(placement);
    placements.push(placement);
  }
  return {
    sdk,
    version,
    status: top === undefined || top === 'EolUnknown' ? undefined : top,
    target: ranked.find((e) => e.ldLatestVersion)?.ldLatestVersion,
    releaseUrl: ranked.find((e) => e.latestReleaseUrl)?.latestReleaseUrl,
    placements,
  };
}

function sourceOfType(type: string | undefined): StreamSource | undefined {
  if (type === undefined) return undefined;
  return type.toLowerCase() === 'server' ? 'server' : 'client';
}

/** The entries of one SDK name and version as the report spells them; its verdict folded when first asked for. */
class ReportGroup {
  readonly entries: SdkVersionDetail[] = [];
  private folded: VersionVerdict | undefined;

  verdict(): VersionVerdict {
    this.folded ??= verdictOf(this.entries[0]!.name!, this.entries[0]!.version!, this.entries);
    return this.folded;
  }
}

/**
 * LaunchDarkly's report, indexed once per answer (not once per refresh): its entries grouped by
 * name and version as spelled, and those groups by name and version ignoring case.
 */
export class VerdictIndex {
  /** Groups by [name, version], in report order. */
  private readonly exact = new TupleMap<ReportGroup>(2);
  /** Groups by [name, version] case-folded. */
  private readonly loose = new TupleMap<ReportGroup[]>(2);

  constructor(entries: readonly SdkVersionDetail[]) {
    for (const entry of entries) {
      const { name, version } = entry;
      if (name === undefined || version === undefined) continue;
      let made = false;
      const group = this.exact.getOrMake([name, version], () => {
        made = true;
        return new ReportGroup();
      });
      if (made) this.loose.getOrMake([folded(name), folded(version)], () => []).push(group);
      group.entries.push(entry);
    }
  }

  /** The groups whose entries belong to a series of this SDK and version (see the header). */
  groupsFor(sdk: string, version: string): readonly ReportGroup[] {
    const group = this.exact.get([sdk, version]);
    return group ? [group] : (this.loose.get([folded(sdk), folded(version)]) ?? []);
  }

  groups(): readonly ReportGroup[] {
    return this.exact.values();
  }
}

/**
 * Joins the report to the series (see the header), and lists the versions no series carries whose
 * type fits the sources shown (an entry without a type always fits). Linear in series and entries.
 */
export function joinVerdicts(series: readonly SeriesKey[], index: VerdictIndex, sources: readonly StreamSource[]): Verdicts {
  const used = new Set<ReportGroup>();
  const byVersionId = new Map<string, VersionVerdict>();
  for (const s of series) {
    const groups = index.groupsFor(s.sdk, s.version);
    if (groups.length === 0) continue;
    for (const group of groups) used.add(group);
    byVersionId.set(
      s.id,
      groups.length === 1
        ? { ...groups[0]!.verdict(), sdk: s.sdk, version: s.version }
        : verdictOf(
            s.sdk,
            s.version,
            groups.flatMap((group) => group.entries),
          ),
    );
  }
  const withoutSeries: UnmatchedVerdict[] = [];
  for (const group of index.groups()) {
    if (used.has(group)) continue;
    const fitting = group.entries.filter((entry) => {
      const source = sourceOfType(entry.type);
      return source === undefined || sources.includes(source);
    });
    if (fitting.length === 0) continue;
    const types = new Set(fitting.map((e) => sourceOfType(e.type)));
    const first = group.entries[0]!;
    const verdict = fitting.length === group.entries.length ? group.verdict() : verdictOf(first.name!, first.version!, fitting);
    withoutSeries.push({ ...verdict, source: types.size === 1 ? [...types][0] : undefined });
  }
  return { byVersionId, withoutSeries };
}

// ---------------------------------------------------------------------------
// The health every view shows

export type HealthKey = KnownEolStatus | HealthStatus;

export interface EffectiveHealth {
  /** LaunchDarkly's verdict, or the estimate against the newest version seen. */
  readonly source: 'launchdarkly' | 'estimate';
  readonly key: HealthKey;
  /** What to upgrade to, where known. */
  readonly target: string | undefined;
  readonly estimate: VersionHealth;
}

export function effectiveHealth(estimate: VersionHealth, verdict: Pick<VersionVerdict, 'status' | 'target'> | undefined): EffectiveHealth {
  if (verdict?.status) {
    return { source: 'launchdarkly', key: verdict.status, target: verdict.target, estimate };
  }
  return { source: 'estimate', key: estimate.status, target: undefined, estimate };
}

/** Sort rank, most urgent highest: LaunchDarkly's verdicts and the estimates interleaved by meaning. */
export const HEALTH_SEVERITY: Readonly<Record<HealthKey, number>> = {
  EolPast: 7,
  EolNear: 6,
  majorBehind: 5,
  MajorVersionAvailable: 4,
  minorBehind: 3,
  unknown: 2,
  EolAllClear: 1,
  current: 0,
};

/** LaunchDarkly's statuses in the same order, higher more urgent; EolUnknown says nothing, so it ranks below all. */
export const EOL_SEVERITY: Readonly<Record<EolStatus, number>> = {
  EolPast: HEALTH_SEVERITY.EolPast,
  EolNear: HEALTH_SEVERITY.EolNear,
  MajorVersionAvailable: HEALTH_SEVERITY.MajorVersionAvailable,
  EolAllClear: HEALTH_SEVERITY.EolAllClear,
  EolUnknown: -1,
};

/** Whether a version is outdated (worth upgrading), with LaunchDarkly's verdict where it has one. */
export function needsUpgrade(health: EffectiveHealth): boolean {
  return HEALTH_SEVERITY[health.key] >= HEALTH_SEVERITY.minorBehind && health.key !== 'unknown';
}

// ---------------------------------------------------------------------------
// Where a version runs

/** A project or an environment as an entry names it: either may be missing. */
export interface KeyAndName {
  readonly key: string | undefined;
  readonly name: string | undefined;
}

/** Distinct values, in first-seen order. */
function distinct(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => v !== undefined))];
}

export interface WhereItRuns {
  /** Projects, each with its environments, in the order the entries first name them. */
  readonly projects: readonly (KeyAndName & { readonly environments: readonly KeyAndName[] })[];
  readonly applications: readonly string[];
  readonly direct: boolean;
  /** Relay Proxy versions it connects through; null where an entry names none (null, not undefined, survives the trip to the webview). */
  readonly relayVersions: readonly (string | null)[];
}

/** Each list of placements' summary, made once: the tree, the panel's plan and the exports all ask for it. */
const summaries = new WeakMap<readonly Placement[], WhereItRuns>();

export function whereItRuns(placements: readonly Placement[]): WhereItRuns {
  let summary = summaries.get(placements);
  if (summary === undefined) {
    const projects = new TupleMap<KeyAndName & { environments: TupleMap<KeyAndName> }>(2);
    for (const p of placements) {
      const project = projects.getOrMake([p.projectKey, p.projectName], () => ({
        key: p.projectKey,
        name: p.projectName,
        environments: new TupleMap<KeyAndName>(2),
      }));
      project.environments.getOrMake([p.environmentKey, p.environmentName], () => ({ key: p.environmentKey, name: p.environmentName }));
    }
    summary = {
      projects: projects.values().map((p) => ({ key: p.key, name: p.name, environments: p.environments.values() })),
      applications: distinct(placements.map((p) => p.applicationId)),
      direct: placements.some((p) => p.connectionType === 'direct'),
      relayVersions: [...new Set(placements.filter((p) => p.connectionType === 'proxy').map((p) => p.relayVersion ?? null))],
    };
    summaries.set(placements, summary);
  }
  return summary;
}
