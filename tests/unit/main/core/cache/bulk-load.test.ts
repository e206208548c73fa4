/**
 * Bulk mode for big snapshots: the inbox indexes are dropped and the full-text triggers stand aside while
 * pages stream in, then both are built in one pass; a crash in between is repaired on open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../../../../main/core/cache/cache';
import { INBOX_INDEXES } from '../../../../../main/core/cache/inbox-indexes';
import { readCachedItem } from '../../../../../main/core/cache/item-row';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { makeItem, tempDir } from '../fixtures';

const NOW = 1_700_100_000_000;

describe('Cache bulk load', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  const indexSql = () =>
    Object.fromEntries(
      (cache.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'items_by_%'").all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]),
    );

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
  });
  afterEach(() => {
    cache.close();
    tmp.remove();
  });

  it('knows the inbox indexes exactly as migration 0003 creates them', () => {
    expect(indexSql()).toEqual(Object.fromEntries(INBOX_INDEXES.map((i) => [i.name, i.sql])));
  });

  it('drops the inbox indexes while loading and builds them and the full-text index after', () => {
    const before = indexSql();
    cache.beginBulkLoad();
    expect(indexSql()).toEqual({});
    const items = [makeItem({ subject: 'Refund for Dana' }), makeItem({ subject: 'Router setup' })];
    cache.upsertSnapshotItems(items.map((item) => ({ item, data: JSON.stringify(item) })));
    // Still readable meanwhile (scans instead of indexes).
    expect(cache.listInbox({ rows: 10, start: 0 }, NOW).total).toBe(2);
    cache.endBulkLoad();
    expect(indexSql()).toEqual(before);
    expect(cache.listInbox({ rows: 10, start: 0, text: 'refund' }, NOW).items.map((i) => i.workitemId)).toEqual([items[0].workitemId]);
    expect(cache.db.prepare('SELECT deferred FROM fts_control').pluck().get()).toBe(0);
  });

  it('repairs an interrupted bulk load on open: indexes and full-text search are back', () => {
    cache.beginBulkLoad();
    const item = makeItem({ subject: 'Warranty claim' });
    cache.upsertSnapshotItems([{ item, data: JSON.stringify(item) }]);
    cache.close();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    expect(cache.repairDeferredFts()).toBe(true);
    expect(Object.keys(indexSql()).sort()).toEqual(INBOX_INDEXES.map((i) => i.name).sort());
    expect(cache.listInbox({ rows: 10, start: 0, text: 'warranty' }, NOW).total).toBe(1);
  });

  it('stores the platform’s text as it came and validates it fully when read: an invalid item reads as absent', () => {
    const good = makeItem({ subject: 'fine' });
    const bad = makeItem({ subject: 'actions missing' });
    const badText = JSON.stringify({ ...bad, actions: undefined, timeEvents: 'nope' });
    cache.upsertSnapshotItems([
      { item: good, data: JSON.stringify(good) },
      { item: bad, data: badText },
    ]);
    expect(cache.db.prepare('SELECT data FROM items WHERE workitemId = ?').pluck().get(bad.workitemId)).toBe(badText);
    expect(cache.getItem(good.workitemId)).toEqual(good);
    expect(cache.getItem(bad.workitemId)).toBeNull();
    expect(cache.listInbox({ rows: 10, start: 0 }, NOW).items.map((i) => i.workitemId)).toEqual([good.workitemId]);
    expect(readCachedItem('not json')).toBeNull();
  });

  it('rolls a page back when reading one of its entries fails, and reports ids and changes of a good one', () => {
    const first = makeItem({ subject: 'first' });
    function* failing() {
      yield { item: first, data: JSON.stringify(first) };
      throw new Error('bad item 1');
    }
    expect(() => cache.upsertSnapshotItems(failing())).toThrow('bad item 1');
    expect(cache.countItems()).toBe(0);
    const items = [first, makeItem(), makeItem()];
    const applied = cache.upsertSnapshotItems(items.map((item) => ({ item, data: JSON.stringify(item) })), 2);
    expect(applied).toEqual({ ids: items.map((i) => i.workitemId), changed: items.slice(0, 2), changedCount: 3 });
    expect(cache.upsertSnapshotItems([{ item: first, data: JSON.stringify(first) }]).changedCount).toBe(0);
  });
});
