/**
 * A node while no node routes (the lock is held by something that is not serving, as during a takeover):
 * it answers at once — /v1/health 503 "unavailable", every request and WebSocket upgrade 503 with
 * Retry-After, never a hang or a 500 — and once the lock is free it takes over and serves itself.
 */
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode, type RunningClusterNode } from '../../../../server/cluster/cluster-node';
import { LEADER_LOCK_KEY } from '../../../../server/cluster/leadership';
import { parseConfig } from '../../../../server/config';
import { sharedOrOwnCluster } from '../../../support/postgres';
import { makeTempDir, removeDir, testConfig } from '../helpers';
import { waitFor } from './cluster-support';

describe('a cluster node while no node routes', () => {
  let pgCluster: Awaited<ReturnType<typeof sharedOrOwnCluster>>;
  let holder: pg.Client;
  let node: RunningClusterNode;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    pgCluster = await sharedOrOwnCluster();
    url = await pgCluster.createDatabase('noleader');
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [LEADER_LOCK_KEY]);
    dataDir = await makeTempDir();
    const raw = await testConfig(dataDir, {
      patch: (r) => {
        r.store = { url };
        r.cluster = { pollMs: 50 };
        r.loginRateLimit = { maxFailuresPerSource: 3 };
      },
    });
    node = await startClusterNode(parseConfig(raw, dataDir));
  }, 120_000);
  afterAll(async () => {
    await node?.close();
    await holder?.end().catch(() => undefined);
    await removeDir(dataDir);
    await pgCluster?.release();
  });

  it('answers 503 with Retry-After to health, requests and WebSocket upgrades', async () => {
    const health = await fetch(`${node.url}/v1/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('1');
    expect(await health.json()).toEqual({ status: 'unavailable', routing: false, leader: null });

    const queues = await fetch(`${node.url}/v1/queues`, { headers: { authorization: 'Bearer x' } });
    expect(queues.status).toBe(503);
    expect(queues.headers.get('retry-after')).toBe('1');
    expect(await queues.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
    const login = await fetch(`${node.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"alice","password":"alice-pw"}' });
    expect(login.status).toBe(503);

    const upgrade = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${node.url.replace('http', 'ws')}/v1/events`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('the upgrade went through with no routing node')));
      socket.on('error', () => undefined);
    });
    expect(upgrade).toBe(503);
  });

  it('takes over once the lock is free, and then serves itself', async () => {
    await holder.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK_KEY]);
    await waitFor(() => node.routing, (routing) => routing, 'the node to take over', 30_000);
    const health = await fetch(`${node.url}/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', routing: true });
    const login = await fetch(`${node.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"alice","password":"alice-pw"}' });
    expect(login.status).toBe(200);
  }, 60_000);

  it('counts logins per client: the address a node vouches for with the forward secret, else the connection', async () => {
    const secret = (await holder.query<{ forward_secret: string }>('SELECT forward_secret FROM switchboard_cluster_leader')).rows[0].forward_secret;
    const failLogin = (n: number, headers: Record<string, string>) =>
      fetch(`${node.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: `nobody${n}`, password: 'wrong' }) }).then((r) => r.status);

    // Vouched for by a node (as a follower does): each client is its own source, none reaches the limit.
    for (let n = 0; n < 6; n++) expect(await failLogin(n, { 'x-switchboard-client': `10.0.0.${n}`, 'x-switchboard-forward-secret': secret })).toBe(401);
    // The same client a fourth time: limited.
    for (let n = 0; n < 3; n++) expect(await failLogin(10 + n, { 'x-switchboard-client': '10.0.0.99', 'x-switchboard-forward-secret': secret })).toBe(401);
    expect(await failLogin(13, { 'x-switchboard-client': '10.0.0.99', 'x-switchboard-forward-secret': secret })).toBe(429);

    // A client naming other addresses without the secret is counted by its connection: limited all the same.
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push(await failLogin(20 + n, { 'x-switchboard-client': `10.1.0.${n}`, 'x-switchboard-forward-secret': 'guess', 'x-forwarded-for': `10.2.0.${n}` }));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
