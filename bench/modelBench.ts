/**
 * Benchmark: reading a bysdkversion body into the model (scan + validate + model) against a bare
 * `JSON.parse` of the same text, for 10, 100 and 1,000 series × 1,440 minutely points.
 *
 * Run standalone: `node --import tsx bench/modelBench.ts`. Prints one JSON object:
 * {"modelBuild":{"series10":{"jsonParseMs":…,"modelMs":…,"ratio":…},…}}
 */
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseSeriesListText } from '../src/api/seriesScanner';
import { buildUsageModel, type UsageModel } from '../src/model/usageModel';
import { seededRandom } from '../test/support/random';

const POINTS = 1_440;
const SIZES = [10, 100, 1_000] as const;
const ROUNDS = 11;
const WARMUP_ROUNDS = 3;
/** Each sample runs long enough to time reliably: about 1,000 series-worth of work. */
const SERIES_PER_SAMPLE = 1_000;
const T0 = 1_677_888_000_000;

const SDKS = ['node-server', 'go-server-sdk', 'java-server-sdk', 'python-server-sdk', 'ruby-server-sdk', 'dotnet-server-sdk', 'php-server-sdk', 'rust-server-sdk', 'erlang-server-sdk', 'haskell-server-sdk'];


/** A body shaped like the API's: _links, metadata, then one point per minute with a key per series. */
export function makeBody(seriesCount: number, points = POINTS, seed = seriesCount): string {
  const random = seededRandom(seed);
  const metadata = Array.from({ length: seriesCount }, (_, i) => ({
    sdk: SDKS[i % SDKS.length]!,
    version: `${1 + Math.floor(i / SDKS.length / 20)}.${Math.floor(i / SDKS.length) % 20}.${i % 7}`,
    source: 'server',
  }));
  // Each series drifts around its own level, from a few connections up to 20,000.
  const levels = Array.from({ length: seriesCount }, () => Math.floor(random() ** 3 * 20_000));
  const parts: string[] = [];
  for (let p = 0; p < points; p++) {
    let point = `{"time":${T0 + p * 60_000}`;
    for (let i = 0; i < seriesCount; i++) {
      levels[i] = Math.min(20_000, Math.max(0, levels[i]! + Math.floor((random() - 0.5) * 50)));
      point += `,"${i}":${levels[i]}`;
    }
    parts.push(`${point}}`);
  }
  return `{"_links":{"self":{"href":"/api/v2/usage/streams/server/bysdkversion"}},"metadata":${JSON.stringify(metadata)},"series":[${parts.join(',')}]}`;
}

function readModel(text: string): UsageModel {
  return buildUsageModel([{ source: 'server', list: parseSeriesListText(text) }], 'minutely');
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds per call of `run`, averaged over `repeat` calls. */
function time(run: () => unknown, repeat: number): number {
  let sink: unknown;
  const start = performance.now();
  for (let i = 0; i < repeat; i++) sink = run();
  const elapsed = performance.now() - start;
  if (sink === undefined) throw new Error('nothing was computed');
  return elapsed / repeat;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export async function benchModel(): Promise<Record<string, unknown>> {
  const result: Record<string, { jsonParseMs: number; modelMs: number; ratio: number; bodyBytes: number }> = {};
  for (const seriesCount of SIZES) {
    const text = makeBody(seriesCount);
    // The two paths must agree before their speed means anything.
    const model = readModel(text);
    if (model.versions.length !== seriesCount || model.times.length !== POINTS) {
      throw new Error(`the model of ${seriesCount} series is wrong`);
    }
    const repeat = Math.max(1, Math.round(SERIES_PER_SAMPLE / seriesCount));
    const parse = () => JSON.parse(text) as unknown;
    const build = () => readModel(text);
    for (let w = 0; w < WARMUP_ROUNDS; w++) {
      time(parse, repeat);
      time(build, repeat);
    }
    const parseMs: number[] = [];
    const modelMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Interleaved, alternating which goes first, so drift and GC debt fall on both alike.
      if (r % 2 === 0) {
        parseMs.push(time(parse, repeat));
        modelMs.push(time(build, repeat));
      } else {
        modelMs.push(time(build, repeat));
        parseMs.push(time(parse, repeat));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const jsonParseMs = median(parseMs);
    const medianModelMs = median(modelMs);
    result[`series${seriesCount}`] = {
      jsonParseMs: round3(jsonParseMs),
      modelMs: round3(medianModelMs),
      ratio: Math.round((medianModelMs / jsonParseMs) * 100) / 100,
      bodyBytes: text.length,
    };
  }
  return { modelBuild: result };
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
