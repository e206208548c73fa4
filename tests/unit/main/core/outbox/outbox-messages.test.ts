/**
 * The outbox and chat messages and notes: the agent's message shows at once (cache + messageReceived),
 * survives being offline, gives way to the platform's copy, and goes when the platform refuses it; a note
 * shows in the item's activity log at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, Note } from '../../../../../common/api';
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

describe('Outbox: messages and notes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let cache: Cache;
  let store: OutboxStore;
  let events: { name: string; payload: any }[];
  let outbox: Outbox;
  let online: boolean;
  let reachable: boolean;
  let refuse: PlatformError | null;
  let chat: WorkItem;
  const posted: string[] = [];

  const client = {
    postMessage: async (workitemId: string, text: string): Promise<Message> => {
      if (!reachable) throw offlineError('http://fake', new Error('ECONNREFUSED'));
      if (refuse) throw refuse;
      posted.push(text);
      return { messageId: `msg_${posted.length}`, workitemId, from: 'agent', author: 'alice', text, at: NOW + 1 };
    },
    addNote: async (workitemId: string, text: string): Promise<Note> => {
      if (refuse) throw refuse;
      return { noteId: 'note_1', workitemId, author: 'alice', text, at: NOW + 1 };
    },
    getWorkItem: async () => chat,
  } as unknown as PlatformClient;

  beforeEach(() => {
    tmp = tempDir();
    cache = new Cache(openCacheDatabase(`${tmp.dir}/cache.db`).db);
    store = OutboxStore.open(`${tmp.dir}/outbox.db`);
    events = [];
    online = true;
    reachable = true;
    refuse = null;
    posted.length = 0;
    chat = makeItem({ workitemId: 'wi_chat', type: 'chat', state: 'active', agentUsername: 'alice', conversationId: 'conv_1' });
    cache.upsertItem(chat);
    const core = new CoreEvents();
    core.subscribe((name, payload) => events.push({ name, payload }));
    outbox = new Outbox({
      ...onThisThread(cache, store),
      client: () => client,
      username: () => 'alice',
      online: () => online,
      emit: core.emit,
      now: () => NOW,
      backoff: new Backoff({ baseMs: 5, capMs: 20 }),
    });
  });
  afterEach(() => {
    outbox.stop();
    cache.close();
    store.close();
    tmp.remove();
  });

  const received = () => events.filter((e) => e.name === 'messageReceived').map((e) => e.payload as Message);

  it('shows the message at once, then the platform’s copy in its place', async () => {
    const result = await outbox.submit('sendMessage', { workitemId: 'wi_chat', text: 'Hi Cathy' });
    expect(result).toMatchObject({ ok: true, value: { messageId: 'msg_1', from: 'agent', text: 'Hi Cathy' } });
    const [optimistic, confirmed] = received();
    expect(optimistic).toMatchObject({ workitemId: 'wi_chat', from: 'agent', author: 'alice', text: 'Hi Cathy', at: NOW });
    expect(optimistic.messageId).toMatch(/^local-/);
    expect(confirmed.messageId).toBe('msg_1');
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1']);
  });

  it('offline: the message stays in the conversation as pending and is sent once the platform is back', async () => {
    online = false;
    reachable = false;
    const result = await outbox.submit('sendMessage', { workitemId: 'wi_chat', text: 'Still there?' });
    expect(result).toMatchObject({ ok: true, value: { text: 'Still there?' } });
    expect(cache.messages.list('wi_chat')).toMatchObject([{ text: 'Still there?', from: 'agent' }]);
    expect(cache.messages.list('wi_chat')[0].messageId).toMatch(/^local-/);

    online = true;
    reachable = true;
    outbox.kick();
    await expect.poll(() => store.count()).toBe(0);
    expect(posted).toEqual(['Still there?']);
    expect(cache.messages.list('wi_chat').map((m) => m.messageId)).toEqual(['msg_1']);
  });

  it('a refused message leaves the conversation and is reported', async () => {
    refuse = new PlatformError('ILLEGAL_TRANSITION', 'the chat has ended', 409, false);
    const result = await outbox.submit('sendMessage', { workitemId: 'wi_chat', text: 'Too late' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(cache.messages.list('wi_chat')).toEqual([]);
    expect(events.find((e) => e.name === 'actionRejected')?.payload).toMatchObject({ operation: 'sendMessage', workitemId: 'wi_chat' });
  });

  it('a note shows in the item’s activity log at once', async () => {
    online = false;
    const result = await outbox.submit('addNote', { workitemId: 'wi_chat', text: 'Customer is a VIP' });
    expect(result).toMatchObject({ ok: true, value: { text: 'Customer is a VIP', author: 'alice' } });
    const logged = cache.getItem('wi_chat')!.timeEvents.at(-1);
    expect(logged).toMatchObject({ type: 'note', userId: 'alice', timestamp: NOW, detail: { text: 'Customer is a VIP' } });
    const changed = events.find((e) => e.name === 'itemsChanged')?.payload.items[0] as WorkItem;
    expect(changed.timeEvents.at(-1)).toMatchObject({ type: 'note' });
  });

  it('a refused note is taken out of the activity log again', async () => {
    refuse = new PlatformError('FORBIDDEN', 'not yours', 403, false);
    const result = await outbox.submit('addNote', { workitemId: 'wi_chat', text: 'Refused note' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(cache.getItem('wi_chat')!.timeEvents.some((e) => e.type === 'note')).toBe(false);
  });
});
