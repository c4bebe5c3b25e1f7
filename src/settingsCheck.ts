/**
 * Checks of the settings whose values can be unusable. Each returns the value to use, or why it
 * cannot be used: a kind plus the facts, which src/presentation/settings.ts words. Pure, so the
 * rules are unit-tested; config.ts applies them to what it reads.
 */
import { isLoopbackHost } from './api/networkErrors';

export const DEFAULT_BASE_URL = 'https://app.launchdarkly.com';

/** Why the API host setting cannot be used. */
export type BaseUrlProblem =
  | { readonly kind: 'notUrl'; readonly text: string }
  | { readonly kind: 'credentials' }
  /** Plain http to a host other than this machine (the local demo API is the one exception). */
  | { readonly kind: 'plainHttp'; readonly origin: string }
  | { readonly kind: 'scheme'; readonly protocol: string }
  | { readonly kind: 'queryOrFragment' };

export type BaseUrlCheck = { readonly ok: true; readonly baseUrl: string } | { readonly ok: false; readonly problem: BaseUrlProblem };

/** The API host setting: https only, except plain http to this machine; no credentials, query or fragment. */
export function checkBaseUrl(text: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: { kind: 'notUrl', text } };
  }
  if (url.username || url.password) {
    return { ok: false, problem: { kind: 'credentials' } };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, problem: { kind: 'plainHttp', origin: url.origin } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: { kind: 'scheme', protocol: url.protocol } };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: { kind: 'queryOrFragment' } };
  }
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
