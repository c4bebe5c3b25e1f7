/**
 * The "By environment" grouping: project → environment → SDK version, from LaunchDarkly's report
 * of where each version runs. Versions with a stream series but no report are kept apart. Pure.
 * Projects and environments come in the order the report first names them; views order them by
 * the labels they show (presentation/ordering.ts).
 */
import { NAME_ORDER, NUMBER_AWARE_ORDER } from './collation';
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
  const projects = new Map<string, KeyAndName & { environments: Map<string, KeyAndName & { versions: Map<string, PlacedVersion> }> }>();
  const add = (verdict: VersionVerdict | UnmatchedVerdict, versionId: string | undefined) => {
    for (const p of verdict.placements) {
      const projectId = JSON.stringify([p.projectKey, p.projectName]);
      let project = projects.get(projectId);
      if (!project) {
        project = { key: p.projectKey, name: p.projectName, environments: new Map() };
        projects.set(projectId, project);
      }
      const environmentId = JSON.stringify([p.projectKey, p.projectName, p.environmentKey, p.environmentName]);
      let environment = project.environments.get(environmentId);
      if (!environment) {
        environment = { key: p.environmentKey, name: p.environmentName, versions: new Map() };
        project.environments.set(environmentId, environment);
      }
      const reportedSdk = 'reportedSdk' in verdict ? verdict.reportedSdk : verdict.sdk;
      const placedId = JSON.stringify([versionId, reportedSdk, verdict.version]);
      if (!environment.versions.has(placedId))
        environment.versions.set(placedId, { sdk: verdict.sdk, reportedSdk, version: verdict.version, versionId, verdict });
    }
  };
  for (const [versionId, verdict] of verdicts.byVersionId) add(verdict, versionId);
  for (const verdict of verdicts.withoutSeries) add(verdict, undefined);
  return [...projects].map(([projectId, project]) => ({
    id: projectId,
    key: project.key,
    name: project.name,
    environments: [...project.environments].map(([environmentId, e]) => ({
      id: environmentId,
      key: e.key,
      name: e.name,
      versions: [...e.versions.values()].sort(
        (a, b) => NAME_ORDER.compare(a.sdk, b.sdk) || NUMBER_AWARE_ORDER.compare(b.version, a.version),
      ),
    })),
  }));
}
