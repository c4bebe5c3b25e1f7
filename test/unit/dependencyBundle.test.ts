/**
 * The views of the workspace's SDK dependencies are their own bundle (dist/dependencies.js), loaded
 * by the extension when first needed: the rest of src/ may import their types only, and the
 * activation bundle carries neither them, nor the matching, nor the parsers or the glob matcher.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('outside src/dependencyViews, src/ imports the dependency views for their types only', () => {
  const valueImports = sourceFiles(join(ROOT, 'src'))
    .filter((file) => !file.startsWith(join(ROOT, 'src', 'dependencyViews')))
    .flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\bimport\s+(type\s+)?[^;]*?from\s+'([^']*dependencyViews[^']*)'|\bimport\(\s*'([^']*dependencyViews[^']*)'\s*\)/g,
        ),
      ]
        .filter((match) => !match[1])
        .map((match) => `${relative(ROOT, file)} imports ${match[2] ?? match[3]}`),
    );
  assert.deepEqual(valueImports, []);
});

test('the build makes dist/dependencies.js from src/dependencyViews/index.ts, and the package carries it', () => {
  assert.match(
    readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8'),
    /entryPoints: \['src\/dependencyViews\/index\.ts'\],\s*outfile: 'dist\/dependencies\.js'/,
  );
  assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/dependencies.js'));
});

test('the activation bundle holds none of the scan, the matching, the dependency words or picomatch', () => {
  const result = buildSync({
    entryPoints: [join(ROOT, 'src', 'extension.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'web-streams-polyfill/*'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const carried = inputs.filter((input) =>
    /src\/(dependencyViews|workspace)\/|src\/sdkDependencies\/(usageMatch|folderScan|excludes|planScope)|dependency(Words|Markdown)|picomatch/.test(
      input,
    ),
  );
  assert.deepEqual(carried, []);
  assert.ok(
    inputs.some((input) => input.endsWith('src/dependencyLoader.ts')),
    'the loader is in it',
  );
});
