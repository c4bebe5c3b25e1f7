/**
 * The workspace reader is its own bundle (dist/workspace.js), loaded by the host when first needed:
 * the rest of src/ may import its types only, or the parsers would land in the activation bundle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('outside src/workspace, src/ imports the workspace reader for its types only', () => {
  const valueImports = sourceFiles(join(ROOT, 'src'))
    .filter((file) => !file.startsWith(join(ROOT, 'src', 'workspace')))
    .flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\bimport\s+(type\s+)?[^;]*?from\s+'([^']*workspace[^']*)'|\bimport\(\s*'([^']*workspace[^']*)'\s*\)/g,
        ),
      ]
        .filter((match) => !match[1])
        .map((match) => `${relative(ROOT, file)} imports ${match[2] ?? match[3]}`),
    );
  assert.deepEqual(valueImports, []);
});

test('the build makes dist/workspace.js from src/workspace/index.ts, and the package carries it', () => {
  assert.match(
    readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8'),
    /entryPoints: \['src\/workspace\/index\.ts'\],\s*outfile: 'dist\/workspace\.js'/,
  );
  assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').includes('!dist/workspace.js'));
});
