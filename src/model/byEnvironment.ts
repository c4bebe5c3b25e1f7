/**
 * The "By environment" grouping: project → environment → SDK version, from LaunchDarkly's report
 * of where each version runs. Versions with a stream series but no report are kept apart. Pure.
 * Projects and environments come in the order the report first names them; views order them by
 * the labels they show (presentation/ordering.ts).
 */
import { NAME_ORDER, NUMBER_AWARE_ORDER } from './collation';
import { TupleMap } from './tupleMap';
import type { KeyAndName, UnmatchedVerdict, Verdicts, VersionVerdict } from './verdict';

/** A version in one environment: its stream series' id when it has one. */
export interface PlacedVersion {
  /** The SDK's name as shown. */
  readonly sdk: string;
  /** As LaunchDarkly's report spells it (without a stream series) or as shown: what identifies the row. */
  readonly reportedSdk: string;
  readonly version: string;
  readonly versionId: string | undefined;
  /** A stream version's verdict, or (without a stream series) the report's unmatched one. */
  readonly verdict: VersionVerdict | UnmatchedVerdict;
}

export interface EnvironmentGroup extends KeyAndName {
  /** Collision-free (JSON of the keys and names). */
  readonly id: string;
  readonly versions: readonly PlacedVersion[];
}

export interface ProjectGroup extends KeyAndName {
  readonly id: string;
  readonly environments: readonly EnvironmentGroup[];
}

export function groupByEnvironment(verdicts: Verdicts): ProjectGroup[] {
  type Environment = KeyAndName & { readonly versions: TupleMap<PlacedVersion> };
  const projects = new TupleMap<KeyAndName & { readonly environments: TupleMap<Environment> }>(2);
  const add = (verdict: VersionVerdict | UnmatchedVerdict, versionId: string | undefined) => {
    // A version's placements repeat its project and environment (an application, a Relay Proxy…): the last one's group is kept at hand.
    let environment: Environment | undefined;
    let at: readonly unknown[] = [];
    for (const p of verdict.placements) {
      if (
        environment === undefined ||
        p.projectKey !== at[0] ||
        p.projectName !== at[1] ||
        p.environmentKey !== at[2] ||
        p.environmentName !== at[3]
      ) {
        const project = projects.getOrMake([p.projectKey, p.projectName], () => ({
          key: p.projectKey,
          name: p.projectName,
          environments: new TupleMap<Environment>(2),
        }));
        environment = project.environments.getOrMake([p.environmentKey, p.environmentName], () => ({
          key: p.environmentKey,
          name: p.environmentName,
          versions: new TupleMap<PlacedVersion>(3),
        }));
        at = [p.projectKey, p.projectName, p.environmentKey, p.environmentName];
      }
      const reportedSdk = 'reportedSdk' in verdict ? verdict.reportedSdk : verdict.sdk;
      environment.versions.getOrMake([versionId, reportedSdk, verdict.version], () => ({
        sdk: verdict.sdk,
        reportedSdk,
        version: verdict.version,
        versionId,
        verdict,
      }));
    }
  };
  for (const [versionId, verdict] of verdicts.byVersionId) add(verdict, versionId);
  for (const verdict of verdicts.withoutSeries) add(verdict, undefined);
  return projects.values().map((project) => ({
    id: JSON.stringify([project.key, project.name]),
    key: project.key,
    name: project.name,
    environments: project.environments.values().map((e) => ({
      id: JSON.stringify([project.key, project.name, e.key, e.name]),
      key: e.key,
      name: e.name,
      versions: [...e.versions.values()].sort(
        (a, b) => NAME_ORDER.compare(a.sdk, b.sdk) || NUMBER_AWARE_ORDER.compare(b.version, a.version),
      ),
    })),
  }));
}
