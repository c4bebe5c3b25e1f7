/**
 * Why a connection to the API failed: certificate problems by name, an unreachable proxy, a proxy
 * that wants credentials, DNS, TLS handshakes. Pure: it reads the error node-fetch (or VS Code's
 * proxy agent under it) produced and the proxy settings it is given. The error says what happened
 * and carries the facts (host, proxy, system error code); what to do is the presentation's business.
 *
 * Messages quote only the error's code (an identifier like CERT_HAS_EXPIRED), never the error's
 * own text: that can carry a proxy URL with its credentials.
 */
import { UsageApiError, type UsageErrorProblem } from './errors';

/** Whether a host name is this machine: 127.x, localhost or ::1 (requests to it never go through a proxy). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** VS Code's `http.*` proxy settings, as read from the configuration. */
export interface ProxySettings {
  /** `http.proxy`: http://[user:password@]host:port (also https://, socks://). */
  readonly proxy?: string | undefined;
  /** `http.noProxy`: host names (or .domain suffixes, optionally :port) reached directly. */
  readonly noProxy?: readonly string[] | undefined;
  /** `http.proxySupport`: 'off' turns VS Code's proxy support for extensions off. */
  readonly proxySupport?: string | undefined;
}

/** Where a request goes and through what, for the messages. */
export interface ConnectionContext {
  /** The API URL that was requested. */
  readonly url: string;
  /** host:port of the proxy the request went through (never credentials), if any. */
  readonly proxy?: string | undefined;
}

/** Proxy URL schemes VS Code's proxy support understands, and their default ports. */
const PROXY_DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'http:': '80',
  'https:': '443',
  'socks:': '1080',
  'socks4:': '1080',
  'socks4a:': '1080',
  'socks5:': '1080',
  'socks5h:': '1080',
};

/** host:port of a proxy URL, without user name or password; undefined when it is not one. */
export function proxyHostPort(proxyUrl: string | undefined): string | undefined {
  const text = proxyUrl?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const defaultPort = PROXY_DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined || !url.hostname) return undefined;
  return `${url.hostname}:${url.port || defaultPort}`;
}

/** Whether an `http.noProxy` / NO_PROXY list sends `hostname:port` directly (VS Code's rule: suffix match, optional port, '*' for all). */
function bypassesProxy(noProxy: readonly string[], hostname: string, port: string): boolean {
  const host = `.${hostname.toLowerCase()}`;
  return noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const [name, entryPort] = entry.split(':', 2);
    if (!name) return false;
    return host.endsWith(name.startsWith('.') ? name : `.${name}`) && (!entryPort || entryPort === port);
  });
}

/**
 * The proxy (host:port, no credentials) VS Code routes a request for `url` through, following the
 * rules of its proxy support for extensions: loopback goes direct; `http.noProxy` (or NO_PROXY when
 * that is empty) goes direct; then `http.proxy`, then HTTPS_PROXY/HTTP_PROXY. A system proxy that
 * VS Code finds by itself is not known here: then undefined.
 */
export function proxyFor(url: string, settings: ProxySettings, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (settings.proxySupport === 'off') return undefined;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  if (isLoopbackHost(target.hostname)) return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  const noProxy = settings.noProxy?.length ? settings.noProxy : (env.no_proxy ?? env.NO_PROXY ?? '').split(',');
  if (bypassesProxy(noProxy, hostname, port)) return undefined;
  return proxyHostPort(settings.proxy) ?? proxyHostPort(env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY);
}

/** The first error code along the error and its `cause` chain (node-fetch copies the system error's code onto its FetchError). */
export function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (
    let current = error;
    current && typeof current === 'object' && !seen.has(current);
    current = (current as { cause?: unknown }).cause
  ) {
    seen.add(current);
    for (const key of ['code', 'errno'] as const) {
      const value = (current as Record<string, unknown>)[key];
      // Only identifier-shaped codes are quoted: never free text.
      if (typeof value === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(value)) return value;
    }
  }
  return undefined;
}

/** The messages along the error and its `cause` chain: read to recognise failures, never quoted. */
function messages(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (
    let current = error;
    current && typeof current === 'object' && !seen.has(current);
    current = (current as { cause?: unknown }).cause
  ) {
    seen.add(current);
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string') parts.push(message);
  }
  return parts.join('\n');
}

/** What each certificate error code means, by the system error code. */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed, and this machine does not trust it',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain ends in a root certificate this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'its TLS certificate was issued by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate was issued by an unknown certificate authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate was issued by an unknown certificate authority',
  CERT_UNTRUSTED: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
  CERT_REVOKED: 'its TLS certificate has been revoked',
  CERT_SIGNATURE_FAILURE: "its TLS certificate's signature is invalid",
  CERT_REJECTED: 'its TLS certificate was rejected',
  INVALID_CA: 'its TLS certificate chain contains an invalid certificate authority',
};

const CONNECTION_PROBLEMS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed while sending',
};

function isHandshakeFailure(code: string | undefined, text: string): boolean {
  return (
    code === 'EPROTO' ||
    (code !== undefined && code.startsWith('ERR_SSL_')) ||
    /before secure TLS connection was established|handshake failure|wrong version number|alert number \d+/i.test(text)
  );
}

/** `Could not reach host (through the proxy p): why (CODE).` */
function reachMessage(host: string, context: ConnectionContext, why: string, code: string | undefined): string {
  const via = context.proxy ? ` through the proxy ${context.proxy}` : '';
  return `Could not reach ${host}${via}: ${why}${code ? ` (${code})` : ''}.`;
}

/**
 * The error for a request that failed before any HTTP answer (timeouts, cancellation and size
 * limits are the client's own business and are handled before this).
 */
export function connectionFailure(error: unknown, context: ConnectionContext): UsageApiError {
  const url = new URL(context.url);
  const host = url.host;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const code = errorCode(error);
  const text = messages(error);
  const failure = (problem: UsageErrorProblem | undefined, message: string) =>
    new UsageApiError('network', message, { problem, host, hostname, proxy: context.proxy, systemCode: code });

  // VS Code's proxy agent replaces a failed connection to the proxy with this, without a code.
  if (/Failed to establish a socket connection to proxies/i.test(text)) {
    return failure(
      'proxyUnreachable',
      `Could not connect to ${context.proxy ? `the proxy ${context.proxy}` : 'the proxy VS Code uses'} to reach ${host}.`,
    );
  }
  const certificate = code ? CERTIFICATE_PROBLEMS[code] : undefined;
  if (certificate) {
    return failure('certificate', reachMessage(host, context, certificate, code));
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    const why =
      code === 'EAI_AGAIN'
        ? `the name ${hostname} could not be looked up just now (temporary DNS failure)`
        : `the name ${hostname} could not be found (DNS)`;
    return failure('dns', reachMessage(host, context, why, code));
  }
  if (isHandshakeFailure(code, text)) {
    const between = context.proxy ? `the proxy ${context.proxy} or` : 'a proxy, firewall or';
    return failure(
      'handshake',
      `${reachMessage(host, context, 'the TLS handshake failed', code)} The host may not speak https on that port, or ${between} something else in between broke the connection.`,
    );
  }
  return failure(undefined, reachMessage(host, context, (code && CONNECTION_PROBLEMS[code]) ?? 'the connection failed', code));
}

/** Statuses proxies refuse a CONNECT with (besides 407), which VS Code's agent hands on as the answer. */
const PROXY_REFUSAL_STATUSES: ReadonlySet<number> = new Set([403, 502, 503, 504]);

/**
 * An HTTP status that came from the proxy rather than from LaunchDarkly: 407 always does; 403 and
 * 502–504 do when a proxy is in use and the body is not LaunchDarkly's JSON error. VS Code's proxy
 * agent hands a refused CONNECT to the client as that HTTP answer.
 */
export function proxyStatusFailure(status: number, fromLaunchDarkly: boolean, context: ConnectionContext): UsageApiError | undefined {
  const url = new URL(context.url);
  const host = url.host;
  const facts = { status, host, hostname: url.hostname.replace(/^\[|\]$/g, ''), proxy: context.proxy };
  const proxy = context.proxy ? `The proxy ${context.proxy}` : 'A proxy between VS Code and the API host';
  if (status === 407) {
    return new UsageApiError('network', `${proxy} asks for a user name and password (407 Proxy Authentication Required).`, {
      ...facts,
      problem: 'proxyAuth',
    });
  }
  if (!context.proxy || fromLaunchDarkly || !PROXY_REFUSAL_STATUSES.has(status)) return undefined;
  const what = status >= 500 ? `could not get through to ${host}` : `refused the connection to ${host}`;
  return new UsageApiError('network', `${proxy} ${what} (HTTP ${status}).`, { ...facts, problem: 'proxyRefused' });
}
