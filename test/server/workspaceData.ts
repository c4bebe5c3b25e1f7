/**
 * The local API's "workspace" data set: SDKs named as the catalogue knows them, in several of its
 * spellings (User-Agent tokens such as `NodeJSClient`, display names, sdk-meta ids), with versions
 * a service's manifests and lockfiles name, so the workspace's dependencies (test/fixtures of the
 * integration and e2e suites) find their series: the newest release of each SDK, one a major
 * behind, one older, and the same Node.js version under two spellings. LaunchDarkly's SDK versions
 * report speaks of these series too. Tidy otherwise: every key in every point, as the clean set.
 */
import {
  bySdkVersionBody,
  defs,
  shuffled,
  type BySdkVersionBody,
  type BySdkVersionParams,
  type SdkVersionsBody,
  type SeriesDefinition,
  type StreamSource,
} from './syntheticData.js';

const SERVER: SeriesDefinition[] = [
  ...defs('server', 15, [
    { sdk: 'NodeJSClient', version: '9.13.0', base: 3_120 },
    { sdk: 'NodeJSClient', version: '9.7.1', base: 1_420 },
    { sdk: 'NodeJSClient', version: '7.0.4', base: 96 },
    { sdk: 'Node.js Server SDK', version: '9.7.1', base: 210 },
  ]),
  ...defs('server', 14, [
    { sdk: 'GoClient', version: '7.15.0', base: 2_200 },
    { sdk: 'GoClient', version: '6.2.1', base: 640 },
    { sdk: 'GoClient', version: '5.10.0', base: 12 },
  ]),
  ...defs('server', 16, [
    { sdk: 'python-server-sdk', version: '9.16.0', base: 1_310 },
    { sdk: 'python-server-sdk', version: '8.3.0', base: 260 },
    { sdk: 'python-server-sdk', version: '7.1.0', base: 44 },
  ]),
  ...defs('server', 12, [
    { sdk: 'DotNetClient', version: '8.16.0', base: 1_870 },
    { sdk: 'DotNetClient', version: '7.1.0', base: 330 },
    { sdk: 'DotNetClient', version: '6.1.0', base: 18 },
  ]),
  ...defs('server', 13, [
    { sdk: 'Java Server SDK', version: '7.15.0', base: 5_400 },
    { sdk: 'Java Server SDK', version: '6.3.0', base: 720 },
    { sdk: 'Java Server SDK', version: '5.1.0', base: 30 },
  ]),
];

const CLIENT: SeriesDefinition[] = [
  ...defs('client', 19, [
    { sdk: 'JSClient', version: '3.9.0', base: 4_100 },
    { sdk: 'JSClient', version: '3.1.2', base: 920 },
    { sdk: 'JSClient', version: '2.24.2', base: 80 },
  ]),
  ...defs('client', 2, [
    { sdk: 'AndroidClient', version: '5.15.0', base: 1_900 },
    { sdk: 'AndroidClient', version: '4.2.3', base: 300 },
  ]),
  ...defs('client', 1, [
    { sdk: 'iOS', version: '11.5.0', base: 2_600 },
    { sdk: 'iOS', version: '9.6.1', base: 150 },
  ]),
  ...defs('client', 21, [
    { sdk: 'FlutterClientSdk', version: '4.20.0', base: 700 },
    { sdk: 'FlutterClientSdk', version: '3.0.3', base: 25 },
  ]),
  ...defs('client', 20, [
    { sdk: 'react-client-sdk', version: '3.8.0', base: 1_150 },
    { sdk: 'ReactNativeClient', version: '10.19.0', base: 640 },
  ]),
];

export const WORKSPACE_SERIES_DEFINITIONS: Readonly<Record<StreamSource, readonly SeriesDefinition[]>> = {
  server: shuffled(SERVER, (d) => `${d.sdk}|${d.version}`, 'workspace-order'),
  client: shuffled(CLIENT, (d) => `${d.sdk}|${d.version}`, 'workspace-order'),
};

/** The body of GET …/bysdkversion from the workspace set. */
export function workspaceBySdkVersionBody(params: BySdkVersionParams): BySdkVersionBody {
  return bySdkVersionBody(params, WORKSPACE_SERIES_DEFINITIONS);
}

/** The body of GET …/sdkversions from the workspace set: the versions it serves. */
export function workspaceSdkVersionsBody(source: StreamSource): SdkVersionsBody {
  return { _links: {}, sdkVersions: WORKSPACE_SERIES_DEFINITIONS[source].map((d) => ({ sdk: d.sdk, version: d.version })) };
}
