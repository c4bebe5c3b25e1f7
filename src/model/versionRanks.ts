import { UNKNOWN_HEALTH, healthCode, newestKey } from './health';
import type { SeriesDescriptor } from '../api/parse';
import {
  compareKeysNewestFirst,
  compareParsed,
  comparePlainNewestFirst,
  parsedFromRank,
  plainRank,
  rankMajor,
  rankMinor,
  versionKey,
  type ParsedVersion,
  type VersionKey,
} from './versionOrder';

/**
 * The series' versions, ranked once: a plain release ("1.2.3") is one number and compares without
 * reading its name; any other version is parsed in full, once, when first needed.
 */
export class VersionRanks {
  private readonly rank: Float64Array;
  private readonly keys = new Map<number, VersionKey>();

  constructor(private readonly series: readonly SeriesDescriptor[]) {
    this.rank = new Float64Array(series.length);
    for (let g = 0; g < series.length; g++) this.rank[g] = plainRank(series[g]!.version);
  }

  isPlain(g: number): boolean {
    return this.rank[g] === this.rank[g];
  }

  keyOf(g: number): VersionKey {
    let key = this.keys.get(g);
    if (key === undefined) {
      key = versionKey(this.series[g]!.version);
      this.keys.set(g, key);
    }
    return key;
  }

  private keyWithParse(g: number): VersionKey {
    return this.isPlain(g) ? { text: this.series[g]!.version, parsed: parsedFromRank(this.rank[g]!) } : this.keyOf(g);
  }

  /** Tree order, newest first (compareKeysNewestFirst). */
  compare(x: number, y: number): number {
    const rx = this.rank[x]!;
    const ry = this.rank[y]!;
    // Two plain releases of different ranks (most comparisons): the names are not even read. The
    // answer is ±1, not the difference: a number that is not a small integer is an allocation.
    if (rx !== ry && rx === rx && ry === ry) return ry > rx ? 1 : -1;
    return this.isPlain(x) && this.isPlain(y)
      ? comparePlainNewestFirst(rx, this.series[x]!.version, ry, this.series[y]!.version)
      : compareKeysNewestFirst(this.keyOf(x), this.keyOf(y));
  }

  /**
   * Sorts `group` into tree order by the ranks alone when it can: every member a plain release, of
   * distinct ranks small enough to pack with a member's place into one exact number. Those numbers
   * are sorted natively, without a comparator call per comparison (most of the model's sorting
   * time for 100,000 versions). Otherwise leaves `group` as it was and says false.
   */
  sortByRank(group: Int32Array): boolean {
    const places = 2 ** Math.ceil(Math.log2(group.length));
    const rankLimit = Number.MAX_SAFE_INTEGER / places;
    const packed = new Float64Array(group.length);
    for (let i = 0; i < group.length; i++) {
      const rank = this.rank[group[i]!]!;
      if (!(rank < rankLimit)) return false;
      packed[i] = rank * places + i;
    }
    packed.sort();
    for (let j = 1; j < packed.length; j++) {
      if (Math.floor(packed[j]! / places) === Math.floor(packed[j - 1]! / places)) return false;
    }
    const members = group.slice();
    // Ascending ranks, so the newest is last.
    for (let j = 0; j < packed.length; j++) group[packed.length - 1 - j] = members[packed[j]! % places]!;
    return true;
  }

  /** compareParsed of two parsed versions. */
  private compareVersions(x: number, y: number): number {
    return this.isPlain(x) && this.isPlain(y)
      ? this.rank[x]! - this.rank[y]!
      : compareParsed(this.keyWithParse(x).parsed!, this.keyWithParse(y).parsed!);
  }

  /** newestKey of a group's versions (in the answers' order) and the versions known lately. */
  newestOf(group: Int32Array, knownKeys: readonly VersionKey[]): VersionKey | undefined {
    let best = -1;
    let bestRelease = -1;
    for (const g of group) {
      const parsed = this.isPlain(g) ? undefined : this.keyOf(g).parsed;
      if (!this.isPlain(g) && !parsed) continue;
      if (best < 0 || this.compareVersions(g, best) > 0) best = g;
      if ((this.isPlain(g) || parsed!.prerelease.length === 0) && (bestRelease < 0 || this.compareVersions(g, bestRelease) > 0))
        bestRelease = g;
    }
    // The first newest release comes first if the newest overall is one, so these two stand for all.
    const found =
      best < 0
        ? []
        : bestRelease < 0 || bestRelease === best
          ? [this.keyWithParse(best)]
          : [this.keyWithParse(best), this.keyWithParse(bestRelease)];
    return newestKey(found, knownKeys);
  }

  /** healthCode of series g against `reference`, the newest of its SDK. */
  healthCode(g: number, reference: ParsedVersion | undefined): number {
    if (!reference) return UNKNOWN_HEALTH;
    if (this.isPlain(g)) return healthCode(rankMajor(this.rank[g]!), rankMinor(this.rank[g]!), reference);
    const parsed = this.keyOf(g).parsed;
    return parsed ? healthCode(parsed.major, parsed.minor, reference) : UNKNOWN_HEALTH;
  }
}
