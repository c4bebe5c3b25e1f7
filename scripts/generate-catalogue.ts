/**
 * `npm run catalogue -- <folder> [--root <folder>] [--commit <sha> --date <YYYY-MM-DD>]`
 *
 * Regenerates the SDK catalogue (src/catalogue/sdkCatalogue.json) from LaunchDarkly's SDK metadata:
 * `<folder>` holds the data files of `launchdarkly/sdk-meta`'s `products/` folder (names.json,
 * types.json, user_agents.json, repos.json, languages.json, releases.json), for example a checkout's
 * `products/`. The catalogue records the source commit and its date, taken from, in this order:
 * `--commit` and `--date`; the folder's SOURCE.md ("commit <40 hex digits> (<YYYY-MM-DD>)"); the
 * folder's git checkout (HEAD and its commit day in UTC; refused when the folder has uncommitted
 * changes, which HEAD would not describe).
 *
 * One command refreshes everything that names the source, so an update is one diff: the catalogue;
 * a copy of the six files with a SOURCE.md naming the commit in test/fixtures/sdk-meta/ (the inputs
 * the unit test regenerates the catalogue from, byte for byte); the commit and date in NOTICE and
 * README.md (each names them once as "commit <sha> (<date>)"). `--root` writes them under another
 * folder than this repository (the test's temporary one, holding copies of NOTICE and README.md). The catalogue is written in a fixed layout (one release line per line, so a new release
 * reads as one added line and one changed end of life) and read back through the catalogue's own
 * validation before anything is written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CATALOGUE_FORMAT,
  catalogueFromData,
  type CatalogueData,
  type CatalogueSource,
  type ReleaseData,
  type SdkData,
} from '../src/catalogue/catalogue';

const ROOT = path.resolve(__dirname, '..');
/** What the generator writes, relative to the repository's root. */
export const CATALOGUE_PATH = 'src/catalogue/sdkCatalogue.json';
export const INPUTS_PATH = 'test/fixtures/sdk-meta';
/** The files that name the source commit and date as "commit <sha> (<YYYY-MM-DD>)". */
export const SOURCE_NAMING_PATHS = ['NOTICE', 'README.md'] as const;
export const INPUT_FILES = ['names.json', 'types.json', 'user_agents.json', 'repos.json', 'languages.json', 'releases.json'] as const;

const SOURCE_REPOSITORY = 'launchdarkly/sdk-meta';
const LICENCE = 'Apache-2.0';
const SOURCE_LINE = /commit\s+([0-9a-f]{40})\s+\((\d{4}-\d{2}-\d{2})\)/;
/** The same phrase in NOTICE and README.md, whose commit and date each refresh rewrites. */
const SOURCE_LINES = new RegExp(SOURCE_LINE.source, 'g');
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/;

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new Error(`generate-catalogue: ${message}`);
}

function readJsonObject(folder: string, file: string): Json {
  const full = path.join(folder, file);
  if (!existsSync(full)) fail(`${full} is missing`);
  const value: unknown = JSON.parse(readFileSync(full, 'utf8'));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : fail(`${full} is not a JSON object`);
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : fail(`${what} is not a list of strings`);
}

/** "2025-02-26T15:17:20Z" → "2025-02-26" (its UTC day). An end of life must fall at 00:00 UTC: the data file keeps days only. */
function dayOf(value: unknown, what: string, midnightOnly: boolean): string {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match || !Number.isFinite(Date.parse(value as string))) fail(`${what} is not a UTC instant: ${JSON.stringify(value)}`);
  if (midnightOnly && match[2] !== '00:00:00') fail(`${what} is not at 00:00 UTC (${value}); the catalogue keeps days only`);
  return match[1]!;
}

function releasesOf(value: unknown, what: string): ReleaseData[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  const releases = value.map((entry: unknown, i): ReleaseData => {
    const at = `${what}[${i}]`;
    if (typeof entry !== 'object' || entry === null) fail(`${at} is not an object`);
    const { major, minor, date, eol } = entry as Json;
    if (!Number.isSafeInteger(major) || !Number.isSafeInteger(minor) || (major as number) < 0 || (minor as number) < 0) {
      fail(`${at} has no whole major and minor`);
    }
    return [major as number, minor as number, dayOf(date, `${at}.date`, false), eol === null ? null : dayOf(eol, `${at}.eol`, true)];
  });
  return releases.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
}

/** The catalogue's data from the six files' contents. Every SDK needs a display name and a type. */
export function catalogueDataOf(files: Readonly<Record<(typeof INPUT_FILES)[number], Json>>, source: CatalogueSource): CatalogueData {
  const { 'names.json': names, 'types.json': types, 'user_agents.json': agents, 'repos.json': repos } = files;
  const { 'languages.json': languages, 'releases.json': releases } = files;
  const ids = [...new Set(Object.values(files).flatMap((file) => Object.keys(file)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sdks: Record<string, SdkData> = {};
  for (const id of ids) {
    const what = `sdk ${JSON.stringify(id)}`;
    const name = Object.hasOwn(names, id) ? names[id] : undefined;
    const type = Object.hasOwn(types, id) ? types[id] : undefined;
    if (typeof name !== 'string') fail(`${what} has no display name in names.json`);
    if (typeof type !== 'string') fail(`${what} has no type in types.json`);
    const agent = (Object.hasOwn(agents, id) ? agents[id] : {}) as Json;
    const repo = (Object.hasOwn(repos, id) ? repos[id] : {}) as Json;
    if (repo.github !== undefined && typeof repo.github !== 'string') fail(`${what} has a github that is not a string`);
    sdks[id] = {
      name,
      type,
      userAgents: stringList(agent.userAgents, `${what} userAgents`),
      wrapperNames: stringList(agent.wrapperNames, `${what} wrapperNames`),
      github: (repo.github as string | undefined) ?? null,
      languages: stringList(Object.hasOwn(languages, id) ? languages[id] : undefined, `${what} languages`),
      releases: releasesOf(Object.hasOwn(releases, id) ? releases[id] : undefined, `${what} releases`),
    };
  }
  return { format: CATALOGUE_FORMAT, source, sdks };
}

const json = (value: unknown) => JSON.stringify(value);

/** The data file's text: a fixed layout, one release line per line. */
export function catalogueText(data: CatalogueData): string {
  const sdks = Object.entries(data.sdks).map(([id, sdk]) => {
    const fields = (['name', 'type', 'userAgents', 'wrapperNames', 'github', 'languages'] as const).map(
      (key) => `      ${json(key)}: ${json(sdk[key])},`,
    );
    const releases = sdk.releases.length ? `[\n${sdk.releases.map((r) => `        ${json(r)}`).join(',\n')}\n      ]` : '[]';
    return `    ${json(id)}: {\n${fields.join('\n')}\n      "releases": ${releases}\n    }`;
  });
  return `{\n  "format": ${data.format},\n  "source": ${json(data.source)},\n  "sdks": {\n${sdks.join(',\n')}\n  }\n}\n`;
}

/** The commit and its day, from options, the folder's SOURCE.md, or its git checkout (see the top of this file). */
export function sourceOf(folder: string, options: { commit?: string; date?: string }): CatalogueSource {
  const found = ((): { commit: string; date: string } => {
    if (options.commit !== undefined || options.date !== undefined) {
      if (options.commit === undefined || options.date === undefined) fail('--commit and --date go together');
      return { commit: options.commit, date: options.date };
    }
    const sourceMd = path.join(folder, 'SOURCE.md');
    if (existsSync(sourceMd)) {
      const match = SOURCE_LINE.exec(readFileSync(sourceMd, 'utf8'));
      if (!match) fail(`${sourceMd} names no "commit <40 hex digits> (<YYYY-MM-DD>)"`);
      return { commit: match[1]!, date: match[2]! };
    }
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', folder, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    let commit: string;
    let seconds: number;
    let changes: string;
    try {
      commit = git('rev-parse', 'HEAD');
      seconds = Number(git('log', '-1', '--format=%ct', 'HEAD'));
      changes = git('status', '--porcelain', '--', '.');
    } catch {
      fail(`${folder} has no SOURCE.md and is not in a git checkout: give --commit and --date`);
    }
    if (changes !== '') fail(`${folder} has uncommitted changes, which its HEAD does not describe: give --commit and --date`);
    return { commit, date: new Date(seconds * 1000).toISOString().slice(0, 10) };
  })();
  if (!/^[0-9a-f]{40}$/.test(found.commit)) fail(`the commit ${JSON.stringify(found.commit)} is not 40 hex digits`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(found.date)) fail(`the date ${JSON.stringify(found.date)} is not YYYY-MM-DD`);
  return { repository: SOURCE_REPOSITORY, commit: found.commit, date: found.date, licence: LICENCE };
}

/** The SOURCE.md written beside the copied inputs; `sourceOf` reads its commit and date back. */
export function inputsSourceText(source: CatalogueSource): string {
  return `# LaunchDarkly SDK metadata: the SDK catalogue's inputs

The data files of LaunchDarkly's public repository \`${source.repository}\`, folder \`products/\`, at
commit ${source.commit} (${source.date}), unchanged. Licence: ${source.licence} (Apache License 2.0),
"Copyright 2024 Catamorphic, Co."; see NOTICE at the root of this repository.

\`npm run catalogue -- <folder>\` wrote them here when it generated \`src/catalogue/sdkCatalogue.json\`;
\`test/unit/catalogueGenerator.test.ts\` regenerates that file from them and expects the same bytes.
`;
}

export interface GenerateOptions {
  /** The repository root to write under; this repository's by default. */
  readonly root?: string;
  readonly commit?: string;
  readonly date?: string;
}

/** Reads `folder`; writes the catalogue, the copy of its inputs and the commit in NOTICE and README.md; returns the source. */
export function generateCatalogue(folder: string, options: GenerateOptions = {}): CatalogueSource {
  const root = options.root ?? ROOT;
  const files = Object.fromEntries(INPUT_FILES.map((file) => [file, readJsonObject(folder, file)])) as Record<
    (typeof INPUT_FILES)[number],
    Json
  >;
  const source = sourceOf(folder, options);
  const text = catalogueText(catalogueDataOf(files, source));
  // What the extension would refuse is never written.
  catalogueFromData(JSON.parse(text));
  const naming = SOURCE_NAMING_PATHS.map((file) => ({ file: path.join(root, file), text: readFileSync(path.join(root, file), 'utf8') }));
  for (const { file, text } of naming) {
    if (!SOURCE_LINE.test(text)) fail(`${file} names no "commit <40 hex digits> (<YYYY-MM-DD>)" to update`);
  }

  const out = path.join(root, CATALOGUE_PATH);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  const inputs = path.join(root, INPUTS_PATH);
  mkdirSync(inputs, { recursive: true });
  if (realpathSync(inputs) !== realpathSync(folder)) {
    // Bytes, not the file: a read-only source (a shared copy) must not make the copy read-only too.
    for (const file of INPUT_FILES) writeFileSync(path.join(inputs, file), readFileSync(path.join(folder, file)));
  }
  writeFileSync(path.join(inputs, 'SOURCE.md'), inputsSourceText(source));
  for (const { file, text } of naming) writeFileSync(file, text.replace(SOURCE_LINES, `commit ${source.commit} (${source.date})`));
  return source;
}

if (require.main === module) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string' }, commit: { type: 'string' }, date: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write(
      'usage: npm run catalogue -- <folder with sdk-meta products/*.json> [--root folder] [--commit sha --date YYYY-MM-DD]\n',
    );
    process.exit(2);
  }
  try {
    const source = generateCatalogue(path.resolve(positionals[0]!), {
      root: values.root && path.resolve(values.root),
      commit: values.commit,
      date: values.date,
    });
    const written = [CATALOGUE_PATH, `${INPUTS_PATH}/`, ...SOURCE_NAMING_PATHS].join(', ');
    process.stdout.write(`${written}: ${source.repository} at ${source.commit} (${source.date})\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
