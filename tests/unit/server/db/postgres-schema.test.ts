/**
 * The PostgreSQL store's two mechanical parts, on a real SQLite database: the PG tables derived from the
 * migrated schema, and the change capture (db/postgres/changes.ts) that decides what a ship carries.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../server/db/migrations/index';
import { changeReader, installChangeCapture, mergeChanges } from '../../../../server/db/postgres/changes';
import { ddlFor, describeTables } from '../../../../server/db/postgres/schema';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('PostgreSQL schema derived from SQLite', () => {
  it('maps every real table with its types, primary key and indexes', () => {
    const tables = describeTables(migrated());
    expect(tables.map((t) => t.name)).toEqual(['agents', 'campaign_entries', 'campaigns', 'event_seq', 'events', 'idempotency', 'items', 'messages', 'notes', 'tokens']);
    const idempotency = tables.find((t) => t.name === 'idempotency')!;
    expect(idempotency.primaryKey).toEqual(['username', 'key']);
    expect(idempotency.columns.find((c) => c.name === 'status')?.pgType).toBe('bigint');
    expect(idempotency.columns.find((c) => c.name === 'body')?.pgType).toBe('text');
    const events = tables.find((t) => t.name === 'events')!;
    expect(events.indexes).toEqual([{ name: 'events_seq', columns: ['tenant', 'seq'], unique: true }]);
    const ddl = ddlFor(tables);
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS "campaign_entries" ("campaignId" text, "idx" bigint, "phone" text, "name" text, "workitemId" text, PRIMARY KEY ("campaignId", "idx"))');
    expect(ddl).toContain('CREATE UNIQUE INDEX "events_seq" ON "events" ("tenant", "seq")');
  });

  it('refuses a column whose declared type has no PostgreSQL counterpart, and a table without a primary key', () => {
    const untyped = migrated();
    untyped.exec('CREATE TABLE loose (id INTEGER PRIMARY KEY, anything)');
    expect(() => describeTables(untyped)).toThrow(/loose\.anything: declared type "" has no PostgreSQL counterpart/);
    const keyless = migrated();
    keyless.exec('CREATE TABLE keyless (a TEXT)');
    expect(() => describeTables(keyless)).toThrow(/keyless has no primary key/);
  });

  it('skips virtual tables and their shadow tables', () => {
    const db = migrated();
    db.exec('CREATE VIRTUAL TABLE notes_search USING fts5(text)');
    expect(describeTables(db).map((t) => t.name)).not.toContain('notes_search');
    expect(describeTables(db).some((t) => t.name.startsWith('notes_search_'))).toBe(false);
  });
});

describe('change capture', () => {
  it('captures committed rows as they are now, deletes for rows gone, and nothing a savepoint rolled back', () => {
    const db = migrated();
    const tables = describeTables(db);
    installChangeCapture(db, tables);
    const read = changeReader(db, tables);
    const insert = db.prepare(`INSERT INTO tokens (tokenHash, username, createdAt, expiresAt) VALUES (?, ?, 1, 2)`);
    db.transaction(() => {
      insert.run('kept', 'alice');
      insert.run('gone', 'bob');
      db.exec('SAVEPOINT change');
      insert.run('rolled back', 'carol');
      db.exec('ROLLBACK TO change; RELEASE change');
      db.prepare(`UPDATE tokens SET username = 'alice2' WHERE tokenHash = 'kept'`).run();
      db.prepare(`DELETE FROM tokens WHERE tokenHash = 'gone'`).run();
    })();
    const first = read();
    expect([...first.get('tokens')!]).toEqual([
      ['["kept"]', ['kept', 'alice2', 1, 2]],
      ['["gone"]', null],
    ]);
    // Read once: the records are gone.
    expect(read().size).toBe(0);

    // A key that changes ships a delete of the old key and the row under the new one; a later state wins.
    db.prepare(`UPDATE tokens SET tokenHash = 'renamed' WHERE tokenHash = 'kept'`).run();
    const second = read();
    expect([...second.get('tokens')!]).toEqual([
      ['["kept"]', null],
      ['["renamed"]', ['renamed', 'alice2', 1, 2]],
    ]);
    mergeChanges(first, second);
    expect(first.get('tokens')!.get('["kept"]')).toBeNull();
    expect(first.get('tokens')!.get('["renamed"]')).toEqual(['renamed', 'alice2', 1, 2]);
  });
});
