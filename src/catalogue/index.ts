/**
 * The SDK catalogue's bundle entry: the catalogue's code (validation, name resolution, release-date
 * verdicts, identities), bundled on its own as dist/catalogue.js, which the host loads when first
 * needed together with the data (dist/sdkCatalogue.json), so neither weighs on activation: the
 * rest of src/ imports only types from this folder. Pure: the host reads the data file and passes
 * what it parsed.
 */
import { catalogueFromData } from './catalogue';
import { sdkNamingOf, type SdkNaming } from './sdkIdentity';

/** What dist/catalogue.js gives the host (`require(…).sdkCatalogueCode`). */
export const sdkCatalogueCode = {
  /** The naming of a parsed data file; throws CatalogueDataError when it is not a catalogue. */
  namingOf(data: unknown): SdkNaming {
    return sdkNamingOf(catalogueFromData(data));
  },
};

export type SdkCatalogueCode = typeof sdkCatalogueCode;
