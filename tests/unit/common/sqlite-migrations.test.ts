/** The shared migration runner (platform and desktop), on a real in-memory better-sqlite3 database. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, orderedMigrations, schemaVersion, type Migration } from '../../../common/sqlite-migrations';

type Db = Database.Database;

function table(version: number, name: string): Migration<Db> {
  return { version, name, up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY)`) };
}

describe('the shared migration runner', () => {
  const open: Db[] = [];
  function database(): Db {
    const db = new Database(':memory:');
    open.push(db);
    return db;
  }
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });

  it('refuses a list with a gap, naming where', () => {
    const db = database();
    expect(() => migrate(db, [table(1, 'a'), table(3, 'c')])).toThrow(/without gaps: found 3 \("c"\) where 2 belongs/);
    expect(schemaVersion(db)).toBe(0);
  });

  it('refuses a list that repeats a number, naming both', () => {
    expect(() => orderedMigrations([table(1, 'a'), table(2, 'b'), table(2, 'b2')])).toThrow(/migration 2 is listed twice \("b2?" and "b2?"\)/);
    expect(() => orderedMigrations([table(2, 'b')])).toThrow(/found 2 \("b"\) where 1 belongs/);
  });

  it('runs migrations in version order whatever the list order, and records each in user_version', () => {
    const db = database();
    expect(migrate(db, [table(2, 'b'), table(1, 'a')], { target: 1 })).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(migrate(db, [table(2, 'b'), table(1, 'a')])).toBe(2);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all()).toEqual(['a', 'b']);
    expect(migrate(db, [table(1, 'a'), table(2, 'b')])).toBe(2); // nothing left to run
  });

  it('runs each migration in its own transaction: a failure keeps the ones before and none of its own', () => {
    const db = database();
    const broken: Migration<Db> = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('bug');
      },
    };
    expect(() => migrate(db, [table(1, 'a'), broken])).toThrow(MigrationError);
    expect(() => migrate(db, [table(1, 'a'), broken])).toThrow(/migration 2 \(broken\) failed: bug/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
  });

  it('refuses a database newer than the list, naming who is too old', () => {
    const db = database();
    db.pragma('user_version = 5');
    expect(() => migrate(db, [table(1, 'a')], { owner: 'this platform' })).toThrow(/schema version 5 is newer than this platform knows \(1\)/);
  });
});
