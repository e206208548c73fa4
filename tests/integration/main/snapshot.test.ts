/**
 * The desktop's snapshot against the real platform: it pages GET /v1/sync/items (several pages), keeps the
 * page's seq as its position so a restart resumes the event stream instead of taking a new snapshot, and
 * falls back to GET /v1/workitems on a platform without the endpoint (404).
 *
 * An HTTP proxy in front of the platform records every request path (and can play an older platform).
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticItems } from '../../../bench/synthetic-items';
import { createDesktopCore, type DesktopCore } from '../../../main/core';
import { Backoff } from '../../../common/backoff';
import { PlatformClient } from '../../../main/core/platform/http-client';
import { SYNC_PAGE_LIMIT } from '../../../main/core/sync/sync-engine';
import { closeDatabase, openDatabase } from '../../../server/db/database';
import { ItemStore, NO_ROUTE } from '../../../server/store/items';
import { invokeOk, makeTempDir, recordEvents, removeDir, startTestPlatform, supervisor, type RunningTestPlatform } from './helpers';

/** More than two snapshot pages of alice's history. */
const SEEDED = 2 * SYNC_PAGE_LIMIT + 123;

function seedPlatform(dataDir: string): void {
  const db = openDatabase(dataDir);
  try {
    const store = new ItemStore(db, 'default');
    // Recent history, so the cache's history window (14 days) keeps all of it.
    const now = Date.now();
    const items = syntheticItems(SEEDED, { agentUsername: 'alice', states: ['dispositioned', 'closed'] }).map((item, i) => ({ ...item, createdAt: now - 3_600_000 - i * 1_000 }));
    db.transaction(() => {
      for (const item of items) store.insert({ item, route: NO_ROUTE, parentId: null, campaignId: null, archived: false });
    })();
  } finally {
    closeDatabase(db);
  }
}

/** A recording HTTP proxy; with `olderPlatform` it answers /v1/sync/items 404 like a platform without it. */
async function startHttpProxy(target: URL, options: { olderPlatform: boolean }) {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    requests.push(`${req.method} ${pathname}`);
    if (options.olderPlatform && pathname === '/v1/sync/items') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route GET ${pathname}` } }));
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The event stream's WebSocket upgrade: replay the request upstream and splice the two sockets.
  server.on('upgrade', (req, socket: net.Socket, head: Buffer) => {
    requests.push(`UPGRADE ${(req.url ?? '/').split('?')[0]}`);
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
    sockets.add(upstream);
    const drop = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(upstream);
    };
    socket.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    count: (what: string) => requests.filter((r) => r === what).length,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function startCore(dataDir: string, platformUrl: string): Promise<DesktopCore> {
  return createDesktopCore({ dataDir, platformUrl, streamBackoff: () => new Backoff({ baseMs: 50, capMs: 500 }), outboxBackoff: new Backoff({ baseMs: 50, capMs: 500 }) });
}

async function signInAndWaitOnline(core: DesktopCore): Promise<ReturnType<typeof recordEvents>> {
  const recorder = recordEvents(core);
  await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
  await recorder.waitFor('connectionChanged', (s) => s.state === 'online', 30_000);
  return recorder;
}

describe('desktop snapshot over GET /v1/sync/items', () => {
  let platform: RunningTestPlatform;
  let sup: PlatformClient;
  const dirs: string[] = [];

  beforeAll(async () => {
    const platformDir = makeTempDir('sb-snapshot-platform-');
    seedPlatform(platformDir);
    platform = await startTestPlatform(platformDir);
    sup = await supervisor(platform.url);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    removeDir(platform.dataDir);
    for (const dir of dirs) removeDir(dir);
  });

  it('takes the snapshot in keyset pages, resumes events from its seq, and after a restart resumes instead of re-snapshotting', async () => {
    const proxy = await startHttpProxy(new URL(platform.url), { olderPlatform: false });
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    let core = await startCore(dataDir, proxy.url);
    try {
      const recorder = await signInAndWaitOnline(core);
      expect(proxy.count('GET /v1/sync/items')).toBe(3);
      expect(proxy.count('GET /v1/workitems')).toBe(0);
      expect((await invokeOk(core, 'listInbox', { rows: 1 })).total).toBe(SEEDED);
      // Full-text search and the inbox indexes were built after the bulk load.
      const sample = (await invokeOk(core, 'listInbox', { rows: 1 })).items[0];
      const found = await invokeOk(core, 'listInbox', { rows: 50, text: sample.subject });
      expect(found.items.map((i: { workitemId: string }) => i.workitemId)).toContain(sample.workitemId);
      // The position is the snapshot's seq, not null: a reconnect would resume from it.
      const position = (await invokeOk(core, 'getConnection', {})).lastSeq;
      expect(typeof position).toBe('number');

      const live = await sup.createWorkItem({ type: 'task', subject: 'After the snapshot', assignee: { agentUsername: 'alice' } }, crypto.randomUUID());
      await recorder.waitFor('itemsChanged', (c) => c.items.some((i: { workitemId: string }) => i.workitemId === live.workitemId));
      await core.close();

      // While the desktop is closed: one new item and a change to the one above.
      const whileClosed = await sup.createWorkItem({ type: 'task', subject: 'While the desktop was closed', assignee: { agentUsername: 'alice' } }, crypto.randomUUID());
      const changed = await sup.workItemAction(live.workitemId, 'status', { status: 'in_progress' }, crypto.randomUUID());

      core = await startCore(dataDir, proxy.url);
      await signInAndWaitOnline(core);
      const caughtUp = async () => (await invokeOk(core, 'getWorkItem', { workitemId: live.workitemId }).catch(() => null))?.version === changed.version;
      const deadline = Date.now() + 10_000;
      while (!(await caughtUp()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(await invokeOk(core, 'getWorkItem', { workitemId: live.workitemId })).toMatchObject({ status: 'in_progress', version: changed.version });
      expect(await invokeOk(core, 'getWorkItem', { workitemId: whileClosed.workitemId })).toMatchObject({ subject: 'While the desktop was closed' });
      // No second snapshot: the restart resumed the stream from the stored position.
      expect(proxy.count('GET /v1/sync/items')).toBe(3);
      expect((await invokeOk(core, 'listInbox', { rows: 1 })).total).toBe(SEEDED + 2);
    } finally {
      await core.close();
      await proxy.close();
    }
  }, 60_000);

  it('falls back to GET /v1/workitems on an older platform that answers 404', async () => {
    const proxy = await startHttpProxy(new URL(platform.url), { olderPlatform: true });
    const dataDir = makeTempDir();
    dirs.push(dataDir);
    const core = await startCore(dataDir, proxy.url);
    try {
      await signInAndWaitOnline(core);
      expect(proxy.count('GET /v1/sync/items')).toBe(1);
      const total = (await invokeOk(core, 'listInbox', { rows: 1 })).total;
      expect(proxy.count('GET /v1/workitems')).toBe(Math.ceil(total / 500));
      // Everything alice may read: the seeded history and the tasks the other test created.
      expect(total).toBeGreaterThanOrEqual(SEEDED);
      const alice = new PlatformClient(platform.url);
      alice.setToken((await alice.login('alice', 'alice-pw')).token);
      expect(total).toBe((await alice.listWorkItems({ rows: 0 })).total);
    } finally {
      await core.close();
      await proxy.close();
    }
  }, 60_000);
});
