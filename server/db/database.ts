/**
 * Opens the platform's SQLite store. WAL with synchronous=FULL by default: every commit fsyncs the WAL
 * before it returns, so a committed transaction survives a power cut or an OS crash, not only a killed
 * process. `normal` (the `storage.synchronous` config key) skips that fsync: commits then survive a
 * process crash (SIGKILL: the WAL is in the OS page cache) but a power cut may lose the last few; the
 * database stays consistent either way. Group commit (service/core.ts) makes one fsync serve every
 * request of an event-loop turn. foreign_keys ON. Schema brought to the latest version on open.
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

/** SQLite's `synchronous` in WAL mode: `full` survives power loss, `normal` survives a killed process. */
export type SynchronousMode = 'full' | 'normal';

export interface OpenOptions {
  /** default `full` */
  synchronous?: SynchronousMode;
}

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

export function applyPragmas(db: Db, synchronous: SynchronousMode = 'full'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${WAL_SAFETY_CHECKPOINT_PAGES}`);
  // Once a checkpoint has emptied the WAL, give the disk back down to this size.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const owner = acquireOwnerLock(dataDir);
  let db: Db | undefined;
  try {
    db = new Database(join(dataDir, DATABASE_FILE));
    applyPragmas(db, options.synchronous);
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
