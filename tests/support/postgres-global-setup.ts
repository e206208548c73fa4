/**
 * Vitest globalSetup of the PostgreSQL run (STORE=postgres, vitest.config.ts): one throw-away cluster for the
 * whole run, its admin URL handed to the workers through the environment (they start after this), stopped
 * at the end. Each test file still takes a fresh database on it (tests/support/postgres.ts).
 */
import { SHARED_CLUSTER_ENV, startPostgresCluster } from './postgres';

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  process.env[SHARED_CLUSTER_ENV] = cluster.url();
  return async () => {
    delete process.env[SHARED_CLUSTER_ENV];
    await cluster.stop();
  };
}
