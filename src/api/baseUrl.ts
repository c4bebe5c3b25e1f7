/** The API host setting: https only, except plain http to this machine (the local demo API). */

export const DEFAULT_BASE_URL = 'https://app.launchdarkly.com';

export type BaseUrlCheck = { ok: true; baseUrl: string } | { ok: false; message: string };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function checkBaseUrl(text: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: `launchdarklyUsage.baseUrl "${text}" is not a URL. Use ${DEFAULT_BASE_URL} (or your instance's host).` };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'launchdarklyUsage.baseUrl must not contain a user name or password.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `launchdarklyUsage.baseUrl must use https (plain http is allowed only for 127.0.0.1 or localhost): ${url.origin}`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `launchdarklyUsage.baseUrl must be an https URL, not ${url.protocol}` };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'launchdarklyUsage.baseUrl must not contain a query or fragment.' };
  }
  return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
