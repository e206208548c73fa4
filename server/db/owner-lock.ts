/**
 * One platform process per data directory. The store itself uses normal SQLite locking (a background
 * thread checkpoints it), so ownership is a separate tiny SQLite file held in exclusive locking mode for
 * as long as the platform runs: a second process (or a second open in this one) is refused at once with
 * a clear message, and the operating system drops the lock when the owner dies, even by SIGKILL — there
 * is never a stale lock to clean up.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const OWNER_LOCK_FILE = 'switchboard.owner';

/** A previous owner that is just shutting down gets this long to let go. */
const WAIT_FOR_PREVIOUS_OWNER_MS = 2_000;

export interface OwnerLock {
  release(): void;
}

export function acquireOwnerLock(dataDir: string): OwnerLock {
  const file = join(dataDir, OWNER_LOCK_FILE);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${WAIT_FOR_PREVIOUS_OWNER_MS}`);
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; exclusive locking mode keeps it until close.
    db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, since INTEGER NOT NULL)');
    db.transaction(() => {
      db.exec('DELETE FROM owner');
      db.prepare('INSERT INTO owner (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
    })();
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Error(`data directory ${dataDir} is in use by another platform process (${file} is locked)`);
    }
    throw err;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}
