/** Idempotency-Key records: (username, key) → the first response, kept 24 hours. */
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

  constructor(db: Db) {
    this.findStmt = db.prepare<[string, string, number], IdempotencyRecord>(`SELECT method, path, status, body FROM idempotency WHERE username = ? AND key = ? AND createdAt > ?`);
    this.storeStmt = db.prepare(`INSERT OR REPLACE INTO idempotency (username, key, method, path, status, body, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.purgeStmt = db.prepare(`DELETE FROM idempotency WHERE createdAt <= ?`);
  }

  find(username: string, key: string, notBefore: number): IdempotencyRecord | undefined {
    return this.findStmt.get(username, key, notBefore);
  }

  store(username: string, key: string, method: string, path: string, status: number, body: string, at: number): void {
    this.storeStmt.run(username, key, method, path, status, body, at);
  }

  purgeBefore(cutoff: number): void {
    this.purgeStmt.run(cutoff);
  }
}
