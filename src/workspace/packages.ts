/**
 * Which packages are LaunchDarkly SDKs (from ../shared/launchdarkly-sdks.md), per registry, with each
 * registry's rule for when two spellings name the same package: PyPI ignores case and treats `_`,
 * `-` and `.` alike (PEP 503); NuGet and Composer ignore case; npm, Maven, Go, RubyGems and pub do
 * not. A Go module's major version is part of its path (`…/go-server-sdk/v7`, `gopkg.in/…/go-server-sdk.v5`).
 */
import type { Ecosystem } from './types';

const PACKAGES: Readonly<Record<Ecosystem, Readonly<Record<string, string>>>> = {
  npm: {
    'ldclient-node': 'node-server',
    'launchdarkly-node-server-sdk': 'node-server',
    '@launchdarkly/node-server-sdk': 'node-server',
    '@launchdarkly/server-sdk-ai': 'server-ai',
    'ldclient-js': 'js-client-sdk',
    'launchdarkly-js-client-sdk': 'js-client-sdk',
    '@launchdarkly/js-client-sdk': 'browser',
    'launchdarkly-react-client-sdk': 'react-client-sdk',
    '@launchdarkly/react-sdk': 'react-client-sdk',
    'launchdarkly-react-native-client-sdk': 'react-native',
    '@launchdarkly/react-native-client-sdk': 'react-native',
    'launchdarkly-node-client-sdk': 'node-client-sdk',
    '@launchdarkly/node-client-sdk': 'node-client-sdk',
    'launchdarkly-vue-client-sdk': 'vue',
    '@launchdarkly/vue-client-sdk': 'vue',
    'launchdarkly-electron-client-sdk': 'electron',
    '@launchdarkly/svelte-client-sdk': 'svelte',
    '@launchdarkly/cloudflare-server-sdk': 'cloudflare',
    '@launchdarkly/vercel-server-sdk': 'vercel',
    '@launchdarkly/fastly-server-sdk': 'fastly',
    '@launchdarkly/shopify-oxygen-sdk': 'shopify-oxygen',
    '@launchdarkly/akamai-server-base-sdk': 'akamai-base',
    '@launchdarkly/akamai-server-edgekv-sdk': 'akamai-edgekv',
  },
  // Keys are module paths without their major suffix.
  go: {
    'gopkg.in/launchdarkly/go-client': 'go-server-sdk',
    'gopkg.in/launchdarkly/go-server-sdk': 'go-server-sdk',
    'github.com/launchdarkly/go-server-sdk': 'go-server-sdk',
    'gopkg.in/launchdarkly/ld-relay': 'relay-proxy',
    'github.com/launchdarkly/ld-relay': 'relay-proxy',
  },
  // Keys are PEP 503 normal forms.
  pypi: {
    'ldclient-py': 'python-server-sdk',
    'launchdarkly-server-sdk': 'python-server-sdk',
  },
  // Keys are `groupId:artifactId`.
  maven: {
    'com.launchdarkly:launchdarkly-client': 'java-server-sdk',
    'com.launchdarkly:launchdarkly-java-server-sdk': 'java-server-sdk',
    'com.launchdarkly:launchdarkly-android-client-sdk': 'android',
  },
  // Keys are lower case.
  nuget: {
    'launchdarkly.client': 'dotnet-server-sdk',
    'launchdarkly.serversdk': 'dotnet-server-sdk',
    'launchdarkly.xamarin': 'dotnet-client-sdk',
    'launchdarkly.xamarinsdk': 'dotnet-client-sdk',
    'launchdarkly.clientsdk': 'dotnet-client-sdk',
  },
  rubygems: {
    'ldclient-rb': 'ruby-server-sdk',
    'launchdarkly-server-sdk': 'ruby-server-sdk',
  },
  // Keys are lower case.
  composer: {
    'launchdarkly/launchdarkly-php': 'php-server-sdk',
    'launchdarkly/server-sdk': 'php-server-sdk',
  },
  // A pod's subspecs (`LaunchDarkly/Core`) count as the pod.
  cocoapods: {
    LaunchDarkly: 'swift-client-sdk',
  },
  // Keys are repository locations as `canonicalRepositoryUrl` writes them.
  swiftpm: {
    'github.com/launchdarkly/ios-client-sdk': 'swift-client-sdk',
  },
  pub: {
    launchdarkly_flutter_client_sdk: 'flutter-client-sdk',
  },
};

/** PEP 503: lower case, and every run of `-`, `_`, `.` is one `-`. */
export function pep503Name(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A Go module path without its major suffix: `github.com/x/y/v7` and `gopkg.in/x/y.v5` → `github.com/x/y`, `gopkg.in/x/y`. */
function goModuleBase(path: string): string {
  return path.startsWith('gopkg.in/') ? path.replace(/\.v\d+$/, '') : path.replace(/\/v\d+$/, '');
}

/**
 * A git repository location as SwiftPM pins name it (`https://github.com/LaunchDarkly/ios-client-sdk.git`,
 * `git@github.com:launchdarkly/ios-client-sdk`) reduced to `github.com/launchdarkly/ios-client-sdk`.
 */
function canonicalRepositoryUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** The key under which a registry counts two spellings as one package (for maps keyed by package). */
export function packageIdentity(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
      return pep503Name(name);
    case 'nuget':
    case 'composer':
      return name.toLowerCase();
    case 'go':
      return goModuleBase(name);
    case 'cocoapods':
      return name.split('/')[0]!;
    case 'swiftpm':
      return canonicalRepositoryUrl(name);
    default:
      return name;
  }
}

/** The SDK id of a package, or undefined when it is not a LaunchDarkly SDK. */
export function sdkOfPackage(ecosystem: Ecosystem, name: string): string | undefined {
  const table = PACKAGES[ecosystem];
  const key = packageIdentity(ecosystem, name);
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Every SDK package above contains one of these words (case aside): a file whose text has neither
 * declares no SDK and is not parsed, which keeps a large workspace's scan cheap.
 */
const MENTION = /launchdarkly|ldclient/i;

export function mentionsLaunchDarkly(text: string): boolean {
  return MENTION.test(text);
}
