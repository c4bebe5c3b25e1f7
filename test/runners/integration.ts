/**
 * Runs the integration suite (out/integration) inside code-server's real extension host, the way
 * @vscode/test-electron runs it in desktop VS Code (see desktop.ts for that path).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runExtensionTestsInCodeServer } from '../harness/runExtensionTests';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const runDir = path.join(root, '.test-runs', `integration-${Date.now()}`);
  const folder = path.join(runDir, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  const { exitCode } = await runExtensionTestsInCodeServer({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'integration', 'index.js'),
    folder,
    runDir,
    timeoutMs: 5 * 60_000,
  });
  if (exitCode === 0 && !process.env.LD_USAGE_KEEP_RUNS) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else if (exitCode !== 0) {
    console.error(`Integration run failed (exit code ${exitCode}); logs are in ${runDir}`);
  }
  process.exitCode = exitCode;
}

void main();
