/**
 * Idempotency-Key records: (username, key) → the first response, kept 24 hours (purged hourly) and at
 * most `maxPerUser` per user: past that the user's oldest are dropped (a key older than the newest
 * `maxPerUser` then works as a new one), so one user sending a fresh key with every POST cannot fill the
 * disk within the 24 hours.
 */
import type { Db } from '../db/database';

export interface IdempotencyRecord {
  method: string;
  path: string;
  status: number;
  body: string;
}

export class IdempotencyStore {
  private readonly findStmt;
  private readonly storeStmt;
  private readonly purgeStmt;
  private readonly countStmt;
  private readonly trimStmt;
  /** rows per user, at least as many as there are (purges only lower the real count); read once per user */
  private readonly counts = new Map<string, number>();

  constructor(
    db: Db,
    private readonly maxPerUser = 10_000,
  ) {
    this.findStmt = db.prepare<[string, string, number], IdempotencyRecord>(`SELECT method, path, status, body FROM idempotency WHERE username = ? AND key = ? AND createdAt > ?`);
    this.storeStmt = db.prepare(`INSERT OR REPLACE INTO idempotency (username, key, method, path, status, body, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.purgeStmt = db.prepare(`DELETE FROM idempotency WHERE createdAt <= ?`);
    this.countStmt = db.prepare<[string], number>(`SELECT count(*) FROM idempotency WHERE username = ?`).pluck();
    this.trimStmt = db.prepare(
      `DELETE FROM idempotency WHERE rowid IN (SELECT rowid FROM idempotency WHERE username = ? ORDER BY createdAt DESC, rowid DESC LIMIT -1 OFFSET ?)`,
    );
  }

  find(username: string, key: string, notBefore: number): IdempotencyRecord | undefined {
    return this.findStmt.get(username, key, notBefore);
  }

  store(username: string, key: string, method: string, path: string, status: number, body: string, at: number): void {
    const before = this.counts.get(username) ?? this.countStmt.get(username)!;
    this.storeStmt.run(username, key, method, path, status, body, at);
    const count = before + 1;
    // Trimmed in batches of a tenth, so the delete runs once per many stores, not on every one.
    if (count > this.maxPerUser + Math.ceil(this.maxPerUser / 10)) {
      this.trimStmt.run(username, this.maxPerUser);
      this.counts.set(username, this.countStmt.get(username)!);
    } else this.counts.set(username, count);
  }

  purgeBefore(cutoff: number): void {
    this.purgeStmt.run(cutoff);
    this.counts.clear();
  }
}
