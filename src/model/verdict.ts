/**
 * LaunchDarkly's own end-of-life verdict, joined to the stream series, and the health every view
 * shows: LaunchDarkly's verdict first; where it has none, the verdict from the SDK catalogue's
 * release dates for an SDK the catalogue knows, else the estimate against the newest version seen
 * (./health). Kept beside the usage model rather than inside it. Pure: no `vscode` import, no I/O.
 *
 * The join: an entry belongs to a series when its `name` equals one of the names the series was
 * reported under and its `version` the series' version, exactly; a series with no exact entry
 * takes the entries whose name and version match ignoring case. A series of a catalogued SDK also
 * takes every entry whose name resolves to the same catalogued SDK, of the same version (ignoring
 * case): LaunchDarkly's report may spell an SDK otherwise than its usage data. Never across SDKs:
 * a name that matches no series' SDK joins nothing, whatever its version, and a name the catalogue
 * does not know joins only by the exact or case-insensitive match.
 */
import type { StreamSource } from '../api/parse';
import { TupleMap } from './tupleMap';
import type { ConnectionType, EolStatus, SdkVersionDetail } from '../api/sdkVersionDetails';
import type { ReleaseDateStatus, ReleaseDateVerdict } from '../catalogue/releaseHealth';
import type { HealthStatus, VersionHealth } from './health';
import type { SdkIdentity, SdkNaming } from '../catalogue/sdkIdentity';

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
  /** The SDK name and version: as the stream series shows them once joined, else as LaunchDarkly spells them (the name as the catalogue's display name where it knows it). */
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
  /** The SDK name as LaunchDarkly's report spells it. */
  readonly reportedSdk: string;
  /** What the catalogue makes of that name. */
  readonly identity: SdkIdentity;
}

export interface Verdicts {
  /** By the stream series' version id. */
  readonly byVersionId: ReadonlyMap<string, VersionVerdict>;
  readonly withoutSeries: readonly UnmatchedVerdict[];
}

export interface SeriesKey {
  readonly id: string;
  readonly source: StreamSource;
  /** The SDK's name as shown. */
  readonly sdk: string;
  /** The names the series was reported under; `sdk` alone when not given. */
  readonly reportedSdks?: readonly string[];
  /** What the catalogue makes of the name; a name as reported when not given. */
  readonly identity?: SdkIdentity;
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

const REPORTED_IDENTITY: SdkIdentity = { kind: 'reported' };

/** The entries of one SDK name and version as the report spells them; its verdict folded when first asked for. */
class ReportGroup {
  readonly entries: SdkVersionDetail[] = [];
  /** What the catalogue the index last resolved names with makes of this group's name (see VerdictIndex.identityOf). */
  identity: SdkIdentity = REPORTED_IDENTITY;
  private folded: VersionVerdict | undefined;

  verdict(): VersionVerdict {
    this.folded ??= verdictOf(this.entries[0]!.name!, this.entries[0]!.version!, this.entries);
    return this.folded;
  }
}

/**
 * LaunchDarkly's report, indexed once per answer (not once per refresh): its entries grouped by
 * name and version as spelled, those groups by name and version ignoring case, and (once asked
 * with a catalogue) by catalogued SDK and version ignoring case.
 */
export class VerdictIndex {
  /** Groups by [name, version], in report order. */
  private readonly exact = new TupleMap<ReportGroup>(2);
  /** Groups by [name, version] case-folded. */
  private readonly loose = new TupleMap<ReportGroup[]>(2);
  /** Groups by [catalogue id, version case-folded], for the catalogue their names were resolved with. */
  private catalogued: { readonly naming: SdkNaming; readonly groups: TupleMap<ReportGroup[]> } | undefined;

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

  /** The groups whose entries belong to a series (see the header), each once. */
  groupsFor(series: Omit<SeriesKey, 'id' | 'source'>, naming: SdkNaming | undefined): readonly ReportGroup[] {
    const { reportedSdks = [series.sdk], version } = series;
    let groups: ReportGroup[] | undefined;
    for (const sdk of reportedSdks) {
      const group = this.exact.get([sdk, version]);
      if (group) (groups ??= []).push(group);
    }
    if (groups === undefined) {
      if (reportedSdks.length === 1) groups = this.loose.get([folded(reportedSdks[0]!), folded(version)]);
      else
        for (const sdk of reportedSdks)
          for (const group of this.loose.get([folded(sdk), folded(version)]) ?? []) (groups ??= []).push(group);
    }
    const byCatalogue =
      naming && series.identity?.kind === 'catalogued'
        ? this.cataloguedGroups(naming).get([series.identity.id, folded(version)])
        : undefined;
    if (byCatalogue === undefined) return groups ?? [];
    if (groups === undefined) return byCatalogue;
    // The catalogue's groups hold the others but for names it does not resolve; each group once.
    const all = new Set(groups);
    for (const group of byCatalogue) all.add(group);
    return Array.from(all);
  }

  /** The groups by catalogued SDK and version, resolved once per answer and catalogue. */
  private cataloguedGroups(naming: SdkNaming): TupleMap<ReportGroup[]> {
    if (this.catalogued?.naming !== naming) {
      const groups = new TupleMap<ReportGroup[]>(2);
      for (const group of this.exact.values()) {
        const { name, version } = group.entries[0]!;
        const { identity } = naming.identify(name!, version);
        group.identity = identity;
        if (identity.kind === 'catalogued') groups.getOrMake([identity.id, folded(version!)], () => []).push(group);
      }
      this.catalogued = { naming, groups };
    }
    return this.catalogued.groups;
  }

  groups(): readonly ReportGroup[] {
    return this.exact.values();
  }

  /** What `naming` makes of a group's name: resolved with the groups by catalogued SDK, once per answer and catalogue. */
  identityOf(group: ReportGroup, naming: SdkNaming | undefined): SdkIdentity {
    if (!naming) return REPORTED_IDENTITY;
    this.cataloguedGroups(naming);
    return group.identity;
  }
}

/**
 * Joins the report to the series (see the header), and lists the versions no series carries whose
 * type fits the sources shown (an entry without a type always fits), named as the catalogue names
 * them where it knows them. Linear in series and entries.
 */
export function joinVerdicts(
  series: readonly SeriesKey[],
  index: VerdictIndex,
  sources: readonly StreamSource[],
  naming?: SdkNaming,
): Verdicts {
  const used = new Set<ReportGroup>();
  const byVersionId = new Map<string, VersionVerdict>();
  for (const s of series) {
    const groups = index.groupsFor(s, naming);
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
    const identity = index.identityOf(group, naming);
    withoutSeries.push({
      ...verdict,
      sdk: identity.kind === 'catalogued' ? identity.name : verdict.sdk,
      reportedSdk: first.name!,
      identity,
      source: types.size === 1 ? [...types][0] : undefined,
    });
  }
  return { byVersionId, withoutSeries };
}

// ---------------------------------------------------------------------------
// The health every view shows

/** The release-date verdicts' keys: LaunchDarkly's statuses, judged from its release dates, and "cannot be judged". */
export const RELEASE_DATE_KEYS = {
  EolPast: 'releaseEolPast',
  EolNear: 'releaseEolNear',
  MajorVersionAvailable: 'releaseMajorVersionAvailable',
  EolAllClear: 'releaseEolAllClear',
} as const satisfies Record<ReleaseDateStatus, string>;
export type ReleaseDateKey = (typeof RELEASE_DATE_KEYS)[ReleaseDateStatus] | 'releaseNotJudged';

/** Every health a version can show: LaunchDarkly's verdicts, the release-date verdicts, the estimates. */
export type HealthKey = KnownEolStatus | ReleaseDateKey | HealthStatus;

/** Whose verdict a health is: LaunchDarkly's, the catalogue's release dates', or the estimate against the newest version seen. */
export type HealthSource = EffectiveHealth['source'];

export type EffectiveHealth =
  | {
      readonly source: 'launchdarkly';
      readonly key: KnownEolStatus;
      /** What to upgrade to, where LaunchDarkly says. */
      readonly target: string | undefined;
      readonly estimate: VersionHealth;
    }
  | {
      readonly source: 'releaseDates';
      readonly key: ReleaseDateKey;
      /** major.minor of the suggested release line, when judged. */
      readonly target: string | undefined;
      readonly estimate: VersionHealth;
      readonly releaseDates: ReleaseDateVerdict;
    }
  | { readonly source: 'estimate'; readonly key: HealthStatus; readonly target: undefined; readonly estimate: VersionHealth };

/** What a version's health is made from: the estimate, and the release-date verdict of a catalogued SDK. */
export interface HealthInputs {
  readonly health: VersionHealth;
  readonly releaseHealth?: ReleaseDateVerdict | undefined;
}

export function effectiveHealth(version: HealthInputs, verdict: Pick<VersionVerdict, 'status' | 'target'> | undefined): EffectiveHealth {
  const estimate = version.health;
  if (verdict?.status) {
    return { source: 'launchdarkly', key: verdict.status, target: verdict.target, estimate };
  }
  const releaseDates = version.releaseHealth;
  if (releaseDates) {
    return releaseDates.kind === 'judged'
      ? {
          source: 'releaseDates',
          key: RELEASE_DATE_KEYS[releaseDates.status],
          target: releaseDates.targetMajorMinor,
          estimate,
          releaseDates,
        }
      : { source: 'releaseDates', key: 'releaseNotJudged', target: undefined, estimate, releaseDates };
  }
  return { source: 'estimate', key: estimate.status, target: undefined, estimate };
}

/** Sort rank, most urgent highest: LaunchDarkly's verdicts, the release-date verdicts and the estimates interleaved by meaning. */
export const HEALTH_SEVERITY: Readonly<Record<HealthKey, number>> = {
  EolPast: 12,
  releaseEolPast: 11,
  EolNear: 10,
  releaseEolNear: 9,
  majorBehind: 8,
  MajorVersionAvailable: 7,
  releaseMajorVersionAvailable: 6,
  minorBehind: 5,
  unknown: 4,
  releaseNotJudged: 3,
  EolAllClear: 2,
  releaseEolAllClear: 1,
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

/** Which healths are worth an upgrade: behind, past or near end of life, or with a new major available. */
const OUTDATED: Readonly<Record<HealthKey, boolean>> = {
  EolPast: true,
  releaseEolPast: true,
  EolNear: true,
  releaseEolNear: true,
  majorBehind: true,
  MajorVersionAvailable: true,
  releaseMajorVersionAvailable: true,
  minorBehind: true,
  unknown: false,
  releaseNotJudged: false,
  EolAllClear: false,
  releaseEolAllClear: false,
  current: false,
};

/** Whether a version is outdated (worth upgrading), by whichever verdict its health comes from. */
export function needsUpgrade(health: EffectiveHealth): boolean {
  return OUTDATED[health.key];
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
