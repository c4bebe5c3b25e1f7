/**
 * The UI side of failures: from an error's kind and facts, what people can do (the actions views
 * offer as buttons, tree commands or notification items) and the advice sentence that names the
 * commands and settings. The API layer only says what happened (src/api/errors.ts). Host side
 * only: the panel receives the presented message and actions (PanelStatus.error).
 */
import { isIP } from 'node:net';
import type { UsageErrorKind, UsageErrorFacts } from '../api/errors';
import type { LoadRefusal } from '../store';
import { MAX_MESSAGE_CHARS, capMiddle } from '../text';
import { SETTINGS, type UsageErrorAction } from '../contributions';
import { describeRangeMismatch } from './notes';
import { describeTimeRangeProblem } from './queryWords';

/** An error as views show it: what happened, what to do, and LaunchDarkly's error id for support. */
export interface PresentedError {
  readonly message: string;
  readonly actions: readonly UsageErrorAction[];
}

export interface ErrorToPresent extends UsageErrorFacts {
  readonly kind: UsageErrorKind;
  /** What happened, already made safe to show; unless the store refused the load, when `refusal` says why. */
  readonly message: string;
  readonly refusal?: LoadRefusal | undefined;
}

const SET_TOKEN_COMMAND = '"LaunchDarkly Usage: Set API Token"';
const BASE_URL = SETTINGS.baseUrl;
const CLOCK = "Check that this machine's clock is right.";
const CERTIFICATE_HINT =
  "If your network inspects TLS with a company root certificate, that root must be trusted on this machine: add it to the operating system's certificates (VS Code passes them to extensions while http.systemCertificates is on, the default) or name its file in the NODE_EXTRA_CA_CERTS environment variable, then restart VS Code. http.proxyStrictSSL does not apply to extensions' requests.";

/** What a notification says of a failure nobody foresaw; its details are in the log, one button away. */
export const UNEXPECTED_FAILURE_TEXT = 'Something went wrong; the log has the details.';
export const SHOW_OUTPUT_LABEL = 'Show Output';

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

/** What the certificate error code asks of people, besides trusting a company root. */
function certificateAdvice(error: ErrorToPresent): string | undefined {
  switch (error.systemCode) {
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return CLOCK;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return error.proxy && error.hostname && isIP(error.hostname)
        ? `Through a proxy, VS Code checks the certificate of a host written as an IP address against "localhost" instead of that address: write the host's name in ${BASE_URL}, or list ${error.hostname} in http.noProxy.`
        : `Check ${BASE_URL}.`;
    default:
      return undefined;
  }
}

function networkAdvice(error: ErrorToPresent): string {
  const hostname = error.hostname ?? 'the API host';
  switch (error.problem) {
    case 'proxyUnreachable':
      return `Check that the proxy is running and that http.proxy is right, or list ${hostname} in http.noProxy to reach it directly.`;
    case 'proxyAuth': {
      const where = error.proxy ? `http://user:password@${error.proxy}` : 'http://user:password@host:port';
      return `VS Code gives http.proxyAuthorization only to its own requests, not to extensions': put the user name and password into http.proxy (${where}), then reload the window.`;
    }
    case 'proxyRefused':
      return `Check with whoever runs the proxy that ${error.host ?? hostname} is allowed, or list it in http.noProxy if it can be reached directly, then refresh.`;
    case 'certificate':
      return [certificateAdvice(error), CERTIFICATE_HINT].filter(Boolean).join(' ');
    case 'dns':
      return `Check ${BASE_URL} and your network connection, then refresh.`;
    case 'handshake':
      return `Check ${BASE_URL}${error.proxy ? ' and http.proxy' : ''}, then refresh.`;
    default:
      return `Check your network${error.proxy ? ', http.proxy' : ' or proxy'} and ${BASE_URL}, then refresh.`;
  }
}

/** The sentence that says what to do, naming commands and settings; none where there is nothing to do. */
export function errorAdvice(error: ErrorToPresent, now: number): string | undefined {
  switch (error.kind) {
    case 'unauthorized':
      return `Set a working token with ${SET_TOKEN_COMMAND}.`;
    case 'noToken':
      return `Run ${SET_TOKEN_COMMAND}.`;
    case 'forbidden':
      return 'Use a token whose role can view usage (for example a Reader or Admin role), then refresh.';
    case 'betaHeaderMissing':
      return 'A proxy may be stripping it.';
    case 'badRequest':
      return 'Check the time range and filter, then refresh.';
    case 'notFound':
      return `Check the ${BASE_URL} setting and the source.`;
    case 'rateLimited':
      return `Try again ${error.retryAt === undefined ? 'in a few seconds' : describeRetryAt(error.retryAt, now)}.`;
    case 'server':
      return error.problem === 'webPage'
        ? `Check your proxy and ${BASE_URL}, then refresh.`
        : 'This is usually temporary: refresh in a minute.';
    case 'network':
      return networkAdvice(error);
    case 'timeout':
      return `Refresh to try again, or raise ${SETTINGS.requestTimeoutSeconds}.`;
    case 'redirect':
      return `Set ${BASE_URL} to the API host itself.`;
    case 'tooLarge':
      return 'Choose a shorter time range or filter by SDK.';
    case 'invalidResponse':
      switch (error.problem) {
        case 'webPage':
          return `Check ${BASE_URL} and your proxy, then refresh.`;
        case 'unreadable':
          return `Refresh to try again; if it persists, check ${BASE_URL} points at LaunchDarkly.`;
        case 'notJson':
        case 'unexpected':
          return 'Refresh to try again.';
        default:
          return undefined;
      }
    case 'invalidSettings':
    case 'cancelled':
      return undefined;
  }
}

/** What people can do about it, the first being the one a single button or tree item offers. */
export function errorActions(error: Pick<ErrorToPresent, 'kind' | 'problem'>): UsageErrorAction[] {
  switch (error.kind) {
    case 'unauthorized':
    case 'noToken':
      return ['setToken'];
    case 'forbidden':
      return ['setToken', 'refresh'];
    case 'badRequest':
      return ['chooseTimeRange', 'refresh'];
    case 'notFound':
    case 'redirect':
      return ['openSettings', 'refresh'];
    case 'invalidSettings':
      return error.problem === 'timeRange' ? ['chooseTimeRange'] : ['openSettings', 'refresh'];
    case 'network':
      return error.problem === 'proxyUnreachable' || error.problem === 'proxyAuth' || error.problem === 'certificate'
        ? ['openSettings', 'refresh']
        : ['refresh', 'openSettings'];
    case 'server':
      return error.problem === 'webPage' ? ['refresh', 'openSettings'] : ['refresh'];
    case 'invalidResponse':
      return error.problem === 'rangeMismatch' ? ['chooseTimeRange', 'refresh'] : ['refresh'];
    case 'rateLimited':
      // Refresh would be answered locally until the wait is over; the server may recover sooner.
      return ['tryNow'];
    case 'cancelled':
      return [];
    default:
      return ['refresh'];
  }
}

/** What happened, in words: a refused load's facts worded here, any other error's own message. */
export function whatHappened(error: ErrorToPresent): string {
  const { refusal } = error;
  if (!refusal) return error.message;
  return refusal.kind === 'rangeMismatch'
    ? `${describeRangeMismatch(refusal.returned, refusal.asked)}. Nothing was charted.`
    : describeTimeRangeProblem(refusal);
}

/**
 * The error as views show it: what happened, the advice, and LaunchDarkly's error id when it sent
 * one; at most MAX_MESSAGE_CHARS, cut in the middle of what happened so the advice stays whole.
 */
export function presentError(error: ErrorToPresent, now: number = Date.now()): PresentedError {
  const after = [errorAdvice(error, now), error.errorId && `LaunchDarkly error id: ${error.errorId}.`].filter(Boolean).join(' ');
  const happened = capMiddle(whatHappened(error), Math.max(0, MAX_MESSAGE_CHARS - (after ? after.length + 1 : 0)));
  return { message: [happened, after].filter(Boolean).join(' '), actions: errorActions(error) };
}
