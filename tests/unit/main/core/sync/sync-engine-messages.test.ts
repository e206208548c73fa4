/** Sync and chat messages: a `message.created` event is kept in the cache with its seq, and announced. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, PlatformEvent } from '../../../../../common/api';
import { Cache } from '../../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { SyncEngine } from '../../../../../main/core/sync/sync-engine';
import { cacheOnThisThread, makeItem, tempDir } from '../fixtures';

const AT = 1_700_000_000_000;

describe('SyncEngine: message.created', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  let emitted: { name: string; payload: unknown }[];
  let sync: SyncEngine;

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    cache.upsertItem(makeItem({ workitemId: 'wi_chat', type: 'chat', conversationId: 'conv_1' }));
    emitted = [];
    sync = new SyncEngine({
      ...cacheOnThisThread(cache),
      emit: (name, payload) => emitted.push({ name, payload }),
      now: () => AT,
      pendingActions: () => 0,
      onOnline: () => {},
      onUnauthorized: () => {},
    });
  });
  afterEach(() => {
    cache.close();
    tmp.remove();
  });

  const message: Message = { messageId: 'msg_1', workitemId: 'wi_chat', from: 'customer', author: 'Cathy', text: 'Hello', at: AT };
  const event = (seq: number): PlatformEvent => ({ seq, type: 'message.created', at: AT, workitemId: 'wi_chat', message });

  it('stores the message with the event’s seq and tells the renderer', async () => {
    expect(await sync.applyEvent(event(7))).toBe(true);
    expect(cache.messages.list('wi_chat')).toEqual([message]);
    expect(cache.getSyncState().lastSeq).toBe(7);
    expect(emitted).toContainEqual({ name: 'messageReceived', payload: message });
  });

  it('an event already applied is neither stored again nor announced again', async () => {
    await sync.applyEvent(event(7));
    emitted.length = 0;
    expect(await sync.applyEvent(event(7))).toBe(false);
    expect(cache.messages.list('wi_chat')).toHaveLength(1);
    expect(emitted).toEqual([]);
  });
});
