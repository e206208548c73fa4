import { defineConfig } from 'vitest/config';

/**
 * STORE=postgres: the platform's integration tests once more, on the PostgreSQL store (server/db/postgres/):
 * one throw-away cluster for the run (tests/support/postgres-global-setup.ts), a fresh database per test file
 * (tests/integration/server/helpers.ts reads STORE). scripts/test-plan.mjs runs both.
 */
const onPostgres = process.env.STORE === 'postgres';

export default defineConfig({
  test: {
    include: onPostgres ? ['tests/integration/server/**/*.test.ts'] : ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    // Not twice: group-commit checks the SQLite file's WAL and fsync seam, which PostgreSQL mode replaces;
    // postgres-store runs a PostgreSQL of its own (it stops it for an outage) in the default run, and so do
    // the cluster tests (several nodes on one PostgreSQL).
    exclude: onPostgres
      ? ['tests/integration/server/group-commit.test.ts', 'tests/integration/server/postgres-store.test.ts', 'tests/integration/server/cluster/**', '**/node_modules/**']
      : ['**/node_modules/**'],
    globalSetup: onPostgres ? ['tests/support/postgres-global-setup.ts'] : [],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests start real servers; two workers match the 2-core machines here.
    maxWorkers: 2,
  },
});
