/**
 * Bearer tokens: 32 random bytes, handed out once; only their SHA-256 is stored (with the expiry), so a
 * copy of the database grants nothing, and tokens survive a restart.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

export interface TokenInfo {
  username: string;
  expiresAt: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class TokenStore {
  private readonly insert;
  private readonly lookup;
  private readonly purge;
  /** verified tokens, so a busy desktop does not hit SQLite per request */
  private readonly cache = new Map<string, TokenInfo>();

  constructor(
    db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES (?, ?, ?, ?)`);
    this.lookup = db.prepare<[string], TokenInfo>(`SELECT username, expiresAt FROM tokens WHERE tokenHash = ?`);
    this.purge = db.prepare(`DELETE FROM tokens WHERE expiresAt <= ?`);
  }

  issue(username: string): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.insert.run(digest(token), username, now, expiresAt);
    return { token, expiresAt };
  }

  verify(token: string): TokenInfo | undefined {
    if (token.length === 0 || token.length > 200) return undefined;
    const key = digest(token);
    let info = this.cache.get(key);
    if (!info) {
      info = this.lookup.get(key);
      if (!info) return undefined;
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, info);
    }
    if (info.expiresAt <= this.now()) {
      this.cache.delete(key);
      return undefined;
    }
    return info;
  }

  purgeExpired(): void {
    this.purge.run(this.now());
  }
}
