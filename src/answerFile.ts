/**
 * The file a load's answer is saved in for the next start (answerCache.ts decides when and where):
 * its key, and its bytes both ways. Bundled on its own as dist/answerFile.js, which the host loads
 * when first needed (answerFolder.ts), so its checks stay out of the activation bundle: other
 * modules of src/ import its types only. Read back, a file is data from disk, as hostile as any
 * answer: its size is capped before it is read, its checksum and structure and every number are
 * checked, names are only ever text, and a file that fails any check is refused whole, with a
 * reason that never quotes it. No `vscode` import.
 *
 * Layout: "LDUA", u32 format version, u32 header length, the SHA-256 of everything after it, the
 * header (UTF-8 JSON: key, times, names, counts, the query answered, LaunchDarkly's verdicts), then
 * per answer its series' cell offsets (Int32), the cells' slots (Uint16: at most MAX_POINTS
 * buckets) and values (Uint32, or Float64 when one is past 2^32), each on a boundary of its element
 * size. Typed arrays, little-endian as on every platform VS Code runs on, rather than a compressed
 * stream: unpacking a dense day of 1,000 versions took longer than everything else its restore
 * does, and the narrow types keep it at 6 bytes a cell.
 */
import { createHash } from 'node:crypto';
import { MAX_POINTS, MAX_SERIES, isPlausibleTime, type SeriesDescriptor, type StreamSource, type TimeSpan } from './api/parse';
import { parseSdkVersionDetails } from './api/sdkVersionDetails';
import { asUsageFilter, filterSdkNames, isSourceSelection, type LoadedQuery, type UsageQuery } from './model/query';
import { isRangePreset, resolveTimeZone, type Granularity } from './model/timeRange';
import type { SourceAnswer } from './model/usageModel';
import { isRecord } from './record';
import { sourcesOf, type FetchedAnswer, type SdkVersionDetailsAnswer } from './store';

/** The most one saved answer's file may take; a larger answer is not saved, a larger file not read. */
export const MAX_ANSWER_FILE_BYTES = 20_000_000;

/** "LDUA" read as a little-endian u32. */
const MAGIC = 0x4155444c;
const FORMAT_VERSION = 2;
const DIGEST_BYTES = 32;
/** Magic, version, header length, digest. */
const PREFIX_BYTES = 12 + DIGEST_BYTES;
const DAY = 86_400_000;
const GRANULARITIES: readonly Granularity[] = ['minutely', 'hourly', 'daily'];
/** A fixed salt, so the key is this extension's own hash and matches no other use of the token. */
const KEY_SALT = 'launchdarkly-sdk-usage-vscode: saved answer';

/**
 * The name of what a query answered for an account: a SHA-256 over the token, the API host and the
 * query (source, range, resolved time zone, filter). It stands for the token without revealing it:
 * the token's 122 random bits cannot be searched back from it.
 */
export function answerKey(token: string, baseUrl: string, query: UsageQuery): string {
  const { range, filter } = query;
  const rangeParts = range.kind === 'preset' ? ['preset', range.preset] : ['custom', range.from, range.to];
  const parts = [
    KEY_SALT,
    token,
    baseUrl,
    query.source,
    rangeParts,
    resolveTimeZone(query.timeZone),
    filter.sdk ?? null,
    filter.version ?? null,
    // Added only when there are any, so that the keys of answers saved before stay as they were.
    ...(filter.otherSpellings ? [filter.otherSpellings] : []),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** One answer as the header keeps it: what is not in the binary part. */
interface AnswerHeader {
  readonly source: StreamSource;
  readonly times: readonly number[];
  readonly series: readonly (readonly [string, string])[];
  readonly cells: number;
  /** Values are Float64 (else Uint32). */
  readonly wide: boolean;
  readonly ignoredValues: number;
  readonly droppedTimes: number;
  readonly timeSpan: readonly [number, number] | null;
  readonly knownVersions: readonly (readonly [string, string])[] | null;
}

interface FileHeader {
  readonly key: string;
  readonly fetchedAt: number;
  readonly loaded: LoadedQuery;
  readonly answers: readonly AnswerHeader[];
  readonly details: SdkVersionDetailsAnswer | null;
}

const pairs = (list: readonly SeriesDescriptor[]) => list.map(({ sdk, version }) => [sdk, version] as const);

/** Zero bytes that bring `at` to a multiple of `size`. */
const padding = (at: number, size: number) => new Uint8Array((size - (at % size)) % size);

const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The file's bytes for an answer, or undefined when they would be more than MAX_ANSWER_FILE_BYTES. */
export function encodeAnswerFile(key: string, answer: FetchedAnswer): Uint8Array | undefined {
  const arrays: (Int32Array | Uint16Array | Uint32Array | Float64Array)[] = [];
  const answers = answer.answers.map(({ source, list, knownVersions }): AnswerHeader => {
    const cells = list.offsets[list.series.length]!;
    const values = list.cells.values.subarray(0, cells);
    const wide = values.some((v) => v > 0xffff_ffff);
    arrays.push(list.offsets, new Uint16Array(list.cells.slots.subarray(0, cells)), wide ? values : new Uint32Array(values));
    const { timeSpan } = list;
    return {
      source,
      times: list.times,
      series: pairs(list.series),
      cells,
      wide,
      ignoredValues: list.ignoredValues,
      droppedTimes: list.droppedTimes,
      timeSpan: timeSpan ? [timeSpan.first, timeSpan.last] : null,
      knownVersions: knownVersions ? pairs(knownVersions) : null,
    };
  });
  const header: FileHeader = { key, fetchedAt: answer.fetchedAt, loaded: answer.loaded, answers, details: answer.details ?? null };
  const parts: Uint8Array[] = [Buffer.from(JSON.stringify(header))];
  let size = PREFIX_BYTES + parts[0]!.length;
  for (const array of arrays) {
    const pad = padding(size, array.BYTES_PER_ELEMENT);
    parts.push(pad, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    size += pad.length + array.byteLength;
  }
  if (size > MAX_ANSWER_FILE_BYTES) return undefined;
  const file = Buffer.alloc(size);
  let at = PREFIX_BYTES;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  file.writeUInt32LE(MAGIC, 0);
  file.writeUInt32LE(FORMAT_VERSION, 4);
  file.writeUInt32LE(parts[0]!.length, 8);
  file.set(digestOf(file.subarray(PREFIX_BYTES)), 12);
  return file;
}

export type AnswerFileReading = { readonly ok: true; readonly answer: FetchedAnswer } | { readonly ok: false; readonly problem: string };

/** Why a file is refused: a fixed phrase, never the file's content. */
class Refused extends Error {}

function refuse(problem: string): never {
  throw new Refused(problem);
}

/**
 * The answer a file holds, if it is a saved answer of this format for `key`, within the cap, whole
 * (its checksum matches) and sound in every part; otherwise why not. `now` bounds the times it may name.
 */
export function decodeAnswerFile(file: Uint8Array, key: string, now: number): AnswerFileReading {
  if (file.byteLength > MAX_ANSWER_FILE_BYTES) return { ok: false, problem: 'larger than 20 MB' };
  try {
    return { ok: true, answer: readAnswer(Buffer.from(file.buffer, file.byteOffset, file.byteLength), key, now) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.message };
    throw error;
  }
}

function readAnswer(bytes: Buffer, key: string, now: number): FetchedAnswer {
  if (bytes.length < PREFIX_BYTES || bytes.readUInt32LE(0) !== MAGIC) refuse('not a saved answer');
  if (bytes.readUInt32LE(4) !== FORMAT_VERSION) refuse('saved in another format version');
  if (!digestOf(bytes.subarray(PREFIX_BYTES)).equals(bytes.subarray(12, PREFIX_BYTES)))
    refuse('damaged or cut short (its checksum differs)');
  const headerEnd = PREFIX_BYTES + bytes.readUInt32LE(8);
  if (headerEnd > bytes.length) refuse('cut short');
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', PREFIX_BYTES, headerEnd));
  } catch {
    refuse('its header is not JSON');
  }
  if (!isRecord(header)) refuse('its header is not an object');
  if (header.key !== key) refuse('saved for another account, API host or query');
  const fetchedAt = plausibleTime(header.fetchedAt, now, 'its fetch time');
  const loaded = loadedQuery(header.loaded, fetchedAt);
  if (!Array.isArray(header.answers)) refuse('it holds no answers');
  // One answer per source, or per source and SDK name filtered by, in the order they were asked.
  const sources = sourcesOf(loaded.source);
  const names = filterSdkNames(loaded.filter).length;
  if (header.answers.length !== sources.length * names) refuse('its answers do not match its source');
  const reader = { bytes, at: headerEnd };
  const answers = header.answers.map((item: unknown, i: number) => sourceAnswer(item, sources[Math.floor(i / names)]!, reader, fetchedAt));
  if (reader.at !== bytes.length) refuse('it has bytes past its last answer');
  return { answers, loaded, fetchedAt, details: detailsAnswer(header.details, now) };
}

function whole(value: unknown, what: string): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : refuse(`${what} is not a whole number`);
}

function plausibleTime(value: unknown, now: number, what: string): number {
  return typeof value === 'number' && isPlausibleTime(value, now) ? value : refuse(`${what} is not a plausible time`);
}

function loadedQuery(value: unknown, fetchedAt: number): LoadedQuery {
  if (!isRecord(value)) refuse('the query it answered is missing');
  const { source, preset, from, to, granularity, timeZone } = value;
  if (!isSourceSelection(source)) refuse('its source is unknown');
  if (preset !== undefined && !isRangePreset(preset)) refuse('its range is unknown');
  if (!GRANULARITIES.includes(granularity as Granularity)) refuse('its bucket size is unknown');
  if (typeof timeZone !== 'string' || resolveTimeZone(timeZone) !== timeZone) refuse('its time zone is unknown');
  if (!isRecord(value.filter)) refuse('its filter is missing');
  const start = whole(from, 'its range start');
  const end = whole(to, 'its range end');
  if (start > end || end > fetchedAt + DAY) refuse('its range is impossible');
  return {
    source,
    preset,
    from: start,
    to: end,
    granularity: granularity as Granularity,
    timeZone,
    filter: asUsageFilter(value.filter) ?? {},
  };
}

function namePairs(value: unknown, what: string): SeriesDescriptor[] {
  if (!Array.isArray(value) || value.length > MAX_SERIES) refuse(`its ${what} are not a list within the limit`);
  return value.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      refuse(`its ${what} are not pairs of names`);
    }
    return { sdk: pair[0], version: pair[1] };
  });
}

function bucketTimes(value: unknown, fetchedAt: number): number[] {
  if (!Array.isArray(value) || value.length > MAX_POINTS) refuse('its times are not a list within the limit');
  let previous = -Infinity;
  for (const time of value) {
    if (plausibleTime(time, fetchedAt, 'a bucket time') <= previous) refuse('its times are not ascending');
    previous = time as number;
  }
  return value as number[];
}

type ArrayType<T> = { new (buffer: ArrayBuffer, offset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/** The next `length` elements, on their boundary, as a view into the file: convert or copy it before keeping it. */
function view<T>(reader: { bytes: Buffer; at: number }, type: ArrayType<T>, length: number): T {
  const { bytes } = reader;
  const start = reader.at + padding(reader.at, type.BYTES_PER_ELEMENT).length;
  const end = start + length * type.BYTES_PER_ELEMENT;
  if (end > bytes.length) refuse('cut short');
  reader.at = end;
  const offset = bytes.byteOffset + start;
  // A file read into a buffer at an odd place: the elements are copied to where they line up.
  if (offset % type.BYTES_PER_ELEMENT !== 0) return new type(bytes.buffer.slice(offset, offset + end - start) as ArrayBuffer, 0, length);
  return new type(bytes.buffer as ArrayBuffer, offset, length);
}

function sourceAnswer(value: unknown, source: StreamSource, reader: { bytes: Buffer; at: number }, fetchedAt: number): SourceAnswer {
  if (!isRecord(value) || value.source !== source) refuse('its answers do not match its source');
  const times = bucketTimes(value.times, fetchedAt);
  const series = namePairs(value.series, 'series');
  const knownVersions = value.knownVersions === null ? undefined : namePairs(value.knownVersions, 'versions seen lately');
  const cellCount = whole(value.cells, 'its cell count');
  const timeSpan = value.timeSpan === null ? undefined : spanOf(value.timeSpan);
  // Copied or converted out of the file, so that the model does not keep the whole file alive.
  const offsets = view(reader, Int32Array, series.length + 1).slice();
  const slots = new Int32Array(view(reader, Uint16Array, cellCount));
  const values =
    value.wide === true ? view(reader, Float64Array, cellCount).slice() : new Float64Array(view(reader, Uint32Array, cellCount));
  checkCells(offsets, slots, values, times.length);
  return {
    source,
    list: {
      times,
      series,
      offsets,
      cells: { slots, values },
      ignoredValues: whole(value.ignoredValues, 'its count of ignored values'),
      droppedTimes: whole(value.droppedTimes, 'its count of dropped times'),
      timeSpan,
    },
    ...(knownVersions && { knownVersions }),
  };
}

/** The earliest and latest time the answer named, dropped ones included: any whole numbers, in order. */
function spanOf(value: unknown): TimeSpan {
  if (!Array.isArray(value) || value.length !== 2) refuse('its time span is impossible');
  const [first, last] = value as unknown[];
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || (first as number) > (last as number))
    refuse('its time span is impossible');
  return { first: first as number, last: last as number };
}

/** Each series' cells lie in order within the cells, on ascending slots of known buckets, with connections > 0. */
function checkCells(offsets: Int32Array, slots: Int32Array, values: Float64Array, buckets: number): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== slots.length) refuse('its cell offsets are impossible');
  for (let i = 1; i < offsets.length; i++) {
    const start = offsets[i - 1]!;
    const end = offsets[i]!;
    if (end < start) refuse('its cell offsets are impossible');
    for (let c = start, previous = -1; c < end; c++) {
      const slot = slots[c]!;
      if (slot <= previous || slot >= buckets) refuse('its cells are out of order or out of range');
      previous = slot;
    }
  }
  for (let c = 0; c < values.length; c++) {
    const v = values[c]!;
    if (!(v > 0 && Number.isSafeInteger(v))) refuse('it holds a value that is not a count of connections');
  }
}

function detailsAnswer(value: unknown, now: number): SdkVersionDetailsAnswer | undefined {
  if (value === null) return undefined;
  if (!isRecord(value) || !Array.isArray(value.entries)) refuse("LaunchDarkly's verdicts in it are not a list");
  const { entries, ignored } = parseSdkVersionDetails(value.entries);
  if (ignored > 0) refuse("LaunchDarkly's verdicts in it are not all objects");
  return {
    entries,
    ignored: whole(value.ignored, 'its count of ignored verdicts'),
    fetchedAt: plausibleTime(value.fetchedAt, now, 'its verdicts time'),
  };
}

/** What dist/answerFile.js gives the host (`require(…).answerFile`). */
export const answerFile = { MAX_ANSWER_FILE_BYTES, answerKey, encodeAnswerFile, decodeAnswerFile };

export type AnswerFileCodec = typeof answerFile;
