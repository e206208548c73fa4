/**
 * The outbox: every agent action is first written to outbox.db with a fresh Idempotency-Key, shown
 * optimistically in the cache, then sent to the platform strictly in the order taken.
 *
 * - Offline (network failure, 5xx, 429) the head action waits with capped exponential backoff and is
 *   retried; `kick()` (the connection is back) retries at once. Later actions wait behind it.
 * - A refusal (any other 4xx) rolls the optimistic change back — to the platform's current item when it
 *   can be fetched, else to the item as it was before the action — and emits `actionRejected`.
 * - A crash between sending and forgetting an action means it is sent again after restart with the same
 *   key, which the platform answers with its first response and no second effect: nothing is lost and
 *   nothing is applied twice.
 *
 * What `submit` resolves with: the platform's answer when the platform answers the first attempt; the
 * optimistic value (`{ok: true}`) when the platform cannot be reached (the action stays queued, and a
 * later refusal arrives as `actionRejected`); the refusal (`{ok: false}`) when the platform refuses.
 * An action on an item the cache knows, that the lifecycle says is impossible, is refused at once.
 *
 * Express actions (an accept: a ringing call waits on it) do not wait for their row: with nothing queued
 * before them, online, and the item in the loop's mirror (`peekItem`), the POST leaves at once, the
 * optimistic item is shown in the same turn (so the softphone knows of the accept before the platform's
 * INVITE can arrive), and the row is written meanwhile with the same Idempotency-Key; the sending loop
 * then takes that send's outcome instead of sending again (express-sends.ts). What this gives up: a crash
 * in the few milliseconds before the row is committed loses the retry of an accept whose POST failed —
 * then the offer times out (RONA), as if the click had not happened.
 *
 * The store and the cache are on the database thread (main/core/db). Actions are recorded one at a time
 * (each reads the item the previous one changed), and an action's outbox row and its optimistic change
 * are sent to that thread in the same turn, so they are written in that order before anything the
 * sending loop asks next. The number of pending actions is kept here, so the connection state can be
 * read at once.
 */
import { randomUUID } from 'node:crypto';
import type { AgentPresence, Message, Note } from '../../../common/api';
import type { ApiError, ApiResult } from '../../../common/desktop-api';
import { apiErrorOf, SwitchboardError } from '../../../common/errors';
import { transition } from '../../../common/lifecycle';
import type { WorkItem } from '../../../common/workitem';
import type { RemoteCache, RemoteOutboxStore } from '../db/protocol';
import type { Emit } from '../core-events';
import { Backoff } from '../../../common/backoff';
import type { PlatformClient } from '../platform/http-client';
import { errorFields, silentLog, type CoreLog } from '../log/core-log';
import { PlatformError } from '../platform/platform-error';
import { ACTIONS, type OutboxOperation } from './actions';
import { ExpressSends } from './express-sends';
import type { OutboxRow } from './outbox-store';

export type OutboxDeps = {
  store: RemoteOutboxStore;
  cache: RemoteCache;
  /** the platform client of the signed-in agent, or null when signed out */
  client: () => PlatformClient | null;
  username: () => string | null;
  /** whose actions to count as pending while signed out (the last signed-in agent); defaults to `username` */
  owner?: () => string | null;
  /** whether the event stream is up: when it is not, submit does not wait for the platform */
  online: () => boolean;
  emit: Emit;
  now: () => number;
  backoff?: Backoff;
  /** the number of pending actions changed */
  onPendingChanged?: () => void;
  /** the item as the loop's mirror has it, without a database round trip (enables express actions) */
  peekItem?: (workitemId: string) => WorkItem | null;
  log?: CoreLog;
};

/** An express action already sent: its key, and the item before and after it (from the loop's mirror). */
type Express = { idempotencyKey: string; before: WorkItem; optimisticItem: WorkItem };

type Waiter = { resolve: (result: ApiResult<unknown>) => void; optimistic: unknown | undefined };

function isRetryable(error: unknown): boolean {
  if (error instanceof PlatformError) return error.retryable || error.code === 'UNAUTHENTICATED';
  return !(error instanceof SwitchboardError); // an unexpected throw: keep the action rather than lose it
}

export class Outbox {
  private readonly waiters = new Map<number, Waiter>();
  private readonly expressSends = new ExpressSends();
  /** answers that came before their caller was waiting (the sending loop was quicker), by seq */
  private readonly early = new Map<number, ApiResult<unknown>>();
  /** the last recorded action's turn: actions are recorded one after the other */
  private recording: Promise<unknown> = Promise.resolve();
  private waitingToRecord = 0;
  private pendingCount = 0;
  private readonly backoff: Backoff;
  private draining = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private waitTimer: NodeJS.Timeout | null = null;
  /** true while the head action is waiting out a network failure */
  private unreachable = false;

  private readonly log: CoreLog;

  constructor(private readonly deps: OutboxDeps) {
    this.backoff = deps.backoff ?? new Backoff();
    this.log = deps.log ?? silentLog();
  }

  /** Pending actions of the owner, as last counted (refreshPending). */
  pending(): number {
    return this.pendingCount;
  }

  /** Count the owner's pending actions again (after a change, or when the owner changed) and tell. */
  async refreshPending(): Promise<void> {
    const username = (this.deps.owner ?? this.deps.username)();
    this.pendingCount = username === null ? 0 : await this.deps.store.count(username);
    this.deps.onPendingChanged?.();
  }

  /** Record, apply optimistically, send. See the module comment for what the promise resolves with. */
  submit(operation: OutboxOperation, request: Record<string, unknown>): Promise<ApiResult<unknown>> {
    const express = this.sendExpress(operation, request);
    this.waitingToRecord += 1;
    const turn = this.recording.then(() => this.record(operation, request, express)).finally(() => {
      // A burst of actions is recorded whole before sending starts (one kick, after the last).
      this.waitingToRecord -= 1;
      if (this.waitingToRecord === 0) this.kick();
    });
    this.recording = turn.catch(() => undefined); // the caller hears of the failure; the next action records anyway
    return turn.then((recorded) => recorded.answer);
  }

  /**
   * Send an express action now, before its row is written, when that keeps the outbox's order: nothing
   * queued or being recorded before it, online, and the platform not failing. Null when it waits its turn.
   */
  private sendExpress(operation: OutboxOperation, request: Record<string, unknown>): Express | null {
    const spec = ACTIONS[operation];
    if (spec.express !== true || spec.lifecycleEvent === undefined || this.deps.peekItem === undefined) return null;
    if (this.stopped || this.waitingToRecord > 0 || this.pendingCount > 0 || this.unreachable || !this.deps.online()) return null;
    const username = this.deps.username();
    const client = this.deps.client();
    const workitemId = spec.workitemId(request);
    if (username === null || client === null || workitemId === null) return null;
    const before = this.deps.peekItem(workitemId);
    if (before === null) return null;
    const now = this.deps.now();
    const result = transition(before, spec.lifecycleEvent(request, { by: username, now }), now);
    if (!result.ok) return null; // record() refuses it, as any impossible action
    // Shown first: the softphone's mirror must say "accepted" before the platform can send the INVITE.
    this.deps.emit('itemsChanged', { items: [result.item], removed: [] });
    const idempotencyKey = randomUUID();
    this.expressSends.start(idempotencyKey, () => spec.send(client, request, idempotencyKey));
    return { idempotencyKey, before, optimisticItem: result.item };
  }

  /**
   * Record one action and show it; resolves once it is recorded, with the promise of its answer (in an
   * object, so the recording turn does not wait for the answer too).
   */
  private async record(operation: OutboxOperation, request: Record<string, unknown>, express: Express | null): Promise<{ answer: Promise<ApiResult<unknown>> }> {
    const username = this.deps.username();
    if (username === null) return { answer: Promise.resolve({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in before acting on work items.' } }) };
    const spec = ACTIONS[operation];
    const now = this.deps.now();
    const context = { by: username, now };
    const cache = this.deps.cache;
    const workitemId = spec.workitemId(request);

    let before: WorkItem | null = null;
    let optimisticItem: WorkItem | null = null;
    let optimistic: unknown | undefined;
    if (express !== null) {
      before = express.before;
      optimisticItem = express.optimisticItem;
      optimistic = optimisticItem;
    } else if (spec.lifecycleEvent && workitemId !== null) {
      before = await cache.getItem(workitemId);
      if (before !== null) {
        const result = transition(before, spec.lifecycleEvent(request, context), now);
        if (!result.ok) return { answer: Promise.resolve({ ok: false, error: { code: result.error.code, message: result.error.message } }) };
        optimisticItem = result.item;
        optimistic = result.item;
      }
    } else if (spec.placeholder) {
      optimisticItem = spec.placeholder(request, context);
      optimistic = optimisticItem;
    } else if (spec.optimisticValue) {
      optimistic = spec.optimisticValue(request, context);
    }

    // The outbox first (FULL sync): once this resolves, the action survives a crash or a power cut. The
    // optimistic writes below are sent in the same turn, so the thread writes them right after it.
    const adding = this.deps.store.add({
      idempotencyKey: express?.idempotencyKey ?? randomUUID(),
      username,
      operation,
      workitemId,
      request,
      beforeItem: before,
      placeholderId: spec.placeholder && optimisticItem ? optimisticItem.workitemId : null,
      createdAt: now,
    });
    const showing: Promise<unknown>[] = [];
    if (optimisticItem !== null) showing.push(cache.replaceItem(optimisticItem));
    // The agent's words show in the conversation at once, and survive a restart until they are sent.
    if (spec.result === 'message' && optimistic) showing.push(cache.addPendingMessage(optimistic as Message));
    if (operation === 'setPresence' && optimistic) showing.push(cache.savePresence(optimistic as AgentPresence));
    let row: OutboxRow;
    try {
      row = await adding;
    } catch (error) {
      if (express === null) throw error;
      return { answer: this.expressWithoutRow(express, error) };
    }
    const answer = this.waitFor(row.seq, optimistic);
    await Promise.all(showing);
    // (an express action's optimistic item was shown when it was sent)
    if (optimisticItem !== null && express === null) this.deps.emit('itemsChanged', { items: [optimisticItem], removed: [] });
    if (spec.result === 'note' && optimistic && workitemId !== null) await this.showNote(optimistic as Note);
    if (spec.result === 'message' && optimistic) this.deps.emit('messageReceived', optimistic as Message);
    if (operation === 'setPresence' && optimistic) this.deps.emit('presenceChanged', optimistic as AgentPresence);
    await this.refreshPending();

    if (!this.deps.online() || this.unreachable) this.settleQueued(row.seq);
    return { answer };
  }

  /**
   * An express action whose row could not be written: its POST, already sent, is the only attempt, so its
   * outcome is the answer (nothing will retry it; the event stream corrects the cache either way).
   */
  private async expressWithoutRow(express: Express, writeError: unknown): Promise<ApiResult<unknown>> {
    this.log.error({ workitemId: express.before.workitemId, ...errorFields(writeError) }, 'outbox: an express action was sent but could not be saved; it will not be retried');
    const outcome = await this.expressSends.abandon(express.idempotencyKey);
    if (outcome === null || !outcome.ok) return { ok: false, error: apiErrorOf(outcome?.error ?? writeError) };
    return { ok: true, value: outcome.value };
  }

  private waitFor(seq: number, optimistic: unknown): Promise<ApiResult<unknown>> {
    const early = this.early.get(seq);
    if (early !== undefined) {
      this.early.delete(seq);
      return Promise.resolve(early);
    }
    return new Promise<ApiResult<unknown>>((resolve) => this.waiters.set(seq, { resolve, optimistic }));
  }

  /** Try the queue now: the connection came back, or a new action was added. */
  kick(): void {
    if (this.stopped) return;
    if (this.waitTimer) {
      clearTimeout(this.waitTimer);
      this.waitTimer = null;
      this.backoff.reset();
      const wake = this.wake;
      this.wake = null;
      wake?.();
    }
    this.drain().catch((error: unknown) => {
      // A database failure while handling a refusal: the action is still in the file; the next kick resumes.
      this.log.error(errorFields(error), 'outbox: sending stopped on an error');
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.wake?.();
    this.wake = null;
    for (const seq of [...this.waiters.keys()]) this.settleQueued(seq);
  }

  /** Resolve a waiting caller with the optimistic value: the action is safe in the outbox and will be sent. */
  private settleQueued(seq: number): void {
    const waiter = this.waiters.get(seq);
    if (!waiter) return;
    this.waiters.delete(seq);
    waiter.resolve(
      waiter.optimistic !== undefined
        ? { ok: true, value: waiter.optimistic }
        : { ok: false, error: { code: 'OFFLINE', message: 'The platform cannot be reached; the action is saved and will be sent when it is back.' } },
    );
  }

  private settle(seq: number, result: ApiResult<unknown>): void {
    const waiter = this.waiters.get(seq);
    if (!waiter) {
      // The answer came before the caller began to wait (or after it was told "queued": then it is dropped
      // when the next action's seq is recorded — seqs only grow).
      for (const old of this.early.keys()) if (old < seq) this.early.delete(old);
      this.early.set(seq, result);
      return;
    }
    this.waiters.delete(seq);
    waiter.resolve(result);
  }

  private async drain(): Promise<void> {
    if (this.draining || this.stopped) return;
    this.draining = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const username = this.deps.username();
        const client = this.deps.client();
        if (username === null || client === null) return;
        let row: OutboxRow | null;
        try {
          row = await this.deps.store.head(username);
        } catch (error) {
          // The database thread failed (it is reopened by itself): the actions are safe in the file; try again later.
          this.log.warn(errorFields(error), 'outbox: reading the next action failed; retrying');
          await this.pause(this.backoff.next());
          continue;
        }
        if (row === null) return;
        const spec = ACTIONS[row.operation as OutboxOperation];
        if (!spec) {
          await this.deps.store.remove(row.seq); // written by a newer build: nothing this one can send
          continue;
        }
        try {
          // An express action's first attempt was sent before its row was written: take its outcome.
          const result = await (this.expressSends.take(row.idempotencyKey) ?? spec.send(client, row.request, row.idempotencyKey));
          this.unreachable = false;
          this.backoff.reset();
          const created = row.placeholderId !== null && spec.result === 'item' ? (result as WorkItem).workitemId : null;
          if (created !== null) await this.deps.store.completeCreate(row.seq, row.placeholderId!, created);
          else await this.deps.store.remove(row.seq);
          await this.applyAnswer(row, result);
          await this.refreshPending();
          this.settle(row.seq, { ok: true, value: result });
        } catch (error) {
          if (this.stopped) return;
          if (isRetryable(error)) {
            this.log.info({ operation: row.operation, seq: row.seq, attempt: row.attempts + 1, ...errorFields(error) }, 'outbox: action kept for a retry');
            this.unreachable = true;
            await this.deps.store.recordAttempt(row.seq, (error as Error).message).catch((recordError: unknown) => {
              // Only the attempt count is lost: the action itself is still in the file.
              this.log.warn(errorFields(recordError), 'outbox: could not record a failed attempt');
            });
            // Every waiting caller learns its action is queued, not lost.
            for (const seq of [...this.waiters.keys()]) this.settleQueued(seq);
            await this.pause(this.backoff.next());
            continue;
          }
          this.log.warn({ operation: row.operation, seq: row.seq, ...errorFields(error) }, 'outbox: action refused by the platform');
          await this.deps.store.remove(row.seq);
          if (error instanceof PlatformError && error.code === 'INTERNAL' && error.status >= 200 && error.status < 300) {
            // The platform did it but its answer was unreadable: fetch the truth rather than roll back.
            await this.refetch(row);
            this.settle(row.seq, { ok: false, error: apiErrorOf(error) });
          } else {
            await this.rollBack(row, apiErrorOf(error));
            this.settle(row.seq, { ok: false, error: apiErrorOf(error) });
          }
          await this.refreshPending();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.waitTimer = setTimeout(() => {
        this.waitTimer = null;
        this.wake = null;
        resolve();
      }, ms);
    });
  }

  private async applyAnswer(row: OutboxRow, result: unknown): Promise<void> {
    const cache = this.deps.cache;
    const spec = ACTIONS[row.operation as OutboxOperation];
    if (spec.result === 'item') {
      const applied = await cache.applyItemAnswer(row.placeholderId, result as WorkItem);
      this.deps.emit('itemsChanged', { items: [applied.item], removed: applied.removed });
    } else if (spec.result === 'presence') {
      await cache.savePresence(result as AgentPresence);
      this.deps.emit('presenceChanged', result as AgentPresence);
    } else if (spec.result === 'message') {
      // The platform's copy takes the pending one's place (message-store.ts matches them by text).
      const message = result as Message;
      await cache.saveMessages(row.workitemId ?? message.workitemId, [message]);
      this.deps.emit('messageReceived', message);
    }
  }

  /**
   * A note shows in the item's activity log at once, as the platform will log it; the platform's next
   * version of the item (with the note) replaces this guess.
   */
  private async showNote(note: Note): Promise<void> {
    const cache = this.deps.cache;
    const item = await cache.getItem(note.workitemId);
    if (item === null) return;
    const noted: WorkItem = {
      ...item,
      timeEvents: [...item.timeEvents, { type: 'note', timestamp: note.at, userId: note.author, detail: { noteId: note.noteId, text: note.text } }],
    };
    await cache.replaceItem(noted);
    this.deps.emit('itemsChanged', { items: [noted], removed: [] });
  }

  private async refetch(row: OutboxRow): Promise<void> {
    if (row.workitemId === null) return;
    try {
      const item = await this.deps.client()?.getWorkItem(row.workitemId);
      if (item) {
        await this.deps.cache.replaceItem(item);
        this.deps.emit('itemsChanged', { items: [item], removed: [] });
      }
    } catch (error) {
      // Not fatal: the event stream will bring the item.
      this.log.info({ workitemId: row.workitemId, ...errorFields(error) }, 'outbox: could not re-read the item after an unreadable answer');
    }
  }

  private async rollBack(row: OutboxRow, error: ApiError): Promise<void> {
    const cache = this.deps.cache;
    if (row.placeholderId !== null) {
      await cache.removeItems([row.placeholderId]);
      this.deps.emit('itemsChanged', { items: [], removed: [row.placeholderId] });
    } else if (row.workitemId !== null && ACTIONS[row.operation as OutboxOperation].result === 'item') {
      let restored: WorkItem | null = null;
      try {
        restored = (await this.deps.client()?.getWorkItem(row.workitemId)) ?? null;
      } catch (error) {
        // Roll back to the item as it was before the action instead.
        this.log.info({ workitemId: row.workitemId, ...errorFields(error) }, 'outbox: could not read the item to roll back to');
        restored = null;
      }
      restored ??= row.beforeItem as WorkItem | null;
      if (restored !== null) {
        await cache.replaceItem(restored);
        this.deps.emit('itemsChanged', { items: [restored], removed: [] });
      }
    } else if (row.operation === 'addNote') {
      await this.refetch(row); // the item as the platform has it, without the refused note
    } else if (row.operation === 'sendMessage' && row.workitemId !== null) {
      await cache.dropPendingMessage(row.workitemId, String((row.request as { text?: unknown }).text ?? ''));
    } else if (row.operation === 'setPresence') {
      try {
        const agent = await this.deps.client()?.me();
        if (agent) {
          await cache.savePresence(agent.presence);
          this.deps.emit('presenceChanged', agent.presence);
        }
      } catch (error) {
        // Not fatal: presence events will correct it.
        this.log.info(errorFields(error), 'outbox: could not re-read presence after a refused change');
      }
    }
    this.deps.emit('actionRejected', { operation: row.operation, workitemId: row.workitemId, error });
  }
}
