/**
 * Makes commits durable in order, one fsync at a time, without holding the event loop: each commit is
 * declared here right after SQLite returned from it, and its `onDurable` runs once an fsync that *started
 * after* the commit has finished (wal-file.ts says why that makes it durable).
 *
 * Pipelining: while fsyncs run, the loop keeps serving; at most `maxInFlight` fsyncs run at once, and
 * commits made while none may start wait for the next one, which starts as soon as one ends and covers
 * every one of them. Commits are called durable in commit order (events are published in seq order): an
 * fsync that ends makes durable every commit made before it began, also those of an earlier fsync still
 * running. `whenFree` lets the platform hold its next commit until an fsync could start for it
 * (service/core.ts): meanwhile the changes keep gathering in one open transaction.
 *
 * A failed fsync leaves the WAL's durability unknown (Linux may drop the dirty pages and report success
 * on the next fsync): the pipeline stays failed and every later commit is refused durability too, until
 * the platform is restarted (SQLite then recovers from what is on disk) — the answer is an error, never
 * a false "done".
 */

/** Makes every write to the WAL made before the call durable. */
export type SyncFn = () => Promise<void>;

/**
 * A store that must see each commit right after it returned, before a sync may be asked to cover it: the
 * PostgreSQL store (db/postgres/) reads the commit's changed rows in `capture` (no transaction is open on
 * the connection then, so it reads only committed rows), and its `sync` ships what was captured.
 */
export interface Durability {
  capture(): void;
  sync: SyncFn;
}

interface Waiter {
  /** the commit's number, in commit order */
  commit: number;
  onDurable(): void;
  onFailed(err: unknown): void;
}

export class SyncPipeline {
  /** commits not yet durable, oldest first */
  private pending: Waiter[] = [];
  /** commits declared so far (the last one's number) */
  private commits = 0;
  /** the last commit an fsync has been started for (it began after that commit returned) */
  private requested = 0;
  private inFlight = 0;
  private failure: unknown = undefined;
  /** run when an fsync slot is free */
  private waitingForSlot: Array<() => void> = [];

  private readonly sync: SyncFn | null;
  private readonly capture: (() => void) | undefined;

  /**
   * `durability` null: no fsync at all (storage.synchronous = normal): commits count as durable at once.
   * `maxInFlight`: fsyncs that may run at once (each began after the commits it is for).
   */
  constructor(
    durability: SyncFn | Durability | null,
    private readonly maxInFlight = 1,
  ) {
    this.sync = typeof durability === 'function' ? durability : (durability?.sync ?? null);
    this.capture = typeof durability === 'object' && durability !== null ? () => durability.capture() : undefined;
  }

  /**
   * A commit has just returned: `onDurable` runs once it is on disk (synchronously when there is nothing
   * to sync), `onFailed` if the fsync failed. Commits are called durable in commit order.
   */
  afterCommit(onDurable: () => void, onFailed: (err: unknown) => void): void {
    if (this.failure !== undefined) return onFailed(this.failure);
    if (this.sync === null) return onDurable();
    try {
      this.capture?.();
    } catch (err) {
      // The commit's changes cannot reach the durable store: like a failed fsync, for good.
      this.failure = err ?? new Error('capturing the commit failed');
      return onFailed(this.failure);
    }
    this.pending.push({ commit: ++this.commits, onDurable, onFailed });
    if (this.inFlight < this.maxInFlight) this.start();
  }

  /**
   * Runs `fn` now if an fsync could start now, else once one could (after the commits of the fsync that
   * ended are called durable).
   */
  whenFree(fn: () => void): void {
    if (this.inFlight < this.maxInFlight) fn();
    else this.waitingForSlot.push(fn);
  }

  private start(): void {
    // The sync starts now, after every commit up to `covers` returned.
    const covers = this.commits;
    this.requested = covers;
    this.inFlight++;
    this.sync!().then(
      () => this.finish(covers, undefined),
      (err: unknown) => this.finish(covers, err ?? new Error('fsync failed')),
    );
  }

  private finish(covers: number, err: unknown): void {
    this.inFlight--;
    if (err !== undefined) this.failure ??= err;
    if (this.failure !== undefined) {
      for (const waiter of this.pending.splice(0)) waiter.onFailed(this.failure);
    } else {
      // This fsync makes every commit up to `covers` durable, also those an earlier, slower fsync was for.
      let durable = 0;
      while (durable < this.pending.length && this.pending[durable].commit <= covers) durable++;
      for (const waiter of this.pending.splice(0, durable)) waiter.onDurable();
      // Commits made since the last fsync began need one of their own.
      if (this.requested < this.commits && this.inFlight < this.maxInFlight) this.start();
    }
    while (this.inFlight < this.maxInFlight && this.waitingForSlot.length > 0) this.waitingForSlot.shift()!();
  }
}
