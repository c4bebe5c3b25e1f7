/**
 * Benchmark: what the SDK catalogue costs a load. Resolving every series' name (a fresh resolver per
 * load, so every distinct name is reduced once, as a load would) against reading the same body into
 * the model (scan + model, bench/shippedPipeline.ts), for the 1,000-version load and the sparse
 * 100,000-series load of issue 9: with the bodies' own names (catalogue ids; 997 names no catalogue
 * knows), with every catalogued spelling (tokens, wrapper names, ids, display names in several
 * cases, some with a riding /version, JSClient decided by version), and with 100,000 distinct names.
 * Also reading the data file, building a resolver, and the sizes: the data as committed and as
 * shipped, and the catalogue's code minified as the host bundle would carry it. Issue 21 allows
 * resolving ≤ 5% of a 1,000-version load.
 *
 * The catalogue is timed bundled and minified, as the extension ships it, like the pipeline.
 * Run standalone: `node --import tsx bench/catalogueBench.ts`. Prints one JSON object.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type * as catalogueFile from '../src/catalogueFile';
import type * as catalogueIndex from '../src/catalogue/index';
import type * as sdkNames from '../src/catalogue/sdkNames';
import type { SdkCatalogue } from '../src/catalogue/catalogue';
import { CATALOGUE_SOURCE, writeCatalogueAsset } from '../scripts/catalogue-asset.mjs';
import { makeBody, makeSparseBody } from '../test/support/usageBodies';
import { bodyOfText, median, readModel, time } from './modelBench';
import { bundleAsShipped, bundlePipeline, loadPipeline, type Pipeline } from './shippedPipeline';

const root = path.join(__dirname, '..');
const ROUNDS = 11;
const WARMUP_ROUNDS = 3;

type CatalogueCode = typeof catalogueFile & typeof sdkNames & typeof catalogueIndex;

/** The catalogue's code as the host bundle would carry it: one minified CommonJS file. Returns its path. */
function bundleCatalogue(dir: string): string {
  return bundleAsShipped(path.join(dir, 'catalogue.cjs'), [
    "export * from './src/catalogueFile';",
    "export * from './src/catalogue/index';",
    "export * from './src/catalogue/sdkNames';",
    "export * from './src/catalogue/releaseHealth';",
  ]);
}

interface Series {
  readonly sdk: string;
  readonly version: string;
}

/** The (name, version) of each series of a body, as its metadata lists them. */
function seriesOf(text: string): Series[] {
  const start = text.indexOf('"metadata":') + '"metadata":'.length;
  const end = text.indexOf(',"series":');
  return JSON.parse(text.slice(start, end)) as Series[];
}

/**
 * `count` series named with every catalogued spelling in turn, in three cases, every third with a
 * riding /version. Each distinct name is one string, as the scanner keeps each name once.
 */
function catalogueSpellings(catalogue: SdkCatalogue, count: number): Series[] {
  const names = [...catalogue.sdks.values()].flatMap((sdk) => [...sdk.userAgents, ...sdk.wrapperNames, sdk.id, sdk.name]);
  const spellings = names.flatMap((name) => [name, name.toLowerCase(), name.toUpperCase()]);
  const versions = Array.from({ length: 35 }, (_, i) => `${1 + (i % 5)}.${i % 7}.0`);
  const riding = new Map<string, string>();
  return Array.from({ length: count }, (_, i) => {
    const version = versions[i % versions.length]!;
    const name = spellings[i % spellings.length]!;
    if (i % 3 !== 0) return { sdk: name, version };
    const key = JSON.stringify([name, version]);
    if (!riding.has(key)) riding.set(key, `${name}/${version}`);
    return { sdk: riding.get(key)!, version };
  });
}

interface ResolveResult {
  readonly series: number;
  readonly distinctNames: number;
  readonly catalogued: number;
  readonly resolveMs: number;
  /** resolveMs as a share of the load's scan + model time, in percent. */
  readonly percentOfLoad: number;
}

function resolveAll(code: CatalogueCode, catalogue: SdkCatalogue, series: readonly Series[]): number {
  const resolver = code.createSdkResolver(catalogue);
  let catalogued = 0;
  for (const { sdk, version } of series) if (resolver.resolve(sdk, version).kind === 'catalogued') catalogued++;
  return catalogued;
}

/** Median time of a fresh resolver resolving every series, and of reading the body, interleaved. */
async function againstLoad(
  pipeline: Pipeline,
  code: CatalogueCode,
  catalogue: SdkCatalogue,
  text: string,
  seriesLists: Record<string, readonly Series[]>,
): Promise<{ loadMs: number } & Record<string, ResolveResult | number>> {
  const body = bodyOfText(pipeline, text);
  const load = () => readModel(pipeline, body);
  const resolves = Object.entries(seriesLists).map(([name, series]) => ({
    name,
    series,
    run: () => resolveAll(code, catalogue, series) + 1,
  }));
  for (let w = 0; w < WARMUP_ROUNDS; w++) {
    time(load, 1);
    for (const r of resolves) time(r.run, 1);
  }
  const loadMs: number[] = [];
  const resolveMs = new Map<string, number[]>(resolves.map((r) => [r.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    loadMs.push(time(load, 1));
    for (const r of resolves) resolveMs.get(r.name)!.push(time(r.run, 1));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const load1 = median(loadMs);
  const result: Record<string, ResolveResult | number> = { loadMs: round3(load1) };
  for (const r of resolves) {
    const ms = median(resolveMs.get(r.name)!);
    result[r.name] = {
      series: r.series.length,
      distinctNames: new Set(r.series.map((s) => s.sdk)).size,
      catalogued: resolveAll(code, catalogue, r.series),
      resolveMs: round3(ms),
      percentOfLoad: Math.round((ms / load1) * 10_000) / 100,
    };
  }
  return result as { loadMs: number } & Record<string, ResolveResult | number>;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const kB = (bytes: number) => Math.round(bytes / 100) / 10;

export async function benchCatalogue(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-usage-catalogue-'));
  try {
    const pipeline = loadPipeline(bundlePipeline(dir));
    const codeFile = bundleCatalogue(dir);
    const code = createRequire(__filename)(codeFile) as CatalogueCode;
    // The data file as shipped (dist/sdkCatalogue.json), written from a copy of the sources in the temporary folder.
    const sourceFile = path.join(root, CATALOGUE_SOURCE);
    mkdirSync(path.dirname(path.join(dir, CATALOGUE_SOURCE)), { recursive: true });
    copyFileSync(sourceFile, path.join(dir, CATALOGUE_SOURCE));
    const shipped = writeCatalogueAsset(dir);

    let start = performance.now();
    const { catalogue } = await code.readSdkNaming(shipped, code.sdkCatalogueCode);
    const firstReadMs = performance.now() - start;
    const readMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      start = performance.now();
      await code.readSdkNaming(shipped, code.sdkCatalogueCode);
      readMs.push(performance.now() - start);
    }
    const resolverMs = time(() => code.createSdkResolver(catalogue), 200);

    const dense = makeBody(1_000);
    const sparse = makeSparseBody();
    const sparseSeries = seriesOf(sparse);
    const codeBytes = readFileSync(codeFile);
    const sourceBytes = readFileSync(sourceFile);
    const shippedBytes = readFileSync(shipped);
    return {
      versions1000: await againstLoad(pipeline, code, catalogue, dense, {
        bodyNames: seriesOf(dense),
        everySpelling: catalogueSpellings(catalogue, 1_000),
      }),
      sparse100000: await againstLoad(pipeline, code, catalogue, sparse, {
        bodyNames: sparseSeries,
        everySpelling: catalogueSpellings(catalogue, 100_000),
        distinctNames: sparseSeries.map((s, i) => ({ sdk: `sdk name ${i}`, version: s.version })),
      }),
      readDataFileMs: { first: round3(firstReadMs), warmMedian: round3(median(readMs)) },
      createResolverMs: round3(resolverMs),
      sizesKB: {
        dataCommitted: kB(sourceBytes.length),
        dataShipped: kB(shippedBytes.length),
        dataShippedGzip: kB(gzipSync(shippedBytes).length),
        codeMinified: kB(codeBytes.length),
        codeMinifiedGzip: kB(gzipSync(codeBytes).length),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCatalogue().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
