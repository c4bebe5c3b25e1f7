/** Which files the workspace reader takes, which folders it skips, and which package names are LaunchDarkly SDKs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindOf, SKIPPED_FOLDERS, SKIPPED_FOLDERS_GLOB, WORKSPACE_FILE_GLOB, WORKSPACE_FILE_GLOBS } from '../../src/workspace/files';
import { sdkOfPackage } from '../../src/workspace/packages';
import { type Ecosystem } from '../../src/workspace/types';

/** A glob of the forms used here (`**`, `*`, `{a,b}`) as a test of a `/`-separated path. */
function globTest(glob: string): RegExp {
  const source = glob
    .split(/(\*\*\/|\*\*|\*|\{[^}]*\})/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part.startsWith('{'))
        return `(?:${part
          .slice(1, -1)
          .split(',')
          .map((p) => globTest(p).source.slice(1, -1))
          .join('|')})`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

const KNOWN: [string, string][] = [
  ['package.json', 'package.json'],
  ['apps/web/package-lock.json', 'package-lock.json'],
  ['npm-shrinkwrap.json', 'package-lock.json'],
  ['yarn.lock', 'yarn.lock'],
  ['pnpm-lock.yaml', 'pnpm-lock.yaml'],
  ['svc/go.mod', 'go.mod'],
  ['requirements.txt', 'requirements.txt'],
  ['requirements-dev.txt', 'requirements.txt'],
  ['requirements/prod.txt', 'requirements.txt'],
  ['pyproject.toml', 'pyproject.toml'],
  ['poetry.lock', 'poetry.lock'],
  ['uv.lock', 'uv.lock'],
  ['Pipfile', 'Pipfile'],
  ['Pipfile.lock', 'Pipfile.lock'],
  ['service/pom.xml', 'pom.xml'],
  ['app/build.gradle', 'build.gradle'],
  ['app/build.gradle.kts', 'build.gradle'],
  ['gradle.properties', 'gradle.properties'],
  ['gradle/libs.versions.toml', 'libs.versions.toml'],
  ['src/Api/Api.csproj', 'msbuild project'],
  ['Lib.fsproj', 'msbuild project'],
  ['Old.vbproj', 'msbuild project'],
  ['Directory.Packages.props', 'Directory.Packages.props'],
  ['Directory.Build.props', 'Directory.Build.props'],
  ['src/Api/packages.lock.json', 'packages.lock.json'],
  ['Gemfile', 'Gemfile'],
  ['gems.rb', 'Gemfile'],
  ['Gemfile.lock', 'Gemfile.lock'],
  ['gems.locked', 'Gemfile.lock'],
  ['composer.json', 'composer.json'],
  ['composer.lock', 'composer.lock'],
  ['ios/Podfile.lock', 'Podfile.lock'],
  ['App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved', 'Package.resolved'],
  ['pubspec.yaml', 'pubspec.yaml'],
  ['pubspec.lock', 'pubspec.lock'],
];

describe('workspace files', () => {
  test('each known file has its kind, and the search globs find it', () => {
    const globs = WORKSPACE_FILE_GLOBS.map(globTest);
    for (const [path, kind] of KNOWN) {
      assert.equal(fileKindOf(path), kind, path);
      assert.ok(
        globs.some((glob) => glob.test(path)),
        `a glob finds ${path}`,
      );
      assert.match(path, globTest(WORKSPACE_FILE_GLOB), `the one glob finds ${path}`);
    }
  });

  test('other files, and files under skipped folders, are not read', () => {
    for (const path of [
      'README.md',
      'libs.versions.toml',
      'notes/requirements.md',
      'tsconfig.json',
      'node_modules/@launchdarkly/node-server-sdk/package.json',
      'packages/a/node_modules/x/package.json',
      'vendor/launchdarkly/server-sdk/composer.json',
      '.git/config',
      'dist/package.json',
      'build/pom.xml',
      'target/classes/pom.xml',
      'src/Api/bin/Debug/Api.csproj',
      'src/Api/obj/project.assets.json',
      'ios/Pods/Podfile.lock',
      '.venv/lib/python3.12/site-packages/pyproject.toml',
      'app/.dart_tool/package_config.json',
      '.gradle/8.0/gradle.properties',
      'svc/__pycache__/requirements.txt',
    ]) {
      assert.equal(fileKindOf(path), undefined, path);
    }
  });

  test('the skipped folders include what the issue names, and their glob matches paths inside them', () => {
    for (const folder of [
      'node_modules',
      'vendor',
      '.git',
      'dist',
      'build',
      'out',
      'target',
      'bin',
      'obj',
      '.gradle',
      'Pods',
      '.dart_tool',
      'venv',
      '.venv',
      '__pycache__',
    ]) {
      assert.ok(SKIPPED_FOLDERS.includes(folder), folder);
      assert.match(`a/${folder}/b/package.json`, globTest(SKIPPED_FOLDERS_GLOB));
    }
    assert.doesNotMatch('a/builds/package.json', globTest(SKIPPED_FOLDERS_GLOB));
  });
});

describe('SDK packages', () => {
  const cases: [Ecosystem, string, string | undefined][] = [
    ['npm', '@launchdarkly/node-server-sdk', 'node-server'],
    ['npm', 'launchdarkly-node-server-sdk', 'node-server'],
    ['npm', '@launchdarkly/js-client-sdk', 'browser'],
    ['npm', 'launchdarkly-js-client-sdk', 'js-client-sdk'],
    // npm, Maven, Go and pub names are case-sensitive.
    ['npm', '@LaunchDarkly/node-server-sdk', undefined],
    ['npm', 'launchdarkly-js-sdk-common', undefined],
    ['npm', 'constructor', undefined],
    ['npm', '__proto__', undefined],
    ['pypi', 'launchdarkly-server-sdk', 'python-server-sdk'],
    ['pypi', 'LaunchDarkly_Server.SDK', 'python-server-sdk'],
    ['pypi', 'launchdarkly__server--sdk', 'python-server-sdk'],
    ['pypi', 'ldclient_py', 'python-server-sdk'],
    ['pypi', 'launchdarkly-eventsource', undefined],
    ['go', 'github.com/launchdarkly/go-server-sdk/v7', 'go-server-sdk'],
    ['go', 'github.com/launchdarkly/go-server-sdk', 'go-server-sdk'],
    ['go', 'gopkg.in/launchdarkly/go-server-sdk.v5', 'go-server-sdk'],
    ['go', 'gopkg.in/launchdarkly/go-client.v4', 'go-server-sdk'],
    ['go', 'github.com/launchdarkly/ld-relay/v8', 'relay-proxy'],
    ['go', 'github.com/launchdarkly/go-server-sdk-redis-go/v7', undefined],
    ['go', 'github.com/LaunchDarkly/go-server-sdk/v7', undefined],
    ['maven', 'com.launchdarkly:launchdarkly-java-server-sdk', 'java-server-sdk'],
    ['maven', 'com.launchdarkly:launchdarkly-client', 'java-server-sdk'],
    ['maven', 'com.launchdarkly:launchdarkly-android-client-sdk', 'android'],
    ['maven', 'com.LaunchDarkly:launchdarkly-java-server-sdk', undefined],
    ['nuget', 'LaunchDarkly.ServerSdk', 'dotnet-server-sdk'],
    ['nuget', 'LAUNCHDARKLY.SERVERSDK', 'dotnet-server-sdk'],
    ['nuget', 'LaunchDarkly.XamarinSdk', 'dotnet-client-sdk'],
    ['nuget', 'LaunchDarkly.CommonSdk', undefined],
    ['rubygems', 'launchdarkly-server-sdk', 'ruby-server-sdk'],
    ['rubygems', 'ldclient-rb', 'ruby-server-sdk'],
    ['composer', 'LaunchDarkly/Server-SDK', 'php-server-sdk'],
    ['composer', 'launchdarkly/launchdarkly-php', 'php-server-sdk'],
    ['cocoapods', 'LaunchDarkly', 'swift-client-sdk'],
    ['cocoapods', 'LaunchDarkly/Core', 'swift-client-sdk'],
    ['cocoapods', 'LDSwiftEventSource', undefined],
    ['swiftpm', 'https://github.com/launchdarkly/ios-client-sdk.git', 'swift-client-sdk'],
    ['swiftpm', 'https://github.com/LaunchDarkly/ios-client-sdk/', 'swift-client-sdk'],
    ['swiftpm', 'git@github.com:launchdarkly/ios-client-sdk.git', 'swift-client-sdk'],
    ['swiftpm', 'https://github.com/launchdarkly/swift-eventsource', undefined],
    ['pub', 'launchdarkly_flutter_client_sdk', 'flutter-client-sdk'],
    ['pub', 'launchdarkly_common_client', undefined],
  ];
  for (const [ecosystem, name, sdkId] of cases) {
    test(`${ecosystem} ${name} → ${sdkId ?? 'not an SDK'}`, () => {
      assert.equal(sdkOfPackage(ecosystem, name), sdkId);
    });
  }
});
