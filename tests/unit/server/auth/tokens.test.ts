import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../../server/auth/rate-limit';
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

describe('LoginRateLimiter', () => {
  it('limits after maxFailures in the window and forgets after it', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(3, 10_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('k')).toBe(0);
      limiter.fail('k');
    }
    expect(limiter.retryAfterSeconds('k')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('other')).toBe(0);
    now = 10_001;
    expect(limiter.retryAfterSeconds('k')).toBe(0);
  });
});
