/**
 * Bearer tokens: 32 random bytes, handed out once; only their SHA-256 is stored (with the expiry), so a
 * copy of the database grants nothing, and tokens survive a restart.
 *
 * Verified tokens are remembered in memory by the token itself, so a request costs a Map lookup rather
 * than a SHA-256 and a query. The memory is bounded (least recently used out first) and never outlives
 * the token: expiry is checked on every use, and revoking drops the entry in the same call that deletes
 * the row. One platform owns a dataDir (the owner lock), so no other process can revoke behind its back.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

export interface TokenInfo {
  readonly username: string;
  readonly expiresAt: number;
}

/** Longer than any token we issue (43 characters); longer ones are refused without being hashed. */
const MAX_TOKEN_LENGTH = 200;
const DEFAULT_MEMORY_SIZE = 10_000;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class TokenStore {
  private readonly insert;
  private readonly lookup;
  private readonly remove;
  private readonly removeUser;
  private readonly purge;
  /** raw token → its row; Map order is recency of use (oldest first) */
  private readonly verified = new Map<string, TokenInfo>();
  /** told of every revocation, so what a token opened (event streams) ends with it */
  private readonly revokeListeners = new Set<(revoked: { token?: string; username?: string }) => void>();

  constructor(
    db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly memorySize = DEFAULT_MEMORY_SIZE,
  ) {
    this.insert = db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES (?, ?, ?, ?)`);
    this.lookup = db.prepare<[string], TokenInfo>(`SELECT username, expiresAt FROM tokens WHERE tokenHash = ?`);
    this.remove = db.prepare(`DELETE FROM tokens WHERE tokenHash = ?`);
    this.removeUser = db.prepare(`DELETE FROM tokens WHERE username = ?`);
    this.purge = db.prepare(`DELETE FROM tokens WHERE expiresAt <= ?`);
  }

  issue(username: string): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.insert.run(digest(token), username, now, expiresAt);
    // A client uses its token straight after logging in.
    this.remember(token, { username, expiresAt });
    return { token, expiresAt };
  }

  /** The token's owner and expiry, or undefined when it is unknown, revoked or expired. */
  verify(token: string): TokenInfo | undefined {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
    let info = this.verified.get(token);
    if (info !== undefined) {
      if (info.expiresAt <= this.now()) {
        this.verified.delete(token);
        return undefined;
      }
      // Most recently used goes last, so eviction takes the idle ones.
      this.verified.delete(token);
      this.verified.set(token, info);
      return info;
    }
    info = this.lookup.get(digest(token));
    if (info === undefined || info.expiresAt <= this.now()) return undefined;
    this.remember(token, info);
    return info;
  }

  /** Logs one token out: refused from this call on. True when it was known. */
  revoke(token: string): boolean {
    this.verified.delete(token);
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return false;
    const known = this.remove.run(digest(token)).changes > 0;
    for (const listener of this.revokeListeners) listener({ token });
    return known;
  }

  /** Logs a user out everywhere (every token they hold): refused from this call on. */
  revokeUser(username: string): number {
    for (const [token, info] of this.verified) if (info.username === username) this.verified.delete(token);
    const removed = this.removeUser.run(username).changes;
    for (const listener of this.revokeListeners) listener({ username });
    return removed;
  }

  /** Calls `listener` with each revoked token or user; returns the unsubscribe function. */
  onRevoke(listener: (revoked: { token?: string; username?: string }) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  purgeExpired(): void {
    const now = this.now();
    for (const [token, info] of this.verified) if (info.expiresAt <= now) this.verified.delete(token);
    this.purge.run(now);
  }

  /** how many verified tokens are held in memory (for tests and diagnostics) */
  get remembered(): number {
    return this.verified.size;
  }

  private remember(token: string, info: TokenInfo): void {
    this.verified.set(token, info);
    if (this.verified.size > this.memorySize) this.verified.delete(this.verified.keys().next().value!);
  }
}
