/**
 * Identities of what the views show: versions, SDKs, and the tree's other nodes. Each is the JSON
 * text of a tagged tuple, `["version","server","go","1@2"]`: JSON.stringify of an array of strings
 * is one-to-one, and the tag keeps kinds apart, so no two distinct (source, SDK, version) triples,
 * and no SDK and version, can share an id whatever characters names hold. Ids are for matching
 * only: never show them, never take them apart. Pure, shared by host and webview.
 */
import type { StreamSource } from '../api/parse';

type IdParts = readonly ['version', StreamSource, string, string] | readonly ['sdk', StreamSource, string] | readonly ['source', StreamSource] | readonly ['status', string];

function idOf(parts: IdParts): string {
  return JSON.stringify(parts);
}

export function versionId(source: StreamSource, sdk: string, version: string): string {
  return idOf(['version', source, sdk, version]);
}

/**
 * versionId for the versions of one SDK, exactly the same text: the tuple's common part is
 * serialised once, then each version is appended as JSON.stringify would write it in the array.
 * The model names 100,000 versions in one answer; one JSON.stringify of an array each took as
 * long as reading the body.
 */
/** What JSON.stringify writes other than as itself: quotes, backslashes, controls, surrogates (lone ones escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function versionIdsOf(source: StreamSource, sdk: string): (version: string) => string {
  // '["version","server","go"' and a comma: the array's text up to its last element.
  const head = `${JSON.stringify(['version', source, sdk]).slice(0, -1)},"`;
  return (version) => (NEEDS_ESCAPE.test(version) ? `${head.slice(0, -1)}${JSON.stringify(version)}]` : `${head}${version}"]`);
}

export function sdkId(source: StreamSource, sdk: string): string {
  return idOf(['sdk', source, sdk]);
}

/** The tree's per-source group node. */
export function sourceId(source: StreamSource): string {
  return idOf(['source', source]);
}

/** The tree's message rows (error, empty): one of each at most. */
export function statusId(name: string): string {
  return idOf(['status', name]);
}

/** The chart's folded remainder; not JSON, so it equals no other id. */
export const OTHER_SERIES_ID = 'other';
