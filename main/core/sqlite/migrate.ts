/**
 * The desktop's SQLite files (cache.db, outbox.db) migrate with the one runner shared with the platform
 * (common/sqlite-migrations.ts); this binds it to better-sqlite3's Database.
 */
import type Database from 'better-sqlite3';
import { migrate as runMigrations, type Migration as SharedMigration } from '../../../common/sqlite-migrations';


export type Migration = SharedMigration<Database.Database>;

/** Bring `db` up to the last of `migrations` (or to `targetVersion`, which tests use to build an older schema). */
export function migrate(db: Database.Database, migrations: readonly Migration[], targetVersion?: number): number {
  return runMigrations(db, migrations, { target: targetVersion, owner: 'this build' });
}
