/** How requests reach the API: the current settings plus the stored token, or why they cannot. */
import { UsageApiError } from './api/errors';
import { UsageClient, type ClientSettings } from './api/client';
import type { CallerIdentity } from './api/parse';
import { proxyFor } from './api/networkErrors';
import { readConfig, readProxySettings } from './config';
import { describeBaseUrlProblem } from './presentation/settings';
import type { Connector } from './store';
import type { TokenStore } from './token';

export interface Connection {
  /** Whose token this is, asked of the API before the token is stored. */
  readonly checkToken: (token: string, signal: AbortSignal) => Promise<CallerIdentity>;
  /** Client settings for the stored token. */
  readonly connect: Connector;
}

export function createConnection(tokens: TokenStore, userAgent: string): Connection {
  const clientSettings = (token: string): ClientSettings => {
    const config = readConfig();
    if (!config.baseUrl.ok) {
      throw new UsageApiError('invalidSettings', describeBaseUrlProblem(config.baseUrl.problem), { problem: 'baseUrl' });
    }
    const baseUrl = config.baseUrl.baseUrl;
    const proxy = proxyFor(baseUrl, readProxySettings(), process.env);
    return { baseUrl, token, userAgent, timeoutMs: config.requestTimeoutMs, proxy };
  };
  const connect = async (): Promise<ClientSettings> => {
    const token = await tokens.get();
    if (!token) {
      throw new UsageApiError('noToken', 'No API access token is set.');
    }
    return clientSettings(token);
  };
  const checkToken = async (token: string, signal: AbortSignal) => new UsageClient(clientSettings(token)).callerIdentity(signal);
  return { checkToken, connect };
}
