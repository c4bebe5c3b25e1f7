/** Registers node:test hooks that run the local API for a test file: started once, clean per test. */
import { after, before, beforeEach } from 'node:test';
import type { DatasetName } from '../server/datasets';
import { startLdApiServer, type LdApiServer, type LdApiServerOptions } from '../server/ldApiServer';

/** `dataset` is the one each test starts with (a test may switch it; the next test gets it back). */
export function useLocalApi(options: LdApiServerOptions & { dataset?: DatasetName } = {}): () => LdApiServer {
  let server: LdApiServer | undefined;
  before(async () => {
    server = await startLdApiServer(options);
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server?.clearFaults();
    server?.resetRequests();
    server?.setDataset(options.dataset ?? 'clean');
  });
  return () => {
    if (!server) throw new Error('the local API is not started yet');
    return server;
  };
}

/** The raw text of an answer of the local API (GET with its token and the beta header), bypassing the product's client. */
export async function rawAnswer(
  server: LdApiServer,
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<string> {
  const url = new URL(path, server.url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  const response = await fetch(url, { headers: { Authorization: server.token, 'LD-API-Version': 'beta' } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url.pathname}: HTTP ${response.status} ${text}`);
  return text;
}
