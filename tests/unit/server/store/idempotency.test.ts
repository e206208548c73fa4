/**
 * Idempotency-Key records expire (24 h, purged by the platform) and are capped per user (issue 11: one
 * user sending a fresh key with every POST must not fill the disk within the 24 hours).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../server/db/migrations/index';
import { IdempotencyStore } from '../../../../server/store/idempotency';

function setup(maxPerUser: number) {
  const db = new Database(':memory:');
  migrate(db);
  const store = new IdempotencyStore(db, maxPerUser);
  const count = (username: string) => (db.prepare(`SELECT count(*) AS n FROM idempotency WHERE username = ?`).get(username) as { n: number }).n;
  return { db, store, count };
}

describe('IdempotencyStore', () => {
  it('keeps at most about maxPerUser records per user: past a tenth more, the oldest go', () => {
    const { store, count } = setup(10);
    for (let i = 0; i < 11; i++) store.store('alice', `k${i}`, 'POST', '/v1/workitems', 201, `{"n":${i}}`, 1_000 + i);
    expect(count('alice')).toBe(11);
    store.store('alice', 'k11', 'POST', '/v1/workitems', 201, '{"n":11}', 1_011);
    expect(count('alice')).toBe(10);
    expect(store.find('alice', 'k0', 0)).toBeUndefined();
    expect(store.find('alice', 'k1', 0)).toBeUndefined();
    expect(store.find('alice', 'k2', 0)?.body).toBe('{"n":2}');
    expect(store.find('alice', 'k11', 0)?.body).toBe('{"n":11}');
    for (let i = 12; i < 500; i++) store.store('alice', `k${i}`, 'POST', '/v1/workitems', 201, '{}', 1_000 + i);
    expect(count('alice')).toBeLessThanOrEqual(11);
  });

  it('caps per user: another user’s records stay', () => {
    const { store, count } = setup(3);
    store.store('bob', 'b', 'POST', '/v1/workitems', 201, '{}', 1);
    for (let i = 0; i < 50; i++) store.store('alice', `k${i}`, 'POST', '/v1/workitems', 201, '{}', 10 + i);
    expect(count('bob')).toBe(1);
    expect(count('alice')).toBeLessThanOrEqual(4);
  });

  it('purges records older than the cutoff, and counts right after a purge', () => {
    const { store, count } = setup(5);
    for (let i = 0; i < 5; i++) store.store('alice', `old${i}`, 'POST', '/v1/workitems', 201, '{}', 100 + i);
    store.purgeBefore(200);
    expect(count('alice')).toBe(0);
    for (let i = 0; i < 6; i++) store.store('alice', `new${i}`, 'POST', '/v1/workitems', 201, '{}', 300 + i);
    expect(count('alice')).toBe(6);
    expect(store.find('alice', 'new0', 0)).toBeDefined();
  });
});
