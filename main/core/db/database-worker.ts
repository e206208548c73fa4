/**
 * The database thread: the one place the desktop's SQLite files (cache.db, outbox.db) are opened. It runs
 * in a worker_threads Worker (database-thread.ts starts it), so a 100k-item sync, an index build or a
 * full-text search never holds up the loop that runs SIP signalling, the platform's event stream and
 * IPC. Each message is one call (protocol.ts), answered in the order it came.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CacheApi } from '../cache/cache-api';
import { openDatabaseFiles, type OpenDatabaseFiles } from './open-database-files';
import { DatabaseFilesSchema, thrown, ToDatabaseSchema, type FromDatabase } from './protocol';

// The point of this thread: refuse to open the files anywhere else (a test asserts the answer).
if (isMainThread || parentPort === null) throw new Error('database-worker.ts runs only as a worker thread (see database-thread.ts)');
const port = parentPort;

function send(message: FromDatabase): void {
  port.postMessage(message);
}

function serve(files: OpenDatabaseFiles): void {
  const targets = { cache: new CacheApi(files.cache), outbox: files.store };
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
    try {
      const target = targets[message.target] as unknown as Record<string, (...args: unknown[]) => unknown>;
      send({ kind: 'reply', id: message.id, ok: true, value: target[message.method](...message.args) });
    } catch (error) {
      send({ kind: 'reply', id: message.id, ok: false, error: thrown(error) });
    }
  });
}

let opened: OpenDatabaseFiles;
try {
  opened = openDatabaseFiles(DatabaseFilesSchema.parse(workerData));
} catch (error) {
  // Said as data, then the thread ends: the loop fails the core's start, or counts a failed reopen.
  send({ kind: 'fatal', error: thrown(error) });
  port.close();
  process.exit(1);
}
send({ kind: 'ready', report: opened.report, repairedFullText: opened.repairedFullText });
serve(opened);
