/**
 * The platform's own handle on SQLite's write-ahead log (`switchboard.sqlite-wal`), to make commits
 * durable off the event loop: SQLite commits at synchronous=NORMAL (it writes the transaction's frames to
 * the WAL and returns without an fsync), then `sync()` fdatasyncs the WAL on libuv's thread pool and the
 * commit's answers wait for it. Why that is as power-safe as synchronous=FULL:
 *
 * - fsync is per file, not per descriptor: an fdatasync through this handle flushes every write made to
 *   the WAL before it began, whoever made it — the commit's frames included, since SQLite's write() calls
 *   returned before the commit did. fdatasync also flushes the file size, which appended frames change.
 *   An answer therefore waits for an fdatasync that *started after* its commit returned (sync-pipeline.ts).
 * - One file for the whole run: SQLite deletes the WAL only when the last connection to the database
 *   closes (or the journal mode changes); the platform's connection stays open until shutdown. A
 *   checkpoint followed by a WAL reset rewrites the same file from its start (new salts, so recovery
 *   ignores the older frames behind the new ones), and `journal_size_limit` only truncates it: the inode
 *   never changes (tests/unit/server/db/database.test.ts checks it across resets).
 * - A WAL reset is safe against a power cut: it happens only once a checkpoint has copied every frame into
 *   the database file and fsynced it (the checkpointer runs at NORMAL, which syncs checkpoints), so frames
 *   that are overwritten are durable in the database already; and SQLite syncs the new WAL header itself
 *   before the first frame after a reset (at NORMAL too), so later frames are never taken for the old ones.
 * - The file's directory entry: fsynced once when the handle opens (the WAL exists by then).
 *
 * What the platform gives up against FULL: nothing for answers and events (both wait for the sync); a read
 * on the platform's connection may see a change a moment before it is durable — as it already sees the
 * open batch's uncommitted changes (one connection, group commit).
 */
import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import path from 'node:path';

export class WalFile {
  private readonly fd: number;
  /** fdatasyncs on the thread pool that have not called back: the descriptor stays open until they have */
  private inFlight = 0;
  private closed = false;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
    // The WAL's own entry in its directory must survive a power cut too.
    const dir = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }

  /** Resolves once every write made to the WAL before this call is on disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    this.inFlight++;
    return new Promise((resolve, reject) => {
      fdatasync(this.fd, (err) => {
        this.inFlight--;
        // Closed meanwhile: close the descriptor now that no queued call can still use it (a descriptor
        // closed under a queued fdatasync could be reused by another file and the wrong file synced).
        if (this.closed && this.inFlight === 0) closeSync(this.fd);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  /** The same, on this thread (on open and at shutdown, where waiting is fine). */
  syncNow(): void {
    fdatasyncSync(this.fd);
  }

  /** Sync once more on this thread (shutdown: the last commits), then close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.syncNow();
    } finally {
      if (this.inFlight === 0) closeSync(this.fd);
    }
  }
}
