/**
 * Which files are read, which folders are never entered, and how large a file may be: what the
 * host's file search and watcher use, and what the reader checks again for files given to it.
 */

/** The kinds of file the reader knows, by name. */
export type FileKind =
  | 'package.json'
  | 'package-lock.json'
  | 'yarn.lock'
  | 'pnpm-lock.yaml'
  | 'go.mod'
  | 'requirements.txt'
  | 'pyproject.toml'
  | 'poetry.lock'
  | 'uv.lock'
  | 'Pipfile'
  | 'Pipfile.lock'
  | 'pom.xml'
  | 'build.gradle'
  | 'gradle.properties'
  | 'libs.versions.toml'
  | 'msbuild project'
  | 'Directory.Packages.props'
  | 'Directory.Build.props'
  | 'packages.lock.json'
  | 'Gemfile'
  | 'Gemfile.lock'
  | 'composer.json'
  | 'composer.lock'
  | 'Podfile.lock'
  | 'Package.resolved'
  | 'pubspec.yaml'
  | 'pubspec.lock';

const BY_NAME: Readonly<Record<string, FileKind>> = {
  'package.json': 'package.json',
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'package-lock.json',
  'yarn.lock': 'yarn.lock',
  'pnpm-lock.yaml': 'pnpm-lock.yaml',
  'go.mod': 'go.mod',
  'pyproject.toml': 'pyproject.toml',
  'poetry.lock': 'poetry.lock',
  'uv.lock': 'uv.lock',
  Pipfile: 'Pipfile',
  'Pipfile.lock': 'Pipfile.lock',
  'pom.xml': 'pom.xml',
  'build.gradle': 'build.gradle',
  'build.gradle.kts': 'build.gradle',
  'gradle.properties': 'gradle.properties',
  'Directory.Packages.props': 'Directory.Packages.props',
  'Directory.Build.props': 'Directory.Build.props',
  'packages.lock.json': 'packages.lock.json',
  Gemfile: 'Gemfile',
  'gems.rb': 'Gemfile',
  'Gemfile.lock': 'Gemfile.lock',
  'gems.locked': 'Gemfile.lock',
  'composer.json': 'composer.json',
  'composer.lock': 'composer.lock',
  'Podfile.lock': 'Podfile.lock',
  'Package.resolved': 'Package.resolved',
  'pubspec.yaml': 'pubspec.yaml',
  'pubspec.lock': 'pubspec.lock',
};

/** Globs for the host's file search (`findFiles`), one per name or shape above. */
export const WORKSPACE_FILE_GLOBS: readonly string[] = [
  ...Object.keys(BY_NAME).map((name) => `**/${name}`),
  '**/requirements*.txt',
  '**/requirements/*.txt',
  '**/gradle/libs.versions.toml',
  '**/*.csproj',
  '**/*.fsproj',
  '**/*.vbproj',
];

/** All of them as one glob, for APIs that take one. */
export const WORKSPACE_FILE_GLOB = `{${WORKSPACE_FILE_GLOBS.join(',')}}`;

/**
 * Folders never entered: installed packages (whose manifests are not the project's), version
 * control, virtual environments, caches and build outputs.
 */
export const SKIPPED_FOLDERS: readonly string[] = [
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.yarn',
  '.pnpm-store',
  'vendor',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'target',
  'bin',
  'obj',
  '.gradle',
  'Pods',
  'Carthage',
  '.build',
  '.swiftpm',
  '.dart_tool',
  '.pub-cache',
  'venv',
  '.venv',
  '.tox',
  '.nox',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.terraform',
];

/** The same as one exclude glob. */
export const SKIPPED_FOLDERS_GLOB = `**/{${SKIPPED_FOLDERS.join(',')}}/**`;

/**
 * Files larger than this are not read (one problem entry each). 5 MB holds the manifests and
 * lockfiles of large projects (a package-lock.json of 3,000 packages is about 2 MB) while bounding
 * what one file can cost; a monorepo's larger root lockfile is skipped and its dependencies keep
 * their declared ranges.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The problem of a file past MAX_FILE_BYTES, whoever finds it too large (the reader, or a scan by the file's size). */
export const TOO_LARGE_PROBLEM = `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;

const SKIPPED = new Set(SKIPPED_FOLDERS);

/** The kind of a file by its path, or undefined when it is not one the reader knows or lies in a skipped folder. */
export function fileKindOf(path: string): FileKind | undefined {
  const parts = path.split(/[\\/]/);
  const name = parts.pop() ?? '';
  if (parts.some((part) => SKIPPED.has(part))) return undefined;
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
  if (/^requirements.*\.txt$/.test(name) || (parts.at(-1) === 'requirements' && name.endsWith('.txt'))) return 'requirements.txt';
  if (name === 'libs.versions.toml' && parts.at(-1) === 'gradle') return 'libs.versions.toml';
  if (/\.(cs|fs|vb)proj$/.test(name)) return 'msbuild project';
  return undefined;
}

/** The folder part of a path (`a/b/c.json` → `a/b`, `c.json` → ``). */
export function folderOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A folder and its ancestors, nearest first, ending with `` (the workspace root). */
export function foldersUpFrom(folder: string): string[] {
  const folders = [folder];
  for (let at = folder; at !== '';) {
    at = folderOf(at);
    folders.push(at);
  }
  return folders;
}

/** `a/b` joined with `c` → `a/b/c`; with `` → `c`. */
export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** `child` relative to `ancestor` (which holds it): `a/b/c` from `a` → `b/c`; from itself → ``. */
export function relativePath(ancestor: string, child: string): string {
  if (ancestor === child) return '';
  return ancestor === '' ? child : child.slice(ancestor.length + 1);
}

/** A path with `.` and `..` parts resolved (`a/b/../c` → `a/c`), or undefined when it climbs above the root. */
export function normalisePath(path: string): string | undefined {
  const root = path.startsWith('/') ? '/' : '';
  const parts: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.pop() === undefined) return undefined;
    } else parts.push(part);
  }
  return root + parts.join('/');
}
