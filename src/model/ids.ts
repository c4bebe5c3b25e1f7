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

/** What JSON.stringify writes other than as itself: quotes, backslashes, controls, surrogates (lone ones escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * versionId of each of `versions` of one SDK, exactly the same texts, made in one go: the tuple's
 * common part is serialised once, all the ids are written into one string, and each id is a slice
 * of it. The model names 100,000 versions in one answer: one JSON.stringify of an array each took
 * as long as reading the body, and even two string concatenations each cost a tenth of it in
 * garbage collection (every id lives as long as the model).
 */
export function versionIdsOf(source: StreamSource, sdk: string, versions: readonly string[]): string[] {
  // '["version","server","go"' and a comma: the array's text up to its last element.
  const head = `${JSON.stringify(['version', source, sdk]).slice(0, -1)},`;
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  for (const version of versions) {
    if (NEEDS_ESCAPE.test(version)) {
      const quoted = JSON.stringify(version);
      parts.push(head, quoted, ']');
      length += head.length + quoted.length + 1;
    } else {
      parts.push(head, '"', version, '"]');
      length += head.length + version.length + 3;
    }
    ends.push(length);
  }
  const all = parts.join('');
  return ends.map((end, i) => all.slice(i === 0 ? 0 : ends[i - 1], end));
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
