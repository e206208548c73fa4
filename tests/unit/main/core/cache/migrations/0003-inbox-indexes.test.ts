import { describe, expect, it } from 'vitest';
import { cacheAtVersion, migrateToLatest } from './migrations.helpers';

describe('cache migration 0003 (inbox indexes)', () => {
  it('indexes the default sort and common filters over existing rows', () => {
    const db = cacheAtVersion(2);
    const insert = db.prepare(
      `INSERT INTO items (workitemId, type, channelType, direction, mode, state, priority, createdAt, version, data)
       VALUES (?, 'task', 'email', 'INBOUND', 'QUEUE', ?, ?, ?, 1, '{}')`,
    );
    for (let i = 0; i < 50; i++) insert.run(`wi_${i}`, i % 2 ? 'active' : 'inqueue', [1, 2, 3, 5, 8][i % 5], i);
    expect(migrateToLatest(db)).toBeGreaterThanOrEqual(3);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    const sorted = plan('SELECT data FROM items ORDER BY priority, createdAt, workitemId LIMIT 50');
    expect(sorted).toContain('items_by_priority');
    expect(sorted).not.toContain('TEMP B-TREE');
    const filtered = plan("SELECT data FROM items WHERE state = 'active' ORDER BY priority, createdAt, workitemId LIMIT 50");
    expect(filtered).toContain('items_by_state');
    expect(filtered).not.toContain('TEMP B-TREE');
    expect(db.prepare("SELECT count(*) FROM items WHERE state = 'active'").pluck().get()).toBe(25);
  });
});
