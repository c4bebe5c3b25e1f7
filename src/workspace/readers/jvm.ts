/** JVM and Android: pom.xml (properties, parent, dependencyManagement), build.gradle(.kts), gradle.properties, gradle/libs.versions.toml. */
import { asRecord, asString, readToml, UnreadableFile } from '../formats';
import { folderOf, joinPath, normalisePath } from '../files';
import { sdkOfPackage } from '../packages';
import type { CatalogueReference, Declared, Property, Reader } from '../reading';
import { TomlPlaces } from '../tomlText';
import { childNamed, childrenNamed, readXml, type XmlElement } from '../xml';

/**
 * A POM is read even when it names no SDK: a child module may take a version from its parent's
 * `<properties>`. Its parent is the file `<relativePath>` names (by default `../pom.xml`); an empty
 * `<relativePath/>` means the parent comes from a repository, not the workspace.
 */
export const readPom: Reader = ({ path, text, lines, mentionsSdk }) => {
  const project = childNamed(readXml(text), 'project');
  if (!project) throw new UnreadableFile('not a POM: no <project>');
  const properties = new Map<string, Property>();
  for (const element of childNamed(project, 'properties')?.children ?? []) {
    properties.set(element.name, { value: element.text, span: lines.span(element.start, element.end) });
  }
  const parentElement = childNamed(project, 'parent');
  const versionElement = childNamed(project, 'version') ?? childNamed(parentElement, 'version');
  if (versionElement)
    properties.set('project.version', { value: versionElement.text, span: lines.span(versionElement.start, versionElement.end) });
  const relativePath = childNamed(parentElement, 'relativePath');
  const parentPath = relativePath?.text ?? '../pom.xml';
  const parent =
    parentElement && parentPath !== ''
      ? normalisePath(joinPath(folderOf(path), parentPath.endsWith('.xml') ? parentPath : `${parentPath}/pom.xml`))
      : undefined;
  if (!mentionsSdk) return { properties, parent };

  // A managed version is written for other modules: where it is written goes with it.
  const dependencyOf = (element: XmlElement, section: string, managed: boolean): Declared | undefined => {
    const artifact = childNamed(element, 'artifactId');
    const packageName = `${childNamed(element, 'groupId')?.text ?? ''}:${artifact?.text ?? ''}`;
    const sdkId = sdkOfPackage('maven', packageName);
    if (!sdkId || !artifact) return undefined;
    const version = childNamed(element, 'version');
    return {
      ecosystem: 'maven',
      packageName,
      sdkId,
      span: lines.span(artifact.start, artifact.end),
      section: childNamed(element, 'scope')?.text ?? section,
      declared: version?.text,
      ...(version && managed ? { declaredAt: { file: path, span: lines.span(version.start, version.end) } } : {}),
    };
  };
  const declared: Declared[] = [];
  const lists: [XmlElement | undefined, string][] = [[childNamed(project, 'dependencies'), 'compile']];
  for (const profile of childrenNamed(childNamed(project, 'profiles'), 'profile')) {
    lists.push([childNamed(profile, 'dependencies'), `profile ${childNamed(profile, 'id')?.text ?? ''}`.trim()]);
  }
  for (const [list, section] of lists) {
    for (const element of childrenNamed(list, 'dependency')) {
      const dependency = dependencyOf(element, section, false);
      if (dependency) declared.push(dependency);
    }
  }
  const managed = new Map<string, Declared>();
  for (const element of childrenNamed(childNamed(childNamed(project, 'dependencyManagement'), 'dependencies'), 'dependency')) {
    const dependency = dependencyOf(element, 'dependencyManagement', true);
    if (dependency) managed.set(dependency.packageName, dependency);
  }
  return { declared, properties, parent, managed };
};

/**
 * The text with comments blanked (same length, line breaks kept), so the patterns below neither
 * match inside a comment nor take `//` in a URL string for one.
 */
function blankComments(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const close = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : text[i + 1] === '/' ? close : close + 2;
      parts.push(text.slice(copied, i), text.slice(i, end).replace(/[^\n]/g, ' '));
      copied = end;
      i = end - 1;
    }
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** `ldVersion = '7.0.0'`, `def`/`val`/`var`/`String` declarations, `ext.x =`, `extra["x"] =`, `set("x", …)`, `val x by extra("…")`. */
const VARIABLE_PATTERNS = [
  /^[ \t]*(?:(?:def|val|var|String)[ \t]+)?(?:(?:project\.|rootProject\.)?ext\.|extra\[")?(\w+)"?\]?[ \t]*=[ \t]*["']([^"'$\n]*)["']/gm,
  /\bset\(\s*["'](\w+)["']\s*,\s*["']([^"'$\n]*)["']/g,
  /\bval[ \t]+(\w+)[ \t]+by[ \t]+extra\(\s*["']([^"'$\n]*)["']/g,
];

/** `implementation 'g:a:v'`, `api("g:a:v")`, `implementation(platform("g:a:v"))`; the configuration name is the section. */
const STRING_NOTATION = /(\w+)[ \t]*\(?[ \t]*(?:(?:enforced)?[pP]latform\(\s*)?["']([\w.-]+:[\w.-]+)(?::([^"'@\n]*))?(?:@\w+)?["']/g;
/**
 * `implementation group: 'g', name: 'a', version: 'v'` (Groovy) and `implementation(group = "g",
 * name = "a", version = "v")` (Kotlin); the version may be a variable's name, unquoted.
 */
const MAP_NOTATION =
  /(\w+)[ \t]*\(?[ \t]*group[ \t]*[:=][ \t]*["']([\w.-]+)["'][ \t]*,[ \t]*name[ \t]*[:=][ \t]*["']([\w.-]+)["'](?:[ \t]*,[ \t]*version[ \t]*[:=][ \t]*(?:["']([^"'\n]*)["']|([A-Za-z_][\w.]*)))?/g;
/** `implementation(libs.ld.java)`, `implementation libs.ld.java`: a catalogue library's accessor. */
const CATALOGUE_REFERENCE = /(\w+)[ \t]*\(?[ \t]*(?:(?:enforced)?[pP]latform\(\s*)?\blibs\.([A-Za-z_][\w.]*)/g;

/**
 * A Gradle build script (Groovy or Kotlin), by pattern: dependency notations naming an SDK, and
 * `libs.…` references to the version catalogue (read in every build file, since an alias need not
 * name the SDK). The script's own variables are its properties: a version's `$name` or `${name}` is
 * replaced by the pairing, from them first and then from gradle.properties.
 */
export const readGradle: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk && !text.includes('libs.')) return {};
  const code = blankComments(text);
  const catalogueReferences: CatalogueReference[] = [];
  for (const match of code.matchAll(CATALOGUE_REFERENCE)) {
    const accessor = match[2]!.replace(/\.get$/, '').replace(/\.$/, '');
    if (/^(versions|plugins|bundles)\./.test(accessor)) continue;
    catalogueReferences.push({ accessor, span: lines.lineSpanAt(match.index), section: match[1] });
  }
  if (!mentionsSdk) return { catalogueReferences };

  const properties = new Map<string, Property>();
  for (const pattern of VARIABLE_PATTERNS) {
    for (const match of code.matchAll(pattern)) properties.set(match[1]!, { value: match[2]!, span: lines.lineSpanAt(match.index) });
  }
  const declared: Declared[] = [];
  const add = (offset: number, section: string, packageName: string, version: string | undefined) => {
    const sdkId = sdkOfPackage('maven', packageName);
    if (!sdkId) return;
    declared.push({
      ecosystem: 'maven',
      packageName,
      sdkId,
      span: lines.lineSpanAt(offset),
      section,
      declared: version,
    });
  };
  for (const match of code.matchAll(STRING_NOTATION)) add(match.index, match[1]!, match[2]!, match[3]);
  for (const match of code.matchAll(MAP_NOTATION))
    add(match.index, match[1]!, `${match[2]}:${match[3]}`, match[4] ?? (match[5] && `$${match[5]}`));
  return { declared, properties, catalogueReferences };
};

/** gradle.properties: `key=value`, `key: value` or `key value`; `#` and `!` start comments. Read whether or not it names an SDK. */
export const readGradleProperties: Reader = ({ text, lines }) => {
  const properties = new Map<string, Property>();
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const match = /^\s*([^#!\s=:][^=:\s]*)\s*[=:\s]\s*(.*?)\s*$/.exec(rows[i]!);
    if (match) properties.set(match[1]!, { value: match[2]!, span: lines.lineSpan(i) });
  }
  return { properties };
};

/** A catalogue version: a string, or `{ strictly, require, prefer }` (what resolution aims at first). */
function catalogueVersion(value: unknown): string | undefined {
  const rich = asRecord(value);
  return asString(value) ?? asString(rich?.prefer) ?? asString(rich?.require) ?? asString(rich?.strictly);
}

/**
 * gradle/libs.versions.toml: `[libraries]` aliases as `"g:a:v"` or `{ module = "g:a" | group, name;
 * version = "v" | { ref = "x" } (`version.ref`) }`, versions in `[versions]`. Keyed by accessor:
 * Gradle reads `-`, `_` and `.` in an alias alike (`ld-java` is `libs.ld.java`).
 */
export const readVersionCatalogue: Reader = ({ path, text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const catalogue = readToml(text);
  const places = new TomlPlaces(text, lines);
  const versions = asRecord(catalogue.versions) ?? {};
  const managed = new Map<string, Declared>();
  for (const [alias, value] of Object.entries(asRecord(catalogue.libraries) ?? {})) {
    const library = asRecord(value);
    const [group, name, inlineVersion] = (asString(value) ?? asString(library?.module) ?? '').split(':');
    const packageName = library?.group !== undefined ? `${asString(library.group)}:${asString(library.name)}` : `${group}:${name}`;
    const sdkId = sdkOfPackage('maven', packageName);
    if (!sdkId) continue;
    const versionRef = asString(asRecord(library?.version)?.ref);
    const span = places.ofKey(alias, 'libraries');
    managed.set(alias.replace(/[-_.]/g, '.'), {
      ecosystem: 'maven',
      packageName,
      sdkId,
      span,
      section: 'libraries',
      declared: versionRef ? catalogueVersion(versions[versionRef]) : (inlineVersion ?? catalogueVersion(library?.version)),
      declaredAt: { file: path, span: versionRef ? places.ofKey(versionRef, 'versions') : span },
    });
  }
  return { managed };
};
