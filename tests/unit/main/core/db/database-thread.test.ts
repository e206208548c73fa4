/**
 * The database thread (main/core/db): the files are opened off the core's loop, which keeps turning while
 * a big page is written; errors come back typed; a thread that dies is reported and replaced, and what was
 * committed before is still there.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../../../common/errors';
import type { WorkItem } from '../../../../../common/workitem';
import { DatabaseError, DatabaseThread, startDatabaseWorker } from '../../../../../main/core/db/database-thread';
import { databaseWorkerScript } from '../../../../../main/core/db/worker-script';
import { makeItem, tempDir } from '../fixtures';

/** A page of GET /v1/sync/items as the platform lays it out: one item per line. */
function pageText(items: readonly WorkItem[], seq: number): string {
  return `{"seq":${seq},"nextCursor":null,"items":[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]}`;
}

function anAction(key: string) {
  return { idempotencyKey: key, username: 'alice', operation: 'accept', workitemId: 'wi_1', request: { workitemId: 'wi_1' }, beforeItem: null, placeholderId: null, createdAt: 1 };
}

describe('DatabaseThread', () => {
  let tmp: ReturnType<typeof tempDir>;
  let files: { cacheFile: string; outboxFile: string };
  let workers: Worker[];
  let thread: DatabaseThread | null;

  beforeEach(() => {
    tmp = tempDir('sb-db-thread-');
    files = { cacheFile: path.join(tmp.dir, 'cache.db'), outboxFile: path.join(tmp.dir, 'outbox.db') };
    workers = [];
    thread = null;
  });
  afterEach(async () => {
    await thread?.close();
    tmp.remove();
  });

  async function open(options: { onReopened?: () => void } = {}): Promise<DatabaseThread> {
    const opened = await DatabaseThread.open({
      ...files,
      ...options,
      startWorker: (where) => {
        const worker = startDatabaseWorker(where);
        workers.push(worker);
        return worker;
      },
    });
    thread = opened.thread;
    return opened.thread;
  }

  it('the thread script refuses to open the files on the main thread', async () => {
    await expect(import('../../../../../main/core/db/database-worker')).rejects.toThrow(/runs only as the database thread/);
  });

  it('keeps the loop turning while it writes a page of 5,000 items', async () => {
    const db = await open();
    const items = Array.from({ length: 5_000 }, (_, i) => makeItem({ workitemId: `wi_big${i}`, subject: `subject ${i}` }));
    const text = pageText(items, 42);
    await db.cache.beginSnapshot(true);
    let turns = 0;
    let writing = true;
    const turn = (): void => {
      turns += 1;
      if (writing) setImmediate(turn);
    };
    setImmediate(turn);
    const written = await db.cache.writeSnapshotPage({ text }, 10);
    writing = false;
    // Written on this loop, the page would have blocked it: no turn could have come before the answer.
    expect(turns).toBeGreaterThan(0);
    expect(written).toMatchObject({ seq: 42, nextCursor: null, changedCount: 5_000 });
    expect(written.changed).toHaveLength(10);
    await db.cache.finishSnapshot({ completed: true, removeStale: false, at: 1, seq: 42 });
    expect(await db.cache.countItems()).toBe(5_000);
    expect((await db.cache.getSyncState()).lastSeq).toBe(42);
  });

  it('answers calls in the order they were made', async () => {
    const db = await open();
    const item = makeItem();
    const writes = [db.cache.upsertItem(item), db.cache.replaceItem({ ...item, subject: 'second' }), db.cache.getItem(item.workitemId)];
    const [, , read] = await Promise.all(writes);
    expect(read).toMatchObject({ subject: 'second' });
  });

  it('a refusal keeps its code; any other failure is a DatabaseError naming the method', async () => {
    const db = await open();
    const malformed = db.cache.listInbox({ q: 'state:(', rows: 10, start: 0 }, 0);
    await expect(malformed).rejects.toBeInstanceOf(SwitchboardError);
    await expect(malformed).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const outOfOrder = db.cache.writeSnapshotPage({ items: [] }, 0);
    await expect(outOfOrder).rejects.toBeInstanceOf(DatabaseError);
    await expect(outOfOrder).rejects.toMatchObject({ kind: 'failed', method: 'writeSnapshotPage', message: /no snapshot is in progress/ });
  });

  it('a thread that dies is reported and replaced; what was committed is still there', async () => {
    let reopened = 0;
    const db = await open({ onReopened: () => (reopened += 1) });
    await db.store.add(anAction('key-1'));
    const inFlight = db.store.count('alice');
    await workers[0].terminate(); // as a native crash would end it
    const settled = await Promise.allSettled([inFlight]);
    // Answered before the end, or failed as the thread's loss — never left waiting.
    if (settled[0].status === 'rejected') expect(settled[0].reason).toMatchObject({ kind: 'thread-stopped' });
    expect(await db.store.count('alice')).toBe(1);
    await db.store.add(anAction('key-2'));
    expect((await db.store.all('alice')).map((row) => row.idempotencyKey)).toEqual(['key-1', 'key-2']);
    expect(workers).toHaveLength(2);
    expect(reopened).toBe(1);
  });

  it('after close, calls fail with DatabaseError("closed")', async () => {
    const db = await open();
    await db.close();
    await expect(db.cache.countItems()).rejects.toMatchObject({ kind: 'closed' });
  });

  it('a file that cannot be opened fails the start with why', async () => {
    files.outboxFile = path.join(tmp.dir, 'no-such-dir', '\0bad');
    await expect(open()).rejects.toThrow();
  });
});

describe('databaseWorkerScript', () => {
  it('from source: the .ts script beside it, run with tsx', () => {
    const script = databaseWorkerScript('file:///repo/main/core/db/worker-script.ts');
    expect(script.url.href).toBe('file:///repo/main/core/db/database-worker.ts');
    expect(script.execArgv?.[0]).toBe('--import');
    expect(script.execArgv?.[1]).toMatch(/tsx\/dist\/loader\.mjs$/);
  });

  it('built: the bundle beside main.js (scripts/build-electron.mjs), plain Node', () => {
    const script = databaseWorkerScript('file:///app/resources/app.asar/build/main/electron/main.js');
    expect(script).toEqual({ url: new URL('file:///app/resources/app.asar/build/main/electron/database-worker.js') });
  });
});
