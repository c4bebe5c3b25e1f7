// The SDK catalogue's data as the extension ships it: a file of its own beside the host bundle,
// read when first needed (src/catalogueFile.ts), so its ~30 kB never weigh on activation. Minified:
// the committed file is laid out for diffs, the shipped one only for reading.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const CATALOGUE_SOURCE = 'src/catalogue/sdkCatalogue.json';
export const CATALOGUE_ASSET = 'dist/sdkCatalogue.json';

/** Writes `<root>/dist/sdkCatalogue.json` from `<root>/src/catalogue/sdkCatalogue.json`; returns its path. */
export function writeCatalogueAsset(root) {
  const out = path.join(root, CATALOGUE_ASSET);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(JSON.parse(readFileSync(path.join(root, CATALOGUE_SOURCE), 'utf8'))));
  return out;
}
