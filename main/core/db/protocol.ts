/**
 * The messages between the core's loop and the database thread (database-thread.ts ↔ database-worker.ts),
 * structured-cloned by worker_threads. A call names one method of the cache (cache/cache-api.ts) or the
 * outbox store (outbox/outbox-store.ts) and its arguments; the answer is its return value or the error it
 * threw, as data. The method lists are checked against the classes at compile time, so the two sides
 * cannot drift; both sides check each envelope with zod as it arrives.
 */
import { z } from 'zod';
import type { CacheApi } from '../cache/cache-api';
import type { CacheOpenReport } from '../cache/open-cache';
import type { OutboxStore } from '../outbox/outbox-store';
import type { SnapshotPages } from '../sync/snapshot-pages';

/** The names of T's methods. */
type MethodName<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T] & string;

/** T's methods, each answering by promise: how the loop sees an object that lives on the database thread. */
export type Remote<T> = { [K in MethodName<T>]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

/** Compile-time: `Listed` names exactly the methods of T (a missing or stale name fails `tsc`). */
type ExactlyMethods<T, Listed extends string> = [MethodName<T>] extends [Listed] ? ([Listed] extends [MethodName<T>] ? true : false) : false;
function exactly<T>() {
  return <const L extends readonly MethodName<T>[]>(list: L & (ExactlyMethods<T, L[number]> extends true ? unknown : never)): L => list;
}

export const CACHE_METHODS = exactly<CacheApi>()([
  'getItem', 'upsertItem', 'replaceItem', 'removeItems', 'countItems', 'listInbox', 'listOutbound', 'listOpenOffers',
  'listLiveItems', 'pruneHistory', 'applyItemAnswer', 'getSyncState', 'resetForUser', 'beginSnapshot', 'writeSnapshotPage',
  'finishSnapshot', 'applyEvent', 'replaceQueues', 'listQueues', 'saveDispositions', 'getDispositions', 'savePresence',
  'getPresence', 'getSettings', 'setSetting', 'saveMessages', 'addPendingMessage', 'dropPendingMessage', 'listMessages',
]);

/** The outbox store's methods but `close`, which only the database thread calls (on the core's close). */
type OutboxStoreApi = Omit<OutboxStore, 'close'>;
export const OUTBOX_METHODS = exactly<OutboxStoreApi>()([
  'add', 'head', 'all', 'count', 'recordAttempt', 'remove', 'completeCreate', 'getSession', 'saveSession', 'clearSession',
]);

/** A first sync's pages, fetched and written on the thread (sync/snapshot-pages.ts). */
export const SNAPSHOT_METHODS = exactly<SnapshotPages>()(['fetchPage', 'writePage']);

export type RemoteCache = Remote<CacheApi>;
export type RemoteSnapshotPages = Remote<SnapshotPages>;
export type RemoteOutboxStore = Remote<OutboxStoreApi>;

/** Where the two files are. */
export type DatabaseFiles = { cacheFile: string; outboxFile: string };

/**
 * What the database thread is started with (workerData). The role marks a thread started for this: the
 * script refuses to serve anywhere else (the main thread, or a test runner's own worker thread).
 */
export const DatabaseWorkerDataSchema = z.object({ role: z.literal('switchboard-database'), cacheFile: z.string().min(1), outboxFile: z.string().min(1) });
export type DatabaseWorkerData = z.infer<typeof DatabaseWorkerDataSchema>;

/** The loop → the database thread. */
export const ToDatabaseSchema = z.union([
  z.object({ kind: z.literal('call'), id: z.number().int(), target: z.literal('cache'), method: z.enum(CACHE_METHODS), args: z.array(z.unknown()) }),
  z.object({ kind: z.literal('call'), id: z.number().int(), target: z.literal('outbox'), method: z.enum(OUTBOX_METHODS), args: z.array(z.unknown()) }),
  z.object({ kind: z.literal('call'), id: z.number().int(), target: z.literal('snapshot'), method: z.enum(SNAPSHOT_METHODS), args: z.array(z.unknown()) }),
  z.object({ kind: z.literal('close') }),
]);
export type ToDatabase = z.infer<typeof ToDatabaseSchema>;

/** An error thrown on the database thread, as data: a contract error keeps its code and fields. */
const ThrownSchema = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** a platform error's HTTP status and whether a retry may succeed (platform-error.ts) */
  status: z.number().int().optional(),
  retryable: z.boolean().optional(),
});
export type Thrown = z.infer<typeof ThrownSchema>;

const OpenReportSchema = z.object({ rebuilt: z.boolean(), problem: z.string().nullable(), movedTo: z.string().nullable() }) satisfies z.ZodType<CacheOpenReport>;

/** The database thread → the loop. */
export const FromDatabaseSchema = z.union([
  /** both files are open: how the cache opened, and whether a crash's unbuilt full-text index was rebuilt */
  z.object({ kind: z.literal('ready'), report: OpenReportSchema, repairedFullText: z.boolean() }),
  z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(false), error: ThrownSchema }),
  /** the files could not be opened; the thread ends after this */
  z.object({ kind: z.literal('fatal'), error: ThrownSchema }),
  z.object({ kind: z.literal('closed') }),
]);
export type FromDatabase = z.infer<typeof FromDatabaseSchema>;

export function thrown(error: unknown): Thrown {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const withCode = error as Error & { code?: unknown; fields?: unknown; status?: unknown; retryable?: unknown };
  const out: Thrown = { name: error.name, message: error.message };
  if (typeof withCode.code === 'string') out.code = withCode.code;
  if (typeof withCode.status === 'number' && Number.isInteger(withCode.status)) out.status = withCode.status;
  if (typeof withCode.retryable === 'boolean') out.retryable = withCode.retryable;
  const fields = z.array(z.object({ path: z.string(), message: z.string() })).safeParse(withCode.fields);
  if (fields.success) out.fields = fields.data;
  return out;
}
