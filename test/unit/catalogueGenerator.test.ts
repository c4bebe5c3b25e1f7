/**
 * `npm run catalogue`: run on the recorded copy of sdk-meta's files it writes the committed
 * catalogue, the copy itself and NOTICE again byte for byte; it takes the source commit from its
 * options, the folder's SOURCE.md or the folder's git checkout; it refuses inputs it cannot represent.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CATALOGUE_PATH,
  INPUTS_PATH,
  INPUT_FILES,
  SOURCE_NAMING_PATHS,
  catalogueDataOf,
  generateCatalogue,
  sourceOf,
} from '../../scripts/generate-catalogue';
import { ROOT } from '../support/catalogue';

const INPUTS = path.join(ROOT, INPUTS_PATH);
const SOURCE = { repository: 'launchdarkly/sdk-meta', commit: 'a'.repeat(40), date: '2026-01-02', licence: 'Apache-2.0' };

function inTemporaryFolder(run: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalogue-generator-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A temporary repository root holding only NOTICE and README.md, which the generator updates. */
function withRoot(run: (root: string) => void): void {
  inTemporaryFolder((root) => {
    for (const file of SOURCE_NAMING_PATHS) copyFileSync(path.join(ROOT, file), path.join(root, file));
    run(root);
  });
}

const inputs = () =>
  Object.fromEntries(INPUT_FILES.map((file) => [file, JSON.parse(readFileSync(path.join(INPUTS, file), 'utf8'))])) as Parameters<
    typeof catalogueDataOf
  >[0];

describe('npm run catalogue', () => {
  test('reproduces the committed catalogue, its recorded inputs, NOTICE and README byte for byte', () => {
    withRoot((root) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-catalogue.ts', INPUTS, '--root', root], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /launchdarkly\/sdk-meta at 06271048234043fb2adfedfedc147ffa2721489a \(2026-08-21\)/);
      const same = (file: string) => assert.ok(readFileSync(path.join(root, file)).equals(readFileSync(path.join(ROOT, file))), file);
      same(CATALOGUE_PATH);
      for (const file of SOURCE_NAMING_PATHS) same(file);
      assert.deepEqual(readdirSync(path.join(root, INPUTS_PATH)).sort(), readdirSync(INPUTS).sort());
      for (const file of readdirSync(INPUTS)) same(path.join(INPUTS_PATH, file));
    });
  });

  test('without a folder it says how to call it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-catalogue.ts'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /usage: npm run catalogue -- <folder/);
  });

  test('a new commit goes into the catalogue, the recorded inputs’ SOURCE.md, NOTICE and README', () => {
    withRoot((root) => {
      generateCatalogue(INPUTS, { root, commit: SOURCE.commit, date: SOURCE.date });
      const written = JSON.parse(readFileSync(path.join(root, CATALOGUE_PATH), 'utf8'));
      assert.deepEqual(written.source, SOURCE);
      for (const file of SOURCE_NAMING_PATHS) {
        const text = readFileSync(path.join(root, file), 'utf8');
        assert.ok(text.includes(`commit ${SOURCE.commit} (${SOURCE.date})`), file);
        assert.ok(!text.includes('06271048234043fb2adfedfedc147ffa2721489a'), file);
      }
      assert.deepEqual(sourceOf(path.join(root, INPUTS_PATH), {}), SOURCE);
    });
  });
});

describe('the source commit', () => {
  test('options first, then SOURCE.md; --commit and --date go together', () => {
    assert.equal(sourceOf(INPUTS, {}).commit, '06271048234043fb2adfedfedc147ffa2721489a');
    assert.deepEqual(sourceOf(INPUTS, { commit: SOURCE.commit, date: SOURCE.date }), SOURCE);
    assert.throws(() => sourceOf(INPUTS, { commit: SOURCE.commit }), /go together/);
    assert.throws(() => sourceOf(INPUTS, { commit: 'HEAD', date: SOURCE.date }), /40 hex digits/);
  });

  test('from a git checkout: HEAD and its commit day in UTC, refused while the folder has uncommitted changes', () => {
    inTemporaryFolder((dir) => {
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', dir, ...args], {
          encoding: 'utf8',
          env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T23:30:00-05:00', GIT_AUTHOR_DATE: '2026-03-04T23:30:00-05:00' },
        }).trim();
      git('init', '-q');
      for (const file of INPUT_FILES) copyFileSync(path.join(INPUTS, file), path.join(dir, file));
      git('add', '.');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'data');
      assert.deepEqual(sourceOf(dir, {}), { ...SOURCE, commit: git('rev-parse', 'HEAD'), date: '2026-03-05' });
      writeFileSync(path.join(dir, 'names.json'), '{}');
      assert.throws(() => sourceOf(dir, {}), /uncommitted changes/);
    });
  });

  test('a folder with neither SOURCE.md nor git asks for the options', () => {
    inTemporaryFolder((dir) => {
      // The temporary folder may lie inside this repository's checkout (npm test keeps its temporary
      // files there): git must not look above it.
      const ceiling = process.env.GIT_CEILING_DIRECTORIES;
      process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
      try {
        assert.throws(() => sourceOf(dir, {}), /give --commit and --date/);
      } finally {
        if (ceiling === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
        else process.env.GIT_CEILING_DIRECTORIES = ceiling;
      }
    });
  });
});

/** roku's entries of releases.json, to change. */
const rokuReleases = (files: ReturnType<typeof inputs>) =>
  files['releases.json']['roku'] as { minor: unknown; date: unknown; eol: unknown }[];

describe('inputs the catalogue cannot represent are refused', () => {
  test('an end of life that is not at 00:00 UTC', () => {
    const files = inputs();
    rokuReleases(files)[1]!.eol = '2026-01-01T12:00:00Z';
    assert.throws(() => catalogueDataOf(files, SOURCE), /not at 00:00 UTC/);
  });

  test('an SDK without a display name or a type', () => {
    const files = inputs();
    files['repos.json']['new-sdk'] = { github: 'launchdarkly/new-sdk' };
    assert.throws(() => catalogueDataOf(files, SOURCE), /"new-sdk" has no display name/);
    files['names.json']['new-sdk'] = 'New SDK';
    assert.throws(() => catalogueDataOf(files, SOURCE), /"new-sdk" has no type/);
    files['types.json']['new-sdk'] = 'server-side';
    assert.equal(catalogueDataOf(files, SOURCE).sdks['new-sdk']!.releases.length, 0);
  });

  test('releases without whole majors and minors, and dates that are not instants', () => {
    const files = inputs();
    rokuReleases(files)[0]!.minor = '4';
    assert.throws(() => catalogueDataOf(files, SOURCE), /no whole major and minor/);
    rokuReleases(files)[0]!.minor = 4;
    rokuReleases(files)[0]!.date = 'yesterday';
    assert.throws(() => catalogueDataOf(files, SOURCE), /not a UTC instant/);
  });

  test('releases are written newest first whatever order they come in', () => {
    const files = inputs();
    rokuReleases(files).reverse();
    assert.deepEqual(catalogueDataOf(files, SOURCE).sdks['roku']!.releases, catalogueDataOf(inputs(), SOURCE).sdks['roku']!.releases);
  });
});
