/**
 * Reading a declared version or range in each registry's own syntax: is it one version or several,
 * and which of a list of versions it admits. npm and pub ranges are read by `semver`, PEP 440 (with
 * Poetry's `^`, `~` and bare versions) by `@renovatebot/pep440`, RubyGems and CocoaPods requirements
 * by `@renovatebot/ruby-semver`; Maven/Gradle and NuGet intervals and Composer constraints, for which
 * the npm registry has no well-kept reader, by the small readers below.
 */
import { satisfies as pep440Satisfies, validRange as pep440ValidRange } from '@renovatebot/pep440';
import { satisfies as gemSatisfies } from '@renovatebot/ruby-semver';
import { satisfies as semverSatisfies, valid as semverValid, validRange as semverValidRange } from 'semver';
import type { DeclaredKind, Ecosystem } from './types';

interface Constraint {
  readonly kind: 'exact' | 'range';
  /** The one version, for `exact`. */
  readonly version?: string;
  admits(version: string): boolean;
}

/** Undefined when the text is not a version constraint of that syntax (a URL, a tag, a branch). */
type ConstraintReader = (text: string) => Constraint | undefined;

const any: Constraint = { kind: 'range', admits: () => true };

/**
 * A version as a registry's lockfile or a usage series writes it, for comparing: `v1.2.3`, `=1.2.3`,
 * Go's `1.2.3+incompatible`, pnpm's `1.2.3(react@18.0.0)` → `1.2.3`.
 */
export function plainVersion(text: string): string {
  return text
    .trim()
    .replace(/^[v=]\s*(?=\d)/i, '')
    .replace(/\+incompatible$|\(.*$/, '');
}

/**
 * Orders versions the way Maven and NuGet do for the versions SDKs publish: numeric parts compared
 * as numbers (missing parts are 0, so `7.0` equals `7.0.0`), a pre-release (`-beta.1`, `-rc1`) below
 * its release, pre-releases by their text; build metadata (`+abc`) ignored.
 */
export function compareVersions(a: string, b: string): number {
  const left = splitVersion(a);
  const right = splitVersion(b);
  for (let i = 0; i < Math.max(left.numbers.length, right.numbers.length); i++) {
    const difference = (left.numbers[i] ?? 0) - (right.numbers[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (left.qualifier === right.qualifier) return 0;
  if (left.qualifier === '') return 1;
  if (right.qualifier === '') return -1;
  return Math.sign(left.qualifier.localeCompare(right.qualifier, 'en', { numeric: true, sensitivity: 'base' }));
}

function splitVersion(text: string): { numbers: number[]; qualifier: string } {
  const match = /^(\d+(?:\.\d+)*)[-.]?([^+]*)/.exec(plainVersion(text).replace(/\+.*$/, ''));
  if (!match) return { numbers: [], qualifier: text };
  return { numbers: match[1]!.split('.').map(Number), qualifier: match[2]!.toLowerCase() };
}

const sameVersion = (a: string, b: string) => compareVersions(a, b) === 0;

function exact(version: string): Constraint {
  return { kind: 'exact', version: plainVersion(version), admits: (candidate) => sameVersion(candidate, version) };
}

const npmReader: ConstraintReader = (text) => {
  // `1.2.3`, `=1.2.3`, `v1.2.3` make a range of one version; `1.2` and `1.x` are ranges to npm.
  const range = semverValidRange(text);
  if (range === null) return undefined;
  const version = semverValid(range);
  return version ? exact(version) : { kind: 'range', admits: (candidate) => semverSatisfies(plainVersion(candidate), range) };
};

const pubReader: ConstraintReader = (text) => npmReader(text === 'any' ? '*' : text);

const goReader: ConstraintReader = (text) => (/^v\d+\.\d+\.\d+\S*$/.test(text) ? exact(plainVersion(text)) : undefined);

// ---- PEP 440 (requirements, PEP 621) and Poetry's additions (`^1.2`, `~1.2`, bare `1.2`, `*`, `||`) ----

const PEP440_VERSION = /^v?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*(?:\+[a-z0-9.]+)?$/i;

/** Poetry's caret and tilde as PEP 440 bounds: `^1.2.3` → `>=1.2.3,<2.0.0`, `^0.2` → `>=0.2,<0.3`, `~1.2` → `>=1.2,<1.3`. */
function poetryBounds(operator: '^' | '~', version: string): string | undefined {
  const numbers = /^(\d+(?:\.\d+)*)/.exec(version)?.[1]?.split('.').map(Number);
  if (!numbers) return undefined;
  let bump: number;
  if (operator === '~') bump = numbers.length === 1 ? 0 : 1;
  else {
    const firstNonZero = numbers.findIndex((n) => n !== 0);
    bump = firstNonZero < 0 ? numbers.length - 1 : Math.min(firstNonZero, numbers.length - 1);
  }
  const upper = numbers.slice(0, bump + 1);
  upper[bump] = upper[bump]! + 1;
  return `>=${version},<${upper.join('.')}`;
}

/** One comma-separated clause as a PEP 440 specifier, or undefined when it is not one. */
function pep440Clause(clause: string): string | undefined {
  if (clause === '*' || clause === '') return '';
  const caret = /^([\^~])(?!=)\s*(\S+)$/.exec(clause);
  if (caret) return PEP440_VERSION.test(caret[2]!) ? poetryBounds(caret[1] as '^' | '~', caret[2]!) : undefined;
  const operated = /^(===|==|!=|~=|>=|<=|>|<)\s*(\S+)$/.exec(clause);
  const specifier = operated ? `${operated[1]}${operated[2]}` : /^\d[\w.*+!-]*$/.test(clause) ? `==${clause}` : undefined;
  return specifier !== undefined && pep440ValidRange(specifier) ? specifier : undefined;
}

const pep440Reader: ConstraintReader = (text) => {
  const alternatives: string[][] = [];
  for (const alternative of text.split(/\|\|?/)) {
    const clauses = alternative.split(',').map((clause) => pep440Clause(clause.trim()));
    if (clauses.some((clause) => clause === undefined)) return undefined;
    alternatives.push((clauses as string[]).filter(Boolean));
  }
  const only = alternatives.length === 1 && alternatives[0]!.length === 1 ? alternatives[0]![0]! : '';
  const pinned = /^={2,3}([^*]+)$/.exec(only);
  if (pinned) return exact(pinned[1]!);
  if (alternatives.some((clauses) => clauses.length === 0)) return any;
  return {
    kind: 'range',
    admits: (candidate) => alternatives.some((clauses) => clauses.every((clause) => pep440Satisfies(plainVersion(candidate), clause))),
  };
};

// ---- RubyGems and CocoaPods: `~> 8.0`, `>= 7, < 9`, `= 8.0.1`, `8.0.1` ----

const GEM_CLAUSE = /^(=|!=|>=|<=|>|<|~>)?\s*(\d[0-9A-Za-z.-]*)$/;

const gemReader: ConstraintReader = (text) => {
  const clauses = text.split(',').map((clause) => GEM_CLAUSE.exec(clause.trim()));
  if (clauses.some((clause) => !clause)) return undefined;
  const [first] = clauses;
  if (clauses.length === 1 && (first![1] === undefined || first![1] === '=')) return exact(first![2]!);
  const requirement = clauses.map((clause) => `${clause![1] ?? '='} ${clause![2]}`).join(', ');
  return { kind: 'range', admits: (candidate) => gemSatisfies(plainVersion(candidate), requirement) };
};

// ---- Maven and Gradle: `7.0.0`, `[7.0]`, `[7.0,8.0)`, `(,7.0],[7.2,)`, Gradle's `7.+`, `latest.release`, `7.0!!` ----

interface Interval {
  readonly low?: string;
  readonly lowInclusive: boolean;
  readonly high?: string;
  readonly highInclusive: boolean;
}

/** Maven's interval sets; Gradle also writes an exclusive end with the bracket turned round (`]1.0,2.0[`). */
function readIntervals(text: string): Interval[] | undefined {
  const intervals: Interval[] = [];
  const pattern = /\s*([[(\]])([^[\]()]*)([\])[])\s*(,|$)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text))) {
    const parts = match[2]!.split(',').map((part) => part.trim());
    if (parts.length > 2 || parts.some((part) => part !== '' && !/^\d[\w.+-]*$/.test(part))) return undefined;
    const lowInclusive = match[1] === '[';
    const highInclusive = match[3] === ']';
    if (parts.length === 1) {
      if (!parts[0] || !lowInclusive || !highInclusive) return undefined;
      intervals.push({ low: parts[0], lowInclusive, high: parts[0], highInclusive });
    } else intervals.push({ low: parts[0] || undefined, lowInclusive, high: parts[1] || undefined, highInclusive });
    if (match[4] === '') return intervals;
  }
  return undefined;
}

function inIntervals(intervals: readonly Interval[], candidate: string): boolean {
  return intervals.some(
    ({ low, lowInclusive, high, highInclusive }) =>
      (low === undefined || compareVersions(candidate, low) >= (lowInclusive ? 0 : 1)) &&
      (high === undefined || compareVersions(candidate, high) <= (highInclusive ? 0 : -1)),
  );
}

function intervalConstraint(text: string): Constraint | undefined {
  const intervals = readIntervals(text);
  if (!intervals) return undefined;
  const [only] = intervals;
  if (intervals.length === 1 && only!.low !== undefined && only!.low === only!.high) return exact(only!.low);
  return { kind: 'range', admits: (candidate) => inIntervals(intervals, candidate) };
}

/** `7.+`, `7.1.*`, `*`: every version that starts with the part before the wildcard. */
function prefixConstraint(prefix: string): Constraint {
  return { kind: 'range', admits: (candidate) => plainVersion(candidate).startsWith(prefix) };
}

const mavenReader: ConstraintReader = (text) => {
  if (/^[[(\]]/.test(text)) return intervalConstraint(text);
  if (/^(latest\.release|RELEASE)$/.test(text)) return { kind: 'range', admits: (candidate) => !isPrerelease(candidate) };
  if (/^(latest\.\w+|LATEST|\+)$/.test(text)) return any;
  const dynamic = /^(\d[\w.-]*?\.?)\+$/.exec(text);
  if (dynamic) return prefixConstraint(dynamic[1]!);
  // A bare version is Maven's "soft" requirement and Gradle's `require`: it resolves to that version. `!!` is Gradle's `strictly`.
  const version = /^(\d[\w.+-]*?)(!!)?$/.exec(text);
  return version ? exact(version[1]!) : undefined;
};

// ---- NuGet: `8.0.0` (the lowest version it accepts, which is what restore picks), `[8.0.0]`, `[8.0,9.0)`, `8.*`, `8.0.0-*` ----

const nugetReader: ConstraintReader = (text) => {
  if (/^[[(]/.test(text)) return intervalConstraint(text);
  const floating = /^(\d[\w.-]*?\.?)\*(?:-\*)?$|^\*$/.exec(text);
  if (floating) return prefixConstraint(floating[1] ?? '');
  return /^\d[\w.+-]*$/.test(text) ? exact(text) : undefined;
};

// ---- Composer: `^6.0`, `~6.1`, `6.*`, `>=5.2 <7`, `5.0 - 6.1`, `^5.0 || ^6.0`, `v6.0.0`, `@stable` ----

/** A Composer version as semver: `v6.1` → `6.1.0`; a fourth number is dropped; `-beta1` kept. */
function composerSemver(version: string): string | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)?(?:-?((?:alpha|beta|rc|a|b|p|pl|patch)\.?\d*))?$/i.exec(version);
  if (!match) return undefined;
  const prerelease = match[4] ? `-${match[4].toLowerCase()}` : '';
  return `${match[1]}.${match[2] ?? 0}.${match[3] ?? 0}${prerelease}`;
}

/** One Composer clause as an npm-semver range (Composer's `~` differs from npm's), or a test of its own for `!=`. */
function composerClause(clause: string): ((candidate: string) => boolean) | undefined {
  const text = clause.replace(/@(dev|alpha|beta|rc|stable)$/i, '');
  if (text === '*' || text === '') return () => true;
  const tilde = /^~\s*v?(\d+(?:\.\d+)*)$/.exec(text);
  if (tilde) {
    const numbers = tilde[1]!.split('.').map(Number).slice(0, 4);
    const bump = Math.max(0, numbers.length - 2);
    const upper = numbers.slice(0, bump + 1);
    upper[bump] = upper[bump]! + 1;
    return rangeTest(`>=${composerSemver(tilde[1]!)} <${composerSemver(upper.join('.'))}`);
  }
  const wildcard = /^v?(\d+(?:\.\d+)*)\.\*$/.exec(text);
  if (wildcard) return rangeTest(`${wildcard[1]}.x`);
  const operated = /^(\^|>=|<=|>|<|==|=|!=)?\s*(\S+)$/.exec(text);
  const version = operated && composerSemver(operated[2]!);
  if (!operated || !version) return undefined;
  if (operated[1] === '!=') return (candidate) => !sameVersion(candidate, version);
  return rangeTest(`${operated[1] === '==' ? '=' : (operated[1] ?? '=')}${version}`);
}

function rangeTest(range: string): ((candidate: string) => boolean) | undefined {
  return semverValidRange(range) === null ? undefined : (candidate) => semverSatisfies(composerSemver(candidate) ?? candidate, range);
}

const composerReader: ConstraintReader = (text) => {
  const alternatives: ((candidate: string) => boolean)[][] = [];
  for (const alternative of text.split(/\s*\|\|?\s*/)) {
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(alternative.trim());
    const low = hyphen && composerSemver(hyphen[1]!);
    const high = hyphen && composerSemver(hyphen[2]!);
    if (hyphen && low && high) {
      // A partial upper end (`- 6.1`) admits all of 6.1.x, as in npm's hyphen ranges.
      const test = rangeTest(`${low} - ${hyphen[2]!.replace(/^v/, '')}`);
      if (!test) return undefined;
      alternatives.push([test]);
      continue;
    }
    const clauses = alternative
      .trim()
      .replace(/(>=|<=|!=|==|[<>=^~])\s+/g, '$1')
      .split(/\s*,\s*|\s+/)
      .map(composerClause);
    if (clauses.some((clause) => clause === undefined)) return undefined;
    alternatives.push(clauses as ((candidate: string) => boolean)[]);
  }
  const only = alternatives.length === 1 && alternatives[0]!.length === 1 ? text.trim().replace(/^={1,2}\s*/, '') : '';
  const pinned = only && /^v?\d+(\.\d+)*(-\w+)?$/.test(only) ? composerSemver(only) : undefined;
  if (pinned) return exact(pinned);
  return { kind: 'range', admits: (candidate) => alternatives.some((clauses) => clauses.every((clause) => clause(candidate))) };
};

const swiftpmReader: ConstraintReader = (text) => (/^\d+\.\d+\.\d+\S*$/.test(text) ? exact(text) : undefined);

const READERS: Readonly<Record<Ecosystem, ConstraintReader>> = {
  npm: npmReader,
  go: goReader,
  pypi: pep440Reader,
  maven: mavenReader,
  nuget: nugetReader,
  rubygems: gemReader,
  composer: composerReader,
  cocoapods: gemReader,
  swiftpm: swiftpmReader,
  pub: pubReader,
};

/** The constraint a declared text sets, read once; undefined for `unpinned` (admits all) and for `other` (admits none). */
function readConstraint(ecosystem: Ecosystem, declared: string | undefined): { kind: DeclaredKind; constraint?: Constraint } {
  const text = declared?.trim() ?? '';
  if (text === '') return { kind: 'unpinned' };
  // Tens of characters is any real constraint; a longer text is not read (the readers' patterns stay cheap).
  const constraint = text.length <= 200 ? READERS[ecosystem](text) : undefined;
  if (!constraint) return { kind: 'other' };
  // Resolvers skip pre-releases unless the range names one (Maven alone has no such rule).
  if (constraint.kind === 'exact' || ecosystem === 'maven' || NAMES_PRERELEASE.test(text)) return { kind: constraint.kind, constraint };
  return { kind: 'range', constraint: { kind: 'range', admits: (candidate) => !isPrerelease(candidate) && constraint.admits(candidate) } };
}

/** A pre-release part in a constraint (`^2.0.0-beta.1`, `>=9.0rc1`, `~> 8.0.0.pre`, `8.*-*`). */
const NAMES_PRERELEASE = /\d[-.]?(?:a|b|c|rc|alpha|beta|pre|preview|dev)\.?\d*\b|-\*|\d-[0-9A-Za-z]/i;

/** Whether a version is a pre-release: a qualifier after its numbers (`8.0.0-beta.1`, `9.0.0.rc1`, `9.0rc1`). */
function isPrerelease(version: string): boolean {
  return splitVersion(version).qualifier !== '';
}

/** How a declared text reads, and its version when it names exactly one (`==9.2.0`, `[8.0.0]`, `= 8.0.1` → the version). */
export function readDeclaredVersion(ecosystem: Ecosystem, declared: string | undefined): { kind: DeclaredKind; version?: string } {
  const { kind, constraint } = readConstraint(ecosystem, declared);
  return constraint?.version === undefined ? { kind } : { kind, version: constraint.version };
}

/**
 * The versions among `candidates` (an SDK's releases, as its catalogue or a usage series writes
 * them) that the declared version or range admits: every release when none is declared, none when
 * the declaration is not a version (a URL, a tag). Pre-releases only where the range names one, as
 * resolvers do (Maven ranges admit them, as Maven does).
 */
export function admittedVersions(ecosystem: Ecosystem, declared: string | undefined, candidates: readonly string[]): string[] {
  const { kind, constraint } = readConstraint(ecosystem, declared);
  if (kind === 'unpinned') return candidates.filter((candidate) => !isPrerelease(candidate));
  return constraint ? candidates.filter((candidate) => constraint.admits(candidate)) : [];
}
