/**
 * A workspace folder's scan as the host runs it, on a file system held in memory: what is read and
 * when (a file over the size cap never is; after a change only the changed file; after a listing,
 * the new files), what a file that cannot be read gives (one problem entry), and the exclude
 * settings as VS Code applies them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { excludeMatcher, excludePatterns } from '../../src/sdkDependencies/excludes';
import { FolderScan, type FolderFiles } from '../../src/sdkDependencies/folderScan';
import { workspaceReader } from '../../src/workspace/index';

/** A folder in memory that counts what is read. */
function memoryFolder(initial: Record<string, string>) {
  const files = new Map(Object.entries(initial).map(([path, text]) => [path, new TextEncoder().encode(text)]));
  const reads: string[] = [];
  let failing: string | undefined;
  const folder: FolderFiles = {
    list: async () => [...files.keys()],
    size: async (path) => files.get(path)?.byteLength,
    read: async (path) => {
      reads.push(path);
      if (path === failing) throw Object.assign(new Error('EACCES: permission denied'), { name: 'NoPermissions' });
      const content = files.get(path);
      if (!content) throw new Error('gone');
      return content;
    },
  };
  return {
    folder,
    reads,
    write: (path: string, text: string) => files.set(path, new TextEncoder().encode(text)),
    remove: (path: string) => files.delete(path),
    failOn: (path: string) => (failing = path),
    setSize: (path: string, size: number) => {
      const original = folder.size;
      folder.size = async (p) => (p === path ? size : original(p));
    },
  };
}

const manifest = (sdk: string, range: string) => JSON.stringify({ name: 'svc', dependencies: { [sdk]: range } }, null, 2);
const lock = (sdk: string, version: string) =>
  JSON.stringify({ name: 'svc', lockfileVersion: 3, packages: { '': { name: 'svc' }, [`node_modules/${sdk}`]: { version } } }, null, 2);

describe('a folder scan', () => {
  test('reads each listed manifest and lockfile once and pairs them; files the reader does not know are not read', async () => {
    const disk = memoryFolder({
      'api/package.json': manifest('@launchdarkly/node-server-sdk', '^9.0.0'),
      'api/package-lock.json': lock('@launchdarkly/node-server-sdk', '9.7.1'),
      'api/src/index.ts': 'export {}',
    });
    const scan = new FolderScan(workspaceReader, disk.folder);
    const result = await scan.sync([], false);
    assert.deepEqual(disk.reads.sort(), ['api/package-lock.json', 'api/package.json']);
    assert.equal(result.dependencies.length, 1);
    assert.deepEqual(result.dependencies[0]!.version, { text: '9.7.1', kind: 'exact', from: 'lockfile' });
  });

  test('after a change only the changed file is read again; a listing reads new files and drops removed ones', async () => {
    const disk = memoryFolder({
      'api/package.json': manifest('@launchdarkly/node-server-sdk', '^9.0.0'),
      'api/package-lock.json': lock('@launchdarkly/node-server-sdk', '9.7.1'),
    });
    const scan = new FolderScan(workspaceReader, disk.folder);
    await scan.sync([], false);
    disk.reads.length = 0;
    disk.write('api/package-lock.json', lock('@launchdarkly/node-server-sdk', '9.13.0'));
    let result = await scan.sync(['api/package-lock.json'], false);
    assert.deepEqual(disk.reads, ['api/package-lock.json']);
    assert.equal(result.dependencies[0]!.version?.text, '9.13.0');

    disk.reads.length = 0;
    disk.write('web/package.json', manifest('launchdarkly-js-client-sdk', '3.4.0'));
    disk.remove('api/package-lock.json');
    result = await scan.sync([], true);
    assert.deepEqual(disk.reads, ['web/package.json']);
    assert.deepEqual(result.dependencies.map((d) => [d.file, d.version?.text, d.version?.from]).sort(), [
      ['api/package.json', '^9.0.0', 'manifest'],
      ['web/package.json', '3.4.0', 'manifest'],
    ]);
  });

  test('a file over the size cap is never read and gives one problem; so do a read error and invalid JSON', async () => {
    const disk = memoryFolder({
      'big/package-lock.json': lock('@launchdarkly/node-server-sdk', '9.7.1'),
      'locked/package.json': manifest('@launchdarkly/node-server-sdk', '9.7.1'),
      'broken/package.json': '{ "dependencies": { "@launchdarkly/node-server-sdk": ',
      'fine/package.json': manifest('@launchdarkly/node-server-sdk', '9.7.1'),
    });
    disk.setSize('big/package-lock.json', workspaceReader.MAX_FILE_BYTES + 1);
    disk.failOn('locked/package.json');
    const result = await new FolderScan(workspaceReader, disk.folder).sync([], false);
    assert.ok(!disk.reads.includes('big/package-lock.json'), 'the large file was not read');
    assert.deepEqual(result.problems.map((p) => p.file).sort(), ['big/package-lock.json', 'broken/package.json', 'locked/package.json']);
    assert.match(result.problems.find((p) => p.file === 'big/package-lock.json')!.reason, /larger than 5 MB/);
    assert.match(result.problems.find((p) => p.file === 'locked/package.json')!.reason, /could not be read \(NoPermissions\)/);
    assert.deepEqual(
      result.dependencies.map((d) => d.file),
      ['fine/package.json'],
    );
  });

  test('a file listed but gone before it is read is left out, with no problem', async () => {
    const disk = memoryFolder({ 'a/package.json': manifest('@launchdarkly/node-server-sdk', '9.7.1') });
    disk.folder.list = async () => ['a/package.json', 'gone/package.json'];
    const result = await new FolderScan(workspaceReader, disk.folder).sync([], false);
    assert.deepEqual(result.problems, []);
    assert.equal(result.dependencies.length, 1);
  });
});

describe('the exclude settings', () => {
  test('only patterns set to true count; conditional ones and other values do not', () => {
    assert.deepEqual(
      excludePatterns([
        { '**/.git': true, '**/*.js': { when: '$(basename).ts' }, '**/off': false, '': true },
        { '**/generated': true },
        undefined,
        'not an object',
      ]),
      ['**/.git', '**/generated'],
    );
  });

  test('a pattern hides a file itself or through any folder above it, dot folders too, braces included', () => {
    const excluded = excludeMatcher(['**/generated', 'legacy/**', '**/{fixtures,samples}', '*.lock.json', '**/.cache']);
    for (const path of [
      'generated/package.json',
      'a/b/generated/x/package.json',
      'legacy/package.json',
      'x/fixtures/package.json',
      'samples/a/go.mod',
      '.cache/a/pom.xml',
      'a.lock.json',
    ]) {
      assert.ok(excluded(path), path);
    }
    for (const path of ['package.json', 'src/legacy/package.json', 'generatedx/package.json', 'a/b.lock.json']) {
      assert.ok(!excluded(path), path);
    }
    assert.equal(excludeMatcher([])('anything/package.json'), false);
  });
});
