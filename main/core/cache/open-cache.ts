/**
 * Opening the cache file: pragmas, an integrity check, migrations — and, when any of them shows the file
 * is damaged, moving it aside and starting an empty cache that sync refills from the platform. The
 * damaged file is kept (a few of them) for a bug report; a fresh file never inherits the damage, so a bad
 * cache can never make the app crash on every launch.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../sqlite/migrate';
import { CACHE_MIGRATIONS } from './migrations';

export type CacheOpenReport = {
  /** true when the previous file was unusable and an empty cache was created in its place */
  rebuilt: boolean;
  /** what was wrong with the previous file, for the log and the agent */
  problem: string | null;
  /** where the damaged file was moved */
  movedTo: string | null;
};

const KEEP_DAMAGED_COPIES = 3;

/** WAL for readers beside the writer; NORMAL is safe in WAL (a crash loses nothing committed; power loss may lose the last commits, which the platform can always give back). */
export function applyCachePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -32000');
  // Fewer, larger checkpoints while a 100k-item snapshot streams in.
  db.pragma('wal_autocheckpoint = 4000');
}

function openAndCheck(file: string, migrations: readonly Migration[]): Database.Database {
  const db = new Database(file);
  try {
    applyCachePragmas(db); // a file that is not a database fails here (SQLITE_NOTADB)
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.damaged-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.damaged-`;
  const copies = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && !name.endsWith('-wal') && !name.endsWith('-shm'))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP_DAMAGED_COPIES))) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, old + suffix), { force: true });
  }
  return target;
}

/**
 * Open (or create) the cache at `file`. Never throws for a damaged file: it is moved aside and a new one
 * created, and the report says so. Throws only if even a brand-new file cannot be opened (disk full,
 * no permission), which no retry would fix either.
 */
export function openCacheDatabase(
  file: string,
  migrations: readonly Migration[] = CACHE_MIGRATIONS,
): { db: Database.Database; report: CacheOpenReport } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openAndCheck(file, migrations), report: { rebuilt: false, problem: null, movedTo: null } };
  } catch (error) {
    const problem = (error as Error).message;
    const movedTo = fs.existsSync(file) ? moveAside(file) : null;
    try {
      return { db: openAndCheck(file, migrations), report: { rebuilt: true, problem, movedTo } };
    } catch (freshError) {
      // Even an empty file fails (a migration that cannot run anywhere): run on a memory-only cache
      // for this launch rather than not at all; sync refills it from the platform.
      const db = openAndCheck(':memory:', migrations);
      return { db, report: { rebuilt: true, problem: `${problem}; a new cache file failed too (${(freshError as Error).message}), so this session's cache is in memory only`, movedTo } };
    }
  }
}
