// Seven bundles: the extension host (Node, CommonJS, `vscode` external), five it loads lazily (node-fetch,
// the workspace reader, the views of the workspace's SDK dependencies, the saved answers' file format,
// the SDK catalogue's code) and the webview (browser); and beside them the SDK catalogue's data
// (dist/sdkCatalogue.json; a refresh of the data in --watch mode needs a restart).
// `--production` minifies without source maps, for the .vsix; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { writeCatalogueAsset } from './scripts/catalogue-asset.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // node-fetch is its own file (dist/fetch.js, below), required on the first request: see src/api/nodeFetchOnFirstUse.ts.
    alias: { 'node-fetch': './src/api/nodeFetchOnFirstUse.ts' },
    external: ['vscode', './fetch.js'],
  },
  // node-fetch with its polyfills, for the host's first request.
  {
    ...common,
    stdin: { contents: "export { default } from 'node-fetch';", resolveDir: '.', sourcefile: 'fetch.ts' },
    outfile: 'dist/fetch.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // fetch-blob (via node-fetch) falls back to this 60 kB stream polyfill only when the runtime has
    // no ReadableStream; every Node that VS Code ^1.95 ships has one, so it is never loaded.
    external: ['web-streams-polyfill/*'],
  },
  // The workspace reader and its parsers, loaded by the host with require() when first needed: kept
  // out of extension.js so activation does not pay for them.
  {
    ...common,
    entryPoints: ['src/workspace/index.ts'],
    outfile: 'dist/workspace.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsonc-parser's UMD main loads its parts with a require() that esbuild cannot follow; its ES module build bundles whole.
    mainFields: ['module', 'main'],
  },
  // The saved answer's file format (its checks), loaded by the host when it first saves or restores one.
  {
    ...common,
    entryPoints: ['src/answerFile.ts'],
    outfile: 'dist/answerFile.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The SDK catalogue's code (validation, names, release dates), loaded with its data when first needed.
  {
    ...common,
    entryPoints: ['src/catalogue/index.ts'],
    outfile: 'dist/catalogue.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  // The workspace's SDK dependencies in VS Code (scan, view, diagnostics, hover…), loaded with require()
  // when first needed; it loads dist/workspace.js in turn.
  {
    ...common,
    entryPoints: ['src/dependencyViews/index.ts'],
    outfile: 'dist/dependencies.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

// `--tests`: the integration suite, one file per suite so mocha can load them after its globals.
if (process.argv.includes('--tests')) {
  builds.push({
    ...common,
    entryPoints: ['test/integration/*.ts'],
    outdir: 'out/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
  });
}

// Start clean so a production build never ships a stale source map or an old test file.
for (const options of builds) {
  for (const file of options.outfile ? [options.outfile, `${options.outfile}.map`] : [options.outdir]) {
    rmSync(file, { recursive: true, force: true });
  }
}

writeCatalogueAsset('.');

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
