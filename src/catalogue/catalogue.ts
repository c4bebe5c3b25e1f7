/**
 * The SDK catalogue: every LaunchDarkly SDK that LaunchDarkly's SDK metadata (`launchdarkly/sdk-meta`,
 * Apache-2.0) names, with its display name, type, User-Agent tokens, wrapper names, repository,
 * languages and major.minor release lines. Built from the committed data file
 * (`src/catalogue/sdkCatalogue.json`, written by `npm run catalogue`), which this module validates:
 * the file is read from disk at run time, so a damaged one is refused here rather than half used.
 * Pure: no I/O, no `vscode`.
 */
import { isRecord } from '../record';

/** The data file's shape, as scripts/generate-catalogue.ts writes it. */
export interface CatalogueData {
  readonly format: typeof CATALOGUE_FORMAT;
  readonly source: CatalogueSource;
  readonly sdks: Readonly<Record<string, SdkData>>;
}

export interface CatalogueSource {
  /** `owner/name` on GitHub. */
  readonly repository: string;
  /** The source commit, 40 hex digits. */
  readonly commit: string;
  /** The commit's date, YYYY-MM-DD: the date the release data is as of. */
  readonly date: string;
  readonly licence: string;
}

/** One major.minor release as stored: major, minor, release day, end-of-life day (null for the newest). */
export type ReleaseData = readonly [major: number, minor: number, released: string, endOfLife: string | null];

export interface SdkData {
  readonly name: string;
  readonly type: string;
  readonly userAgents: readonly string[];
  readonly wrapperNames: readonly string[];
  /** `owner/name` on GitHub, or null when the metadata names no repository. */
  readonly github: string | null;
  readonly languages: readonly string[];
  /** Newest first (by major, then minor). */
  readonly releases: readonly ReleaseData[];
}

export const CATALOGUE_FORMAT = 1;

/** One major.minor release line of an SDK. Days are UTC dates, YYYY-MM-DD. */
export interface ReleaseLine {
  readonly major: number;
  readonly minor: number;
  /** The day the line's first release (x.y.0) came out. */
  readonly released: string;
  /** The day the line reaches end of life (at 00:00 UTC), or null for the newest line. */
  readonly endOfLife: string | null;
  /** `endOfLife` as milliseconds since the epoch (its 00:00 UTC), or null. */
  readonly endOfLifeMs: number | null;
}

export interface CataloguedSdk {
  /** sdk-meta's id, e.g. `node-server`. */
  readonly id: string;
  /** e.g. "Node.js Server SDK". Not unique: `browser` and `js-client-sdk` share one. */
  readonly name: string;
  /** client-side, server-side, edge, relay, ai (as the metadata says; not checked against a list). */
  readonly type: string;
  readonly userAgents: readonly string[];
  readonly wrapperNames: readonly string[];
  readonly github: string | undefined;
  readonly languages: readonly string[];
  /** Newest first (by major, then minor); empty when the metadata lists none. */
  readonly releases: readonly ReleaseLine[];
  /** The same lines by `major.minor` ("9.13"). */
  readonly releaseByMajorMinor: ReadonlyMap<string, ReleaseLine>;
}

export interface SdkCatalogue {
  readonly source: CatalogueSource;
  /** By id, in the data file's order (ids sorted). */
  readonly sdks: ReadonlyMap<string, CataloguedSdk>;
}

export class CatalogueDataError extends Error {
  override readonly name = 'CatalogueDataError';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COMMIT = /^[0-9a-f]{40}$/;
/** A GitHub `owner/name`: nothing that could leave the path of `https://github.com/`. */
const GITHUB_REPOSITORY = /^[A-Za-z0-9-]{1,39}\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
/** Ids, names, tokens and the like in the data: short printable ASCII. */
const DATA_TEXT = /^[\x20-\x7e]{1,100}$/;

function fail(message: string): never {
  throw new CatalogueDataError(`SDK catalogue: ${message}`);
}

function text(value: unknown, what: string): string {
  return typeof value === 'string' && DATA_TEXT.test(value) ? value : fail(`${what} is not a short printable text`);
}

function texts(value: unknown, what: string): readonly string[] {
  return Array.isArray(value) ? Object.freeze(value.map((item, i) => text(item, `${what}[${i}]`))) : fail(`${what} is not a list`);
}

/** Milliseconds of a day's 00:00 UTC; refuses anything but a real YYYY-MM-DD day. */
function dayMs(value: unknown, what: string): number {
  const ms = typeof value === 'string' && DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value as string) ? ms : fail(`${what} is not a YYYY-MM-DD day`);
}

function wholeNumber(value: unknown, what: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : fail(`${what} is not a whole number`);
}

export function majorMinorText(line: { readonly major: number; readonly minor: number }): string {
  return `${line.major}.${line.minor}`;
}

function releaseLines(value: unknown, what: string): readonly ReleaseLine[] {
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  const lines = value.map((item: unknown, i): ReleaseLine => {
    const at = `${what}[${i}]`;
    if (!Array.isArray(item) || item.length !== 4) fail(`${at} is not [major, minor, released, endOfLife]`);
    const [major, minor, released, endOfLife] = item as unknown[];
    dayMs(released, `${at} release day`);
    return Object.freeze({
      major: wholeNumber(major, `${at} major`),
      minor: wholeNumber(minor, `${at} minor`),
      released: released as string,
      endOfLife: endOfLife === null ? null : (endOfLife as string),
      endOfLifeMs: endOfLife === null ? null : dayMs(endOfLife, `${at} end of life`),
    });
  });
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    if (before && (before.major < line.major || (before.major === line.major && before.minor <= line.minor))) {
      fail(`${what} is not newest first without repeats at ${majorMinorText(line)}`);
    }
    // The rule behind the data: every line but the newest has an end of life.
    if ((line.endOfLife === null) !== (i === 0)) fail(`${what} ${majorMinorText(line)}: only the newest line lacks an end of life`);
  });
  return Object.freeze(lines);
}

function cataloguedSdk(id: string, value: unknown): CataloguedSdk {
  const what = `sdk ${JSON.stringify(id)}`;
  if (!isRecord(value)) fail(`${what} is not an object`);
  const github = value.github === null ? undefined : text(value.github, `${what} github`);
  if (github !== undefined && !GITHUB_REPOSITORY.test(github)) fail(`${what} github is not owner/name`);
  const releases = releaseLines(value.releases, `${what} releases`);
  return Object.freeze({
    id: text(id, 'an sdk id'),
    name: text(value.name, `${what} name`),
    type: text(value.type, `${what} type`),
    userAgents: texts(value.userAgents, `${what} userAgents`),
    wrapperNames: texts(value.wrapperNames, `${what} wrapperNames`),
    github,
    languages: texts(value.languages, `${what} languages`),
    releases,
    releaseByMajorMinor: new Map(releases.map((line) => [majorMinorText(line), line])),
  });
}

/** The catalogue of a parsed data file; throws CatalogueDataError when it is not one. */
export function catalogueFromData(data: unknown): SdkCatalogue {
  if (!isRecord(data) || data.format !== CATALOGUE_FORMAT) fail(`not a format ${CATALOGUE_FORMAT} catalogue`);
  const source = data.source;
  if (!isRecord(source)) fail('no source');
  const commit = text(source.commit, 'source commit');
  if (!COMMIT.test(commit)) fail('source commit is not 40 hex digits');
  const date = text(source.date, 'source date');
  dayMs(date, 'source date');
  if (!isRecord(data.sdks)) fail('no sdks');
  return Object.freeze({
    source: Object.freeze({
      repository: text(source.repository, 'source repository'),
      commit,
      date,
      licence: text(source.licence, 'licence'),
    }),
    sdks: new Map(Object.entries(data.sdks).map(([id, sdk]) => [id, cataloguedSdk(id, sdk)])),
  });
}

/** Where an SDK's release notes are: its repository's releases page, https only; undefined without a repository. */
export function releaseNotesUrl(sdk: CataloguedSdk): string | undefined {
  return sdk.github === undefined ? undefined : `https://github.com/${sdk.github}/releases`;
}
