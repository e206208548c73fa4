/**
 * Makes commits durable in order, one fsync at a time, without holding the event loop: each commit is
 * declared here right after SQLite returned from it, and its `onDurable` runs once an fsync that *started
 * after* the commit has finished (wal-file.ts says why that makes it durable).
 *
 * Pipelining: while one fsync runs, the loop keeps serving; commits made meanwhile all wait for the next
 * fsync, which starts as soon as the running one ends and covers every one of them. So at most one fsync
 * is in flight, each serves every commit made while the previous one ran, and completions come in commit
 * order (events are published in seq order). `whenIdle` lets the platform hold its next commit until the
 * running fsync ends instead (service/core.ts): the changes keep gathering in one open transaction.
 *
 * A failed fsync leaves the WAL's durability unknown (Linux may drop the dirty pages and report success
 * on the next fsync): the pipeline stays failed and every later commit is refused durability too, until
 * the platform is restarted (SQLite then recovers from what is on disk) — the answer is an error, never
 * a false "done".
 */

/** Makes every write to the WAL made before the call durable. */
export type SyncFn = () => Promise<void>;

interface Waiter {
  onDurable(): void;
  onFailed(err: unknown): void;
}

export class SyncPipeline {
  /** commits made while an fsync runs: they wait for the next one */
  private next: Waiter[] = [];
  private running = false;
  private failure: unknown = undefined;
  /** run when no fsync is running */
  private idle: Array<() => void> = [];

  /** `sync` null: no fsync at all (storage.synchronous = normal): commits count as durable at once. */
  constructor(private readonly sync: SyncFn | null) {}

  /**
   * A commit has just returned: `onDurable` runs once it is on disk (synchronously when there is nothing
   * to sync), `onFailed` if the fsync failed.
   */
  afterCommit(onDurable: () => void, onFailed: (err: unknown) => void): void {
    if (this.failure !== undefined) return onFailed(this.failure);
    if (this.sync === null) return onDurable();
    this.next.push({ onDurable, onFailed });
    if (!this.running) this.start();
  }

  /** Runs `fn` now if no fsync is running, else once none is (after its commits are called durable). */
  whenIdle(fn: () => void): void {
    if (this.running) this.idle.push(fn);
    else fn();
  }

  private start(): void {
    const waiters = this.next;
    this.next = [];
    this.running = true;
    // The sync starts now, after every commit in `waiters` returned.
    this.sync!().then(
      () => this.finish(waiters, undefined),
      (err: unknown) => this.finish(waiters, err ?? new Error('fsync failed')),
    );
  }

  private finish(waiters: Waiter[], err: unknown): void {
    this.running = false;
    if (err !== undefined) this.failure ??= err;
    for (const waiter of waiters) {
      if (this.failure === undefined) waiter.onDurable();
      else waiter.onFailed(this.failure);
    }
    if (this.failure !== undefined) for (const waiter of this.next.splice(0)) waiter.onFailed(this.failure);
    if (this.next.length > 0) return this.start();
    for (const fn of this.idle.splice(0)) fn();
  }
}
