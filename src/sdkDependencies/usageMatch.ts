/**
 * A workspace's LaunchDarkly SDK dependency joined to the account's usage: its SDK (the catalogue's
 * entry for the reader's sdk-meta id), the stream series of that SDK and version (connections,
 * latest and peak), the verdict (LaunchDarkly's where it has one, else the SDK's release dates) and
 * where those versions run. Pure: no `vscode`, no I/O; version comparison comes from the workspace
 * reader's bundle, passed in.
 *
 * The join goes through the catalogue on both sides: the reader names each dependency's SDK by its
 * sdk-meta id, and each reported SDK name (a stream series' or a LaunchDarkly report entry's) has
 * the identity the model and the verdict join gave it with the same catalogue. A name that resolves
 * to no SDK, or ambiguously to several, joins no dependency.
 *
 * Versions are equal when the reader's `compareVersions` says so (`v7.0` = `7.0.0`; build metadata
 * aside). A declared range (no lockfile) is matched against every version it admits among the
 * versions the account reports and the catalogue's release lines (each line's first release,
 * `major.minor.0`), and judged by the newest of them: what a fresh install would get.
 */
import type { StreamSource } from '../api/parse';
import { releaseNotesUrl, type CataloguedSdk, type ReleaseLine, type SdkCatalogue } from '../catalogue/catalogue';
import { releaseDateVerdict, type NotJudgedReason, type ReleaseDateStatus } from '../catalogue/releaseHealth';
import { catalogueIdOf, safeReleaseUrl } from '../model/upgradePlan';
import type { UsageModel, VersionUsage } from '../model/usageModel';
import { EOL_SEVERITY, type KnownEolStatus, type Placement, type UnmatchedVerdict, type Verdicts } from '../model/verdict';
import type { WorkspaceReader } from '../workspace/index';
import type { WorkspaceDependency } from '../workspace/types';
import { addToList } from '../listMap';

/** The reader's version functions the join needs. */
export type VersionTools = Pick<WorkspaceReader, 'compareVersions' | 'admittedVersions'>;

/** The account's usage by catalogued SDK id: stream series, and versions LaunchDarkly reports without one. */
export interface UsageBySdk {
  readonly series: ReadonlyMap<string, readonly VersionUsage[]>;
  readonly reportedOnly: ReadonlyMap<string, readonly UnmatchedVerdict[]>;
}

/** Indexes a model's series and the report's series-less versions by catalogued SDK; once per model and report. */
export function usageBySdkId(versions: readonly VersionUsage[], withoutSeries: readonly UnmatchedVerdict[]): UsageBySdk {
  const series = new Map<string, VersionUsage[]>();
  for (const version of versions) {
    const id = catalogueIdOf(version.identity);
    if (id !== undefined) addToList(series, id, version);
  }
  const reportedOnly = new Map<string, UnmatchedVerdict[]>();
  for (const verdict of withoutSeries) {
    const id = catalogueIdOf(verdict.identity);
    if (id !== undefined) addToList(reportedOnly, id, verdict);
  }
  return { series, reportedOnly };
}

/** What the join knows besides the dependency. */
export interface UsageContext {
  /** Undefined while no usage data has loaded. */
  readonly model: Pick<UsageModel, 'sources' | 'cells'> | undefined;
  readonly verdicts: Verdicts | undefined;
  readonly bySdk: UsageBySdk;
  /** Undefined when the catalogue could not be read: then no dependency has an SDK, a series or a release-date verdict. */
  readonly catalogue: SdkCatalogue | undefined;
  readonly versions: VersionTools;
  /** The loaded data is narrowed by the filter (an SDK or version), so "no connections" may be the filter's doing. */
  readonly filtered: boolean;
  /** The moment release dates are judged at. */
  readonly asOfMs: number;
}

export type ConnectionsFinding =
  | { readonly kind: 'notLoaded' }
  /** The loaded data is of the other source (server-side or client-side) than this SDK's. */
  | { readonly kind: 'otherSource'; readonly source: StreamSource }
  /** No version to compare: the manifest names a URL, a tag or nothing. */
  | { readonly kind: 'noVersion' }
  /** No SDK known for the dependency (the catalogue is missing). */
  | { readonly kind: 'unknownSdk' }
  /** The account reports no connections for this version; `reported` lists the versions of this SDK it does report. */
  | { readonly kind: 'none'; readonly reported: readonly string[]; readonly filtered: boolean }
  | { readonly kind: 'connections'; readonly series: readonly VersionUsage[]; readonly latest: number; readonly peak: number };

export type DependencyVerdict =
  | {
      readonly kind: 'launchdarkly';
      /** The version judged, as LaunchDarkly spells it. */
      readonly version: string;
      readonly status: KnownEolStatus;
      readonly target: string | undefined;
      readonly releaseUrl: string | undefined;
    }
  | {
      readonly kind: 'releaseDates';
      readonly version: string;
      readonly status: ReleaseDateStatus;
      /** major.minor to upgrade to. */
      readonly target: string;
      readonly line: ReleaseLine;
      /** The day the release data is as of. */
      readonly dataDate: string;
    }
  /** `nothingAdmitted`: a range that admits no version the account reports or the catalogue lists. */
  | { readonly kind: 'notJudged'; readonly reason: NotJudgedReason | 'noVersion' | 'unknownSdk' | 'nothingAdmitted' };

export interface DependencyUsage {
  readonly dependency: WorkspaceDependency;
  readonly sdk: CataloguedSdk | undefined;
  readonly connections: ConnectionsFinding;
  /** For a declared range: the versions it admits among those reported and the catalogue's release lines (as major.minor). */
  readonly range?: { readonly reported: readonly string[]; readonly releaseLines: readonly string[] };
  readonly verdict: DependencyVerdict;
  /** Where the matching versions run, as LaunchDarkly reports it (empty without a report). */
  readonly placements: readonly Placement[];
  /** The matching series with the most latest connections: the one "Show in Chart" focuses. */
  readonly chartVersionId: string | undefined;
}

/** The source an SDK's connections are counted under, from its catalogue type; undefined when the type does not say. */
function sourceOfSdk(sdk: CataloguedSdk): StreamSource | undefined {
  return sdk.type === 'client-side' ? 'client' : sdk.type === 'server-side' ? 'server' : undefined;
}

/** Latest and peak of several series added up: the peak of the sum, from the model's cells. */
function combined(series: readonly VersionUsage[], cells: UsageModel['cells']): { latest: number; peak: number } {
  let latest = 0;
  for (const s of series) latest += s.latest;
  if (series.length === 1) return { latest, peak: series[0]!.peak };
  const bySlot = new Map<number, number>();
  for (const s of series) {
    for (let c = s.cellStart; c < s.cellEnd; c++) bySlot.set(cells.slots[c]!, (bySlot.get(cells.slots[c]!) ?? 0) + cells.values[c]!);
  }
  let peak = 0;
  for (const value of bySlot.values()) if (value > peak) peak = value;
  return { latest, peak };
}

/** The most severe of LaunchDarkly's verdicts among the matching series and reported versions. */
function launchDarklyVerdict(
  series: readonly VersionUsage[],
  reported: readonly UnmatchedVerdict[],
  verdicts: Verdicts | undefined,
): { verdict: DependencyVerdict | undefined; placements: Placement[] } {
  const placements: Placement[] = [];
  let worst: DependencyVerdict | undefined;
  const consider = (verdict: { version: string; status: KnownEolStatus | undefined; target?: string; releaseUrl?: string }) => {
    if (verdict.status && (worst?.kind !== 'launchdarkly' || EOL_SEVERITY[verdict.status] > EOL_SEVERITY[worst.status])) {
      worst = {
        kind: 'launchdarkly',
        version: verdict.version,
        status: verdict.status,
        target: verdict.target,
        releaseUrl: verdict.releaseUrl,
      };
    }
  };
  for (const s of series) {
    const verdict = verdicts?.byVersionId.get(s.id);
    if (!verdict) continue;
    consider(verdict);
    for (const placement of verdict.placements) placements.push(placement);
  }
  for (const verdict of reported) {
    consider(verdict);
    for (const placement of verdict.placements) placements.push(placement);
  }
  return { verdict: worst, placements };
}

function releaseDates(context: UsageContext, sdk: CataloguedSdk, version: string): DependencyVerdict {
  const verdict = releaseDateVerdict(context.catalogue!, sdk, version, context.asOfMs);
  return verdict.kind === 'judged'
    ? {
        kind: 'releaseDates',
        version,
        status: verdict.status,
        target: verdict.targetMajorMinor,
        line: verdict.line,
        dataDate: verdict.dataDate,
      }
    : { kind: 'notJudged', reason: verdict.reason };
}

/** Joins one dependency to the usage (see the header). */
export function matchDependency(dependency: WorkspaceDependency, context: UsageContext): DependencyUsage {
  const sdk = context.catalogue?.sdks.get(dependency.sdkId);
  const version = dependency.version;
  if (!sdk) {
    return {
      dependency,
      sdk,
      connections: { kind: 'unknownSdk' },
      verdict: { kind: 'notJudged', reason: 'unknownSdk' },
      placements: [],
      chartVersionId: undefined,
    };
  }
  const allSeries = context.bySdk.series.get(sdk.id) ?? [];
  const allReported = context.bySdk.reportedOnly.get(sdk.id) ?? [];
  if (!version) {
    return {
      dependency,
      sdk,
      connections: { kind: 'noVersion' },
      verdict: { kind: 'notJudged', reason: 'noVersion' },
      placements: [],
      chartVersionId: undefined,
    };
  }
  const { compareVersions, admittedVersions } = context.versions;
  /** Distinct versions, newest first. */
  const newestFirst = (versions: Iterable<string>) => [...new Set(versions)].sort((a, b) => compareVersions(b, a));

  let judged = version.text;
  let range: DependencyUsage['range'];
  let admits: (candidate: string) => boolean;
  if (version.kind === 'range') {
    const reportedVersions = newestFirst([...allSeries.map((s) => s.version), ...allReported.map((r) => r.version)]);
    const lineVersions = sdk.releases.map((line) => `${line.major}.${line.minor}.0`);
    const admittedReported = admittedVersions(dependency.ecosystem, dependency.declared, reportedVersions);
    const admittedLines = admittedVersions(dependency.ecosystem, dependency.declared, lineVersions);
    range = { reported: admittedReported, releaseLines: admittedLines.map((v) => v.slice(0, -2)) };
    const admitted = new Set(admittedReported);
    admits = (candidate) => admitted.has(candidate);
    const candidates = [...admittedReported, ...admittedLines];
    judged =
      candidates.reduce<string | undefined>(
        (newest, v) => (newest === undefined || compareVersions(v, newest) > 0 ? v : newest),
        undefined,
      ) ?? '';
  } else {
    admits = (candidate) => compareVersions(candidate, version.text) === 0;
  }

  const series = allSeries.filter((s) => admits(s.version));
  const reported = allReported.filter((r) => admits(r.version));
  const side = sourceOfSdk(sdk);
  const connections: ConnectionsFinding = !context.model
    ? { kind: 'notLoaded' }
    : side !== undefined && !context.model.sources.includes(side)
      ? { kind: 'otherSource', source: side }
      : series.length === 0
        ? { kind: 'none', reported: newestFirst(allSeries.map((s) => s.version)), filtered: context.filtered }
        : { kind: 'connections', series, ...combined(series, context.model.cells) };

  // LaunchDarkly's verdict is of the judged version itself: for a range, of its newest admitted version.
  const judgedSeries = series.filter((s) => judged !== '' && compareVersions(s.version, judged) === 0);
  const judgedReported = reported.filter((r) => judged !== '' && compareVersions(r.version, judged) === 0);
  const ld = launchDarklyVerdict(judgedSeries, judgedReported, context.verdicts);
  const placements = version.kind === 'range' ? launchDarklyVerdict(series, reported, context.verdicts).placements : ld.placements;
  const verdict =
    ld.verdict ?? (judged === '' ? { kind: 'notJudged' as const, reason: 'nothingAdmitted' as const } : releaseDates(context, sdk, judged));
  const top = series.reduce<VersionUsage | undefined>((best, s) => (best === undefined || s.latest > best.latest ? s : best), undefined);
  return { dependency, sdk, connections, range, verdict, placements, chartVersionId: top?.id };
}

/**
 * Where a dependency's release notes are: LaunchDarkly's link for the judged version when it is an
 * https address, else the SDK's repository releases page from the catalogue; undefined without either.
 */
export function dependencyReleaseNotes(usage: Pick<DependencyUsage, 'sdk' | 'verdict'>): URL | undefined {
  const fromReport = usage.verdict.kind === 'launchdarkly' ? safeReleaseUrl(usage.verdict.releaseUrl) : undefined;
  return fromReport ?? (usage.sdk ? safeReleaseUrl(releaseNotesUrl(usage.sdk)) : undefined);
}
