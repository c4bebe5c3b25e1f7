/**
 * The committed SDK catalogue for tests: its raw data (to iterate over what LaunchDarkly's metadata
 * says, rather than a hand-made list) and the catalogue built from it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalogueFromData, type CatalogueData, type SdkCatalogue } from '../../src/catalogue/catalogue';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CATALOGUE_SOURCE_FILE = path.join(ROOT, 'src', 'catalogue', 'sdkCatalogue.json');

export const catalogueData: CatalogueData = JSON.parse(readFileSync(CATALOGUE_SOURCE_FILE, 'utf8'));
export const catalogue: SdkCatalogue = catalogueFromData(catalogueData);

/** A catalogue of the given SDKs, with the committed data's source, for rules the real data shows only in passing. */
export function catalogueOf(sdks: CatalogueData['sdks']): SdkCatalogue {
  return catalogueFromData({ ...catalogueData, sdks });
}
