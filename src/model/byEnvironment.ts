/**
 * The "By environment" grouping: project → environment → SDK version, from LaunchDarkly's report
 * of where each version runs. Versions with a stream series but no report are kept apart. Pure.
 */
import { environmentLabel, projectLabel, type Verdicts, type VersionVerdict } from './verdict';

/** A version in one environment: its stream series' id when it has one. */
export interface PlacedVersion {
  readonly sdk: string;
  readonly version: string;
  readonly versionId: string | undefined;
  readonly verdict: VersionVerdict;
}

export interface EnvironmentGroup {
  /** Collision-free (JSON of the keys and names). */
  readonly id: string;
  readonly label: string;
  readonly key: string | undefined;
  readonly versions: readonly PlacedVersion[];
}

export interface ProjectGroup {
  readonly id: string;
  readonly label: string;
  readonly key: string | undefined;
  readonly environments: readonly EnvironmentGroup[];
}

/** Names in the tree's order (case and accents aside), and versions with their numbers compared as numbers. */
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const byNumbers = new Intl.Collator('en', { numeric: true });

export function groupByEnvironment(verdicts: Verdicts): ProjectGroup[] {
  const projects = new Map<
    string,
    {
      label: string;
      key: string | undefined;
      environments: Map<string, { label: string; key: string | undefined; versions: Map<string, PlacedVersion> }>;
    }
  >();
  const add = (verdict: VersionVerdict, versionId: string | undefined) => {
    for (const p of verdict.placements) {
      const projectId = JSON.stringify([p.projectKey, p.projectName]);
      let project = projects.get(projectId);
      if (!project) {
        project = { label: projectLabel(p), key: p.projectKey, environments: new Map() };
        projects.set(projectId, project);
      }
      const environmentId = JSON.stringify([p.projectKey, p.projectName, p.environmentKey, p.environmentName]);
      let environment = project.environments.get(environmentId);
      if (!environment) {
        environment = { label: environmentLabel(p), key: p.environmentKey, versions: new Map() };
        project.environments.set(environmentId, environment);
      }
      const placedId = JSON.stringify([versionId, verdict.sdk, verdict.version]);
      if (!environment.versions.has(placedId))
        environment.versions.set(placedId, { sdk: verdict.sdk, version: verdict.version, versionId, verdict });
    }
  };
  for (const [versionId, verdict] of verdicts.byVersionId) add(verdict, versionId);
  for (const verdict of verdicts.withoutSeries) add(verdict, undefined);
  const byLabel = (a: { label: string }, b: { label: string }) => byName.compare(a.label, b.label);
  return [...projects]
    .map(([projectId, project]) => ({
      id: projectId,
      label: project.label,
      key: project.key,
      environments: [...project.environments]
        .map(([environmentId, e]) => ({
          id: environmentId,
          label: e.label,
          key: e.key,
          versions: [...e.versions.values()].sort((a, b) => byName.compare(a.sdk, b.sdk) || byNumbers.compare(b.version, a.version)),
        }))
        .sort(byLabel),
    }))
    .sort(byLabel);
}
