/**
 * Typed failures of the usage API. Each says what happened, in words, and carries the facts behind
 * it (kind, status, retry time, LaunchDarkly's error code and id, the host, the proxy, the system
 * error code) but not what to do about it: the presentation module (src/presentation/errors.ts)
 * turns kinds and facts into advice and actions. Messages never contain the access token.
 */

export type UsageErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'betaHeaderMissing'
  | 'notFound'
  | 'badRequest'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'tooLarge'
  | 'invalidResponse'
  | 'noToken'
  | 'invalidSettings'
  | 'cancelled';

/** Which of the situations a kind covers, where what to do differs between them. */
export type UsageErrorProblem =
  /** rateLimited: the wait is not over, so no request was made. */
  | 'answeredLocally'
  /** network: the proxy could not be connected to. */
  | 'proxyUnreachable'
  /** network: the proxy wants a user name and password (407). */
  | 'proxyAuth'
  /** network: the proxy refused or could not complete the connection (403, 502–504 from the proxy). */
  | 'proxyRefused'
  /** network: the host's TLS certificate was refused (`systemCode` says why). */
  | 'certificate'
  /** network: the host name could not be looked up. */
  | 'dns'
  /** network: the TLS handshake failed. */
  | 'handshake'
  /** server, invalidResponse: a web page came instead of JSON (a proxy, gateway or captive portal). */
  | 'webPage'
  /** invalidResponse: the body is not JSON. */
  | 'notJson'
  /** invalidResponse: JSON of a shape this extension cannot read. */
  | 'unreadable'
  /** invalidResponse: the data lies wholly outside the range asked for. */
  | 'rangeMismatch'
  /** invalidResponse: an exception of our own while loading. */
  | 'unexpected'
  /** tooLarge: memory ran out while the answer was read, whatever its size (no cap need have been passed). */
  | 'outOfMemory'
  /** invalidSettings: the API host setting is not usable (the message says why). */
  | 'baseUrl'
  /** invalidSettings: the time range cannot be asked for. */
  | 'timeRange';

/** What an error body from LaunchDarkly says, already made safe to show (see `serverText`). */
export interface ServerErrorBody {
  readonly message?: string;
  readonly code?: string;
  /** LaunchDarkly's id for this error; its support asks for it. */
  readonly id?: string;
}

export interface UsageErrorFacts {
  readonly status?: number | undefined;
  /** Epoch ms after which a retry makes sense (rate limits). */
  readonly retryAt?: number | undefined;
  /** The error body's `code` and `id`, when the API sent them. */
  readonly code?: string | undefined;
  readonly errorId?: string | undefined;
  readonly problem?: UsageErrorProblem | undefined;
  /** host[:port] of the URL asked for, and its host name without IPv6 brackets. */
  readonly host?: string | undefined;
  readonly hostname?: string | undefined;
  /** host:port of the proxy the request went through (never credentials). */
  readonly proxy?: string | undefined;
  /** The system error's code (CERT_HAS_EXPIRED, ENOTFOUND…). */
  readonly systemCode?: string | undefined;
}

export class UsageApiError extends Error implements UsageErrorFacts {
  readonly kind: UsageErrorKind;
  readonly status: number | undefined;
  readonly retryAt: number | undefined;
  readonly code: string | undefined;
  readonly errorId: string | undefined;
  readonly problem: UsageErrorProblem | undefined;
  readonly host: string | undefined;
  readonly hostname: string | undefined;
  readonly proxy: string | undefined;
  readonly systemCode: string | undefined;

  constructor(kind: UsageErrorKind, message: string, facts: UsageErrorFacts = {}) {
    super(message);
    this.name = 'UsageApiError';
    this.kind = kind;
    this.status = facts.status;
    this.retryAt = facts.retryAt;
    this.code = facts.code;
    this.errorId = facts.errorId;
    this.problem = facts.problem;
    this.host = facts.host;
    this.hostname = facts.hostname;
    this.proxy = facts.proxy;
    this.systemCode = facts.systemCode;
  }

  /** The same failure told in other words (made safe to show, say); every fact kept. */
  withMessage(message: string): UsageApiError {
    return new UsageApiError(this.kind, message, this);
  }
}

/** A body past a size limit: `what` says which ("was larger than 32 MB"). */
export function tooLargeError(what: string): UsageApiError {
  return new UsageApiError('tooLarge', `The response ${what} and was not loaded.`);
}

/** An allocation failed (a RangeError) while reading an answer: the answer, not the network, was the problem. */
export function outOfMemoryError(): UsageApiError {
  return new UsageApiError('tooLarge', 'The response was too large to hold in memory and was not loaded.', { problem: 'outOfMemory' });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof UsageApiError && error.kind === 'cancelled';
}

/** The server's own explanation, when its error body has one worth showing. */
function serverSays(serverMessage: string | undefined): string {
  return serverMessage ? ` The server said: "${serverMessage}".` : '';
}

/** Maps an HTTP status (and the server's error body, already made safe to show) to what happened. */
export function errorForStatus(status: number, body: ServerErrorBody | undefined, retryAt: number | undefined): UsageApiError {
  const { kind, message } = describeStatus(status, body?.message);
  return new UsageApiError(kind, message, { status, retryAt, code: body?.code, errorId: body?.id });
}

function describeStatus(status: number, serverMessage: string | undefined): { kind: UsageErrorKind; message: string } {
  switch (status) {
    case 400:
      return { kind: 'badRequest', message: `LaunchDarkly rejected the request (400).${serverSays(serverMessage)}` };
    case 401:
      // LaunchDarkly documents 401 as "unauthorized or does not have permission for this API call".
      return { kind: 'unauthorized', message: 'The API access token is invalid, revoked, or lacks permission for this API call (401).' };
    case 403:
      if (serverMessage && /beta/i.test(serverMessage)) {
        return {
          kind: 'betaHeaderMissing',
          message: `LaunchDarkly refused the beta usage API (403): the request lacked the LD-API-Version: beta header.${serverSays(serverMessage)}`,
        };
      }
      return { kind: 'forbidden', message: 'The API access token lacks permission to read usage data (403).' };
    case 404:
      return { kind: 'notFound', message: `LaunchDarkly answered "not found" (404).${serverSays(serverMessage)}` };
    case 429:
      return { kind: 'rateLimited', message: "LaunchDarkly's API rate limit was reached (429)." };
    default:
      if (status >= 500) {
        return { kind: 'server', message: `LaunchDarkly's API had a server error (${status}).` };
      }
      return {
        kind: 'invalidResponse',
        message: `LaunchDarkly's API answered with unexpected status ${status}.${serverSays(serverMessage)}`,
      };
  }
}
