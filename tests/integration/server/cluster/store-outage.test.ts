/**
 * A node waiting for the leadership while PostgreSQL goes away and comes back (a restart of the database):
 * it keeps answering (503 while no node routes) and takes over once PostgreSQL is back and the lock is
 * free — it does not give up and exit.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode, type RunningClusterNode } from '../../../../server/cluster/cluster-node';
import { LEADER_LOCK_KEY } from '../../../../server/cluster/leadership';
import { parseConfig } from '../../../../server/config';
import { startPostgresCluster, type PgCluster } from '../../../support/postgres';
import { makeTempDir, removeDir, testConfig } from '../helpers';
import { waitFor } from './cluster-support';

describe('a waiting node through a PostgreSQL outage', () => {
  let pgCluster: PgCluster;
  let node: RunningClusterNode;
  let dataDir: string;
  const fatal: Error[] = [];

  beforeAll(async () => {
    // a cluster of its own: the test stops it
    pgCluster = await startPostgresCluster();
    const url = await pgCluster.createDatabase('outage');
    dataDir = await makeTempDir();
    const raw = await testConfig(dataDir, {
      patch: (r) => {
        r.store = { url };
        r.cluster = { pollMs: 50 };
      },
    });
    // Someone else holds the lock, so the node waits.
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [LEADER_LOCK_KEY]);
    node = await startClusterNode(parseConfig(raw, dataDir), { onFatal: (error) => fatal.push(error) });
  }, 120_000);
  afterAll(async () => {
    await node?.close();
    await removeDir(dataDir);
    await pgCluster?.stop();
  });

  it('keeps waiting through the outage and takes over after it', async () => {
    expect(node.routing).toBe(false);
    await pgCluster.pause(); // every session ends, the holder's too
    expect((await fetch(`${node.url}/v1/health`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 300));
    await pgCluster.resume();
    await waitFor(() => node.routing, (routing) => routing, 'the node to take over after the outage', 30_000);
    expect(fatal).toEqual([]);
    expect(await (await fetch(`${node.url}/v1/health`)).json()).toMatchObject({ status: 'ok', routing: true });
  }, 60_000);
});
