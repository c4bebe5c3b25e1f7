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

import type { UsageErrorAction } from '../presentation/labels';
// The webview still imports the type from here until it takes it from the presentation module.
export type { UsageErrorAction };

/** What an error body from LaunchDarkly says, already made safe to show (see `serverText`). */
export interface ServerErrorBody {
  readonly message?: string;
  readonly code?: string;
  /** LaunchDarkly's id for this error; its support asks for it. */
  readonly id?: string;
}

export class UsageApiError extends Error {
  readonly kind: UsageErrorKind;
  readonly status: number | undefined;
  /** Epoch ms after which a retry makes sense (rate limits). */
  readonly retryAt: number | undefined;
  readonly actions: readonly UsageErrorAction[];
  /** The error body's `code` and `id`, when the API sent them (logged; the id is also in the message). */
  readonly code: string | undefined;
  readonly errorId: string | undefined;

  constructor(
    kind: UsageErrorKind,
    message: string,
    options: { status?: number; retryAt?: number; actions?: readonly UsageErrorAction[]; code?: string; errorId?: string } = {},
  ) {
    super(message);
    this.name = 'UsageApiError';
    this.kind = kind;
    this.status = options.status;
    this.retryAt = options.retryAt;
    this.actions = options.actions ?? defaultActions(kind);
    this.code = options.code;
    this.errorId = options.errorId;
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

/** "now" / "in 12 seconds" / "at 14:05:09", and the date too when that is not today. */
export function describeRetryAt(retryAt: number, now: number): string {
  if (retryAt <= now) {
    return 'now';
  }
  const seconds = Math.ceil((retryAt - now) / 1000);
  if (seconds < 120) {
    return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const at = new Date(retryAt);
  const today = new Date(now);
  const time = `at ${at.toLocaleTimeString()}`;
  const sameDay = at.getFullYear() === today.getFullYear() && at.getMonth() === today.getMonth() && at.getDate() === today.getDate();
  return sameDay ? time : `${time} on ${at.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
}

/** The server's own explanation, when its error body has one worth showing. */
function serverSays(serverMessage: string | undefined): string {
  return serverMessage ? ` The server said: "${serverMessage}".` : '';
}

/** Maps an HTTP status (and the server's error body, already made safe to show) to the message people see. */
export function errorForStatus(status: number, body: ServerErrorBody | undefined, retryAt: number | undefined, now: number): UsageApiError {
  const { kind, message, actions } = describeStatus(status, body?.message, retryAt, now);
  const withId = body?.id ? `${message} LaunchDarkly error id: ${body.id}.` : message;
  return new UsageApiError(kind, withId, { status, retryAt, actions, code: body?.code, errorId: body?.id });
}

function describeStatus(
  status: number,
  serverMessage: string | undefined,
  retryAt: number | undefined,
  now: number,
): { kind: UsageErrorKind; message: string; actions?: UsageErrorAction[] } {
  switch (status) {
    case 400:
      return {
        kind: 'badRequest',
        message: `LaunchDarkly rejected the request (400).${serverSays(serverMessage)} Check the time range and filter, then refresh.`,
      };
    case 401:
      // LaunchDarkly documents 401 as "unauthorized or does not have permission for this API call".
      return {
        kind: 'unauthorized',
        message:
          'The API access token is invalid, revoked, or lacks permission for this API call (401). Set a working token with "LaunchDarkly Usage: Set API Token".',
      };
    case 403:
      if (serverMessage && /beta/i.test(serverMessage)) {
        return {
          kind: 'betaHeaderMissing',
          message: `LaunchDarkly refused the beta usage API (403): the request lacked the LD-API-Version: beta header.${serverSays(serverMessage)} A proxy may be stripping it.`,
          actions: ['refresh'],
        };
      }
      return {
        kind: 'forbidden',
        message: 'The API access token lacks permission to read usage data (403). Use a token whose role can view usage (for example a Reader or Admin role), then refresh.',
      };
    case 404:
      return {
        kind: 'notFound',
        message: `LaunchDarkly answered "not found" (404).${serverSays(serverMessage)} Check the launchdarklyUsage.baseUrl setting and the source.`,
      };
    case 429:
      return {
        kind: 'rateLimited',
        message: `LaunchDarkly's API rate limit was reached (429). Try again ${retryAt === undefined ? 'in a few seconds' : describeRetryAt(retryAt, now)}.`,
      };
    default:
      if (status >= 500) {
        return { kind: 'server', message: `LaunchDarkly's API had a server error (${status}). This is usually temporary: refresh in a minute.` };
      }
      return { kind: 'invalidResponse', message: `LaunchDarkly's API answered with unexpected status ${status}.${serverSays(serverMessage)}` };
  }
}
