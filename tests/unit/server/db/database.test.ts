import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, DATABASE_FILE, openDatabase, walSyncOf } from '../../../../server/db/database';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-db-'));
  dirs.push(dir);
  return dir;
}

describe('openDatabase', () => {
  it('lets one owner at a time open a data directory, and the next one after it closes', async () => {
    const dir = await tempDir();
    const first = openDatabase(dir);
    expect(() => openDatabase(dir)).toThrow(/in use by another platform process/);
    closeDatabase(first);
    const second = openDatabase(dir);
    expect(second.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 });
    closeDatabase(second);
  });

  it('leaves no connection behind once closed, even one still opening: removed files stay removed', async () => {
    // Closed at once, before the checkpointer's thread has even opened its connection (regression: that
    // thread opened and checkpointed after the close, recreating files in a directory being removed).
    for (let round = 0; round < 5; round++) {
      const dir = await tempDir();
      closeDatabase(openDatabase(dir));
      const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`].map((name) => path.join(dir, name));
      for (const file of files) rmSync(file, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(files.filter((file) => existsSync(file))).toEqual([]);
    }
  });

  it('leaves the fsync out of COMMIT and hands the platform a WAL sync, unless asked for NORMAL', async () => {
    const full = openDatabase(await tempDir());
    const normal = openDatabase(await tempDir(), { synchronous: 'normal' });
    try {
      // SQLite's code 1 is NORMAL: no fsync inside COMMIT (so none on the event loop) in either mode.
      expect(full.pragma('synchronous', { simple: true })).toBe(1);
      expect(normal.pragma('synchronous', { simple: true })).toBe(1);
      // `full`: the platform fsyncs the WAL itself, off the loop, before it answers (service/core.ts).
      const sync = walSyncOf(full);
      expect(sync).not.toBeNull();
      await expect(sync!()).resolves.toBeUndefined();
      expect(walSyncOf(normal)).toBeNull();
    } finally {
      closeDatabase(full);
      closeDatabase(normal);
    }
  });

  it('keeps syncing the one WAL file that SQLite writes, across checkpoints, WAL resets and truncation', async () => {
    const dir = await tempDir();
    const db = openDatabase(dir);
    const walPath = path.join(dir, `${DATABASE_FILE}-wal`);
    try {
      const inode = statSync(walPath).ino;
      db.exec('CREATE TABLE filler (x TEXT)');
      const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
      for (let round = 0; round < 3; round++) {
        db.transaction(() => {
          for (let i = 0; i < 200; i++) insert.run('x'.repeat(4000));
        })();
        // Copy everything into the database file; the next write then resets the WAL (and a TRUNCATE
        // checkpoint empties it), which is what a long-running platform does over and over.
        db.pragma('wal_checkpoint(TRUNCATE)');
        insert.run('after the reset');
        await walSyncOf(db)!();
        // The WAL the platform fsyncs is the very file SQLite writes: never replaced, only rewritten.
        expect(statSync(walPath).ino).toBe(inode);
        expect(statSync(walPath).size).toBeGreaterThan(0);
      }
    } finally {
      closeDatabase(db);
    }
  });

  it('checkpoints the WAL into the database file in the background', async () => {
    const dir = await tempDir();
    const db = openDatabase(dir);
    try {
      const file = path.join(dir, DATABASE_FILE);
      const before = statSync(file).size;
      db.exec('CREATE TABLE filler (x TEXT)');
      const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
      // About 2 MB: far below the platform connection's own checkpoint threshold.
      db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run('x'.repeat(4000));
      })();
      const deadline = Date.now() + 5_000;
      while (statSync(file).size < before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    } finally {
      closeDatabase(db);
    }
  });
});
