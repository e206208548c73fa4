/**
 * The desktop core: the one implementation of every operation in common/desktop-api.ts, over the cache,
 * the outbox and sync. Electron-agnostic — the Electron shell, the browser-mode host and the tests all
 * drive it through `invoke` and `subscribe`, and nothing is ever thrown across: every call resolves to
 * `{ok: true, value} | {ok: false, error}`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DESKTOP_OPERATIONS, type ApiResult, type EventName, type OperationName } from '../../common/desktop-api';
import { SwitchboardError, validationError } from '../../common/errors';
import { Cache, DEFAULT_HISTORY_DAYS } from './cache/cache';
import { openCacheDatabase, type CacheOpenReport } from './cache/open-cache';
import { CoreEvents } from './core-events';
import { isOutboxOperation } from './outbox/actions';
import { Outbox } from './outbox/outbox';
import { OutboxStore, type StoredSession } from './outbox/outbox-store';
import type { Backoff } from './platform/backoff';
import { PlatformClient } from './platform/http-client';
import { PlatformError } from './platform/platform-error';
import { NO_POLICY, setSetting, settingsView, type SettingsPolicy } from './settings';
import { SyncEngine } from './sync/sync-engine';
import { createMemoryTokenStore, type TokenStore } from './token-store';

export const CACHE_FILE = 'cache.db';
export const OUTBOX_FILE = 'outbox.db';
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type DesktopCoreOptions = {
  dataDir: string;
  /** the platform to sign in to when the sign-in request names none (a policy value wins over both) */
  platformUrl?: string;
  now?: () => number;
  tokenStore?: TokenStore;
  /** the IT policy: values that override user settings, keys the agent cannot change */
  policy?: SettingsPolicy;
  /** how long final items stay in the cache */
  historyDays?: number;
  /** tests shorten reconnect and retry waits with these */
  streamBackoff?: () => Backoff;
  outboxBackoff?: Backoff;
  heartbeatMs?: number;
};

export interface DesktopCore {
  invoke(name: string, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
  /** how the cache opened: whether a damaged file was moved aside and rebuilt, and why */
  readonly cacheReport: CacheOpenReport;
}

/** Each handler names its own request type; `never` accepts them all (the request is checked before the call). */
type Handler = (request: never) => Promise<unknown> | unknown;

function errorOf(error: unknown): ApiResult<never> {
  if (error instanceof SwitchboardError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
  }
  return { ok: false, error: { code: 'INTERNAL', message: `Something went wrong in the desktop core: ${(error as Error)?.message ?? String(error)}` } };
}

export async function createDesktopCore(options: DesktopCoreOptions): Promise<DesktopCore> {
  const now = options.now ?? Date.now;
  const tokenStore = options.tokenStore ?? createMemoryTokenStore();
  const policy = options.policy ?? NO_POLICY;
  const events = new CoreEvents();
  const emit = events.emit;

  const store = OutboxStore.open(path.join(options.dataDir, OUTBOX_FILE));
  const opened = openCacheDatabase(path.join(options.dataDir, CACHE_FILE));
  const cache = new Cache(opened.db);
  cache.repairDeferredFts(); // a crash during a first snapshot left the full-text index unbuilt

  let session: StoredSession | null = store.getSession();
  let client: PlatformClient | null = null;
  let token: string | null = null;
  let closed = false;

  const sync: SyncEngine = new SyncEngine({
    cache: () => cache,
    emit,
    now,
    pendingActions: () => outbox.pending(),
    onOnline: () => outbox.kick(),
    onUnauthorized: () => void signOutLocally(),
    backoff: options.streamBackoff,
    heartbeatMs: options.heartbeatMs,
  });
  const outbox: Outbox = new Outbox({
    store,
    cache: () => cache,
    client: () => client,
    username: () => (client !== null && session !== null ? session.username : null),
    owner: () => session?.username ?? null,
    online: () => sync.isOnline,
    emit,
    now,
    backoff: options.outboxBackoff,
    onPendingChanged: () => sync.publish(),
  });

  /** The cache belongs to one agent on one platform; another one starts from empty. */
  function accountKey(s: StoredSession): string {
    return `${s.username} ${s.platformUrl}`;
  }

  function activate(next: StoredSession, nextToken: string): void {
    session = next;
    token = nextToken;
    client = new PlatformClient(next.platformUrl, nextToken);
    if (cache.getSyncState().username !== accountKey(next)) cache.resetForUser(accountKey(next));
    sync.start({ client, token: nextToken, username: next.username, platformUrl: next.platformUrl });
    outbox.kick();
  }

  async function signOutLocally(): Promise<void> {
    sync.stop();
    client = null;
    token = null;
    await tokenStore.clear();
    sync.publish();
  }

  function requireSession(): { session: StoredSession; client: PlatformClient } {
    if (session === null || client === null) throw new SwitchboardError('UNAUTHENTICATED', 'Sign in first.');
    return { session, client };
  }

  const policyPlatformUrl = typeof policy.values.platformUrl === 'string' ? policy.values.platformUrl : undefined;

  function resolvePlatformUrl(requested: string | undefined): string {
    if (policy.locked.includes('platformUrl') && policyPlatformUrl !== undefined) return policyPlatformUrl;
    const url = requested ?? policyPlatformUrl ?? options.platformUrl ?? session?.platformUrl;
    if (!url) throw new SwitchboardError('VALIDATION_FAILED', 'No platform URL: enter the address of your platform.', [{ path: 'platformUrl', message: 'required' }]);
    return url;
  }

  const sessionView = () => ({
    agent: client !== null && session !== null ? session.agent : null,
    platformUrl: session?.platformUrl ?? policyPlatformUrl ?? options.platformUrl ?? null,
    tokenInMemoryOnly: tokenStore.inMemoryOnly,
  });

  const handlers: Record<OperationName, Handler> = {
    async signIn(request: { platformUrl?: string; username: string; password: string }) {
      const platformUrl = resolvePlatformUrl(request.platformUrl);
      const login = await new PlatformClient(platformUrl).login(request.username, request.password);
      await tokenStore.save(login.token);
      const next: StoredSession = { platformUrl, username: login.agent.username, agent: login.agent };
      store.saveSession(next);
      activate(next, login.token);
      return sessionView();
    },
    async signOut() {
      await signOutLocally();
      return { done: true };
    },
    getSession: () => sessionView(),
    getConnection: () => sync.state,
    listInbox: (request: Parameters<typeof cache.listInbox>[0]) => cache.listInbox(request, now()),
    listOutbound: () => (session === null ? [] : cache.listOutbound(session.username)),
    async getWorkItem(request: { workitemId: string }) {
      const cached = cache.getItem(request.workitemId);
      if (cached) return cached;
      const item = await requireSession().client.getWorkItem(request.workitemId);
      cache.upsertItem(item);
      return item;
    },
    /** From the platform when online (and kept); from the cache when it cannot be reached. */
    async listMessages(request: { workitemId: string }) {
      if (client !== null && sync.isOnline) {
        try {
          cache.messages.save(request.workitemId, await client.listMessages(request.workitemId));
        } catch (error) {
          if (!(error instanceof PlatformError && error.retryable)) throw error;
        }
      }
      return cache.messages.list(request.workitemId);
    },
    async markMessagesRead(request: { workitemId: string }) {
      const item = await requireSession().client.markMessagesRead(request.workitemId, randomUUID());
      if (cache.upsertItem(item)) emit('itemsChanged', { items: [item], removed: [] });
      return item;
    },
    async getPresence() {
      const { session: s, client: c } = requireSession();
      const cached = cache.getPresence(s.username);
      if (cached) return cached;
      const agent = await c.me();
      cache.savePresence(agent.presence);
      return agent.presence;
    },
    listQueues: () => cache.listQueues(),
    async listDispositions(request: { queueId?: string }) {
      const queueId = request.queueId ?? null;
      try {
        const codes = await requireSession().client.getDispositions(queueId);
        cache.saveDispositions(codes, now());
        return codes;
      } catch (error) {
        // Offline, the codes seen last are good enough to dispositon with (the outbox sends it later).
        const cached = cache.getDispositions(queueId);
        if (cached) return cached;
        throw error;
      }
    },
    getSettings: () => settingsView(cache, policy),
    setSetting(request: { key: string; value: unknown }) {
      const view = setSetting(cache, policy, request.key, request.value);
      emit('settingsChanged', view);
      return view;
    },
    // Agent actions: through the outbox (see outbox/outbox.ts for what each resolves with).
    accept: null!, decline: null!, hold: null!, hangup: null!, disposition: null!, transfer: null!, conference: null!,
    dial: null!, skip: null!, setTaskStatus: null!, createTask: null!, createCallback: null!, addNote: null!,
    sendMessage: null!, setPresence: null!,
  };

  async function invoke(name: string, request: unknown): Promise<ApiResult<unknown>> {
    if (closed) return { ok: false, error: { code: 'INTERNAL', message: 'The desktop core is shut down.' } };
    if (!Object.hasOwn(DESKTOP_OPERATIONS, name)) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no operation named "${name}".` } };
    const operation = name as OperationName;
    const parsed = DESKTOP_OPERATIONS[operation].request.safeParse(request ?? {});
    if (!parsed.success) return errorOf(validationError(parsed.error, `${operation} request`));
    try {
      if (isOutboxOperation(operation)) return await outbox.submit(operation, parsed.data as Record<string, unknown>);
      return { ok: true, value: await (handlers[operation] as (request: unknown) => unknown)(parsed.data) };
    } catch (error) {
      return errorOf(error);
    }
  }

  cache.pruneHistory(now(), options.historyDays ?? DEFAULT_HISTORY_DAYS);
  const pruneTimer = setInterval(() => {
    const removed = cache.pruneHistory(now(), options.historyDays ?? DEFAULT_HISTORY_DAYS);
    if (removed.length > 0) emit('itemsChanged', { items: [], removed });
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  const storedToken = await tokenStore.load();
  if (session !== null && storedToken !== null) activate(session, storedToken);

  return {
    cacheReport: opened.report,
    invoke,
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruneTimer);
      sync.stop();
      outbox.stop();
      cache.close();
      store.close();
    },
  };
}
