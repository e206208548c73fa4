/**
 * Chats through the desktop core against the real platform: a chat opened by a messaging channel's
 * account is offered and accepted, messages go both ways (the customer's arrive live as messageReceived),
 * the unread count clears when the agent reads, a note lands in the activity log — and with the network
 * cut, the conversation is still there, served from the cache, and a reply written meanwhile is sent once
 * the platform is back.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../common/api';
import type { WorkItem } from '../../../common/workitem';
import type { DesktopCore } from '../../../main/core';
import { parseConfig } from '../../../server/config';
import { startPlatform } from '../../../server/platform';
import { invokeOk, makeTempDir, platformConfig, recordEvents, startCoreBehindProxy, startProxy, waitUntil } from './helpers';

/** The messaging channel's side of the conversation (POST /v1/chats, customer messages), over plain HTTP. */
class Channel {
  private constructor(private readonly url: string, private readonly token: string) {}

  static async login(url: string): Promise<Channel> {
    const response = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'webchat', password: 'webchat-pw' }) });
    if (!response.ok) throw new Error(`channel login: ${response.status}`);
    return new Channel(url, ((await response.json()) as { token: string }).token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}

describe('chat messages through the desktop core', () => {
  let platformDir: string;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let channel: Channel;
  let desktop: Awaited<ReturnType<typeof startCoreBehindProxy>>;
  let core: DesktopCore;
  let recorder: ReturnType<typeof recordEvents>;
  let chat: WorkItem;

  beforeAll(async () => {
    platformDir = makeTempDir('sb-chat-platform-');
    const config = platformConfig(platformDir) as { agents: Record<string, unknown>[] };
    config.agents.push({ username: 'webchat', password: 'webchat-pw', displayName: 'Web chat', queues: [], channel: true, scopes: ['workitems:read', 'workitems:write'] });
    platform = await startPlatform(parseConfig(config, platformDir));
    channel = await Channel.login(platform.url);
    desktop = await startCoreBehindProxy(platform.port);
    ({ proxy, core, recorder } = desktop);
  });
  afterAll(async () => {
    await desktop?.close();
    await platform?.close();
    if (platformDir) fs.rmSync(platformDir, { recursive: true, force: true });
  });

  const texts = (messages: Message[]) => messages.map((m) => `${m.from}: ${m.text}`);

  it('a chat from the channel is offered and accepted; its first message shows', async () => {
    chat = await channel.call<WorkItem>('POST', '/v1/chats', { queueId: 'support', customer: { name: 'Cathy' }, text: 'Hello, my order is late', channel: 'webchat' });
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === chat.workitemId);
    const accepted = await invokeOk<WorkItem>(core, 'accept', { workitemId: chat.workitemId });
    expect(accepted.state).toBe('active');
    const messages = await invokeOk<Message[]>(core, 'listMessages', { workitemId: chat.workitemId });
    expect(messages).toMatchObject([{ from: 'customer', author: 'Cathy', text: 'Hello, my order is late', workitemId: chat.workitemId }]);
  });

  it('the agent’s reply shows at once and reaches the platform; the customer’s answer arrives live', async () => {
    const mark = recorder.mark();
    const sent = await invokeOk<Message>(core, 'sendMessage', { workitemId: chat.workitemId, text: 'Hi Cathy, let me check' });
    expect(sent).toMatchObject({ from: 'agent', author: 'alice', text: 'Hi Cathy, let me check' });
    expect(sent.messageId).not.toMatch(/^local-/);
    const first = await recorder.waitFor('messageReceived', (m) => m.text === 'Hi Cathy, let me check', 5_000, mark);
    expect(first.messageId).toMatch(/^local-/); // the optimistic one, before the platform answered
    const onPlatform = await channel.call<Message[]>('GET', `/v1/workitems/${chat.workitemId}/messages`);
    expect(texts(onPlatform)).toEqual(['customer: Hello, my order is late', 'agent: Hi Cathy, let me check']);

    const before = recorder.mark();
    await channel.call('POST', `/v1/workitems/${chat.workitemId}/messages`, { text: 'It was due Monday', from: 'customer' });
    const live = await recorder.waitFor('messageReceived', (m) => m.text === 'It was due Monday', 5_000, before);
    expect(live).toMatchObject({ from: 'customer', workitemId: chat.workitemId });
    await waitUntil(async () => (await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: chat.workitemId })).unread === 1, 'the unread count to reach the cache');

    const read = await invokeOk<WorkItem>(core, 'markMessagesRead', { workitemId: chat.workitemId });
    expect(read.unread).toBe(0);
    expect((await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: chat.workitemId })).unread).toBe(0);
  });

  it('a note shows in the activity log', async () => {
    await invokeOk(core, 'addNote', { workitemId: chat.workitemId, text: 'Order 8812, courier delayed' });
    await waitUntil(async () => {
      const item = await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: chat.workitemId });
      return item.timeEvents.some((e) => e.type === 'note' && e.detail?.text === 'Order 8812, courier delayed' && e.userId === 'alice');
    }, 'the note in the cached activity log');
  });

  it('offline, the conversation comes from the cache; a reply written meanwhile is sent when the platform is back', async () => {
    const cut = recorder.mark();
    proxy.sever();
    await recorder.waitFor('connectionChanged', (s) => s.state === 'reconnecting' || s.state === 'offline', 10_000, cut);
    const cached = await invokeOk<Message[]>(core, 'listMessages', { workitemId: chat.workitemId });
    expect(texts(cached)).toEqual(['customer: Hello, my order is late', 'agent: Hi Cathy, let me check', 'customer: It was due Monday']);

    const queued = await invokeOk<Message>(core, 'sendMessage', { workitemId: chat.workitemId, text: 'Sorry, it ships today' });
    expect(queued.messageId).toMatch(/^local-/);
    expect(texts(await invokeOk<Message[]>(core, 'listMessages', { workitemId: chat.workitemId })).at(-1)).toBe('agent: Sorry, it ships today');

    const back = recorder.mark();
    proxy.restore();
    await recorder.waitFor('connectionChanged', (s) => s.state === 'online', 15_000, back);
    await waitUntil(async () => (await channel.call<Message[]>('GET', `/v1/workitems/${chat.workitemId}/messages`)).length === 4, 'the queued reply on the platform');
    const onPlatform = await channel.call<Message[]>('GET', `/v1/workitems/${chat.workitemId}/messages`);
    expect(texts(onPlatform).at(-1)).toBe('agent: Sorry, it ships today');
    const listed = await invokeOk<Message[]>(core, 'listMessages', { workitemId: chat.workitemId });
    expect(listed.map((m) => m.messageId)).toEqual(onPlatform.map((m) => m.messageId)); // no local copy left, nothing twice
  });
});
