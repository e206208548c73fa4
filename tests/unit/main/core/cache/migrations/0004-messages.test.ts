import { describe, expect, it } from 'vitest';
import { cacheAtVersion, migrateToLatest } from './migrations.helpers';

describe('cache migration 0004 (messages)', () => {
  it('adds a messages table read by conversation, keeping existing items and sync state', () => {
    const db = cacheAtVersion(3);
    db.prepare(
      `INSERT INTO items (workitemId, type, channelType, direction, mode, state, priority, createdAt, version, data, conversationId)
       VALUES ('wi_chat', 'chat', 'chat', 'INBOUND', 'QUEUE', 'active', 5, 1, 1, '{}', 'conv_1')`,
    ).run();
    db.prepare('UPDATE sync_state SET lastSeq = 42 WHERE id = 1').run();
    expect(migrateToLatest(db)).toBeGreaterThanOrEqual(4);
    expect(db.prepare('SELECT workitemId FROM items').pluck().all()).toEqual(['wi_chat']);
    expect(db.prepare('SELECT lastSeq FROM sync_state').pluck().get()).toBe(42);

    const insert = db.prepare('INSERT INTO messages (messageId, conversation, at, pending, data) VALUES (?, ?, ?, ?, ?)');
    insert.run('msg_2', 'conv_1', 20, 0, '{"text":"second"}');
    insert.run('msg_1', 'conv_1', 10, 0, '{"text":"first"}');
    expect(() => insert.run('msg_1', 'conv_1', 10, 0, '{}')).toThrow(/UNIQUE/);
    expect(db.prepare("SELECT messageId FROM messages WHERE conversation = 'conv_1' ORDER BY at").pluck().all()).toEqual(['msg_1', 'msg_2']);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT data FROM messages WHERE conversation = 'conv_1' ORDER BY at").all() as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toContain('messages_by_conversation');
  });
});
