import type Database from 'better-sqlite3';
import { migration001 } from './001-workitems-events-auth';
import { migration002 } from './002-messages-notes';
import { migration003 } from './003-campaigns';
import { migration004 } from './004-partial-item-indexes';
import { migration005 } from './005-tokens-by-user';
import { migrate as runMigrations } from '../../../common/sqlite-migrations';
import type { Migration } from './types';

export type { Migration } from './types';

/** In order; each `version` is its position. Never edit a released migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export { schemaVersion } from '../../../common/sqlite-migrations';

/**
 * Bring the database to `target` (default: latest) with the shared runner (common/sqlite-migrations.ts):
 * numbered without gaps, each migration in its own transaction with the `user_version` bump, so a crash
 * mid-way leaves the database at the last complete version.
 */
export function migrate(db: Database.Database, target: number = LATEST_VERSION): number {
  return runMigrations(db, MIGRATIONS, { target, owner: 'this platform' });
}
