/**
 * What the tree and the panel say about the store's state, besides the data: one pure function of
 * the state, so both views show the same facts. Host side only (it reads the store's types).
 */
import { dataNotes } from '../model/dataNotes';
import { verdictFailureNote } from '../model/verdict';
import type { PanelStatus } from '../protocol';
import type { StoreState } from '../store';
import { presentError } from './errors';

export type ViewStatus = Omit<PanelStatus, 'topN'>;

export function viewStatus(state: StoreState, hasToken: boolean, now: number = Date.now()): ViewStatus {
  return {
    load: state.status,
    stale: state.stale,
    hasToken,
    error: state.error && presentError(state.error, now),
    source: state.query.source,
    range: state.query.range,
    loaded: state.loaded,
    fetchedAt: state.fetchedAt,
    notes: state.model && state.loaded ? dataNotes(state.model, state.loaded) : [],
    verdictNote: state.detailsError && !state.details ? verdictFailureNote(state.detailsError) : undefined,
  };
}
