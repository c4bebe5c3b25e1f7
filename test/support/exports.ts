/** The export files as whole texts, for tests: the chunks the export command streams, joined. */
import type { LoadedQuery } from '../../src/model/query';
import type { UsageModel } from '../../src/model/usageModel';
import type { Verdicts } from '../../src/model/verdict';
import { csvChunks, jsonChunks } from '../../src/presentation/export';

export const toCsv = (model: UsageModel, timeZone: string, verdicts?: Verdicts): string =>
  [...csvChunks(model, timeZone, verdicts)].join('');

export const toJson = (model: UsageModel, loaded: LoadedQuery, verdicts?: Verdicts): string =>
  [...jsonChunks(model, loaded, verdicts)].join('');
