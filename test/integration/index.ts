/**
 * Entry point the extension host loads (`extensionTestsPath`): runs every compiled
 * `*.test.js` beside it with mocha, prints a closing count line and fails when any test fails.
 * Works the same under @vscode/test-electron (desktop) and code-server (this repo's CI).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
  const grep = process.env.LD_USAGE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const { passes, failures, pending, cancelled } = await new Promise<{
    passes: number;
    failures: number;
    pending: number;
    cancelled: number;
  }>((resolve) => {
    const runner = mocha.run(() => {
      const stats = { passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 };
      // Tests mocha planned but never finished (the run was aborted, or a hook failed before them).
      resolve({ ...stats, cancelled: Math.max(0, runner.total - stats.passes - stats.failures - stats.pending) });
    });
  });
  // The same form as `npm test`'s closing line; a cancelled test is a failure there too.
  console.log(`integration: ${passes} passed, ${failures} failed, ${pending} skipped, ${cancelled} cancelled`);
  if (failures > 0 || cancelled > 0 || passes === 0) {
    throw new Error(passes === 0 ? 'No integration test ran.' : `${failures} integration test(s) failed, ${cancelled} cancelled.`);
  }
}
