/**
 * Opens the platform's SQLite store. WAL with synchronous=NORMAL: every committed transaction survives a
 * process crash (SIGKILL) because the WAL is in the OS page cache; only an OS crash or power loss may lose
 * the last few commits. foreign_keys ON. Schema brought to the latest version on open.
 *
 * Checkpoints (copying the WAL into the database file, with two fsyncs) run on a worker thread
 * (checkpointer.ts) so their disk wait never stalls the event loop; that needs a second connection, so
 * the store uses normal locking, and one process owning a data directory is enforced by an owner lock
 * (owner-lock.ts) instead.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { migrate } from './migrations/index';
import { acquireOwnerLock, type OwnerLock } from './owner-lock';

export type Db = Database.Database;

export const DATABASE_FILE = 'switchboard.sqlite';

/**
 * A checkpoint on the platform's own connection only when the background one has fallen this far behind
 * (pages, about 80 MB): under sustained load the WAL is never fully checkpointed in the background, and
 * this bounds it. By then the background has copied most of it, so this one is short.
 */
const WAL_SAFETY_CHECKPOINT_PAGES = 20_000;

interface Companions {
  checkpointer?: Checkpointer;
  owner: OwnerLock;
}

const companions = new WeakMap<Db, Companions>();

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${WAL_SAFETY_CHECKPOINT_PAGES}`);
  // Once a checkpoint has emptied the WAL, give the disk back down to this size.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const owner = acquireOwnerLock(dataDir);
  let db: Db | undefined;
  try {
    db = new Database(join(dataDir, DATABASE_FILE));
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`database ${join(dataDir, DATABASE_FILE)} is corrupt: ${String(check)}`);
    migrate(db);
    companions.set(db, { owner, checkpointer: startCheckpointer(join(dataDir, DATABASE_FILE)) });
  } catch (err) {
    db?.close();
    owner.release();
    throw err;
  }
  return db;
}

export function closeDatabase(db: Db): void {
  const attached = companions.get(db);
  companions.delete(db);
  attached?.checkpointer?.stop();
  try {
    if (db.open) {
      try {
        db.pragma('optimize');
      } finally {
        db.close();
      }
    }
  } finally {
    attached?.owner.release();
  }
}
