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
 */
import type { AgentPresence, PlatformEvent, QueueFigures } from '../../../common/api';
import type { ConnectionState } from '../../../common/desktop-api';
import type { WorkItem } from '../../../common/workitem';
import type { Cache } from '../cache/cache';
import type { Emit } from '../core-events';
import { isPlaceholderId } from '../outbox/actions';
import { Backoff } from '../../../common/backoff';
import { EventStream } from '../platform/events-client';
import type { PlatformClient } from '../platform/http-client';
import { errorFields, silentLog, type CoreLog } from '../log/core-log';
import { PlatformError } from '../platform/platform-error';
import { OFFLINE_AFTER_ATTEMPTS, signedOut } from './connection-state';
import { parseSnapshotPage, type SnapshotEntry } from './snapshot-page';

/** Items per GET /v1/sync/items page: ~4 MB, big enough that per-request costs vanish, small enough to pipeline. */
export const SYNC_PAGE_LIMIT = 5_000;
/** Items per GET /v1/workitems page (its maximum), for platforms without /v1/sync/items. */
export const SNAPSHOT_PAGE_ROWS = 500;
/** Legacy snapshot order: oldest first, so items created while paging land on later pages rather than shifting earlier ones. */
const SNAPSHOT_SORT = 'createdAt asc';
/** An itemsChanged event with more items than this is sent empty: "refresh everything". */
const MAX_ITEMS_PER_CHANGE_EVENT = 500;

/** A snapshot page, from either endpoint, and how to fetch the one after it. */
type Page = { seq: number | null; entries: Iterable<SnapshotEntry>; next: (() => Promise<Page>) | null };

export type SyncSession = { client: PlatformClient; token: string; username: string; platformUrl: string };

export type SyncDeps = {
  cache: () => Cache;
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
  /** bumped on every (re)connect and stop, so a stale snapshot gives up */
  private generation = 0;
  private lostAt: number | null = null;
  private current: ConnectionState;

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

  start(session: SyncSession): void {
    this.stop();
    this.session = session;
    this.setState({ state: 'connecting', since: this.deps.now(), retryAt: null });
    this.stream = new EventStream({
      baseUrl: session.platformUrl,
      token: session.token,
      since: () => this.deps.cache().getSyncState().lastSeq,
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
    this.current = signedOut(this.deps.now(), this.deps.cache().getSyncState().lastSeq, this.deps.pendingActions());
  }

  /** Tell the renderer (pending actions changed, or the state did). */
  publish(): void {
    this.deps.emit('connectionChanged', this.state);
  }

  private setState(patch: Pick<ConnectionState, 'state' | 'since' | 'retryAt'>): void {
    this.current = {
      ...patch,
      lastSeq: this.deps.cache().getSyncState().lastSeq ?? 0,
      pendingActions: this.deps.pendingActions(),
      platformUrl: this.session?.platformUrl ?? null,
    };
    this.publish();
  }

  private async onOpen(): Promise<void> {
    const generation = ++this.generation;
    const session = this.session;
    if (!session) return;
    const cache = this.deps.cache();
    const needsSnapshot = cache.getSyncState().lastSeq === null;
    if (needsSnapshot) {
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
      // message among them is still news to the renderer.
      for (const event of held) if (!this.applyEvent(event)) this.announce(event);
      // An offer made before the stream opened (the agent signed in while it rang) rings now; one whose
      // event was held above has rung already.
      const rung = new Set(held.filter((e) => e.type === 'workitem.offered').map((e) => e.workitem?.workitemId));
      for (const item of cache.listOpenOffers(session.username, this.deps.now())) {
        if (!rung.has(item.workitemId) && item.offerExpiresAt !== null) this.deps.emit('offerReceived', { item, expiresAt: item.offerExpiresAt });
      }
    }
    await this.refreshAgentState(session, generation);
    if (generation !== this.generation) return;
    this.lostAt = null;
    this.setState({ state: 'online', since: this.deps.now(), retryAt: null });
    this.deps.onOnline();
  }

  /**
   * Every item the platform shows this agent, page by page, the next page fetched while this one is
   * written. GET /v1/sync/items (keyset pages of SYNC_PAGE_LIMIT, with the event seq to resume from);
   * an older platform without it answers 404, and GET /v1/workitems pages serve instead (no seq: the
   * position comes from the first event applied).
   */
  private async snapshot(session: SyncSession, generation: number): Promise<void> {
    const cache = this.deps.cache();
    const first = await this.firstSnapshotPage(session);
    if (generation !== this.generation) return;
    const seen = new Set<string>();
    const changed: WorkItem[] = [];
    let changedCount = 0;
    const wasEmpty = cache.countItems() === 0;
    // Bulk mode (indexes built once at the end) for an empty cache or a snapshot of more than one page.
    const bulk = wasEmpty || first.next !== null;
    if (bulk) cache.beginBulkLoad();
    try {
      await this.readPages(cache, first, seen, (applied) => {
        changedCount += applied.changedCount;
        if (changedCount <= MAX_ITEMS_PER_CHANGE_EVENT) changed.push(...applied.changed);
      }, generation);
    } finally {
      if (bulk) cache.endBulkLoad();
    }
    if (generation !== this.generation) return;
    // Into an empty cache nothing can be stale (held events wait; placeholders stay anyway).
    const removed = wasEmpty ? [] : cache.removeItemsNotIn(seen, isPlaceholderId);
    cache.markSnapshot(this.deps.now(), first.seq);
    if (first.seq !== null) this.current = { ...this.current, lastSeq: first.seq };
    const tooMany = changedCount > MAX_ITEMS_PER_CHANGE_EVENT || removed.length > MAX_ITEMS_PER_CHANGE_EVENT;
    this.deps.emit('itemsChanged', tooMany ? { items: [], removed: [] } : { items: changed, removed });
  }

  private async firstSnapshotPage(session: SyncSession): Promise<Page> {
    const client = session.client;
    const syncPage = async (after?: string): Promise<Page> => {
      const page = parseSnapshotPage(await client.syncItems({ after, limit: SYNC_PAGE_LIMIT }));
      const cursor = page.nextCursor;
      return { seq: page.seq, entries: page.entries, next: cursor === null ? null : () => syncPage(cursor) };
    };
    try {
      return await syncPage();
    } catch (error) {
      if (!(error instanceof PlatformError && error.status === 404)) throw error;
    }
    const legacyPage = async (start: number): Promise<Page> => {
      const page = await client.listWorkItems({ rows: SNAPSHOT_PAGE_ROWS, start, sort: SNAPSHOT_SORT });
      const nextStart = start + page.items.length;
      const more = page.items.length > 0 && nextStart < page.total;
      return { seq: null, entries: page.items.map((item) => ({ item, data: JSON.stringify(item) })), next: more ? () => legacyPage(nextStart) : null };
    };
    return legacyPage(0);
  }

  private async readPages(
    cache: Cache,
    first: Page,
    seen: Set<string>,
    onApplied: (applied: { changed: WorkItem[]; changedCount: number }) => void,
    generation: number,
  ): Promise<void> {
    let page = first;
    for (;;) {
      if (generation !== this.generation) return;
      const next = page.next?.() ?? null;
      next?.catch(() => {}); // awaited below; do not let an early failure go unhandled
      const applied = cache.upsertSnapshotItems(page.entries, MAX_ITEMS_PER_CHANGE_EVENT + 1);
      for (const id of applied.ids) seen.add(id);
      onApplied(applied);
      if (!next) return;
      page = await next;
    }
  }

  /** Queue figures and the agent's presence, fetched on every (re)connect; events keep them current after. */
  private async refreshAgentState(session: SyncSession, generation: number): Promise<void> {
    const cache = this.deps.cache();
    const [queues, agent] = await Promise.allSettled([session.client.listQueues(), session.client.me()]);
    if (generation !== this.generation) return;
    if (queues.status === 'fulfilled') {
      cache.replaceQueues(queues.value, this.deps.now());
      this.deps.emit('queuesChanged', queues.value);
    }
    if (agent.status === 'fulfilled') {
      cache.savePresence(agent.value.presence);
      this.deps.emit('presenceChanged', agent.value.presence);
    }
  }

  private onEvent(event: PlatformEvent): void {
    if (this.buffer !== null) {
      this.buffer.push(event);
      return;
    }
    this.applyEvent(event);
  }

  /**
   * One event, applied with its seq in one transaction; events at or below the applied seq are skipped.
   * Returns whether it was applied.
   */
  applyEvent(event: PlatformEvent): boolean {
    const cache = this.deps.cache();
    const username = this.session?.username ?? null;
    const now = this.deps.now();
    let changed: WorkItem | null = null;
    let queuesChanged = false;
    let presence: AgentPresence | null = null;
    const applied = cache.transaction(() => {
      const lastSeq = cache.getSyncState().lastSeq;
      if (lastSeq !== null && event.seq <= lastSeq) return false;
      if (event.workitem) {
        if (cache.upsertItem(event.workitem)) changed = event.workitem;
      }
      // Stored with the event's seq, so a conversation read offline has every message the stream brought.
      if (event.type === 'message.created' && event.message) {
        cache.messages.save(event.workitemId ?? event.message.workitemId, [event.message]);
      }
      if (event.type === 'queue.stats' && event.queue) {
        cache.upsertQueue(event.queue as QueueFigures, now);
        queuesChanged = true;
      }
      if (event.type === 'agent.presence' && event.agent && event.agent.username === username) {
        cache.savePresence(event.agent);
        presence = event.agent;
      }
      cache.setLastSeq(event.seq);
      return true;
    });
    if (!applied) return false;
    this.current = { ...this.current, lastSeq: event.seq };

    if (changed) this.deps.emit('itemsChanged', { items: [changed], removed: [] });
    if (queuesChanged) this.deps.emit('queuesChanged', cache.listQueues());
    if (presence) this.deps.emit('presenceChanged', presence);
    this.announce(event);
    return true;
  }

  /** What an event tells the agent beyond the cache: a message, an offer still open (as the cache has it), an offer gone. */
  private announce(event: PlatformEvent): void {
    const cache = this.deps.cache();
    const username = this.session?.username ?? null;
    const now = this.deps.now();
    if (event.type === 'message.created' && event.message) this.deps.emit('messageReceived', event.message);
    if (event.type === 'workitem.offered' && event.workitem) {
      const item = cache.getItem(event.workitem.workitemId);
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
