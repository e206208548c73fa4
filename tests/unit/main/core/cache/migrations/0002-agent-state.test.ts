import { describe, expect, it } from 'vitest';
import { cacheAtVersion, migrateToLatest } from './migrations.helpers';

describe('cache migration 0002 (agent state)', () => {
  it('adds queues, dispositions, presence, settings and sync state, keeping existing items', () => {
    const db = cacheAtVersion(1);
    db.prepare(
      `INSERT INTO items (workitemId, type, channelType, direction, mode, state, priority, createdAt, version, data, subject)
       VALUES ('wi_kept', 'task', 'email', 'INBOUND', 'QUEUE', 'inqueue', 5, 1, 1, '{}', 'survives')`,
    ).run();
    migrateToLatest(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare('SELECT workitemId FROM items').pluck().all()).toEqual(['wi_kept']);
    expect(db.prepare('SELECT username, lastSeq, snapshotAt FROM sync_state').get()).toEqual({ username: null, lastSeq: null, snapshotAt: null });
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run();
    db.prepare("INSERT INTO queues (queueId, data, updatedAt) VALUES ('support', '{}', 1)").run();
  });
});
