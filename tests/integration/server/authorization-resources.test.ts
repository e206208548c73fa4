/**
 * The resource half of authorization (issue 11's findings): which queue, team, agent or campaign a role
 * may touch once the route has let it in. Each case failed before the model existed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, inboundItem, ok, startScene, type Scene } from './helpers';

const CHATBOT_KEY = 'test-chatbot-key-0123456789abcdefghij';

let scene: Scene;
let alice: ApiClient;
let bob: ApiClient;
let supa: ApiClient;
beforeAll(async () => {
  scene = await startScene();
  [alice, bob, supa] = await Promise.all(['alice', 'bob', 'supa'].map((name) => scene.login(name)));
});
afterAll(async () => {
  await scene?.close();
});

function expectForbidden(res: { status: number; body: { error?: { code?: string } } }, what: string): void {
  expect(res.status, what).toBe(403);
  expect(res.body.error?.code, what).toBe('FORBIDDEN');
}

describe('campaigns', () => {
  it('agents may not create, read, start or stop a campaign; a supervisor only those of its queues', async () => {
    const entries = [{ phone: '+14155550201' }];
    expectForbidden(await alice.post('/v1/campaigns', { name: 'Mine', queueId: 'support', entries }), 'agent creates');
    const support = ok(await scene.sup.post('/v1/campaigns', { name: 'Support drive', queueId: 'support', entries }), 'admin creates');
    const sales = ok(await scene.sup.post('/v1/campaigns', { name: 'Sales drive', queueId: 'sales', entries }), 'admin creates');
    expectForbidden(await alice.get(`/v1/campaigns/${support.campaignId}`), 'agent reads');
    expectForbidden(await alice.post(`/v1/campaigns/${support.campaignId}/start`), 'agent starts');
    expectForbidden(await alice.post(`/v1/campaigns/${support.campaignId}/stop`), 'agent stops');

    expect(ok(await supa.get(`/v1/campaigns/${support.campaignId}`)).queueId).toBe('support');
    expect(ok(await supa.post(`/v1/campaigns/${support.campaignId}/stop`)).state).toBe('stopped');
    expectForbidden(await supa.get(`/v1/campaigns/${sales.campaignId}`), 'supervisor reads another queue’s');
    expectForbidden(await supa.post(`/v1/campaigns/${sales.campaignId}/start`), 'supervisor starts another queue’s');
    expectForbidden(await supa.post('/v1/campaigns', { name: 'Poach', queueId: 'sales', entries }), 'supervisor creates in another queue');
    expect(ok(await scene.sup.get(`/v1/campaigns/${sales.campaignId}`)).state).toBe('created');
  });
});

describe('creating work in queues', () => {
  it('an agent creates items and callbacks only in the queues it serves', async () => {
    expectForbidden(await alice.createItem({ type: 'task', subject: 'into sales', queueId: 'sales' }), 'item in a queue not served');
    expectForbidden(await alice.post('/v1/callbacks', { phone: '+14155550123', queueId: 'sales' }), 'callback in a queue not served');
    expect((await alice.createItem({ type: 'task', subject: 'into support', queueId: 'support' })).status).toBe(201);
    expect((await alice.post('/v1/callbacks', { phone: '+14155550123', queueId: 'support' })).status).toBe(201);
    // without a queue: the agent's own first queue, as before
    expect(ok(await alice.post('/v1/callbacks', { phone: '+14155550124' })).queueId).toBe('support');
  });

  it('a supervisor creates in the queues it supervises only', async () => {
    expect((await supa.createItem({ type: 'task', subject: 'supervised', queueId: 'support' })).status).toBe(201);
    expectForbidden(await supa.createItem({ type: 'task', subject: 'not supervised', queueId: 'sales' }), 'supervisor in another queue');
  });
});

describe('giving work to others', () => {
  it('an agent may not create or assign items for another agent (their capacity) or a team not theirs', async () => {
    expectForbidden(await alice.createItem({ type: 'task', subject: 'for bob', assignee: { agentUsername: 'bob' } }), 'create for another agent');
    expectForbidden(await bob.createItem({ type: 'task', subject: 'for billing', assignee: { team: 'billing' } }), 'create for a team not bob’s');
    const task = ok(await alice.createItem({ type: 'task', subject: 'mine' }), 'own task');
    expectForbidden(await alice.act(task.workitemId, 'assign', { agentUsername: 'bob' }), 'assign to another agent');
    const toTeam = ok(await alice.act(task.workitemId, 'assign', { team: 'billing' }), 'back to her own team');
    expect(toTeam.team).toBe('billing');

    const bobs = ok(await bob.createItem({ type: 'task', subject: 'bob’s' }), 'bob’s task');
    expectForbidden(await bob.act(bobs.workitemId, 'assign', { team: 'billing' }), 'assign to a team not bob’s');
    expect(ok(await bob.item(bobs.workitemId)).agentUsername).toBe('bob');
  });

  it('a supervisor gives work of its queues to agents who serve them, not to others', async () => {
    const item = ok(await supa.createItem({ type: 'task', subject: 'for bob', queueId: 'support', assignee: { agentUsername: 'bob' } }), 'supervisor assigns');
    expect(item.agentUsername).toBe('bob');
    expectForbidden(await supa.act(item.workitemId, 'assign', { agentUsername: 'carol' }), 'to an agent of another queue');
    expect(ok(await supa.act(item.workitemId, 'assign', { agentUsername: 'alice' })).agentUsername).toBe('alice');
    const salesItem = ok(await scene.sup.createItem({ type: 'task', subject: 'sales work', assignee: { agentUsername: 'carol' }, queueId: 'sales' }), 'admin');
    expectForbidden(await supa.act(salesItem.workitemId, 'status', { status: 'resolved' }), 'act on another queue’s item');
  });
});

describe('the customer side', () => {
  it('agents and supervisors may not open chats as the customer channel; channel accounts and API keys may', async () => {
    const body = { queueId: 'support', customer: { name: 'Cathy' }, text: 'Hello' };
    expectForbidden(await alice.post('/v1/chats', body), 'agent opens a chat');
    expectForbidden(await supa.post('/v1/chats', body), 'supervisor opens a chat');
    const webchat = await scene.login('webchat');
    expect((await webchat.post('/v1/chats', body)).status).toBe(201);
    const chatbot = new ApiClient(scene.platform.url, CHATBOT_KEY);
    const chat = ok(await chatbot.post('/v1/chats', body), 'API key opens a chat');
    expect(chat.queueId).toBe('support');
    expectForbidden(await chatbot.post('/v1/chats', { ...body, queueId: 'overflow' }), 'API key into a queue it does not name');
    expectForbidden(await alice.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'I am the customer', from: 'customer' }), 'agent posts as customer');
    expect((await chatbot.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'still there?' })).status).toBe(201);
  });

  it('an API key is no session: it takes no work and cannot be logged out', async () => {
    const chatbot = new ApiClient(scene.platform.url, CHATBOT_KEY);
    expectForbidden(await chatbot.setPresence('available'), 'presence');
    expect((await chatbot.post('/v1/auth/logout', {})).status).toBe(400);
    expect((await chatbot.get('/v1/queues')).status).toBe(200);
    const item = await inboundItem(scene.sup);
    expectForbidden(await chatbot.act(item.workitemId, 'accept'), 'accept');
    expect((await new ApiClient(scene.platform.url, `${CHATBOT_KEY}x`).get('/v1/queues')).status).toBe(401);
  });
});
