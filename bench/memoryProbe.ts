/**
 * The extra memory of reading one body, in a process of its own so nothing else is in the way:
 *
 *   node --expose-gc --import tsx bench/memoryProbe.ts <body file> <read|json> <pipeline file>
 *
 * The pipeline file is the reading pipeline as shipped (bench/shippedPipeline.ts).
 *
 * Both modes first hold the body as the client does (api/body.ts: one padded buffer, its text
 * made when asked for). `read` then does what the extension host does with an answer: the client
 * scans the body (an all-ASCII body's own bytes: its text is never made) and lets it go; the store
 * models the answer, and the panel's data is packed. `json` only runs `JSON.parse` on the text.
 * Prints one JSON object:
 * {"bodyBytes":…,"peakRssExtraBytes":…,"retainedExtraBytes":…,"peakMeasured":"VmHWM"|"maxRSS"}
 *
 * Peak: the resident set's high-water mark (VmHWM) is reset once the baseline is taken, so it is
 * the largest the process got while reading, garbage not yet collected included, minus the
 * baseline. Retained: heap and buffers still held afterwards (the model kept alive), after a full
 * collection, minus the baseline (the text itself is let go, as the client lets it go).
 */
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ResponseBody as Body } from '../src/api/body';
import type { UsageModel } from '../src/model/usageModel';
import { loadPipeline } from './shippedPipeline';

declare const gc: () => void;

function statusKb(field: string): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/self/status`);
  return Number(match[1]) * 1024;
}

const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

const [file, mode, pipelineFile] = process.argv.slice(2);
if (!file || (mode !== 'read' && mode !== 'json') || !pipelineFile)
  throw new Error('usage: memoryProbe.ts <body file> <read|json> <pipeline file>');
const { BODY_PADDING, ResponseBody, parseSeriesListBody, buildUsageModel, packPanelData, sdkCatalogueCode } = loadPipeline(pipelineFile);
const now = Date.now();
// The SDK catalogue's naming, read before the baseline: the extension keeps it for the session, whatever the body.
const naming = sdkCatalogueCode.namingOf(
  JSON.parse(readFileSync(path.join(__dirname, '..', 'src', 'catalogue', 'sdkCatalogue.json'), 'utf8')) as unknown,
);

gc();
gc();
const baseRss = statusKb('VmRSS');
const baseHeld = held();
let peakMeasured: 'VmHWM' | 'maxRSS' = 'VmHWM';
try {
  writeFileSync('/proc/self/clear_refs', '5');
} catch {
  peakMeasured = 'maxRSS';
}

const bodyBytes = statSync(file).size;

/**
 * Holds the body as the client does (api/body.ts: one buffer with zero padding) and reads it with
 * `read`, which is all the client does with a body before it lets go.
 */
function readBodyOnce<T>(read: (body: Body) => T): T {
  const padded = Buffer.alloc(bodyBytes + BODY_PADDING);
  const fd = openSync(file!, 'r');
  readSync(fd, padded, 0, bodyBytes, 0);
  closeSync(fd);
  return read(new ResponseBody(padded, bodyBytes));
}

/** The answer read, then (as the store does once the client has returned it) modelled and packed for the panel. */
function readAnswer(): unknown {
  if (mode === 'json') {
    return readBodyOnce((body) => JSON.parse(body.text) as unknown);
  }
  const list = readBodyOnce((body) => parseSeriesListBody(body, now));
  const model: UsageModel = buildUsageModel([{ source: 'server', list }], 'minutely', { naming, now });
  return [model, packPanelData(model)];
}

const kept = readAnswer();
const peakRss = peakMeasured === 'VmHWM' ? statusKb('VmHWM') : process.resourceUsage().maxRSS * 1024;
gc();
gc();
const retained = held() - baseHeld;
if (kept === undefined) throw new Error('nothing was read');
process.stdout.write(
  `${JSON.stringify({ bodyBytes, peakRssExtraBytes: peakRss - baseRss, retainedExtraBytes: retained, peakMeasured })}\n`,
);
