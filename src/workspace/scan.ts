/**
 * The pure entry point: read each file on its own (`readWorkspaceFile`), then pair the readings
 * (`pairReadings`): a manifest with its lockfile, a module with its parent POM, catalogue or central
 * package versions, a property reference with its value. A file that cannot be read yields one
 * problem entry and nothing else; no input makes either function throw.
 */
import { fileKindOf, folderOf, foldersUpFrom, joinPath, MAX_FILE_BYTES, relativePath, TOO_LARGE_PROBLEM, type FileKind } from './files';
import { escapeRegExp, UnreadableFile } from './formats';
import { mentionsLaunchDarkly, packageIdentity } from './packages';
import type { Declared, FileReading, Locked, Reader } from './reading';
import { readComposerJson, readComposerLock } from './readers/php';
import { readMsbuild, readNugetLock } from './readers/dotnet';
import { readPubspec, readPubspecLock } from './readers/flutter';
import { readGoMod } from './readers/go';
import { readPackageResolved, readPodfileLock } from './readers/ios';
import { readGradle, readGradleProperties, readPom, readVersionCatalogue } from './readers/jvm';
import { readPackageJson, readPackageLock, readPnpmLock, readYarnLock } from './readers/npm';
import { readPipfile, readPipfileLock, readPyproject, readPythonLock, readRequirements } from './readers/python';
import { readGemfile, readGemfileLock } from './readers/ruby';
import { resolveDeclared, type Resolution } from './declaredVersions';
import { Readings } from './readings';
import { LineIndex } from './textIndex';
import type { WorkspaceDependency, WorkspaceFile, WorkspaceScan } from './types';
import { plainVersion, readDeclaredVersion } from './versions';

const READERS: Readonly<Record<FileKind, Reader>> = {
  'package.json': readPackageJson,
  'package-lock.json': readPackageLock,
  'yarn.lock': readYarnLock,
  'pnpm-lock.yaml': readPnpmLock,
  'go.mod': readGoMod,
  'requirements.txt': readRequirements,
  'pyproject.toml': readPyproject,
  'poetry.lock': readPythonLock,
  'uv.lock': readPythonLock,
  Pipfile: readPipfile,
  'Pipfile.lock': readPipfileLock,
  'pom.xml': readPom,
  'build.gradle': readGradle,
  'gradle.properties': readGradleProperties,
  'libs.versions.toml': readVersionCatalogue,
  'msbuild project': readMsbuild,
  'Directory.Packages.props': readMsbuild,
  'Directory.Build.props': readMsbuild,
  'packages.lock.json': readNugetLock,
  Gemfile: readGemfile,
  'Gemfile.lock': readGemfileLock,
  'composer.json': readComposerJson,
  'composer.lock': readComposerLock,
  'Podfile.lock': readPodfileLock,
  'Package.resolved': readPackageResolved,
  'pubspec.yaml': readPubspec,
  'pubspec.lock': readPubspecLock,
};

/** How far in a file to look for a NUL byte, which no text manifest has. */
const BINARY_SNIFF = 8000;

/** The text of a file, or undefined for binary content. UTF-8 unless a BOM says UTF-16; a BOM is dropped (editors hide it, so offsets match theirs). */
function decode(content: string | Uint8Array): string | undefined {
  if (typeof content === 'string') {
    const head = content.slice(0, BINARY_SNIFF);
    return head.includes('\0') ? undefined : content.replace(/^\uFEFF/, '');
  }
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content);
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder('utf-16be').decode(content);
  if (content.subarray(0, BINARY_SNIFF).includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(content);
}

function reasonOf(error: unknown): string {
  if (error instanceof UnreadableFile) return error.message;
  // A parser that recursed past the stack despite the nesting check.
  if (error instanceof RangeError) return 'nested too deeply';
  return `unreadable (${error instanceof Error ? error.message.slice(0, 80) : 'unknown error'})`;
}

/**
 * Reads one file, or returns undefined when its name is not one the reader knows (or it lies in a
 * skipped folder). Its `problem` says why a file yielded nothing: larger than MAX_FILE_BYTES (for
 * text, counted in UTF-16 units), binary, or invalid; a file that names no SDK is only read for what
 * its neighbours need, and its faults are not problems of this extension's.
 */
export function readWorkspaceFile(file: WorkspaceFile): FileReading | undefined {
  const kind = fileKindOf(file.path);
  if (!kind) return undefined;
  const empty: FileReading = { path: file.path, kind, declared: [], locked: [] };
  const size = typeof file.content === 'string' ? file.content.length : file.content.byteLength;
  if (size > MAX_FILE_BYTES) return { ...empty, problem: TOO_LARGE_PROBLEM };
  const text = decode(file.content);
  if (text === undefined) return { ...empty, problem: 'binary content' };
  const mentionsSdk = mentionsLaunchDarkly(text);
  try {
    const output = READERS[kind]({ path: file.path, text, lines: new LineIndex(text), mentionsSdk });
    return { ...empty, ...output, declared: output.declared ?? [], locked: output.locked ?? [] };
  } catch (error) {
    return mentionsSdk ? { ...empty, problem: reasonOf(error) } : empty;
  }
}

/** Reads and pairs a whole workspace folder's files (paths relative to it, `/`-separated). */
export function scanWorkspaceFiles(files: readonly WorkspaceFile[]): WorkspaceScan {
  const readings: FileReading[] = [];
  for (const file of files) {
    const reading = readWorkspaceFile(file);
    if (reading) readings.push(reading);
  }
  return pairReadings(readings);
}

/** Where a manifest's dependencies are locked, and how to find one there. */
interface Pairing {
  readonly lock: FileReading;
  find(dependency: Declared): Locked | undefined;
}

const NPM_LOCKS: FileKind[] = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];

/** `packages/*`, `apps/**` → a test of a workspace-relative folder. */
function globMatches(globs: readonly string[] | undefined, folder: string): boolean {
  return (globs ?? []).some((glob) => {
    const pattern = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    if (pattern.startsWith('!')) return false;
    const expression = pattern
      .split(/(\*\*\/?|\*|\?)/)
      .map((part) =>
        part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : escapeRegExp(part),
      )
      .join('');
    return new RegExp(`^${expression}$`).test(folder);
  });
}

/**
 * npm: the nearest lockfile at or above the package's folder; one above covers it only when it is a
 * workspace of that root (the lockfile lists the folder, or for yarn v1 the root's `workspaces`
 * globs match it). Inside, package-lock paths follow Node's lookup from the package's folder up,
 * pnpm keys by importer, yarn by `name@range` descriptor.
 */
function npmPairing(readings: Readings, manifest: FileReading): Pairing | undefined {
  const folder = folderOf(manifest.path);
  for (const root of foldersUpFrom(folder)) {
    const lock = readings.inFolder(root, NPM_LOCKS);
    if (!lock) continue;
    const rel = relativePath(root, folder);
    const covered = rel === '' || lock.importers?.includes(rel) || globMatches(readings.inFolder(root, ['package.json'])?.workspaces, rel);
    if (!covered) return undefined;
    return {
      lock,
      find: (dependency) => {
        const name = dependency.installName ?? dependency.packageName;
        if (lock.kind === 'package-lock.json') {
          for (const from of foldersUpFrom(rel)) {
            const path = joinPath(from, `node_modules/${name}`);
            const found = lock.locked.find((locked) => locked.installPath === path);
            if (found) return found;
          }
          return undefined;
        }
        if (lock.kind === 'pnpm-lock.yaml') return lock.locked.find((locked) => locked.importer === rel && locked.installName === name);
        const wanted = [`${name}@${dependency.specifier}`, `${name}@npm:${dependency.specifier}`];
        const byDescriptor = lock.locked.find((locked) => locked.descriptors?.some((descriptor) => wanted.includes(descriptor)));
        return byDescriptor ?? onlyVersion(lock.locked.filter((locked) => locked.packageName === dependency.packageName));
      },
    };
  }
  return undefined;
}

/** The entry when all entries pin one version, else undefined (which of them applies is not known). */
function onlyVersion(entries: readonly Locked[]): Locked | undefined {
  const [first] = entries;
  return first && entries.every((entry) => entry.version === first.version) ? first : undefined;
}

function byIdentity(lock: FileReading): Pairing {
  return {
    lock,
    find: (dependency) => {
      const identity = packageIdentity(dependency.ecosystem, dependency.packageName);
      return lock.locked.find((locked) => packageIdentity(locked.ecosystem, locked.packageName) === identity);
    },
  };
}

function pairingOf(readings: Readings, manifest: FileReading): Pairing | undefined {
  const folder = folderOf(manifest.path);
  let lock: FileReading | undefined;
  switch (manifest.kind) {
    case 'package.json':
      return npmPairing(readings, manifest);
    case 'pyproject.toml':
      // A uv workspace's members share the root's uv.lock.
      lock = readings.inFolder(folder, ['poetry.lock', 'uv.lock']) ?? readings.nearest(folder, ['uv.lock']);
      break;
    case 'Pipfile':
      lock = readings.inFolder(folder, ['Pipfile.lock']);
      break;
    case 'msbuild project':
      lock = readings.inFolder(folder, ['packages.lock.json']);
      break;
    case 'Gemfile':
      lock = readings.inFolder(folder, ['Gemfile.lock']);
      break;
    case 'composer.json':
      lock = readings.inFolder(folder, ['composer.lock']);
      break;
    case 'pubspec.yaml':
      // A pub workspace member (`resolution: workspace`) is locked in the workspace root's pubspec.lock.
      lock = manifest.workspaceMember ? readings.nearest(folder, ['pubspec.lock']) : readings.inFolder(folder, ['pubspec.lock']);
      break;
  }
  return lock && byIdentity(lock);
}

function dependencyOf(
  file: string,
  dependency: Declared,
  resolution: Resolution,
  lock?: { file: string; locked: Locked },
): WorkspaceDependency {
  const { declared, declaredAt } = resolution;
  const read = readDeclaredVersion(dependency.ecosystem, declared);
  const locked = lock?.locked;
  const version: WorkspaceDependency['version'] = locked
    ? { text: plainVersion(locked.version), kind: 'exact', from: 'lockfile' }
    : read.version !== undefined
      ? { text: read.version, kind: 'exact', from: 'manifest' }
      : read.kind === 'range' && declared !== undefined
        ? { text: declared, kind: 'range', from: 'manifest' }
        : undefined;
  return withoutUndefined({
    file,
    span: dependency.span,
    ecosystem: dependency.ecosystem,
    packageName: dependency.packageName,
    sdkId: dependency.sdkId,
    relation: dependency.relation ?? 'direct',
    section: dependency.section,
    declared,
    declaredKind: read.kind,
    declaredAt,
    resolved: locked?.version,
    lockfile: lock && { file: lock.file, span: lock.locked.span },
    version,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/** Pairs the readings of one workspace folder into its dependencies and problems. */
export function pairReadings(list: readonly FileReading[]): WorkspaceScan {
  const readings = new Readings(list);
  const dependencies: WorkspaceDependency[] = [];
  const usedLocks = new Set<Locked>();
  const usedManaged = new Set<Declared>();
  /** Lockfiles a manifest is paired with: an entry none of them declares is transitive. */
  const pairedLocks = new Set<FileReading>();
  for (const reading of list) {
    if (reading.problem) continue;
    const pairing = reading.declared.length > 0 ? pairingOf(readings, reading) : undefined;
    if (pairing) pairedLocks.add(pairing.lock);
    for (const dependency of reading.declared) {
      const locked = pairing?.find(dependency);
      if (locked) usedLocks.add(locked);
      const resolution = resolveDeclared(readings, reading, dependency);
      if (resolution.managed) usedManaged.add(resolution.managed);
      dependencies.push(dependencyOf(reading.path, dependency, resolution, locked && pairing && { file: pairing.lock.path, locked }));
    }
    if (reading.catalogueReferences?.length) {
      // The build's catalogue: gradle/libs.versions.toml in the nearest folder above that has one.
      const catalogue = foldersUpFrom(folderOf(reading.path))
        .map((folder) => readings.at(joinPath(folder, 'gradle/libs.versions.toml')))
        .find(Boolean);
      for (const reference of reading.catalogueReferences) {
        const entry = catalogue?.managed?.get(reference.accessor);
        if (!entry) continue;
        usedManaged.add(entry);
        dependencies.push(
          dependencyOf(
            reading.path,
            { ...entry, span: reference.span, section: reference.section },
            { declared: entry.declared, declaredAt: entry.declaredAt },
          ),
        );
      }
    }
  }
  for (const reading of list) {
    // A version set for others that nothing here uses is still a declaration: reported where it is set.
    for (const entry of reading.managed?.values() ?? []) {
      if (usedManaged.has(entry)) continue;
      const resolution = resolveDeclared(readings, reading, { ...entry, declaredAt: undefined });
      dependencies.push(
        dependencyOf(
          reading.path,
          { ...entry, relation: 'unknown' },
          { ...resolution, declaredAt: resolution.declaredAt ?? entry.declaredAt },
        ),
      );
    }
    for (const dependency of lockfileOnly(reading, usedLocks, pairedLocks.has(reading))) dependencies.push(dependency);
  }
  const problems = list.filter((reading) => reading.problem).map((reading) => ({ file: reading.path, reason: reading.problem! }));
  return { dependencies, problems };
}

/** A lockfile's entries that no manifest claimed, one per package and version (package-lock repeats nested copies). */
function lockfileOnly(lock: FileReading, used: ReadonlySet<Locked>, paired: boolean): WorkspaceDependency[] {
  const key = (locked: Locked) => JSON.stringify([packageIdentity(locked.ecosystem, locked.packageName), plainVersion(locked.version)]);
  const seen = new Set(lock.locked.filter((locked) => used.has(locked)).map(key));
  const found: WorkspaceDependency[] = [];
  for (const locked of lock.locked) {
    if (used.has(locked) || seen.has(key(locked))) continue;
    seen.add(key(locked));
    found.push({
      file: lock.path,
      span: locked.span,
      ecosystem: locked.ecosystem,
      packageName: locked.packageName,
      sdkId: locked.sdkId,
      relation: locked.relation === 'unknown' && paired ? 'transitive' : locked.relation,
      resolved: locked.version,
      lockfile: { file: lock.path, span: locked.span },
      version: { text: plainVersion(locked.version), kind: 'exact', from: 'lockfile' },
    });
  }
  return found;
}
