/**
 * Bearer tokens: 32 random bytes, handed out once; only their SHA-256 is stored (with the expiry), so a
 * copy of the database grants nothing, and tokens survive a restart.
 *
 * Verified tokens are remembered in memory by the token itself, so a request costs a Map lookup rather
 * than a SHA-256 and a query. The memory is bounded (least recently used out first) and never outlives
 * the token: expiry is checked on every use, and revoking drops the entry in the same call that deletes
 * the row. One platform owns a dataDir (the owner lock), so no other process can revoke behind its back.
 *
 * Rows are bounded twice: expired ones are pruned (hourly, by the platform), and one user holds at most
 * `maxPerUser` live tokens — a login beyond that revokes that user's oldest (its event streams close), so
 * a stolen password replayed in a loop cannot grow the table without bound.
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
const DEFAULT_MAX_PER_USER = 20;

/** What was revoked: one token, every token of a user, or (`some`) some of a user's tokens — check each. */
export interface Revocation {
  token?: string;
  username?: string;
  some?: boolean;
}

interface Remembered {
  readonly info: TokenInfo;
  /** the row's key, so a token revoked by its digest alone (the per-user cap) leaves memory too */
  readonly hash: string;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class TokenStore {
  private readonly insert;
  private readonly lookup;
  private readonly remove;
  private readonly removeUser;
  private readonly purge;
  private readonly beyondCap;
  /** raw token → its row; Map order is recency of use (oldest first) */
  private readonly verified = new Map<string, Remembered>();
  /** told of every revocation, so what a token opened (event streams) ends with it */
  private readonly revokeListeners = new Set<(revoked: Revocation) => void>();

  constructor(
    db: Db,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly memorySize = DEFAULT_MEMORY_SIZE,
    private readonly maxPerUser = DEFAULT_MAX_PER_USER,
  ) {
    this.insert = db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES (?, ?, ?, ?)`);
    this.lookup = db.prepare<[string], TokenInfo>(`SELECT username, expiresAt FROM tokens WHERE tokenHash = ?`);
    this.remove = db.prepare(`DELETE FROM tokens WHERE tokenHash = ?`);
    this.removeUser = db.prepare(`DELETE FROM tokens WHERE username = ?`);
    this.purge = db.prepare(`DELETE FROM tokens WHERE expiresAt <= ?`);
    // newest first by creation (rowid breaks ties within a millisecond); everything past the cap
    this.beyondCap = db.prepare<[string, number], string>(`SELECT tokenHash FROM tokens WHERE username = ? ORDER BY createdAt DESC, rowid DESC LIMIT -1 OFFSET ?`).pluck();
  }

  issue(username: string): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    const hash = digest(token);
    this.insert.run(hash, username, now, expiresAt);
    this.revokeBeyondCap(username);
    // A client uses its token straight after logging in.
    this.remember(token, { info: { username, expiresAt }, hash });
    return { token, expiresAt };
  }

  /** The token's owner and expiry, or undefined when it is unknown, revoked or expired. */
  verify(token: string): TokenInfo | undefined {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
    const remembered = this.verified.get(token);
    if (remembered !== undefined) {
      if (remembered.info.expiresAt <= this.now()) {
        this.verified.delete(token);
        return undefined;
      }
      // Most recently used goes last, so eviction takes the idle ones.
      this.verified.delete(token);
      this.verified.set(token, remembered);
      return remembered.info;
    }
    const hash = digest(token);
    const row = this.lookup.get(hash);
    if (row === undefined || row.expiresAt <= this.now()) return undefined;
    this.remember(token, { info: row, hash });
    return row;
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
    for (const [token, { info }] of this.verified) if (info.username === username) this.verified.delete(token);
    const removed = this.removeUser.run(username).changes;
    for (const listener of this.revokeListeners) listener({ username });
    return removed;
  }

  /** Calls `listener` with each revoked token or user; returns the unsubscribe function. */
  onRevoke(listener: (revoked: Revocation) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  purgeExpired(): void {
    const now = this.now();
    for (const [token, { info }] of this.verified) if (info.expiresAt <= now) this.verified.delete(token);
    this.purge.run(now);
  }

  /** how many verified tokens are held in memory (for tests and diagnostics) */
  get remembered(): number {
    return this.verified.size;
  }

  /** The user's oldest live tokens beyond `maxPerUser`: rows deleted, memory dropped, streams told. */
  private revokeBeyondCap(username: string): void {
    const hashes = new Set(this.beyondCap.all(username, this.maxPerUser));
    if (hashes.size === 0) return;
    for (const hash of hashes) this.remove.run(hash);
    for (const [token, { hash }] of this.verified) if (hashes.has(hash)) this.verified.delete(token);
    // Listeners re-check the user's streams: those whose token is gone close.
    for (const listener of this.revokeListeners) listener({ username, some: true });
  }

  private remember(token: string, info: Remembered): void {
    this.verified.set(token, info);
    if (this.verified.size > this.memorySize) this.verified.delete(this.verified.keys().next().value!);
  }
}
