import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition } from '../../../../../common/lifecycle';
import type { WorkItem } from '../../../../../common/workitem';
import { Cache } from '../../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { CoreEvents } from '../../../../../main/core/core-events';
import { Outbox } from '../../../../../main/core/outbox/outbox';
import { OutboxStore } from '../../../../../main/core/outbox/outbox-store';
import { Backoff } from '../../../../../common/backoff';
import type { PlatformClient } from '../../../../../main/core/platform/http-client';
import { offlineError, PlatformError } from '../../../../../main/core/platform/platform-error';
import { makeItem, onThisThread, tempDir } from '../fixtures';

const NOW = 1_700_000_100_000;

/** A stand-in platform: applies actions with the real lifecycle, or fails as told. */
class FakePlatform {
  items = new Map<string, WorkItem>();
  calls: { action: string; workitemId: string; key: string }[] = [];
  keys = new Set<string>();
  failNext: (PlatformError | null)[] = [];
  reachable = true;

  client(): PlatformClient {
    return {
      workItemAction: async (workitemId: string, action: string, body: any, key: string) => {
        if (!this.reachable) throw offlineError('http://fake', new Error('ECONNREFUSED'));
        const failure = this.failNext.shift();
        if (failure) throw failure;
        this.calls.push({ action, workitemId, key });
        const item = this.items.get(workitemId)!;
        const event = action === 'disposition' ? { type: 'disposition', by: 'alice', code: body.code } : action === 'hangup' ? { type: 'hangup', by: 'alice', wrapUpExpiresAt: NOW + 1 } : { type: action, by: 'alice' };
        const result = transition(item, event as never, NOW);
        if (!result.ok) throw new PlatformError('ILLEGAL_TRANSITION', result.error.message, 409, false);
        this.items.set(workitemId, result.item);
        return result.item;
      },
      getWorkItem: async (workitemId: string) => this.items.get(workitemId)!,
    } as unknown as PlatformClient;
  }
}

describe('Outbox', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  let store: OutboxStore;
  let platform: FakePlatform;
  let events: { name: string; payload: any }[];
  let outbox: Outbox;
  let online: boolean;

  function build() {
    const core = new CoreEvents();
    core.subscribe((name, payload) => events.push({ name, payload }));
    const client = platform.client();
    outbox = new Outbox({
      ...onThisThread(cache, store),
      client: () => client,
      username: () => 'alice',
      online: () => online,
      emit: core.emit,
      now: () => NOW,
      backoff: new Backoff({ baseMs: 5, capMs: 20 }),
    });
  }

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    store = OutboxStore.open(`${tmp.dir}/outbox.db`);
    platform = new FakePlatform();
    events = [];
    online = true;
    const offered = makeItem({ workitemId: 'wi_call', type: 'chat', state: 'offered', agentUsername: 'alice', offeredAt: NOW, offerExpiresAt: NOW + 30_000 });
    platform.items.set(offered.workitemId, offered);
    cache.upsertItem(offered);
    build();
  });
  afterEach(() => {
    outbox.stop();
    cache.close();
    store.close();
    tmp.remove();
  });

  it('sends online actions and resolves with the platform answer', async () => {
    const result = await outbox.submit('accept', { workitemId: 'wi_call' });
    expect(result).toMatchObject({ ok: true, value: { workitemId: 'wi_call', state: 'active' } });
    expect(platform.calls.map((c) => c.action)).toEqual(['accept']);
    expect(store.count()).toBe(0);
    expect(cache.getItem('wi_call')?.state).toBe('active');
  });

  it('offline: records, applies optimistically, resolves with the optimistic item, then replays in order exactly once', async () => {
    online = false;
    platform.reachable = false;
    const accepted = await outbox.submit('accept', { workitemId: 'wi_call' });
    expect(accepted).toMatchObject({ ok: true, value: { state: 'active' } });
    const hungUp = await outbox.submit('hangup', { workitemId: 'wi_call' });
    expect(hungUp).toMatchObject({ ok: true, value: { state: 'terminated' } });
    const done = await outbox.submit('disposition', { workitemId: 'wi_call', code: 'resolved' });
    expect(done).toMatchObject({ ok: true, value: { state: 'dispositioned' } });
    expect(cache.getItem('wi_call')?.state).toBe('dispositioned');
    expect(store.all().map((r) => r.operation)).toEqual(['accept', 'hangup', 'disposition']);
    expect(new Set(store.all().map((r) => r.idempotencyKey)).size).toBe(3);

    online = true;
    platform.reachable = true;
    outbox.kick();
    await expect.poll(() => store.count()).toBe(0);
    expect(platform.calls.map((c) => c.action)).toEqual(['accept', 'hangup', 'disposition']);
    expect(platform.items.get('wi_call')?.state).toBe('dispositioned');
    expect(cache.getItem('wi_call')?.state).toBe('dispositioned');
  });

  it('retries network failures and 5xx with backoff, keeping the same idempotency key', async () => {
    platform.failNext = [offlineError('http://fake', new Error('reset')), new PlatformError('INTERNAL', 'boom', 503, true)];
    const result = await outbox.submit('accept', { workitemId: 'wi_call' });
    expect(result).toMatchObject({ ok: true, value: { state: 'active' } }); // the optimistic item: it is queued
    await expect.poll(() => platform.calls.length).toBe(1);
    expect(store.count()).toBe(0);
  });

  it('a refusal rolls the optimistic change back and emits actionRejected', async () => {
    platform.failNext = [new PlatformError('ILLEGAL_TRANSITION', 'the offer was withdrawn', 409, false)];
    const result = await outbox.submit('accept', { workitemId: 'wi_call' });
    expect(result).toEqual({ ok: false, error: { code: 'ILLEGAL_TRANSITION', message: 'the offer was withdrawn' } });
    expect(cache.getItem('wi_call')?.state).toBe('offered');
    expect(events.find((e) => e.name === 'actionRejected')?.payload).toEqual({
      operation: 'accept',
      workitemId: 'wi_call',
      error: { code: 'ILLEGAL_TRANSITION', message: 'the offer was withdrawn' },
    });
    expect(store.count()).toBe(0);
  });

  it('refuses at once an action the lifecycle forbids on the cached item, without queueing it', async () => {
    const result = await outbox.submit('disposition', { workitemId: 'wi_call', code: 'resolved' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(store.count()).toBe(0);
  });

  it('survives a restart: pending actions are sent by a new outbox with their original keys', async () => {
    online = false;
    platform.reachable = false;
    await outbox.submit('accept', { workitemId: 'wi_call' });
    const key = store.all()[0].idempotencyKey;
    outbox.stop();
    store.close();
    store = OutboxStore.open(`${tmp.dir}/outbox.db`);
    platform.reachable = true;
    online = true;
    build();
    outbox.kick();
    await expect.poll(() => platform.calls.length).toBe(1);
    expect(platform.calls[0].key).toBe(key);
  });

  it('shows a created task as pending and replaces it with the platform item', async () => {
    online = false;
    const fakeCreate = { createWorkItem: async () => makeItem({ workitemId: 'wi_real', subject: 'Call back' }) };
    outbox = new Outbox({
      ...onThisThread(cache, store), client: () => fakeCreate as unknown as PlatformClient, username: () => 'alice', online: () => online,
      emit: (name, payload) => events.push({ name, payload }), now: () => NOW, backoff: new Backoff({ baseMs: 5, capMs: 20 }),
    });
    const result = await outbox.submit('createTask', { type: 'task', subject: 'Call back' });
    const placeholder = (result as { ok: true; value: WorkItem }).value;
    expect(placeholder.workitemId).toMatch(/^wi_local-/);
    await expect.poll(() => cache.getItem('wi_real')).not.toBeNull();
    expect(cache.getItem(placeholder.workitemId)).toBeNull();
    expect(events.some((e) => e.name === 'itemsChanged' && e.payload.removed.includes(placeholder.workitemId))).toBe(true);
  });
});
