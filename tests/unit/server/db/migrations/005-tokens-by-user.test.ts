import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../server/db/migrations/index';
import { databaseAt } from './helpers';

function plan(db: ReturnType<typeof databaseAt>, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
}

describe('migration 005: tokens by user', () => {
  it('keeps the tokens and serves the per-user cap’s lookup (newest first) from an index, not a scan', () => {
    const db = databaseAt(4);
    db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES ('h1', 'alice', 1, 100)`).run();
    const sql = `SELECT tokenHash FROM tokens WHERE username = ? ORDER BY createdAt DESC, rowid DESC LIMIT -1 OFFSET ?`;
    expect(plan(db, sql, 'alice', 20)).toMatch(/SCAN tokens/);
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT username FROM tokens`).all()).toEqual([{ username: 'alice' }]);
    expect(plan(db, sql, 'alice', 20)).toMatch(/SEARCH tokens USING INDEX tokens_user/);
  });
});
