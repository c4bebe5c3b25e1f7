/**
 * Large `sdk-versions/all` reports, as a big account's: one full entry (every field LaunchDarkly
 * documents) per SDK version, project, environment, application and Relay Proxy. Deterministic.
 * Used by the unit tests of the joins, the benchmark and the e2e run of a 170,000-entry report.
 */
import type { SdkVersionDetailsEntry } from '../server/sdkVersionDetailsData';
import { SERVER_SDK_IDS } from './usageBodies';

export interface LargeReportShape {
  /** How many entries. */
  readonly entries: number;
  /** Over how many distinct (SDK, version) pairs they spread. */
  readonly versions: number;
  /** Distinct projects (each with `environments` environments); default 40. */
  readonly projects?: number;
  readonly environments?: number;
  /** Distinct Relay Proxy versions among the entries that connect through one; default 4. */
  readonly relayVersions?: number;
  /** Every how many entries one connects through a Relay Proxy; default 3. */
  readonly proxyEvery?: number;
  /** SDK names the versions cycle through; default ten server-side SDK ids. */
  readonly sdks?: readonly string[];
}

const STATUSES = ['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear', 'EolUnknown'];

/** The name and version of the report's `v`-th version: majors and minors spread so every status has versions. */
export function reportVersion(v: number, sdks: readonly string[] = SERVER_SDK_IDS): { name: string; version: string } {
  const perSdk = Math.floor(v / sdks.length);
  return { name: sdks[v % sdks.length]!, version: `${1 + (perSdk % 9)}.${Math.floor(perSdk / 9) % 50}.${Math.floor(perSdk / 450)}` };
}

export function largeReport(shape: LargeReportShape): SdkVersionDetailsEntry[] {
  const projects = shape.projects ?? 40;
  const environments = shape.environments ?? 5;
  const relayVersions = shape.relayVersions ?? 4;
  const proxyEvery = shape.proxyEvery ?? 3;
  const entries: SdkVersionDetailsEntry[] = new Array(shape.entries);
  for (let i = 0; i < shape.entries; i++) {
    const v = i % shape.versions;
    const { name, version } = reportVersion(v, shape.sdks);
    // Entries of one version land in different places: its n-th entry is in the n-th place.
    const n = Math.floor(i / shape.versions);
    const p = (v + n) % projects;
    const e = (v * 7 + n) % environments;
    const entry: SdkVersionDetailsEntry = {
      name,
      version,
      type: 'server',
      projectId: `6f1d${p.toString(16).padStart(20, '0')}`,
      projectKey: `project-${p}`,
      projectName: `Project ${p}`,
      environmentId: `7e2c${(p * environments + e).toString(16).padStart(20, '0')}`,
      environmentKey: `environment-${e}`,
      environmentName: `Environment ${e}`,
      applicationId: `application-${(v + n) % 97}`,
      ldLatestVersion: '9.49.0',
      eolStatus: STATUSES[(v >> 1) % STATUSES.length]!,
      latestReleaseUrl: `https://github.com/launchdarkly/${name}/releases/tag/9.49.0`,
      connectionType: 'direct',
    };
    if (i % proxyEvery === 0) {
      const relay = Math.floor(i / proxyEvery) % relayVersions;
      entry.connectionType = 'proxy';
      entry.relayVersion = `8.${relay}.0`;
      entry.relayEolStatus = STATUSES[relay % 4]!;
      entry.relayLatestVersion = '8.12.0';
      entry.relayLatestReleaseUrl = 'https://github.com/launchdarkly/ld-relay/releases/tag/v8.12.0';
    }
    entries[i] = entry;
  }
  return entries;
}
