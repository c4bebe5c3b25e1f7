/** Shared set-up for the integration suites: the local API, the activated extension, waiting on state. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { StoreState } from '../../src/store';

export const EXTENSION_ID = 'ld-sdk-usage.launchdarkly-sdk-usage';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Resolves with the first store state (current or later) that satisfies the predicate. */
export function waitForState(api: ExtensionApi, predicate: (state: StoreState) => boolean, timeoutMs = 15_000): Promise<StoreState> {
  return new Promise((resolve, reject) => {
    if (predicate(api.store.state)) return resolve(api.store.state);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for store state; last: ${api.store.state.status} ${api.store.state.error?.message ?? ''}`));
    }, timeoutMs);
    const subscription = api.store.onDidChange((state) => {
      if (predicate(state)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(state);
      }
    });
  });
}

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('launchdarklyUsage').update(key, value, vscode.ConfigurationTarget.Global);
}
