// A short mutation check, run by hand: `node scripts/mutation-check.mjs [--only id,id…] [--list]`.
//
// Copies the repository (without .git, node_modules and build output) to a temporary folder, then
// for each mutation below changes one spot of src/ or webview/ in the copy, runs the unit tests
// there, and records which tests failed; the copy's file is put back before the next mutation
// and the copy removed at the end. The working tree itself is never touched. Ends with a table:
// mutation → the tests that caught it, or NOT CAUGHT. Each mutation takes one unit-test run
// (about a minute on 2 cores).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Small, meaningful mistakes: each `find` must occur exactly once in its file. */
const MUTATIONS = [
  {
    id: 'panel-peak-shows-latest',
    file: 'webview/tables.ts',
    find: "[formatCount(v.peak, options.locale), 'num'],",
    replace: "[formatCount(v.latest, options.locale), 'num'],",
    what: "the summary table's Peak column shows the latest value",
  },
  {
    id: 'panel-share-of-peak',
    file: 'webview/tables.ts',
    find: 'return model.latestTotal ? version.latest / model.latestTotal : 0;',
    replace: 'return model.latestTotal ? version.peak / model.latestTotal : 0;',
    what: "the summary table's Share column uses the peak",
  },
  {
    id: 'tree-peak-shows-latest',
    file: 'src/tree/treeContent.ts',
    find: '· peak ${formatCount(version.peak, locale)}',
    replace: '· peak ${formatCount(version.latest, locale)}',
    what: 'the tree shows latest as peak',
  },
  {
    id: 'csv-guard-without-tab-cr',
    file: 'src/presentation/export.ts',
    find: '/^[=+\\-@\\t\\r]/',
    replace: '/^[=+\\-@]/',
    what: 'the CSV formula guard loses its tab and carriage-return cases',
  },
  {
    id: 'csv-quote-without-quotes',
    file: 'src/presentation/export.ts',
    find: '/[",\\r\\n]/.test(text)',
    replace: '/[,\\r\\n]/.test(text)',
    what: 'a CSV cell holding a double quote is not quoted',
  },
  {
    id: 'redaction-threshold-plus-one',
    file: 'src/redact.ts',
    find: 'secret.length >= 8',
    replace: 'secret.length > 8',
    what: 'the redaction threshold moves by one',
  },
  {
    id: 'size-cap-minus-one',
    file: 'src/api/client.ts',
    find: 'MAX_BODY_BYTES = 32 * 1024 * 1024;',
    replace: 'MAX_BODY_BYTES = 32 * 1024 * 1024 - 1;',
    what: 'the body size cap is one byte smaller',
  },
  {
    id: 'reset-read-as-seconds',
    file: 'src/api/client.ts',
    find: 'return within(Number(reset));',
    replace: 'return within(now + Number(reset) * 1000);',
    what: 'X-Ratelimit-Reset is read as seconds to wait',
  },
  {
    id: 'store-waits-through-reset',
    file: 'src/store.ts',
    find: 'now < error.retryAt',
    replace: 'now <= error.retryAt',
    what: 'the store still refuses to ask at the reset instant',
  },
  {
    id: 'unsorted-points-kept',
    file: 'src/api/seriesScanner.ts',
    find: 'ascending = times[p]! > times[p - 1]!;',
    replace: 'ascending = true;',
    what: 'points out of time order are not sorted',
  },
  {
    id: 'missing-name-empty',
    file: 'src/api/parse.ts',
    find: '  return UNKNOWN;\n}',
    replace: "  return '';\n}",
    what: 'a missing SDK name or version is shown empty instead of "Unknown"',
  },
  {
    id: 'latest-is-last-cell',
    file: 'src/model/modelBuild.ts',
    find: 'const latest = cellEnd > cellStart && cells.slots[cellEnd - 1] === pointCount - 1 ? cells.values[cellEnd - 1]! : 0;',
    replace: 'const latest = cellEnd > cellStart ? cells.values[cellEnd - 1]! : 0;',
    what: "a version's latest is its last value even when the last point lacks its key",
  },
  {
    id: 'average-over-cells',
    file: 'src/model/modelBuild.ts',
    find: 'average: pointCount ? stats.sum / pointCount : 0,',
    replace: 'average: cellEnd > cellStart ? stats.sum / (cellEnd - cellStart) : 0,',
    what: "a version's average leaves out the points without its key",
  },
  {
    id: 'sdk-total-last-version-only',
    file: 'src/model/modelBuild.ts',
    find: 'totals[slots[c]!]! += v;',
    replace: 'totals[slots[c]!]! = v;',
    what: "an SDK's totals keep only one version",
  },
  {
    id: 'prerelease-above-release',
    file: 'src/model/versionOrder.ts',
    find: 'return b.length - a.length;',
    replace: 'return a.length - b.length;',
    what: 'a pre-release sorts above its release',
  },
  {
    id: 'newest-may-be-prerelease',
    file: 'src/model/health.ts',
    find: 'return bestRelease ?? best;',
    replace: 'return best;',
    what: 'the newest version seen may be a pre-release',
  },
  {
    id: 'one-minor-behind-is-current',
    file: 'src/model/health.ts',
    find: 'minor < reference.minor)',
    replace: 'minor < reference.minor - 1)',
    what: 'one minor release behind counts as current',
  },
  {
    id: 'chart-smallest-first',
    file: 'src/model/chartData.ts',
    find: '(a, b) => b.peak - a.peak || labelOrder',
    replace: '(a, b) => a.peak - b.peak || labelOrder',
    what: 'the chart draws the smallest series and folds the largest',
  },
  {
    id: 'zone-offset-sign',
    file: 'src/model/format.ts',
    find: "const sign = offsetMinutes > 0 ? '+' : '-';",
    replace: "const sign = offsetMinutes > 0 ? '-' : '+';",
    what: 'exported times carry the opposite UTC offset',
  },
  {
    id: 'tiny-share-rounds-to-zero',
    file: 'src/model/format.ts',
    find: 'const percentDigits = (share: number) => (share > 0 && share < 0.01 ? 1 : 0);',
    replace: 'const percentDigits = (share: number) => 0;',
    what: 'a share under 1% reads "0%"',
  },
];

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const m of MUTATIONS) console.log(`${m.id.padEnd(30)} ${m.file}: ${m.what}`);
  process.exit(0);
}
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : undefined;
const chosen = MUTATIONS.filter((m) => !only || only.has(m.id));
if (chosen.length === 0) {
  console.error(`No mutation chosen. Ids: ${MUTATIONS.map((m) => m.id).join(', ')}`);
  process.exit(2);
}

/** The leaf tests that failed (or were cancelled) in a TAP report, as "file: name". */
function failedTests(tap, copy) {
  const lines = tap.split('\n');
  const failed = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!head) continue;
    let type = '';
    let file = '';
    for (let j = i + 1; j < lines.length && !/^\s*\.\.\.$/.test(lines[j]); j++) {
      type ||= /failureType: '([^']+)'/.exec(lines[j])?.[1] ?? '';
      file ||= /location: '([^']+?):\d+:\d+'/.exec(lines[j])?.[1] ?? '';
    }
    if (type && type !== 'subtestsFailed')
      failed.push(`${relative(copy, file) || '?'}: ${head[2]}${type === 'testCodeFailure' ? '' : ` (${type})`}`);
  }
  return failed;
}

function runUnitTests(copy) {
  // Without NODE_TEST_CONTEXT (set when this script itself runs under a test runner) the run reports for itself.
  const env = { ...process.env, TMPDIR: join(copy, '.tmp') };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync('node --import tsx --test --test-reporter=tap test/unit/*.test.ts', {
    cwd: copy,
    shell: true,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env,
  });
  return { code: run.status ?? 1, failed: failedTests(run.stdout ?? '', copy) };
}

const copy = mkdtempSync(join(tmpdir(), 'ld-usage-mutation-'));
const cleanUp = () => rmSync(copy, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
const results = [];
try {
  const skip = new Set(['.git', 'node_modules', '.test-runs', 'dist', 'out', '.vscode-test']);
  cpSync(root, copy, { recursive: true, filter: (source) => !skip.has(relative(root, source).split('/')[0]) });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  mkdirSync(join(copy, '.tmp'));

  console.log('baseline: unit tests on the unchanged copy…');
  const baseline = runUnitTests(copy);
  if (baseline.code !== 0) {
    console.error(`The unit tests fail without any mutation:\n${baseline.failed.join('\n')}`);
    process.exitCode = 1;
  } else {
    for (const m of chosen) {
      const file = join(copy, m.file);
      const original = readFileSync(file, 'utf8');
      const at = original.split(m.find).length - 1;
      if (at !== 1) {
        results.push({ m, caught: undefined, note: `does not apply (found ${at} times): update the list` });
        continue;
      }
      writeFileSync(file, original.replace(m.find, m.replace));
      const started = Date.now();
      try {
        const { code, failed } = runUnitTests(copy);
        results.push({ m, caught: failed, note: code !== 0 && failed.length === 0 ? 'the run failed without a failing test' : '' });
      } finally {
        writeFileSync(file, original);
      }
      const last = results.at(-1);
      console.log(
        `${m.id}: ${last.caught.length ? `caught by ${last.caught.length} test(s)` : 'NOT CAUGHT'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
} finally {
  cleanUp();
}

if (results.length) {
  const cell = (text) => text.replace(/\|/g, '\\|');
  console.log('\n| mutation | what it breaks | caught by |\n|---|---|---|');
  for (const { m, caught, note } of results) {
    const by =
      caught === undefined
        ? note
        : caught.length === 0
          ? `**NOT CAUGHT** ${note}`
          : `${caught.slice(0, 3).join('; ')}${caught.length > 3 ? `; +${caught.length - 3} more` : ''}`;
    console.log(`| ${m.id} (${m.file}) | ${cell(m.what)} | ${cell(by)} |`);
  }
  const caughtCount = results.filter((r) => r.caught?.length).length;
  console.log(`\n${caughtCount} of ${results.length} mutations caught by the unit tests.`);
}
