/** How far each SDK version is behind the newest version of its SDK that has been seen. */
import { compareParsed, parseVersion, versionKey, type ParsedVersion, type VersionKey } from './versionOrder';

export type HealthStatus = 'current' | 'minorBehind' | 'majorBehind' | 'unknown';

export interface VersionHealth {
  readonly status: HealthStatus;
  /** How many majors (majorBehind) or minors (minorBehind) behind; 0 otherwise. */
  readonly behind: number;
  /** The newest version of the SDK that was seen, the reference. */
  readonly newest: string | undefined;
}

/** The newest semantic version among the given strings (pre-releases count only if nothing else does). */
export function newestVersion(versions: Iterable<string>): string | undefined {
  const keys: VersionKey[] = [];
  for (const text of versions) keys.push(versionKey(text));
  return newestKey(keys)?.text;
}

/** newestVersion over versions already parsed, from any number of lists. */
export function newestKey(...lists: readonly (readonly VersionKey[])[]): VersionKey | undefined {
  let best: VersionKey | undefined;
  let bestRelease: VersionKey | undefined;
  for (const list of lists) {
    for (const key of list) {
      const parsed = key.parsed;
      if (!parsed) continue;
      if (!best || compareParsed(parsed, best.parsed!) > 0) best = key;
      if (parsed.prerelease.length === 0 && (!bestRelease || compareParsed(parsed, bestRelease.parsed!) > 0)) bestRelease = key;
    }
  }
  return bestRelease ?? best;
}

/** Same major and minor as the newest counts as current: patch releases are drop-in upgrades. */
export function versionHealth(version: string, newest: string | undefined): VersionHealth {
  return healthAgainst(parseVersion(version), newest === undefined ? undefined : versionKey(newest));
}

export const HEALTH_STATUSES: readonly HealthStatus[] = ['current', 'minorBehind', 'majorBehind', 'unknown'];

/**
 * The health rule as one number, `behind * 4 + ` the status's index in HEALTH_STATUSES, from a
 * version's major and minor and the newest's parse: no allocation, for answers of 100,000 versions.
 */
export function healthCode(major: number, minor: number, reference: ParsedVersion): number {
  if (major < reference.major) {
    return (reference.major - major) * 4 + 2;
  }
  if (major === reference.major && minor < reference.minor) {
    return (reference.minor - minor) * 4 + 1;
  }
  return 0;
}

export const UNKNOWN_HEALTH = 3;

/** The index in HEALTH_STATUSES of a health code's status. */
export function statusIndexOfCode(code: number): number {
  return code % 4;
}

export function healthOfCode(code: number, newest: string | undefined): VersionHealth {
  return { status: HEALTH_STATUSES[statusIndexOfCode(code)]!, behind: Math.floor(code / 4), newest };
}

/** versionHealth for a version already parsed, against the newest already parsed. */
export function healthAgainst(parsed: ParsedVersion | undefined, newestSeen: VersionKey | undefined): VersionHealth {
  const reference = newestSeen?.parsed;
  return healthOfCode(parsed && reference ? healthCode(parsed.major, parsed.minor, reference) : UNKNOWN_HEALTH, newestSeen?.text);
}
