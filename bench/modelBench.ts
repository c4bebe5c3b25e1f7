/**
 * Benchmark: reading a bysdkversion body into the model (scan + validate + model, names resolved
 * with the SDK catalogue and release dates judged, as the extension reads it) against a bare
 * `JSON.parse` of the same text, and what the catalogue adds to that (the same read without it):
 * dense bodies of 10, 100 and 1,000 series × 1,440 minutely points,
 * and the sparse body of issue 9, 100,000 series each present in a few of the 1,440 minutes. For
 * the 1,000-series and the sparse body also the extra memory, each reading in a child process of
 * its own (bench/memoryProbe.ts): peak resident set and what stays held, against the body's bytes.
 *
 * What is timed and weighed is the pipeline as it ships (bench/shippedPipeline.ts).
 *
 * Run standalone: `node --import tsx bench/modelBench.ts`. Prints one JSON object:
 * {"modelBuild":{"series10":{"jsonParseMs":…,"modelMs":…,"ratio":…},…},"sparseBody":{…},"memory":{…}}
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { ResponseBody } from '../src/api/body';
import type { SdkNaming } from '../src/catalogue/sdkIdentity';
import type { UsageModel } from '../src/model/usageModel';
import { makeBody, makeSparseBody } from '../test/support/usageBodies';
import { bundlePipeline, loadPipeline, type Pipeline } from './shippedPipeline';

const POINTS = 1_440;
const SIZES = [10, 100, 1_000] as const;
const ROUNDS = 11;
const WARMUP_ROUNDS = 3;
/** The sparse body's samples vary more (a full garbage collection lands in some of them): more rounds. */
const SPARSE_ROUNDS = 21;
/** Peak memory moves by a tenth between runs of the same reading, for the same reason: several probes. */
const MEMORY_PROBES = 5;
/** Each sample runs long enough to time reliably: about 1,000 series-worth of work. */
const SERIES_PER_SAMPLE = 1_000;
/** The body as the client holds it (api/body.ts): its padded bytes, and its text once asked for. */
export function bodyOfText(pipeline: Pipeline, text: string): ResponseBody {
  const bytes = Buffer.from(text);
  return new pipeline.ResponseBody(Buffer.concat([bytes], bytes.length + pipeline.BODY_PADDING), bytes.length);
}

/** The body read into the model, with the SDK catalogue's naming when given (as the extension builds it once it has read the catalogue). */
export function readModel(pipeline: Pipeline, body: ResponseBody, naming?: SdkNaming): UsageModel {
  return pipeline.buildUsageModel([{ source: 'server', list: pipeline.parseSeriesListBody(body, Date.now()) }], 'minutely', { naming });
}

/** The committed catalogue's naming, made with the pipeline's code. */
export function namingOf(pipeline: Pipeline): SdkNaming {
  return pipeline.sdkCatalogueCode.namingOf(
    JSON.parse(readFileSync(path.join(__dirname, '..', 'src', 'catalogue', 'sdkCatalogue.json'), 'utf8')),
  );
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds per call of `run`, averaged over `repeat` calls. */
export function time(run: () => unknown, repeat: number): number {
  let sink: unknown;
  const start = performance.now();
  for (let i = 0; i < repeat; i++) sink = run();
  const elapsed = performance.now() - start;
  if (sink === undefined) throw new Error('nothing was computed');
  return elapsed / repeat;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export interface SpeedResult {
  readonly jsonParseMs: number;
  /** Scan + model with the SDK catalogue, as the extension reads a body. */
  readonly modelMs: number;
  readonly ratio: number;
  /** The same without the catalogue (names as reported, no release dates). */
  readonly modelWithoutCatalogueMs: number;
  readonly ratioWithoutCatalogue: number;
  /** What the catalogue adds to a load, in percent: resolving every name (a fresh naming per load) and judging release dates. */
  readonly catalogueCostPercent: number;
  readonly bodyBytes: number;
}

interface MemoryFigures {
  readonly peakRssExtraBytes: number;
  readonly retainedExtraBytes: number;
  readonly peakPerBodyByte: number;
  readonly retainedPerBodyByte: number;
  /** The smallest and largest peak per body byte of the probes: where a full collection lands moves it. */
  readonly peakPerBodyByteRange: readonly [number, number];
}

export interface MemoryResult {
  readonly bodyBytes: number;
  /** Reading as the extension host does (text, scan, model, panel data): the median of MEMORY_PROBES probes. */
  readonly read: MemoryFigures;
  /** JSON.parse of the same text alone, for comparison, the same way. */
  readonly jsonParse: MemoryFigures;
  readonly peakMeasured: string;
}

/**
 * Median times of parse + model, with and without the catalogue, against JSON.parse, interleaved.
 * With the catalogue (read once, as the extension reads it once per session), each load makes a
 * fresh naming, whose resolver has cached no name: every distinct name is resolved again, as on a
 * session's first load.
 */
async function speed(pipeline: Pipeline, text: string, repeat: number, rounds = ROUNDS): Promise<SpeedResult> {
  const body = bodyOfText(pipeline, text);
  const { catalogue } = namingOf(pipeline);
  const parse = () => JSON.parse(body.text) as unknown;
  const build = () => readModel(pipeline, body, pipeline.sdkNamingOf(catalogue));
  const buildWithout = () => readModel(pipeline, body);
  const runs = [parse, build, buildWithout];
  for (let w = 0; w < WARMUP_ROUNDS; w++) for (const run of runs) time(run, repeat);
  const samples: number[][] = runs.map(() => []);
  const extra: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Interleaved, rotating which goes first, so drift and GC debt fall on all alike.
    for (let k = 0; k < runs.length; k++) {
      const i = (r + k) % runs.length;
      samples[i]!.push(time(runs[i]!, repeat));
    }
    // The catalogue's cost, paired within the round.
    extra.push(samples[1]![r]! / samples[2]![r]! - 1);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [jsonParseMs, medianModelMs, withoutMs] = samples.map(median) as [number, number, number];
  return {
    jsonParseMs: round3(jsonParseMs),
    modelMs: round3(medianModelMs),
    ratio: Math.round((medianModelMs / jsonParseMs) * 100) / 100,
    modelWithoutCatalogueMs: round3(withoutMs),
    ratioWithoutCatalogue: Math.round((withoutMs / jsonParseMs) * 100) / 100,
    catalogueCostPercent: Math.round(median(extra) * 1000) / 10,
    bodyBytes: text.length,
  };
}

interface ProbeResult {
  readonly bodyBytes: number;
  readonly peakRssExtraBytes: number;
  readonly retainedExtraBytes: number;
  readonly peakMeasured: string;
}

/** The probe of median peak among `results`, with the range of all of them, per body byte. */
function medianFigures(results: readonly ProbeResult[]): MemoryFigures {
  const perByte = (bytes: number) => Math.round((bytes / results[0]!.bodyBytes) * 100) / 100;
  const sorted = [...results].sort((a, b) => a.peakRssExtraBytes - b.peakRssExtraBytes);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    peakRssExtraBytes: median.peakRssExtraBytes,
    retainedExtraBytes: median.retainedExtraBytes,
    peakPerBodyByte: perByte(median.peakRssExtraBytes),
    retainedPerBodyByte: perByte(median.retainedExtraBytes),
    peakPerBodyByteRange: [perByte(sorted[0]!.peakRssExtraBytes), perByte(sorted[sorted.length - 1]!.peakRssExtraBytes)],
  };
}

/** Extra memory of reading the body, and of JSON.parse alone, each in fresh processes, interleaved. */
function memory(pipelineFile: string, text: string): MemoryResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-usage-memory-'));
  try {
    const file = path.join(dir, 'body.json');
    writeFileSync(file, text);
    const probe = (mode: 'read' | 'json'): ProbeResult => {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'memoryProbe.ts'), file, mode, pipelineFile],
        { cwd: path.join(__dirname, '..'), encoding: 'utf8' },
      );
      return JSON.parse(out) as ProbeResult;
    };
    const reads: ProbeResult[] = [];
    const jsons: ProbeResult[] = [];
    for (let i = 0; i < MEMORY_PROBES; i++) {
      reads.push(probe('read'));
      jsons.push(probe('json'));
    }
    return {
      bodyBytes: reads[0]!.bodyBytes,
      read: medianFigures(reads),
      jsonParse: medianFigures(jsons),
      peakMeasured: reads[0]!.peakMeasured,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchModel(): Promise<{
  modelBuild: Record<string, SpeedResult>;
  sparseBody: SpeedResult & { series: number; points: number; cells: number };
  memory: Record<string, MemoryResult>;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ld-usage-pipeline-'));
  try {
    const pipelineFile = bundlePipeline(dir);
    const pipeline = loadPipeline(pipelineFile);
    const modelBuild: Record<string, SpeedResult> = {};
    const memoryResults: Record<string, MemoryResult> = {};
    for (const seriesCount of SIZES) {
      const text = makeBody(seriesCount);
      // The model must be right before its speed means anything.
      const model = readModel(pipeline, bodyOfText(pipeline, text), namingOf(pipeline));
      if (model.versions.length !== seriesCount || model.times.length !== POINTS) {
        throw new Error(`the model of ${seriesCount} series is wrong`);
      }
      modelBuild[`series${seriesCount}`] = await speed(pipeline, text, Math.max(1, Math.round(SERIES_PER_SAMPLE / seriesCount)));
      if (seriesCount === 1_000) memoryResults.series1000 = memory(pipelineFile, text);
    }
    const sparse = makeSparseBody();
    const sparseModel = readModel(pipeline, bodyOfText(pipeline, sparse), namingOf(pipeline));
    if (sparseModel.versions.length !== 100_000 || sparseModel.times.length !== POINTS) {
      throw new Error('the model of the sparse body is wrong');
    }
    const sparseBody = {
      ...(await speed(pipeline, sparse, 2, SPARSE_ROUNDS)),
      series: 100_000,
      points: POINTS,
      cells: sparseModel.cells.values.length,
    };
    memoryResults.sparse = memory(pipelineFile, sparse);
    return { modelBuild, sparseBody, memory: memoryResults };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchModel().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
