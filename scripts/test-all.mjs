// `npm test`: every check, in order, each phase's counts gathered into one closing line.
// Phases: types, lint and formatting, unit tests, builds + .vsix, real-VS-Code setup (cached), the integration
// suite in code-server's extension host, then end-to-end tests driving the workbench in Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addCounts, closingLine, counts } from './test-counts.mjs';

// Every temporary file of the run (tsx's compile cache, test scratch folders) lives in the run's own
// folder and is removed at the end, so nothing is left in the system temp folder.
const tmp = join(process.cwd(), '.test-runs', `tmp-${process.pid}`);
mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;

const phases = [
  { name: 'typecheck', command: 'npm run --silent typecheck' },
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'format', command: 'npm run --silent format:check' },
  { name: 'unit', command: 'npm run --silent test:unit', counts: 'node' },
  { name: 'build', command: 'npm run --silent package && node esbuild.mjs --tests' },
  { name: 'setup', command: 'bash scripts/setup-e2e.sh' },
  { name: 'integration', command: 'node --import tsx test/runners/integration.ts', counts: 'line' },
  { name: 'e2e', command: 'node --import tsx --test --test-concurrency=1 test/e2e/*.test.ts', counts: 'node' },
];

const only = process.argv.slice(2);
let interrupted = false;
const total = { passed: 0, failed: 0, skipped: 0, cancelled: 0 };
const timings = [];

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    const stop = () => {
      interrupted = true;
      child.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('close', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve({ code: code ?? 1, output });
    });
  });
}

const started = Date.now();
for (const phase of phases) {
  if (only.length && !only.includes(phase.name)) continue;
  console.log(`\n=== ${phase.name} ===`);
  const t0 = Date.now();
  const { code, output } = await run(phase.command);
  timings.push(`${phase.name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (phase.counts) {
    addCounts(total, counts(phase.counts, output), code);
  } else if (code !== 0) {
    total.failed += 1;
  }
  if (interrupted) {
    total.failed += 1;
    console.error('\nInterrupted.');
    break;
  }
  if (code !== 0) {
    console.error(`\n${phase.name} failed (exit code ${code}).`);
    if (['typecheck', 'build', 'setup'].includes(phase.name)) break;
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\nPhases: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(closingLine(total));
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
