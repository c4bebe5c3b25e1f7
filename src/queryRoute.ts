/**
 * The one route for query changes. Each dimension is kept where people expect it (source, range and
 * time zone in settings, the filter in this workspace's state) and the store loads what is kept:
 * a command saves its change here, a setting edited by hand takes the same way in. A new dimension
 * (grouping, environment) adds its place to SAVERS and `readSavedQuery`.
 */
import * as vscode from 'vscode';
import { onDidChangeConfig, readConfig, saveRange, saveSource, saveTimeZone } from './config';
import { STORAGE_KEYS } from './contributions';
import { asUsageFilter, queryChange, type UsageQuery } from './model/query';
import type { UsageStore } from './store';

/** The query as kept: settings for source, range and time zone; workspace state for the filter. */
export function readSavedQuery(workspaceState: vscode.Memento): UsageQuery {
  const { source, range, timeZone } = readConfig();
  return { source, range, timeZone, filter: asUsageFilter(workspaceState.get(STORAGE_KEYS.filter)) ?? {} };
}

type Savers = { readonly [K in keyof UsageQuery]: (value: UsageQuery[K], workspaceState: vscode.Memento) => Thenable<void> };

const SAVERS: Savers = {
  source: saveSource,
  range: saveRange,
  timeZone: saveTimeZone,
  filter: (filter, workspaceState) => workspaceState.update(STORAGE_KEYS.filter, filter),
};

export interface QueryRoute extends vscode.Disposable {
  /** Keeps a change where it belongs, then loads what is kept; resolves when that load has ended. */
  change(change: Partial<UsageQuery>): Promise<void>;
}

export function createQueryRoute(store: UsageStore, workspaceState: vscode.Memento, hasToken: () => boolean): QueryRoute {
  let load: Promise<void> = Promise.resolve();
  const apply = (): Promise<void> => {
    // Settings events also come for unchanged values, and for each of several writes: load only what differs.
    const change = queryChange(store.state.query, readSavedQuery(workspaceState));
    // Without a token the store just keeps the query for when one is set.
    if (change) load = store.setQuery(change, hasToken());
    return load;
  };
  const save = <K extends keyof UsageQuery>(key: K, value: UsageQuery[K]): Thenable<void> => SAVERS[key](value, workspaceState);
  const subscription = onDidChangeConfig(() => void apply());
  return {
    change: async (change) => {
      for (const key of Object.keys(change) as (keyof UsageQuery)[]) {
        const value = change[key];
        if (value !== undefined) await save(key, value);
      }
      return apply();
    },
    dispose: () => subscription.dispose(),
  };
}
