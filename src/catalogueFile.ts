/**
 * The host's reader of the SDK catalogue. Neither the data (about 30 kB) nor the code that reads it
 * (validation, name resolution, release dates) is in the activation bundle: esbuild.mjs writes the
 * data beside the bundle as dist/sdkCatalogue.json and the code as dist/catalogue.js, and both are
 * read when first needed, once. The caller names the files: `context.asAbsolutePath(…)` in the
 * extension; in unit tests under tsx, src/catalogue/sdkCatalogue.json (the committed source) and
 * the code's source module.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SdkCatalogueCode } from './catalogue/index';
import type { SdkNaming } from './catalogue/sdkIdentity';

/** The data file inside the installed extension, relative to its root (esbuild.mjs writes it; .vscodeignore ships it). */
export const CATALOGUE_FILE = 'dist/sdkCatalogue.json';
/** The catalogue's code, bundled on its own (src/catalogue/index.ts). */
export const CATALOGUE_CODE_FILE = 'dist/catalogue.js';

/** The catalogue's code from its bundle at `file` (an absolute path). */
export function bundledCatalogueCode(file: string): SdkCatalogueCode {
  return (createRequire(file)(file) as { sdkCatalogueCode: SdkCatalogueCode }).sdkCatalogueCode;
}

/** Reads and validates the data file; rejects with the file system's error, a SyntaxError or a CatalogueDataError. */
export async function readSdkNaming(file: string, code: SdkCatalogueCode): Promise<SdkNaming> {
  return code.namingOf(JSON.parse(await readFile(file, 'utf8')));
}

/**
 * The catalogue's naming, read from `file` with the code `code()` gives on the first call, and
 * kept. A failed read is not kept: the next call tries again (the caller logs the error and goes
 * on without the catalogue meanwhile).
 */
export function lazySdkNaming(file: string, code: () => SdkCatalogueCode): () => Promise<SdkNaming> {
  let reading: Promise<SdkNaming> | undefined;
  return () =>
    (reading ??= (async () => readSdkNaming(file, code()))().catch((error: unknown) => {
      reading = undefined;
      throw error;
    }));
}

/**
 * `read`, answering undefined where it fails, and telling `onError` why the first time: the caller
 * goes on without the catalogue (names as reported, health against the newest version seen).
 */
export function sdkNamingOrNone(read: () => Promise<SdkNaming>, onError: (error: unknown) => void): () => Promise<SdkNaming | undefined> {
  let told = false;
  return () =>
    read().catch((error: unknown) => {
      if (!told) onError(error);
      told = true;
      return undefined;
    });
}
