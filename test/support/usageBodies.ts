/**
 * Stream usage bodies shaped like the API's, made from a seed: dense ones (every series in every
 * minute) and the sparse one of issue 9. Used by the scanner's tests and the benchmarks.
 */
import { seededRandom } from './random';

/** Minutely points in a day: the bodies' default length. */
const POINTS = 1_440;
const T0 = 1_677_888_000_000;

/** Ten server-side SDK ids, which the generated bodies and reports cycle through. */
export const SERVER_SDK_IDS = [
  'node-server',
  'go-server-sdk',
  'java-server-sdk',
  'python-server-sdk',
  'ruby-server-sdk',
  'dotnet-server-sdk',
  'php-server-sdk',
  'rust-server-sdk',
  'erlang-server-sdk',
  'haskell-server-sdk',
];

/** A body shaped like the API's: _links, metadata, then one point per minute with a key per series. */
export function makeBody(seriesCount: number, points = POINTS, seed = seriesCount): string {
  const random = seededRandom(seed);
  const metadata = Array.from({ length: seriesCount }, (_, i) => ({
    sdk: SERVER_SDK_IDS[i % SERVER_SDK_IDS.length]!,
    version: `${1 + Math.floor(i / SERVER_SDK_IDS.length / 20)}.${Math.floor(i / SERVER_SDK_IDS.length) % 20}.${i % 7}`,
    source: 'server',
  }));
  // Each series drifts around its own level, from a few connections up to 20,000.
  const levels = Array.from({ length: seriesCount }, () => Math.floor(random() ** 3 * 20_000));
  const parts: string[] = [];
  for (let p = 0; p < points; p++) {
    let point = `{"time":${T0 + p * 60_000}`;
    for (let i = 0; i < seriesCount; i++) {
      levels[i] = Math.min(20_000, Math.max(0, levels[i]! + Math.floor((random() - 0.5) * 50)));
      point += `,"${i}":${levels[i]}`;
    }
    parts.push(`${point}}`);
  }
  return `{"_links":{"self":{"href":"/api/v2/usage/streams/server/bysdkversion"}},"metadata":${JSON.stringify(metadata)},"series":[${parts.join(',')}]}`;
}

/**
 * A body like the one in issue 9: `seriesCount` series with distinct SDK names and versions, each
 * present in one to four of the minutes, with 1 to 20,000 connections.
 */
export function makeSparseBody(seriesCount = 100_000, points = POINTS, seed = 9): string {
  const random = seededRandom(seed);
  const metadata = Array.from({ length: seriesCount }, (_, i) => ({
    sdk: `sdk-${i % 997}`,
    version: `${Math.floor(i / 997) % 30}.${Math.floor(i / 29_910)}.${i % 13}`,
    source: 'server',
  }));
  const keysAt: string[][] = Array.from({ length: points }, () => []);
  for (let i = 0; i < seriesCount; i++) {
    const present = 1 + Math.floor(random() * 4);
    for (let k = 0; k < present; k++) keysAt[Math.floor(random() * points)]!.push(`"${i}":${1 + Math.floor(random() ** 3 * 20_000)}`);
  }
  const parts = keysAt.map((keys, p) => `{"time":${T0 + p * 60_000}${keys.length ? `,${keys.join(',')}` : ''}}`);
  return `{"_links":{"self":{"href":"/api/v2/usage/streams/server/bysdkversion"}},"metadata":${JSON.stringify(metadata)},"series":[${parts.join(',')}]}`;
}
