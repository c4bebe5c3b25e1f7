/** The estimate: how far a version is behind the newest version of its SDK seen. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UNKNOWN } from '../../src/api/parse';
import { newestVersion, versionHealth } from '../../src/model/health';

describe('health', () => {
  test('newestVersion compares numerically and ignores what is not a version', () => {
    assert.equal(newestVersion(['1.2.3', '1.10.0', '1.9.9']), '1.10.0');
    assert.equal(newestVersion(['9.9.9', '10.0.0']), '10.0.0');
    assert.equal(newestVersion(['Unknown', 'main', '2.0.0', 'nightly']), '2.0.0');
    assert.equal(newestVersion(['Unknown', 'main']), undefined);
    assert.equal(newestVersion([]), undefined);
  });

  test('newestVersion prefers a release over a newer pre-release, unless only pre-releases exist', () => {
    assert.equal(newestVersion(['2.0.0-rc.1', '1.9.0']), '1.9.0');
    assert.equal(newestVersion(['2.0.0-beta.2', '2.0.0-rc.1', '2.0.0-beta.10']), '2.0.0-rc.1');
    assert.equal(newestVersion(['2.0.0-beta.2', '2.0.0-beta.10']), '2.0.0-beta.10');
  });

  test('newestVersion reads build metadata and a v prefix', () => {
    assert.equal(newestVersion(['1.2.2', '1.2.3+build.5']), '1.2.3+build.5');
    assert.equal(newestVersion(['v1.4', '1.3.9']), 'v1.4');
  });

  test('versionHealth: same major and minor is current, whatever the patch', () => {
    assert.deepEqual(versionHealth('9.7.1', '9.7.1'), { status: 'current', behind: 0, newest: '9.7.1' });
    assert.deepEqual(versionHealth('9.7.0', '9.7.4'), { status: 'current', behind: 0, newest: '9.7.4' });
    assert.deepEqual(versionHealth('2.1.0-rc.1', '2.1.0'), { status: 'current', behind: 0, newest: '2.1.0' });
    assert.deepEqual(versionHealth('1.2.3+build.7', '1.2.3'), { status: 'current', behind: 0, newest: '1.2.3' });
  });

  test('versionHealth counts minors and majors behind', () => {
    assert.deepEqual(versionHealth('9.5.0', '9.8.0'), { status: 'minorBehind', behind: 3, newest: '9.8.0' });
    assert.deepEqual(versionHealth('7.0.4', '9.7.1'), { status: 'majorBehind', behind: 2, newest: '9.7.1' });
    assert.deepEqual(versionHealth('8.99.0', '9.0.0'), { status: 'majorBehind', behind: 1, newest: '9.0.0' });
    assert.deepEqual(versionHealth('v9.9', '9.10.0'), { status: 'minorBehind', behind: 1, newest: '9.10.0' });
    assert.deepEqual(versionHealth('2.0.0-rc.1', '1.9.0'), { status: 'current', behind: 0, newest: '1.9.0' }, 'ahead is not behind');
  });

  test('versionHealth is unknown for "Unknown", non-semantic versions and no reference', () => {
    assert.equal(versionHealth(UNKNOWN, '9.7.1').status, 'unknown');
    assert.equal(versionHealth('main-4f2a', '9.7.1').status, 'unknown');
    assert.equal(versionHealth('9.7.1', undefined).status, 'unknown');
    assert.equal(versionHealth('9.7.1', 'latest').status, 'unknown');
  });
});
