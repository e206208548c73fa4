/**
 * One user cannot fill the disk for everyone (issue 11, "bound every stored collection"): items,
 * callbacks and chats one user creates per window, the entries of one campaign, the notes of one item and
 * the messages of one conversation, the changes one user makes per window and the activity log of one
 * item are bounded by config `limits`. Past a rate: 429 RATE_LIMITED with
 * Retry-After and nothing stored; past a size: 400 VALIDATION_FAILED on the field. Others are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ok, startScene, type ApiResponse, type Scene } from './helpers';

const CHATBOT_KEY = 'test-chatbot-key-0123456789abcdefghij';
let scene: Scene;

beforeAll(async () => {
  scene = await startScene({
    patch: (raw) =>
      (raw.limits = {
        writesPerUser: 30,
        itemsPerUser: 4,
        itemsPerChannel: 6,
        callbacksPerUser: 2,
        creationWindowSeconds: 3600,
        campaignEntries: 3,
        notesPerItem: 2,
        noteTextPerItem: 50,
        messagesPerConversation: 3,
      }),
  });
});
afterAll(async () => {
  await scene?.close();
});

function expectRateLimited(res: ApiResponse): void {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.body.error?.code).toBe('RATE_LIMITED');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

function expectTooMany(res: ApiResponse, field: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error?.code).toBe('VALIDATION_FAILED');
  expect(res.body.error?.fields?.map((f: { path: string }) => f.path)).toEqual([field]);
}

async function countCreatedBy(username: string): Promise<number> {
  const page = ok(await scene.sup.get(`/v1/workitems?rows=500`));
  return (page.items as { createdBy?: string; timeEvents: { type: string; userId: string }[] }[]).filter((i) => i.timeEvents[0]?.userId === username).length;
}

describe('items one user creates per window', () => {
  it('are limited: past itemsPerUser, 429 with Retry-After and nothing stored; a replayed Idempotency-Key is not a new item; other users go on', async () => {
    const alice = await scene.login('alice');
    const first = ok(await alice.createItem({ type: 'task', subject: 'task 0' }, { 'idempotency-key': 'quota-0' }));
    for (let i = 1; i < 3; i++) ok(await alice.createItem({ type: 'task', subject: `task ${i}` }), `task ${i}`);
    ok(await alice.post('/v1/callbacks', { phone: '+14155550111' }), 'a callback counts as an item');
    // the limit is reached: a replay of the first request still answers (it creates nothing)...
    const replay = await alice.createItem({ type: 'task', subject: 'task 0' }, { 'idempotency-key': 'quota-0' });
    expect(replay.status).toBe(201);
    expect(replay.body.workitemId).toBe(first.workitemId);
    // ...and every new one is refused, whichever route creates it
    const before = await countCreatedBy('alice');
    expect(before).toBeGreaterThanOrEqual(3);
    expectRateLimited(await alice.createItem({ type: 'task', subject: 'one too many' }));
    expectRateLimited(await alice.createItem({ type: 'task', subject: 'one too many' }, { 'idempotency-key': 'quota-new' }));
    expectRateLimited(await alice.post('/v1/callbacks', { phone: '+14155550122' }));
    expect(await countCreatedBy('alice')).toBe(before);
    // another agent is not affected (it is per user)
    const bob = await scene.login('bob');
    ok(await bob.createItem({ type: 'task', subject: 'bob is fine' }));
  });

  it('callbacks have their own, lower limit (callbacksPerUser)', async () => {
    const carol = await scene.login('carol');
    ok(await carol.post('/v1/callbacks', { phone: '+14155550211', queueId: 'sales' }));
    ok(await carol.post('/v1/callbacks', { phone: '+14155550222', queueId: 'sales' }));
    expectRateLimited(await carol.post('/v1/callbacks', { phone: '+14155550233', queueId: 'sales' }));
    ok(await carol.createItem({ type: 'task', subject: 'tasks still go' }));
  });

  it('a channel integration has its own limit (itemsPerChannel) for the chats it opens', async () => {
    const chatbot = new ApiClient(scene.platform.url, CHATBOT_KEY);
    for (let i = 0; i < 6; i++) ok(await chatbot.post('/v1/chats', { queueId: 'support', customer: { name: `Customer ${i}` }, text: 'hello' }), `chat ${i}`);
    expectRateLimited(await chatbot.post('/v1/chats', { queueId: 'support', customer: { name: 'Customer 7' }, text: 'hello' }));
  });
});

describe('what one item or campaign may hold', () => {
  it('a campaign holds at most campaignEntries entries', async () => {
    const entries = ['+14155550311', '+14155550322', '+14155550333', '+14155550344'].map((phone) => ({ phone }));
    expectTooMany(await scene.sup.post('/v1/campaigns', { name: 'too big', queueId: 'sales', entries }), 'entries');
    ok(await scene.sup.post('/v1/campaigns', { name: 'fits', queueId: 'sales', entries: entries.slice(0, 3) }));
  });

  it('notes per item and their text follow the config', async () => {
    const sup = scene.sup;
    const task = ok(await sup.createItem({ type: 'task', subject: 'notes' }));
    ok(await sup.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'x'.repeat(30) }));
    expectTooMany(await sup.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'y'.repeat(21) }), 'text');
    ok(await sup.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'y'.repeat(20) }));
    expectTooMany(await sup.post(`/v1/workitems/${task.workitemId}/notes`, { text: 'z' }), 'text');
  });

  it('a conversation holds at most messagesPerConversation messages', async () => {
    const webchat = await scene.login('webchat');
    const chat = ok(await webchat.post('/v1/chats', { queueId: 'support', customer: { name: 'Chatty' }, text: 'one' }));
    ok(await webchat.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'two', from: 'customer' }));
    ok(await webchat.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'three', from: 'customer' }));
    expectTooMany(await webchat.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'four', from: 'customer' }), 'text');
    expect(ok(await webchat.get(`/v1/workitems/${chat.workitemId}/messages`))).toHaveLength(3);
  });
});

describe('changes one user makes per window', () => {
  it('are limited: past writesPerUser, 429 with Retry-After; reads, logout and other users go on', async () => {
    const bob = await scene.login('bob');
    let refused: ApiResponse | undefined;
    for (let i = 0; i < 40 && refused === undefined; i++) {
      const res = await bob.setPresence(i % 2 === 0 ? 'available' : 'not_ready');
      if (res.status !== 200) refused = res;
    }
    expect(refused, 'some presence change refused').toBeDefined();
    expectRateLimited(refused!);
    expectRateLimited(await bob.createItem({ type: 'task', subject: 'no more' }));
    ok(await bob.get('/v1/agents/me'), 'reads go on');
    ok(await (await scene.login('supa')).setPresence('not_ready'), 'another user goes on');
    expect((await bob.post('/v1/auth/logout', {})).status).toBe(204);
  });
});

describe('an item’s activity log', () => {
  it('keeps its first entry and the newest, activityPerItem in all, in the store and in the events', async () => {
    const bounded = await startScene({ patch: (raw) => (raw.limits = { activityPerItem: 10 }) });
    try {
      const sup = bounded.sup;
      const task = ok(await sup.createItem({ type: 'task', subject: 'flip-flop', assignee: { agentUsername: 'sup' } }));
      let last: { timeEvents: { type: string; detail?: { to?: string } }[] } | undefined;
      for (let i = 0; i < 30; i++) last = ok(await sup.act(task.workitemId, 'status', { status: i % 2 === 0 ? 'in_progress' : 'todo' }), `flip ${i}`);
      const item = ok(await sup.item(task.workitemId));
      expect(item.timeEvents).toHaveLength(10);
      expect(item.timeEvents[0]!.type).toBe('created');
      expect(item.timeEvents.at(-1)).toEqual(last!.timeEvents.at(-1));
      expect(item.version).toBeGreaterThan(30);
      await bounded.supEvents.waitForItem(task.workitemId, (i) => i.version === item.version);
      const updates = bounded.supEvents.forItem(task.workitemId);
      expect(updates.length).toBeGreaterThan(30);
      expect(Math.max(...updates.map((e) => e.workitem?.timeEvents.length ?? 0))).toBeLessThanOrEqual(10);
    } finally {
      await bounded.close();
    }
  });
});
