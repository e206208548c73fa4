#!/usr/bin/env node
// Runs every test runner in turn and sums their results into one closing line, `N passed, N failed`,
// which is the only summary CI reads. Each step's own output streams through unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0 };
const failedSteps = [];

function run(command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== exit ${result.status ?? result.signal} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

/** A check with no per-test report counts as one test. */
function check(name, command, args) {
  if (run(command, args)) totals.passed += 1;
  else { totals.failed += 1; failedSteps.push(name); }
}

/** A runner that writes a JSON report: count its tests; a crash with no report counts as one failure. */
function runner(name, command, args, reportFile, count) {
  rmSync(reportFile, { force: true });
  const ok = run(command, args);
  if (!existsSync(reportFile)) {
    totals.failed += 1;
    failedSteps.push(`${name} (no report)`);
    return;
  }
  const { passed, failed } = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  totals.passed += passed;
  totals.failed += failed;
  if (!ok && failed === 0) { totals.failed += 1; failedSteps.push(`${name} (exit code)`); }
  else if (failed > 0) failedSteps.push(name);
}

check('typecheck', 'npx', ['tsc', '-b']);
check('import layering', 'node', ['scripts/check-imports.mjs']);
check('renderer build', 'npm', ['run', '--silent', 'build:renderer']);
if (existsSync('scripts/electronegativity-gate.mjs')) check('electronegativity', 'node', ['scripts/electronegativity-gate.mjs']);

runner('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
  'test-results/vitest.json', (r) => ({
    passed: r.numPassedTests,
    // A file that fails to load has no tests in the report: count it as one failure so it cannot hide.
    failed: r.numFailedTests + r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length,
  }));

if (existsSync('playwright.config.ts')) {
  runner('playwright', 'npx', ['playwright', 'test'], 'test-results/e2e.json',
    (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected }));
}

if (failedSteps.length > 0) console.log(`\nfailed: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
