/** How requests reach the API: the current settings plus the stored token, or why they cannot. */
import { UsageApiError } from './api/errors';
import type { ClientSettings } from './api/client';
import { proxyFor } from './api/networkErrors';
import { readConfig, readProxySettings } from './config';
import type { Connector } from './store';
import type { TokenStore } from './token';

export interface Connection {
  /** Client settings for a given token (Set API Token checks a token before it is stored). */
  readonly clientSettings: (token: string) => ClientSettings;
  /** Client settings for the stored token. */
  readonly connect: Connector;
}

export function createConnection(tokens: TokenStore, userAgent: string): Connection {
  const clientSettings = (token: string): ClientSettings => {
    const config = readConfig();
    if (!config.baseUrl.ok) {
      throw new UsageApiError('invalidSettings', config.baseUrl.message, { problem: 'baseUrl' });
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
  return { clientSettings, connect };
}
