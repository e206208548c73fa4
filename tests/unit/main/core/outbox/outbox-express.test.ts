/**
 * Express actions (an accept): the POST leaves before the outbox row is written, the row still retries a
 * failed POST with the same key, and the outbox's order holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../../../../common/lifecycle';
import type { WorkItem } from '../../../../../common/workitem';
import { Cache } from '../../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { CoreEvents } from '../../../../../main/core/core-events';
import type { RemoteOutboxStore } from '../../../../../main/core/db/protocol';
import { Outbox } from '../../../../../main/core/outbox/outbox';
import { OutboxStore } from '../../../../../main/core/outbox/outbox-store';
import { Backoff } from '../../../../../common/backoff';
import type { PlatformClient } from '../../../../../main/core/platform/http-client';
import { offlineError, PlatformError } from '../../../../../main/core/platform/platform-error';
import { makeItem, onThisThread, tempDir } from '../fixtures';

const NOW = 1_700_000_100_000;

type Attempt = { workitemId: string; key: string; rowsSaved: number; shown: boolean };

describe('Outbox: express accept', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  let store: OutboxStore;
  let items: Map<string, WorkItem>;
  let attempts: Attempt[];
  let failNext: PlatformError[];
  let reachable: boolean;
  let online: boolean;
  let events: { name: string; payload: any }[];
  let releaseWrites: () => void;
  let writesHeld: Promise<void>;
  /** while set, the platform holds its answers back */
  let answersHeld: Promise<void> | null;
  let outbox: Outbox;

  function client(): PlatformClient {
    return {
      workItemAction: async (workitemId: string, action: string, _body: unknown, key: string) => {
        const shown = events.some((e) => e.name === 'itemsChanged' && e.payload.items.some((i: WorkItem) => i.workitemId === workitemId && i.state !== 'offered'));
        attempts.push({ workitemId, key, rowsSaved: store.count(), shown });
        if (answersHeld) await answersHeld;
        if (!reachable) throw offlineError('http://fake', new Error('ECONNREFUSED'));
        const failure = failNext.shift();
        if (failure) throw failure;
        const result = transition(items.get(workitemId)!, { type: action, by: 'alice' } as never, NOW);
        if (!result.ok) throw new PlatformError('ILLEGAL_TRANSITION', result.error.message, 409, false);
        items.set(workitemId, result.item);
        return result.item;
      },
      getWorkItem: async (workitemId: string) => items.get(workitemId)!,
    } as unknown as PlatformClient;
  }

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    store = OutboxStore.open(`${tmp.dir}/outbox.db`);
    items = new Map();
    attempts = [];
    failNext = [];
    reachable = true;
    online = true;
    events = [];
    writesHeld = new Promise((resolve) => (releaseWrites = resolve));
    answersHeld = null;
    for (const id of ['wi_a', 'wi_b']) {
      const offered = makeItem({ workitemId: id, type: 'call', channelType: 'voice', state: 'offered', agentUsername: 'alice', offeredAt: NOW, offerExpiresAt: NOW + 30_000 });
      items.set(id, offered);
      cache.upsertItem(offered);
    }
    const remote = onThisThread(cache, store);
    // The outbox row's commit (an fsync on the database thread) held until the test lets it through.
    const heldStore = new Proxy(remote.store, {
      get: (target, name, receiver) => {
        const method = Reflect.get(target, name, receiver) as (...args: unknown[]) => Promise<unknown>;
        return name === 'add' ? (...args: unknown[]) => writesHeld.then(() => method(...args)) : method;
      },
    }) as RemoteOutboxStore;
    const core = new CoreEvents();
    core.subscribe((name, payload) => events.push({ name, payload }));
    const platformClient = client();
    outbox = new Outbox({
      cache: remote.cache,
      store: heldStore,
      client: () => platformClient,
      username: () => 'alice',
      online: () => online,
      emit: core.emit,
      now: () => NOW,
      backoff: new Backoff({ baseMs: 5, capMs: 20 }),
      peekItem: (workitemId) => cache.getItem(workitemId),
    });
  });
  afterEach(() => {
    outbox.stop();
    cache.close();
    store.close();
    tmp.remove();
  });

  it('sends the accept before its outbox row is written, shown first, and only once', async () => {
    const answer = outbox.submit('accept', { workitemId: 'wi_a' });
    await expect.poll(() => attempts.length).toBe(1);
    // the POST left while the row's write was still held, and the softphone's mirror already knew
    expect(attempts[0]).toMatchObject({ workitemId: 'wi_a', rowsSaved: 0, shown: true });
    releaseWrites();
    await expect(answer).resolves.toMatchObject({ ok: true, value: { workitemId: 'wi_a', state: 'accepted' } });
    expect(attempts).toHaveLength(1); // the sending loop took the express outcome instead of sending again
    expect(store.count()).toBe(0);
    expect(cache.getItem('wi_a')?.state).toBe('accepted');
  });

  it('retries an accept whose POST failed from its outbox row, with the same idempotency key', async () => {
    reachable = false;
    const answer = outbox.submit('accept', { workitemId: 'wi_a' });
    await expect.poll(() => attempts.length).toBe(1);
    releaseWrites();
    // the row is what keeps the accept: the failed POST is told "queued", then sent again from it
    await expect(answer).resolves.toMatchObject({ ok: true, value: { state: 'accepted' } });
    const [row] = store.all();
    expect(row).toMatchObject({ operation: 'accept', idempotencyKey: attempts[0].key });
    reachable = true;
    outbox.kick();
    await expect.poll(() => store.count()).toBe(0);
    expect(new Set(attempts.map((a) => a.key))).toEqual(new Set([row.idempotencyKey]));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(items.get('wi_a')?.state).toBe('accepted');
  });

  it('rolls back an accept the platform refused, and forgets its row', async () => {
    failNext = [new PlatformError('ILLEGAL_TRANSITION', 'the offer was withdrawn', 409, false)];
    const answer = outbox.submit('accept', { workitemId: 'wi_a' });
    releaseWrites();
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'ILLEGAL_TRANSITION', message: 'the offer was withdrawn' } });
    expect(attempts).toHaveLength(1);
    expect(cache.getItem('wi_a')?.state).toBe('offered');
    expect(events.some((e) => e.name === 'actionRejected')).toBe(true);
    expect(store.count()).toBe(0);
  });

  it('waits its turn behind an action still unanswered, so actions reach the platform one at a time, in order', async () => {
    releaseWrites();
    let releaseAnswers!: () => void;
    answersHeld = new Promise((resolve) => (releaseAnswers = resolve));
    const first = outbox.submit('accept', { workitemId: 'wi_a' });
    await expect.poll(() => store.count()).toBe(1); // wi_a is recorded, its POST unanswered
    const second = outbox.submit('accept', { workitemId: 'wi_b' });
    await expect.poll(() => store.count()).toBe(2);
    expect(attempts.map((a) => a.workitemId)).toEqual(['wi_a']); // wi_b was not sent past it
    releaseAnswers();
    await expect(first).resolves.toMatchObject({ ok: true, value: { workitemId: 'wi_a' } });
    await expect(second).resolves.toMatchObject({ ok: true, value: { workitemId: 'wi_b' } });
    expect(attempts.map((a) => a.workitemId)).toEqual(['wi_a', 'wi_b']);
  });

  it('is not sent ahead while the platform cannot be reached: it queues like any action', async () => {
    releaseWrites();
    online = false;
    reachable = false;
    await expect(outbox.submit('accept', { workitemId: 'wi_a' })).resolves.toMatchObject({ ok: true, value: { state: 'accepted' } });
    online = true;
    reachable = true;
    outbox.kick();
    await expect.poll(() => store.count()).toBe(0);
    // every attempt was made from the saved row, none ahead of it
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.every((attempt) => attempt.rowsSaved === 1)).toBe(true);
    expect(items.get('wi_a')?.state).toBe('accepted');
  });
});
