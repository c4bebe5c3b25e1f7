/**
 * Which of a workspace folder's files the user hides: the patterns of `files.exclude` and
 * `search.exclude` that are on, matched as VS Code matches them (against the path relative to the
 * folder; a pattern that matches a folder hides everything in it). The reader's own skipped folders
 * (node_modules, vendor, build outputs…) go to the file search as its exclude glob; these are
 * checked on what it finds, as the search's exclude takes one flat glob and these may hold braces.
 * No `vscode` import.
 */
import picomatch from 'picomatch/posix';

/**
 * The patterns of exclude settings whose value is `true`. A conditional entry (`{ "when": … }`,
 * "hide when a sibling exists") is left out: manifests are not generated beside their sources.
 */
export function excludePatterns(settings: readonly unknown[]): string[] {
  const patterns: string[] = [];
  for (const setting of settings) {
    if (typeof setting !== 'object' || setting === null) continue;
    for (const [pattern, on] of Object.entries(setting)) if (on === true && pattern !== '') patterns.push(pattern);
  }
  return patterns;
}

/** Whether a folder-relative, `/`-separated path is hidden by one of the patterns, itself or through a folder above it. */
export function excludeMatcher(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matches = picomatch([...patterns], { dot: true });
  return (path) => {
    if (matches(path)) return true;
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      if (matches(path.slice(0, slash))) return true;
    }
    return false;
  };
}
