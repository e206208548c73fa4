import { describe, expect, it } from 'vitest';
import { databaseAt, insertItem } from './helpers';
import { migrate, schemaVersion } from '../../../../../server/db/migrations/index';

describe('migration 001: work items, events, auth', () => {
  it('creates the tables from an empty database and records version 1', () => {
    const db = databaseAt(0);
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    insertItem(db, 'wi_a');
    db.prepare(`INSERT INTO event_seq (tenant, lastSeq) VALUES ('default', 0)`).run();
    db.prepare(`INSERT INTO events (tenant, seq, type, at, audience, body) VALUES ('default', 1, 'workitem.created', 1, 'agent:alice', '{}')`).run();
    db.prepare(`INSERT INTO agents (username, presence, since, idleSince) VALUES ('alice', 'offline', 1, 1)`).run();
    db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES ('h', 'alice', 1, 2)`).run();
    db.prepare(`INSERT INTO idempotency (username, key, method, path, status, body, createdAt) VALUES ('alice', 'k', 'POST', '/v1/x', 201, '{}', 1)`).run();
    expect(db.prepare(`SELECT state, queueId FROM items WHERE workitemId = 'wi_a'`).get()).toEqual({ state: 'inqueue', queueId: 'support' });
    // the event key is (tenant, seq): a seq is never stored twice
    expect(() => db.prepare(`INSERT INTO events (tenant, seq, type, at, audience, body) VALUES ('default', 1, 'x', 1, '', '{}')`).run()).toThrow(/UNIQUE/);
  });

  it('has a column for every query field', () => {
    const db = databaseAt(1);
    const columns = (db.prepare(`PRAGMA table_info(items)`).all() as { name: string }[]).map((c) => c.name);
    for (const field of ['workitemId', 'type', 'channelType', 'channel', 'direction', 'mode', 'subType', 'state', 'reasonCode', 'status', 'priority', 'queueId', 'agentUsername', 'team', 'subject', 'description', 'contactName', 'contactPhone', 'contactEmail', 'dueAt', 'createdAt', 'offeredAt', 'assignedAt', 'terminatedAt', 'dispositionedAt', 'conversationId', 'version', 'data']) {
      expect(columns).toContain(field);
    }
  });
});
