/**
 * The benchmark's workspace: 20,000 files, 500 of them manifests of every ecosystem the reader knows
 * (most with a lockfile: a 3,000-package package-lock.json at a 100-package monorepo's root,
 * 200-1,000-package lockfiles beside the services), the rest source files and installed copies
 * under node_modules. Deterministic: every run makes the same files. Used in memory by
 * bench/workspaceBench.ts and written to disk by bench/workspaceHostBench.ts.
 */
import type { WorkspaceFile } from '../src/workspace/types';

export interface SyntheticWorkspace {
  readonly files: WorkspaceFile[];
  readonly manifests: number;
  readonly lockfiles: number;
  readonly namingSdk: number;
}

export function syntheticWorkspace(): SyntheticWorkspace {
  /** A small deterministic generator, so every run reads the same workspace. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
  }
  const next = random(22);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  const files: WorkspaceFile[] = [];
  let manifests = 0;
  let lockfiles = 0;
  let namingSdk = 0;
  const add = (path: string, content: string, kind: 'manifest' | 'lockfile' | 'other') => {
    files.push({ path, content });
    if (kind === 'manifest') manifests++;
    if (kind === 'lockfile') lockfiles++;
    if (kind !== 'other' && /launchdarkly/i.test(content)) namingSdk++;
  };
  /** About two services in three use an SDK. */
  const usesSdk = () => next() < 0.65;

  // An npm monorepo: a root lockfile of 3,000 packages covering 100 workspaces.
  {
    const packages: Record<string, unknown> = { '': { name: 'mono', workspaces: ['packages/*'] } };
    for (const name of names('dep', 3000))
      packages[`node_modules/${name}`] = {
        version: '1.2.3',
        resolved: `https://registry.npmjs.org/${name}/-/${name}-1.2.3.tgz`,
        integrity: 'sha512-aaaa',
      };
    packages['node_modules/@launchdarkly/node-server-sdk'] = { version: '9.7.1' };
    for (let i = 0; i < 100; i++) {
      const dependencies: Record<string, string> = Object.fromEntries(names('dep', 20).map((n) => [n, '^1.2.0']));
      if (usesSdk()) dependencies['@launchdarkly/node-server-sdk'] = '^9.5.0';
      packages[`packages/p${i}`] = { name: `p${i}`, dependencies };
      add(`mono/packages/p${i}/package.json`, JSON.stringify({ name: `p${i}`, dependencies }, null, 2), 'manifest');
    }
    add('mono/package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2), 'manifest');
    add('mono/package-lock.json', JSON.stringify({ name: 'mono', lockfileVersion: 3, packages }, null, 2), 'lockfile');
  }

  // 60 npm services, each with its own lockfile (package-lock, yarn v1, pnpm v9) of 800 packages.
  for (let i = 0; i < 60; i++) {
    const folder = `services/node-${i}`;
    const sdk = usesSdk();
    const dependencies: Record<string, string> = Object.fromEntries(names('lib', 30).map((n) => [n, '^2.0.0']));
    if (sdk) dependencies['launchdarkly-node-server-sdk'] = '^7.0.0';
    add(`${folder}/package.json`, JSON.stringify({ name: `node-${i}`, dependencies }, null, 2), 'manifest');
    const all = names('lib', 800);
    const kind = i % 3;
    if (kind === 0) {
      const packages: Record<string, unknown> = { '': { dependencies } };
      for (const name of all)
        packages[`node_modules/${name}`] = {
          version: '2.1.0',
          resolved: `https://registry.npmjs.org/${name}/-/${name}-2.1.0.tgz`,
          integrity: 'sha512-bbbb',
        };
      if (sdk) packages['node_modules/launchdarkly-node-server-sdk'] = { version: '7.0.4' };
      add(`${folder}/package-lock.json`, JSON.stringify({ lockfileVersion: 3, packages }, null, 2), 'lockfile');
    } else if (kind === 1) {
      const entries = all.map(
        (name) =>
          `${name}@^2.0.0:\n  version "2.1.0"\n  resolved "https://registry.yarnpkg.com/${name}/-/${name}-2.1.0.tgz#0123"\n  integrity sha512-cccc\n`,
      );
      if (sdk) entries.push('launchdarkly-node-server-sdk@^7.0.0:\n  version "7.0.4"\n');
      add(`${folder}/yarn.lock`, `# yarn lockfile v1\n\n\n${entries.join('\n')}`, 'lockfile');
    } else {
      const importer = Object.entries(dependencies).map(
        ([name, range]) =>
          `      ${name}:\n        specifier: ${range}\n        version: ${name.startsWith('launchdarkly') ? '7.0.4' : '2.1.0'}\n`,
      );
      const packages = all.map((name) => `  ${name}@2.1.0:\n    resolution: {integrity: sha512-dddd}\n`);
      if (sdk) packages.push('  launchdarkly-node-server-sdk@7.0.4:\n    resolution: {integrity: sha512-eeee}\n');
      add(
        `${folder}/pnpm-lock.yaml`,
        `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n${importer.join('')}\npackages:\n\n${packages.join('\n')}`,
        'lockfile',
      );
    }
  }

  // 70 Go modules.
  for (let i = 0; i < 70; i++) {
    const requires = names('github.com/acme/mod', 40).map((m) => `\t${m} v1.4.0`);
    if (usesSdk()) requires.push(`\tgithub.com/launchdarkly/go-server-sdk/v7 v7.${i % 10}.0`);
    add(`services/go-${i}/go.mod`, `module github.com/acme/go-${i}\n\ngo 1.22\n\nrequire (\n${requires.join('\n')}\n)\n`, 'manifest');
  }

  // 60 Python projects: requirements files, Poetry with poetry.lock, PEP 621 with uv.lock (150 packages each).
  for (let i = 0; i < 60; i++) {
    const folder = `services/py-${i}`;
    const sdk = usesSdk();
    const locked = names('pylib', 150).map(
      (n) => `[[package]]\nname = "${n}"\nversion = "3.1.0"\ndescription = "A library"\noptional = false\npython-versions = ">=3.8"\n`,
    );
    if (sdk) locked.push('[[package]]\nname = "launchdarkly-server-sdk"\nversion = "9.5.0"\n');
    if (i % 3 === 0) {
      add(
        `${folder}/requirements.txt`,
        `${names('pylib', 30)
          .map((n) => `${n}==3.1.0`)
          .join('\n')}\n${sdk ? 'launchdarkly-server-sdk==9.5.0\n' : ''}`,
        'manifest',
      );
    } else if (i % 3 === 1) {
      add(
        `${folder}/pyproject.toml`,
        `[tool.poetry]\nname = "py-${i}"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n${names('pylib', 20)
          .map((n) => `${n} = "^3.0"`)
          .join('\n')}\n${sdk ? 'launchdarkly-server-sdk = "^9.0"\n' : ''}`,
        'manifest',
      );
      add(`${folder}/poetry.lock`, locked.join('\n'), 'lockfile');
    } else {
      add(
        `${folder}/pyproject.toml`,
        `[project]\nname = "py-${i}"\ndependencies = [\n${names('pylib', 20)
          .map((n) => `  "${n}>=3"`)
          .join(',\n')}${sdk ? ',\n  "launchdarkly-server-sdk>=9,<10"' : ''}\n]\n`,
        'manifest',
      );
      add(`${folder}/uv.lock`, `version = 1\n\n${locked.join('\n')}`, 'lockfile');
    }
  }

  // JVM: a Maven parent with 30 modules, 30 Gradle modules with a version catalogue.
  {
    add(
      'jvm/pom.xml',
      `<project><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0.0</version><properties><launchdarkly.version>7.4.1</launchdarkly.version></properties><dependencyManagement><dependencies><dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId><version>\${launchdarkly.version}</version></dependency></dependencies></dependencyManagement></project>`,
      'manifest',
    );
    for (let i = 0; i < 29; i++) {
      const dependencies = names('lib', 25).map(
        (n) => `    <dependency><groupId>org.acme</groupId><artifactId>${n}</artifactId><version>2.0.0</version></dependency>`,
      );
      if (usesSdk())
        dependencies.push(
          '    <dependency><groupId>com.launchdarkly</groupId><artifactId>launchdarkly-java-server-sdk</artifactId></dependency>',
        );
      add(
        `jvm/module-${i}/pom.xml`,
        `<?xml version="1.0"?>\n<project>\n  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>\n  <artifactId>module-${i}</artifactId>\n  <dependencies>\n${dependencies.join('\n')}\n  </dependencies>\n</project>\n`,
        'manifest',
      );
    }
    add(
      'android/gradle/libs.versions.toml',
      `[versions]\nld = "5.4.0"\n\n[libraries]\n${names('lib', 40)
        .map((n) => `${n} = "org.acme:${n}:2.0.0"`)
        .join('\n')}\nld-android = { module = "com.launchdarkly:launchdarkly-android-client-sdk", version.ref = "ld" }\n`,
      'manifest',
    );
    add('android/gradle.properties', 'org.gradle.jvmargs=-Xmx2g\nldVersion=7.4.1\n', 'other');
    for (let i = 0; i < 29; i++) {
      const lines = names('lib', 20).map((n) => `    implementation(libs.${n.replace('-', '.')})`);
      if (usesSdk())
        lines.push(
          i % 2 ? '    implementation(libs.ld.android)' : '    implementation("com.launchdarkly:launchdarkly-java-server-sdk:$ldVersion")',
        );
      add(
        `android/module-${i}/build.gradle.kts`,
        `plugins {\n    id("com.android.library")\n}\n\ndependencies {\n${lines.join('\n')}\n}\n`,
        'manifest',
      );
    }
  }

  // .NET: central package management and 60 projects, each with packages.lock.json (200 packages).
  {
    add(
      'dotnet/Directory.Packages.props',
      `<Project>\n  <ItemGroup>\n${names('Acme.Lib', 60)
        .map((n) => `    <PackageVersion Include="${n}" Version="4.0.0" />`)
        .join('\n')}\n    <PackageVersion Include="LaunchDarkly.ServerSdk" Version="8.5.0" />\n  </ItemGroup>\n</Project>\n`,
      'manifest',
    );
    for (let i = 0; i < 58; i++) {
      const sdk = usesSdk();
      const references = names('Acme.Lib', 15).map((n) => `    <PackageReference Include="${n}" />`);
      if (sdk) references.push('    <PackageReference Include="LaunchDarkly.ServerSdk" />');
      add(
        `dotnet/src/Project${i}/Project${i}.csproj`,
        `<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n${references.join('\n')}\n  </ItemGroup>\n</Project>\n`,
        'manifest',
      );
      const locked: Record<string, unknown> = Object.fromEntries(
        names('Acme.Lib', 200).map((n) => [n, { type: 'Transitive', resolved: '4.0.0', contentHash: 'abcd' }]),
      );
      if (sdk) locked['LaunchDarkly.ServerSdk'] = { type: 'Direct', requested: '[8.5.0, )', resolved: '8.5.0' };
      add(
        `dotnet/src/Project${i}/packages.lock.json`,
        JSON.stringify({ version: 2, dependencies: { 'net8.0': locked } }, null, 2),
        'lockfile',
      );
    }
  }

  // Ruby, PHP, iOS, Flutter: 30 of each kind with its lockfile.
  for (let i = 0; i < 30; i++) {
    const sdk = usesSdk();
    add(
      `services/rb-${i}/Gemfile`,
      `source "https://rubygems.org"\n${names('gem', 20)
        .map((n) => `gem "${n}", "~> 1.0"`)
        .join('\n')}\n${sdk ? 'gem "launchdarkly-server-sdk", "~> 8.4"\n' : ''}`,
      'manifest',
    );
    add(
      `services/rb-${i}/Gemfile.lock`,
      `GEM\n  remote: https://rubygems.org/\n  specs:\n${names('gem', 300)
        .map((n) => `    ${n} (1.0.3)\n      other (>= 1)\n`)
        .join('')}${sdk ? '    launchdarkly-server-sdk (8.7.0)\n' : ''}\nDEPENDENCIES\n${names('gem', 20)
        .map((n) => `  ${n} (~> 1.0)`)
        .join('\n')}\n`,
      'lockfile',
    );
    add(
      `services/php-${i}/composer.json`,
      JSON.stringify(
        {
          require: {
            ...Object.fromEntries(names('acme/lib', 20).map((n) => [n, '^2.0'])),
            ...(sdk ? { 'launchdarkly/server-sdk': '^6.1' } : {}),
          },
        },
        null,
        4,
      ),
      'manifest',
    );
    add(
      `services/php-${i}/composer.lock`,
      JSON.stringify(
        {
          packages: [
            ...names('acme/lib', 150).map((name) => ({ name, version: 'v2.3.0' })),
            ...(sdk ? [{ name: 'launchdarkly/server-sdk', version: '6.3.0' }] : []),
          ],
        },
        null,
        4,
      ),
      'lockfile',
    );
    add(
      `apps/ios-${i}/Podfile.lock`,
      `PODS:\n${names('Pod', 100)
        .map((n) => `  - ${n} (2.0.0)`)
        .join(
          '\n',
        )}\n${sdk ? '  - LaunchDarkly (9.10.0)\n' : ''}\nDEPENDENCIES:\n${sdk ? '  - LaunchDarkly (~> 9.10)\n' : '  - Pod-1\n'}\nCOCOAPODS: 1.15.2\n`,
      'lockfile',
    );
    add(
      `apps/flutter-${i}/pubspec.yaml`,
      `name: app_${i}\ndependencies:\n${names('pkg', 15)
        .map((n) => `  ${n.replace('-', '_')}: ^1.0.0`)
        .join('\n')}\n${sdk ? '  launchdarkly_flutter_client_sdk: ^4.6.0\n' : ''}`,
      'manifest',
    );
    add(
      `apps/flutter-${i}/pubspec.lock`,
      `packages:\n${names('pkg', 200)
        .map(
          (n) =>
            `  ${n.replace('-', '_')}:\n    dependency: transitive\n    description:\n      name: ${n.replace('-', '_')}\n      url: "https://pub.dev"\n    source: hosted\n    version: "1.0.4"\n`,
        )
        .join(
          '',
        )}${sdk ? '  launchdarkly_flutter_client_sdk:\n    dependency: "direct main"\n    source: hosted\n    version: "4.8.0"\n' : ''}`,
      'lockfile',
    );
  }

  // The rest: source files, and installed packages' manifests under node_modules (skipped by name).
  for (let i = 0; files.length < 20_000; i++) {
    if (i % 10 === 0)
      add(
        `mono/node_modules/dep-${i}/package.json`,
        JSON.stringify({ name: `dep-${i}`, version: '1.2.3', dependencies: { 'launchdarkly-js-client-sdk': '^3' } }),
        'other',
      );
    else
      add(
        `${pick(['mono/packages/p1', 'services/node-3', 'jvm/module-2', 'dotnet/src/Project4'])}/src/file-${i}.${pick(['ts', 'java', 'cs', 'py'])}`,
        `export const value${i} = ${i};\n`,
        'other',
      );
  }

  return { files, manifests, lockfiles, namingSdk };
}
