/** Declared versions and ranges in each registry's syntax: one version or several, and which releases they admit. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Ecosystem } from '../../src/workspace/types';
import { admittedVersions, compareVersions, plainVersion, readDeclaredVersion } from '../../src/workspace/versions';

const RELEASES = ['6.9.9', '7.0.0', '7.0.1', '7.1.0', '7.4.1', '8.0.0-beta.1', '8.0.0', '8.2.0', '9.0.0', '10.0.0'];
const ALL_RELEASES = RELEASES.filter((v) => !v.includes('beta'));
const SEVEN = ['7.0.0', '7.0.1', '7.1.0', '7.4.1'];

/** [ecosystem, declared, kind, the one version when exact, the releases admitted] */
const CASES: [Ecosystem, string, string, string | undefined, string[]][] = [
  ['npm', '^7.0.0', 'range', undefined, SEVEN],
  ['npm', '~7.0.0', 'range', undefined, ['7.0.0', '7.0.1']],
  ['npm', '7.1', 'range', undefined, ['7.1.0']],
  ['npm', '7.1.0', 'exact', '7.1.0', ['7.1.0']],
  ['npm', '=v7.1.0', 'exact', '7.1.0', ['7.1.0']],
  ['npm', '>=8 <10', 'range', undefined, ['8.0.0', '8.2.0', '9.0.0']],
  ['npm', '^8.0.0-beta.0', 'range', undefined, ['8.0.0-beta.1', '8.0.0', '8.2.0']],
  ['npm', '*', 'range', undefined, ALL_RELEASES],
  ['npm', 'latest', 'other', undefined, []],
  ['npm', '', 'unpinned', undefined, ALL_RELEASES],
  ['pypi', '>=7,<8', 'range', undefined, SEVEN],
  ['pypi', '~=7.1', 'range', undefined, ['7.1.0', '7.4.1']],
  ['pypi', '==7.0.*', 'range', undefined, ['7.0.0', '7.0.1']],
  ['pypi', '==7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['pypi', '>= 8.0, <10', 'range', undefined, ['8.0.0', '8.2.0', '9.0.0']],
  // Poetry's additions.
  ['pypi', '^7.1', 'range', undefined, ['7.1.0', '7.4.1']],
  ['pypi', '~7.0', 'range', undefined, ['7.0.0', '7.0.1']],
  ['pypi', '^0.2.3', 'range', undefined, []],
  ['pypi', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['pypi', '^7 || ^9', 'range', undefined, [...SEVEN, '9.0.0']],
  ['pypi', '*', 'range', undefined, ALL_RELEASES],
  ['pypi', 'https://example.invalid/ld.whl', 'other', undefined, []],
  ['rubygems', '~> 7.0', 'range', undefined, SEVEN],
  ['rubygems', '~> 7.0.0', 'range', undefined, ['7.0.0', '7.0.1']],
  ['rubygems', '>= 7, < 9', 'range', undefined, [...SEVEN, '8.0.0', '8.2.0']],
  ['rubygems', '= 7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['rubygems', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['cocoapods', '~> 7.1', 'range', undefined, ['7.1.0', '7.4.1']],
  // Maven admits pre-releases inside a range (8.0.0-beta.1 < 8.0), as Maven does.
  ['maven', '[7.0,8.0)', 'range', undefined, [...SEVEN, '8.0.0-beta.1']],
  ['maven', '(,7.0],[8.0,)', 'range', undefined, ['6.9.9', '7.0.0', '8.0.0', '8.2.0', '9.0.0', '10.0.0']],
  ['maven', ']7.0,8.0[', 'range', undefined, ['7.0.1', '7.1.0', '7.4.1', '8.0.0-beta.1']],
  ['maven', '7.+', 'range', undefined, SEVEN],
  ['maven', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['maven', '7.4', 'exact', '7.4', []],
  ['maven', '[7.4.1]', 'exact', '7.4.1', ['7.4.1']],
  ['maven', '7.4.1!!', 'exact', '7.4.1', ['7.4.1']],
  ['maven', 'latest.release', 'range', undefined, ALL_RELEASES],
  ['maven', '${ld.version}', 'other', undefined, []],
  ['maven', '[7.0,8.0', 'other', undefined, []],
  ['nuget', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['nuget', '[7.0, 8.0)', 'range', undefined, SEVEN],
  ['nuget', '(7.0,)', 'range', undefined, ['7.0.1', '7.1.0', '7.4.1', '8.0.0', '8.2.0', '9.0.0', '10.0.0']],
  ['nuget', '7.*', 'range', undefined, SEVEN],
  ['nuget', '8.*-*', 'range', undefined, ['8.0.0-beta.1', '8.0.0', '8.2.0']],
  ['nuget', '$(LdVersion)', 'other', undefined, []],
  ['composer', '^7.0', 'range', undefined, SEVEN],
  // Composer's tilde: `~7.1` is >=7.1 <8, `~7.1.0` is >=7.1.0 <7.2 (npm's differs).
  ['composer', '~7.1', 'range', undefined, ['7.1.0', '7.4.1']],
  ['composer', '~7.1.0', 'range', undefined, ['7.1.0']],
  ['composer', '7.0.*', 'range', undefined, ['7.0.0', '7.0.1']],
  ['composer', '>=7.1 <9', 'range', undefined, ['7.1.0', '7.4.1', '8.0.0', '8.2.0']],
  ['composer', '>= 7.1, < 9', 'range', undefined, ['7.1.0', '7.4.1', '8.0.0', '8.2.0']],
  ['composer', '^6.9 || ^9.0', 'range', undefined, ['6.9.9', '9.0.0']],
  ['composer', '^6.9|^9.0', 'range', undefined, ['6.9.9', '9.0.0']],
  ['composer', '7.0 - 8.0', 'range', undefined, [...SEVEN, '8.0.0']],
  ['composer', '!=7.0.1, ^7.0', 'range', undefined, ['7.0.0', '7.1.0', '7.4.1']],
  ['composer', '^7.0@stable', 'range', undefined, SEVEN],
  ['composer', 'v7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['composer', 'dev-main', 'other', undefined, []],
  ['pub', '^7.1.0', 'range', undefined, ['7.1.0', '7.4.1']],
  ['pub', '>=7.0.0 <8.0.0', 'range', undefined, SEVEN],
  ['pub', 'any', 'range', undefined, ALL_RELEASES],
  ['pub', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['go', 'v7.4.1', 'exact', '7.4.1', ['7.4.1']],
  ['go', '7.4.1', 'other', undefined, []],
  ['swiftpm', '7.4.1', 'exact', '7.4.1', ['7.4.1']],
];

describe('declared versions', () => {
  for (const [ecosystem, declared, kind, version, admitted] of CASES) {
    test(`${ecosystem} ${JSON.stringify(declared)}: ${kind}${version ? ` ${version}` : ''}, admits ${admitted.join(' ') || 'none'}`, () => {
      assert.deepEqual(readDeclaredVersion(ecosystem, declared), version === undefined ? { kind } : { kind, version });
      assert.deepEqual(admittedVersions(ecosystem, declared, RELEASES), admitted);
    });
  }

  test('a text too long to be a constraint is not read as one', () => {
    assert.equal(readDeclaredVersion('npm', `>=1.0.0 ${'|| >=1.0.0 '.repeat(50)}`).kind, 'other');
  });

  test('versions order by their numbers (missing parts are 0), a pre-release below its release, build metadata aside', () => {
    assert.equal(compareVersions('7.0', '7.0.0'), 0);
    assert.equal(compareVersions('10.0.0', '9.9.9'), 1);
    assert.equal(compareVersions('8.0.0-beta.1', '8.0.0'), -1);
    assert.equal(compareVersions('8.0.0-rc.10', '8.0.0-rc.9'), 1);
    assert.equal(compareVersions('9.0.0.beta1', '9.0.0'), -1);
    assert.equal(compareVersions('1.2.3+build.5', '1.2.3'), 0);
    assert.equal(compareVersions('v1.2.3', '1.2.3'), 0);
  });

  test('plain versions drop what registries add around the number', () => {
    assert.deepEqual(
      ['v7.1.0', '=7.1.0', '7.1.0+incompatible', '3.4.0(react-dom@18.3.1(react@18.3.1))(react@18.3.1)', ' 1.2.3 '].map(plainVersion),
      ['7.1.0', '7.1.0', '7.1.0', '3.4.0', '1.2.3'],
    );
  });
});
