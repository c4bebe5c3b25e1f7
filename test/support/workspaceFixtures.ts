/** The workspace reader's fixtures (test/fixtures/workspace/<case>/…) as the host would pass them, and span checks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextSpan, WorkspaceDependency, WorkspaceFile, WorkspaceScan } from '../../src/workspace/types';

const ROOT = path.resolve(__dirname, '..', 'fixtures', 'workspace');

/** Every file of a fixture folder, with `/`-separated paths relative to it (under `prefix` when given). */
export function fixtureFiles(folder: string, prefix = ''): WorkspaceFile[] {
  const files: WorkspaceFile[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, folder, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.push({ path: prefix + child, content: fs.readFileSync(path.join(ROOT, folder, child), 'utf8') });
    }
  };
  walk('');
  return files;
}

/** The text a span covers in a file of the list. */
export function textAt(files: readonly WorkspaceFile[], file: string, span: TextSpan): string {
  const content = files.find((f) => f.path === file)?.content;
  if (typeof content !== 'string') throw new Error(`no text file ${file}`);
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  if (span.start.line === span.end.line) return lines[span.start.line]!.slice(span.start.character, span.end.character);
  return [
    lines[span.start.line]!.slice(span.start.character),
    ...lines.slice(span.start.line + 1, span.end.line),
    lines[span.end.line]!.slice(0, span.end.character),
  ].join('\n');
}

/** The one dependency of a file with this package name (and section, when given); fails when there is not exactly one. */
export function dependencyIn(scan: WorkspaceScan, file: string, packageName: string, section?: string): WorkspaceDependency {
  const found = scan.dependencies.filter(
    (d) => d.file === file && d.packageName === packageName && (section === undefined || d.section === section),
  );
  if (found.length !== 1)
    throw new Error(`${found.length} dependencies ${packageName} in ${file}: ${JSON.stringify(scan.dependencies, null, 1)}`);
  return found[0]!;
}

/** A compact line per dependency, for whole-scan comparisons: file, package, relation, declared, version. */
export function summary(scan: WorkspaceScan): string[] {
  return scan.dependencies
    .map((d) =>
      [
        d.file,
        d.packageName,
        d.sdkId,
        d.relation,
        d.declared ?? '-',
        d.declaredKind ?? '-',
        d.version ? `${d.version.text} (${d.version.kind}, ${d.version.from})` : '-',
      ].join(' | '),
    )
    .sort();
}
