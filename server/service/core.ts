/**
 * The platform's engine: one SQLite transaction per change together with its events, the in-memory
 * routing index and deadline timers kept in step with what was stored, and the live event fan-out after
 * commit. Every state change goes through common/lifecycle's `transition`, so the platform and the desktop
 * agree on what each action does.
 */
import type { Logger } from 'pino';
import type { EventType } from '../../common/api';
import { SwitchboardError } from '../../common/errors';
import type { LifecycleEvent } from '../../common/lifecycle-events';
import { toSwitchboardError, transition } from '../../common/lifecycle';
import { CAPACITY_BUCKET_OF_KIND, WORKING_STATES, type PresenceState } from '../../common/vocabulary';
import type { WorkItem } from '../../common/workitem';
import type { AgentConfig, PlatformConfig, QueueConfig } from '../config';
import { walSyncOf, type Db } from '../db/database';
import { SyncPipeline, type Durability, type SyncFn } from '../db/sync-pipeline';
import { EventHub } from '../events/hub';
import { RoutingIndex } from '../routing/routing-index';
import { EventLog, type EventPayload, type StoredEvent } from '../store/events';
import { ItemStore, type StoredItem } from '../store/items';
import { Scheduler, type Deadline, type DeadlineKind } from './scheduler';

interface UnitOfWork {
  published: StoredEvent[];
  /** in-memory state (routing index) was changed: rebuild it if the transaction rolls back */
  touchedMemory: boolean;
  changedQueues: Set<string>;
}

interface Batch {
  published: StoredEvent[];
  /** how many changes (outermost `tx` calls, the router's passes included) this commit carries */
  changes: number;
  /** the last seq handed out before the batch began: a failed commit gives the rest back */
  seqMark: number;
  changedQueues: Set<string>;
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

export interface AgentPresenceRow {
  username: string;
  presence: PresenceState;
  reasonCode: string | null;
  since: number;
  idleSince: number;
}

/** What a committed transaction changed: hooks run only when it published something. */
export interface CommitInfo {
  queues: Set<string>;
  events: number;
}

export type DeadlineHandler = (due: Deadline[]) => void;

/** What a commit hook sees of the batch being gathered: it grows until the batch commits. */
export interface OpenBatch {
  readonly changes: number;
}

/**
 * When the open batch commits. The platform commits on the next turn of the event loop (`setImmediate`),
 * or, while an fsync of earlier commits is running, as soon as it ends (see `tx`); a test passes its own
 * policy to hold a commit back (as a slow disk would) and watch what waits for it, and `committed` sees
 * every commit with the number of changes it carried.
 */
export interface CommitPolicy {
  schedule(commit: () => void, batch: OpenBatch): void;
  committed?(changes: number): void;
}

/** States in which an item counts as `active` in its queue's figures (seed 002). */
const ACTIVE_STATES: ReadonlySet<string> = new Set(['accepted', 'active', 'hold', 'conference']);

/** The queue an item is active in, or null. */
function activeQueueOf(stored: StoredItem): string | null {
  return !stored.archived && stored.item.queueId !== null && ACTIVE_STATES.has(stored.item.state) ? stored.item.queueId : null;
}

export { newId } from './ids';

export class Core {
  readonly items: ItemStore;
  readonly events: EventLog;
  readonly hub = new EventHub();
  index = new RoutingIndex();
  /** per queue, how many of its items are active: kept with every change (queue figures read it often) */
  private activeByQueue = new Map<string, number>();
  readonly scheduler: Scheduler;
  readonly queues: Map<string, QueueConfig>;
  readonly agents: Map<string, AgentConfig>;
  readonly tenant: string;
  private uow: UnitOfWork | null = null;
  private batch: Batch | null = null;
  /** the last seq that is committed (and published): replays stop here, the rest arrives live */
  committedSeq: number;
  private depth = 0;
  private readonly afterCommitHooks: Array<(changed: CommitInfo) => void> = [];
  private readonly beforeCommitHooks: Array<() => void> = [];
  private readonly afterSaveHooks: Array<(stored: StoredItem) => void> = [];
  private readonly rollbackHooks: Array<() => void> = [];
  private readonly presenceGet;
  private readonly presenceSet;
  private readonly idleSet;
  private readonly presenceAll;
  private readonly beginStmt;
  private readonly commitStmt;
  private readonly savepointStmt;
  private readonly releaseStmt;
  private readonly rollbackToStmt;
  /** commits wait here for the fsync that makes them durable before they are answered and published */
  private readonly durability: SyncPipeline;
  private readonly commitPolicy: CommitPolicy;

  constructor(
    readonly db: Db,
    readonly config: PlatformConfig,
    readonly now: () => number,
    readonly log: Logger,
    onDeadlines: DeadlineHandler,
    commitPolicy?: CommitPolicy,
    /**
     * How a commit is made durable: by default the WAL's fdatasync on the thread pool
     * (`storage.synchronous: full`) or nothing (`normal`); with `store.url`, the PostgreSQL store's
     * shipper (db/postgres/); a test passes its own to hold the disk back.
     */
    syncWal: SyncFn | Durability | null = walSyncOf(db),
  ) {
    this.durability = new SyncPipeline(syncWal);
    this.commitPolicy = commitPolicy ?? {
      // Next turn, or once the disk is free: a commit made while an fsync runs could not be answered
      // before the next fsync anyway, so the batch keeps gathering (one commit writes each changed page
      // once, where a commit per turn writes it again and again) and commits on the turn the fsync ends.
      schedule: (commit) => this.durability.whenFree(() => setImmediate(commit)),
    };
    this.tenant = config.tenant;
    this.items = new ItemStore(db, this.tenant);
    this.events = new EventLog(db, this.tenant);
    this.committedSeq = this.events.lastSeq();
    this.queues = new Map(config.queues.map((q) => [q.id, q]));
    this.agents = new Map(config.agents.map((a) => [a.username, a]));
    this.scheduler = new Scheduler(now, (due) => onDeadlines(due));
    const insertAgent = db.prepare(`INSERT OR IGNORE INTO agents (username, presence, reasonCode, since, idleSince) VALUES (?, 'offline', NULL, ?, ?)`);
    const t = now();
    for (const a of config.agents) insertAgent.run(a.username, t, t);
    this.presenceGet = db.prepare<[string], AgentPresenceRow>(`SELECT username, presence, reasonCode, since, idleSince FROM agents WHERE username = ?`);
    this.presenceAll = db.prepare<[], AgentPresenceRow>(`SELECT username, presence, reasonCode, since, idleSince FROM agents`);
    this.presenceSet = db.prepare(`UPDATE agents SET presence = ?, reasonCode = ?, since = ?, idleSince = ? WHERE username = ?`);
    this.idleSet = db.prepare(`UPDATE agents SET idleSince = ? WHERE username = ?`);
    this.beginStmt = db.prepare('BEGIN IMMEDIATE');
    this.commitStmt = db.prepare('COMMIT');
    this.savepointStmt = db.prepare('SAVEPOINT change');
    this.releaseStmt = db.prepare('RELEASE change');
    this.rollbackToStmt = db.prepare('ROLLBACK TO change');
  }

  /** Run after every commit (the router's poke, queue figures). */
  onCommit(hook: (changed: CommitInfo) => void): void {
    this.afterCommitHooks.push(hook);
  }

  /**
   * Run just before each commit, inside its transaction: changes a hook makes (the router's offers) join
   * the batch that made them possible, so they cost no commit of their own.
   */
  beforeCommit(hook: () => void): void {
    this.beforeCommitHooks.push(hook);
  }

  /** Run inside the transaction after every item change (e.g. ending a conference when its leg ends). */
  onSave(hook: (stored: StoredItem) => void): void {
    this.afterSaveHooks.push(hook);
  }

  /**
   * Run after a change or a commit rolled back (the database is as it was before): state a service keeps
   * in memory beside its rows (running campaigns) is read again.
   */
  onRollback(hook: () => void): void {
    this.rollbackHooks.push(hook);
  }

  private rolledBack(): void {
    for (const hook of this.rollbackHooks) hook();
  }

  // ---- transactions ---------------------------------------------------------------------------------

  /**
   * Run `fn` as one atomic change. Group commit: changes made in the same turn of the event loop share
   * one SQLite transaction (each in its own savepoint, so a failing one rolls back alone), committed on
   * the next turn (the commit policy). The commit itself does not fsync (SQLite at synchronous=NORMAL);
   * with `storage.synchronous: full` the WAL is then fsynced on the thread pool (db/sync-pipeline.ts), and
   * only once that fsync is done are the batch's callers answered (they wait with `committed()`) and its
   * events published. The loop keeps serving meanwhile: the next batch gathers while that fsync runs and
   * commits when it ends (the default policy), sharing the next one. Nested calls join the outer change.
   */
  tx<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    const batch = this.openBatch();
    batch.changes++;
    const mark = batch.published.length;
    const seqMark = this.events.handedOut;
    const uow: UnitOfWork = { published: batch.published, touchedMemory: false, changedQueues: batch.changedQueues };
    this.uow = uow;
    this.depth++;
    try {
      this.savepointStmt.run();
      let result: T;
      try {
        result = fn();
      } catch (err) {
        this.rollbackToStmt.run();
        this.releaseStmt.run();
        throw err;
      }
      this.releaseStmt.run();
      return result;
    } catch (err) {
      batch.published.length = mark;
      this.events.rewind(seqMark);
      // Remembered rows may be ahead of what the savepoint left: read them again.
      this.items.clearCache();
      if (uow.touchedMemory) this.rebuildMemory();
      this.rolledBack();
      throw err;
    } finally {
      this.depth--;
      this.uow = null;
    }
  }

  /**
   * Resolves once every change made so far is committed and durable (rejects if that commit or its fsync
   * failed): answers to changes wait for it.
   */
  committed(): Promise<void> {
    return this.batch ? this.batch.done : Promise.resolve();
  }

  /** Commit the open batch now (on shutdown). */
  commitNow(): void {
    if (this.batch) this.commitBatch();
  }

  private openBatch(): Batch {
    if (this.batch) return this.batch;
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => undefined);
    this.beginStmt.run();
    const batch: Batch = { published: [], changes: 0, seqMark: this.events.handedOut, changedQueues: new Set(), done, resolve, reject };
    this.batch = batch;
    // Every change until then joins this transaction, and so shares its one fsync (storage.synchronous: full).
    this.commitPolicy.schedule(() => {
      if (this.batch === batch) this.commitBatch();
    }, batch);
    return batch;
  }

  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    for (const hook of this.beforeCommitHooks) {
      try {
        hook();
      } catch (err) {
        this.log.error({ err }, 'before-commit hook failed');
      }
    }
    this.batch = null;
    try {
      this.events.flush();
      this.commitStmt.run();
    } catch (err) {
      this.log.error({ err }, 'commit failed');
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.events.rewind(batch.seqMark);
      this.items.clearCache();
      this.rebuildMemory();
      this.rolledBack();
      batch.reject(err);
      return;
    }
    this.commitPolicy.committed?.(batch.changes);
    // Nobody hears of the batch before it is durable: answers and events wait for its fsync.
    this.durability.afterCommit(
      () => this.durable(batch),
      (err) => {
        this.log.error({ err }, 'fsync of the WAL failed: changes are not acknowledged until the platform restarts');
        batch.reject(err);
      },
    );
    // In-memory follow-ups (the router's next pass, queue figures) need not wait for the disk.
    if (batch.published.length > 0) for (const hook of this.afterCommitHooks) hook({ queues: batch.changedQueues, events: batch.published.length });
  }

  /** The batch is on disk: answer its callers and publish its events (in commit order: seq order). */
  private durable(batch: Batch): void {
    batch.resolve();
    if (batch.published.length > 0) this.committedSeq = batch.published[batch.published.length - 1].seq;
    for (const event of batch.published) {
      try {
        this.hub.publish(event);
      } catch (err) {
        // A failure must not keep the later events (or batches) from being published.
        this.log.error({ err, seq: event.seq }, 'publishing an event failed');
      }
    }
  }

  private current(): UnitOfWork {
    if (!this.uow) throw new Error('a change must run inside core.tx()');
    return this.uow;
  }

  emit(type: EventType, audience: readonly string[], payload: EventPayload, rawItem?: string): StoredEvent {
    const event = this.events.append(type, this.now(), audience, payload, rawItem);
    this.current().published.push(event);
    return event;
  }

  markQueueChanged(queueId: string | null): void {
    if (queueId && this.uow) this.uow.changedQueues.add(queueId);
  }

  // ---- items --------------------------------------------------------------------------------------------

  /** Apply a lifecycle event or throw 409 ILLEGAL_TRANSITION. */
  apply(item: WorkItem, event: LifecycleEvent): WorkItem {
    const result = transition(item, event, this.now());
    if (!result.ok) throw toSwitchboardError(result.error);
    return result.item;
  }

  load(workitemId: string): StoredItem {
    const stored = this.items.get(workitemId);
    if (!stored || stored.archived) throw new SwitchboardError('NOT_FOUND', `work item ${workitemId} does not exist`);
    return stored;
  }

  audienceOf(item: WorkItem, previousAgent?: string | null): string[] {
    const audience: string[] = [];
    if (item.agentUsername) audience.push(`agent:${item.agentUsername}`);
    if (previousAgent && previousAgent !== item.agentUsername) audience.push(`agent:${previousAgent}`);
    if (item.team) audience.push(`team:${item.team}`);
    if (item.type === 'chat') audience.push('channels');
    return audience;
  }

  /** Store a new item with its `workitem.created` event. */
  create(stored: StoredItem): StoredItem {
    const json = this.items.insert(stored);
    this.emit('workitem.created', this.audienceOf(stored.item), {}, json);
    this.track(null, stored);
    return stored;
  }

  /**
   * Store a changed item. Events: `before`'s agent also hears of it (an offer taken back), and `extra`
   * events (offered, rescinded) come before the `workitem.updated` that carries the whole item. An extra
   * event that carries the whole item already tells its audience everything: the `workitem.updated` goes
   * only to the rest (and is left out when nobody is left), so an agent gets one message per offer.
   */
  save(before: StoredItem, changed: StoredItem, changedExtra: Array<{ type: EventType; payload: EventPayload; audience?: string[] }> = []): StoredItem {
    const { after, extra } = this.boundActivity(changed, changedExtra);
    const json = this.items.update(after);
    const audience = this.audienceOf(after.item, before.item.agentUsername);
    let updatedAudience = audience;
    for (const e of extra) {
      // extra events about this item carry it too: reuse its JSON
      const { workitem, ...rest } = e.payload;
      const extraAudience = e.audience ?? audience;
      if (workitem === after.item) {
        this.emit(e.type, extraAudience, rest, json);
        updatedAudience = updatedAudience.filter((token) => !extraAudience.includes(token));
      } else {
        this.emit(e.type, extraAudience, e.payload);
      }
    }
    if (extra.length === 0 || updatedAudience.length > 0) this.emit('workitem.updated', updatedAudience, {}, json);
    this.track(before, after);
    for (const hook of this.afterSaveHooks) hook(after);
    return after;
  }

  /**
   * An item's activity log (timeEvents) keeps its first entry and the newest, `limits.activityPerItem` in
   * all: every change is stored and sent as the whole item (contract), so a log that grew with every
   * hold/resume or status flip would make each change cost more than the last and fill the disk.
   */
  private boundActivity(
    after: StoredItem,
    extra: Array<{ type: EventType; payload: EventPayload; audience?: string[] }>,
  ): { after: StoredItem; extra: Array<{ type: EventType; payload: EventPayload; audience?: string[] }> } {
    const max = this.config.limits.activityPerItem;
    const log = after.item.timeEvents;
    if (log.length <= max) return { after, extra };
    const item: WorkItem = { ...after.item, timeEvents: [log[0]!, ...log.slice(log.length - (max - 1))] };
    const bounded = { ...after, item };
    // extra events that carried the item carry the bounded one
    return { after: bounded, extra: extra.map((e) => (e.payload.workitem === after.item ? { ...e, payload: { ...e.payload, workitem: item } } : e)) };
  }

  /** Keep the routing index, capacity counts, idle times and deadlines in step with a stored change. */
  private track(before: StoredItem | null, after: StoredItem): void {
    const uow = this.current();
    uow.touchedMemory = true;
    const now = this.now();
    const item = after.item;
    if (before?.item.queueId) uow.changedQueues.add(before.item.queueId);
    if (item.queueId) uow.changedQueues.add(item.queueId);

    const activeBefore = before ? activeQueueOf(before) : null;
    const activeAfter = activeQueueOf(after);
    if (activeBefore !== activeAfter) {
      if (activeBefore !== null) this.activeByQueue.set(activeBefore, (this.activeByQueue.get(activeBefore) ?? 1) - 1);
      if (activeAfter !== null) this.activeByQueue.set(activeAfter, (this.activeByQueue.get(activeAfter) ?? 0) + 1);
    }

    // capacity: an item counts while the agent holds it in a working state
    const bucket = CAPACITY_BUCKET_OF_KIND[item.type];
    const countedBefore = before && before.item.agentUsername && WORKING_STATES.includes(before.item.state) && !before.archived ? before.item.agentUsername : null;
    const countedAfter = item.agentUsername && WORKING_STATES.includes(item.state) && !after.archived ? item.agentUsername : null;
    if (countedBefore !== countedAfter) {
      if (countedBefore) {
        this.index.adjustUsed(countedBefore, CAPACITY_BUCKET_OF_KIND[before!.item.type], -1);
        // the agent's item ended: its idle time starts now
        this.index.setIdleSince(countedBefore, now);
        this.idleSet.run(now, countedBefore);
      }
      if (countedAfter) this.index.adjustUsed(countedAfter, bucket, +1);
    }

    // waiting: in the index while inqueue, routable and ready
    const waiting = item.state === 'inqueue' && !after.archived && after.route.pool !== null;
    const ready = after.route.readyAt === null || after.route.readyAt <= now;
    if (waiting && ready) {
      this.index.addWaiting({
        workitemId: item.workitemId,
        pool: after.route.pool!,
        bucket,
        priority: item.priority,
        orderAt: after.route.orderAt ?? item.createdAt,
        skippedBy: after.route.skippedBy,
      });
    } else {
      this.index.removeWaiting(item.workitemId);
    }
    this.scheduleDeadlines(after);
  }

  scheduleDeadlines(stored: StoredItem): void {
    const { item, route } = stored;
    const deadlines: { kind: DeadlineKind; at: number }[] = [];
    if (!stored.archived) {
      if (item.state === 'offered' && item.offerExpiresAt !== null) deadlines.push({ kind: 'offer', at: item.offerExpiresAt });
      if (item.state === 'terminated' && item.wrapUpExpiresAt !== null) deadlines.push({ kind: 'wrapup', at: item.wrapUpExpiresAt });
      if ((item.state === 'inqueue' || item.state === 'offered') && route.deadlineAt !== null) deadlines.push({ kind: 'deadline', at: route.deadlineAt });
      if (item.state === 'inqueue' && route.readyAt !== null && route.readyAt > this.now()) deadlines.push({ kind: 'ready', at: route.readyAt });
    }
    this.scheduler.setFor(item.workitemId, deadlines);
  }

  // ---- agents and presence ---------------------------------------------------------------------------

  presence(username: string): AgentPresenceRow {
    const row = this.presenceGet.get(username);
    if (!row) throw new SwitchboardError('NOT_FOUND', `agent ${username} does not exist`);
    return row;
  }

  presencePayload(row: AgentPresenceRow) {
    return { username: row.username, state: row.presence, reasonCode: row.reasonCode, since: row.since };
  }

  setPresence(username: string, state: PresenceState, reasonCode: string | null): AgentPresenceRow {
    const before = this.presence(username);
    const now = this.now();
    const becameAvailable = state === 'available' && before.presence !== 'available';
    const idleSince = becameAvailable ? now : before.idleSince;
    const row: AgentPresenceRow = { username, presence: state, reasonCode, since: before.presence === state && before.reasonCode === reasonCode ? before.since : now, idleSince };
    this.presenceSet.run(row.presence, row.reasonCode, row.since, row.idleSince, username);
    this.current().touchedMemory = true;
    this.index.setAvailable(username, state === 'available', idleSince);
    this.emit('agent.presence', [`agent:${username}`], { agent: this.presencePayload(row) });
    for (const q of this.agents.get(username)?.queues ?? []) this.current().changedQueues.add(q);
    return row;
  }

  // ---- rebuilding --------------------------------------------------------------------------------------

  /** Rebuild the routing index and deadlines from SQLite (on start, and after a rolled-back change). */
  rebuildMemory(): void {
    const index = new RoutingIndex();
    const presence = new Map(this.presenceAll.all().map((r) => [r.username, r]));
    for (const agent of this.config.agents) {
      const p = presence.get(agent.username);
      index.upsertAgent({
        username: agent.username,
        pools: [...agent.queues.map((q) => `queue:${q}`), ...agent.teams.map((t) => `team:${t}`), `agent:${agent.username}`],
        capacity: agent.capacity,
        available: p?.presence === 'available',
        idleSince: p?.idleSince ?? this.now(),
      });
    }
    this.index = index;
    const active = new Map<string, number>();
    this.activeByQueue = active;
    const now = this.now();
    for (const stored of this.items.live()) {
      const item = stored.item;
      const activeIn = activeQueueOf(stored);
      if (activeIn !== null) active.set(activeIn, (active.get(activeIn) ?? 0) + 1);
      if (item.agentUsername && WORKING_STATES.includes(item.state)) index.adjustUsed(item.agentUsername, CAPACITY_BUCKET_OF_KIND[item.type], +1);
      if (item.state === 'inqueue' && stored.route.pool && (stored.route.readyAt === null || stored.route.readyAt <= now)) {
        index.addWaiting({
          workitemId: item.workitemId,
          pool: stored.route.pool,
          bucket: CAPACITY_BUCKET_OF_KIND[item.type],
          priority: item.priority,
          orderAt: stored.route.orderAt ?? item.createdAt,
          skippedBy: stored.route.skippedBy,
        });
      }
      this.scheduleDeadlines(stored);
    }
  }

  /** How many of the queue's items are accepted, active, on hold or in conference (as stored). */
  activeIn(queueId: string): number {
    return this.activeByQueue.get(queueId) ?? 0;
  }

  queueFor(item: WorkItem): QueueConfig | undefined {
    return item.queueId ? this.queues.get(item.queueId) : undefined;
  }
}
