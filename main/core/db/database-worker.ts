/**
 * The database thread: the one place the desktop's SQLite files (cache.db, outbox.db) are opened. It runs
 * in a worker_threads Worker (database-thread.ts starts it), so a 100k-item sync, an index build or a
 * full-text search never holds up the loop that runs SIP signalling, the platform's event stream and
 * IPC. Each message is one call (protocol.ts), answered in the order it came.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CacheApi } from '../cache/cache-api';
import { SnapshotPages } from '../sync/snapshot-pages';
import { openDatabaseFiles, type OpenDatabaseFiles } from './open-database-files';
import { DatabaseWorkerDataSchema, thrown, ToDatabaseSchema, type FromDatabase } from './protocol';

// The point of this thread: the files are never opened on the core's loop (a test asserts the refusal).
const started = DatabaseWorkerDataSchema.safeParse(workerData);
if (isMainThread || parentPort === null || !started.success) throw new Error('database-worker.ts runs only as the database thread that database-thread.ts starts');
const port = parentPort;
const files = started.data;

function send(message: FromDatabase): void {
  port.postMessage(message);
}

function serve(files: OpenDatabaseFiles): void {
  const cache = new CacheApi(files.cache);
  const targets = { cache, outbox: files.store, snapshot: new SnapshotPages(cache) };
  port.on('message', (raw: unknown) => {
    const parsed = ToDatabaseSchema.safeParse(raw);
    if (!parsed.success) {
      // Only the core's own loop talks to this thread: a malformed message is a bug there, logged there.
      const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : -1;
      send({ kind: 'reply', id, ok: false, error: { name: 'DatabaseError', message: `a malformed call to the database thread: ${parsed.error.message}` } });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'close') {
      files.close();
      send({ kind: 'closed' });
      port.close();
      return;
    }
    const { id } = message;
    const fail = (error: unknown) => send({ kind: 'reply', id, ok: false, error: thrown(error) });
    try {
      const target = targets[message.target] as unknown as Record<string, (...args: unknown[]) => unknown>;
      const value = target[message.method](...message.args);
      // Only a snapshot page's fetch answers later (it waits for the network); other calls may be answered meanwhile.
      if (value instanceof Promise) value.then((resolved: unknown) => send({ kind: 'reply', id, ok: true, value: resolved }), fail);
      else send({ kind: 'reply', id, ok: true, value });
    } catch (error) {
      fail(error);
    }
  });
}

let opened: OpenDatabaseFiles;
try {
  opened = openDatabaseFiles(files);
} catch (error) {
  // Said as data, then the thread ends: the loop fails the core's start, or counts a failed reopen.
  send({ kind: 'fatal', error: thrown(error) });
  port.close();
  process.exit(1);
}
send({ kind: 'ready', report: opened.report, repairedFullText: opened.repairedFullText });
serve(opened);
