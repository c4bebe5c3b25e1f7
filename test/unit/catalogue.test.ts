/**
 * The SDK catalogue's data and how the extension gets it: the committed file validates and says
 * what sdk-meta says; damaged data is refused; release notes are https addresses of the SDK's
 * repository; the data and the code that reads it ship as files of their own beside the host
 * bundle (not inside it) and are read once, when first asked for, both as bundled and from the
 * sources under tsx.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CatalogueDataError, catalogueFromData, releaseNotesUrl } from '../../src/catalogue/catalogue';
import { sdkCatalogueCode } from '../../src/catalogue/index';
import { CATALOGUE_CODE_FILE, CATALOGUE_FILE, lazySdkNaming, readSdkNaming } from '../../src/catalogueFile';
import { CATALOGUE_ASSET, CATALOGUE_SOURCE, writeCatalogueAsset } from '../../scripts/catalogue-asset.mjs';
import { CATALOGUE_SOURCE_FILE, ROOT, catalogue, catalogueData } from '../support/catalogue';

const sdkMeta = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'sdk-meta', file), 'utf8'));

describe('the committed catalogue', () => {
  test('says what sdk-meta says: names, types, tokens, wrapper names, repositories, languages', () => {
    const names = sdkMeta('names.json');
    const agents = sdkMeta('user_agents.json');
    assert.deepEqual([...catalogue.sdks.keys()].sort(), Object.keys(names).sort());
    for (const [id, sdk] of catalogue.sdks) {
      assert.equal(sdk.id, id);
      assert.equal(sdk.name, names[id]);
      assert.equal(sdk.type, sdkMeta('types.json')[id]);
      assert.deepEqual(sdk.userAgents, agents[id]?.userAgents ?? []);
      assert.deepEqual(sdk.wrapperNames, agents[id]?.wrapperNames ?? []);
      assert.equal(sdk.github, sdkMeta('repos.json')[id]?.github);
      assert.deepEqual(sdk.languages, sdkMeta('languages.json')[id]);
    }
    assert.equal(catalogue.source.commit, '06271048234043fb2adfedfedc147ffa2721489a');
    assert.equal(catalogue.source.date, '2026-08-21');
  });

  test('keeps every major.minor release with its release and end-of-life days, newest first', () => {
    const releases = sdkMeta('releases.json') as Record<string, { major: number; minor: number; date: string; eol: string | null }[]>;
    for (const [id, sdk] of catalogue.sdks) {
      const expected = (releases[id] ?? [])
        .map((r) => ({ major: r.major, minor: r.minor, released: r.date.slice(0, 10), endOfLife: r.eol && r.eol.slice(0, 10) }))
        .sort((a, b) => b.major - a.major || b.minor - a.minor);
      assert.deepEqual(
        sdk.releases.map(({ major, minor, released, endOfLife }) => ({ major, minor, released, endOfLife })),
        expected,
        id,
      );
      for (const line of sdk.releases) {
        assert.equal(sdk.releaseByMajorMinor.get(`${line.major}.${line.minor}`), line);
        assert.equal(line.endOfLifeMs, line.endOfLife === null ? null : Date.parse(`${line.endOfLife}T00:00:00Z`));
      }
    }
  });

  test('release notes are the https releases page of the SDK’s GitHub repository', () => {
    for (const sdk of catalogue.sdks.values()) {
      const url = new URL(releaseNotesUrl(sdk)!);
      assert.equal(url.href, `https://github.com/${sdk.github}/releases`);
      assert.equal(url.protocol, 'https:');
      assert.equal(url.host, 'github.com');
    }
    const withoutRepository = catalogueFromData({ ...catalogueData, sdks: { x: { ...catalogueData.sdks['roku']!, github: null } } });
    assert.equal(releaseNotesUrl(withoutRepository.sdks.get('x')!), undefined);
  });
});

describe('damaged data is refused', () => {
  const roku = catalogueData.sdks['roku']!;
  const withSdk = (sdk: object): unknown => ({ ...catalogueData, sdks: { roku: sdk } });
  const cases: [string, unknown][] = [
    ['not an object', []],
    ['another format', { ...catalogueData, format: 2 }],
    ['a commit that is not 40 hex digits', { ...catalogueData, source: { ...catalogueData.source, commit: 'HEAD' } }],
    ['a day that does not exist', { ...catalogueData, source: { ...catalogueData.source, date: '2026-02-30' } }],
    ['no sdks', { ...catalogueData, sdks: [] }],
    ['a repository that leaves github.com/owner/', withSdk({ ...roku, github: 'launchdarkly/..' })],
    ['a repository with a path', withSdk({ ...roku, github: 'launchdarkly/x/../../evil' })],
    ['a repository that is a URL', withSdk({ ...roku, github: 'https://evil.example/x' })],
    ['a name with a control character', withSdk({ ...roku, name: 'Roku\nSDK' })],
    ['a name of another type', withSdk({ ...roku, name: 7 })],
    ['tokens that are not a list', withSdk({ ...roku, userAgents: 'RokuClient' })],
    ['releases out of order', withSdk({ ...roku, releases: [...roku.releases].reverse() })],
    ['a release line twice', withSdk({ ...roku, releases: [roku.releases[0], roku.releases[0]] })],
    ['an end of life on the newest line', withSdk({ ...roku, releases: [[9, 9, '2025-01-01', '2026-01-01'], ...roku.releases.slice(1)] })],
    ['an older line without one', withSdk({ ...roku, releases: [roku.releases[0], [...roku.releases[1]!.slice(0, 3), null]] })],
    ['a negative major', withSdk({ ...roku, releases: [[-1, 0, '2025-01-01', null]] })],
    ['a release as an object', withSdk({ ...roku, releases: [{ major: 1, minor: 0, date: '2025-01-01', eol: null }] })],
  ];
  for (const [what, data] of cases) {
    test(what, () => assert.throws(() => catalogueFromData(data), CatalogueDataError));
  }

  test('an id like __proto__ is a key like any other', () => {
    const data = JSON.parse(`{"format":1,"source":${JSON.stringify(catalogueData.source)},"sdks":{"__proto__":${JSON.stringify(roku)}}}`);
    assert.deepEqual([...catalogueFromData(data).sdks.keys()], ['__proto__']);
  });
});

describe('loading the data and the code when first needed', () => {
  test('the sources are read under tsx from the committed file', async () => {
    const read = await readSdkNaming(CATALOGUE_SOURCE_FILE, sdkCatalogueCode);
    assert.deepEqual(read.catalogue, catalogue);
    assert.equal(CATALOGUE_SOURCE, 'src/catalogue/sdkCatalogue.json');
  });

  test('the file is read once, and a failed read is tried again on the next call', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalogue-'));
    try {
      const file = path.join(dir, 'sdkCatalogue.json');
      let codeAsked = 0;
      const load = lazySdkNaming(file, () => (codeAsked++, sdkCatalogueCode));
      await assert.rejects(load(), { code: 'ENOENT' });
      writeFileSync(file, '{"format":1}');
      await assert.rejects(load(), CatalogueDataError);
      copyFileSync(CATALOGUE_SOURCE_FILE, file);
      const first = await load();
      rmSync(file);
      assert.equal(await load(), first);
      assert.equal(first.catalogue.sdks.size, catalogue.sdks.size);
      assert.equal(codeAsked, 3, 'the code is asked for with each read, not after one succeeded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('as bundled: data and code sit beside the host bundle, which holds neither', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'catalogue-'));
    try {
      mkdirSync(path.join(root, 'src', 'catalogue'), { recursive: true });
      copyFileSync(CATALOGUE_SOURCE_FILE, path.join(root, CATALOGUE_SOURCE));
      const asset = writeCatalogueAsset(root);
      assert.equal(CATALOGUE_ASSET, CATALOGUE_FILE);
      assert.equal(asset, path.join(root, CATALOGUE_FILE));
      assert.ok(readFileSync(asset).length < readFileSync(CATALOGUE_SOURCE_FILE).length * 0.9);
      // The reader and the code bundled as esbuild.mjs bundles them.
      const bundle = (entry: string, outfile: string) =>
        buildSync({
          entryPoints: [path.join(ROOT, entry)],
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          minify: true,
          outfile,
          logLevel: 'warning',
        });
      const reader = path.join(root, 'dist', 'probe.js');
      bundle('src/catalogueFile.ts', reader);
      bundle('src/catalogue/index.ts', path.join(root, CATALOGUE_CODE_FILE));
      const bundled = readFileSync(reader, 'utf8');
      assert.ok(!bundled.includes('AkamaiEdgeSDK') && !bundled.includes('2026-08-21'), 'no data in the host bundle');
      assert.ok(
        !bundled.includes('SDK catalogue:') && !bundled.includes('newest first'),
        "none of the catalogue's code in the host bundle",
      );
      const probe = createRequire(__filename)(reader) as typeof import('../../src/catalogueFile');
      const loaded = await probe.lazySdkNaming(path.join(root, probe.CATALOGUE_FILE), () =>
        probe.bundledCatalogueCode(path.join(root, probe.CATALOGUE_CODE_FILE)),
      )();
      assert.deepEqual(loaded.catalogue.source, catalogue.source);
      assert.deepEqual([...loaded.catalogue.sdks.keys()], [...catalogue.sdks.keys()]);
      assert.equal(loaded.identify('NodeJSClient').identity.kind, 'catalogued');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("the activation bundle holds none of the catalogue's code; the build makes and the package ships dist/catalogue.js", () => {
    const root = mkdtempSync(path.join(tmpdir(), 'catalogue-'));
    try {
      const outfile = path.join(root, 'extension.js');
      buildSync({
        entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        minify: true,
        external: ['vscode', 'web-streams-polyfill/*'],
        outfile,
        logLevel: 'error',
      });
      const host = readFileSync(outfile, 'utf8');
      // A text of each of the catalogue's modules: validation, names, release dates, identities.
      for (const code of [
        'is not a YYYY-MM-DD day',
        String.raw`[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]`,
        String.raw`(\+[0-9A-Za-z.-]+)?$`,
        '/releases`',
      ]) {
        assert.ok(!host.includes(code), code);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    assert.match(
      readFileSync(path.join(ROOT, 'esbuild.mjs'), 'utf8'),
      /entryPoints: \['src\/catalogue\/index\.ts'\],\s*outfile: 'dist\/catalogue\.js'/,
    );
    assert.ok(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes(`!${CATALOGUE_CODE_FILE}`));
  });

  test('the package carries the data file and NOTICE', () => {
    const allowed = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(allowed.includes(`!${CATALOGUE_FILE}`));
    assert.ok(allowed.includes('!NOTICE'));
    const notice = readFileSync(path.join(ROOT, 'NOTICE'), 'utf8');
    for (const words of [
      'launchdarkly/sdk-meta',
      'Apache License, Version 2.0',
      'Copyright 2024 Catamorphic, Co.',
      catalogue.source.commit,
    ]) {
      assert.ok(notice.includes(words), words);
    }
  });
});
