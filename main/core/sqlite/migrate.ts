/**
 * Numbered schema migrations for the desktop's SQLite files (after Signal Desktop's `ts/sql/migrations`):
 * one file per migration, each run in its own transaction, the schema version kept in `PRAGMA user_version`.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3, … : the `user_version` the database has once this migration ran */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  constructor(message: string, readonly version: number, override readonly cause?: unknown) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring `db` up to the last of `migrations` (or to `targetVersion`, which tests use to build an older
 * schema). A database written by a newer build (a version we do not know) is refused rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], targetVersion?: number): number {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1, 2, 3 … without gaps (found ${m.version} at ${i + 1})`);
  });
  const latest = targetVersion ?? ordered.length;
  let current = schemaVersion(db);
  if (current > ordered.length) {
    throw new MigrationError(`schema version ${current} is newer than this build knows (${ordered.length})`, current);
  }
  for (const migration of ordered) {
    if (migration.version <= current || migration.version > latest) continue;
    const run = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      run();
    } catch (error) {
      throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, migration.version, error);
    }
    current = migration.version;
  }
  return current;
}
