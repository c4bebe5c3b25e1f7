/**
 * The workspace reader on hostile files: over the size cap, binary, deeply nested, invalid, 50,000
 * lines long, or random. Each bad file is one problem entry (or, when it names no SDK, nothing);
 * nothing throws, and the other files are still read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileKindOf, MAX_FILE_BYTES } from '../../src/workspace/files';
import { readWorkspaceFile, scanWorkspaceFiles } from '../../src/workspace/scan';
import { type WorkspaceFile } from '../../src/workspace/types';
import { fixtureFiles, summary, textAt } from '../support/workspaceFixtures';

const GOOD: WorkspaceFile = { path: 'ok/package.json', content: '{"dependencies":{"@launchdarkly/node-server-sdk":"9.7.1"}}' };
const GOOD_LINE = 'ok/package.json | @launchdarkly/node-server-sdk | node-server | direct | 9.7.1 | exact | 9.7.1 (exact, manifest)';

/** Scans the file beside a good one and returns the problems, checking that the good file was still read and nothing came from the bad one. */
function problemsBesideGood(file: WorkspaceFile): { file: string; reason: string }[] {
  const scan = scanWorkspaceFiles([file, GOOD]);
  assert.deepEqual(summary(scan), [GOOD_LINE], `only the good file yields dependencies beside ${file.path}`);
  return [...scan.problems];
}

describe('size and content', () => {
  test('a file over the cap is one problem, as text and as bytes, without being read', () => {
    const text = `{"dependencies":{"launchdarkly-node-server-sdk":"1.0.0"}}${' '.repeat(MAX_FILE_BYTES)}`;
    assert.deepEqual(problemsBesideGood({ path: 'package.json', content: text }), [{ file: 'package.json', reason: 'larger than 5 MB' }]);
    assert.deepEqual(problemsBesideGood({ path: 'yarn.lock', content: new Uint8Array(MAX_FILE_BYTES + 1) }), [
      { file: 'yarn.lock', reason: 'larger than 5 MB' },
    ]);
  });

  test('a file just under the cap is read', () => {
    const lock = 'launchdarkly-js-client-sdk@^3.0.0:\n  version "3.4.0"\n'.padEnd(MAX_FILE_BYTES, '#');
    assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'yarn.lock', content: lock }])), [
      'yarn.lock | launchdarkly-js-client-sdk | js-client-sdk | unknown | - | - | 3.4.0 (exact, lockfile)',
    ]);
  });

  test('binary content is one problem, as bytes and as text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...new TextEncoder().encode('launchdarkly')]);
    assert.deepEqual(problemsBesideGood({ path: 'package.json', content: png }), [{ file: 'package.json', reason: 'binary content' }]);
    assert.deepEqual(
      problemsBesideGood({ path: 'go.mod', content: 'module x\u0000require github.com/launchdarkly/go-server-sdk/v7 v7.0.0' }),
      [{ file: 'go.mod', reason: 'binary content' }],
    );
  });

  test('UTF-8 with a BOM and UTF-16 with a BOM are read, positions as the editor shows them (without the BOM)', () => {
    const text = '{\n  "dependencies": { "launchdarkly-node-server-sdk": "7.0.0" }\n}';
    const expected = { start: { line: 1, character: 20 }, end: { line: 1, character: 59 } };
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    for (const content of [`\uFEFF${text}`, utf8, utf16]) {
      const [dependency] = scanWorkspaceFiles([{ path: 'package.json', content }]).dependencies;
      assert.deepEqual(dependency?.span, expected);
    }
    assert.equal(textAt([{ path: 'package.json', content: text }], 'package.json', expected), '"launchdarkly-node-server-sdk": "7.0.0"');
  });

  test('Windows line ends: spans end before the carriage return', () => {
    const files = [
      { path: 'requirements.txt', content: 'flask==3.0\r\nlaunchdarkly-server-sdk==9.2.2\r\n' },
      { path: 'Gemfile', content: 'source "x"\r\ngem "launchdarkly-server-sdk", "~> 8.4"\r\n' },
      { path: 'yarn.lock', content: 'launchdarkly-js-client-sdk@^3.0.0:\r\n  version "3.4.0"\r\n' },
    ];
    const scan = scanWorkspaceFiles(files);
    assert.deepEqual(
      scan.dependencies.map((d) => textAt(files, d.file, d.span)),
      ['launchdarkly-server-sdk==9.2.2', 'gem "launchdarkly-server-sdk", "~> 8.4"', 'launchdarkly-js-client-sdk@^3.0.0:'],
    );
    assert.deepEqual(
      scan.dependencies.map((d) => d.version?.text),
      ['9.2.2', '~> 8.4', '3.4.0'],
    );
  });
});

describe('deep nesting', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  test('JSON manifests 10,000 arrays deep are refused before parsing', () => {
    assert.deepEqual(
      problemsBesideGood({ path: 'package.json', content: `{"dependencies":{"launchdarkly-node-server-sdk":"1"},"x":${deep(10_000)}}` }),
      [{ file: 'package.json', reason: 'nested deeper than 512 levels' }],
    );
    assert.deepEqual(
      problemsBesideGood({ path: 'composer.json', content: `{"require":{"launchdarkly/server-sdk":"1"},"x":${deep(10_000)}}` }),
      [{ file: 'composer.json', reason: 'nested deeper than 512 levels' }],
    );
  });

  test('a package-lock v1 tree 5,000 levels deep is walked without recursion', () => {
    let tree = '{"version":"1.0.0"}';
    for (let i = 0; i < 5000; i++) tree = `{"version":"1.0.0","dependencies":{"a${i}":${tree}}}`;
    const lock = `{"lockfileVersion":1,"dependencies":{"x":{"version":"1.0.0","dependencies":{"launchdarkly-node-server-sdk":{"version":"6.4.2","dependencies":{"y":${tree}}}}},"z":${deep(10_000)}}}`;
    assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'package-lock.json', content: lock }])), [
      'package-lock.json | launchdarkly-node-server-sdk | node-server | transitive | - | - | 6.4.2 (exact, lockfile)',
    ]);
  });

  test('YAML and TOML nested 10,000 deep are one problem each', () => {
    assert.deepEqual(
      problemsBesideGood({ path: 'pubspec.yaml', content: `dependencies:\n  launchdarkly_flutter_client_sdk: ${deep(10_000)}\n` }),
      [{ file: 'pubspec.yaml', reason: 'nested deeper than 512 levels' }],
    );
    const pnpm = `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      launchdarkly-js-client-sdk: ${deep(10_000)}\n`;
    assert.deepEqual(problemsBesideGood({ path: 'pnpm-lock.yaml', content: pnpm }), [
      { file: 'pnpm-lock.yaml', reason: 'nested deeper than 512 levels' },
    ]);
    assert.deepEqual(
      problemsBesideGood({
        path: 'pyproject.toml',
        content: `[project]\ndependencies = ["launchdarkly-server-sdk"]\nx = ${deep(10_000)}\n`,
      }),
      [{ file: 'pyproject.toml', reason: 'invalid TOML at line 3: nested too deeply' }],
    );
  });

  test('XML 100,000 elements deep is read with a stack of its own; the dependency beside it is found', () => {
    const nest = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const pom = `<project><x>${nest}</x><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>7.4.1</version></dependency></dependencies></project>`;
    const csproj = `<Project><x>${nest}</x><ItemGroup><PackageReference Include="LaunchDarkly.ServerSdk" Version="8.5.0" /></ItemGroup></Project>`;
    assert.deepEqual(
      summary(
        scanWorkspaceFiles([
          { path: 'pom.xml', content: pom },
          { path: 'Api.csproj', content: csproj },
        ]),
      ),
      [
        'Api.csproj | LaunchDarkly.ServerSdk | dotnet-server-sdk | direct | 8.5.0 | exact | 8.5.0 (exact, manifest)',
        'pom.xml | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.4.1 | exact | 7.4.1 (exact, manifest)',
      ],
    );
  });

  test('YAML aliases are not expanded and XML entities are not defined by the file', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ];
    const pubspec = `${bomb.join('\n')}\ndependencies:\n  launchdarkly_flutter_client_sdk: ^4.0.0\n`;
    assert.deepEqual(summary(scanWorkspaceFiles([{ path: 'pubspec.yaml', content: pubspec }])), [
      'pubspec.yaml | launchdarkly_flutter_client_sdk | flutter-client-sdk | direct | ^4.0.0 | range | ^4.0.0 (range, manifest)',
    ]);
    const entities =
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY v "7.0.0">]><project><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>&v;</version></dependency></dependencies></project>';
    assert.deepEqual(problemsBesideGood({ path: 'pom.xml', content: entities }), [{ file: 'pom.xml', reason: 'invalid XML at line 1' }]);
  });
});

describe('invalid syntax', () => {
  /** One broken file per kind that has a syntax to break, each naming an SDK, with the reason it gets. */
  const BROKEN: [string, string, RegExp][] = [
    ['package.json', '{"dependencies": {"launchdarkly-node-server-sdk": "1"', /^invalid JSON \(\w+\) at line 1$/],
    ['package-lock.json', '{"packages": {"node_modules/launchdarkly-node-server-sdk": ', /^invalid JSON/],
    ['package-lock.json', '["launchdarkly-node-server-sdk"]', /^not a package-lock object$/],
    ['yarn.lock', 'launchdarkly-js-client-sdk@^3 version 3\n', /^invalid yarn.lock at line 1$/],
    [
      'pnpm-lock.yaml',
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      launchdarkly-js-client-sdk: {version: [\n",
      /^invalid YAML at line \d+$/,
    ],
    ['pnpm-lock.yaml', 'packages:\n  launchdarkly-js-client-sdk@3.0.0: {}\n', /^not a pnpm lockfile/],
    ['go.mod', 'module x\nrequire (\n\tgithub.com/launchdarkly/go-server-sdk/v7\n)\n', /^invalid go.mod at line 3$/],
    ['go.mod', 'module x\nrequire (\n\tgithub.com/launchdarkly/go-server-sdk/v7 v7.0.0\n', /^invalid go.mod: a block is not closed$/],
    ['pyproject.toml', '[project\ndependencies = ["launchdarkly-server-sdk"]\n', /^invalid TOML at line 1$/],
    ['poetry.lock', '[[package]]\nname = "launchdarkly-server-sdk\n', /^invalid TOML at line 2$/],
    ['uv.lock', '[[package]]\nname = "launchdarkly-server-sdk"\nname = "x"\n', /^invalid TOML at line 3$/],
    ['Pipfile', '[packages]\nlaunchdarkly-server-sdk = \n', /^invalid TOML/],
    ['Pipfile.lock', '{"default": {"launchdarkly-server-sdk": ', /^invalid JSON/],
    ['pom.xml', '<project><dependency><artifactId>launchdarkly-java-server-sdk</artifactId></project>', /^invalid XML at line 1$/],
    ['pom.xml', '<settings><!-- launchdarkly --></settings>', /^not a POM: no <project>$/],
    ['gradle/libs.versions.toml', '[libraries]\nld = { module = "com.launchdarkly:launchdarkly-android-client-sdk"\n', /^invalid TOML/],
    ['Api.csproj', '<Project><ItemGroup><PackageReference Include="LaunchDarkly.ServerSdk"></ItemGroup></Project>', /^invalid XML/],
    ['Directory.Packages.props', '<Project><PackageVersion Include="LaunchDarkly.ServerSdk"', /^invalid XML/],
    ['packages.lock.json', '{"dependencies": {"net8.0": {"LaunchDarkly.ServerSdk"', /^invalid JSON/],
    ['Gemfile.lock', '    launchdarkly-server-sdk (8.7.0)\n', /^invalid Gemfile.lock: no sections$/],
    ['composer.json', '{"require": {"launchdarkly/server-sdk": "^6.0" "x": "1"}}', /^invalid JSON \(CommaExpected\) at line 1$/],
    ['composer.lock', '{"packages": [{"name": "launchdarkly/server-sdk"', /^invalid JSON/],
    ['Podfile.lock', 'DEPENDENCIES:\n  - LaunchDarkly\n', /^not a Podfile.lock: no PODS$/],
    ['Package.resolved', '{"pins": [{"location": "https://github.com/launchdarkly/ios-client-sdk"', /^invalid JSON/],
    ['pubspec.yaml', 'dependencies:\n  launchdarkly_flutter_client_sdk: [\n', /^invalid YAML at line \d+$/],
    ['pubspec.lock', 'packages:\n  launchdarkly_flutter_client_sdk:\n    version: "4.0.0\n', /^invalid YAML at line \d+$/],
  ];
  for (const [path, content, reason] of BROKEN) {
    test(`${path}: ${JSON.stringify(content.slice(0, 50))}… is one problem`, () => {
      const problems = problemsBesideGood({ path, content });
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]!.file, path);
      assert.match(problems[0]!.reason, reason);
    });
  }

  test("a broken file that names no SDK is not this reader's problem: it is not reported", () => {
    assert.deepEqual(problemsBesideGood({ path: 'package-lock.json', content: '{"packages": {' }), []);
    assert.deepEqual(problemsBesideGood({ path: 'pom.xml', content: '<project><parent>' }), []);
  });

  test('hostile keys (`__proto__`, `constructor`) are data, not object machinery', () => {
    const manifest = '{"dependencies":{"__proto__":"1.0.0","constructor":"2.0.0","launchdarkly-js-client-sdk":"3.4.0"}}';
    const pom =
      '<project><properties><__proto__>1</__proto__><constructor>7.0.0</constructor></properties><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>${constructor}</version></dependency></dependencies></project>';
    assert.deepEqual(
      summary(
        scanWorkspaceFiles([
          { path: 'package.json', content: manifest },
          { path: 'pom.xml', content: pom },
        ]),
      ),
      [
        'package.json | launchdarkly-js-client-sdk | js-client-sdk | direct | 3.4.0 | exact | 3.4.0 (exact, manifest)',
        'pom.xml | com.launchdarkly:launchdarkly-java-server-sdk | java-server-sdk | direct | 7.0.0 | exact | 7.0.0 (exact, manifest)',
      ],
    );
  });
});

describe('50,000-line lockfiles', () => {
  const manifest: WorkspaceFile = { path: 'package.json', content: '{"dependencies":{"launchdarkly-js-client-sdk":"^3.0.0"}}' };

  /** The one dependency of the scan, with the line of its lockfile entry. */
  function only(files: WorkspaceFile[]): [string, string | undefined, number | undefined] {
    const scan = scanWorkspaceFiles(files);
    assert.equal(scan.dependencies.length, 1, JSON.stringify(scan));
    const [d] = scan.dependencies;
    return [d!.file, d!.version?.text, d!.lockfile?.span.start.line];
  }

  test('yarn.lock', () => {
    const entries = Array.from(
      { length: 10_000 },
      (_, i) => `pkg-${i}@^1.0.0:\n  version "1.0.${i}"\n  resolved "https://r/pkg-${i}.tgz"\n  integrity sha512-x\n`,
    );
    const lock = `# yarn lockfile v1\n\n${entries.join('\n')}\nlaunchdarkly-js-client-sdk@^3.0.0:\n  version "3.4.0"\n`;
    assert.ok(lock.split('\n').length > 50_000);
    assert.deepEqual(only([manifest, { path: 'yarn.lock', content: lock }]), ['package.json', '3.4.0', 50_002]);
  });

  test('package-lock.json', () => {
    const packages: Record<string, unknown> = { '': { dependencies: { 'launchdarkly-js-client-sdk': '^3.0.0' } } };
    for (let i = 0; i < 10_000; i++)
      packages[`node_modules/pkg-${i}`] = { version: `1.0.${i}`, resolved: `https://r/pkg-${i}.tgz`, integrity: 'sha512-x' };
    packages['node_modules/launchdarkly-js-client-sdk'] = { version: '3.4.0' };
    const lock = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
    assert.ok(lock.split('\n').length > 50_000);
    assert.deepEqual(only([manifest, { path: 'package-lock.json', content: lock }]), ['package.json', '3.4.0', 50_008]);
  });

  test('pnpm-lock.yaml', () => {
    const packages = Array.from(
      { length: 12_500 },
      (_, i) => `  pkg-${i}@1.0.${i}:\n    resolution: {integrity: sha512-x}\n    engines: {node: '>=18'}\n`,
    );
    const head =
      "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      launchdarkly-js-client-sdk:\n        specifier: ^3.0.0\n        version: 3.4.0\n\npackages:\n\n";
    const lock = `${head}${packages.join('\n')}\n  launchdarkly-js-client-sdk@3.4.0:\n    resolution: {integrity: sha512-y}\n`;
    assert.ok(lock.split('\n').length > 50_000);
    assert.deepEqual(only([manifest, { path: 'pnpm-lock.yaml', content: lock }]), ['package.json', '3.4.0', 6]);
  });

  test('poetry.lock, Gemfile.lock, Podfile.lock, requirements.txt', () => {
    const poetry = `${Array.from({ length: 10_000 }, (_, i) => `[[package]]\nname = "pkg-${i}"\nversion = "1.0.${i}"\noptional = false\n`).join('\n')}\n[[package]]\nname = "launchdarkly-server-sdk"\nversion = "9.2.2"\n`;
    assert.deepEqual(only([{ path: 'poetry.lock', content: poetry }]), ['poetry.lock', '9.2.2', 50_001]);
    const gems = Array.from({ length: 25_000 }, (_, i) => `    gem-${i} (1.0.${i})\n      dep-${i} (>= 1)\n`).join('');
    const gemLock = `GEM\n  remote: https://rubygems.org/\n  specs:\n${gems}    launchdarkly-server-sdk (8.7.0)\n\nDEPENDENCIES\n  launchdarkly-server-sdk\n`;
    assert.deepEqual(only([{ path: 'Gemfile.lock', content: gemLock }]), ['Gemfile.lock', '8.7.0', 50_003]);
    const pods = Array.from({ length: 25_000 }, (_, i) => `  - Pod${i} (1.0.${i}):\n    - Dep${i} (= 1.0)\n`).join('');
    assert.deepEqual(
      only([{ path: 'Podfile.lock', content: `PODS:\n${pods}  - LaunchDarkly (9.1.0)\n\nDEPENDENCIES:\n  - LaunchDarkly\n` }]),
      ['Podfile.lock', '9.1.0', 50_001],
    );
    const requirements = `${Array.from({ length: 50_000 }, (_, i) => `pkg-${i}==1.0.${i}`).join('\n')}\nlaunchdarkly-server-sdk==9.0.0\n`;
    const scan = scanWorkspaceFiles([{ path: 'requirements.txt', content: requirements }]);
    assert.deepEqual(
      scan.dependencies.map((d) => [d.version?.text, d.span.start.line]),
      [['9.0.0', 50_000]],
    );
  });
});

describe('random input', () => {
  const NAMES = [
    'package.json',
    'package-lock.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'go.mod',
    'requirements.txt',
    'pyproject.toml',
    'poetry.lock',
    'uv.lock',
    'Pipfile',
    'Pipfile.lock',
    'pom.xml',
    'build.gradle',
    'gradle.properties',
    'gradle/libs.versions.toml',
    'A.csproj',
    'Directory.Packages.props',
    'Directory.Build.props',
    'packages.lock.json',
    'Gemfile',
    'Gemfile.lock',
    'composer.json',
    'composer.lock',
    'Podfile.lock',
    'Package.resolved',
    'pubspec.yaml',
    'pubspec.lock',
  ];

  /** The reading never throws, and a problem, when there is one, is the file's only result. */
  function readsSafely(path: string, content: string | Uint8Array): void {
    const reading = readWorkspaceFile({ path, content });
    assert.ok(reading, path);
    if (reading.problem) assert.equal(reading.declared.length + reading.locked.length, 0);
    const scan = scanWorkspaceFiles([{ path, content }]);
    assert.ok(Array.isArray(scan.dependencies) && scan.problems.length <= 1);
  }

  test('any text naming an SDK, in any known file, reads without throwing', () => {
    const sdkWords = fc.constantFrom(
      'launchdarkly',
      '@launchdarkly/node-server-sdk',
      'com.launchdarkly:launchdarkly-java-server-sdk',
      'LaunchDarkly.ServerSdk',
      'launchdarkly-server-sdk',
    );
    const syntax = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      '"',
      "'",
      ':',
      '=',
      '\n',
      '  ',
      '<',
      '>',
      '/',
      ',',
      '-',
      '#',
      '${',
      '$(',
      '(',
      ')',
      '@',
      '\\',
      '\r\n',
      '\t',
    );
    const text = fc.array(fc.oneof(sdkWords, syntax, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), text, (path, content) => readsSafely(path, `launchdarkly ${content}`)),
      { numRuns: 1500 },
    );
  });

  test('every fixture, cut short anywhere or with a character changed, reads without throwing', () => {
    const fixtures = [
      'npm-lock-v1',
      'npm-workspaces',
      'yarn-v1',
      'yarn-berry',
      'pnpm-v9',
      'python-poetry',
      'python-uv',
      'python-pipenv',
      'maven',
      'gradle',
      'dotnet',
      'ruby',
      'php',
      'ios',
      'flutter',
      'go',
    ]
      .flatMap((folder) => fixtureFiles(folder))
      .filter((file) => fileKindOf(file.path));
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.nat(),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (file, cut, at, replacement) => {
          const content = file.content as string;
          readsSafely(file.path, content.slice(0, cut % (content.length + 1)));
          const i = at % content.length;
          readsSafely(file.path, content.slice(0, i) + replacement + content.slice(i + 1));
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('random bytes read without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 300 }), (path, bytes) => readsSafely(path, bytes)),
      { numRuns: 500 },
    );
  });
});
