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
/** A key that cannot collide: JSON of the parts, never a join with a separator. */
const keyOf = (...parts: string[]) => JSON.stringify(parts);

function placementOf(entry: SdkVersionDetail): Placement {
  const {
    projectKey,
    projectName,
    environmentKey,
    environmentName,
    applicationId,
    connectionType,
    relayVersion,
    relayEolStatus,
    relayLatestVersion,
    relayLatestReleaseUrl,
    eolStatus,
  } = entry;
  const placement: Record<string, unknown> = {
    projectKey,
    projectName,
    environmentKey,
    environmentName,
    applicationId,
    connectionType,
    relayVersion,
    relayEolStatus,
    relayLatestVersion,
    relayLatestReleaseUrl,
    eolStatus,
  };
  for (const key of Object.keys(placement)) if (placement[key] === undefined) delete placement[key];
  return placement as unknown as Placement;
}

/** Folds the entries of one version into its verdict: the most severe status wins. */
export function verdictOf(sdk: string, version: string, entries: readonly SdkVersionDetail[]): VersionVerdict {
  const ranked = [...entries].sort((a, b) => EOL_SEVERITY[b.eolStatus] - EOL_SEVERITY[a.eolStatus]);
  const top = ranked[0]?.eolStatus;
  const placements = new Map<string, Placement>();
  for (const entry of entries) {
    const placement = placementOf(entry);
    placements.set(JSON.stringify(placement), placement);
  }
  return {
    sdk,
    version,
    status: top === undefined || top === 'EolUnknown' ? undefined : top,
    target: ranked.find((e) => e.ldLatestVersion)?.ldLatestVersion,
    releaseUrl: ranked.find((e) => e.latestReleaseUrl)?.latestReleaseUrl,
    placements: [...placements.values()],
  };
}

function sourceOfType(type: string | undefined): StreamSource | undefined {
  if (type === undefined) return undefined;
  return type.toLowerCase() === 'server' ? 'server' : 'client';
}

/**
 * LaunchDarkly's report, indexed once per answer (not once per refresh): its entries grouped by
 * name and version as spelled, those groups by name and version ignoring case, and (once asked
 * with a catalogue) by catalogued SDK and version ignoring case. Each group's verdict is folded
 * once, when first asked for.
 */
export class VerdictIndex {
  /** Entries by the JSON of [name, version], in report order. */
  private readonly exact = new Map<string, SdkVersionDetail[]>();
  /** Exact keys by the JSON of [name, version] case-folded. */
  private readonly loose = new Map<string, string[]>();
  private readonly folded = new Map<string, VersionVerdict>();
  /** Exact keys by the JSON of [catalogue id, version case-folded], for the catalogue they were resolved with. */
  private catalogued: { readonly naming: SdkNaming; readonly keys: Map<string, string[]> } | undefined;

  constructor(entries: readonly SdkVersionDetail[]) {
    for (const entry of entries) {
      if (entry.name === undefined || entry.version === undefined) continue;
      const key = keyOf(entry.name, entry.version);
      let group = this.exact.get(key);
      if (group === undefined) {
        group = [];
        this.exact.set(key, group);
        pushTo(this.loose, keyOf(folded(entry.name), folded(entry.version)), key);
      }
      group.push(entry);
    }
  }

  /** The exact keys whose entries belong to a series (see the header), each once. */
  keysFor(series: Omit<SeriesKey, 'id' | 'source'>, naming: SdkNaming | undefined): readonly string[] {
    const { reportedSdks = [series.sdk], version } = series;
    let keys: string[] | undefined;
    for (const sdk of reportedSdks) {
      const key = keyOf(sdk, version);
      if (this.exact.has(key)) (keys ??= []).push(key);
    }
    if (keys === undefined) {
      if (reportedSdks.length === 1) keys = this.loose.get(keyOf(folded(reportedSdks[0]!), folded(version)));
      else
        for (const sdk of reportedSdks)
          for (const key of this.loose.get(keyOf(folded(sdk), folded(version))) ?? []) (keys ??= []).push(key);
    }
    const byCatalogue =
      naming && series.identity?.kind === 'catalogued'
        ? this.cataloguedKeys(naming).get(keyOf(series.identity.id, folded(version)))
        : undefined;
    if (byCatalogue === undefined) return keys ?? [];
    if (keys === undefined) return byCatalogue;
    // The catalogue's keys hold the others but for names it does not resolve; each key once.
    const all = new Set(keys);
    for (const key of byCatalogue) all.add(key);
    return Array.from(all);
  }

  private cataloguedKeys(naming: SdkNaming): Map<string, string[]> {
    if (this.catalogued?.naming !== naming) {
      const keys = new Map<string, string[]>();
      for (const [key, group] of this.exact) {
        const { name, version } = group[0]!;
        const { identity } = naming.identify(name!, version);
        if (identity.kind === 'catalogued') pushTo(keys, keyOf(identity.id, folded(version!)), key);
      }
      this.catalogued = { naming, keys };
    }
    return this.catalogued.keys;
  }

  entriesOf(key: string): readonly SdkVersionDetail[] {
    return this.exact.get(key) ?? [];
  }

  /** The verdict of one exact group, as LaunchDarkly spells its name and version. */
  verdictOf(key: string): VersionVerdict {
    let verdict = this.folded.get(key);
    if (verdict === undefined) {
      const group = this.exact.get(key)!;
      verdict = verdictOf(group[0]!.name!, group[0]!.version!, group);
      this.folded.set(key, verdict);
    }
    return verdict;
  }

  exactKeys(): IterableIterator<string> {
    return this.exact.keys();
  }
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const REPORTED_IDENTITY: SdkIdentity = { kind: 'reported' };

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
  const used = new Set<string>();
  const byVersionId = new Map<string, VersionVerdict>();
  for (const s of series) {
    const keys = index.keysFor(s, naming);
    if (keys.length === 0) continue;
    for (const key of keys) used.add(key);
    byVersionId.set(
      s.id,
      keys.length === 1
        ? { ...index.verdictOf(keys[0]!), sdk: s.sdk, version: s.version }
        : verdictOf(
            s.sdk,
            s.version,
            keys.flatMap((key) => index.entriesOf(key)),
          ),
    );
  }
  const withoutSeries: UnmatchedVerdict[] = [];
  for (const key of index.exactKeys()) {
    if (used.has(key)) continue;
    const group = index.entriesOf(key);
    const fitting = group.filter((entry) => {
      const source = sourceOfType(entry.type);
      return source === undefined || sources.includes(source);
    });
    if (fitting.length === 0) continue;
    const types = new Set(fitting.map((e) => sourceOfType(e.type)));
    const { name, version } = group[0]!;
    const verdict = fitting.length === group.length ? index.verdictOf(key) : verdictOf(name!, version!, fitting);
    const identity = naming?.identify(name!, version).identity ?? REPORTED_IDENTITY;
    withoutSeries.push({
      ...verdict,
      sdk: identity.kind === 'catalogued' ? identity.name : verdict.sdk,
      reportedSdk: name!,
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

export function whereItRuns(placements: readonly Placement[]): WhereItRuns {
  const projects = new Map<string, KeyAndName & { environments: Map<string, KeyAndName> }>();
  for (const p of placements) {
    const projectId = keyOf(p.projectKey ?? '', p.projectName ?? '');
    let project = projects.get(projectId);
    if (!project) {
      project = { key: p.projectKey, name: p.projectName, environments: new Map() };
      projects.set(projectId, project);
    }
    project.environments.set(keyOf(p.environmentKey ?? '', p.environmentName ?? ''), { key: p.environmentKey, name: p.environmentName });
  }
  return {
    projects: [...projects.values()].map((p) => ({ key: p.key, name: p.name, environments: [...p.environments.values()] })),
    applications: distinct(placements.map((p) => p.applicationId)),
    direct: placements.some((p) => p.connectionType === 'direct'),
    relayVersions: [...new Set(placements.filter((p) => p.connectionType === 'proxy').map((p) => p.relayVersion ?? null))],
  };
}
