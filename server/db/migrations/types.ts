import type Database from 'better-sqlite3';
import type { Migration as SharedMigration } from '../../../common/sqlite-migrations';

/** One schema step of the platform's database (run by common/sqlite-migrations.ts). */
export type Migration = SharedMigration<Database.Database>;
