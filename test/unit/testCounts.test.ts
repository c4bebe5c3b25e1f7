/** `npm test`'s closing line: every runner's passed, failed, skipped and cancelled tests, honestly added up. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addCounts, closingLine, counts, type TestCounts } from '../../scripts/test-counts.mjs';

/** Runs a small test file with Node's test runner (as `npm run test:unit` does) and returns its output. */
function runNodeTests(source: string, reporter: 'tap' | 'spec'): { output: string; code: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ld-usage-counts-'));
  try {
    const file = path.join(dir, 'sample.test.mjs');
    fs.writeFileSync(file, source);
    // Without NODE_TEST_CONTEXT the child reports for itself instead of to this runner.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, file], { encoding: 'utf8', env });
    return { output: run.stdout, code: run.status ?? 1 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SAMPLE = `
import { describe, it, test } from 'node:test';
test('passes', () => {});
test('fails', () => { throw new Error('no'); });
test('skipped by itself', (t) => { t.skip('not here'); });
test('skipped by option', { skip: true }, () => {});
test('to do', { todo: true }, () => {});
describe('a suite that times out', { timeout: 100 }, () => {
  it('slow', async () => { await new Promise((r) => setTimeout(r, 400)); });
  it('after it', () => {});
});
`;

describe('npm test counts', () => {
  for (const reporter of ['tap', 'spec'] as const) {
    test(`reads passed, failed, skipped (todo too) and cancelled from Node's test runner (${reporter} reporter)`, () => {
      const { output, code } = runNodeTests(SAMPLE, reporter);
      assert.notEqual(code, 0);
      assert.deepEqual(counts('node', output), { passed: 1, failed: 1, skipped: 3, cancelled: 2 });
    });
  }

  test('a cancelled test counts as failed; a skipped one is not counted as passed', () => {
    const total: TestCounts = { passed: 0, failed: 0, skipped: 0, cancelled: 0 };
    addCounts(total, { passed: 5, failed: 0, skipped: 2, cancelled: 1 }, 1);
    addCounts(total, { passed: 3, failed: 1, skipped: 0, cancelled: 0 }, 1);
    assert.equal(closingLine(total), '8 passed, 2 failed, 2 skipped, 1 cancelled');
    assert.match(closingLine(total), /^\d+ passed, \d+ failed, \d+ skipped, \d+ cancelled$/);
  });

  test('a runner that printed no summary, or failed with nothing failed, counts as one failure', () => {
    const total: TestCounts = { passed: 0, failed: 0, skipped: 0, cancelled: 0 };
    addCounts(total, counts('node', 'Error: Cannot find module'), 1);
    addCounts(total, { passed: 4, failed: 0, skipped: 0, cancelled: 0 }, 1);
    addCounts(total, { passed: 2, failed: 0, skipped: 0, cancelled: 0 }, 0);
    assert.deepEqual(total, { passed: 6, failed: 2, skipped: 0, cancelled: 0 });
  });

  test("reads the integration runner's line, and only in its full form", () => {
    const output = 'suite…\n  ✔ a test\nintegration: 14 passed, 1 failed, 2 skipped, 3 cancelled\n';
    assert.deepEqual(counts('line', output), { passed: 14, failed: 1, skipped: 2, cancelled: 3 });
    assert.equal(counts('line', 'integration: 14 passed, 1 failed\n'), undefined);
  });
});
