/**
 * Typed failures of the usage API. Every message here is shown to people as-is, so it says what
 * happened and what to do next, and never contains the access token.
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

/** What the user can do about a failure; views turn these into buttons or tree actions. */
export type UsageErrorAction = 'setToken' | 'refresh' | 'openSettings' | 'chooseTimeRange';

export class UsageApiError extends Error {
  readonly kind: UsageErrorKind;
  readonly status: number | undefined;
  /** Epoch ms after which a retry makes sense (rate limits). */
  readonly retryAt: number | undefined;
  readonly actions: readonly UsageErrorAction[];

  constructor(
    kind: UsageErrorKind,
    message: string,
    options: { status?: number; retryAt?: number; actions?: readonly UsageErrorAction[] } = {},
  ) {
    super(message);
    this.name = 'UsageApiError';
    this.kind = kind;
    this.status = options.status;
    this.retryAt = options.retryAt;
    this.actions = options.actions ?? defaultActions(kind);
  }
}

function defaultActions(kind: UsageErrorKind): UsageErrorAction[] {
  switch (kind) {
    case 'unauthorized':
    case 'noToken':
      return ['setToken'];
    case 'forbidden':
      return ['setToken', 'refresh'];
    case 'badRequest':
      return ['chooseTimeRange', 'refresh'];
    case 'notFound':
    case 'redirect':
    case 'invalidSettings':
      return ['openSettings', 'refresh'];
    case 'network':
      return ['refresh', 'openSettings'];
    case 'cancelled':
      return [];
    default:
      return ['refresh'];
  }
}

/** A body past a size limit: `what` says which ("was larger than 32 MB"). */
export function tooLargeError(what: string): UsageApiError {
  return new UsageApiError('tooLarge', `The response ${what} and was not loaded. Choose a shorter time range or filter by SDK.`);
}

/** An allocation failed (a RangeError) while reading an answer: the answer, not the network, was the problem. */
export function outOfMemoryError(): UsageApiError {
  return tooLargeError('was too large to hold in memory');
}

export function isCancellation(error: unknown): boolean {
  return error instanceof UsageApiError && error.kind === 'cancelled';
}

/** "in 12 seconds" / "at 14:05:09": when a rate-limited request may be tried again. */
export function describeRetryAt(retryAt: number, now: number): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  if (seconds < 120) {
    return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  return `at ${new Date(retryAt).toLocaleTimeString()}`;
}

/** The server's own explanation, when its error body has one worth showing. */
function serverSays(serverMessage: string | undefined): string {
  return serverMessage ? ` The server said: "${serverMessage}".` : '';
}

/** Maps an HTTP status (and the server's error body) to the message people see. */
export function errorForStatus(
  status: number,
  serverMessage: string | undefined,
  retryAt: number | undefined,
  now: number,
): UsageApiError {
  switch (status) {
    case 400:
      return new UsageApiError(
        'badRequest',
        `LaunchDarkly rejected the request (400).${serverSays(serverMessage)} Check the time range and filter, then refresh.`,
        { status },
      );
    case 401:
      return new UsageApiError(
        'unauthorized',
        'The API access token is invalid or has been revoked (401). Set a new token with "LaunchDarkly Usage: Set API Token".',
        { status },
      );
    case 403:
      if (serverMessage && /beta/i.test(serverMessage)) {
        return new UsageApiError(
          'betaHeaderMissing',
          `LaunchDarkly refused the beta usage API (403): the request lacked the LD-API-Version: beta header.${serverSays(serverMessage)} A proxy may be stripping it.`,
          { status, actions: ['refresh'] },
        );
      }
      return new UsageApiError(
        'forbidden',
        'The API access token lacks permission to read usage data (403). Use a token whose role can view usage (for example a Reader or Admin role), then refresh.',
        { status },
      );
    case 404:
      return new UsageApiError(
        'notFound',
        `LaunchDarkly answered "not found" (404).${serverSays(serverMessage)} Check the launchdarklyUsage.baseUrl setting and the source.`,
        { status },
      );
    case 429: {
      const when = retryAt === undefined ? 'in a few seconds' : describeRetryAt(retryAt, now);
      return new UsageApiError(
        'rateLimited',
        `LaunchDarkly's API rate limit was reached (429). Try again ${when}.`,
        { status, retryAt },
      );
    }
    default:
      if (status >= 500) {
        return new UsageApiError(
          'server',
          `LaunchDarkly's API had a server error (${status}). This is usually temporary: refresh in a minute.`,
          { status },
        );
      }
      return new UsageApiError(
        'invalidResponse',
        `LaunchDarkly's API answered with unexpected status ${status}.${serverSays(serverMessage)}`,
        { status },
      );
  }
}
