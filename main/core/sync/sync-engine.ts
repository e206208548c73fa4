/**
 * Sync with the platform: a snapshot of the agent's items, then the live event stream, resumed after
 * every reconnect from the last event APPLIED to the cache.
 *
 * A snapshot is taken when the cache has no position in the stream (first sign-in, a rebuilt cache):
 * the stream is opened first with no `since` (live only) and its events are held back while the
 * snapshot pages are written, then applied; so an item changed during the snapshot is never missed
 * (versions make the overlap harmless). The snapshot's first page says which event seq it reflects; that
 * becomes the position, so held events up to it are skipped and a reconnect resumes right after it.
 * Each event is applied in one cache transaction together with its seq, so the position and the items
 * can never disagree, even after a crash.
 *
 * The cache lives on the database thread (main/core/db), which also fetches, parses and writes the
 * snapshot's pages, so this loop — which also runs SIP signalling — only waits for small answers.
 * Events are applied one after the other in the order they came (one message each), and an event that
 * fails to apply drops the stream, so a reconnect resumes from the last one applied rather than skipping it.
 */
import type { PlatformEvent } from '../../../common/api';
import type { ConnectionState } from '../../../common/desktop-api';
import type { WorkItem } from '../../../common/workitem';
import type { EventApplied } from '../cache/cache-api';
import type { RemoteCache, RemoteSnapshotPages } from '../db/protocol';
import type { Emit } from '../core-events';
import { Backoff } from '../../../common/backoff';
import { EventStream } from '../platform/events-client';
import type { PlatformClient } from '../platform/http-client';
import { errorFields, silentLog, type CoreLog } from '../log/core-log';
import { PlatformError } from '../platform/platform-error';
import { OFFLINE_AFTER_ATTEMPTS, signedOut } from './connection-state';
import type { SnapshotPageHeader, SnapshotSource } from './snapshot-pages';

/** Items per GET /v1/sync/items page: ~4 MB, big enough that per-request costs vanish, small enough to pipeline. */
export const SYNC_PAGE_LIMIT = 5_000;
/** Items per GET /v1/workitems page (its maximum), for platforms without /v1/sync/items. */
export const SNAPSHOT_PAGE_ROWS = 500;
/** Legacy snapshot order: oldest first, so items created while paging land on later pages rather than shifting earlier ones. */
const SNAPSHOT_SORT = 'createdAt asc';
/** An itemsChanged event with more items than this is sent empty: "refresh everything". */
const MAX_ITEMS_PER_CHANGE_EVENT = 500;

/** A snapshot's pages, from either endpoint: the event seq they reflect, whether there is more than one, and writing the next. */
type Pages = { seq: number | null; more: boolean; writeNext: (keepChanged: number) => Promise<{ changed: WorkItem[]; changedCount: number; last: boolean }> };
type LegacyPage = { items: WorkItem[]; nextStart: number | null };

export type SyncSession = { client: PlatformClient; token: string; username: string; platformUrl: string };

export type SyncDeps = {
  cache: RemoteCache;
  /** a first sync's pages, fetched and written on the database thread */
  snapshot: RemoteSnapshotPages;
  emit: Emit;
  now: () => number;
  pendingActions: () => number;
  /** the stream is up again: the outbox should send what waited */
  onOnline: () => void;
  /** the platform refused the token */
  onUnauthorized: (message: string) => void;
  backoff?: () => Backoff;
  heartbeatMs?: number;
  log?: CoreLog;
};

export class SyncEngine {
  private session: SyncSession | null = null;
  private stream: EventStream | null = null;
  private buffer: PlatformEvent[] | null = null;
  /** bumped on every (re)connect and stop, so a stale snapshot or queued event gives up */
  private generation = 0;
  private lostAt: number | null = null;
  private current: ConnectionState;
  /** the seq of the last event applied to the cache (null: none yet, a snapshot is needed) */
  private lastSeq: number | null = null;
  /** events are applied strictly one after the other */
  private applying: Promise<void> = Promise.resolve();

  private readonly log: CoreLog;

  constructor(private readonly deps: SyncDeps) {
    this.log = deps.log ?? silentLog();
    this.current = signedOut(deps.now(), null, 0);
  }

  get state(): ConnectionState {
    return { ...this.current, pendingActions: this.deps.pendingActions() };
  }

  get isOnline(): boolean {
    return this.current.state === 'online';
  }

  /** Start syncing for `session`; resolves once the event stream is opening (the cache's position read). */
  async start(session: SyncSession): Promise<void> {
    this.stop();
    const generation = this.generation;
    this.session = session;
    this.setState({ state: 'connecting', since: this.deps.now(), retryAt: null });
    const position = (await this.deps.cache.getSyncState()).lastSeq;
    if (generation !== this.generation) return;
    this.lastSeq = position;
    this.stream = new EventStream({
      // the client's nodes: a failover seen by the outbox's requests moves the stream too, and back
      baseUrl: session.client.endpoints,
      token: session.token,
      since: () => this.lastSeq,
      onOpen: () => {
        this.onOpen().catch((error: unknown) => this.log.error(errorFields(error), 'sync: applying the stream after it opened failed'));
      },
      onEvent: (event) => this.onEvent(event),
      onDown: (down) => {
        this.log.info({ reason: down.error, attempt: down.attempt, retryAt: down.retryAt }, 'sync: event stream down');
        this.generation += 1;
        this.buffer = null;
        this.lostAt ??= this.deps.now();
        const offline = down.attempt > OFFLINE_AFTER_ATTEMPTS;
        this.setState({ state: offline ? 'offline' : 'reconnecting', since: offline ? this.lostAt : this.deps.now(), retryAt: down.retryAt });
      },
      onUnauthorized: (message) => this.deps.onUnauthorized(message),
      backoff: this.deps.backoff?.(),
      now: this.deps.now,
      heartbeatMs: this.deps.heartbeatMs,
      log: this.log,
    });
    this.stream.start();
  }

  stop(): void {
    this.generation += 1;
    this.stream?.stop();
    this.stream = null;
    this.session = null;
    this.buffer = null;
    this.lostAt = null;
    this.current = signedOut(this.deps.now(), this.lastSeq, this.deps.pendingActions());
  }

  /** Tell the renderer (pending actions changed, or the state did). */
  publish(): void {
    this.deps.emit('connectionChanged', this.state);
  }

  private setState(patch: Pick<ConnectionState, 'state' | 'since' | 'retryAt'>): void {
    this.current = {
      ...patch,
      lastSeq: this.lastSeq ?? 0,
      pendingActions: this.deps.pendingActions(),
      platformUrl: this.session?.platformUrl ?? null,
    };
    this.publish();
  }

  private async onOpen(): Promise<void> {
    const generation = ++this.generation;
    const session = this.session;
    if (!session) return;
    if (this.lastSeq === null) {
      this.buffer = [];
      try {
        await this.snapshot(session, generation);
      } catch (error) {
        // A failed page: drop the connection and try again with backoff.
        this.log.warn(errorFields(error), 'sync: snapshot failed; reconnecting');
        if (generation === this.generation) this.stream?.drop(`snapshot failed: ${(error as Error).message}`);
        return;
      }
      if (generation !== this.generation) return;
      const held = this.buffer ?? [];
      this.buffer = null;
      // Held events the snapshot already reflects are not written again, but an offer, a rescind or a
      // message among them is still news to the renderer. Queued before any live event that comes next.
      for (const event of held) this.enqueue(generation, () => this.applyEvent(event, { announceIfSkipped: true }));
      // An offer made before the stream opened (the agent signed in while it rang) rings now; one whose
      // event was held above has rung already.
      const rung = new Set(held.filter((e) => e.type === 'workitem.offered').map((e) => e.workitem?.workitemId));
      this.enqueue(generation, async () => {
        for (const item of await this.deps.cache.listOpenOffers(session.username, this.deps.now())) {
          if (!rung.has(item.workitemId) && item.offerExpiresAt !== null) this.deps.emit('offerReceived', { item, expiresAt: item.offerExpiresAt });
        }
      });
      await this.applying;
    }
    await this.refreshAgentState(session, generation);
    if (generation !== this.generation) return;
    this.lostAt = null;
    this.setState({ state: 'online', since: this.deps.now(), retryAt: null });
    this.deps.onOnline();
  }

  /**
   * Every item the platform shows this agent, page by page. GET /v1/sync/items (keyset pages of
   * SYNC_PAGE_LIMIT, with the event seq to resume from) is fetched and written on the database thread, the
   * next page fetched while this one is written (sync/snapshot-pages.ts); an older platform without it
   * answers 404, and GET /v1/workitems pages (fetched here, written there) serve instead (no seq: the
   * position comes from the first event applied).
   */
  private async snapshot(session: SyncSession, generation: number): Promise<void> {
    const cache = this.deps.cache;
    // the node the stream just opened on (pages are fetched on the database thread, which takes a plain URL)
    const source: SnapshotSource = { platformUrl: session.client.baseUrl, token: session.token, limit: SYNC_PAGE_LIMIT };
    let pages: Pages;
    try {
      pages = this.syncPages(source, await this.deps.snapshot.fetchPage(source, null));
    } catch (error) {
      if (!(error instanceof PlatformError && error.status === 404)) throw error;
      pages = this.legacyPages(session.client, await this.legacyPage(session.client, 0));
    }
    if (generation !== this.generation) return;
    const wasEmpty = (await cache.countItems()) === 0;
    // Bulk mode (indexes built once at the end) for an empty cache or a snapshot of more than one page.
    await cache.beginSnapshot(wasEmpty || pages.more);
    const changed: WorkItem[] = [];
    let changedCount = 0;
    let completed = false;
    let removed: string[] = [];
    try {
      for (;;) {
        if (generation !== this.generation) break;
        // Only as many changed items come back as the event can still carry: the rest are counted.
        const written = await pages.writeNext(Math.max(0, MAX_ITEMS_PER_CHANGE_EVENT + 1 - changedCount));
        changedCount += written.changedCount;
        if (changedCount <= MAX_ITEMS_PER_CHANGE_EVENT) changed.push(...written.changed);
        if (written.last) {
          completed = generation === this.generation;
          break;
        }
      }
    } finally {
      // Into an empty cache nothing can be stale (held events wait; placeholders stay anyway).
      removed = await cache.finishSnapshot({ completed, removeStale: !wasEmpty, at: this.deps.now(), seq: pages.seq });
    }
    if (!completed) return;
    if (pages.seq !== null) {
      this.lastSeq = pages.seq;
      this.current = { ...this.current, lastSeq: pages.seq };
    }
    const tooMany = changedCount > MAX_ITEMS_PER_CHANGE_EVENT || removed.length > MAX_ITEMS_PER_CHANGE_EVENT;
    this.deps.emit('itemsChanged', tooMany ? { items: [], removed: [] } : { items: changed, removed });
  }

  /** GET /v1/sync/items pages, fetched and written on the database thread: two small messages a page. */
  private syncPages(source: SnapshotSource, first: SnapshotPageHeader): Pages {
    let header: SnapshotPageHeader | null = first;
    return {
      seq: first.seq,
      more: first.nextCursor !== null,
      writeNext: async (keepChanged) => {
        if (header === null) throw new Error('no snapshot page to write');
        const written = await this.deps.snapshot.writePage(source, keepChanged);
        const after = header.nextCursor;
        header = after === null ? null : await this.deps.snapshot.fetchPage(source, after);
        return { ...written, last: after === null };
      },
    };
  }

  /** GET /v1/workitems pages (platforms without /v1/sync/items), fetched here, the next while this one is written. */
  private legacyPages(client: PlatformClient, first: LegacyPage): Pages {
    let page: LegacyPage | null = first;
    return {
      seq: null,
      more: first.nextStart !== null,
      writeNext: async (keepChanged) => {
        if (page === null) throw new Error('no snapshot page to write');
        const { items, nextStart } = page;
        const next = nextStart === null ? null : this.legacyPage(client, nextStart);
        next?.catch(() => {}); // awaited below; do not let an early failure go unhandled
        const written = await this.deps.cache.writeSnapshotPage({ items }, keepChanged);
        page = next === null ? null : await next;
        return { ...written, last: next === null };
      },
    };
  }

  private async legacyPage(client: PlatformClient, start: number): Promise<LegacyPage> {
    const page = await client.listWorkItems({ rows: SNAPSHOT_PAGE_ROWS, start, sort: SNAPSHOT_SORT });
    const nextStart = start + page.items.length;
    return { items: page.items, nextStart: page.items.length > 0 && nextStart < page.total ? nextStart : null };
  }

  /** Queue figures and the agent's presence, fetched on every (re)connect; events keep them current after. */
  private async refreshAgentState(session: SyncSession, generation: number): Promise<void> {
    const cache = this.deps.cache;
    const [queues, agent] = await Promise.allSettled([session.client.listQueues(), session.client.me()]);
    if (generation !== this.generation) return;
    if (queues.status === 'fulfilled') {
      await cache.replaceQueues(queues.value, this.deps.now());
      this.deps.emit('queuesChanged', queues.value);
    }
    if (agent.status === 'fulfilled') {
      await cache.savePresence(agent.value.presence);
      this.deps.emit('presenceChanged', agent.value.presence);
    }
  }

  private onEvent(event: PlatformEvent): void {
    if (this.buffer !== null) {
      this.buffer.push(event);
      return;
    }
    this.enqueue(this.generation, () => this.applyEvent(event));
  }

  /**
   * Run `task` after every task queued before it, unless the connection it belongs to is gone. A task that
   * fails drops the stream: the reconnect resumes after the last event applied, so none is skipped.
   */
  private enqueue(generation: number, task: () => Promise<unknown>): void {
    this.applying = this.applying.then(async () => {
      if (generation !== this.generation) return;
      try {
        await task();
      } catch (error) {
        this.log.error(errorFields(error), 'sync: applying an event failed; reconnecting to resume after the last one applied');
        if (generation === this.generation) {
          this.generation += 1;
          this.stream?.drop(`applying an event failed: ${(error as Error).message}`);
        }
      }
    });
  }

  /**
   * One event, applied with its seq in one transaction on the database thread; events at or below the
   * applied seq are skipped. Returns whether it was applied.
   */
  async applyEvent(event: PlatformEvent, options: { announceIfSkipped?: boolean } = {}): Promise<boolean> {
    const username = this.session?.username ?? null;
    const result = await this.deps.cache.applyEvent(event, username, this.deps.now());
    if (!result.applied) {
      if (options.announceIfSkipped) this.announce(event, result);
      return false;
    }
    this.lastSeq = event.seq;
    this.current = { ...this.current, lastSeq: event.seq };
    if (result.changed) this.deps.emit('itemsChanged', { items: [result.changed], removed: [] });
    if (result.queues) this.deps.emit('queuesChanged', result.queues);
    if (result.presence) this.deps.emit('presenceChanged', result.presence);
    this.announce(event, result);
    return true;
  }

  /** What an event tells the agent beyond the cache: a message, an offer still open (as the cache has it), an offer gone. */
  private announce(event: PlatformEvent, result: EventApplied): void {
    const username = this.session?.username ?? null;
    const now = this.deps.now();
    if (event.type === 'message.created' && event.message) this.deps.emit('messageReceived', event.message);
    if (event.type === 'workitem.offered' && event.workitem) {
      const item = result.offeredItem;
      const expiresAt = event.offer?.expiresAt ?? item?.offerExpiresAt ?? null;
      const forMe = (event.offer?.agentUsername ?? item?.agentUsername) === username;
      if (item && item.state === 'offered' && item.version === event.workitem.version && forMe && expiresAt !== null && expiresAt > now) {
        this.deps.emit('offerReceived', { item, expiresAt });
      }
    }
    if (event.type === 'workitem.offer_rescinded') {
      const workitemId = event.workitem?.workitemId ?? event.workitemId;
      if (workitemId) this.deps.emit('offerRescinded', { workitemId, reason: event.offer?.reason ?? 'CANCELLED' });
    }
  }
}
