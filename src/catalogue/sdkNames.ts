/**
 * Which catalogued SDK a reported name means. An account may report an SDK by its User-Agent token
 * (`NodeJSClient`), a wrapper name (`react-client-sdk`), its sdk-meta id (`node-server`) or its
 * display name ("Node.js Server SDK"); all of them, as the catalogue's data gives them, resolve to
 * the SDK, with case, spaces and ASCII punctuation aside and a trailing `/version` ignored
 * (`NodeJSClient/9.7.1`). No other spellings are added: nothing published says which short forms the
 * API returns ("Node.js", "Java" in its reference's examples), and a guessed alias could name the
 * wrong SDK, while an unknown name only stays as reported.
 *
 * Rules, in the order they apply:
 * - A name of more than MAX_RESOLVABLE_NAME_CHARS characters never resolves (catalogued names are a
 *   fraction of that, which a test checks), so a 1 MB name costs nothing.
 * - A trailing `/<version>` (a slash, then an optional "v", a digit and only `[0-9A-Za-z.+-]`) is
 *   cut off and kept as the name's own version.
 * - The rest is reduced to its lower-case ASCII letters and digits, dropping spaces and ASCII
 *   punctuation (U+0020–U+002F, U+003A–U+0040, U+005B–U+0060, U+007B–U+007E). A name holding any
 *   other character (controls, tabs and line breaks, zero-width and bidi characters, non-breaking
 *   spaces, any non-ASCII letter) does not resolve at all: `Node\u200BJSClient` is not NodeJSClient,
 *   as a name that looks like another must not borrow its identity. Nor does a name that reduces to
 *   nothing.
 * - The reduced name must equal a catalogued name's reduction exactly (no prefixes, no substrings).
 * - Where one reduced name belongs to several SDKs (`JSClient`: `js-client-sdk` and `browser`;
 *   `AkamaiEdgeSDK`: `akamai-base` and `akamai-edgekv`), the version decides when the SDKs' major
 *   versions in releases.json do not overlap (one line continued by another package): a major
 *   belongs to the oldest SDK whose newest major is at least it, and a major past them all to the
 *   newest (`JSClient` 1.x–3.x → js-client-sdk, 4.x and later → browser). The version given beside
 *   the name is read first, the name's own `/version` if that has no major. Otherwise (majors
 *   overlap, or no major to read) the result is "ambiguous" with the candidates.
 *
 * Lookups go through Maps only, so `__proto__` or `constructor` are names like any other. A resolver
 * caches the lookup of each distinct name (up to 10,000 of them): resolving the series of a
 * 100,000-series answer costs a Map lookup per series and one reduction per distinct name, and never
 * more than one reduction per series. Pure: no I/O, no `vscode`.
 */
import type { CataloguedSdk, SdkCatalogue } from './catalogue';

export type SdkResolution =
  | { readonly kind: 'catalogued'; readonly sdk: CataloguedSdk }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly CataloguedSdk[] }
  | { readonly kind: 'unknown' };

export interface SdkResolver {
  /** The catalogued SDK `name` (as reported) means, for a series of `version` (as reported; optional). */
  resolve(name: string, version?: string): SdkResolution;
  /**
   * Whether the version beside `name` can change what it resolves to (one token continued by
   * another SDK, `JSClient`): callers that resolve a name once for many versions ask this first.
   */
  decidedByVersion(name: string): boolean;
}

/** Longer names never resolve and are not cached. */
export const MAX_RESOLVABLE_NAME_CHARS = 100;
/**
 * A resolver caches this many names and reduces any further name at each call. Accounts report tens
 * of SDK names; an answer naming 100,000 different ones would only grow the cache (each is seen
 * once), while reducing costs about what a cache miss and insert would.
 */
const MAX_CACHED_NAMES = 10_000;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPACES_AND_PUNCTUATION = /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+/g;
const RIDING_VERSION = /^v?\d[0-9A-Za-z.+-]*$/;
/** The major of a version: an optional "v", digits, then the end, ".", "-" or "+". */
const MAJOR = /^v?(\d{1,9})(?:[.+-]|$)/;

const UNKNOWN_RESOLUTION: SdkResolution = Object.freeze({ kind: 'unknown' });

/**
 * A name reduced for lookup, and the version riding on it, or undefined when it cannot resolve
 * (see the rules at the top of this module).
 */
export function reducedName(name: string): { readonly key: string; readonly version: string | undefined } | undefined {
  if (name.length > MAX_RESOLVABLE_NAME_CHARS || !PRINTABLE_ASCII.test(name)) return undefined;
  const slash = name.lastIndexOf('/');
  const version = slash < 0 ? undefined : name.slice(slash + 1);
  const riding = version !== undefined && RIDING_VERSION.test(version);
  const key = (riding ? name.slice(0, slash) : name).replace(SPACES_AND_PUNCTUATION, '').toLowerCase();
  return key === '' ? undefined : { key, version: riding ? version : undefined };
}

function majorOf(version: string | undefined): number {
  const match = version === undefined ? null : MAJOR.exec(version);
  return match ? Number(match[1]) : NaN;
}

/** What one reduced name means: one SDK, or several with (when majors tell them apart) a choice by major. */
interface NameMeaning {
  readonly resolution: SdkResolution;
  /** Candidates oldest line first, each with its newest major, when their majors do not overlap. */
  readonly succession: readonly { readonly newestMajor: number; readonly resolution: SdkResolution }[] | undefined;
}

function meaningOf(candidates: readonly CataloguedSdk[]): NameMeaning {
  if (candidates.length === 1) return { resolution: Object.freeze({ kind: 'catalogued', sdk: candidates[0]! }), succession: undefined };
  const resolution: SdkResolution = Object.freeze({ kind: 'ambiguous', candidates: Object.freeze([...candidates]) });
  if (candidates.some((sdk) => sdk.releases.length === 0)) return { resolution, succession: undefined };
  // Release lines are newest first.
  const lines = candidates
    .map((sdk) => ({ sdk, oldest: sdk.releases[sdk.releases.length - 1]!.major, newest: sdk.releases[0]!.major }))
    .sort((a, b) => a.oldest - b.oldest);
  const overlap = lines.some((line, i) => i > 0 && line.oldest <= lines[i - 1]!.newest);
  return {
    resolution,
    succession: overlap
      ? undefined
      : lines.map((line) => ({ newestMajor: line.newest, resolution: Object.freeze({ kind: 'catalogued', sdk: line.sdk }) })),
  };
}

/** Every catalogued SDK's names (User-Agent tokens, wrapper names, id, display name), reduced, with what each means. */
function meaningsOf(catalogue: SdkCatalogue): ReadonlyMap<string, NameMeaning> {
  const sdksByKey = new Map<string, CataloguedSdk[]>();
  for (const sdk of catalogue.sdks.values()) {
    for (const name of [...sdk.userAgents, ...sdk.wrapperNames, sdk.id, sdk.name]) {
      const reduced = reducedName(name);
      if (reduced === undefined || reduced.version !== undefined) continue;
      const sdks = sdksByKey.get(reduced.key) ?? [];
      if (!sdks.includes(sdk)) sdks.push(sdk);
      sdksByKey.set(reduced.key, sdks);
    }
  }
  return new Map([...sdksByKey].map(([key, sdks]) => [key, meaningOf(sdks)]));
}

/** A resolver with its own (bounded) cache of names: one per catalogue, kept as long as the catalogue is. */
export function createSdkResolver(catalogue: SdkCatalogue): SdkResolver {
  const meanings = meaningsOf(catalogue);
  /** Each reported name's meaning and riding version; null for a name that resolves to nothing. */
  const cache = new Map<string, { readonly meaning: NameMeaning; readonly ridingMajor: number } | null>();
  const lookUp = (name: string) => {
    const reduced = reducedName(name);
    const meaning = reduced && meanings.get(reduced.key);
    return meaning ? { meaning, ridingMajor: majorOf(reduced.version) } : null;
  };
  const entryOf = (name: string) => {
    if (name.length > MAX_RESOLVABLE_NAME_CHARS) return null;
    let entry = cache.get(name);
    if (entry === undefined) {
      entry = lookUp(name);
      if (cache.size < MAX_CACHED_NAMES) cache.set(name, entry);
    }
    return entry;
  };
  return {
    decidedByVersion(name: string): boolean {
      return entryOf(name)?.meaning.succession !== undefined;
    },
    resolve(name: string, version?: string): SdkResolution {
      const entry = entryOf(name);
      if (entry === null) return UNKNOWN_RESOLUTION;
      const { succession, resolution } = entry.meaning;
      if (succession === undefined) return resolution;
      let major = majorOf(version);
      if (Number.isNaN(major)) major = entry.ridingMajor;
      if (Number.isNaN(major)) return resolution;
      return (succession.find((line) => major <= line.newestMajor) ?? succession[succession.length - 1]!).resolution;
    },
  };
}
