/**
 * The desktop core: the one implementation of every operation in common/desktop-api.ts. Electron-agnostic —
 * the Electron shell, the browser-mode host and the tests all drive it through `invoke` and `subscribe`,
 * and nothing is ever thrown across: every call resolves to `{ok: true, value} | {ok: false, error}`.
 *
 * This file only composes: it starts the database thread (which opens the two SQLite files, off this
 * loop: main/core/db), builds the shared parts (sync engine, outbox, session) into one CoreContext, and
 * routes each operation to the one service that answers it (services/index.ts lists them; each service is
 * one job).
 */
import path from 'node:path';
import { DESKTOP_OPERATIONS, type ApiResult, type EventName, type OperationName } from '../../common/desktop-api';
import { checkOperationResult } from '../../common/desktop-api-checks';
import { validationError } from '../../common/errors';
import { errorResult } from './api-result';
import type { CacheOpenReport } from './cache/open-cache';
import { CoreEvents } from './core-events';
import { DatabaseThread } from './db/database-thread';
import { LiveItems } from './live-items';
import { errorFields, openCoreLog, silentLog } from './log/core-log';
import { Outbox } from './outbox/outbox';
import { NO_POLICY, UserSettings } from './settings';
import type { CoreContext, CoreService, DesktopCoreOptions } from './services/context';
import { CORE_SERVICES } from './services';
import { routeOperations } from './services/routes';
import { SessionService } from './services/session-service';
import { SyncEngine } from './sync/sync-engine';
import { createMemoryTokenStore } from './token-store';

export type { DesktopCoreOptions } from './services/context';

export const CACHE_FILE = 'cache.db';
export const OUTBOX_FILE = 'outbox.db';

export interface DesktopCore {
  invoke(name: string, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
  /** how the cache opened: whether a damaged file was moved aside and rebuilt, and why */
  readonly cacheReport: CacheOpenReport;
}

export async function createDesktopCore(options: DesktopCoreOptions): Promise<DesktopCore> {
  const now = options.now ?? Date.now;
  const tokenStore = options.tokenStore ?? createMemoryTokenStore();
  const policy = options.policy ?? NO_POLICY;
  // A log the caller gave is the caller's to close; the default one (in the data dir) is ours.
  const ownLog = options.log === undefined ? await openCoreLog(options.dataDir) : null;
  const log = options.log ?? ownLog?.log ?? silentLog();
  const events = new CoreEvents(log);
  const emit = events.emit;

  let database: DatabaseThread;
  let opened: { report: CacheOpenReport; repairedFullText: boolean };
  let settings: UserSettings;
  try {
    ({ thread: database, ...opened } = await DatabaseThread.open({
      cacheFile: path.join(options.dataDir, CACHE_FILE),
      outboxFile: path.join(options.dataDir, OUTBOX_FILE),
      log,
      startWorker: options.startDatabaseWorker,
    }));
    settings = await UserSettings.load(database.cache);
  } catch (error) {
    // Say why in the log the agent can send to support, then fail the start as before.
    log.fatal(errorFields(error), 'core: cannot open the data files');
    await ownLog?.close();
    throw error;
  }
  const { cache, store } = database;
  if (opened.report.problem) log.warn({ cache: opened.report }, 'cache: the cache file was damaged and rebuilt');
  if (opened.repairedFullText) log.info('cache: rebuilt the full-text index a crash left unbuilt');

  const session = new SessionService({ store, tokenStore, cache, policy, defaultPlatformUrl: options.platformUrl });
  const liveItems = new LiveItems(cache, () => session.current?.stored.username ?? null, log);
  events.subscribe((event, payload) => liveItems.observe(event, payload));
  const sync: SyncEngine = new SyncEngine({
    cache,
    snapshot: database.snapshot,
    emit,
    now,
    pendingActions: () => outbox.pending(),
    onOnline: () => outbox.kick(),
    onUnauthorized: (message) => {
      log.warn({ reason: message }, 'session: the platform refused the token; signing out');
      session.signOutLocally().catch((error: unknown) => log.error(errorFields(error), 'session: signing out after a refused token failed'));
    },
    backoff: options.streamBackoff,
    heartbeatMs: options.heartbeatMs,
    log,
  });
  const outbox: Outbox = new Outbox({
    store,
    cache,
    client: () => session.current?.client ?? null,
    username: () => session.current?.stored.username ?? null,
    owner: () => session.lastUsername,
    online: () => sync.isOnline,
    emit,
    now,
    backoff: options.outboxBackoff,
    onPendingChanged: () => sync.publish(),
    // an accept's POST leaves before its row is written, from the loop's mirror of the item (outbox.ts)
    peekItem: (workitemId) => liveItems.get(workitemId),
    log,
  });

  const context: CoreContext = { options, now, emit, log, policy, tokenStore, cache, store, settings, liveItems, sync, outbox, session };
  const services: CoreService[] = [...CORE_SERVICES.map((create) => create(context)), session];
  const routes = routeOperations(services);
  const checkResults = options.checkResults ?? process.env.NODE_ENV !== 'production';
  let closed = false;

  async function invoke(name: string, request: unknown): Promise<ApiResult<unknown>> {
    if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'The desktop core is shut down.' } };
    if (!Object.hasOwn(DESKTOP_OPERATIONS, name)) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no operation named "${name}".` } };
    const operation = name as OperationName;
    const parsed = DESKTOP_OPERATIONS[operation].request.safeParse(request ?? {});
    if (!parsed.success) return errorResult(validationError(parsed.error, `${operation} request`));
    const handler = routes.get(operation);
    if (handler === undefined) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no operation named "${name}".` } };
    let result: ApiResult<unknown>;
    try {
      result = { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      result = errorResult(error);
      // Refusals are answers; an INTERNAL error is a bug or a broken part, which support needs to see.
      if (!result.ok && result.error.code === 'INTERNAL') log.error({ operation, ...errorFields(error) }, `core: ${operation} failed`);
    }
    if (!checkResults) return result;
    // On a mismatch the error names it; otherwise the answer leaves exactly as the handler gave it.
    const checked = checkOperationResult(operation, result);
    if (checked.violation !== null) log.error({ operation }, `core: ${checked.violation}`);
    return checked.violation === null ? result : checked.result;
  }

  // The session starts last: resuming it starts sync, which the other services must be ready for.
  for (const service of services) await service.start?.();
  // The last agent's pending actions count from the start, signed in or not (the session is loaded now).
  await outbox.refreshPending();
  log.info({ dataDir: options.dataDir, services: services.map((service) => service.name) }, 'core: started');

  return {
    cacheReport: opened.report,
    invoke,
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      for (const service of [...services].reverse()) await service.stop?.();
      await database.close();
      log.info('core: closed');
      await ownLog?.close();
    },
  };
}
