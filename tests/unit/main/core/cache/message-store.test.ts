import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../../common/api';
import { Cache } from '../../../../../main/core/cache/cache';
import { openCacheDatabase } from '../../../../../main/core/cache/open-cache';
import { makeItem, tempDir } from '../fixtures';

const AT = 1_700_000_000_000;
function message(overrides: Partial<Message> = {}): Message {
  return { messageId: 'msg_1', workitemId: 'wi_chat', from: 'customer', author: 'Cathy', text: 'Hello', at: AT, ...overrides };
}

describe('MessageStore (the cache of chat messages)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    cache.upsertItem(makeItem({ workitemId: 'wi_chat', type: 'chat', conversationId: 'conv_1' }));
  });
  afterEach(() => {
    cache.close();
    tmp.remove();
  });

  it('keeps messages oldest first and stores each one once', () => {
    expect(cache.messages.save('wi_chat', [message({ messageId: 'msg_2', at: AT + 2, text: 'later' }), message()])).toHaveLength(2);
    expect(cache.messages.save('wi_chat', [message()])).toEqual([]);
    expect(cache.messages.list('wi_chat').map((m) => m.text)).toEqual(['Hello', 'later']);
  });

  it('files messages by conversation, so the next item of a transferred chat shows what came before', () => {
    cache.messages.save('wi_chat', [message()]);
    cache.upsertItem(makeItem({ workitemId: 'wi_next', type: 'chat', conversationId: 'conv_1' }));
    expect(cache.messages.list('wi_next').map((m) => m.messageId)).toEqual(['msg_1']);
    // An item the cache does not know is its own conversation.
    cache.messages.save('wi_unknown', [message({ messageId: 'msg_x', workitemId: 'wi_unknown' })]);
    expect(cache.messages.list('wi_unknown').map((m) => m.messageId)).toEqual(['msg_x']);
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1']);
  });

  it('a pending agent message gives way to the platform’s copy, once', () => {
    cache.messages.save('wi_chat', [message()]);
    cache.messages.addPending(message({ messageId: 'local-1', from: 'agent', author: 'alice', text: 'ok', at: AT + 5 }));
    cache.messages.addPending(message({ messageId: 'local-2', from: 'agent', author: 'alice', text: 'ok', at: AT + 6 }));
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1', 'local-1', 'local-2']);

    cache.messages.save('wi_chat', [message({ messageId: 'msg_ok1', from: 'agent', author: 'alice', text: 'ok', at: AT + 7 })]);
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1', 'local-2', 'msg_ok1']);
    // The same platform message again (the outbox's answer after the event) replaces nothing more.
    cache.messages.save('wi_chat', [message({ messageId: 'msg_ok1', from: 'agent', author: 'alice', text: 'ok', at: AT + 7 })]);
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1', 'local-2', 'msg_ok1']);
    // A customer saying the same words does not confirm the agent's message.
    cache.messages.save('wi_chat', [message({ messageId: 'msg_c', text: 'ok', at: AT + 8 })]);
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toContain('local-2');
  });

  it('drops a refused pending message', () => {
    cache.messages.addPending(message({ messageId: 'local-1', from: 'agent', text: 'refused' }));
    expect(cache.messages.dropPending('wi_chat', 'other')).toBe(false);
    expect(cache.messages.dropPending('wi_chat', 'refused')).toBe(true);
    expect(cache.messages.list('wi_chat')).toEqual([]);
  });

  it('forgets messages with their items (history pruning, another agent)', () => {
    cache.messages.save('wi_chat', [message()]);
    const old = makeItem({ workitemId: 'wi_old', type: 'chat', state: 'dispositioned', createdAt: AT - 30 * 86_400_000 });
    cache.upsertItem(old);
    cache.messages.save('wi_old', [message({ messageId: 'msg_old', workitemId: 'wi_old' })]);
    expect(cache.pruneHistory(AT, 14)).toEqual(['wi_old']);
    expect(cache.messages.list('wi_old')).toEqual([]);
    expect(cache.messages.list('wi_chat')).toHaveLength(1);

    cache.resetForUser('bob http://platform');
    expect(cache.messages.count()).toBe(0);
  });
});
