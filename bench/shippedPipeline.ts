/**
 * The reading pipeline (body → scan → model → panel data, with the SDK catalogue's code) as the extension ships it: bundled into
 * one CommonJS file for Node 20 and minified, as esbuild.mjs bundles the extension host. The model
 * benchmark and the memory probe time and weigh this file, not the sources module by module as tsx
 * loads them: there every call across modules goes through an export getter, and the same code
 * measured 15–25% slower than what runs in VS Code.
 */
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as body from '../src/api/body';
import type * as catalogueIndex from '../src/catalogue/index';
import type * as sdkIdentity from '../src/catalogue/sdkIdentity';
import type * as scanner from '../src/api/seriesScanner';
import type * as modelBuild from '../src/model/modelBuild';
import type * as protocol from '../src/protocol';

export interface Pipeline {
  readonly BODY_PADDING: typeof body.BODY_PADDING;
  readonly ResponseBody: typeof body.ResponseBody;
  readonly parseSeriesListBody: typeof scanner.parseSeriesListBody;
  readonly buildUsageModel: typeof modelBuild.buildUsageModel;
  readonly packPanelData: typeof protocol.packPanelData;
  /** The SDK catalogue's code (the product bundles it apart, dist/catalogue.js, and loads it with the data). */
  readonly sdkCatalogueCode: typeof catalogueIndex.sdkCatalogueCode;
  /** A naming (a fresh resolver, names resolved anew) of a catalogue already read. */
  readonly sdkNamingOf: typeof sdkIdentity.sdkNamingOf;
}

const root = path.join(__dirname, '..');

/** Bundles these export lines (paths from the repository's root) into `file` as esbuild.mjs bundles the host; returns `file`. */
export function bundleAsShipped(file: string, exports: readonly string[]): string {
  buildSync({
    stdin: { contents: exports.join('\n'), resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile: file,
    logLevel: 'warning',
  });
  return file;
}

/** Bundles the pipeline into `dir` and returns the file's path. */
export function bundlePipeline(dir: string): string {
  return bundleAsShipped(path.join(dir, 'pipeline.cjs'), [
    "export { BODY_PADDING, ResponseBody } from './src/api/body';",
    "export { parseSeriesListBody } from './src/api/seriesScanner';",
    "export { buildUsageModel } from './src/model/modelBuild';",
    "export { packPanelData } from './src/protocol';",
    "export { sdkCatalogueCode } from './src/catalogue/index';",
    "export { sdkNamingOf } from './src/catalogue/sdkIdentity';",
  ]);
}

export function loadPipeline(file: string): Pipeline {
  return createRequire(__filename)(file) as Pipeline;
}
