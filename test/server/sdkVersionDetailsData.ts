/**
 * Synthetic answers of `GET /api/v2/usage/sdk-versions/all` and `/details`, derived from whatever
 * stream series the server serves, so both families of endpoints tell one story. Deterministic
 * (hashes of names only). What the data holds, by construction:
 * - several projects, environments and application ids; server-side entries partly through Relay
 *   Proxies of three versions (current, near and past end of life), client-side ones direct;
 * - every `eolStatus`: within an SDK, versions on the newest major are `EolAllClear`, one major
 *   behind `MajorVersionAvailable` or `EolNear`, older `EolPast`, and one version `EolUnknown`;
 * - SDK names in more than one spelling (every other SDK capitalised), so a client must match
 *   names ignoring case where no exact match exists;
 * - SDKs the usage data names by User-Agent token (`NodeJSClient`, `JSClient`, `iOS`) named as
 *   LaunchDarkly's SDK metadata names them instead, by display name ("Node.js Server SDK") for one
 *   version and by id (`node-server`) for the next, so only a client that knows the SDKs' names
 *   joins them; one such SDK the report leaves out altogether (its health must come from elsewhere);
 * - one stream series with no entry at all, and one SDK with entries but no stream series;
 * - one SDK whose release notes link is plain http (a client must refuse to open it).
 */
import { hash01 } from './syntheticData.js';

export interface SeriesName {
  readonly sdk: string;
  readonly version: string;
  readonly source: 'server' | 'client';
}

/** The shape of LaunchDarkly's `SdkVersionDetailsRep` (every field optional). */
export interface SdkVersionDetailsEntry {
  name?: string;
  version?: string;
  type?: string;
  projectId?: string;
  projectKey?: string;
  projectName?: string;
  environmentId?: string;
  environmentKey?: string;
  environmentName?: string;
  applicationId?: string;
  ldLatestVersion?: string;
  eolStatus?: string;
  latestReleaseUrl?: string;
  connectionType?: string;
  relayVersion?: string;
  relayEolStatus?: string;
  relayLatestVersion?: string;
  relayLatestReleaseUrl?: string;
}

interface Environment {
  projectKey: string;
  projectName: string;
  environmentKey: string;
  environmentName: string;
}

const PROJECTS = [
  {
    key: 'checkout',
    name: 'Checkout',
    environments: [
      ['production', 'Production'],
      ['staging', 'Staging'],
    ],
  },
  {
    key: 'mobile-apps',
    name: 'Mobile apps',
    environments: [
      ['prod', 'Production'],
      ['beta', 'Beta [testers]'],
    ],
  },
  {
    key: 'platform',
    name: 'Platform_core & tools',
    environments: [
      ['production', 'Production'],
      ['qa', 'QA <internal>'],
    ],
  },
] as const;

const ENVIRONMENTS: readonly Environment[] = PROJECTS.flatMap((p) =>
  p.environments.map(([environmentKey, environmentName]) => ({ projectKey: p.key, projectName: p.name, environmentKey, environmentName })),
);

/** Where each source's SDKs run: servers in Checkout and Platform, clients in Checkout and Mobile apps. */
const PROJECTS_BY_SOURCE: Readonly<Record<SeriesName['source'], readonly string[]>> = {
  server: ['checkout', 'platform'],
  client: ['checkout', 'mobile-apps'],
};

const RELAYS = [
  { version: '8.10.0', status: 'EolAllClear' },
  { version: '7.4.1', status: 'EolNear' },
  { version: '6.7.3', status: 'EolPast' },
] as const;
const RELAY_LATEST = '8.10.0';

const id = (...parts: string[]) =>
  ['id', 'id2', 'id3']
    .map((salt) =>
      Math.floor(hash01(salt, ...parts) * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');

function major(version: string): number | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(version);
  return m ? Number(m[1]) : undefined;
}

function compareNewestFirst(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d) return Number.isNaN(d) ? 0 : d;
  }
  return 0;
}

/**
 * LaunchDarkly's names (display name, id; from its SDK metadata) of the SDKs that identify
 * themselves by these User-Agent tokens in the usage data.
 */
const LAUNCHDARKLY_NAMES: Readonly<Record<string, readonly [displayName: string, id: string]>> = {
  NodeJSClient: ['Node.js Server SDK', 'node-server'],
  GoClient: ['Go Server SDK', 'go-server-sdk'],
  JavaClient: ['Java Server SDK', 'java-server-sdk'],
  PythonClient: ['Python Server SDK', 'python-server-sdk'],
  DotNetClient: ['.NET Server SDK', 'dotnet-server-sdk'],
  RubyClient: ['Ruby Server SDK', 'ruby-server-sdk'],
  PHPClient: ['PHP SDK', 'php-server-sdk'],
  ErlangClient: ['Erlang Server SDK', 'erlang-server-sdk'],
  HaskellServerClient: ['Haskell Server SDK', 'haskell-server-sdk'],
  LDRelay: ['Relay Proxy', 'relay-proxy'],
  JSClient: ['JavaScript Client SDK', 'js-client-sdk'],
  iOS: ['iOS SDK', 'swift-client-sdk'],
  AndroidClient: ['Android SDK', 'android'],
  ReactNativeClient: ['React Native SDK', 'react-native'],
  FlutterClientSdk: ['Flutter Client SDK', 'flutter-client-sdk'],
  RokuClient: ['Roku SDK', 'roku'],
};

/** The name an entry gives the i-th version (newest first) of an SDK: LaunchDarkly's names in turn for a token, else the SDK's spelling. */
function reportedName(sdk: string, spelling: string, i: number): string {
  const names = Object.hasOwn(LAUNCHDARKLY_NAMES, sdk) ? LAUNCHDARKLY_NAMES[sdk] : undefined;
  return names ? names[i % 2]! : spelling;
}

/** "node-server" → "Node-server": the other spelling style of every other SDK. */
function respelled(sdk: string, index: number): string {
  return index % 2 === 1 ? sdk.charAt(0).toUpperCase() + sdk.slice(1) : sdk;
}

function slug(sdk: string): string {
  return (
    sdk
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'sdk'
  );
}

function lowest<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || score(item) < score(best) ? item : best), undefined);
}

/** Every `/all` entry for the given series (both sources), before filters. */
export function sdkVersionDetailsEntries(series: readonly SeriesName[]): SdkVersionDetailsEntry[] {
  const bySdk = new Map<string, SeriesName[]>();
  for (const s of series) {
    const key = JSON.stringify([s.source, s.sdk]);
    bySdk.set(key, [...(bySdk.get(key) ?? []), s]);
  }
  const sdks = [...bySdk.values()].map((versions) => [...versions].sort((a, b) => compareNewestFirst(a.version, b.version)));
  sdks.sort((a, b) => a[0]!.sdk.localeCompare(b[0]!.sdk));
  const olderVersions = sdks.flatMap((versions) => versions.slice(1));
  const unknown = lowest(olderVersions, (s) => hash01('unknown', s.sdk, s.version));
  const absent = lowest(
    olderVersions.filter((s) => s !== unknown),
    (s) => hash01('absent', s.sdk, s.version),
  );
  const withPlan = sdks.filter((versions) => versions.length > 1);
  // Server-side where there are any: the default view then shows the link.
  const serverWithPlan = withPlan.filter((versions) => versions[0]!.source === 'server');
  const insecure = lowest(serverWithPlan.length ? serverWithPlan : withPlan, (versions) => hash01('insecure', versions[0]!.sdk))?.[0]?.sdk;
  // One SDK named by a User-Agent token (with several versions) that the report leaves out altogether.
  const unreported = lowest(
    withPlan.filter((versions) => Object.hasOwn(LAUNCHDARKLY_NAMES, versions[0]!.sdk)),
    (versions) => hash01('unreported', versions[0]!.sdk),
  )?.[0]?.sdk;

  const entries: SdkVersionDetailsEntry[] = [];
  sdks.forEach((versions, index) => {
    const newest = versions[0]!;
    if (newest.sdk === unreported) return;
    const newestMajor = major(newest.version);
    const latest = newestMajor === undefined ? undefined : `${newestMajor}.${(Number(newest.version.split('.')[1]) || 0) + 1}.0`;
    const spelling = respelled(newest.sdk, index);
    const releaseUrl =
      latest && `${newest.sdk === insecure ? 'http' : 'https'}://github.com/launchdarkly/${slug(newest.sdk)}/releases/tag/${latest}`;
    for (const [i, s] of versions.entries()) {
      if (s === absent) continue;
      const name = reportedName(newest.sdk, spelling, i);
      const m = major(s.version);
      const status =
        s === unknown || m === undefined || newestMajor === undefined
          ? 'EolUnknown'
          : m >= newestMajor
            ? 'EolAllClear'
            : m === newestMajor - 1
              ? hash01('near', s.sdk, s.version) < 0.5
                ? 'EolNear'
                : 'MajorVersionAvailable'
              : 'EolPast';
      for (const environment of placementsOf(s)) {
        entries.push(entryFor(s, name, environment, status, latest, releaseUrl));
      }
    }
  });
  entries.push(...sdkWithoutSeries(series));
  return entries;
}

/** 1–3 environments of the projects its source runs in, chosen by hash. */
function placementsOf(s: SeriesName): Environment[] {
  const candidates = ENVIRONMENTS.filter((e) => PROJECTS_BY_SOURCE[s.source].includes(e.projectKey));
  const count = 1 + Math.floor(hash01('spread', s.sdk, s.version) * 3);
  return [...candidates]
    .sort(
      (a, b) =>
        hash01('env', s.sdk, s.version, a.projectKey, a.environmentKey) - hash01('env', s.sdk, s.version, b.projectKey, b.environmentKey),
    )
    .slice(0, count);
}

/** The project and environment fields of an entry in `e`. */
function environmentFields(e: Environment): SdkVersionDetailsEntry {
  return {
    projectId: id(e.projectKey),
    projectKey: e.projectKey,
    projectName: e.projectName,
    environmentId: id(e.projectKey, e.environmentKey),
    environmentKey: e.environmentKey,
    environmentName: e.environmentName,
  };
}

function entryFor(
  s: SeriesName,
  name: string,
  e: Environment,
  status: string,
  latest: string | undefined,
  releaseUrl: string | undefined,
): SdkVersionDetailsEntry {
  const h = hash01('where', s.sdk, s.version, e.projectKey, e.environmentKey);
  const entry: SdkVersionDetailsEntry = {
    name,
    version: s.version,
    type: s.source === 'server' ? 'server' : hash01('type', s.sdk) < 0.5 ? 'browser' : 'mobile',
    ...environmentFields(e),
    eolStatus: status,
    connectionType: 'direct',
  };
  if (h >= 0.15) entry.applicationId = `${e.projectKey}-${s.source === 'server' ? (h < 0.6 ? 'api' : 'worker') : h < 0.6 ? 'web' : 'app'}`;
  if (latest) entry.ldLatestVersion = latest;
  if (releaseUrl) entry.latestReleaseUrl = releaseUrl;
  const relay = hash01('relay', s.sdk, s.version, e.environmentKey);
  if (s.source === 'server' && relay < 0.45) {
    const r = RELAYS[Math.floor((relay / 0.45) * RELAYS.length)]!;
    Object.assign(entry, {
      connectionType: 'proxy',
      relayVersion: r.version,
      relayEolStatus: r.status,
      relayLatestVersion: RELAY_LATEST,
      relayLatestReleaseUrl: `https://github.com/launchdarkly/ld-relay/releases/tag/v${RELAY_LATEST}`,
    });
  }
  return entry;
}

/** A server-side SDK that does not stream (it polls): LaunchDarkly reports it, the stream endpoints never do. */
function sdkWithoutSeries(series: readonly SeriesName[]): SdkVersionDetailsEntry[] {
  const taken = new Set(series.map((s) => s.sdk.toLowerCase()));
  let name = 'edge-polling-sdk';
  for (let n = 2; taken.has(name); n++) name = `edge-polling-sdk-${n}`;
  return ENVIRONMENTS.filter((e) => e.projectKey === 'platform' || e.environmentKey === 'staging').map((e) => ({
    name,
    version: '1.4.2',
    type: 'server',
    ...environmentFields(e),
    applicationId: `${e.projectKey}-edge`,
    ldLatestVersion: '2.1.0',
    eolStatus: 'EolPast',
    latestReleaseUrl: `https://github.com/launchdarkly/${name}/releases/tag/2.1.0`,
    connectionType: 'direct',
  }));
}

export const SDK_VERSIONS_FILTERS = ['projectId', 'environmentId', 'sdkName', 'sdkType', 'sdkAppId', 'connectionType'] as const;

const FILTER_FIELDS: Readonly<Record<(typeof SDK_VERSIONS_FILTERS)[number], keyof SdkVersionDetailsEntry>> = {
  projectId: 'projectId',
  environmentId: 'environmentId',
  sdkName: 'name',
  sdkType: 'type',
  sdkAppId: 'applicationId',
  connectionType: 'connectionType',
};

/** The body of `/all`: the entries that every given filter matches exactly. */
export function sdkVersionsAllBody(series: readonly SeriesName[], params: URLSearchParams): SdkVersionDetailsEntry[] {
  return sdkVersionDetailsEntries(series).filter((entry) =>
    SDK_VERSIONS_FILTERS.every((filter) => {
      const wanted = params.get(filter);
      return wanted === null || entry[FILTER_FIELDS[filter]] === wanted;
    }),
  );
}

/** The body of `/details`: the highest version per SDK, without where it runs. */
export function sdkVersionsDetailsBody(series: readonly SeriesName[]): SdkVersionDetailsEntry[] {
  const highest = new Map<string, SdkVersionDetailsEntry>();
  for (const entry of sdkVersionDetailsEntries(series)) {
    const known = highest.get(entry.name!);
    if (!known || compareNewestFirst(entry.version!, known.version!) < 0) highest.set(entry.name!, entry);
  }
  return [...highest.values()].map(({ name, version, type, ldLatestVersion, eolStatus, latestReleaseUrl }) => ({
    name,
    version,
    type,
    ldLatestVersion,
    eolStatus,
    latestReleaseUrl,
  }));
}
