/** Ruby: Gemfile (and gems.rb) `gem` lines, Gemfile.lock (and gems.locked) specs and DEPENDENCIES. */
import { UnreadableFile } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Declared, Locked, Reader } from '../reading';

/** `gem 'name', '~> 8.0', '>= 8.1', require: false`: the name and the requirement strings that follow it. */
const GEM = /^\s*gem\s*\(?\s*(["'])([^"']+)\1((?:\s*,\s*(["'])[^"']*\4)*)/;

export const readGemfile: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const declared: Declared[] = [];
  // `group :development, :test do` … `end`: the group a gem line belongs to.
  const groups: (string | undefined)[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const line = rows[i]!.replace(/(^|\s)#.*$/, '');
    const group = /^\s*group\s*\(?\s*(.+?)\)?\s+do\s*(\|.*\|)?\s*$/.exec(line);
    if (group) groups.push(group[1]!.replace(/[:\s]/g, ''));
    else if (/\bdo\s*(\|.*\|)?\s*$/.test(line)) groups.push(groups.at(-1));
    else if (/^\s*end\s*$/.test(line)) groups.pop();
    const gem = GEM.exec(line);
    const sdkId = gem && sdkOfPackage('rubygems', gem[2]!);
    if (!gem || !sdkId) continue;
    const requirements = [...gem[3]!.matchAll(/(["'])([^"']*)\1/g)].map((m) => m[2]!.trim());
    // A gem from git or a path has no version to read; said as its source (`git: url`).
    const source = /\b(git|github|path):\s*(["'])([^"']*)\2/.exec(line.slice(gem[0].length));
    const section = groups.at(-1);
    declared.push({
      ecosystem: 'rubygems',
      packageName: gem[2]!,
      sdkId,
      span: lines.lineSpan(i),
      ...(section ? { section: `group ${section}` } : {}),
      declared: requirements.length > 0 ? requirements.join(', ') : source ? `${source[1]}: ${source[3]}` : undefined,
    });
  }
  return { declared };
};

/**
 * Gemfile.lock: sections start at column 0 (`GEM`, `PATH`, `GIT`, `DEPENDENCIES`, …); under a
 * source's `specs:` each gem is `    name (version[-platform])` at four spaces, its own dependencies at
 * six. DEPENDENCIES lists what the Gemfile asks for, at two spaces.
 */
export const readGemfileLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const specs: { name: string; version: string; line: number; sdkId: string }[] = [];
  const direct = new Set<string>();
  let section = '';
  let sections = 0;
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const line = rows[i]!.replace(/\r$/, '');
    if (/^[A-Z][A-Z ]*$/.test(line)) {
      section = line;
      sections++;
      continue;
    }
    if ((section === 'GEM' || section === 'PATH' || section === 'GIT') && /^ {4}\S/.test(line)) {
      const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
      const sdkId = spec && sdkOfPackage('rubygems', spec[1]!);
      // A gem's version has no `-`; what follows one is the platform (`8.0.0-java`).
      if (spec && sdkId) specs.push({ name: spec[1]!, version: spec[2]!.replace(/-.*$/, ''), line: i, sdkId });
    } else if (section === 'DEPENDENCIES') {
      const dependency = /^ {2}([^\s(!]+)/.exec(line);
      if (dependency) direct.add(dependency[1]!);
    }
  }
  if (sections === 0) throw new UnreadableFile('invalid Gemfile.lock: no sections');
  const locked: Locked[] = specs.map(({ name, version, line, sdkId }) => ({
    ecosystem: 'rubygems',
    packageName: name,
    sdkId,
    version,
    span: lines.lineSpan(line),
    relation: direct.has(name) ? 'direct' : 'transitive',
  }));
  return { locked };
};
