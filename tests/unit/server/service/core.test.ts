import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { principalOf, type Principal } from '../../../../server/auth/principal';
import { parseConfig } from '../../../../server/config';
import { closeDatabase, openDatabase, type Db } from '../../../../server/db/database';
import { Core } from '../../../../server/service/core';
import { Router } from '../../../../server/service/router';
import { WorkItemService } from '../../../../server/service/workitems';

interface Harness {
  db: Db;
  core: Core;
  router: Router;
  workitems: WorkItemService;
  principal(username: string): Principal;
  /** every published event body, per subscriber username */
  heard: Map<string, Array<{ seq: number; type: string; workitem?: { workitemId: string; state: string } }>>;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (open.length) await open.pop()!();
});

async function harness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-core-'));
  const config = parseConfig(
    {
      listen: { host: '127.0.0.1', port: 0 },
      dataDir: dir,
      agents: [
        { username: 'sup', password: 'x', scopes: ['workitems:read', 'workitems:write', 'workitems:admin'] },
        { username: 'alice', password: 'x', queues: ['support'] },
        { username: 'bridge', password: 'x', channel: true },
      ],
      queues: [{ id: 'support' }],
    },
    dir,
  );
  const db = openDatabase(dir);
  let router!: Router;
  const core = new Core(db, config, Date.now, pino({ level: 'silent' }), (due) => router.onDeadlines(due));
  router = new Router(core);
  const workitems = new WorkItemService(core, router);
  core.rebuildMemory();
  const principals = new Map(config.agents.map((a) => [a.username, principalOf(a)]));
  const heard: Harness['heard'] = new Map();
  for (const username of ['alice', 'bridge']) {
    const list: Harness['heard'] extends Map<string, infer L> ? L : never = [];
    heard.set(username, list);
    core.hub.subscribe({ principal: principals.get(username)!, send: (event) => list.push(JSON.parse(event.body)) });
  }
  open.push(async () => {
    router.stop();
    core.scheduler.stop();
    core.commitNow();
    closeDatabase(db);
    await rm(dir, { recursive: true, force: true });
  });
  return { db, core, router, workitems, principal: (u) => principals.get(u)!, heard };
}

describe('Core', () => {
  it('offers in the same commit as the creation that made it possible, one message per offer to the agent', async () => {
    const h = await harness();
    h.core.tx(() => h.core.setPresence('alice', 'available', null));
    await h.core.committed();
    const item = h.core.tx(() => h.workitems.create(h.principal('sup'), { type: 'chat', queueId: 'support' } as never));
    await h.core.committed();
    const row = h.db.prepare('SELECT state, agentUsername FROM items WHERE workitemId = ?').get(item.workitemId);
    expect(row).toEqual({ state: 'offered', agentUsername: 'alice' });
    const alice = h.heard.get('alice')!.filter((e) => e.workitem?.workitemId === item.workitemId);
    expect(alice.map((e) => [e.type, e.workitem?.state])).toEqual([['workitem.offered', 'offered']]);
    // The rest of the item's audience (channel accounts see chats) still hears of the change.
    const bridge = h.heard.get('bridge')!.filter((e) => e.workitem?.workitemId === item.workitemId);
    expect(bridge.map((e) => [e.type, e.workitem?.state])).toEqual([
      ['workitem.created', 'inqueue'],
      ['workitem.updated', 'offered'],
    ]);
  });

  it('rolls a failing change back alone: rows, remembered items and seq as if it never ran', async () => {
    const h = await harness();
    const sup = h.principal('sup');
    const item = h.core.tx(() => h.workitems.create(sup, { type: 'task', queueId: 'support' } as never));
    await h.core.committed();
    const seqBefore = h.core.committedSeq;
    h.core.tx(() => h.workitems.create(sup, { type: 'task', queueId: 'support' } as never));
    expect(() =>
      h.core.tx(() => {
        h.workitems.setStatus(sup, item.workitemId, 'in_progress');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    const after = h.core.tx(() => h.workitems.create(sup, { type: 'task', queueId: 'support' } as never));
    await h.core.committed();
    expect(h.core.load(item.workitemId).item).toEqual(item);
    const seqs = (h.db.prepare('SELECT seq FROM events WHERE seq > ? ORDER BY seq').all(seqBefore) as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual([seqBefore + 1, seqBefore + 2]);
    expect(h.db.prepare('SELECT lastSeq FROM event_seq').get()).toEqual({ lastSeq: seqBefore + 2 });
    expect(h.core.committedSeq).toBe(seqBefore + 2);
    expect(h.core.load(after.workitemId).item.state).toBe('inqueue');
  });
});
