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

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// Never wait for a lock: a checkpoint that cannot run now simply runs next time.
db.pragma('busy_timeout = 0');
// The checkpointing connection decides whether a checkpoint fsyncs: keep it as durable as the writer.
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let stopped = false;
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (err) {
    // SQLITE_BUSY and the like: try again at the next tick.
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop' || stopped) return;
  stopped = true;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stop checkpointing and close the worker's connection (the worker then exits by itself). */
  stop(): void;
}

export function startCheckpointer(file: string, intervalMs: number = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
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
    },
  };
}
