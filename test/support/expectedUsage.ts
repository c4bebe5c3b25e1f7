/**
 * What every view should show, worked out from the API's raw answers on their own: the test
 * oracle for the tree, the panel and the e2e suite. It reads the bodies with `JSON.parse` and
 * follows the API's documented rules (key "N" is metadata[N]; a missing key is 0 connections; a
 * missing or empty name is "Unknown"; points may come in any order; one SDK and version sent twice
 * adds up) and semantic versioning, written here without the product's functions, so a bug in
 * those cannot hide itself. With `catalogue`, names are read as the extension reads them with its
 * SDK catalogue (catalogueOracle.ts): every spelling of a catalogued SDK one SDK under its display
 * name, the same version under several spellings one version, and release-date health beside the
 * estimate.
 */
import { cataloguedAs, releaseKey, type ReleaseKey } from './catalogueOracle';

export type Source = 'server' | 'client';
export type ExpectedHealth = 'current' | 'minorBehind' | 'majorBehind' | 'unknown';

export interface ExpectedVersion {
  readonly source: Source;
  /** The name shown: the catalogue's display name (with a catalogue), else as reported. */
  readonly sdk: string;
  /** The catalogued SDK's id, when the catalogue knows the name. */
  readonly catalogueId: string | undefined;
  /** The names the API reported it under. */
  readonly reportedSdks: readonly string[];
  /** Its health by release dates, for a catalogued SDK. */
  readonly releaseHealth: ReleaseKey | undefined;
  readonly version: string;
  /** One value per entry of `ExpectedUsage.times`. */
  readonly values: readonly number[];
  readonly latest: number;
  readonly peak: number;
  readonly average: number;
  /** latest / every version's latest (0 when there are no connections at all). */
  readonly share: number;
  readonly health: ExpectedHealth;
  /** How many majors or minors behind (0 when current or unknown). */
  readonly behind: number;
  /** The newest version of its SDK seen (with connections now, or in `sdkversions`). */
  readonly newest: string | undefined;
}

export interface ExpectedSdk {
  readonly source: Source;
  readonly sdk: string;
  readonly catalogueId: string | undefined;
  readonly reportedSdks: readonly string[];
  readonly versions: readonly ExpectedVersion[];
  readonly latest: number;
  readonly peak: number;
  readonly newest: string | undefined;
}

export interface ExpectedUsage {
  readonly times: readonly number[];
  readonly versions: readonly ExpectedVersion[];
  readonly sdks: readonly ExpectedSdk[];
  readonly latestTotal: number;
}

export interface RawAnswer {
  readonly source: Source;
  /** A bysdkversion body, as text or already parsed. */
  readonly body: unknown;
  /** The sdkversions body of the same source, when the views had it. */
  readonly sdkVersions?: unknown;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (typeof value === 'string' ? (JSON.parse(value) as Json) : (value as Json));

/** The API's name for a metadata value: text as sent (trimmed), a number as written, else "Unknown". */
export function nameOf(value: unknown): string {
  if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return 'Unknown';
}

// ---------------------------------------------------------------------------
// Semantic versions, read leniently ("v1.2" is 1.2.0, "3" is 3.0.0), build metadata ignored.

interface Semver {
  readonly core: readonly [number, number, number];
  readonly pre: readonly string[];
}

function semver(text: string): Semver | undefined {
  let rest = text.trim();
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    if (!/^[0-9A-Za-z.-]+$/.test(rest.slice(plus + 1))) return undefined;
    rest = rest.slice(0, plus);
  }
  if (rest.startsWith('v')) rest = rest.slice(1);
  const dash = rest.indexOf('-');
  const pre = dash >= 0 ? rest.slice(dash + 1).split('.') : [];
  if (pre.some((part) => !/^[0-9A-Za-z-]+$/.test(part))) return undefined;
  const numbers = (dash >= 0 ? rest.slice(0, dash) : rest).split('.');
  if (numbers.length > 3 || numbers.some((n) => !/^\d+$/.test(n))) return undefined;
  const [major = 0, minor = 0, patch = 0] = numbers.map(Number);
  return { core: [major, minor, patch], pre };
}

/** Semver precedence: negative when a is older than b. */
function precedence(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) - Number(y);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

/** The newest of the versions; a pre-release only when no release is among them. */
function newestOf(versions: readonly string[]): string | undefined {
  const read = versions.map((text) => ({ text, v: semver(text) })).filter((x): x is { text: string; v: Semver } => x.v !== undefined);
  const releases = read.filter((x) => x.v.pre.length === 0);
  const pool = releases.length > 0 ? releases : read;
  let best: (typeof pool)[number] | undefined;
  for (const x of pool) if (!best || precedence(x.v, best.v) > 0) best = x;
  return best?.text;
}

function healthOf(version: string, newest: string | undefined): { health: ExpectedHealth; behind: number } {
  const v = semver(version);
  const n = newest === undefined ? undefined : semver(newest);
  if (!v || !n) return { health: 'unknown', behind: 0 };
  if (v.core[0] < n.core[0]) return { health: 'majorBehind', behind: n.core[0] - v.core[0] };
  if (v.core[0] === n.core[0] && v.core[1] < n.core[1]) return { health: 'minorBehind', behind: n.core[1] - v.core[1] };
  return { health: 'current', behind: 0 };
}

// ---------------------------------------------------------------------------

export interface ExpectedOptions {
  /** Read names with the SDK catalogue, and judge release dates as of `now` (default: the time of the call). */
  readonly catalogue?: boolean;
  readonly now?: number;
}

/** Reads the raw answers of one refresh (one per source) into what the views should show. */
export function expectedUsage(answers: readonly RawAnswer[], options: ExpectedOptions = {}): ExpectedUsage {
  const now = options.now ?? Date.now();
  /** The SDK a name stands for: its catalogue id, or the name itself. */
  const identify = (name: string, version: string) => {
    const catalogued = options.catalogue ? cataloguedAs(name, version) : undefined;
    return catalogued
      ? { key: ['catalogued', catalogued.id], shown: catalogued.shown, id: catalogued.id }
      : { key: ['reported', name], shown: name, id: undefined };
  };
  const bodies = answers.map((a) => ({ ...a, body: asObject(a.body) }));
  const times = [...new Set(bodies.flatMap((a) => (a.body.series as Json[]).map((p) => p.time as number)))].sort((x, y) => x - y);
  const slot = new Map(times.map((t, i) => [t, i]));

  // Values per source, SDK and version, summed over repeated metadata entries and spellings.
  interface Column {
    source: Source;
    sdk: string;
    sdkKey: string;
    catalogueId: string | undefined;
    reportedSdks: string[];
    version: string;
    values: number[];
  }
  const columns = new Map<string, Column>();
  const key = (...parts: string[]) => JSON.stringify(parts);
  for (const { source, body } of bodies) {
    const metadata = body.metadata as (Json | null)[];
    metadata.forEach((m, i) => {
      const reported = nameOf(m?.sdk);
      const version = nameOf(m?.version);
      const who = identify(reported, version);
      const sdkKey = key(source, ...who.key);
      const k = key(sdkKey, version);
      const column = columns.get(k) ?? {
        source,
        sdk: who.shown,
        sdkKey,
        catalogueId: who.id,
        reportedSdks: [],
        version,
        values: times.map(() => 0),
      };
      if (!column.reportedSdks.includes(reported)) column.reportedSdks.push(reported);
      columns.set(k, column);
      for (const point of body.series as Json[]) {
        const value = point[String(i)];
        if (value !== undefined) column.values[slot.get(point.time as number)!]! += value as number;
      }
    });
  }

  const seenLately = new Map<string, string[]>();
  for (const { source, sdkVersions } of bodies) {
    if (sdkVersions === undefined) continue;
    for (const entry of asObject(sdkVersions).sdkVersions as Json[]) {
      const version = nameOf(entry.version);
      const k = key(source, ...identify(nameOf(entry.sdk), version).key);
      seenLately.set(k, [...(seenLately.get(k) ?? []), version]);
    }
  }

  const last = times.length - 1;
  const latestTotal = [...columns.values()].reduce((sum, c) => sum + (last >= 0 ? c.values[last]! : 0), 0);
  const bySdk = new Map<string, Column[]>();
  for (const c of columns.values()) bySdk.set(c.sdkKey, [...(bySdk.get(c.sdkKey) ?? []), c]);
  const sdks: ExpectedSdk[] = [];
  const versions: ExpectedVersion[] = [];
  for (const [k, members] of bySdk) {
    const { source, sdk, catalogueId } = members[0]!;
    const newest = newestOf([...members.map((m) => m.version), ...(seenLately.get(k) ?? [])]);
    const full = members.map((c): ExpectedVersion => {
      const latest = last >= 0 ? c.values[last]! : 0;
      return {
        source,
        sdk,
        catalogueId,
        reportedSdks: c.reportedSdks,
        releaseHealth: catalogueId === undefined ? undefined : releaseKey(catalogueId, c.version, now),
        version: c.version,
        values: c.values,
        latest,
        peak: Math.max(0, ...c.values),
        average: times.length ? c.values.reduce((s, v) => s + v, 0) / times.length : 0,
        share: latestTotal ? latest / latestTotal : 0,
        newest,
        ...healthOf(c.version, newest),
      };
    });
    const totals = times.map((_, p) => full.reduce((s, v) => s + v.values[p]!, 0));
    const reportedSdks = [...new Set(members.flatMap((m) => m.reportedSdks))];
    sdks.push({
      source,
      sdk,
      catalogueId,
      reportedSdks,
      versions: full,
      latest: last >= 0 ? totals[last]! : 0,
      peak: Math.max(0, ...totals),
      newest,
    });
    versions.push(...full);
  }
  return { times, versions, sdks, latestTotal };
}

/** The expected version of a source, SDK and version (throws when the API served no such version). */
export function expectedVersion(usage: ExpectedUsage, source: string, sdk: string, version: string): ExpectedVersion {
  const found = usage.versions.find((v) => v.source === source && v.sdk === sdk && v.version === version);
  if (!found) throw new Error(`the API served no ${source} ${sdk} ${version}`);
  return found;
}

export function expectedSdk(usage: ExpectedUsage, source: string, sdk: string): ExpectedSdk {
  const found = usage.sdks.find((s) => s.source === source && s.sdk === sdk);
  if (!found) throw new Error(`the API served no ${source} SDK ${sdk}`);
  return found;
}
