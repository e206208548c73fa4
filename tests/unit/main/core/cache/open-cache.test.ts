import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import type { Migration } from '../../../../../main/core/sqlite/migrate';
import { CACHE_MIGRATIONS } from '../../../../../main/core/cache/migrations';
import { makeItem, tempDir } from '../fixtures';

describe('openCacheDatabase', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'cache.db');
  });
  afterEach(() => tmp.remove());

  it('reopens a healthy cache with its rows', () => {
    const first = openCacheDatabase(file);
    new Cache(first.db).upsertItem(makeItem({ workitemId: 'wi_keep' }));
    first.db.close();
    const again = openCacheDatabase(file);
    expect(again.report.rebuilt).toBe(false);
    expect(new Cache(again.db).getItem('wi_keep')).not.toBeNull();
    again.db.close();
  });

  it('moves a file that is not a database aside and starts empty', () => {
    fs.writeFileSync(file, 'this is not a database, just some text that fills the header and more '.repeat(100));
    const { db, report } = openCacheDatabase(file);
    expect(report.rebuilt).toBe(true);
    expect(report.problem).toMatch(/not a database/i);
    expect(report.movedTo && fs.existsSync(report.movedTo)).toBe(true);
    expect(new Cache(db).countItems()).toBe(0);
    db.close();
    // the next launch finds a healthy file: no crash loop
    const next = openCacheDatabase(file);
    expect(next.report.rebuilt).toBe(false);
    next.db.close();
  });

  it('detects damaged pages with quick_check', () => {
    const { db } = openCacheDatabase(file);
    const cache = new Cache(db);
    cache.upsertItems(Array.from({ length: 400 }, (_, i) => makeItem({ workitemId: `wi_p${i}`, description: 'x'.repeat(500) })));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite pages in the middle of the file (past the header) with garbage.
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    const page = 4096;
    for (let at = page * 3; at < size - page; at += page * 7) fs.writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, at);
    fs.closeSync(fd);
    const reopened = openCacheDatabase(file);
    expect(reopened.report.rebuilt).toBe(true);
    expect(reopened.report.problem).toBeTruthy();
    expect(new Cache(reopened.db).countItems()).toBe(0);
    reopened.db.close();
  });

  it('rebuilds when a migration throws on the old data, keeping at most three damaged copies', () => {
    // A migration that cannot cope with existing rows (the kind a rebuild cures).
    const failsOnRows: Migration = {
      version: CACHE_MIGRATIONS.length + 1,
      name: 'fails-on-rows',
      up: (db) => {
        if ((db.prepare('SELECT count(*) FROM items').pluck().get() as number) > 0) throw new Error('cannot convert row');
      },
    };
    for (let i = 0; i < 5; i++) {
      const old = openCacheDatabase(file);
      new Cache(old.db).upsertItem(makeItem());
      old.db.close();
      const upgraded = openCacheDatabase(file, [...CACHE_MIGRATIONS, failsOnRows]);
      expect(upgraded.report.rebuilt).toBe(true);
      expect(upgraded.report.problem).toMatch(new RegExp(`migration ${CACHE_MIGRATIONS.length + 1} \\(fails-on-rows\\) failed: cannot convert row`));
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(CACHE_MIGRATIONS.length + 1);
      upgraded.db.close();
      fs.rmSync(file); // back to a file at the current version with rows for the next round
      for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
    }
    const copies = fs.readdirSync(tmp.dir).filter((n) => n.includes('.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'));
    expect(copies).toHaveLength(3);
  });

  it('throws a clear error when a migration fails even on an empty database (a build bug no rebuild can cure)', () => {
    const alwaysFails: Migration = { version: CACHE_MIGRATIONS.length + 1, name: 'always-fails', up: () => { throw new Error('bug'); } };
    expect(() => openCacheDatabase(file, [...CACHE_MIGRATIONS, alwaysFails])).toThrow(new RegExp(`migration ${CACHE_MIGRATIONS.length + 1} \\(always-fails\\) failed: bug`));
  });

  it('refuses a schema newer than this build by rebuilding rather than guessing', () => {
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const opened = openCacheDatabase(file);
    expect(opened.report.rebuilt).toBe(true);
    expect(opened.report.problem).toMatch(/newer than this build/);
    opened.db.close();
  });
});
