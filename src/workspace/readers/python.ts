/** Python: requirements*.txt, pyproject.toml (PEP 621, PEP 735 groups, Poetry), Pipfile, poetry.lock, uv.lock, Pipfile.lock. */
import { asRecord, asString, escapeRegExp, findJsonKey, jsonKeySpan, readJson, readToml, UnreadableFile } from '../formats';
import { pep503Name, sdkOfPackage } from '../packages';
import type { Declared, Locked, Reader } from '../reading';
import { TomlPlaces } from '../tomlText';
import type { Relation } from '../types';

/**
 * A PEP 508 requirement: `name[extras] specifier ; marker`, the old `name (specifier)`, or
 * `name @ url` (whose "specifier" is then the URL, which reads as no version).
 */
function readRequirement(text: string): { name: string; specifier: string } | undefined {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*([^;]*)/.exec(text);
  if (!match) return undefined;
  const rest = match[2]!.trim();
  return { name: match[1]!, specifier: rest.startsWith('@') ? rest.slice(1).trim() : rest.replace(/^\((.*)\)$/, '$1').trim() };
}

/** A requirements line without its comment (`#` after white space) and its options (`--hash=…`). */
function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').replace(/\s--[a-z][\w-]*.*$/i, '');
}

/**
 * requirements*.txt, line by line: `\` continues a line, `#` after white space starts a comment,
 * `--hash=…` and other options after a requirement are not part of it, option lines (`-r`, `-e`,
 * `--index-url`) and URL or path lines name no registry package.
 */
export const readRequirements: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const declared: Declared[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const first = i;
    let line = rows[i]!.replace(/\r$/, '');
    while (line.endsWith('\\') && i + 1 < rows.length) line = `${line.slice(0, -1)} ${rows[++i]!.replace(/\r$/, '')}`;
    line = withoutComment(line);
    if (line.trim() === '' || /^\s*(-|\.|\/|[a-z+]+:\/\/)/i.test(line)) continue;
    const requirement = readRequirement(line);
    const sdkId = requirement && sdkOfPackage('pypi', requirement.name);
    if (requirement && sdkId) {
      // The requirement as written on its first line, without a comment or options after it.
      const written = withoutComment(rows[first]!.replace(/\\?\r?$/, ''));
      const span = { start: lines.lineSpan(first).start, end: { line: first, character: written.trimEnd().length } };
      declared.push({ ecosystem: 'pypi', packageName: requirement.name, sdkId, span, declared: requirement.specifier });
    }
  }
  return { declared };
};

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const entriesOf = (value: unknown): [string, unknown][] => Object.entries(asRecord(value) ?? {});

export const readPyproject: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const document = readToml(text);
  const places = new TomlPlaces(text, lines);
  const declared: Declared[] = [];
  const fromRequirement = (value: unknown, section: string, table: string) => {
    const requirement = typeof value === 'string' ? readRequirement(value) : undefined;
    const sdkId = requirement && sdkOfPackage('pypi', requirement.name);
    if (requirement && sdkId) {
      declared.push({
        ecosystem: 'pypi',
        packageName: requirement.name,
        sdkId,
        span: places.ofString(value as string, table),
        section,
        declared: requirement.specifier,
      });
    }
  };
  const project = asRecord(document.project);
  for (const value of asList(project?.dependencies)) fromRequirement(value, 'dependencies', 'project');
  for (const [extra, list] of entriesOf(project?.['optional-dependencies'])) {
    for (const value of asList(list)) fromRequirement(value, `optional ${extra}`, 'project.optional-dependencies');
  }
  // PEP 735; a group's `{ include-group = … }` entries name other groups, not packages.
  for (const [group, list] of entriesOf(document['dependency-groups'])) {
    for (const value of asList(list)) fromRequirement(value, `group ${group}`, 'dependency-groups');
  }
  const poetry = asRecord(asRecord(document.tool)?.poetry);
  const fromPoetry = (table: unknown, section: string, tableName: string) => {
    for (const [key, value] of entriesOf(table)) {
      const sdkId = sdkOfPackage('pypi', key);
      if (!sdkId) continue;
      // A string is a constraint; a table has `version`, or a source that has none (git, path, url); a list holds one table per Python or platform.
      const first = asRecord(Array.isArray(value) ? value[0] : value);
      const written = asString(value) ?? asString(first?.version) ?? asString(first?.git) ?? asString(first?.path) ?? asString(first?.url);
      declared.push({ ecosystem: 'pypi', packageName: key, sdkId, span: places.ofKey(key, tableName), section, declared: written });
    }
  };
  fromPoetry(poetry?.dependencies, 'dependencies', 'tool.poetry.dependencies');
  fromPoetry(poetry?.['dev-dependencies'], 'dev-dependencies', 'tool.poetry.dev-dependencies');
  for (const [group, value] of entriesOf(poetry?.group)) {
    fromPoetry(asRecord(value)?.dependencies, `group ${group}`, `tool.poetry.group.${group}.dependencies`);
  }
  return { declared };
};

/** Pipfile: `[packages]`, `[dev-packages]` and custom categories, each `name = "specifier"` or a table. */
export const readPipfile: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const document = readToml(text);
  const places = new TomlPlaces(text, lines);
  const declared: Declared[] = [];
  for (const [category, table] of entriesOf(document)) {
    if (category === 'source' || category === 'requires' || category === 'scripts' || category === 'pipenv') continue;
    for (const [key, value] of entriesOf(table)) {
      const sdkId = sdkOfPackage('pypi', key);
      if (!sdkId) continue;
      const details = asRecord(value);
      const written = asString(value) ?? asString(details?.version) ?? asString(details?.git) ?? asString(details?.path);
      declared.push({
        ecosystem: 'pypi',
        packageName: key,
        sdkId,
        span: places.ofKey(key, category),
        section: category,
        declared: written,
      });
    }
  }
  return { declared };
};

/**
 * poetry.lock and uv.lock: `[[package]]` tables with `name` and `version`. uv.lock also holds the
 * project itself (an editable or virtual source) with its dependencies, which tells direct from
 * transitive; poetry.lock does not.
 */
export const readPythonLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const packages = asList(readToml(text).package).map(asRecord);
  const direct = new Set<string>();
  let knowsDirect = false;
  for (const entry of packages) {
    const source = asRecord(entry?.source);
    if (!source || !('editable' in source || 'virtual' in source)) continue;
    knowsDirect = true;
    const lists = [
      entry?.dependencies,
      ...Object.values(asRecord(entry?.['optional-dependencies']) ?? {}),
      ...Object.values(asRecord(entry?.['dev-dependencies']) ?? {}),
    ];
    for (const list of lists) for (const item of asList(list)) direct.add(pep503Name(asString(asRecord(item)?.name) ?? ''));
  }
  const locked: Locked[] = [];
  let from = 0;
  for (const entry of packages) {
    const name = asString(entry?.name);
    const version = asString(entry?.version);
    const sdkId = name && sdkOfPackage('pypi', name);
    if (!name || !version || !sdkId) continue;
    const pattern = new RegExp(`^name\\s*=\\s*["']${escapeRegExp(name)}["']`, 'gm');
    pattern.lastIndex = from;
    const at = pattern.exec(text)?.index ?? -1;
    if (at >= 0) from = at + 1;
    const relation: Relation = knowsDirect ? (direct.has(pep503Name(name)) ? 'direct' : 'transitive') : 'unknown';
    locked.push({
      ecosystem: 'pypi',
      packageName: name,
      sdkId,
      version,
      span: lines.lineSpanAt(Math.max(0, at)),
      relation,
    });
  }
  return { locked };
};

/** Pipfile.lock: JSON with `default`, `develop` (and custom categories) mapping names to `{ "version": "==9.2.0" }`. */
export const readPipfileLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const lock = asRecord(readJson(text));
  if (!lock) throw new UnreadableFile('not a Pipfile.lock object');
  const locked: Locked[] = [];
  for (const [category, value] of Object.entries(lock)) {
    if (category === '_meta') continue;
    const categoryAt = Math.max(0, findJsonKey(text, category));
    for (const [name, details] of entriesOf(value)) {
      const version = asString(asRecord(details)?.version);
      const sdkId = sdkOfPackage('pypi', name);
      if (!sdkId || !version) continue;
      const at = findJsonKey(text, name, categoryAt);
      locked.push({
        ecosystem: 'pypi',
        packageName: name,
        sdkId,
        version: version.replace(/^===?/, ''),
        span: jsonKeySpan(lines, at, name),
        relation: 'unknown',
      });
    }
  }
  return { locked };
};
