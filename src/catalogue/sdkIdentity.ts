/**
 * What the SDK catalogue makes of an SDK name the usage API reports: the catalogued SDK it names
 * (shown under the catalogue's display name, every spelling of it one SDK), or nothing, when the
 * name is ambiguous (no version decides) or unknown, and it stays exactly as reported. The
 * catalogue is loaded once per session; its resolver and identities are made once with it.
 * The rest of src/ reaches this code through SdkNaming only (see index.ts). Pure: no I/O, no `vscode`.
 */
import { releaseNotesUrl, type CataloguedSdk, type SdkCatalogue } from './catalogue';
import { releaseDateVerdict, type ReleaseDateVerdict } from './releaseHealth';
import { createSdkResolver, type SdkResolution, type SdkResolver } from './sdkNames';

/** A catalogued SDK as the views name it. Plain data: it travels to the webview with the model. */
export interface CataloguedIdentity {
  readonly kind: 'catalogued';
  /** sdk-meta's id, e.g. `node-server`. */
  readonly id: string;
  /** The catalogue's display name; with the id beside it where two SDKs share one ("JavaScript Client SDK (browser)"). */
  readonly name: string;
  /** The SDK repository's releases page (https), when the catalogue names a repository. */
  readonly releaseNotesUrl: string | undefined;
}

/** A name several catalogued SDKs answer to, for which no version decides: it stays as reported. */
export interface AmbiguousIdentity {
  readonly kind: 'ambiguous';
  /** The candidates' names as CataloguedIdentity gives them. */
  readonly candidates: readonly string[];
}

export type SdkIdentity = CataloguedIdentity | AmbiguousIdentity | { readonly kind: 'reported' };

/** A reported name's identity, and the catalogued SDK behind it (host side only: it holds the release data). */
export interface NameIdentity {
  readonly identity: SdkIdentity;
  readonly sdk: CataloguedSdk | undefined;
}

/** The catalogue as the model and the verdict join use it. */
export interface SdkNaming {
  readonly catalogue: SdkCatalogue;
  readonly resolver: SdkResolver;
  /** The identity of `name` (as reported) for a series or report entry of `version`. */
  identify(name: string, version?: string): NameIdentity;
  /** releaseDateVerdict of the catalogue's `sdk` (releaseHealth.ts). */
  judge(sdk: CataloguedSdk, version: string, asOfMs: number): ReleaseDateVerdict;
}

const REPORTED: NameIdentity = Object.freeze({ identity: Object.freeze({ kind: 'reported' }), sdk: undefined });

export function sdkNamingOf(catalogue: SdkCatalogue): SdkNaming {
  const resolver = createSdkResolver(catalogue);
  const sharing = new Map<string, number>();
  for (const sdk of catalogue.sdks.values()) sharing.set(sdk.name, (sharing.get(sdk.name) ?? 0) + 1);
  const cataloguedById = new Map<string, NameIdentity>();
  for (const sdk of catalogue.sdks.values()) {
    const identity: CataloguedIdentity = Object.freeze({
      kind: 'catalogued',
      id: sdk.id,
      name: sharing.get(sdk.name)! > 1 ? `${sdk.name} (${sdk.id})` : sdk.name,
      releaseNotesUrl: releaseNotesUrl(sdk),
    });
    cataloguedById.set(sdk.id, Object.freeze({ identity, sdk }));
  }
  // The resolver answers each ambiguous name with one resolution object: one identity each.
  const ambiguous = new Map<SdkResolution, NameIdentity>();
  return {
    catalogue,
    resolver,
    judge: (sdk, version, asOfMs) => releaseDateVerdict(catalogue, sdk, version, asOfMs),
    identify(name: string, version?: string): NameIdentity {
      const resolution = resolver.resolve(name, version);
      switch (resolution.kind) {
        case 'catalogued':
          return cataloguedById.get(resolution.sdk.id)!;
        case 'ambiguous': {
          let known = ambiguous.get(resolution);
          if (known === undefined) {
            const candidates = Object.freeze(
              resolution.candidates.map((sdk) => (cataloguedById.get(sdk.id)!.identity as CataloguedIdentity).name),
            );
            known = Object.freeze({ identity: Object.freeze({ kind: 'ambiguous', candidates }), sdk: undefined });
            ambiguous.set(resolution, known);
          }
          return known;
        }
        case 'unknown':
          return REPORTED;
      }
    },
  };
}
