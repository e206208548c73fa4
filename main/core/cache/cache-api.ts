/**
 * The cache as the database thread serves it (main/core/db): every method takes and returns plain data
 * (structured clone), so the core's loop calls it by message; the few things that used to be a callback
 * on the loop (a transaction around several writes, a page parsed while it is written) are one method
 * each here, so one message does one transaction.
 *
 * A first sync is a handful of messages: `beginSnapshot`, one `writeSnapshotPage` per page of 5,000 items
 * (the platform's page text goes as it came and is parsed here, off the loop), `finishSnapshot`.
 */
import type { AgentPresence, DispositionCodes, Message, PlatformEvent, QueueFigures } from '../../../common/api';
import type { InboxQuery } from '../../../common/desktop-api';
import type { WorkItem } from '../../../common/workitem';
import { isPlaceholderId } from '../outbox/actions';
import { parseSnapshotPage, type SnapshotEntry } from '../sync/snapshot-page';
import type { Cache, InboxPage, SyncState } from './cache';

/** A snapshot page as it reaches the cache: the platform's text (GET /v1/sync/items), or items (legacy pages). */
export type SnapshotPageInput = { text: string } | { items: WorkItem[] };

export type SnapshotPageWritten = {
  /** the page's header, when the page was text (the legacy pages have none) */
  seq: number | null;
  nextCursor: string | null;
  /** the first `keepChanged` items that changed the cache, and how many did */
  changed: WorkItem[];
  changedCount: number;
};

/** What applying one platform event did, and what the core tells the renderer about it. */
export type EventApplied = {
  /** false when the cache already reflects it (its seq is at or below the applied one) */
  applied: boolean;
  changed: WorkItem | null;
  /** the queue figures after a `queue.stats` event */
  queues: QueueFigures[] | null;
  presence: AgentPresence | null;
  /** for `workitem.offered`: the item as the cache now has it (the offer is still open, or not) */
  offeredItem: WorkItem | null;
};

export class CacheApi {
  /** the ids a running snapshot has written, to remove the rest at its end */
  private snapshotSeen: Set<string> | null = null;
  private snapshotBulk = false;

  constructor(private readonly cache: Cache) {}

  // ---- items and the inbox ------------------------------------------------------------------------------

  getItem(workitemId: string): WorkItem | null {
    return this.cache.getItem(workitemId);
  }

  upsertItem(item: WorkItem): boolean {
    return this.cache.upsertItem(item);
  }

  replaceItem(item: WorkItem): void {
    this.cache.replaceItem(item);
  }

  removeItems(ids: string[]): number {
    return this.cache.removeItems(ids);
  }

  countItems(): number {
    return this.cache.countItems();
  }

  listInbox(query: InboxQuery, now: number): InboxPage {
    return this.cache.listInbox(query, now);
  }

  listOutbound(username: string): WorkItem[] {
    return this.cache.listOutbound(username);
  }

  listOpenOffers(username: string, now: number): WorkItem[] {
    return this.cache.listOpenOffers(username, now);
  }

  /** The agent's items that are not final: what the core's loop mirrors for the softphone (live-items.ts). */
  listLiveItems(username: string): WorkItem[] {
    return this.cache.listLiveItems(username);
  }

  pruneHistory(now: number, days: number): string[] {
    return this.cache.pruneHistory(now, days);
  }

  /**
   * The platform's answer to an item action: the item by version, and an optimistic create's placeholder
   * gone, in one transaction. Returns the item as the cache now has it and the ids removed.
   */
  applyItemAnswer(placeholderId: string | null, item: WorkItem): { item: WorkItem; removed: string[] } {
    const removed: string[] = [];
    this.cache.transaction(() => {
      if (placeholderId !== null && this.cache.removeItems([placeholderId]) > 0) removed.push(placeholderId);
      this.cache.upsertItem(item);
    });
    return { item: this.cache.getItem(item.workitemId) ?? item, removed };
  }

  // ---- sync ---------------------------------------------------------------------------------------------

  getSyncState(): SyncState {
    return this.cache.getSyncState();
  }

  resetForUser(username: string | null): void {
    this.cache.resetForUser(username);
  }

  /** Start a snapshot; `bulk` drops the inbox and full-text indexes until `finishSnapshot` (Cache#beginBulkLoad). */
  beginSnapshot(bulk: boolean): void {
    this.snapshotSeen = new Set();
    this.snapshotBulk = bulk;
    if (bulk) this.cache.beginBulkLoad();
  }

  /** One page, parsed here and written in one transaction; a bad item rolls the page back and throws. */
  writeSnapshotPage(page: SnapshotPageInput, keepChanged: number): SnapshotPageWritten {
    const seen = this.snapshotSeen;
    if (seen === null) throw new Error('no snapshot is in progress (the database thread was restarted?)');
    let seq: number | null = null;
    let nextCursor: string | null = null;
    let entries: Iterable<SnapshotEntry>;
    if ('text' in page) {
      const parsed = parseSnapshotPage(page.text);
      ({ seq, nextCursor } = parsed);
      entries = parsed.entries;
    } else {
      entries = page.items.map((item) => ({ item, data: JSON.stringify(item) }));
    }
    const written = this.cache.upsertSnapshotItems(entries, keepChanged);
    for (const id of written.ids) seen.add(id);
    return { seq, nextCursor, changed: written.changed, changedCount: written.changedCount };
  }

  /**
   * End a snapshot: indexes rebuilt (bulk), and when it `completed`, items it did not bring removed
   * (unless the cache was empty, or they are placeholders of creates still in the outbox) and the
   * position stored. Returns the ids removed.
   */
  finishSnapshot(end: { completed: boolean; removeStale: boolean; at: number; seq: number | null }): string[] {
    const seen = this.snapshotSeen;
    this.snapshotSeen = null;
    if (this.snapshotBulk) this.cache.endBulkLoad();
    this.snapshotBulk = false;
    if (!end.completed || seen === null) return [];
    const removed = end.removeStale ? this.cache.removeItemsNotIn(seen, isPlaceholderId) : [];
    this.cache.markSnapshot(end.at, end.seq);
    return removed;
  }

  /**
   * One event, applied with its seq in one transaction; an event at or below the applied seq is skipped
   * (applied: false) but still answered with what the renderer may need to hear of it (an open offer).
   */
  applyEvent(event: PlatformEvent, username: string | null, now: number): EventApplied {
    const cache = this.cache;
    let changed: WorkItem | null = null;
    let queuesChanged = false;
    let presence: AgentPresence | null = null;
    const applied = cache.transaction(() => {
      const lastSeq = cache.getSyncState().lastSeq;
      if (lastSeq !== null && event.seq <= lastSeq) return false;
      if (event.workitem && cache.upsertItem(event.workitem)) changed = event.workitem;
      // Stored with the event's seq, so a conversation read offline has every message the stream brought.
      if (event.type === 'message.created' && event.message) cache.messages.save(event.workitemId ?? event.message.workitemId, [event.message]);
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
    const offeredItem = event.type === 'workitem.offered' && event.workitem ? cache.getItem(event.workitem.workitemId) : null;
    return { applied, changed, queues: applied && queuesChanged ? cache.listQueues() : null, presence, offeredItem };
  }

  // ---- queues, dispositions, presence, settings ---------------------------------------------------------

  replaceQueues(queues: QueueFigures[], now: number): void {
    this.cache.replaceQueues(queues, now);
  }

  listQueues(): QueueFigures[] {
    return this.cache.listQueues();
  }

  saveDispositions(codes: DispositionCodes, now: number): void {
    this.cache.saveDispositions(codes, now);
  }

  getDispositions(queueId: string | null): DispositionCodes | null {
    return this.cache.getDispositions(queueId);
  }

  savePresence(presence: AgentPresence): void {
    this.cache.savePresence(presence);
  }

  getPresence(username: string): AgentPresence | null {
    return this.cache.getPresence(username);
  }

  getSettings(): Record<string, unknown> {
    return this.cache.getSettings();
  }

  setSetting(key: string, value: unknown): void {
    this.cache.setSetting(key, value);
  }

  // ---- chat messages (message-store.ts) -----------------------------------------------------------------

  saveMessages(workitemId: string, messages: Message[]): Message[] {
    return this.cache.messages.save(workitemId, messages);
  }

  addPendingMessage(message: Message): void {
    this.cache.messages.addPending(message);
  }

  dropPendingMessage(workitemId: string, text: string): boolean {
    return this.cache.messages.dropPending(workitemId, text);
  }

  listMessages(workitemId: string): Message[] {
    return this.cache.messages.list(workitemId);
  }
}
