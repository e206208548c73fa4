import { describe, expect, it } from 'vitest';
import { cacheAtVersion } from './migrations.helpers';
import { migrate } from '../../../../../../main/core/sqlite/migrate';
import { migration0001 } from '../../../../../../main/core/cache/migrations/0001-items';

describe('cache migration 0001 (items)', () => {
  it('creates items with the query columns and an FTS index kept by triggers', () => {
    const db = cacheAtVersion(0);
    expect(migrate(db, [migration0001])).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(items)').all() as { name: string }[]).map((c) => c.name);
    for (const name of ['workitemId', 'state', 'contactPhone', 'dispositionedAt', 'version', 'data']) expect(columns).toContain(name);
    db.prepare(
      `INSERT INTO items (workitemId, type, channelType, direction, mode, state, priority, createdAt, version, data, subject)
       VALUES ('wi_1', 'task', 'email', 'INBOUND', 'QUEUE', 'inqueue', 5, 1, 1, '{}', 'hello world')`,
    ).run();
    expect(db.prepare("SELECT rowid FROM items_fts WHERE items_fts MATCH 'hello'").all()).toHaveLength(1);
  });
});
