/**
 * A dependency's declared version as its build tool reads it: a managed version (Maven's
 * dependencyManagement, .NET central package versions) where it names none, and property
 * references (`${x}`, `$x`, `$(x)`) replaced by their values, with the place the value is written.
 */
import { folderOf, foldersUpFrom, joinPath } from './files';
import type { Declared, FileReading, Property } from './reading';
import { MAX_CHAIN, type Readings } from './readings';
import type { FilePlace } from './types';

/** A value with its place, for a property reference. */
type Lookup = (name: string) => { property: Property; file: string } | undefined;

/**
 * Replaces references (`${x}`, `$x`, `$(x)`) with their values, following references in values too,
 * up to MAX_CHAIN rounds. When the whole text was one reference, its place is where the value is written.
 */
function substitute(text: string, reference: RegExp, lookup: Lookup): { text: string; place?: FilePlace } {
  let place: FilePlace | undefined;
  let current = text;
  for (let round = 0; round < MAX_CHAIN && current.length <= MAX_SUBSTITUTED; round++) {
    let replaced = false;
    let length = current.length;
    const whole = new RegExp(`^${reference.source}$`).exec(current);
    current = current.replace(reference, (match, name: string) => {
      const found = lookup(name);
      // Properties that repeat each other (`a` = `${b}${b}`, …) would grow without end: past the cap a reference stays unread.
      if (!found || length + found.property.value.length > MAX_SUBSTITUTED) return match;
      replaced = true;
      length += found.property.value.length - match.length;
      if (whole) place = { file: found.file, span: found.property.span };
      return found.property.value;
    });
    if (!replaced) break;
  }
  return { text: current, ...(place ? { place } : {}) };
}

/** Longer than any version or range (which are read only up to 200 characters). */
const MAX_SUBSTITUTED = 1000;

const MAVEN_REFERENCE = /\$\{([\w.-]+)\}/g;
const GRADLE_REFERENCE = /\$\{?(?:(?:project|rootProject)\.)?(?:ext\.)?(\w+)\}?/g;
const MSBUILD_REFERENCE = /\$\(([\w.-]+)\)/g;

/** A POM and its parents, nearest first, up to MAX_CHAIN and without repeating one (a cycle). */
function pomChain(readings: Readings, pom: FileReading): FileReading[] {
  const chain = [pom];
  for (
    let parent = readings.at(pom.parent);
    parent && chain.length < MAX_CHAIN && !chain.includes(parent);
    parent = readings.at(parent.parent)
  ) {
    chain.push(parent);
  }
  return chain;
}

/** A lookup of properties in these files, the first that defines the name winning (MSBuild's names are compared in lower case). */
function lookupIn(files: readonly (FileReading | undefined)[], lowerCase = false): Lookup {
  return (name) => {
    for (const file of files) {
      const property = file?.properties?.get(lowerCase ? name.toLowerCase() : name);
      if (file && property) return { property, file: file.path };
    }
    return undefined;
  };
}

export interface Resolution {
  readonly declared?: string;
  readonly declaredAt?: FilePlace;
  /** The managed version (dependencyManagement, central package version) it took, if any. */
  readonly managed?: Declared;
}

/** The declared version after managed versions and property references are followed, and where it is then written. */
export function resolveDeclared(readings: Readings, reading: FileReading, dependency: Declared): Resolution {
  const folders = foldersUpFrom(folderOf(reading.path));
  let managed: Declared | undefined;
  let reference: RegExp | undefined;
  let lookup: Lookup | undefined;
  if (reading.kind === 'pom.xml') {
    const chain = pomChain(readings, reading);
    if (dependency.declared === undefined) managed = chain.map((pom) => pom.managed?.get(dependency.packageName)).find(Boolean);
    reference = MAVEN_REFERENCE;
    lookup = lookupIn(chain);
  } else if (reading.kind === 'build.gradle') {
    // The script's own variables, then gradle.properties in its folder and those above.
    reference = GRADLE_REFERENCE;
    lookup = lookupIn([reading, ...folders.map((folder) => readings.at(joinPath(folder, 'gradle.properties')))]);
  } else if (dependency.ecosystem === 'nuget') {
    // MSBuild imports the nearest Directory.Packages.props; properties come from the project, then the props files above it.
    if (dependency.declared === undefined) {
      managed = readings.nearest(folderOf(reading.path), ['Directory.Packages.props'])?.managed?.get(dependency.packageName.toLowerCase());
    }
    reference = MSBUILD_REFERENCE;
    lookup = lookupIn(
      [reading].concat(
        folders
          .flatMap((folder) => [
            readings.inFolder(folder, ['Directory.Build.props']),
            readings.inFolder(folder, ['Directory.Packages.props']),
          ])
          .filter((file) => file !== undefined),
      ),
      true,
    );
  }
  const declared = managed ? managed.declared : dependency.declared;
  const declaredAt = managed ? managed.declaredAt : dependency.declaredAt;
  if (declared === undefined || !reference || !lookup) return { declared, declaredAt, managed };
  const substituted = substitute(declared, reference, lookup);
  return { declared: substituted.text, declaredAt: substituted.place ?? declaredAt, managed };
}
