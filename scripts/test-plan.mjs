// The one place that says what README's test command runs. scripts/run-all-tests.mjs runs exactly this and
// fails when any part of it has gone missing (a deleted config or npm script is a failure, never a suite
// that quietly stops running).

/**
 * Build and lint checks: each passes or fails as a whole and is reported apart from the test counts.
 * `npmScript` must exist in package.json; `files` must exist in the repository.
 */
export const CHECKS = [
  { name: 'typecheck', npmScript: 'typecheck', files: ['tsconfig.json'] },
  { name: 'eslint (type-aware rules and import layering)', npmScript: 'lint', files: ['eslint.config.js'] },
  { name: 'unused exports (knip)', npmScript: 'lint:exports', files: ['knip.jsonc'] },
  { name: 'renderer build', npmScript: 'build:renderer', files: ['renderer/vite.config.ts'] },
  { name: 'electronegativity gate', npmScript: 'check:electron', files: ['scripts/electronegativity-gate.mjs'] },
];

/** Test runners: each writes a JSON report whose tests are counted one by one. */
export const RUNNERS = [
  {
    name: 'vitest',
    kind: 'vitest',
    files: ['vitest.config.ts'],
    command: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
    report: 'test-results/vitest.json',
  },
  {
    // The platform's integration tests again, on the PostgreSQL store (issue 13): STORE=postgres makes
    // vitest.config.ts start one throw-away cluster and every test platform keep its state there.
    name: 'vitest (PostgreSQL store)',
    kind: 'vitest',
    files: ['vitest.config.ts', 'tests/support/postgres.ts', 'tests/support/postgres-global-setup.ts'],
    command: ['env', 'STORE=postgres', 'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-postgres.json'],
    report: 'test-results/vitest-postgres.json',
  },
  {
    name: 'playwright',
    kind: 'playwright',
    // The JSON report path is set in playwright.config.ts.
    files: ['playwright.config.ts'],
    command: ['npx', 'playwright', 'test'],
    report: 'test-results/e2e.json',
  },
];

/** Skipped and todo tests fail the run unless listed here, each with a reason. */
export const ALLOWED_SKIPS_FILE = 'tests/allowed-skips.json';
