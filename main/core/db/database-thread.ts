/**
 * The core's loop side of the database thread (database-worker.ts): starts it, calls the cache and the
 * outbox store by message, and answers each call's promise with what came back — or with a typed
 * `DatabaseError`.
 *
 * Calls are answered in the order they were made (the thread serves one message at a time), so a caller
 * that needs "this write, then that read" gets it by making the calls in that order.
 *
 * If the thread dies (a native crash, an out-of-memory), every call waiting on it fails with
 * `DatabaseError('thread-stopped')`, the loss is logged, and a new thread reopens the files: nothing
 * committed is lost — the outbox commits each action with `synchronous = FULL` before it is shown — and a
 * bulk load it interrupted is finished at reopen (Cache#repairDeferredFts). Calls made meanwhile wait for
 * the new thread. A thread that cannot open the files again after a few tries is given up: calls then fail
 * with `DatabaseError('unavailable')`.
 */
import { Worker } from 'node:worker_threads';
import { SwitchboardError, ERROR_CODES, type ErrorCode } from '../../../common/errors';
import type { CacheOpenReport } from '../cache/open-cache';
import { PlatformError } from '../platform/platform-error';
import { errorFields, silentLog, type CoreLog } from '../log/core-log';
import {
  CACHE_METHODS,
  FromDatabaseSchema,
  OUTBOX_METHODS,
  SNAPSHOT_METHODS,
  type DatabaseFiles,
  type DatabaseWorkerData,
  type FromDatabase,
  type RemoteCache,
  type RemoteOutboxStore,
  type RemoteSnapshotPages,
  type Thrown,
  type ToDatabase,
} from './protocol';
import { databaseWorkerScript } from './worker-script';

export type DatabaseErrorKind = 'failed' | 'thread-stopped' | 'unavailable' | 'closed';

/** A call to the database that did not succeed; `kind` says whether the call or the thread failed. */
export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    readonly method: string | null = null,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** How many times in a row a new thread may fail to open the files before the database is given up. */
const MAX_REOPEN_ATTEMPTS = 3;

export type DatabaseThreadOptions = DatabaseFiles & {
  log?: CoreLog;
  /** how a thread is started; tests wrap it to reach the Worker (and stop it, as a crash would) */
  startWorker?: (files: DatabaseFiles) => Worker;
  /** a new thread reopened the files after the previous one died */
  onReopened?: (report: CacheOpenReport) => void;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; method: string };

/** Start the database thread the way the core does (tests wrap this to reach the Worker). */
export function startDatabaseWorker(files: DatabaseFiles): Worker {
  const script = databaseWorkerScript();
  const workerData: DatabaseWorkerData = { role: 'switchboard-database', ...files };
  return new Worker(script.url, { workerData, ...(script.execArgv ? { execArgv: script.execArgv } : {}) });
}

type Target = ToDatabase extends infer M ? (M extends { target: infer T } ? T : never) : never;

/**
 * An error from the thread as the caller sees it: a platform error (a snapshot page refused) keeps its
 * status, a contract error its code; anything else is a DatabaseError.
 */
function errorOf(error: Thrown, method: string | null): Error {
  if (error.code !== undefined && (ERROR_CODES as readonly string[]).includes(error.code)) {
    const code = error.code as ErrorCode;
    if (error.name === 'PlatformError' && error.status !== undefined) return new PlatformError(code, error.message, error.status, error.retryable ?? false, error.fields);
    return new SwitchboardError(code, error.message, error.fields);
  }
  return new DatabaseError('failed', method === null ? error.message : `${method}: ${error.message}`, method);
}

export class DatabaseThread {
  readonly cache: RemoteCache;
  readonly store: RemoteOutboxStore;
  readonly snapshot: RemoteSnapshotPages;
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing: Promise<void> | null = null;
  private failedOpens = 0;
  private everOpened = false;
  private unavailable: string | null = null;
  private readonly log: CoreLog;
  private readonly startWorker: (files: DatabaseFiles) => Worker;
  /** settles when the current thread has opened the files (or failed to) */
  private ready: Promise<{ report: CacheOpenReport; repairedFullText: boolean }>;

  private constructor(private readonly options: DatabaseThreadOptions) {
    this.log = options.log ?? silentLog();
    this.startWorker = options.startWorker ?? startDatabaseWorker;
    this.cache = this.remote('cache', CACHE_METHODS) as RemoteCache;
    this.store = this.remote('outbox', OUTBOX_METHODS) as RemoteOutboxStore;
    this.snapshot = this.remote('snapshot', SNAPSHOT_METHODS) as RemoteSnapshotPages;
    ({ worker: this.worker, ready: this.ready } = this.spawn());
  }

  /** Start the thread and wait until both files are open; throws (and stops it) when they cannot be. */
  static async open(options: DatabaseThreadOptions): Promise<{ thread: DatabaseThread; report: CacheOpenReport; repairedFullText: boolean }> {
    const thread = new DatabaseThread(options);
    const opened = await thread.ready;
    return { thread, ...opened };
  }

  /** Close both files and end the thread; calls after this fail with `DatabaseError('closed')`. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const worker = this.worker;
      worker.once('exit', () => resolve());
      worker.postMessage({ kind: 'close' } satisfies ToDatabase);
    });
    return this.closing;
  }

  private remote(target: Target, methods: readonly string[]): Record<string, (...args: unknown[]) => Promise<unknown>> {
    return Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => this.call(target, method, args)]));
  }

  private call(target: Target, method: string, args: unknown[]): Promise<unknown> {
    if (this.closing !== null) return Promise.reject(new DatabaseError('closed', `${method}: the desktop core's database is closed`, method));
    if (this.unavailable !== null) return Promise.reject(new DatabaseError('unavailable', `${method}: ${this.unavailable}`, method));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      // A worker still starting (or restarting) queues the message until it listens.
      this.worker.postMessage({ kind: 'call', id, target, method, args } as ToDatabase);
    });
  }

  private spawn(): { worker: Worker; ready: Promise<{ report: CacheOpenReport; repairedFullText: boolean }> } {
    const worker = this.startWorker({ cacheFile: this.options.cacheFile, outboxFile: this.options.outboxFile });
    let settleReady!: { resolve: (opened: { report: CacheOpenReport; repairedFullText: boolean }) => void; reject: (error: Error) => void };
    const ready = new Promise<{ report: CacheOpenReport; repairedFullText: boolean }>((resolve, reject) => (settleReady = { resolve, reject }));
    let opened = false;
    let lastError: Error | null = null;
    worker.on('message', (raw: unknown) => {
      const parsed = FromDatabaseSchema.safeParse(raw);
      if (!parsed.success) {
        this.log.error({ problem: parsed.error.message }, 'database: a malformed message from the database thread (ignored)');
        return;
      }
      const message: FromDatabase = parsed.data;
      if (message.kind === 'ready') {
        opened = true;
        this.everOpened = true;
        this.failedOpens = 0;
        settleReady.resolve({ report: message.report, repairedFullText: message.repairedFullText });
      } else if (message.kind === 'fatal') {
        lastError = errorOf(message.error, null);
      } else if (message.kind === 'reply') {
        const waiting = this.pending.get(message.id);
        if (waiting === undefined) return;
        this.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(errorOf(message.error, waiting.method));
      }
    });
    worker.on('error', (error: unknown) => {
      lastError = error instanceof Error ? error : new Error(String(error));
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      if (!opened) settleReady.reject(lastError ?? new DatabaseError('failed', `the database thread stopped (exit code ${code}) before it opened the files`));
      if (this.closing !== null) {
        this.failAll((method) => new DatabaseError('closed', `${method}: the desktop core's database is closed`, method));
        return;
      }
      if (!this.everOpened) {
        // The first start failed: `open` rejects with why; there is nothing to reopen.
        this.unavailable = `the database files could not be opened (${lastError?.message ?? `exit code ${code}`})`;
        this.failAll((method) => new DatabaseError('unavailable', `${method}: ${this.unavailable}`, method));
        return;
      }
      this.onUnexpectedExit(code, lastError, opened);
    });
    return { worker, ready };
  }

  /** The thread died: fail what waited on it, and reopen the files in a new one (a few tries at most). */
  private onUnexpectedExit(code: number, error: Error | null, wasOpen: boolean): void {
    const why = error?.message ?? `exit code ${code}`;
    this.failAll((method) => new DatabaseError('thread-stopped', `${method}: the database thread stopped (${why}); it is being reopened`, method));
    if (!wasOpen) this.failedOpens += 1;
    if (this.failedOpens >= MAX_REOPEN_ATTEMPTS) {
      this.unavailable = `the database could not be reopened after ${this.failedOpens} tries (last: ${why})`;
      this.log.fatal({ reason: why }, `database: ${this.unavailable}`);
      return;
    }
    this.log.error({ reason: why, ...(error ? errorFields(error) : {}) }, 'database: the database thread stopped unexpectedly; reopening the files in a new one');
    const next = this.spawn();
    this.worker = next.worker;
    this.ready = next.ready;
    next.ready.then(
      (opened) => {
        this.log.warn({ cache: opened.report, repairedFullText: opened.repairedFullText }, 'database: reopened after the database thread stopped');
        this.options.onReopened?.(opened.report);
      },
      // the new thread's exit handler counts the failure and tries again or gives up
      (reopenError: unknown) => this.log.error(errorFields(reopenError), 'database: reopening the files failed'),
    );
  }

  private failAll(error: (method: string) => Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const call of waiting) call.reject(error(call.method));
  }
}
