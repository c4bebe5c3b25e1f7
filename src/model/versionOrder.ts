/**
 * Ordering of SDK version strings: semantic versions newest first (pre-releases below their
 * release, build metadata ignored), then other strings in natural order, "Unknown" last.
 */
import { UNKNOWN } from '../api/parse';

export interface ParsedVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
}

/** Shared by every version without a pre-release part: most of them. */
const RELEASE: readonly (string | number)[] = Object.freeze([]);

const SEMVER_LIKE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Lenient semver: "v1.2", "3" and "2.0.0-rc.1+build.5" all read; anything else is undefined. */
export function parseVersion(text: string): ParsedVersion | undefined {
  const plain = plainVersion(text);
  if (plain) {
    return plain;
  }
  const match = SEMVER_LIKE.exec(text.trim());
  if (!match) {
    return undefined;
  }
  return {
    major: Number(match[1]),
    minor: Number(match[2] ?? 0),
    patch: Number(match[3] ?? 0),
    prerelease: match[4] ? match[4].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : RELEASE,
  };
}

const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * "3", "1.2", "v1.2.3": the forms most versions take, read without the regular expression (an
 * answer may name 100,000 versions). Undefined for anything else, which the expression then reads.
 */
function plainVersion(text: string): ParsedVersion | undefined {
  const numbers = [0, 0, 0];
  let i = text.charCodeAt(0) === 118 ? 1 : 0; // "v"
  for (let k = 0; k < 3; k++) {
    const start = i;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) n = n * 10 + (c - ZERO);
    // Up to 15 digits the sum is exact, as Number() of the digits would be.
    if (i === start || i - start > 15) return undefined;
    numbers[k] = n;
    if (i === text.length) return { major: numbers[0]!, minor: numbers[1]!, patch: numbers[2]!, prerelease: RELEASE };
    if (k === 2 || text.charCodeAt(i++) !== DOT) return undefined;
  }
  return undefined;
}

function comparePrerelease(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  // A release outranks any of its pre-releases.
  if (a.length === 0 || b.length === 0) {
    return b.length - a.length;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Ascending comparison of two parsed versions (negative when a is older). */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePrerelease(a.prerelease, b.prerelease);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A version string with its parse, so that sorting many parses each once, not at every comparison. */
export interface VersionKey {
  readonly text: string;
  readonly parsed: ParsedVersion | undefined;
}

export function versionKey(text: string): VersionKey {
  return { text, parsed: parseVersion(text) };
}

/** Sort comparator on version keys: newest first. */
export function compareKeysNewestFirst(a: VersionKey, b: VersionKey): number {
  if (a.text === b.text) return 0;
  if (a.text === UNKNOWN) return 1;
  if (b.text === UNKNOWN) return -1;
  const pa = a.parsed;
  const pb = b.parsed;
  if (pa && pb) return compareParsed(pb, pa) || collator.compare(a.text, b.text);
  if (pa) return -1;
  if (pb) return 1;
  return collator.compare(b.text, a.text);
}

/** Sort comparator: newest first. */
export function compareVersionsNewestFirst(a: string, b: string): number {
  return a === b ? 0 : compareKeysNewestFirst(versionKey(a), versionKey(b));
}
