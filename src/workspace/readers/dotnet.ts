/** .NET: MSBuild project files (*.csproj, *.fsproj, *.vbproj), Directory.Packages.props, Directory.Build.props, packages.lock.json. */
import { asRecord, asString, findJsonKey, jsonKeySpan, readJson, UnreadableFile } from '../formats';
import { sdkOfPackage } from '../packages';
import type { Declared, Locked, Property, Reader } from '../reading';
import { attribute, childNamed, childrenNamed, readXml } from '../xml';

/**
 * One reader for every MSBuild file (their element names are case-insensitive):
 * - `<PackageReference Include="X" Version="v"/>` (or a `<Version>` child, or `VersionOverride`)
 *   and `<GlobalPackageReference>` declare a package; without a version, central management sets it;
 * - `<PackageVersion Include="X" Version="v"/>` (Directory.Packages.props) sets one centrally;
 * - `<PropertyGroup>` children are properties (`$(LdVersion)`).
 * The props files are read for their properties even when they name no SDK.
 */
export const readMsbuild: Reader = ({ path, text, lines, mentionsSdk }) => {
  const isProps = /(^|[\\/])Directory\.(Packages|Build)\.props$/.test(path);
  if (!mentionsSdk && !isProps) return {};
  const project = childNamed(readXml(text), 'Project', true);
  if (!project) throw new UnreadableFile('not an MSBuild file: no <Project>');
  const properties = new Map<string, Property>();
  for (const group of childrenNamed(project, 'PropertyGroup', true)) {
    for (const element of group.children)
      properties.set(element.name.toLowerCase(), { value: element.text, span: lines.span(element.start, element.end) });
  }
  if (!mentionsSdk) return { properties };
  const declared: Declared[] = [];
  const managed = new Map<string, Declared>();
  for (const group of childrenNamed(project, 'ItemGroup', true)) {
    for (const item of group.children) {
      const kind = item.name.toLowerCase();
      if (kind !== 'packagereference' && kind !== 'globalpackagereference' && kind !== 'packageversion') continue;
      const name = attribute(item, 'Include');
      const sdkId = name && sdkOfPackage('nuget', name);
      if (!name || !sdkId) continue;
      const version = attribute(item, 'VersionOverride') ?? attribute(item, 'Version') ?? childNamed(item, 'Version', true)?.text;
      const span = lines.span(item.start, item.startTagEnd);
      const dependency: Declared = { ecosystem: 'nuget', packageName: name, sdkId, span, section: item.name, declared: version };
      if (kind === 'packageversion') managed.set(name.toLowerCase(), { ...dependency, declaredAt: { file: path, span } });
      else declared.push(dependency);
    }
  }
  return { declared, properties, managed };
};

/** packages.lock.json: `{ dependencies: { <framework>: { <name>: { type: Direct | Transitive | CentralTransitive, resolved } } } }`. */
export const readNugetLock: Reader = ({ text, lines, mentionsSdk }) => {
  if (!mentionsSdk) return {};
  const lock = asRecord(readJson(text));
  if (!lock) throw new UnreadableFile('not a packages.lock.json object');
  const locked: Locked[] = [];
  const seen = new Set<string>();
  for (const [framework, packages] of Object.entries(asRecord(lock.dependencies) ?? {})) {
    const frameworkAt = Math.max(0, findJsonKey(text, framework));
    for (const [name, value] of Object.entries(asRecord(packages) ?? {})) {
      const entry = asRecord(value);
      const version = asString(entry?.resolved);
      const sdkId = sdkOfPackage('nuget', name);
      if (!sdkId || !version || seen.has(JSON.stringify([name.toLowerCase(), version]))) continue;
      seen.add(JSON.stringify([name.toLowerCase(), version]));
      const at = findJsonKey(text, name, frameworkAt);
      locked.push({
        ecosystem: 'nuget',
        packageName: name,
        sdkId,
        version,
        span: jsonKeySpan(lines, at, name),
        relation: asString(entry?.type) === 'Direct' ? 'direct' : 'transitive',
      });
    }
  }
  return { locked };
};
