/**
 * Opens the platform's SQLite store. WAL with synchronous=NORMAL: every committed transaction survives a
 * process crash (SIGKILL) because the WAL is in the OS page cache; only an OS crash or power loss may lose
 * the last few commits. foreign_keys ON. Schema brought to the latest version on open.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { migrate } from './migrations/index';

export type Db = Database.Database;

const checkpointers = new WeakMap<Db, Checkpointer>();

export const DATABASE_FILE = 'switchboard.sqlite';

export function applyPragmas(db: Db): void {
  // One process owns the store: exclusive locking skips the per-transaction file locks and shared-memory
  // WAL index, which is most of what a small commit costs. (Other processes cannot open it meanwhile.)
  for (const p of (process.env.PRE_PRAGMAS ?? '').split(';').filter(Boolean)) db.pragma(p); // EXPERIMENT
  if (!process.env.CKPT) db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Throttle checkpoints: a bigger WAL costs a little disk and saves fsyncs under load.
  db.pragma(`wal_autocheckpoint = ${process.env.CKPT ? Number(process.env.CKPT) : 4000}`);
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`database ${join(dataDir, DATABASE_FILE)} is corrupt: ${String(check)}`);
    migrate(db);
    if (process.env.CKPT) checkpointers.set(db, startCheckpointer(join(dataDir, DATABASE_FILE)));
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

export function closeDatabase(db: Db): void {
  checkpointers.get(db)?.stop();
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
