/**
 * Leadership on a throw-away PostgreSQL cluster: one holder of the advisory lock at a time; a SIGKILLed
 * holder's lock is freed by PostgreSQL and the waiting node takes over with the next epoch; a node whose
 * epoch was overtaken or whose session is gone writes nothing (fenced); the directory shows the live
 * leader only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaderDirectory } from '../../../../server/cluster/leader-directory';
import { acquireLeadership, FencedError, type Leadership } from '../../../../server/cluster/leadership';
import { sharedOrOwnCluster } from '../../../support/postgres';

const FIXTURE = path.join(__dirname, 'fixtures', 'hold-leadership.ts');
const REPO_ROOT = path.join(__dirname, '../../../..');

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function startHolder(url: string, advertise: string): Promise<{ child: ChildProcess; epoch: number }> {
  // node itself (not the tsx wrapper, which would outlive a SIGKILL to it): the lock's holder is this pid
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url, advertise], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /leading (\d+)/.exec(out);
      if (match) resolve({ child, epoch: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before leading`)));
  });
}

describe('leadership by advisory lock', () => {
  let cluster: Awaited<ReturnType<typeof sharedOrOwnCluster>>;
  let url: string;
  let admin: pg.Client;
  const open: Leadership[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    cluster = await sharedOrOwnCluster();
    url = await cluster.createDatabase('leadership');
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(open.map((l) => l.release()));
    await admin?.end();
    await cluster?.release();
  });

  it('lets one node lead; the waiting node takes over with the next epoch when the leader is SIGKILLed', async () => {
    const first = await startHolder(url, 'http://node-a');
    children.push(first.child);
    const directory = new LeaderDirectory(url, 50);
    await directory.start();
    try {
      expect(await directory.refresh()).toMatchObject({ url: 'http://node-a', epoch: first.epoch });

      const abort = new AbortController();
      let second: Leadership | null = null;
      const waiting = acquireLeadership({ url, advertiseUrl: 'http://node-b', pollMs: 50, signal: abort.signal }).then((l) => {
        second = l;
        open.push(l);
        return l;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(second).toBeNull(); // the lock is held: B waits

      first.child.kill('SIGKILL');
      const taken = await waiting;
      expect(taken.epoch).toBe(first.epoch + 1);
      await waitFor(() => directory.refresh(), (l) => l?.url === 'http://node-b', 'the directory to show node b');
      abort.abort();
    } finally {
      await directory.stop();
    }
  }, 60_000);

  it('refuses the writes of a node whose epoch was overtaken, and of one whose session is gone', async () => {
    await Promise.all(open.splice(0).map((l) => l.release()));
    await admin.query('CREATE TABLE IF NOT EXISTS shipped (v text)');
    const leader = await acquireLeadership({ url, advertiseUrl: 'http://node-c', pollMs: 50 });
    open.push(leader);
    await leader.fenced((c) => c.query("INSERT INTO shipped VALUES ('while leading')"));

    // Another node took over (its epoch is in the row): this one's next shipment is refused whole.
    await admin.query('UPDATE switchboard_cluster_leader SET epoch = epoch + 1');
    await expect(leader.fenced((c) => c.query("INSERT INTO shipped VALUES ('after takeover')"))).rejects.toBeInstanceOf(FencedError);

    // The lock's session dies (as on a network cut): the node hears it and can write nothing more.
    const lost = new Promise<Error>((resolve) => leader.onLost(resolve));
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-leader'");
    await lost;
    expect(leader.lost).toBe(true);
    await expect(leader.fenced((c) => c.query("INSERT INTO shipped VALUES ('after losing the session')"))).rejects.toBeInstanceOf(FencedError);

    const rows = await admin.query<{ v: string }>('SELECT v FROM shipped ORDER BY v');
    expect(rows.rows.map((r) => r.v)).toEqual(['while leading']);
  }, 60_000);

  it('shows no leader while the row belongs to a session that no longer holds the lock', async () => {
    await Promise.all(open.splice(0).map((l) => l.release()));
    const directory = new LeaderDirectory(url, 50);
    try {
      expect(await directory.refresh()).toBeNull(); // the row is still there, its holder is gone
      const leader = await acquireLeadership({ url, advertiseUrl: 'http://node-d', pollMs: 50 });
      open.push(leader);
      expect(await directory.refresh()).toMatchObject({ url: 'http://node-d' });
      await leader.release();
      expect(await directory.refresh()).toBeNull();
    } finally {
      await directory.stop();
    }
  });
});
