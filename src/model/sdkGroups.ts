import type { StreamSource } from '../api/parse';
import type { AllSeries } from './allSeries';
import type { SourceAnswer } from './usageModel';
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

/** Series of one source and SDK: group k's series are members[start[k] .. start[k + 1]), in the answers' order. */
export interface SdkGroups {
  readonly groups: readonly { readonly source: StreamSource; readonly sdk: string }[];
  readonly start: Int32Array;
  readonly members: Int32Array;
}

/**
 * The series grouped by source and SDK. Names are looked up as they are, source by source and SDK
 * by SDK, so no two (source, SDK, version) triples can meet.
 */
export function groupBySdk(all: AllSeries): SdkGroups {
  const groupOf = new Int32Array(all.total);
  const groups: { readonly source: StreamSource; readonly sdk: string }[] = [];
  const bySource = new Map<StreamSource, Map<string, number>>();
  all.answers.forEach(({ source, list }, a) => {
    const sdks = entry(bySource, source, () => new Map<string, number>());
    const { series } = list;
    for (let i = 0, g = all.firstOf[a]!; i < series.length; i++, g++) {
      const sdk = series[i]!.sdk;
      let group = sdks.get(sdk);
      if (group === undefined) {
        group = groups.length;
        groups.push({ source, sdk });
        sdks.set(sdk, group);
      }
      groupOf[g] = group;
    }
  });
  const start = new Int32Array(groups.length + 1);
  for (let g = 0; g < all.total; g++) start[groupOf[g]! + 1]!++;
  for (let k = 0; k < groups.length; k++) start[k + 1]! += start[k]!;
  const members = new Int32Array(all.total);
  const next = start.slice(0, groups.length);
  for (let g = 0; g < all.total; g++) members[next[groupOf[g]!]!++] = g;
  return { groups, start, members };
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

/** The versions seen lately (`…/sdkversions`), by source and SDK, as keys. */
export function knownVersionsBySdk(answers: readonly SourceAnswer[]): Map<StreamSource, Map<string, VersionKey[]>> {
  const known = new Map<StreamSource, Map<string, VersionKey[]>>();
  for (const answer of answers) {
    const bySdk = entry(known, answer.source, () => new Map<string, VersionKey[]>());
    for (const d of answer.knownVersions ?? []) entry(bySdk, d.sdk, () => []).push(versionKey(d.version));
  }
  return known;
}
