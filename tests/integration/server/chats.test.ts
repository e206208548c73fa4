/**
 * Chats (seeds 000, 002): a messaging channel opens a chat, routed like any inbound item, with its first
 * message; messages flow both ways with message.created events. Notes go into the activity log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, itemIdOf, offeredTo, ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('chats', () => {
  it('opens a queued chat with its first message; messages both ways with message.created events', async () => {
    scene = await startScene();
    const channel = await ApiClient.login(scene.platform.url, 'webchat');
    const res = await channel.post('/v1/chats', { queueId: 'support', customer: { name: 'Cathy', email: 'cathy@example.com' }, text: 'Hello, my order is late', channel: 'whatsapp' });
    expect(res.status).toBe(201);
    const chat = res.body;
    expect(chat.type).toBe('chat');
    expect(chat.mode).toBe('QUEUE');
    expect(chat.direction).toBe('INBOUND');
    expect(chat.channel).toBe('whatsapp');
    expect(chat.queueId).toBe('support');
    expect(chat.state).toBe('inqueue'); // nobody is available yet
    expect(chat.contact.name).toBe('Cathy');

    const first = ok(await channel.get(`/v1/workitems/${chat.workitemId}/messages`), 'messages');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ from: 'customer', text: 'Hello, my order is late' });

    const alice = await scene.agent('alice');
    await offeredTo(alice.events, 'alice', chat.workitemId);
    ok(await alice.api.act(chat.workitemId, 'accept'), 'accept');
    // The agent sees the conversation so far.
    expect(ok(await alice.api.get(`/v1/workitems/${chat.workitemId}/messages`))).toHaveLength(1);

    const reply = await alice.api.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'Hi Cathy, let me check' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ from: 'agent', author: 'alice', text: 'Hi Cathy, let me check' });

    const aliceMark = alice.events.mark();
    const answer = await channel.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'Thank you', from: 'customer' });
    expect(answer.status).toBe(201);
    expect(answer.body.from).toBe('customer');
    const event = await alice.events.waitFor((e) => e.type === 'message.created' && e.message?.text === 'Thank you', 3_000, aliceMark);
    expect(itemIdOf(event) ?? event.message?.workitemId).toBe(chat.workitemId);
    expect(event.message?.from).toBe('customer');

    // Unread counts per item (seed 002): the customer's message is unread until the agent reads or replies.
    expect(ok(await alice.api.item(chat.workitemId)).unread).toBe(1);
    const read = ok(await alice.api.post(`/v1/workitems/${chat.workitemId}/messages/read`, {}), 'mark read');
    expect(read.unread).toBe(0);

    const all = ok(await alice.api.get(`/v1/workitems/${chat.workitemId}/messages`));
    expect(all.map((m: { text: string }) => m.text)).toEqual(['Hello, my order is late', 'Hi Cathy, let me check', 'Thank you']);
    for (let i = 1; i < all.length; i++) expect(all[i].at).toBeGreaterThanOrEqual(all[i - 1].at);
  });

  it('refuses a chat without text or queue with field errors', async () => {
    scene = await startScene();
    const res = await scene.sup.post('/v1/chats', { customer: {}, text: '   ' });
    expect(res.status).toBe(400);
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['queueId', 'text']));
  });

  it('an agent may not post into a chat that is not theirs', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const chat = ok(await scene.sup.post('/v1/chats', { queueId: 'sales', customer: { name: 'X' }, text: 'hi' }), 'create chat');
    const res = await alice.api.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'not mine' });
    expect(res.status).toBe(403);
  });
});

describe('notes', () => {
  it('a note is returned with 201 and appears in the activity log', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = ok(await scene.sup.createItem({ type: 'chat', assignee: { agentUsername: 'alice' } }), 'create');
    const res = await alice.api.post(`/v1/workitems/${item.workitemId}/notes`, { text: 'VIP customer, handle with care' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workitemId: item.workitemId, author: 'alice', text: 'VIP customer, handle with care' });
    expect(typeof res.body.noteId).toBe('string');

    const after = ok(await alice.api.item(item.workitemId));
    const added = after.timeEvents.slice(item.timeEvents.length);
    expect(added.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(added).toLowerCase()).toContain('note');
    expect(added.some((e) => e.userId === 'alice')).toBe(true);

    const empty = await alice.api.post(`/v1/workitems/${item.workitemId}/notes`, { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields?.[0]?.path).toBe('text');
  });
});
