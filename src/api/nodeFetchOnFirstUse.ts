/**
 * node-fetch as the extension host's bundle gets it: esbuild.mjs aliases the package to this file,
 * and bundles the library (with its polyfills, about 31 kB) into a file of its own, dist/fetch.js,
 * which is required on the first request instead of at activation. Requests still go through
 * Node's http stack, which VS Code patches for proxies. Tests and tools import node-fetch itself.
 */
import type nodeFetch from 'node-fetch';

let loaded: typeof nodeFetch | undefined;

export default function fetch(url: Parameters<typeof nodeFetch>[0], init?: Parameters<typeof nodeFetch>[1]): ReturnType<typeof nodeFetch> {
  // Beside dist/extension.js once bundled; the path is the extension's own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('./fetch.js') as { default: typeof nodeFetch }).default;
  return loaded(url, init);
}
