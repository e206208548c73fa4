/** Build a cache database at an older schema version, to test the next migration over real rows. */
import Database from 'better-sqlite3';
import { CACHE_MIGRATIONS } from '../../../../../../main/core/cache/migrations';
import { migrate } from '../../../../../../main/core/sqlite/migrate';

export function cacheAtVersion(version: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, CACHE_MIGRATIONS, version);
  return db;
}

export function migrateToLatest(db: Database.Database): number {
  return migrate(db, CACHE_MIGRATIONS);
}
