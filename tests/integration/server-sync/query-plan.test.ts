/**
 * GET /v1/sync/items stays O(page) only while SQLite walks the primary-key index from the cursor: this
 * keeps that true for every kind of principal, with statistics gathered, whatever other indexes the items
 * table grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticItems } from '../../../bench/synthetic-items';
import { closeDatabase, openDatabase, type Db } from '../../../server/db/database';
import { principalOf } from '../../../server/auth/principal';
import { parseConfig } from '../../../server/config';
import { readableFilter } from '../../../server/service/access';
import { ItemStore, NO_ROUTE, snapshotPageSql } from '../../../server/store/items';

describe('snapshot page query plan', () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sb-sync-plan-'));
    db = openDatabase(dir);
    const store = new ItemStore(db, 'default');
    db.transaction(() => {
      for (const item of syntheticItems(2_000)) store.insert({ item, route: NO_ROUTE, parentId: null, campaignId: null, archived: false });
    })();
    db.exec('ANALYZE');
  });
  afterAll(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () => parseConfig(
    {
      listen: { host: '127.0.0.1', port: 0 },
      dataDir: '.',
      agents: [
        { username: 'alice', password: 'alice-pw', queues: ['support', 'sales'], teams: ['billing'] },
        { username: 'solo', password: 'solo-pw', queues: [] },
        { username: 'sup', password: 'sup-pw', queues: [], scopes: ['workitems:read', 'workitems:admin'] },
      ],
      queues: [{ id: 'support', name: 'Support' }, { id: 'sales', name: 'Sales' }],
    },
    tmpdir(),
  );

  it.each(['alice', 'solo', 'sup'])('reads the page for %s straight off the primary key, with no sort', (username) => {
    const visible = readableFilter(principalOf(config().agents.find((a) => a.username === username)!));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${snapshotPageSql(visible.sql)}`).all('default', 'wi_', ...visible.params, 100) as { detail: string }[];
    const details = plan.map((row) => row.detail);
    expect(details.join(' | ')).toMatch(/^SEARCH items USING INDEX sqlite_autoindex_items_1 \(workitemId>\?\)$/);
  });
});
