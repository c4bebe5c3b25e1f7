/**
 * The local API's data sets, behind one interface so every route (and any route added later)
 * answers from whichever set is active: `clean` (syntheticData.ts: tidy names and versions, every
 * key in every point; the benchmark's data) and `messy` (messyData.ts: what real accounts send).
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

export type DatasetName = 'clean' | 'messy';
export const DATASET_NAMES: readonly DatasetName[] = ['clean', 'messy'];

export interface Dataset {
  readonly name: DatasetName;
  /** Every series of each source, in the order served; `sdk`/`version` are the names as the API means them. */
  readonly definitions: Readonly<Record<StreamSource, readonly SeriesDefinition[]>>;
  bySdkVersionBody(params: BySdkVersionParams): BySdkVersionBody;
  /** The body as written on the wire. */
  bySdkVersionText(body: BySdkVersionBody): string;
  sdkVersionsBody(source: StreamSource): SdkVersionsBody;
}

export const DATASETS: Readonly<Record<DatasetName, Dataset>> = {
  clean: {
    name: 'clean',
    definitions: SERIES_DEFINITIONS,
    bySdkVersionBody,
    bySdkVersionText: (body) => JSON.stringify(body),
    sdkVersionsBody,
  },
  messy: {
    name: 'messy',
    definitions: MESSY_SERIES_DEFINITIONS,
    bySdkVersionBody: messyBySdkVersionBody,
    bySdkVersionText: messyBodyText,
    sdkVersionsBody: messySdkVersionsBody,
  },
};

export function isDatasetName(value: unknown): value is DatasetName {
  return typeof value === 'string' && (DATASET_NAMES as readonly string[]).includes(value);
}
