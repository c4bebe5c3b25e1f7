/**
 * The local API's data sets, behind one interface so every route (and any route added later)
 * answers from whichever set is active: `clean` (syntheticData.ts: tidy names and versions, every
 * key in every point; the benchmark's data), `messy` (messyData.ts: what real accounts send) and
 * `workspace` (workspaceData.ts: SDK names the catalogue resolves, with the versions the workspace
 * fixtures depend on).
 */
import { messyBodyText, messyBySdkVersionBody, messySdkVersionsBody, MESSY_SERIES_DEFINITIONS } from './messyData.js';
import {
  bySdkVersionBody,
  sdkVersionsBody,
  SERIES_DEFINITIONS,
  type BySdkVersionBody,
  type BySdkVersionParams,
  type SdkVersionsBody,
  type SeriesDefinition,
  type StreamSource,
} from './syntheticData.js';
import type { SeriesName } from './sdkVersionDetailsData.js';
import { WORKSPACE_SERIES_DEFINITIONS, workspaceBySdkVersionBody, workspaceSdkVersionsBody } from './workspaceData.js';

export type DatasetName = 'clean' | 'messy' | 'workspace';
export const DATASET_NAMES: readonly DatasetName[] = ['clean', 'messy', 'workspace'];

export interface Dataset {
  readonly name: DatasetName;
  /** Every series of each source, in the order served; `sdk`/`version` are the names as the API means them. */
  readonly definitions: Readonly<Record<StreamSource, readonly SeriesDefinition[]>>;
  bySdkVersionBody(params: BySdkVersionParams): BySdkVersionBody;
  /** The body as written on the wire. */
  bySdkVersionText(body: BySdkVersionBody): string;
  sdkVersionsBody(source: StreamSource): SdkVersionsBody;
  /** The series LaunchDarkly's SDK versions report (`sdk-versions/all`, `/details`) speaks of. */
  readonly reported: readonly SeriesName[];
}

const both = (definitions: Dataset['definitions']) => [...definitions.server, ...definitions.client];

export const DATASETS: Readonly<Record<DatasetName, Dataset>> = {
  clean: {
    name: 'clean',
    definitions: SERIES_DEFINITIONS,
    bySdkVersionBody,
    bySdkVersionText: (body) => JSON.stringify(body),
    sdkVersionsBody,
    reported: both(SERIES_DEFINITIONS),
  },
  messy: {
    name: 'messy',
    definitions: MESSY_SERIES_DEFINITIONS,
    bySdkVersionBody: messyBySdkVersionBody,
    bySdkVersionText: messyBodyText,
    sdkVersionsBody: messySdkVersionsBody,
    // The report speaks of the messy series themselves, naming the SDKs as LaunchDarkly's metadata does.
    reported: both(MESSY_SERIES_DEFINITIONS),
  },
  workspace: {
    name: 'workspace',
    definitions: WORKSPACE_SERIES_DEFINITIONS,
    bySdkVersionBody: workspaceBySdkVersionBody,
    bySdkVersionText: (body) => JSON.stringify(body),
    sdkVersionsBody: workspaceSdkVersionsBody,
    reported: both(WORKSPACE_SERIES_DEFINITIONS),
  },
};

export function isDatasetName(value: unknown): value is DatasetName {
  return typeof value === 'string' && (DATASET_NAMES as readonly string[]).includes(value);
}
