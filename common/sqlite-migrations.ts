/**
 * The one schema-migration runner, for the platform's database (server/db/migrations) and the desktop's
 * cache.db and outbox.db (main/core/cache/migrations, main/core/outbox/migrations); after Signal Desktop's
 * `ts/sql/migrations`. Migrations are numbered 1, 2, 3 … with no gaps and no duplicates (checked on every
 * run), the schema version lives in `PRAGMA user_version`, and each migration runs in its own transaction
 * together with its version bump, so a crash leaves the file at the last complete version.
 *
 * It lives in common/ because both server/ and main/ may import common/ and neither may import the other.
 * common/ may not import better-sqlite3 (nor anything of Node), so the runner is typed against the two
 * methods it calls (`MigratableDatabase`), which better-sqlite3's Database has; each side binds its own
 * database type through `Migration<Db>`.
 */

/** What the runner needs of a database: better-sqlite3's `pragma` and `transaction`. */
export interface MigratableDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
}

export interface Migration<Db extends MigratableDatabase = MigratableDatabase> {
  /** 1, 2, 3 … : the `user_version` the database has once this migration ran */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/** A migration that failed (or a database newer than the code), with the version concerned. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export type MigrateOptions = {
  /** stop at this version (tests build an older schema with it); default: the last migration */
  target?: number;
  /** who is too old for a newer database, for the error: "this platform", "this build" */
  owner?: string;
};

/**
 * `migrations` in version order, or an Error naming the gap or the duplicate: a list that skips or repeats
 * a number is a build mistake, and running it could skip a schema step for good.
 */
export function orderedMigrations<M extends Migration<never>>(migrations: readonly M[]): M[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, i) => {
    const expected = i + 1;
    if (migration.version === expected) return;
    const duplicate = ordered.find((other) => other !== migration && other.version === migration.version);
    if (duplicate) throw new Error(`migration ${migration.version} is listed twice ("${duplicate.name}" and "${migration.name}")`);
    throw new Error(`migrations must be numbered 1, 2, 3 … without gaps: found ${migration.version} ("${migration.name}") where ${expected} belongs`);
  });
  return ordered;
}

export function schemaVersion(db: MigratableDatabase): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new Error(`PRAGMA user_version gave ${String(version)}, not a number`);
  return version;
}

/**
 * Bring `db` up to the last of `migrations` (or `options.target`); returns the version it is at. A
 * database written by newer code (a version this list does not reach) is refused rather than guessed at.
 */
export function migrate<Db extends MigratableDatabase>(db: Db, migrations: readonly Migration<Db>[], options: MigrateOptions = {}): number {
  const ordered = orderedMigrations(migrations);
  const latest = ordered.length;
  const target = options.target ?? latest;
  let current = schemaVersion(db);
  if (current > latest) {
    throw new MigrationError(`schema version ${current} is newer than ${options.owner ?? 'this build'} knows (${latest}): upgrade it rather than risk the data`, current);
  }
  for (const migration of ordered) {
    if (migration.version <= current || migration.version > target) continue;
    const run = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${reason}`, migration.version, error);
    }
    current = migration.version;
  }
  return current;
}
