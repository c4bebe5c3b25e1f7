/**
 * The local API's "messy" data set: the shapes real accounts produce, served through the same
 * routes, parameters and granularity rule as the clean set (syntheticData.ts).
 *
 * - SDK names in several styles (`NodeJSClient`, `Node.js Server SDK`, `go-server-sdk`, `iOS`,
 *   `LDRelay`…), the same SDK under two spellings, and "Unknown" names: left out, empty, null or
 *   sent as "Unknown";
 * - versions with pre-release and build metadata, with a `v` prefix or missing parts, versions
 *   that are not semantic versions at all, a version sent as a JSON number, and one pair of SDK and
 *   version sent twice (two metadata entries, which readers add up);
 * - more than ten series per source, so key "10" sorts before "2" as text; keys written in no
 *   particular order within a point, `time` among them;
 * - keys left out of many points (a missing key means 0 connections), and out of the last one;
 *   a series with no key in any point;
 * - points not in time order; values above 2^31; extra metadata keys (nested too).
 *
 * Deterministic like the clean set: values depend only on the series and the bucket time.
 */
import {
  bucketValue,
  bucketsFor,
  defs,
  granularityFor,
  hash01,
  metadataOf,
  seriesFor,
  shuffled,
  type BySdkVersionBody,
  type BySdkVersionParams,
  type SdkVersionsBody,
  type SeriesDefinition,
  type SeriesPoint,
  type StreamSource,
} from './syntheticData.js';

export interface MessySeriesDefinition extends SeriesDefinition {
  /** Share of the points (0…1) that leave this series' key out. */
  missing?: number;
  /** The last point (in time) leaves this series' key out. */
  missingLast?: boolean;
}

type Def = Omit<MessySeriesDefinition, 'source' | 'peakHourUtc'>;

/** A series whose metadata entry is sent as given; `sdk`/`version` are the names the API means. */
function sentAs(metadata: Record<string, unknown>, def: Def): Def {
  return { ...def, metadata };
}

const SERVER: MessySeriesDefinition[] = [
  ...defs('server', 15, [
    { sdk: 'NodeJSClient', version: '9.7.1', base: 4_210 },
    { sdk: 'NodeJSClient', version: '9.8.0-beta.2', base: 12, missing: 0.6 },
    { sdk: 'NodeJSClient', version: '9.5.0+build.77', base: 1_850 },
    { sdk: 'NodeJSClient', version: '8.11.2', base: 640, missing: 0.5 },
    { sdk: 'Node.js Server SDK', version: '9.7.1', base: 310 },
    { sdk: 'Node.js Server SDK', version: '7.0.4', base: 85, gaps: 'six-hours' },
  ]),
  ...defs('server', 14, [
    { sdk: 'GoClient', version: 'v7.4.0', base: 2_630 },
    { sdk: 'GoClient', version: '7.1', base: 930 },
    { sdk: 'GoClient', version: '6.2.1', base: 210, missingLast: true },
    { sdk: 'go-server-sdk', version: '7.4.0', base: 120, extra: { projectKey: 'default', environmentKey: 'production' } },
  ]),
  ...defs('server', 13, [
    { sdk: 'JavaClient', version: '7.5.0', base: 12_400 },
    // The same SDK and version a second time, in its own metadata entry.
    sentAs(
      { sdk: 'JavaClient', version: '7.5.0', source: 'server', environmentKey: 'staging' },
      { sdk: 'JavaClient', version: '7.5.0', base: 820 },
    ),
    { sdk: 'JavaClient', version: '6.3.0', base: 3_120 },
    { sdk: 'JavaClient', version: '5.10.9', base: 120, missing: 0.7 },
  ]),
  ...defs('server', 16, [
    { sdk: 'PythonClient', version: '9.4.0', base: 1_530 },
    { sdk: 'PythonClient', version: '8.3.0.post1', base: 380 },
    { sdk: 'python', version: '9.4.0rc1', base: 42 },
  ]),
  ...defs('server', 12, [
    { sdk: 'DotNetClient', version: '8.5.0', base: 2_240 },
    sentAs(
      {
        sdk: 'DotNetClient',
        version: '7.1.0',
        source: 'server',
        sdkType: null,
        eol: { status: 'EolNear', date: '2026-01-31' },
        connections: 3,
      },
      { sdk: 'DotNetClient', version: '7.1.0', base: 510 },
    ),
  ]),
  ...defs('server', 17, [
    { sdk: 'RubyClient', version: '8.6.0', base: 340 },
    { sdk: 'RubyClient', version: 'main', base: 48 },
  ]),
  ...defs('server', 18, [
    sentAs({ sdk: 'PHPClient', version: 6, source: 'server' }, { sdk: 'PHPClient', version: '6', base: 160 }),
    { sdk: 'PHPClient', version: '5.1.0', base: 9, gaps: 'days' },
  ]),
  ...defs('server', 11, [
    // The Relay Proxy holds more connections than a 32-bit integer can count.
    { sdk: 'LDRelay', version: '8.10.1', base: 9_000_000_000 },
    { sdk: 'LDRelay', version: '7.4.2', base: 2_700 },
  ]),
  ...defs('server', 10, [
    sentAs({ version: '2.0.0', source: 'server' }, { sdk: 'Unknown', version: '2.0.0', base: 75 }),
    { sdk: 'Unknown', version: 'Unknown', base: 33 },
    // Empty and null names read as "Unknown" too: the same pair as the entry above.
    sentAs({ sdk: '', version: null, source: 'server' }, { sdk: 'Unknown', version: 'Unknown', base: 21, missing: 0.4 }),
  ]),
  ...defs('server', 9, [
    { sdk: 'ErlangClient', version: '3.0.0', base: 5, missing: 1 },
    { sdk: 'HaskellServerClient', version: '4.0.0', base: 27, missing: 0.5, missingLast: true },
  ]),
];

const CLIENT: MessySeriesDefinition[] = [
  ...defs('client', 19, [
    { sdk: 'JSClient', version: '3.4.0', base: 8_800 },
    { sdk: 'JSClient', version: '3.1.2', base: 2_140, missing: 0.4 },
    { sdk: 'JSClient', version: '2.24.2', base: 450 },
    { sdk: 'JSClient', version: '3.5.0-alpha.1+exp.sha.5114f85', base: 14 },
    { sdk: 'js-client-sdk', version: '3.4.0', base: 700 },
  ]),
  ...defs('client', 1, [
    { sdk: 'iOS', version: '9.6.1', base: 3_310 },
    { sdk: 'iOS', version: '8.3.0', base: 420 },
    { sdk: 'iOS', version: '7.2.0', base: 18, gaps: 'six-hours' },
  ]),
  ...defs('client', 2, [
    { sdk: 'AndroidClient', version: '5.5.0', base: 2_900 },
    { sdk: 'AndroidClient', version: '4.2.3', base: 610, missingLast: true },
    { sdk: 'AndroidClient', version: 'snapshot-2024-11', base: 22 },
  ]),
  ...defs('client', 20, [
    { sdk: 'ReactNativeClient', version: '10.1.0', base: 560 },
    { sdk: 'ReactNativeClient', version: '9.0.0', base: 45, missing: 0.5 },
  ]),
  ...defs('client', 21, [
    { sdk: 'FlutterClientSdk', version: '4.7.0', base: 905 },
    { sdk: 'ElectronClient', version: '1.0.0-rc.1', base: 7 },
    sentAs(
      { sdk: 'RokuClient', version: '2.0.0', source: 'client', wrapper: { name: 'react', version: '3.1.0' } },
      { sdk: 'RokuClient', version: '2.0.0', base: 64 },
    ),
    sentAs({ source: 'client' }, { sdk: 'Unknown', version: 'Unknown', base: 40 }),
  ]),
];

const byIdentity = (d: MessySeriesDefinition, i: number) => `${d.sdk}|${d.version}|${d.base}|${i}`;

export const MESSY_SERIES_DEFINITIONS: Readonly<Record<StreamSource, readonly MessySeriesDefinition[]>> = {
  server: shuffled(SERVER, byIdentity, 'messy-order'),
  client: shuffled(CLIENT, byIdentity, 'messy-order'),
};

/** Versions seen in the past 60 days without connections now (sdkversions only), newer than any served. */
export const MESSY_EXTRA_SDK_VERSIONS: Readonly<Record<StreamSource, readonly Record<string, unknown>[]>> = {
  server: [
    { sdk: 'NodeJSClient', version: '9.9.0' },
    { sdk: 'GoClient', version: '7.5.0' },
    { sdk: 'CPPServer', version: '1.0.0' },
  ],
  client: [{ sdk: 'JSClient', version: '3.6.0' }, { version: '0.1.0' }],
};

function leftOut(def: MessySeriesDefinition, time: number, isLast: boolean): boolean {
  return (isLast && def.missingLast === true) || hash01('missing', def.sdk, def.version, def.base, time) < (def.missing ?? 0);
}

/** The body of GET …/bysdkversion from the messy set; write it with `messyBodyText`. */
export function messyBySdkVersionBody(params: BySdkVersionParams): BySdkVersionBody {
  const { source, from, to, now } = params;
  const granularity = granularityFor(from, now);
  const list = seriesFor(source, params.sdk, params.version, MESSY_SERIES_DEFINITIONS) as MessySeriesDefinition[];
  const buckets = bucketsFor(from, to, granularity, now, params.tz ?? 'UTC');
  const series = buckets.map((b, p) => {
    const point = { time: b.time } as SeriesPoint;
    list.forEach((def, i) => {
      if (!leftOut(def, b.time, p === buckets.length - 1)) point[String(i)] = bucketValue(def, b, granularity, now);
    });
    return point;
  });
  return {
    _links: { self: { href: `/api/v2/usage/streams/${source}/bysdkversion`, type: 'application/json' } },
    metadata: list.map(metadataOf),
    series: shuffled(series, (p) => String(p.time), 'messy-points'),
  };
}

/**
 * JSON text of a body with each point's keys in a shuffled order ("10" before "2", `time` anywhere):
 * `JSON.stringify` would always write integer-like keys in ascending numeric order.
 */
export function messyBodyText(body: BySdkVersionBody): string {
  const points = body.series.map((point) => {
    const keys = shuffled(Object.keys(point), (k) => `${point.time}|${k}`, 'messy-keys');
    return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(point[k])}`).join(',')}}`;
  });
  return `{"metadata":${JSON.stringify(body.metadata)},"series":[${points.join(',')}],"_links":${JSON.stringify(body._links)}}`;
}

/** The body of GET …/sdkversions from the messy set: names as the metadata sends them, plus the extras. */
export function messySdkVersionsBody(source: StreamSource): SdkVersionsBody {
  const seen = MESSY_SERIES_DEFINITIONS[source].map((d) => {
    const m = metadataOf(d);
    const entry: Record<string, unknown> = {};
    if ('sdk' in m) entry.sdk = m.sdk;
    if ('version' in m) entry.version = m.version;
    return entry;
  });
  const all = [...seen, ...MESSY_EXTRA_SDK_VERSIONS[source]];
  return { _links: {}, sdkVersions: shuffled(all, (e, i) => `${JSON.stringify(e)}|${i}`, 'messy-sdkversions') };
}
