import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../../../../main/core/cache/cache';
import { CACHE_MIGRATIONS } from '../../../../../main/core/cache/migrations';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { makeItem, tempDir } from '../fixtures';

const NOW = 1_700_100_000_000;
const DAY = 86_400_000;

describe('Cache', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
  });
  afterEach(() => {
    cache.close();
    tmp.remove();
  });

  it('opens in WAL mode with foreign keys on and synchronous NORMAL', () => {
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(cache.db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('applies items by version: an older version never overwrites a newer one', () => {
    const v1 = makeItem({ subject: 'first' });
    const v3 = { ...v1, subject: 'third', version: 3 };
    const v2 = { ...v1, subject: 'second', version: 2 };
    expect(cache.upsertItems([v1, v3])).toHaveLength(2);
    expect(cache.upsertItems([v2])).toHaveLength(0);
    expect(cache.getItem(v1.workitemId)?.subject).toBe('third');
    // the same version again (the platform's answer to an optimistic guess) replaces it
    expect(cache.upsertItem({ ...v3, subject: 'third, confirmed' })).toBe(true);
    expect(cache.getItem(v1.workitemId)?.subject).toBe('third, confirmed');
    // replaceItem (a rollback) ignores versions
    cache.replaceItem(v1);
    expect(cache.getItem(v1.workitemId)?.version).toBe(1);
  });

  it('lists the inbox with the query language, sort and paging', () => {
    cache.upsertItems([
      makeItem({ workitemId: 'wi_a', priority: 5, state: 'active', createdAt: 3 }),
      makeItem({ workitemId: 'wi_b', priority: 1, state: 'active', createdAt: 2 }),
      makeItem({ workitemId: 'wi_c', priority: 5, state: 'active', createdAt: 1 }),
      makeItem({ workitemId: 'wi_d', priority: 1, state: 'inqueue', createdAt: 4 }),
    ]);
    const page = cache.listInbox({ q: 'state:active', rows: 2, start: 0 }, NOW);
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.workitemId)).toEqual(['wi_b', 'wi_c']);
    const next = cache.listInbox({ q: 'state:active', rows: 2, start: 2 }, NOW);
    expect(next.items.map((i) => i.workitemId)).toEqual(['wi_a']);
    const sorted = cache.listInbox({ sort: 'createdAt desc', rows: 10, start: 0 }, NOW);
    expect(sorted.items.map((i) => i.workitemId)).toEqual(['wi_d', 'wi_a', 'wi_b', 'wi_c']);
  });

  it('reports a malformed query as VALIDATION_FAILED', () => {
    expect(() => cache.listInbox({ q: 'state:(', rows: 5, start: 0 }, NOW)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('searches subject, description, contact name, phone and email by word prefix', () => {
    cache.upsertItems([
      makeItem({ workitemId: 'wi_subject', subject: 'Refund for order 1234' }),
      makeItem({ workitemId: 'wi_desc', description: 'Customer wants a réfund' }),
      makeItem({ workitemId: 'wi_name', contact: { name: 'Alice Smith', phone: null, email: null } }),
      makeItem({ workitemId: 'wi_phone', contact: { name: null, phone: '+15551234567', email: null } }),
      makeItem({ workitemId: 'wi_email', contact: { name: null, phone: null, email: 'bob@example.org' } }),
    ]);
    const ids = (text: string) => cache.listInbox({ text, rows: 50, start: 0 }, NOW).items.map((i) => i.workitemId).sort();
    expect(ids('refund')).toEqual(['wi_desc', 'wi_subject']);
    expect(ids('ali smi')).toEqual(['wi_name']);
    expect(ids('1555123')).toEqual(['wi_phone']);
    expect(ids('bob@example')).toEqual(['wi_email']);
    expect(ids('"unbalanced OR')).toEqual([]); // FTS syntax typed by the agent is just text
    cache.upsertItem({ ...cache.getItem('wi_desc')!, state: 'active', version: 2 });
    expect(cache.listInbox({ text: 'refund', q: 'state:inqueue', rows: 50, start: 0 }, NOW).items.map((i) => i.workitemId)).toEqual(['wi_subject']);
  });

  it('keeps the full-text index in step with updates and deletes', () => {
    const item = makeItem({ workitemId: 'wi_x', subject: 'printer jam' });
    cache.upsertItem(item);
    cache.upsertItem({ ...item, subject: 'scanner broken', version: 2 });
    expect(cache.listInbox({ text: 'printer', rows: 5, start: 0 }, NOW).total).toBe(0);
    expect(cache.listInbox({ text: 'scanner', rows: 5, start: 0 }, NOW).total).toBe(1);
    cache.removeItems(['wi_x']);
    expect(cache.listInbox({ text: 'scanner', rows: 5, start: 0 }, NOW).total).toBe(0);
    expect(cache.db.prepare("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)").run()).toBeTruthy();
  });

  it('prunes final items older than the history window and keeps the rest', () => {
    cache.upsertItems([
      makeItem({ workitemId: 'wi_old_done', state: 'dispositioned', dispositionedAt: NOW - 20 * DAY }),
      makeItem({ workitemId: 'wi_new_done', state: 'dispositioned', dispositionedAt: NOW - 2 * DAY }),
      makeItem({ workitemId: 'wi_old_open', state: 'active', createdAt: NOW - 40 * DAY }),
      makeItem({ workitemId: 'wi_old_closed', state: 'closed', terminatedAt: NOW - 30 * DAY }),
    ]);
    expect(cache.pruneHistory(NOW, 14).sort()).toEqual(['wi_old_closed', 'wi_old_done']);
    expect(cache.countItems()).toBe(2);
  });

  it('lists the Outbound section: callbacks and outbound items offered to the agent', () => {
    cache.upsertItems([
      makeItem({ workitemId: 'wi_cb', type: 'callback', state: 'offered', agentUsername: 'alice' }),
      makeItem({ workitemId: 'wi_cb_other', type: 'callback', state: 'offered', agentUsername: 'bob' }),
      makeItem({ workitemId: 'wi_task', type: 'task', state: 'offered', agentUsername: 'alice' }),
    ]);
    expect(cache.listOutbound('alice').map((i) => i.workitemId)).toEqual(['wi_cb']);
  });

  it('stores settings as JSON and the sync position', () => {
    cache.setSetting('ringer', { device: 'speaker', volume: 0.5 });
    cache.setSetting('compact', true);
    expect(cache.getSettings()).toEqual({ ringer: { device: 'speaker', volume: 0.5 }, compact: true });
    cache.resetForUser('alice http://p');
    cache.setLastSeq(42);
    expect(cache.getSyncState()).toEqual({ username: 'alice http://p', lastSeq: 42, snapshotAt: null });
  });

  it('keeps the rowid-linked FTS working after VACUUM (explicit rowKey)', () => {
    cache.upsertItems([makeItem({ workitemId: 'wi_v1', subject: 'alpha' }), makeItem({ workitemId: 'wi_v2', subject: 'beta' })]);
    cache.removeItems(['wi_v1']);
    cache.db.exec('VACUUM');
    expect(cache.listInbox({ text: 'beta', rows: 5, start: 0 }, NOW).items.map((i) => i.workitemId)).toEqual(['wi_v2']);
    expect(new Database(`${tmp.dir}/cache.db`, { readonly: true }).pragma('user_version', { simple: true })).toBe(CACHE_MIGRATIONS.length);
  });
});

describe('item rows', () => {
  it('give one value per column, in column order', async () => {
    const { ITEM_COLUMNS, itemToValues } = await import('../../../../../main/core/cache/item-row');
    const { newWorkItem } = await import('../../../../../common/lifecycle');
    const item = newWorkItem({ workitemId: 'wi_row', type: 'chat', createdAt: 1, createdBy: 'system', subject: 'S', contact: { name: 'N', phone: 'P', email: 'E' } });
    const values = itemToValues(item);
    expect(values).toHaveLength(ITEM_COLUMNS.length);
    const row = Object.fromEntries(ITEM_COLUMNS.map((column, i) => [column, values[i]]));
    expect(row).toMatchObject({ workitemId: 'wi_row', type: 'chat', subject: 'S', contactName: 'N', contactPhone: 'P', contactEmail: 'E', createdAt: 1, version: 1 });
    expect(JSON.parse(row.data as string).workitemId).toBe('wi_row');
  });
});
