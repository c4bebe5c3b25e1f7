/**
 * Benchmark: LaunchDarkly's `sdk-versions/all` report at a large account's scale, and exports of a
 * wide answer.
 *
 *   report reading   a report of 20,000 and of 200,000 full entries (over 100 MB) read from its
 *                    bytes as the client reads it: time, and peak extra memory in a process of
 *                    its own (≤ 2 s and ≤ 300 MB at 200,000)
 *   joins            the report indexed, joined to 2,000 stream versions, the upgrade plan made
 *                    and packed for the panel, and By environment grouped, ordered and every row's
 *                    content made, as the tree shows it (≤ 1 s at 200,000)
 *   wide export      200 versions over 10,000 minutes with connections in three buckets each
 *                    (a 254 KB answer), exported as CSV and JSON through the streaming writer
 *                    (≤ 2 s, no larger than its rows with connections need)
 *
 * What is timed is this file bundled and minified, as esbuild.mjs bundles the extension host (under
 * tsx every call across modules goes through an export getter, several times slower here), run in
 * a process of its own; the memory probe reads the report in another.
 *
 * Run standalone: `node --import tsx bench/reportBench.ts`. Prints one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BODY_PADDING, ResponseBody } from '../src/api/body';
import { parseSdkVersionDetailsBody } from '../src/api/reportScanner';
import { writeChunksToFile } from '../src/exportWriter';
import { groupByEnvironment } from '../src/model/byEnvironment';
import { buildUsageModel } from '../src/model/modelBuild';
import type { LoadedQuery } from '../src/model/query';
import { buildUpgradePlan } from '../src/model/upgradePlan';
import type { UsageModel } from '../src/model/usageModel';
import { VerdictIndex, joinVerdicts } from '../src/model/verdict';
import { csvChunks, jsonChunks } from '../src/presentation/export';
import { orderByLabel } from '../src/presentation/ordering';
import { packPanelPlan } from '../src/protocol';
import { environmentRowContent, projectRowContent, reportedVersionContent, versionItemContent } from '../src/tree/treeContent';
import { largeReport, reportVersion } from '../test/support/largeReport';
import { seriesList } from '../test/support/seriesLists';

declare const gc: (() => void) | undefined;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 1);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

function bodyOf(bytes: Buffer): ResponseBody {
  const padded = Buffer.alloc(bytes.length + BODY_PADDING);
  bytes.copy(padded);
  return new ResponseBody(padded, bytes.length);
}

/** Peak resident set (VmHWM, reset after the baseline) of reading the report at `file`, in a process of its own. */
function probe(file: string): void {
  const status = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  gc?.();
  const base = status('VmRSS');
  writeFileSync('/proc/self/clear_refs', '5');
  const started = performance.now();
  // As the client holds it: one padded buffer (read straight into it, not copied from another).
  const size = statSync(file).size;
  const padded = Buffer.alloc(size + BODY_PADDING);
  const fd = openSync(file, 'r');
  readSync(fd, padded, 0, size, 0);
  closeSync(fd);
  const report = parseSdkVersionDetailsBody(new ResponseBody(padded, size));
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ entries: report.entries.length, ms, peakExtraBytes: status('VmHWM') - base }));
}

/** A model of `versions` stream versions, named as the report names them. */
function streamModel(versions: number): UsageModel {
  const times = Array.from({ length: 24 }, (_, i) => T0 + i * HOUR);
  const rows = Array.from({ length: versions }, (_, v) => {
    const { name, version } = reportVersion(v);
    return { sdk: name, version, values: times.map((_, p) => 1 + ((v * 7 + p) % 50)) };
  });
  return buildUsageModel([{ source: 'server', list: seriesList(times, rows) }], 'hourly');
}

/** Index, join, plan, and By environment with every row's content: what a refresh and a drawn tree cost. */
function joinPlanAndTree(model: UsageModel, report: ReturnType<typeof parseSdkVersionDetailsBody>): number {
  const index = new VerdictIndex(report.entries);
  const verdicts = joinVerdicts(model.versions, index, model.sources);
  packPanelPlan(buildUpgradePlan(model.versions, verdicts), verdicts, Date.now());
  const byId = new Map(model.versions.map((v) => [v.id, v]));
  // As the tree makes them: a version's row content once, however many environments it stands in.
  const contents = new Map<string, unknown>();
  let rows = 0;
  for (const project of orderByLabel(groupByEnvironment(verdicts))) {
    projectRowContent(project);
    for (const environment of project.environments) {
      environmentRowContent(environment);
      for (const placed of environment.versions) {
        const version = placed.versionId === undefined ? undefined : byId.get(placed.versionId);
        if (version && !contents.has(version.id)) {
          const context = { latestTotal: model.latestTotal, locale: 'en-US', verdict: placed.verdict, verdictsLoaded: true, placed: true };
          contents.set(version.id, versionItemContent(version, context));
        } else if (!version) {
          reportedVersionContent(placed, true);
        }
        rows++;
      }
    }
  }
  return rows;
}

function benchReport(dir: string, entries: number) {
  const file = path.join(dir, `report-${entries}.json`);
  writeFileSync(file, JSON.stringify(largeReport({ entries, versions: 2_000 })));
  const bytes = readFileSync(file);
  const readMs: number[] = [];
  let report = parseSdkVersionDetailsBody(bodyOf(bytes));
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    report = parseSdkVersionDetailsBody(bodyOf(bytes));
    readMs.push(performance.now() - started);
  }
  const memory = JSON.parse(execFileSync(process.execPath, ['--expose-gc', __filename, 'probe', file], { encoding: 'utf8' })) as {
    peakExtraBytes: number;
  };
  const model = streamModel(2_000);
  const joinMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    rows = joinPlanAndTree(model, report);
    joinMs.push(performance.now() - started);
  }
  return {
    entries,
    bodyMB: round(statSync(file).size / 1e6),
    readMs: round(median(readMs)),
    readPeakExtraMB: round(memory.peakExtraBytes / 1e6),
    joinPlanTreeMs: round(median(joinMs)),
    treeRows: rows,
  };
}

async function benchWideExport(dir: string) {
  const times = Array.from({ length: 10_000 }, (_, p) => T0 + p * MINUTE);
  const rows = Array.from({ length: 200 }, (_, i) => {
    const values = new Array<number>(times.length).fill(0);
    for (const p of [i, 5_000 + i, 9_999]) values[p] = i + 1;
    return { sdk: `${'s'.repeat(56)}-${i % 10}`.padEnd(60, 'x'), version: `1.${i}.0`, values };
  });
  const model = buildUsageModel([{ source: 'server', list: seriesList(times, rows) }], 'minutely');
  const loaded: LoadedQuery = {
    source: 'server',
    preset: '7d',
    from: T0,
    to: T0 + 10_000 * MINUTE,
    granularity: 'minutely',
    timeZone: 'UTC',
    filter: {},
  };
  const result: Partial<Record<'csv' | 'json', { ms: number; bytes: number; rows: number; bytesPerRow: number }>> = {};
  for (const format of ['csv', 'json'] as const) {
    const file = path.join(dir, `export.${format}`);
    const started = performance.now();
    const bytes = await writeChunksToFile(
      file,
      format === 'csv' ? csvChunks(model, 'UTC') : jsonChunks(model, loaded),
      256 * 1024 * 1024,
      () => false,
    );
    const ms = performance.now() - started;
    if (typeof bytes !== 'number') throw new Error(`the wide export was not written: ${bytes}`);
    const written = readFileSync(file, 'utf8');
    const rowCount = format === 'csv' ? written.split('\r\n').length - 2 : (JSON.parse(written) as { rows: unknown[] }).rows.length;
    result[format] = { ms: round(ms), bytes, rows: rowCount, bytesPerRow: Math.round(bytes / rowCount) };
  }
  return { answerCells: model.cells.values.length, everyBucketRows: model.versions.length * model.times.length, ...result };
}

async function measure(dir: string) {
  return { report20k: benchReport(dir, 20_000), report200k: benchReport(dir, 200_000), wideExport: await benchWideExport(dir) };
}

export type ReportBenchResult = Awaited<ReturnType<typeof measure>>;

/** Bundles this file as the extension host is bundled, and measures with the bundle in a process of its own. */
export async function benchReports(): Promise<ReportBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-bench-'));
  try {
    const bundle = path.join(dir, 'reportBench.cjs');
    // Loaded here, not at the top: the bundle that runs the measurements does not need it.
    const { buildSync } = await import('esbuild');
    buildSync({
      entryPoints: [__filename],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      outfile: bundle,
      external: ['esbuild'],
      logLevel: 'warning',
    });
    return JSON.parse(
      execFileSync(process.execPath, [bundle, 'measure', dir], { encoding: 'utf8', maxBuffer: 1 << 24 }),
    ) as ReportBenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'probe') probe(arg!);
  else if (mode === 'measure') void measure(arg!).then((result) => process.stdout.write(JSON.stringify(result)));
  else void benchReports().then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`));
}
