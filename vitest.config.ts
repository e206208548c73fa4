import { configDefaults, defineConfig } from 'vitest/config';

/**
 * STORE=postgres: the platform's integration tests once more, on the PostgreSQL store (server/db/postgres/):
 * one throw-away cluster for the run (tests/support/postgres-global-setup.ts), a fresh database per test file
 * (tests/integration/server/helpers.ts reads STORE). scripts/test-plan.mjs runs both.
 */
const onPostgres = process.env.STORE === 'postgres';

export default defineConfig({
  test: {
    include: onPostgres ? ['tests/integration/server/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    // The cluster tests (several nodes) run on PostgreSQL already, in the default run: not twice.
    exclude: onPostgres ? [...configDefaults.exclude, 'tests/integration/server/cluster/**'] : configDefaults.exclude,
    globalSetup: onPostgres ? ['tests/support/postgres-global-setup.ts'] : [],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real servers; two workers match the 2-core machines here.
    maxWorkers: 2,
  },
});
