/**
 * Validation of `GET /api/v2/usage/sdk-versions/all` (and `/details`): a JSON array of
 * `SdkVersionDetailsRep`, LaunchDarkly's own end-of-life verdict per SDK version and where it runs.
 * Strict about structure (an array), tolerant about details: every field is optional, a field of
 * the wrong type is dropped, an unknown `eolStatus` reads as unknown, and every text is capped.
 * No `vscode` import.
 */
import { invalid } from './parse';
import { isRecord } from '../record';

export const EOL_STATUSES = ['EolPast', 'EolNear', 'MajorVersionAvailable', 'EolAllClear', 'EolUnknown'] as const;
export type EolStatus = (typeof EOL_STATUSES)[number];

export type ConnectionType = 'direct' | 'proxy';

/**
 * One entry: one SDK version in one environment (and application / connection type), with the
 * fields the views use (the report's project and environment ids are not kept: keys and names say
 * where a version runs).
 */
export interface SdkVersionDetail {
  readonly name?: string;
  readonly version?: string;
  readonly type?: string;
  readonly projectKey?: string;
  readonly projectName?: string;
  readonly environmentKey?: string;
  readonly environmentName?: string;
  readonly applicationId?: string;
  readonly ldLatestVersion?: string;
  /** Missing or unrecognised values read as `EolUnknown`. */
  readonly eolStatus: EolStatus;
  readonly latestReleaseUrl?: string;
  /** Other values than `direct` and `proxy` are kept out: they would mean nothing to the views. */
  readonly connectionType?: ConnectionType;
  readonly relayVersion?: string;
  readonly relayEolStatus?: EolStatus;
  readonly relayLatestVersion?: string;
  readonly relayLatestReleaseUrl?: string;
}

/** The filters `/all` documents; each is sent only when set. */
export interface SdkVersionDetailsQuery {
  readonly projectId?: string;
  readonly environmentId?: string;
  readonly sdkName?: string;
  readonly sdkType?: string;
  readonly sdkAppId?: string;
  readonly connectionType?: string;
}

export interface SdkVersionDetailsList {
  readonly entries: readonly SdkVersionDetail[];
  /** Array items that were not objects, left out. */
  readonly ignored: number;
}

/**
 * The report has an entry per SDK version, environment, application and Relay Proxy: a large
 * account's 200,000 entries are over 100 MB. A larger body is refused.
 */
export const MAX_REPORT_BYTES = 160 * 1024 * 1024;

/** Caps: names and versions are short in practice, and longer text is cut; a URL may be longer, and a longer one is left out. */
export const MAX_TEXT_LENGTH = 200;
export const MAX_URL_LENGTH = 2_000;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters (line breaks included) never belong in a name; they would break a line of Markdown or CSV.
  const trimmed = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

export function eolStatusOf(value: unknown): EolStatus {
  return typeof value === 'string' && (EOL_STATUSES as readonly string[]).includes(value) ? (value as EolStatus) : 'EolUnknown';
}

const shortText = (value: unknown) => text(value, MAX_TEXT_LENGTH);
/** An address is kept whole or not at all: one cut short would lead somewhere else. */
const urlText = (value: unknown) => {
  const address = text(value, Number.POSITIVE_INFINITY);
  return address !== undefined && address.length <= MAX_URL_LENGTH ? address : undefined;
};

/** Each field kept, and how its value is read; a value read as undefined is left out. */
const FIELDS = {
  name: shortText,
  version: shortText,
  type: shortText,
  projectKey: shortText,
  projectName: shortText,
  environmentKey: shortText,
  environmentName: shortText,
  applicationId: shortText,
  ldLatestVersion: shortText,
  eolStatus: eolStatusOf,
  latestReleaseUrl: urlText,
  connectionType: (value: unknown): ConnectionType | undefined => {
    const connection = shortText(value)?.toLowerCase();
    return connection === 'direct' || connection === 'proxy' ? connection : undefined;
  },
  relayVersion: shortText,
  relayEolStatus: eolStatusOf,
  relayLatestVersion: shortText,
  relayLatestReleaseUrl: urlText,
} satisfies Record<keyof SdkVersionDetail, (value: unknown) => unknown>;

export type DetailField = keyof typeof FIELDS;

const FIELD_NAMES = new Map(Object.keys(FIELDS).map((field) => [field, field as DetailField]));

/** The field a key of the report names, if it is one the views use. */
export function detailField(key: string): DetailField | undefined {
  return FIELD_NAMES.get(key);
}

/** A field's value as kept: capped text without control characters, a known status, or undefined (left out). */
export function cleanDetailField(field: DetailField, value: unknown): unknown {
  return FIELDS[field](value);
}

function parseEntry(item: Record<string, unknown>): SdkVersionDetail {
  const entry: Record<string, unknown> = { eolStatus: eolStatusOf(item.eolStatus) };
  for (const [field, read] of Object.entries(FIELDS)) {
    if (field === 'eolStatus' || item[field] === undefined) continue;
    const value = read(item[field]);
    if (value !== undefined) entry[field] = value;
  }
  return entry as unknown as SdkVersionDetail;
}

/** Validates a `SdkVersionDetailsRep[]` body: anything but an array is an invalid response. */
export function parseSdkVersionDetails(body: unknown): SdkVersionDetailsList {
  if (!Array.isArray(body)) {
    throw invalid('the SDK versions answer is not a list');
  }
  const entries: SdkVersionDetail[] = [];
  let ignored = 0;
  for (const item of body) {
    if (isRecord(item)) entries.push(parseEntry(item));
    else ignored++;
  }
  return { entries, ignored };
}
