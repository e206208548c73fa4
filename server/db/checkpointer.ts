/**
 * WAL checkpoints on a worker thread. A checkpoint copies committed pages from the WAL into the database
 * file and, with synchronous=NORMAL, fsyncs both: tens to hundreds of milliseconds of disk wait. Run by
 * the platform's own connection (SQLite's autocheckpoint) that wait stalls the event loop — every
 * request and event waits behind it. Here a second connection on its own thread checkpoints (PASSIVE: it
 * never waits for the writer, and holds no lock the writer needs for longer than a lock handover) every
 * CHECKPOINT_INTERVAL_MS, so the disk wait overlaps the platform's work. Durability is unchanged: commits
 * are durable once the WAL holding them is fsynced (wal-file.ts), checkpoint or not; a checkpoint fsyncs
 * the WAL before it copies and the database file after, which the WAL's reset relies on.
 *
 * The worker is plain JavaScript evaluated from a string, so it runs the same under tsx, vitest and plain
 * node; it loads the same better-sqlite3 as the platform.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_INTERVAL_MS = 100;

/** Values of the word the worker and `stop()` share: its connection is open (or opening), or closed for good. */
const RUNNING = 0;
const CLOSED = 1;
/** How long `stop()` waits for the worker at most: a checkpoint in progress (an fsync or two), never more. */
const STOP_WAIT_MS = 5_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
// Tells stop() (blocked in Atomics.wait on the platform's thread) that this connection is gone.
function closed() {
  Atomics.store(state, 0, ${CLOSED});
  Atomics.notify(state, 0);
  parentPort.close();
}
(function run() {
  let db;
  try {
    const Database = require(workerData.driver);
    // Never create a database: the platform's connection made it, and one closed and removed stays so.
    db = new Database(workerData.file, { fileMustExist: true });
    // Never wait for a lock: a checkpoint that cannot run now simply runs next time.
    db.pragma('busy_timeout = 0');
    // The checkpointing connection decides whether a checkpoint fsyncs: keep it as durable as the writer.
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    try { db?.close(); } catch {}
    closed();
    return;
  }
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint.run();
    } catch (err) {
      // SQLITE_BUSY and the like: try again at the next tick.
    }
  }, workerData.intervalMs);
  parentPort.on('message', (message) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    try { db.close(); } finally { closed(); }
  });
})();
`;

export interface Checkpointer {
  /**
   * Stop checkpointing and close the worker's connection; returns once it is closed. Synchronous on
   * purpose: whoever closes the database (shutdown, a test removing its directory) may rely on no other
   * connection touching the files afterwards — a checkpoint still running, or a connection still opening,
   * would otherwise write or recreate the WAL behind their back.
   */
  stop(): void;
}

export function startCheckpointer(file: string, intervalMs: number = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs, state: state.buffer } });
  // The worker must never keep the process alive, nor crash it. Should it fail, the platform's own
  // connection still checkpoints once the WAL passes its threshold (database.ts): slower, never unbounded.
  worker.unref();
  worker.on('error', () => undefined);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      // The worker answers on its own thread (a message needs nothing from this one), so waiting here is
      // safe; it is short unless a checkpoint is mid-fsync, and bounded should the worker have died.
      Atomics.wait(state, 0, RUNNING, STOP_WAIT_MS);
    },
  };
}
