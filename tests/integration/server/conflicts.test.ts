/**
 * Concurrency and retries: a stale expectedVersion is 409 VERSION_CONFLICT, an action the item's state
 * does not allow is 409 ILLEGAL_TRANSITION, and an Idempotency-Key repeat returns the first response
 * without a second effect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { activeItemFor, ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('versions and transitions', () => {
  it('a stale expectedVersion is 409 VERSION_CONFLICT and changes nothing; the current one works', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);
    const stale = await alice.api.act(item.workitemId, 'hold', { hold: true, expectedVersion: item.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const unchanged = ok(await alice.api.item(item.workitemId));
    expect(unchanged.state).toBe('active');
    expect(unchanged.version).toBe(item.version);

    const held = ok(await alice.api.act(item.workitemId, 'hold', { hold: true, expectedVersion: item.version }), 'hold');
    expect(held.state).toBe('hold');
    expect(held.version).toBeGreaterThan(item.version);
    // The old version is stale now.
    const again = await alice.api.act(item.workitemId, 'hold', { hold: false, expectedVersion: item.version });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VERSION_CONFLICT');
    const resumed = ok(await alice.api.act(item.workitemId, 'hold', { hold: false, expectedVersion: held.version }), 'resume');
    expect(resumed.state).toBe('active');
  });

  it('an illegal transition is 409 ILLEGAL_TRANSITION', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);
    for (const [action, body] of [['accept', {}], ['disposition', { code: 'resolved' }], ['dial', {}]] as const) {
      const res = await alice.api.act(item.workitemId, action, body);
      expect(res.status, action).toBe(409);
      expect(res.body.error.code, action).toBe('ILLEGAL_TRANSITION');
    }
    ok(await alice.api.act(item.workitemId, 'hangup'), 'hangup');
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }), 'disposition');
    for (const [action, body] of [['hold', { hold: true }], ['hangup', {}], ['disposition', { code: 'resolved' }]] as const) {
      const res = await alice.api.act(item.workitemId, action, body);
      expect(res.status, `${action} after disposition`).toBe(409);
      expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
    }
    // A task status on a chat is not a transition a chat has.
    const status = await alice.api.act(item.workitemId, 'status', { status: 'resolved' });
    expect(status.status).toBeGreaterThanOrEqual(400);
    expect(status.status).toBeLessThan(500);
  });
});

describe('idempotency keys', () => {
  async function total(scene: Scene): Promise<number> {
    return ok(await scene.sup.get('/v1/workitems?rows=0')).total;
  }

  it('a repeated POST /v1/workitems returns the first response and creates nothing new', async () => {
    scene = await startScene();
    const before = await total(scene);
    const headers = { 'idempotency-key': 'create-task-7f3a' };
    const body = { type: 'task', subject: 'Only once', assignee: { agentUsername: 'alice' } };
    const first = await scene.sup.createItem(body, headers);
    expect(first.status).toBe(201);
    const second = await scene.sup.createItem(body, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await total(scene)).toBe(before + 1);
    // Another key is another item.
    const third = await scene.sup.createItem(body, { 'idempotency-key': 'create-task-other' });
    expect(third.body.workitemId).not.toBe(first.body.workitemId);
    expect(await total(scene)).toBe(before + 2);
  });

  it('a repeated action has no second effect and no second event', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);
    const headers = { 'idempotency-key': 'hangup-once' };
    const first = await alice.api.post(`/v1/workitems/${item.workitemId}/hangup`, {}, headers);
    expect(first.status).toBe(200);
    await scene.supEvents.waitForItem(item.workitemId, (i) => i.state === 'terminated');
    const second = await alice.api.post(`/v1/workitems/${item.workitemId}/hangup`, {}, headers);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    await scene.supEvents.quiet(150, 400);
    // One change, one event: the repeat published nothing.
    const terminatedEvents = scene.supEvents.forItem(item.workitemId).filter((e) => e.workitem?.state === 'terminated');
    expect(terminatedEvents).toHaveLength(1);
  });

  it('a repeated POST /v1/callbacks creates one callback', async () => {
    scene = await startScene();
    const before = await total(scene);
    const headers = { 'idempotency-key': 'cb-1' };
    const first = await scene.sup.post('/v1/callbacks', { phone: '+14155550199', queueId: 'overflow' }, headers);
    const second = await scene.sup.post('/v1/callbacks', { phone: '+14155550199', queueId: 'overflow' }, headers);
    expect(first.status).toBe(201);
    expect(second.body.workitemId).toBe(first.body.workitemId);
    expect(await total(scene)).toBe(before + 1);
  });

  it('a repeated message POST posts one message', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const chat = ok(await scene.sup.createItem({ type: 'chat', channel: 'webchat', assignee: { agentUsername: 'alice' } }));
    const headers = { 'idempotency-key': 'msg-1' };
    const first = await alice.api.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'only once' }, headers);
    const second = await alice.api.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'only once' }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.messageId).toBe(first.body.messageId);
    const messages = ok(await alice.api.get(`/v1/workitems/${chat.workitemId}/messages`));
    expect(messages.filter((m: { text: string }) => m.text === 'only once')).toHaveLength(1);
  });
});
