import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../server/db/migrations/index';
import { databaseAt, insertItem } from './helpers';

describe('migration 002: messages and notes', () => {
  it('keeps existing items, gives them unread 0, and links messages and notes to items', () => {
    const db = databaseAt(1);
    insertItem(db, 'wi_old', { state: 'active', agentUsername: 'alice' });
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare(`SELECT state, agentUsername, unread FROM items WHERE workitemId = 'wi_old'`).get()).toEqual({ state: 'active', agentUsername: 'alice', unread: 0 });
    db.prepare(`INSERT INTO messages (messageId, conversation, workitemId, fromSide, author, text, at) VALUES ('m1', 'c1', 'wi_old', 'customer', 'Cu', 'hi', 5)`).run();
    db.prepare(`INSERT INTO notes (noteId, workitemId, author, text, at) VALUES ('n1', 'wi_old', 'alice', 'note', 6)`).run();
    expect(() => db.prepare(`INSERT INTO messages (messageId, conversation, workitemId, fromSide, author, text, at) VALUES ('m2', 'c1', 'wi_missing', 'agent', 'a', 't', 7)`).run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO messages (messageId, conversation, workitemId, fromSide, author, text, at) VALUES ('m3', 'c1', 'wi_old', 'bot', 'a', 't', 7)`).run()).toThrow(/CHECK/);
  });
});
