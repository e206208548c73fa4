/**
 * The PostgreSQL store (config `store.url`, docs/scaling.md) against a real PostgreSQL 15 of this file's own
 * (it stops and starts it for an outage, which a shared one could not survive): a restart — on another
 * machine's empty dataDir, so everything comes from PostgreSQL — keeps every acknowledged item, event and
 * token; an outage answers writes with an error body, never crashes, and loses nothing acknowledged; a
 * PostgreSQL schema newer than the platform is refused; a bad or unreachable `store.url` is a clear error.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../../../common/api';
import type { WorkItem } from '../../../common/workitem';
import { ConfigError, parseConfig } from '../../../server/config';
import { LATEST_VERSION, migrate } from '../../../server/db/migrations/index';
import { closeDatabase } from '../../../server/db/database';
import { connect, createShipper, openWorkingCopy } from '../../../server/db/postgres/index';
import { ddlFor, describeTables } from '../../../server/db/postgres/schema';
import { startPostgresCluster, type PgCluster } from '../../support/postgres';
import { ApiClient, EventStream, eventually, makeTempDir, ok, removeDir, startPlatformProcess, startTestPlatform, testConfig, writeConfigFile, type TestPlatform } from './helpers';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const platforms: TestPlatform[] = [];
afterEach(async () => {
  while (platforms.length > 0) await platforms.pop()!.close();
});

async function startOn(url: string): Promise<TestPlatform> {
  const platform = await startTestPlatform({ patch: (raw) => (raw.store = { url }) });
  platforms.push(platform);
  return platform;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function allEvents(client: ApiClient, lastSeq: number): Promise<PlatformEvent[]> {
  const stream = await EventStream.of(client, { since: 0 });
  try {
    await stream.waitFor((e) => e.seq === lastSeq);
    return stream.events.filter((e) => e.seq <= lastSeq);
  } finally {
    await stream.close();
  }
}

describe('PostgreSQL store', () => {
  it('a restart on an empty dataDir keeps every acknowledged item, event and token', async () => {
    const url = await cluster.createDatabase('restart');
    const first = await startOn(url);
    const sup = await ApiClient.login(first.url, 'sup');
    const alice = await ApiClient.login(first.url, 'alice');
    const items: WorkItem[] = [];
    for (let i = 0; i < 5; i++) items.push(ok(await sup.createItem({ type: 'task', subject: `keep ${i}`, assignee: { agentUsername: 'alice' } })));
    const moved = ok(await alice.act(items[0].workitemId, 'status', { status: 'in_progress' }));
    ok(await alice.setPresence('available'));
    const stream = await EventStream.of(sup, { since: 0 });
    await stream.waitFor((e) => e.workitem?.workitemId === moved.workitemId && e.workitem.status === 'in_progress');
    await stream.quiet(150);
    const before = stream.events;
    await stream.close();
    await first.close();

    // What PostgreSQL holds is what was acknowledged: the rows are there before any second node loads them.
    const rows = await query<{ workitemId: string }>(url, 'SELECT "workitemId" FROM items ORDER BY "workitemId"');
    expect(rows.map((r) => r.workitemId)).toEqual(items.map((i) => i.workitemId).sort());

    const second = await startOn(url);
    expect(second.dataDir).not.toBe(first.dataDir);
    // alice's token, issued by the first platform, is still good.
    const aliceAgain = new ApiClient(second.url, alice.token, 'alice');
    for (const item of items.slice(1)) expect(ok(await aliceAgain.item(item.workitemId)).subject).toBe(item.subject);
    const kept = ok(await aliceAgain.item(moved.workitemId));
    expect(kept.status).toBe('in_progress');
    expect(kept.version).toBe(moved.version);
    const supAgain = await ApiClient.login(second.url, 'sup');
    const replayed = await allEvents(supAgain, before[before.length - 1].seq);
    expect(replayed.map((e) => [e.seq, e.type, e.workitem?.workitemId])).toEqual(before.map((e) => [e.seq, e.type, e.workitem?.workitemId]));
    // seq goes on from where it was.
    const extra = ok(await supAgain.createItem({ type: 'task', subject: 'after restart', assignee: { agentUsername: 'bob' } }));
    const after = await EventStream.of(supAgain, { since: before[before.length - 1].seq });
    try {
      const created = await after.waitFor((e) => e.type === 'workitem.created' && e.workitem?.workitemId === extra.workitemId);
      expect(created.seq).toBe(before[before.length - 1].seq + 1);
    } finally {
      await after.close();
    }
  });

  it('answers a change and publishes its event only once PostgreSQL has committed it', async () => {
    const url = await cluster.createDatabase('held');
    const platform = await startOn(url);
    const sup = await ApiClient.login(platform.url, 'sup');
    const stream = await EventStream.of(sup, { since: 0 });
    // Another session holds the items table: the ship of the next commit waits for it, as a slow PostgreSQL would.
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
      let answered = false;
      const pending = sup.createItem({ type: 'task', queueId: 'support', subject: 'held' }).then((res) => {
        answered = true;
        return res;
      });
      await eventually(
        async () => (await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted'))[0].n,
        (waiting) => waiting > 0,
        5_000,
      );
      await stream.quiet(200, 1_000);
      expect(answered).toBe(false);
      expect(stream.events.filter((e) => e.type === 'workitem.created')).toEqual([]);

      await locker.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(201);
      await stream.waitFor((e) => e.type === 'workitem.created' && e.workitem?.workitemId === res.body.workitemId);
      expect(await query(url, 'SELECT subject FROM items WHERE "workitemId" = $1', [res.body.workitemId])).toEqual([{ subject: 'held' }]);
    } finally {
      await locker.end();
      await stream.close();
    }
  });

  it('during an outage writes answer an error with a body, the platform lives on, and nothing acknowledged is lost', async () => {
    const url = await cluster.createDatabase('outage');
    const first = await startOn(url);
    const sup = await ApiClient.login(first.url, 'sup');
    const acknowledged: WorkItem[] = [];
    for (let i = 0; i < 3; i++) acknowledged.push(ok(await sup.createItem({ type: 'task', queueId: 'support', subject: `before ${i}` })));

    await cluster.pause();
    try {
      const failed = await sup.createItem({ type: 'task', queueId: 'support', subject: 'during the outage' });
      // 503 with Retry-After: try again later or at another node (the desktop does both, same Idempotency-Key).
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('1');
      expect(failed.body.error?.code).toBe('UNAVAILABLE');
      expect(typeof failed.body.error?.message).toBe('string');
      // Still serving: a read answers from the working copy.
      expect((await sup.item(acknowledged[0].workitemId)).status).toBe(200);
    } finally {
      await cluster.resume();
    }
    // PostgreSQL is back, but what this node's working copy holds beyond it is unknown there: it keeps
    // refusing to acknowledge until it restarts and loads again.
    const later = await sup.createItem({ type: 'task', queueId: 'support', subject: 'after the outage' });
    expect(later.status).toBe(503);
    await platforms.pop()!.close();

    const second = await startOn(url);
    const supAgain = await ApiClient.login(second.url, 'sup');
    for (const item of acknowledged) expect(ok(await supAgain.item(item.workitemId)).subject).toBe(item.subject);
    // And it acknowledges writes again.
    expect((await supAgain.createItem({ type: 'task', queueId: 'support', subject: 'after restart' })).status).toBe(201);
  });

  it('npm run server on PostgreSQL loads again after an outage, on the same address: acknowledged changes kept, refused ones not applied', async () => {
    const url = await cluster.createDatabase('self_healing');
    const dir = await makeTempDir();
    const configFile = await writeConfigFile(dir, path.join(dir, 'data'), { patch: (raw) => (raw.store = { url }) });
    const server = await startPlatformProcess(configFile);
    try {
      const sup = await ApiClient.login(server.url, 'sup');
      const kept = ok(await sup.createItem({ type: 'task', queueId: 'support', subject: 'before the outage' }));

      await cluster.pause();
      let refused;
      try {
        refused = await sup.createItem({ type: 'task', queueId: 'support', subject: 'during the outage' });
        expect(refused.status).toBe(503);
      } finally {
        await cluster.resume();
      }
      // The node loads again from PostgreSQL by itself and acknowledges writes at the same address, with the
      // same token (sessions are in PostgreSQL); until then a write is refused or the address is closed.
      const status = async () => (await sup.createItem({ type: 'task', queueId: 'support', subject: 'after the outage' }).catch(() => null))?.status ?? 0;
      await eventually(status, (code) => code === 201, 30_000, 250);
      expect(ok(await sup.item(kept.workitemId)).subject).toBe('before the outage');
      const found = ok(await sup.get<{ items: WorkItem[] }>(`/v1/workitems?q=${encodeURIComponent('subject:outage')}&rows=50`));
      const subjects = found.items.map((item) => item.subject);
      expect(subjects).not.toContain('during the outage');
      expect(server.output()).toMatch(/PostgreSQL did not take a commit .*: loading again from it/);
      expect(server.output()).toMatch(/loaded again from PostgreSQL; listening on http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await server.kill('SIGTERM');
      await removeDir(dir);
    }
  });

  it('refuses to start on a PostgreSQL schema newer than it knows', async () => {
    const url = await cluster.createDatabase('newer');
    await startOn(url);
    await platforms.pop()!.close();
    const recorded = await query<{ version: number }>(url, 'SELECT max(version) AS version FROM schema_migrations');
    expect(recorded[0].version).toBe(LATEST_VERSION);

    await query(url, 'INSERT INTO schema_migrations (version) VALUES ($1)', [LATEST_VERSION + 1]);
    await expect(startOn(url)).rejects.toThrow(`schema version ${LATEST_VERSION + 1} is newer than this platform knows (${LATEST_VERSION})`);
  });

  it('brings a PostgreSQL at an older migration to the latest, keeping its rows', async () => {
    const url = await cluster.createDatabase('older');
    // A PostgreSQL written by a platform one migration behind: its tables derived from the schema at that
    // version, holding a token.
    const old = new Database(':memory:');
    migrate(old, LATEST_VERSION - 1);
    for (const statement of ddlFor(describeTables(old))) await query(url, statement);
    const token = 'a-token-issued-by-the-older-platform';
    const expiresAt = Date.now() + 3_600_000;
    await query(url, 'INSERT INTO tokens ("tokenHash", username, "createdAt", "expiresAt") VALUES ($1, $2, $3, $4)', [createHash('sha256').update(token).digest('base64url'), 'alice', Date.now(), expiresAt]);
    await query(url, 'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    await query(url, 'INSERT INTO schema_migrations (version) VALUES ($1)', [LATEST_VERSION - 1]);

    const platform = await startOn(url);
    expect((await query<{ version: number }>(url, 'SELECT max(version) AS version FROM schema_migrations'))[0].version).toBe(LATEST_VERSION);
    // The token survived the migration (the copy was loaded, migrated and written back) and still signs alice in.
    const alice = new ApiClient(platform.url, token, 'alice');
    expect((await alice.setPresence('available')).status).toBe(200);
    expect(await query(url, 'SELECT username FROM tokens')).toEqual([{ username: 'alice' }]);
  });

  it('ships a commit too large for one statement in one transaction, deletes included (the module on its own)', async () => {
    const url = await cluster.createDatabase('large');
    const pool = await connect(url);
    const dataDir = await makeTempDir();
    const db = await openWorkingCopy(pool, dataDir);
    try {
      const shipper = createShipper(db, pool);
      // 17,000 rows of 4 columns: 68,000 parameters, past PostgreSQL's 65,535 in one statement.
      const insert = db.prepare('INSERT INTO tokens ("tokenHash", username, "createdAt", "expiresAt") VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (let i = 0; i < 17_000; i++) insert.run(`t${i}`, 'alice', i, i + 1);
      })();
      shipper.capture();
      await shipper.sync();
      expect(await query(url, 'SELECT count(*)::int AS n, max("expiresAt") AS last FROM tokens')).toEqual([{ n: 17_000, last: '17000' }]);

      db.prepare('DELETE FROM tokens WHERE "createdAt" >= 100').run();
      db.prepare('UPDATE tokens SET username = ? WHERE "tokenHash" = ?').run('bob', 't1');
      await shipper.flush();
      expect(await query(url, 'SELECT count(*)::int AS n FROM tokens')).toEqual([{ n: 100 }]);
      expect(await query(url, 'SELECT username FROM tokens WHERE "tokenHash" = $1', ['t1'])).toEqual([{ username: 'bob' }]);
    } finally {
      closeDatabase(db);
      await pool.end();
      await removeDir(dataDir);
    }
  });

  it('a store.url that is not a postgres:// URL is a config error naming the key', async () => {
    for (const url of ['mysql://db/switchboard', 'postgres//db', 'postgres://', 42]) {
      const raw = await testConfig('/tmp/unused', { patch: (r) => (r.store = { url }) });
      expect(() => parseConfig(raw, '/tmp')).toThrow(ConfigError);
      expect(() => parseConfig(raw, '/tmp')).toThrow(/store\.url/);
    }
    const unknownKey = await testConfig('/tmp/unused', { patch: (r) => (r.store = { url: cluster.url(), pool: 3 }) });
    expect(() => parseConfig(unknownKey, '/tmp')).toThrow(/store/);
  });

  it('an unreachable PostgreSQL stops the start with a clear error, the password not in it', async () => {
    await expect(startOn(`postgres://someone:secret-pw@127.0.0.1:1/switchboard`)).rejects.toThrow(/cannot reach the PostgreSQL store at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/switchboard/);
    // The command line says so and exits 1 (not a stack trace, not a hang).
    const dir = await makeTempDir();
    try {
      const configFile = await writeConfigFile(dir, path.join(dir, 'data'), { patch: (raw) => (raw.store = { url: 'postgres://someone:secret-pw@127.0.0.1:1/switchboard' }) });
      const failed = await startPlatformProcess(configFile).then(
        () => 'started',
        (err: Error) => err.message,
      );
      expect(failed).toMatch(/exited \(code 1, signal null\)/);
      expect(failed).toMatch(/cannot start the platform: cannot reach the PostgreSQL store at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/switchboard/);
      expect(failed).not.toContain('secret-pw');
    } finally {
      await removeDir(dir);
    }
  });
});
