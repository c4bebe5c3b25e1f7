/**
 * The upgrade plan: one row per SDK version LaunchDarkly calls past or near end of life or with a
 * new major available, one per stream version LaunchDarkly gives no verdict on that LaunchDarkly's
 * SDK release dates (the catalogue) call so, marked as such, and one per Relay Proxy version that
 * is not current; sorted by severity (LaunchDarkly's verdict before the release dates' of the same
 * status), then latest connections. Release notes: LaunchDarkly's link where it gives one, else
 * the catalogued SDK's releases page. Pure: no `vscode` import.
 */
import type { StreamSource } from '../api/parse';
import type { ReleaseDateVerdict } from '../catalogue/releaseHealth';
import { NAME_ORDER, NUMBER_AWARE_ORDER } from './collation';
import type { SdkIdentity } from '../catalogue/sdkIdentity';
import { EOL_SEVERITY, type KnownEolStatus, type Placement, type Verdicts } from './verdict';

export type PlanStatus = Extract<KnownEolStatus, 'EolPast' | 'EolNear' | 'MajorVersionAvailable'>;

export interface PlanRow {
  /** Stable and collision-free (JSON of kind, source, SDK and version); the webview sends it back. */
  readonly id: string;
  readonly kind: 'sdk' | 'relay';
  /** The SDK's name as the views show it; undefined on a Relay Proxy row. */
  readonly sdk: string | undefined;
  /** The catalogued SDK's id, when the catalogue knows the name (the model resolved it); undefined on a Relay Proxy row. */
  readonly catalogueId: string | undefined;
  readonly version: string;
  readonly source: StreamSource | undefined;
  /** The stream series' id, when one carries this version. */
  readonly versionId: string | undefined;
  readonly status: PlanStatus;
  /** Whose verdict the status is: LaunchDarkly's, or the release dates' (then `dataDate` says how old they are). */
  readonly judgedBy: 'launchdarkly' | 'releaseDates';
  readonly dataDate?: string;
  /** Latest connections; undefined when no stream series carries the version (or for a Relay Proxy). */
  readonly latest: number | undefined;
  /** A version (LaunchDarkly's) or a major.minor release line (the release dates'). */
  readonly target: string | undefined;
  readonly releaseUrl: string | undefined;
  readonly placements: readonly Placement[];
}

function isPlanStatus(status: string | undefined): status is PlanStatus {
  return status === 'EolPast' || status === 'EolNear' || status === 'MajorVersionAvailable';
}

const NO_VERDICTS: Verdicts = { byVersionId: new Map(), withoutSeries: [] };

/**
 * The plan for a model once LaunchDarkly's verdicts are joined to it; when they failed to load, the
 * plan of the release dates alone, if any version has a release-date verdict; else undefined.
 */
export function upgradePlanOf(state: {
  readonly model: { readonly versions: readonly PlanSeries[] } | undefined;
  readonly verdicts: Verdicts | undefined;
  readonly detailsError?: unknown;
}): PlanRow[] | undefined {
  const { model, verdicts } = state;
  if (!model) return undefined;
  if (verdicts) return buildUpgradePlan(model.versions, verdicts);
  const judged = state.detailsError !== undefined && model.versions.some((v) => v.releaseHealth?.kind === 'judged');
  return judged ? buildUpgradePlan(model.versions, NO_VERDICTS) : undefined;
}

/** The stream series the plan reads: id, source, names, latest connections, and what the catalogue knows. */
export interface PlanSeries {
  readonly id: string;
  readonly source: StreamSource;
  readonly sdk: string;
  readonly version: string;
  readonly latest: number;
  readonly identity?: SdkIdentity;
  readonly releaseHealth?: ReleaseDateVerdict | undefined;
}

/** The catalogued SDK's id of an identity the model or the verdict join made, if it names one. */
export function catalogueIdOf(identity: SdkIdentity | undefined): string | undefined {
  return identity?.kind === 'catalogued' ? identity.id : undefined;
}

/** LaunchDarkly's link where it gives one (only https is ever opened), else the catalogued SDK's releases page. */
function releaseNotes(fromLaunchDarkly: string | undefined, identity: SdkIdentity | undefined): string | undefined {
  return fromLaunchDarkly ?? (identity?.kind === 'catalogued' ? identity.releaseNotesUrl : undefined);
}

export function buildUpgradePlan(series: readonly PlanSeries[], verdicts: Verdicts): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const s of series) {
    const verdict = verdicts.byVersionId.get(s.id);
    const row = {
      id: JSON.stringify(['sdk', s.id]),
      kind: 'sdk' as const,
      sdk: s.sdk,
      catalogueId: catalogueIdOf(s.identity),
      version: s.version,
      source: s.source,
      versionId: s.id,
      latest: s.latest,
    };
    if (verdict?.status) {
      if (!isPlanStatus(verdict.status)) continue;
      rows.push({
        ...row,
        status: verdict.status,
        judgedBy: 'launchdarkly',
        target: verdict.target,
        releaseUrl: releaseNotes(verdict.releaseUrl, s.identity),
        placements: verdict.placements,
      });
    } else if (s.releaseHealth?.kind === 'judged' && isPlanStatus(s.releaseHealth.status)) {
      // No verdict of LaunchDarkly's (no entry, or EolUnknown): the release dates judge, as the views do.
      rows.push({
        ...row,
        status: s.releaseHealth.status,
        judgedBy: 'releaseDates',
        dataDate: s.releaseHealth.dataDate,
        target: s.releaseHealth.targetMajorMinor,
        releaseUrl: releaseNotes(undefined, s.identity),
        placements: verdict?.placements ?? [],
      });
    }
  }
  for (const verdict of verdicts.withoutSeries) {
    if (!isPlanStatus(verdict.status)) continue;
    rows.push({
      id: JSON.stringify(['reported', verdict.reportedSdk, verdict.version]),
      kind: 'sdk',
      sdk: verdict.sdk,
      catalogueId: catalogueIdOf(verdict.identity),
      version: verdict.version,
      source: verdict.source,
      versionId: undefined,
      status: verdict.status,
      judgedBy: 'launchdarkly',
      latest: undefined,
      target: verdict.target,
      releaseUrl: releaseNotes(verdict.releaseUrl, verdict.identity),
      placements: verdict.placements,
    });
  }
  for (const row of relayRows(series, verdicts)) rows.push(row);
  return rows.sort(
    (a, b) =>
      EOL_SEVERITY[b.status] - EOL_SEVERITY[a.status] ||
      Number(a.judgedBy === 'releaseDates') - Number(b.judgedBy === 'releaseDates') ||
      (b.latest ?? -1) - (a.latest ?? -1) ||
      // SDK rows before the Relay Proxy rows they tie with, then by name.
      Number(a.sdk === undefined) - Number(b.sdk === undefined) ||
      NAME_ORDER.compare(a.sdk ?? '', b.sdk ?? '') ||
      NUMBER_AWARE_ORDER.compare(a.version, b.version),
  );
}

/** One row per Relay Proxy version whose own verdict is not current; its connections are those of the versions behind it. */
function relayRows(series: readonly PlanSeries[], verdicts: Verdicts): PlanRow[] {
  const latestById = new Map(series.map((s) => [s.id, s.latest]));
  const relays = new Map<
    string,
    { status: PlanStatus; target?: string; releaseUrl?: string; placements: Placement[]; versionIds: Set<string> }
  >();
  const visit = (placements: readonly Placement[], versionId: string | undefined) => {
    for (const p of placements) {
      if (p.connectionType !== 'proxy' || p.relayVersion === undefined || !isPlanStatus(p.relayEolStatus)) continue;
      let relay = relays.get(p.relayVersion);
      if (!relay) {
        relay = { status: p.relayEolStatus, placements: [], versionIds: new Set() };
        relays.set(p.relayVersion, relay);
      }
      if (EOL_SEVERITY[p.relayEolStatus] > EOL_SEVERITY[relay.status]) relay.status = p.relayEolStatus;
      relay.target ??= p.relayLatestVersion;
      relay.releaseUrl ??= p.relayLatestReleaseUrl;
      relay.placements.push(p);
      if (versionId) relay.versionIds.add(versionId);
    }
  };
  for (const [versionId, verdict] of verdicts.byVersionId) visit(verdict.placements, versionId);
  for (const verdict of verdicts.withoutSeries) visit(verdict.placements, undefined);
  return [...relays].map(([version, relay]): PlanRow => {
    const counted = [...relay.versionIds].map((id) => latestById.get(id) ?? 0);
    return {
      id: JSON.stringify(['relay', version]),
      kind: 'relay',
      sdk: undefined,
      catalogueId: undefined,
      version,
      source: undefined,
      versionId: undefined,
      status: relay.status,
      judgedBy: 'launchdarkly',
      latest: counted.length ? counted.reduce((a, b) => a + b, 0) : undefined,
      target: relay.target,
      releaseUrl: relay.releaseUrl,
      placements: relay.placements,
    };
  });
}

/** A release-notes address safe to open or link: https only, parsed and re-serialised. */
export function safeReleaseUrl(raw: string | undefined): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url : undefined;
  } catch {
    return undefined;
  }
}
