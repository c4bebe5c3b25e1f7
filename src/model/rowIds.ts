/**
 * Identities of what the views show: versions, SDKs, and the tree's other nodes. Each is the JSON
 * text of a tagged tuple, `["version","server","go","1@2"]`: JSON.stringify of an array of strings
 * is one-to-one, and the tag keeps kinds apart, so no two distinct (source, SDK, version) triples,
 * and no SDK and version, can share an id whatever characters names hold. An SDK the catalogue
 * knows goes by its catalogue id under tags of its own (`cataloguedVersion`, `cataloguedSdk`), so
 * it never shares an id with a name as reported, even one spelled like the id. Ids are for matching
 * only: never show them, never take them apart. Pure, shared by host and webview.
 */
import type { StreamSource } from '../api/parse';

type IdParts =
  | readonly ['version', StreamSource, string, string]
  | readonly ['cataloguedVersion', StreamSource, string, string]
  | readonly ['sdk', StreamSource, string]
  | readonly ['cataloguedSdk', StreamSource, string]
  | readonly ['source', StreamSource]
  | readonly ['status', string]
  | readonly ['health', string];

function idOf(parts: IdParts): string {
  return JSON.stringify(parts);
}

/** A version of an SDK name as reported (one the catalogue does not know, or cannot tell apart). */
export function versionId(source: StreamSource, sdk: string, version: string): string {
  return idOf(['version', source, sdk, version]);
}

/** A version of a catalogued SDK, whatever spellings its series came under. */
export function cataloguedVersionId(source: StreamSource, catalogueId: string, version: string): string {
  return idOf(['cataloguedVersion', source, catalogueId, version]);
}

/** What JSON.stringify writes other than as itself: quotes, backslashes, controls, surrogates (lone ones escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * versionId (or, `catalogued`, cataloguedVersionId with `sdk` the catalogue id) of each of
 * `versions` of one SDK, exactly the same texts, made in one go: the ids are
 * written as one string, the common part between each two versions, and each id is a slice of it.
 * The model names 100,000 versions in one answer: one JSON.stringify of an array each took as long
 * as reading the body, and building each id on its own (pieces, then joined) still cost a quarter
 * of the whole model, most of it in garbage collection (every id lives as long as the model).
 */
export function versionIdsOf(source: StreamSource, sdk: string, versions: readonly string[], catalogued = false): string[] {
  // '["version","server","go","': the id's text up to the version's own text.
  const head = `${JSON.stringify([catalogued ? 'cataloguedVersion' : 'version', source, sdk]).slice(0, -1)},"`;
  const separator = `"]${head}`;
  // '', each version as it stands between the quotes (itself, unless JSON escapes some of it), ''.
  // Joined, that is every id with a separator between each two and one more at each end: one string
  // as joined, where a prefix and suffix added afterwards would make slicing copy it all again.
  const pieces = new Array<string>(versions.length + 2);
  pieces[0] = '';
  for (let i = 0; i < versions.length; i++) {
    const version = versions[i]!;
    pieces[i + 1] = NEEDS_ESCAPE.test(version) ? JSON.stringify(version).slice(1, -1) : version;
  }
  pieces[versions.length + 1] = '';
  const all = pieces.join(separator);
  const ids = new Array<string>(versions.length);
  for (let i = 0, start = 2; i < versions.length; i++) {
    const end = start + head.length + pieces[i + 1]!.length + 2;
    ids[i] = all.slice(start, end);
    start = end;
  }
  return ids;
}

/** An SDK name as reported. */
export function sdkId(source: StreamSource, sdk: string): string {
  return idOf(['sdk', source, sdk]);
}

/** A catalogued SDK, by its catalogue id. */
export function cataloguedSdkId(source: StreamSource, catalogueId: string): string {
  return idOf(['cataloguedSdk', source, catalogueId]);
}

/** The tree's per-source group node. */
export function sourceId(source: StreamSource): string {
  return idOf(['source', source]);
}

/** The tree's message rows (error, empty): one of each at most. */
export function statusId(name: string): string {
  return idOf(['status', name]);
}

/** A chart series of one health group (grouped by status). */
export function healthGroupId(group: string): string {
  return idOf(['health', group]);
}

/** The chart's folded remainder; not JSON, so it equals no other id. */
export const OTHER_SERIES_ID = 'other';
