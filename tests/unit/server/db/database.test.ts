import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, DATABASE_FILE, openDatabase } from '../../../../server/db/database';

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

  it('syncs every commit to disk (synchronous=FULL) unless asked for NORMAL', async () => {
    const full = openDatabase(await tempDir());
    const normal = openDatabase(await tempDir(), { synchronous: 'normal' });
    try {
      // SQLite's codes: 1 NORMAL, 2 FULL.
      expect(full.pragma('synchronous', { simple: true })).toBe(2);
      expect(normal.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      closeDatabase(full);
      closeDatabase(normal);
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
