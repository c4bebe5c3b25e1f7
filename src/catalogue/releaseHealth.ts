/**
 * Health of a catalogued SDK's version from LaunchDarkly's release dates (sdk-meta's releases.json),
 * for when LaunchDarkly gives no verdict of its own. It answers with LaunchDarkly's own four
 * statuses, so both kinds of verdict rank and read alike; the words live in src/presentation.
 *
 * For version `major.minor[.patch]` (an optional leading "v"), judged as of `asOfMs`:
 * - EolPast: its release line has an end of life and `asOfMs` is at or after it. An end of life is
 *   the instant 00:00 UTC of its day: from that instant on the line is past end of life, the
 *   millisecond before it is not.
 * - EolNear: it has an end of life less than NEAR_END_OF_LIFE_DAYS (90) days away: from
 *   end of life − 90 × 24 h, inclusive. Ninety days is one quarter, the usual planning horizon for an
 *   upgrade; LaunchDarkly does not publish the window of its own EolNear.
 * - MajorVersionAvailable: the data lists a newer major (whatever its release date; the data is
 *   read as known now).
 * - EolAllClear: none of these.
 * The suggested target is the newest minor of the same major while that major is supported (that
 * minor not past end of life as of `asOfMs`), else the newest release line. Targets are major.minor
 * ("9.13"): the data lists release lines, not patches.
 *
 * Not judged, with the reason: "Unknown" or an empty version; text that is not
 * `[v]major.minor[.patch]` (also a bare major, "9"); a pre-release ("1.2.0-rc.1") or build metadata
 * ("1.2.0+build.5"), which are not the release the data dates; a major.minor newer than the data's
 * newest (released after the data's date); a major.minor the data does not list (older than its
 * records, or a line it skips); an SDK with no release data. Pure: no I/O, no `vscode`.
 */
import { UNKNOWN } from '../api/parse';
import type { EolStatus } from '../api/sdkVersionDetails';
import { majorMinorText, type CataloguedSdk, type ReleaseLine, type SdkCatalogue } from './catalogue';

export const NEAR_END_OF_LIFE_DAYS = 90;
const NEAR_END_OF_LIFE_MS = NEAR_END_OF_LIFE_DAYS * 24 * 3_600_000;

export type ReleaseDateStatus = Exclude<EolStatus, 'EolUnknown'>;

export type NotJudgedReason =
  'unknownVersion' | 'unreadable' | 'preRelease' | 'buildMetadata' | 'newerThanData' | 'notInData' | 'noReleaseData';

export type ReleaseDateVerdict =
  | {
      readonly kind: 'judged';
      readonly status: ReleaseDateStatus;
      /** The release line the version belongs to, with its release and end-of-life days. */
      readonly line: ReleaseLine;
      /** major.minor of the suggested target, e.g. "9.13" (may be the version's own line). */
      readonly targetMajorMinor: string;
      /** The day the release data is as of (the source commit's date), YYYY-MM-DD. */
      readonly dataDate: string;
    }
  | { readonly kind: 'notJudged'; readonly reason: NotJudgedReason; readonly dataDate: string };

/** `[v]major.minor[.patch][-pre-release][+build]`; longer texts than any version are not read. */
const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const MAX_VERSION_CHARS = 100;

/** The health of `version` of `sdk` as of `asOfMs` (milliseconds since the epoch), from the catalogue's release dates. */
export function releaseDateVerdict(catalogue: SdkCatalogue, sdk: CataloguedSdk, version: string, asOfMs: number): ReleaseDateVerdict {
  const dataDate = catalogue.source.date;
  const notJudged = (reason: NotJudgedReason): ReleaseDateVerdict => ({ kind: 'notJudged', reason, dataDate });
  if (version === '' || version === UNKNOWN) return notJudged('unknownVersion');
  const match = version.length > MAX_VERSION_CHARS ? null : VERSION.exec(version);
  if (!match) return notJudged('unreadable');
  if (match[3] !== undefined) return notJudged('preRelease');
  if (match[4] !== undefined) return notJudged('buildMetadata');
  const newest = sdk.releases[0];
  if (newest === undefined) return notJudged('noReleaseData');
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > newest.major || (major === newest.major && minor > newest.minor)) return notJudged('newerThanData');
  const line = sdk.releaseByMajorMinor.get(`${major}.${minor}`);
  if (line === undefined) return notJudged('notInData');

  const past = (l: ReleaseLine) => l.endOfLifeMs !== null && asOfMs >= l.endOfLifeMs;
  const status: ReleaseDateStatus = past(line)
    ? 'EolPast'
    : line.endOfLifeMs !== null && asOfMs >= line.endOfLifeMs - NEAR_END_OF_LIFE_MS
      ? 'EolNear'
      : newest.major > major
        ? 'MajorVersionAvailable'
        : 'EolAllClear';
  // Lines are newest first, so the first of this major is its newest minor; the version's own line is one.
  const newestOfMajor = sdk.releases.find((l) => l.major === major)!;
  const target = past(newestOfMajor) ? newest : newestOfMajor;
  return { kind: 'judged', status, line, targetMajorMinor: majorMinorText(target), dataDate };
}
