/**
 * Opens the platform's SQLite store, in WAL mode. Durability (the `storage.synchronous` config key):
 * - `full` (default): power-safe. SQLite itself commits at synchronous=NORMAL (it writes the WAL frames
 *   and returns at once), and the platform fsyncs the WAL afterwards on libuv's thread pool through
 *   `walSyncOf(db)` (wal-file.ts, which says why that is as safe as SQLite's FULL); nobody is answered
 *   and no event leaves before that fsync (service/core.ts, db/sync-pipeline.ts). So an acknowledged
 *   commit survives a power cut or an OS crash, and the event loop keeps serving while the disk syncs.
 *   Who writes through this handle without the platform's Core (tests, benchmark seeding) gets its
 *   commits synced at the latest by closeDatabase.
 * - `normal`: no fsync per commit: commits survive a killed process (SIGKILL: the WAL is in the OS page
 *   cache) but a power cut may lose the last few.
 * The database stays consistent either way. foreign_keys ON. Schema brought to the latest version on open.
 *
 * Checkpoints (copying the WAL into the database file, with two fsyncs) run on a worker thread
 * (checkpointer.ts) so their disk wait never stalls the event loop; that needs a second connection, so
 * the store uses normal locking, and one process owning a data directory is enforced by an owner lock
 * (owner-lock.ts) instead.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { migrate } from './migrations/index';
import { acquireOwnerLock, type OwnerLock } from './owner-lock';
import type { SyncFn } from './sync-pipeline';
import { WalFile } from './wal-file';

export type Db = Database.Database;

export const DATABASE_FILE = 'switchboard.sqlite';

/** `full`: answers wait for an fsync of their commit (survives power loss); `normal`: survives a killed process. */
export type SynchronousMode = 'full' | 'normal';

export interface OpenOptions {
  /** default `full` */
  synchronous?: SynchronousMode;
  /** the file in dataDir (default DATABASE_FILE); the PostgreSQL store's working copy has its own */
  file?: string;
  /** start from an empty file: an old one (and its WAL) is deleted first */
  fresh?: boolean;
  /** the schema version to migrate to (default: the latest) */
  migrateTo?: number;
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
  /** with synchronous `full`: the WAL, fsynced after each group commit */
  wal?: WalFile;
}

const companions = new WeakMap<Db, Companions>();

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // Both modes: no fsync inside COMMIT (and so none on the event loop). `full` fsyncs the WAL itself,
  // off the loop, before anyone is answered (see above). NORMAL still syncs checkpoints and the WAL
  // header after a reset, which `full`'s reasoning relies on (wal-file.ts).
  db.pragma('synchronous = NORMAL');
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
    const file = join(dataDir, options.file ?? DATABASE_FILE);
    if (options.fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    db = new Database(file);
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`database ${file} is corrupt: ${String(check)}`);
    migrate(db, options.migrateTo);
    // The WAL exists from the first read in WAL mode (above) until the last connection closes.
    const wal = (options.synchronous ?? 'full') === 'full' ? new WalFile(`${file}-wal`) : undefined;
    // What opening wrote (migrations) is durable before the platform serves.
    wal?.syncNow();
    companions.set(db, { owner, wal, checkpointer: startCheckpointer(file) });
  } catch (err) {
    companions.get(db!)?.wal?.close();
    db?.close();
    owner.release();
    throw err;
  }
  return db;
}

/**
 * With synchronous `full`: makes every commit so far durable, off the event loop (resolves once an fsync
 * of the WAL that started after this call has finished). Null with `normal` (nothing to sync).
 */
export function walSyncOf(db: Db): SyncFn | null {
  const wal = companions.get(db)?.wal;
  return wal ? () => wal.sync() : null;
}

export function closeDatabase(db: Db): void {
  const attached = companions.get(db);
  companions.delete(db);
  attached?.checkpointer?.stop();
  try {
    // The last commits, durable before the connection goes (and with it, maybe, the WAL file).
    attached?.wal?.close();
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
