/**
 * The host's reader of the SDK catalogue's data file. The data (about 30 kB) stays out of the
 * activation bundle: esbuild.mjs writes it beside the bundle as dist/sdkCatalogue.json, and it is
 * read when first needed, once. The caller names the file: `context.asAbsolutePath(CATALOGUE_FILE)`
 * in the extension, src/catalogue/sdkCatalogue.json (the committed source) in unit tests under tsx.
 */
import { readFile } from 'node:fs/promises';
import { catalogueFromData, type SdkCatalogue } from './catalogue/catalogue';

/** The data file inside the installed extension, relative to its root (esbuild.mjs writes it; .vscodeignore ships it). */
export const CATALOGUE_FILE = 'dist/sdkCatalogue.json';

/** Reads and validates the data file; rejects with the file system's error or a CatalogueDataError. */
export async function readSdkCatalogue(file: string): Promise<SdkCatalogue> {
  return catalogueFromData(JSON.parse(await readFile(file, 'utf8')));
}

/**
 * The catalogue, read from `file` on the first call and kept. A failed read is not kept: the next
 * call tries again (the caller logs the error and goes on without the catalogue meanwhile).
 */
export function lazySdkCatalogue(file: string): () => Promise<SdkCatalogue> {
  let reading: Promise<SdkCatalogue> | undefined;
  return () =>
    (reading ??= readSdkCatalogue(file).catch((error: unknown) => {
      reading = undefined;
      throw error;
    }));
}
