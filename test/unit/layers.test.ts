/**
 * The import graph reads top-down: every module of src/ sits in a layer and imports only from its
 * own layer or those below, never from another folder of its own layer (the tree and the panel do
 * not know each other), and no file imports itself round a cycle. The webview bundle imports only
 * the pure, shared layers. Imports, `import type` included, are read from the source text
 * (relative `from '…'` and `import('…')` specifiers).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

/** Lowest first. A folder entry ends with '/'. */
const LAYERS: readonly (readonly string[])[] = [
  // Import-free: the contribution ids (commands, settings, keys) every layer may name, the disposable base.
  ['src/record.ts', 'src/redact.ts', 'src/contributions.ts', 'src/lifecycle.ts', 'src/lastResult.ts', 'src/listMap.ts'],
  ['src/text.ts'],
  // The workspace reader (its own bundle, dist/workspace.js): pure, and knows nothing of the rest.
  ['src/workspace/'],
  ['src/api/'],
  // The SDK catalogue (pure; it speaks LaunchDarkly's end-of-life statuses) and the host's reader of its data file.
  ['src/catalogue/', 'src/catalogueFile.ts'],
  // The model and the store return kinds, keys and numbers; never words.
  ['src/model/'],
  // The workspace's SDK dependencies joined to usage, their scan and the plan's narrowing: kinds and numbers.
  ['src/sdkDependencies/'],
  // The store, the check of the settings it connects with (reasons, not words), and the file its answers are saved in.
  ['src/store.ts', 'src/settingsCheck.ts', 'src/answerFile.ts'],
  // Every user-facing word: labels, status texts, error advice, notes, the Markdown and export
  // documents, and the orders rows are shown in. It reads model values and store state.
  ['src/presentation/'],
  // Shared definitions (the webview protocol, whose status is presentation's) and the host's basics.
  ['src/protocol.ts', 'src/config.ts', 'src/token.ts', 'src/log.ts', 'src/exportWriter.ts'],
  // What keeps the store and the views in step with settings, token and time.
  [
    'src/connection.ts',
    'src/settingsSync.ts',
    'src/queryRoute.ts',
    'src/autoRefresh.ts',
    'src/answerCache.ts',
    'src/answerFolder.ts',
    'src/restoredAge.ts',
  ],
  // The views; the dependency views are their own lazily loaded bundle, and the file that loads them.
  ['src/tree/', 'src/panel/', 'src/statusBar.ts', 'src/dependencyViews/', 'src/dependencyLoader.ts'],
  ['src/commands/'],
  ['src/extension.ts'],
];

/** What the webview may import from src/: pure code shared by both sides. */
const SHARED_WITH_WEBVIEW = [
  'src/record.ts',
  'src/lastResult.ts',
  'src/listMap.ts',
  'src/redact.ts',
  'src/contributions.ts',
  'src/text.ts',
  'src/api/',
  'src/model/',
  'src/protocol.ts',
  'src/presentation/',
];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The repository paths a file imports, relative specifiers only (packages and `node:` are not layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(ROOT, dirname(file), s);
      const path = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate));
      assert.ok(path, `${file} imports ${s}, which does not resolve to a file`);
      return relative(ROOT, path).split('\\').join('/');
    });
}

const within = (file: string, entry: string) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry);
const layerOf = (file: string) => LAYERS.findIndex((entries) => entries.some((entry) => within(file, entry)));
/** The layer entry (a folder or a single file) a file belongs to. */
const unitOf = (file: string) => LAYERS.flat().find((entry) => within(file, entry));

describe('the import graph', () => {
  const files = sourceFiles('src');
  const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

  test('is read from the source: extension.ts imports the modules it wires', () => {
    const wired = edges.filter((e) => e.from === 'src/extension.ts').map((e) => e.to);
    assert.ok(
      wired.includes('src/store.ts') && wired.includes('src/commands/query.ts') && wired.includes('src/panel/registration.ts'),
      wired.join(', '),
    );
    assert.ok(edges.length > 100, `${edges.length} imports found`);
  });

  test('every module of src/ sits in a layer', () => {
    assert.deepEqual(
      files.filter((file) => layerOf(file) < 0),
      [],
    );
  });

  test('no module imports one in a layer above its own, or in another folder of its own layer', () => {
    const folder = (file: string) => unitOf(file)?.endsWith('/');
    const wrong = edges.filter(
      ({ from, to }) =>
        layerOf(to) > layerOf(from) || (layerOf(to) === layerOf(from) && folder(from) && folder(to) && unitOf(to) !== unitOf(from)),
    );
    assert.deepEqual(
      wrong.map(({ from, to }) => `${from} -> ${to}`),
      [],
    );
  });

  test('no module imports itself round a cycle', () => {
    const next = new Map<string, string[]>(files.map((file) => [file, edges.filter((e) => e.from === file).map((e) => e.to)]));
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) return void cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      if (done.has(file)) return;
      for (const to of next.get(file) ?? []) visit(to, [...path, file]);
      done.add(file);
    };
    for (const file of files) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('nothing below presentation imports it: the words are worded in one layer', () => {
    const presentation = layerOf('src/presentation/status.ts');
    assert.deepEqual(
      edges
        .filter(({ from, to }) => to.startsWith('src/presentation/') && layerOf(from) < presentation)
        .map(({ from, to }) => `${from} -> ${to}`),
      [],
    );
    assert.ok(
      edges.some((e) => e.from === 'src/protocol.ts' && e.to === 'src/presentation/status.ts'),
      "the panel's status is presentation's view status",
    );
  });

  test('the store knows nothing of the webview protocol, and the panel nothing of the commands', () => {
    // Named in the issue; the layer check covers them, this says so plainly if the layers are redrawn.
    assert.ok(!edges.some((e) => e.from === 'src/store.ts' && e.to === 'src/protocol.ts'));
    assert.ok(!edges.some((e) => e.from.startsWith('src/panel/') && e.to.startsWith('src/commands/')));
  });

  test('the webview imports only pure code shared with the host', () => {
    const fromWebview = sourceFiles('webview').flatMap((from) => importsOf(from).map((to) => ({ from, to })));
    assert.ok(
      fromWebview.some((e) => e.to === 'src/protocol.ts'),
      "the webview's imports are read",
    );
    const host = fromWebview.filter(({ to }) => to.startsWith('src/') && !SHARED_WITH_WEBVIEW.some((entry) => within(to, entry)));
    assert.deepEqual(
      host.map(({ from, to }) => `${from} -> ${to}`),
      [],
    );
  });
});

/**
 * Rules of the house read from the source of src/ and webview/ (parsed with TypeScript, so comments
 * do not count): the contribution ids live in one module, files stay small, nothing is re-exported
 * for old importers, and every command goes through the never-throw wrapper.
 */
describe('the source of src/ and webview/', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('webview')].map((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return { file, text, tree: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true) };
  });
  const nodesOf = (tree: ts.SourceFile): ts.Node[] => {
    const nodes: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      nodes.push(node);
      ts.forEachChild(node, visit);
    };
    visit(tree);
    return nodes;
  };

  test("names the extension's ids (launchdarklyUsage.*) only in src/contributions.ts", () => {
    const literal = (node: ts.Node) => ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node);
    const naming = files.flatMap(({ file, tree }) =>
      nodesOf(tree)
        .filter((node) => literal(node) && /\blaunchdarklyUsage\b/.test((node as ts.LiteralLikeNode).text))
        .map((node) => `${file}: ${node.getText(tree)}`),
    );
    assert.ok(
      naming.some((line) => line.startsWith('src/contributions.ts: ')),
      'the ids are found where they are written',
    );
    assert.deepEqual(
      naming.filter((line) => !line.startsWith('src/contributions.ts: ')),
      [],
    );
  });

  test('has no file over 450 lines', () => {
    const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    assert.deepEqual(
      files.filter(({ text }) => lines(text) > 450).map(({ file, text }) => `${file}: ${lines(text)} lines`),
      [],
    );
  });

  test('exports each thing where it is declared: no `export … from`, no re-export lists', () => {
    const reexports = files.flatMap(({ file, tree }) =>
      tree.statements.filter(ts.isExportDeclaration).map((statement) => `${file}: ${statement.getText(tree)}`),
    );
    assert.deepEqual(reexports, []);
  });

  test('registers every command through the never-throw wrapper (src/commands/register.ts)', () => {
    const direct = files.filter(({ file, text }) => file !== 'src/commands/register.ts' && /\bcommands\.registerCommand\b/.test(text));
    assert.deepEqual(
      direct.map(({ file }) => file),
      [],
    );
  });
});
