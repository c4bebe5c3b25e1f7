import type { StreamSource } from '../api/parse';
import type { CataloguedSdk } from '../catalogue/catalogue';
import type { AllSeries } from './allSeries';
import type { NameIdentity, SdkIdentity, SdkNaming } from '../catalogue/sdkIdentity';
import { versionKey, type VersionKey } from './versionOrder';
import type { VersionRanks } from './versionRanks';

/** The value stored under `key` of a map, made by `make` when there is none yet. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** One SDK row: a catalogued SDK (every spelling of it), or a name as reported. */
export interface SdkGroup {
  readonly source: StreamSource;
  readonly identity: SdkIdentity;
  /** The catalogued SDK, for its release dates; undefined for a name as reported. */
  readonly sdk: CataloguedSdk | undefined;
  /** What the row's ids are made of: the catalogue id, or the name as reported. */
  readonly key: string;
  /** The name the views show: the catalogue's display name, or the name as reported. */
  readonly name: string;
  /** The names its series were reported under, first seen first. */
  readonly spellings: string[];
}

/**
 * Series of one source and SDK: group k's series are members[start[k] .. start[k + 1]), in the
 * answers' order; `known` holds each group's versions seen lately (`…/sdkversions`), as keys.
 */
export interface SdkGroups {
  readonly groups: readonly SdkGroup[];
  readonly start: Int32Array;
  readonly members: Int32Array;
  readonly known: readonly (readonly VersionKey[])[];
}

/** In a name's place: its SDK is decided per series, by the version. */
const BY_VERSION = -1;

/** The groups of one build, found by identity: catalogued SDKs by id, other names as reported, each per source. */
class GroupIndex {
  readonly groups: SdkGroup[] = [];
  private readonly catalogued = new Map<StreamSource, Map<string, number>>();
  private readonly reported = new Map<StreamSource, Map<string, number>>();

  constructor(private readonly naming: SdkNaming | undefined) {}

  /** The group of every series named `name`, or BY_VERSION when the version decides (see groupOf). */
  groupOfName(source: StreamSource, name: string): number {
    if (this.naming?.resolver.decidedByVersion(name)) return BY_VERSION;
    return this.groupOf(source, name, undefined, true);
  }

  /** The group of a series (or a version seen lately) named `name`, of `version`; made when `make`, else -1 when there is none. */
  groupOf(source: StreamSource, name: string, version: string | undefined, make: boolean): number {
    const { identity, sdk } = this.naming?.identify(name, version) ?? UNKNOWN_NAME;
    const key = identity.kind === 'catalogued' ? identity.id : name;
    const groups = entry(identity.kind === 'catalogued' ? this.catalogued : this.reported, source, () => new Map<string, number>());
    let group = groups.get(key);
    if (group === undefined) {
      if (!make) return -1;
      group = this.groups.length;
      this.groups.push({ source, identity, sdk, key, name: identity.kind === 'catalogued' ? identity.name : name, spellings: [] });
      groups.set(key, group);
    }
    const { spellings } = this.groups[group]!;
    // Names decided by the version come here once per series: a few spellings to look through.
    if (make && spellings[spellings.length - 1] !== name && !spellings.includes(name)) spellings.push(name);
    return group;
  }
}

const UNKNOWN_NAME: NameIdentity = { identity: { kind: 'reported' }, sdk: undefined };

/**
 * The series grouped by source and SDK: by catalogued SDK where the catalogue knows the name, else
 * by the name exactly as reported, so two different SDKs never meet. Each distinct name is looked
 * up once per source; a name whose SDK the version decides (`JSClient`), once per series.
 */
export function groupBySdk(all: AllSeries, naming: SdkNaming | undefined): SdkGroups {
  const groupOf = new Int32Array(all.total);
  const index = new GroupIndex(naming);
  const bySource = new Map<StreamSource, Map<string, number>>();
  all.answers.forEach(({ source, list }, a) => {
    const names = entry(bySource, source, () => new Map<string, number>());
    const { series } = list;
    for (let i = 0, g = all.firstOf[a]!; i < series.length; i++, g++) {
      const sdk = series[i]!.sdk;
      let group = names.get(sdk);
      if (group === undefined) {
        group = index.groupOfName(source, sdk);
        names.set(sdk, group);
      }
      groupOf[g] = group === BY_VERSION ? index.groupOf(source, sdk, series[i]!.version, true) : group;
    }
  });
  const { groups } = index;
  const start = new Int32Array(groups.length + 1);
  for (let g = 0; g < all.total; g++) start[groupOf[g]! + 1]!++;
  for (let k = 0; k < groups.length; k++) start[k + 1]! += start[k]!;
  const members = new Int32Array(all.total);
  const next = start.slice(0, groups.length);
  for (let g = 0; g < all.total; g++) members[next[groupOf[g]!]!++] = g;
  // Versions seen lately count for the group their name (and version) belongs to, if it has series.
  const known: VersionKey[][] = groups.map(() => []);
  for (const { source, knownVersions } of all.answers) {
    for (const d of knownVersions ?? []) {
      const k = index.groupOf(source, d.sdk, d.version, false);
      if (k >= 0) known[k]!.push(versionKey(d.version));
    }
  }
  return { groups, start, members, known };
}

/**
 * Puts each group's members in tree order, in place. Series with the same source, SDK and version
 * are one version, their values summed (the API should not repeat one, but may: the reference's own
 * example names two null entries); sorting puts them in one run of equal rank, where they are
 * brought together in the order first seen. The answer says which members repeat the one before,
 * and how many do.
 */
export function sortGroups(
  { start, members }: SdkGroups,
  all: AllSeries,
  ranks: VersionRanks,
): { readonly sameAsBefore: Uint8Array; readonly repeats: number } {
  const sameAsBefore = new Uint8Array(all.total);
  let repeats = 0;
  const compare = (x: number, y: number) => ranks.compare(x, y);
  for (let k = 0; k + 1 < start.length; k++) {
    const base = start[k]!;
    const group = members.subarray(base, start[k + 1]!);
    if (group.length < 2 || ranks.sortByRank(group)) continue;
    group.sort(compare);
    for (let s = 0; s < group.length;) {
      let e = s + 1;
      while (e < group.length && ranks.compare(group[e - 1]!, group[e]!) === 0) e++;
      if (e - s > 1) {
        // Equal in order, names may still differ ("main" and "Main"): equal names go together.
        const byName = new Map<string, number[]>();
        for (let j = s; j < e; j++) entry(byName, all.list[group[j]!]!.version, () => []).push(group[j]!);
        let j = s;
        for (const same of byName.values()) {
          for (let n = 0; n < same.length; n++, j++) {
            group[j] = same[n]!;
            if (n > 0) {
              sameAsBefore[base + j] = 1;
              repeats++;
            }
          }
        }
      }
      s = e;
    }
  }
  return { sameAsBefore, repeats };
}
