import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newWorkItem, transition } from '../../../../common/lifecycle';
import type { WorkItem } from '../../../../common/workitem';
import { migrate } from '../../../../server/db/migrations/index';
import { ItemStore, NO_ROUTE, type StoredItem } from '../../../../server/store/items';

function freshStore() {
  const db = new Database(':memory:');
  migrate(db);
  return { db, store: new ItemStore(db, 'default') };
}

function chat(id: string): StoredItem {
  const item = newWorkItem({ workitemId: id, type: 'chat', createdAt: 1_000, createdBy: 'creator', queueId: 'support', conversationId: `conv_${id}`, unread: 0 });
  return { item, route: { ...NO_ROUTE, pool: 'queue:support', orderAt: 1_000, deadlineAt: 9_000 }, parentId: null, campaignId: null, archived: false };
}

function step(item: WorkItem, event: Parameters<typeof transition>[1], now: number): WorkItem {
  const result = transition(item, event, now);
  if (!result.ok) throw new Error(result.error.message);
  return result.item;
}

/** The row's queryable columns as they are in the database, next to what the item says. */
function columns(db: Database.Database, id: string) {
  return db.prepare(`SELECT state, agentUsername, offeredAt, assignedAt, version, routePool, routeDeadlineAt, data, queueId, conversationId, createdAt FROM items WHERE workitemId = ?`).get(id);
}

describe('ItemStore', () => {
  it('keeps every column in step with the item through changes that touch different columns', () => {
    const { db, store } = freshStore();
    const created = chat('wi_a');
    store.insert(created);
    const offered: StoredItem = { ...created, item: step(created.item, { type: 'offer', by: 'system', agentUsername: 'alice', expiresAt: 5_000 }, 2_000) };
    store.update(offered);
    const accepted: StoredItem = { ...offered, item: step(offered.item, { type: 'accept', by: 'alice' }, 3_000), route: NO_ROUTE };
    const json = store.update(accepted);
    expect(columns(db, 'wi_a')).toEqual({
      state: 'active', agentUsername: 'alice', offeredAt: 2_000, assignedAt: 3_000, version: accepted.item.version, routePool: null, routeDeadlineAt: null,
      data: json, queueId: 'support', conversationId: 'conv_wi_a', createdAt: 1_000,
    });
    expect(JSON.parse(json)).toEqual(accepted.item);
  });

  it('answers reads of live items from memory and reads the row again after clearCache', () => {
    const { db, store } = freshStore();
    const created = chat('wi_b');
    store.insert(created);
    expect(store.get('wi_b')).toBe(created);
    expect(store.jsonOf(created.item)).toBe(JSON.stringify(created.item));
    // Something outside the store's knowledge (a rolled-back savepoint, say): after clearCache the row rules.
    db.prepare(`UPDATE items SET data = json_set(data, '$.subject', 'changed') WHERE workitemId = 'wi_b'`).run();
    expect(store.get('wi_b')?.item.subject).toBeNull();
    store.clearCache();
    const reread = store.get('wi_b')!;
    expect(reread).not.toBe(created);
    expect(reread.item.subject).toBe('changed');
    // An update diffs against the row as read: the column written by hand stays, the change lands.
    const offered: StoredItem = { ...reread, item: step(reread.item, { type: 'offer', by: 'system', agentUsername: 'bob', expiresAt: 5_000 }, 2_000) };
    store.update(offered);
    expect(columns(db, 'wi_b')).toMatchObject({ state: 'offered', agentUsername: 'bob' });
    expect(JSON.parse((columns(db, 'wi_b') as { data: string }).data).subject).toBe('changed');
  });

  it('updates an item it has not seen (nothing remembered) with every column', () => {
    const { db } = freshStore();
    const writer = new ItemStore(db, 'default');
    const created = chat('wi_c');
    writer.insert(created);
    const other = new ItemStore(db, 'default');
    const closed: StoredItem = { ...created, item: step(created.item, { type: 'close', by: 'system', reasonCode: 'ARCHIVED' }, 2_000), archived: true };
    other.update(closed);
    expect(columns(db, 'wi_c')).toMatchObject({ state: 'closed', version: closed.item.version });
    expect(other.jsonOf(closed.item)).toBeUndefined();
  });

  it('forgets items that are settled (final or archived)', () => {
    const { store } = freshStore();
    const created = chat('wi_d');
    store.insert(created);
    const closed: StoredItem = { ...created, item: step(created.item, { type: 'close', by: 'system', reasonCode: 'ARCHIVED' }, 2_000) };
    store.update(closed);
    const read = store.get('wi_d')!;
    expect(read).not.toBe(closed);
    expect(read.item).toEqual(closed.item);
  });
});
