/**
 * What the tree and the panel say about the store's state, besides the data: one pure function of
 * the state, so both views show the same facts. Host side only (it reads the store's state).
 */
import { dataNotes } from '../model/dataNotes';
import type { StoreState } from '../store';
import { presentError } from './errors';
import { dataNoteText, verdictFailureNote } from './notes';
import type { ViewStatus } from './status';

export function viewStatus(state: StoreState, hasToken: boolean, now: number = Date.now()): ViewStatus {
  return {
    load: state.status,
    stale: state.stale,
    restored: state.restored,
    hasToken,
    error: state.error && presentError(state.error, now),
    source: state.query.source,
    range: state.query.range,
    loaded: state.loaded,
    fetchedAt: state.fetchedAt,
    notes: state.model && state.loaded ? dataNotes(state.model, state.loaded).map(dataNoteText) : [],
    verdictNote: state.detailsError && !state.details ? verdictFailureNote(state.detailsError) : undefined,
  };
}
