import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TokenStore } from '../../../../server/auth/tokens';
import { migrate } from '../../../../server/db/migrations/index';

describe('TokenStore', () => {
  it('stores only a hash, verifies until expiry, and survives a new store on the same database', () => {
    const db = new Database(':memory:');
    migrate(db);
    let now = 1_000;
    const store = new TokenStore(db, 60_000, () => now);
    const { token } = store.issue('alice');
    expect(JSON.stringify(db.prepare('SELECT * FROM tokens').all())).not.toContain(token);
    expect(store.verify(token)?.username).toBe('alice');
    expect(new TokenStore(db, 60_000, () => now).verify(token)?.username).toBe('alice');
    expect(store.verify(token + 'x')).toBeUndefined();
    now += 60_001;
    expect(store.verify(token)).toBeUndefined();
  });
});

describe('TokenStore memory of verified tokens', () => {
  function setup(memorySize?: number) {
    const db = new Database(':memory:');
    migrate(db);
    const clock = { now: 1_000 };
    const store = new TokenStore(db, 60_000, () => clock.now, memorySize);
    return { db, clock, store };
  }

  it('answers a remembered token without SQLite, and refuses it the moment it expires', () => {
    const { db, clock, store } = setup();
    const { token, expiresAt } = store.issue('alice');
    // Deleting the row behind the store's back shows the answer comes from memory...
    db.prepare('DELETE FROM tokens').run();
    expect(store.verify(token)).toEqual({ username: 'alice', expiresAt });
    // ...and memory still honours the expiry, to the millisecond.
    clock.now = expiresAt - 1;
    expect(store.verify(token)?.username).toBe('alice');
    clock.now = expiresAt;
    expect(store.verify(token)).toBeUndefined();
    expect(store.remembered).toBe(0);
  });

  it('refuses a revoked token at once, remembered or not', () => {
    const { db, store } = setup();
    const a = store.issue('alice').token;
    const b = store.issue('alice').token;
    expect(store.verify(a)?.username).toBe('alice');
    expect(store.revoke(a)).toBe(true);
    expect(store.verify(a)).toBeUndefined();
    expect(store.verify(b)?.username).toBe('alice');
    expect(store.revoke(a)).toBe(false);
    // A fresh store on the same database (a restart) does not know it either.
    expect(new TokenStore(db, 60_000, () => 1_000).verify(a)).toBeUndefined();
  });

  it('revokes every token of one user, and only theirs', () => {
    const { store } = setup();
    const alice1 = store.issue('alice').token;
    const alice2 = store.issue('alice').token;
    const bob = store.issue('bob').token;
    for (const t of [alice1, alice2, bob]) expect(store.verify(t)).toBeDefined();
    expect(store.revokeUser('alice')).toBe(2);
    expect(store.verify(alice1)).toBeUndefined();
    expect(store.verify(alice2)).toBeUndefined();
    expect(store.verify(bob)?.username).toBe('bob');
  });

  it('is bounded: the least recently used token leaves memory first and is then read from SQLite again', () => {
    const { db, store } = setup(2);
    const a = store.issue('alice').token;
    const b = store.issue('bob').token;
    expect(store.verify(a)?.username).toBe('alice'); // a is now the most recent
    const c = store.issue('carol').token; // evicts b
    expect(store.remembered).toBe(2);
    db.prepare('DELETE FROM tokens WHERE username = ?').run('alice');
    db.prepare('DELETE FROM tokens WHERE username = ?').run('carol');
    expect(store.verify(a)?.username).toBe('alice'); // from memory
    expect(store.verify(c)?.username).toBe('carol'); // from memory
    expect(store.verify(b)?.username).toBe('bob'); // from SQLite
    expect(store.remembered).toBe(2);
  });

  it('does not remember unknown, expired or oversized tokens', () => {
    const { db, clock, store } = setup();
    expect(store.verify('nope')).toBeUndefined();
    expect(store.verify('x'.repeat(201))).toBeUndefined();
    expect(store.verify('')).toBeUndefined();
    const { token } = store.issue('alice');
    const fresh = new TokenStore(db, 60_000, () => clock.now);
    clock.now += 60_000;
    expect(fresh.verify(token)).toBeUndefined();
    expect(fresh.remembered).toBe(0);
  });

  it('purgeExpired clears expired tokens from memory and SQLite', () => {
    const { db, clock, store } = setup();
    store.issue('alice');
    clock.now += 30_000;
    const late = store.issue('bob').token;
    clock.now += 30_000;
    store.purgeExpired();
    expect(store.remembered).toBe(1);
    expect(db.prepare('SELECT username FROM tokens').all()).toEqual([{ username: 'bob' }]);
    expect(store.verify(late)?.username).toBe('bob');
  });
});

describe('TokenStore per-user cap (issue 11: each login added a row forever)', () => {
  it('keeps at most maxPerUser live tokens per user: a new login revokes that user’s oldest, in memory and in SQLite', () => {
    const db = new Database(':memory:');
    migrate(db);
    const clock = { now: 1_000 };
    const store = new TokenStore(db, 60_000, () => clock.now, undefined, 3);
    const revoked: unknown[] = [];
    store.onRevoke((r) => revoked.push(r));
    const alice = [store.issue('alice').token, store.issue('alice').token, store.issue('alice').token];
    const bob = store.issue('bob').token;
    expect(revoked).toEqual([]);
    const fourth = store.issue('alice').token; // same millisecond as the others: creation order still decides
    expect(store.verify(alice[0]!)).toBeUndefined();
    for (const t of [alice[1]!, alice[2]!, fourth, bob]) expect(store.verify(t)).toBeDefined();
    expect(db.prepare(`SELECT count(*) AS n FROM tokens WHERE username = 'alice'`).get()).toEqual({ n: 3 });
    expect(revoked).toEqual([{ username: 'alice', some: true }]);
    // a restart (a fresh store on the same database) agrees
    expect(new TokenStore(db, 60_000, () => clock.now).verify(alice[0]!)).toBeUndefined();
    for (let i = 0; i < 50; i++) store.issue('alice');
    expect(db.prepare(`SELECT count(*) AS n FROM tokens`).get()).toEqual({ n: 4 });
  });
});
