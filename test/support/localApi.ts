/** Registers node:test hooks that run the local API for a test file: started once, clean per test. */
import { after, before, beforeEach } from 'node:test';
import { startLdApiServer, type LdApiServer } from '../server/ldApiServer';

export function useLocalApi(): () => LdApiServer {
  let server: LdApiServer | undefined;
  before(async () => {
    server = await startLdApiServer();
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server?.clearFaults();
    server?.resetRequests();
  });
  return () => {
    if (!server) throw new Error('the local API is not started yet');
    return server;
  };
}
