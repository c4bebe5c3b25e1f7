/** npm: package.json, package-lock.json (v1–v3) and npm-shrinkwrap.json, yarn.lock (v1 and Berry), pnpm-lock.yaml (v5–v9). */
import { getNodeValue } from 'jsonc-parser';
import {
  asRecord,
  asString,
  escapeRegExp,
  findJsonKey,
  jsonChild,
  jsonKeySpan,
  jsonProperties,
  readJson,
  readJsonTree,
  readYaml,
  UnreadableFile,
  yamlChild,
  yamlPairs,
  yamlScalar,
  yamlSpan,
} from '../formats';
import { mentionsLaunchDarkly, sdkOfPackage } from '../packages';
import type { Declared, Locked, Reader, ReaderInput } from '../reading';
import type { Relation } from '../types';
import { yamlBlocks } from '../yamlBlocks';

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * An alias's target: `npm:@scope/name@^1.2` → name and range. Undefined for any other specifier,
 * including Berry's plain `npm:^1.2`.
 */
function aliasTarget(specifier: string): { name: string; range: string } | undefined {
  const match = /^npm:((?:@[^/@]+\/)?[^/@]+)@(.+)$/.exec(specifier);
  return match ? { name: match[1]!, range: match[2]! } : undefined;
}

export const readPackageJson: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) {
    // Only a workspace root's globs matter here (for yarn v1 lockfiles, which do not list workspaces).
    return text.includes('"workspaces"') ? { workspaces: workspaceGlobs(asRecord(readJson(text))?.workspaces) } : {};
  }
  const root = readJsonTree(text, lines);
  const declared: Declared[] = [];
  for (const section of SECTIONS) {
    for (const [key, , value, property] of jsonProperties(jsonChild(root, section))) {
      if (typeof value.value !== 'string') continue;
      const alias = aliasTarget(value.value);
      const packageName = alias?.name ?? key;
      const sdkId = sdkOfPackage('npm', packageName);
      if (!sdkId) continue;
      declared.push({
        ecosystem: 'npm',
        packageName,
        sdkId,
        span: lines.span(property.offset, property.offset + property.length),
        section,
        declared: alias ? alias.range : value.value,
        installName: key,
        specifier: value.value,
      });
    }
  }
  const workspaces = jsonChild(root, 'workspaces');
  return { declared, workspaces: workspaceGlobs(workspaces && getNodeValue(workspaces)) };
};

/** `workspaces: [...]` or yarn's `workspaces: { packages: [...] }`. */
function workspaceGlobs(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : asRecord(value)?.packages;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : undefined;
}

/** The package name at the end of an install path: `a/node_modules/@s/x` → `@s/x`. */
function nameOfInstallPath(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules/');
  return at < 0 ? undefined : path.slice(at + 'node_modules/'.length);
}

/** The dependency names a package-lock entry declares for itself (a workspace's or the root's). */
function declaredNames(entry: Record<string, unknown> | undefined): string[] {
  return SECTIONS.flatMap((section) => Object.keys(asRecord(entry?.[section]) ?? {}));
}

/**
 * A lockfile without an SDK in it resolves no SDK dependency, so it is not parsed (which workspace
 * folders it covers does not matter then either).
 */
export const readPackageLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const lock = asRecord(readJson(text));
  if (!lock) throw new UnreadableFile('not a package-lock object');
  const packages = asRecord(lock.packages);
  if (packages) return readLockPackages(packages, text, lines);
  // lockfileVersion 1: a tree of `dependencies`, each entry's own nested under it.
  return { locked: readLockTree(asRecord(lock.dependencies), text, lines), importers: [''] };
};

function readLockPackages(packages: Record<string, unknown>, text: string, lines: ReaderInput['lines']) {
  const importers = Object.keys(packages).filter((path) => nameOfInstallPath(path) === undefined);
  // npm hoists a workspace's dependencies to the root's node_modules: one there is direct when any workspace declares it.
  const declaredAnywhere = new Set(importers.flatMap((importer) => declaredNames(asRecord(packages[importer]))));
  const locked: Locked[] = [];
  for (const [path, value] of Object.entries(packages)) {
    const entry = asRecord(value);
    const installName = nameOfInstallPath(path);
    if (installName === undefined || !entry || entry.link === true) continue;
    const packageName = asString(entry.name) ?? installName;
    const sdkId = sdkOfPackage('npm', packageName);
    const version = asString(entry.version);
    if (!sdkId || !version) continue;
    // Installed right under a workspace folder that declares it, or hoisted to the root: a direct dependency.
    const owner = path.slice(0, path.length - `node_modules/${installName}`.length).replace(/\/$/, '');
    const direct =
      owner === ''
        ? declaredAnywhere.has(installName)
        : !owner.includes('node_modules') && declaredNames(asRecord(packages[owner])).includes(installName);
    const relation: Relation = direct ? 'direct' : 'transitive';
    const at = findJsonKey(text, path);
    locked.push({
      ecosystem: 'npm',
      packageName,
      sdkId,
      version,
      span: jsonKeySpan(lines, at, path),
      relation,
      installPath: path,
    });
  }
  return { locked, importers };
}

/**
 * lockfileVersion 1: `dependencies: { name: { version, dependencies: {…} } }`, nested as deep as
 * node_modules was. Walked in document order with a stack of its own (no recursion), so each
 * entry's key is the next one of its name in the text.
 */
function readLockTree(dependencies: Record<string, unknown> | undefined, text: string, lines: ReaderInput['lines']): Locked[] {
  const locked: Locked[] = [];
  const searchFrom = new Map<string, number>();
  const stack: { name: string; entry: unknown; prefix: string }[] = [];
  const pushAll = (tree: Record<string, unknown> | undefined, prefix: string) => {
    const names = Object.keys(tree ?? {});
    for (let i = names.length - 1; i >= 0; i--) stack.push({ name: names[i]!, entry: tree![names[i]!], prefix });
  };
  pushAll(dependencies, '');
  while (stack.length > 0) {
    const { name, entry: value, prefix } = stack.pop()!;
    const entry = asRecord(value);
    if (!entry) continue;
    const installPath = `${prefix}node_modules/${name}`;
    const written = asString(entry.version) ?? '';
    const alias = aliasTarget(written);
    const packageName = alias?.name ?? name;
    const sdkId = sdkOfPackage('npm', packageName);
    if (sdkId && written) {
      const key = new RegExp(`${escapeRegExp(JSON.stringify(name))}\\s*:\\s*\\{`, 'g');
      key.lastIndex = searchFrom.get(name) ?? 0;
      const at = key.exec(text)?.index ?? -1;
      if (at >= 0) searchFrom.set(name, at + 1);
      locked.push({
        ecosystem: 'npm',
        packageName,
        sdkId,
        version: alias?.range ?? written,
        span: jsonKeySpan(lines, at, name),
        relation: prefix === '' ? 'unknown' : 'transitive',
        installPath,
      });
    }
    pushAll(asRecord(entry.dependencies), `${installPath}/`);
  }
  return locked;
}

/** A descriptor's package name: `@s/x@^1`, `x@npm:^1` → `@s/x`, `x`; an alias (`a@npm:@s/x@^1`) names its target. */
function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  const range = at < 0 ? '' : descriptor.slice(at + 1);
  return aliasTarget(range)?.name ?? (at < 0 ? descriptor : descriptor.slice(0, at));
}

const unquote = (text: string) => text.trim().replace(/^"|"$/g, '');

/**
 * yarn.lock, both formats, line by line: an entry starts at column 0 with its descriptors
 * (`"a@^1", a@^1.2:`), its fields are indented below (`version "1.2.3"` in v1, `version: 1.2.3` in
 * Berry, which also has `resolution:` and `name@workspace:path` entries for workspaces).
 */
export const readYarnLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const locked: Locked[] = [];
  const importers = [''];
  // The SDK entry being read, until its version line.
  let entry: { descriptors: string[]; line: number; name: string; sdkId: string } | undefined;
  let lineNumber = -1;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    lineNumber++;
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      if (!line.endsWith(':')) throw new UnreadableFile(`invalid yarn.lock at line ${lineNumber + 1}`);
      // v1 quotes each descriptor (`"a@^1", "a@^2":`), Berry all of them together (`"a@npm:^1, a@npm:^2":`).
      const descriptors = line.slice(0, -1).split(/,\s*/).map(unquote);
      for (const descriptor of descriptors) {
        const workspace = /@workspace:(.*)$/.exec(descriptor);
        if (workspace && workspace[1] !== '.') importers.push(workspace[1]!);
      }
      const name = descriptorName(descriptors[0] ?? '');
      const sdkId = sdkOfPackage('npm', name);
      entry = sdkId ? { descriptors, line: lineNumber, name, sdkId } : undefined;
      continue;
    }
    const version = entry && /^ {2}version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
    if (entry && version) {
      locked.push({
        ecosystem: 'npm',
        packageName: entry.name,
        sdkId: entry.sdkId,
        version: version[1]!,
        span: lines.lineSpan(entry.line),
        relation: 'unknown',
        descriptors: entry.descriptors,
      });
      entry = undefined;
    }
  }
  return { locked, importers };
};

/** A pnpm v5 version (`9.2.0_peer@1`) without its peer suffix; later versions' `(peer@1)` suffix `plainVersion` drops. */
function pnpmVersion(text: string): string {
  return text.replace(/_.*$/, '');
}

/** `/@s/x@1.2.3(p)` (v6), `@s/x@1.2.3` (v9) → name and version: a package key, or an alias's version in an importer. */
function pnpmNameAtVersion(text: string): { name: string; version: string } | undefined {
  const match = /^\/?((?:@[^/@]+\/)?[^/@]+)@(\d.*)$/.exec(text);
  return match ? { name: match[1]!, version: match[2]! } : undefined;
}

/** `/@s/x/1.2.3_p` (v5), `/@s/x@1.2.3(p)` (v6), `@s/x@1.2.3` (v9) → name and version. */
function pnpmPackageKey(key: string): { name: string; version: string } | undefined {
  const v5 = /^\/((?:@[^/]+\/)?[^/@]+)\/(\d[^/]*)$/.exec(key);
  if (v5) return { name: v5[1]!, version: pnpmVersion(v5[2]!) };
  return pnpmNameAtVersion(key);
}

/**
 * pnpm-lock.yaml: `importers` (one per workspace folder, v6+: `name: { specifier, version }`, v5:
 * `name: version`; without workspaces, up to v8, the root's sections at the top level) and
 * `packages` keyed by `name@version`. Only the importers that name an SDK are parsed, and the
 * package keys are read by line: a large lockfile costs a pass over its lines.
 */
export const readPnpmLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const top = yamlBlocks(text);
  if (!top.some((block) => block.key === 'lockfileVersion')) throw new UnreadableFile('not a pnpm lockfile: no lockfileVersion');
  const importersBlock = top.find((block) => block.key === 'importers');
  // Each entry as its own YAML text: an importer (`apps/web:` and its sections) or, without importers, a root section.
  const entries = importersBlock
    ? yamlBlocks(text, importersBlock.bodyStart, importersBlock.end)
    : top.filter((block) => SECTIONS.includes(block.key));
  const importers = importersBlock ? entries.map((entry) => (entry.key === '.' ? '' : entry.key)) : [''];
  const locked: Locked[] = [];
  for (const entry of entries) {
    if (!mentionsLaunchDarkly(text.slice(entry.start, entry.end))) continue;
    const root = readYaml(text.slice(entry.start, entry.end)).contents;
    const importer = importersBlock ? yamlChild(root, entry.key) : root;
    const importerKey = importersBlock && entry.key !== '.' ? entry.key : '';
    for (const section of SECTIONS) {
      for (const [installName, pair] of yamlPairs(yamlChild(importer, section))) {
        // v6+: `{ specifier, version }`; v5: the version alone. An alias's version names its target (`@s/x@1.2.3`).
        const written = yamlScalar(yamlChild(pair.value, 'version')) ?? yamlScalar(pair.value);
        if (!written || written.startsWith('link:') || written.startsWith('file:')) continue;
        const target = /^\d/.test(written) ? undefined : pnpmNameAtVersion(written);
        const packageName = target?.name ?? installName;
        const sdkId = sdkOfPackage('npm', packageName);
        if (!sdkId) continue;
        locked.push({
          ecosystem: 'npm',
          packageName,
          sdkId,
          version: pnpmVersion(target?.version ?? written),
          span: yamlSpan(lines, pair.key, entry.start),
          relation: 'direct',
          importer: importerKey,
          installName,
        });
      }
    }
  }
  const packages = top.find((block) => block.key === 'packages');
  for (const entry of packages ? yamlBlocks(text, packages.bodyStart, packages.end) : []) {
    const parsed = pnpmPackageKey(entry.key);
    const sdkId = parsed && sdkOfPackage('npm', parsed.name);
    if (parsed && sdkId) {
      locked.push({
        ecosystem: 'npm',
        packageName: parsed.name,
        sdkId,
        version: parsed.version,
        span: lines.span(entry.keyStart, entry.keyEnd),
        relation: 'transitive',
      });
    }
  }
  return { locked, importers };
};
