/**
 * `npm run test:desktop`: the same integration suite in desktop VS Code through @vscode/test-electron.
 * It downloads VS Code, so it needs internet (or VSCODE_EXECUTABLE pointing at an installed one).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  process.exitCode = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'integration', 'index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
