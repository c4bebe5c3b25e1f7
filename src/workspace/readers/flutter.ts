/** Flutter and Dart: pubspec.yaml's dependency maps, pubspec.lock's `packages`. */
import { isMap } from 'yaml';
import { readYaml, UnreadableFile, yamlChild, yamlPairs, yamlScalar, yamlSpan } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Declared, Locked, Reader } from '../reading';
import type { Relation } from '../types';
import { yamlBlocks } from '../yamlBlocks';

export const readPubspec: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const root = readYaml(text).contents;
  if (!isMap(root)) throw new UnreadableFile('not a pubspec');
  const declared: Declared[] = [];
  for (const section of ['dependencies', 'dev_dependencies', 'dependency_overrides']) {
    for (const [name, pair] of yamlPairs(yamlChild(root, section))) {
      const sdkId = sdkOfPackage('pub', name);
      if (!sdkId) continue;
      // `name: ^4.0.0`, `name: { version: ^4.0.0, hosted: … }`, a git/path source (said as `git: url`), or nothing (any version).
      const details = pair.value;
      const source = ['git', 'path', 'sdk'].find((key) => yamlChild(details, key) !== undefined);
      const where = source && (yamlScalar(yamlChild(details, source)) ?? yamlScalar(yamlChild(yamlChild(details, source), 'url')) ?? '');
      const written = yamlScalar(details) ?? yamlScalar(yamlChild(details, 'version')) ?? (source ? `${source}: ${where}` : undefined);
      const span = { start: yamlSpan(lines, pair.key).start, end: yamlSpan(lines, details ?? pair.key).end };
      declared.push({ ecosystem: 'pub', packageName: name, sdkId, span, section, declared: written });
    }
  }
  return { declared, workspaceMember: yamlScalar(yamlChild(root, 'resolution')) === 'workspace' };
};

const RELATIONS: Readonly<Record<string, Relation>> = {
  'direct main': 'direct',
  'direct dev': 'direct',
  'direct overridden': 'direct',
  transitive: 'transitive',
};

/** pubspec.lock: `packages` maps each name to `{ dependency, version, … }`; only the SDK's entries are parsed. */
export const readPubspecLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const packages = yamlBlocks(text).find((block) => block.key === 'packages');
  if (!packages) throw new UnreadableFile('not a pubspec.lock: no packages');
  const locked: Locked[] = [];
  for (const entry of yamlBlocks(text, packages.bodyStart, packages.end)) {
    const sdkId = sdkOfPackage('pub', entry.key);
    if (!sdkId) continue;
    const details = yamlChild(readYaml(text.slice(entry.start, entry.end)).contents, entry.key);
    const version = yamlScalar(yamlChild(details, 'version'));
    if (!version) continue;
    const relation = RELATIONS[yamlScalar(yamlChild(details, 'dependency')) ?? ''] ?? 'unknown';
    locked.push({ ecosystem: 'pub', packageName: entry.key, sdkId, version, span: lines.span(entry.keyStart, entry.keyEnd), relation });
  }
  return { locked };
};
