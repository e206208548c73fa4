/**
 * Authorization (contract "Auth", seed 001 scopes): 401 without or with a bad token, 403 for an agent
 * acting on someone else's item or without the scope, and admin may act on any item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, activeItemFor, inboundItem, offeredTo, ok, startScene, type Scene } from './helpers';

// One platform for the file: these tests only read, or act on items they create themselves.
let scene: Scene;
beforeAll(async () => {
  scene = await startScene();
});
afterAll(async () => {
  await scene?.close();
});

describe('authentication', () => {
  it('logs in with the configured password and returns the agent, its scopes and queues', async () => {
    const res = await new ApiClient(scene.platform.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' });
    expect(res.status).toBe(200);
    expect(typeof res.body.token).toBe('string');
    expect(res.body.agent).toMatchObject({ username: 'alice', displayName: 'Alice Agent', queues: ['support'] });
    expect(res.body.agent.scopes).toEqual(expect.arrayContaining(['workitems:read', 'workitems:write']));
    expect(JSON.stringify(res.body)).not.toContain('alice-pw');
  });

  it('refuses a wrong password or unknown user with 401 UNAUTHENTICATED', async () => {
    const anonymous = new ApiClient(scene.platform.url);
    for (const body of [{ username: 'alice', password: 'wrong' }, { username: 'mallory', password: 'x' }]) {
      const res = await anonymous.post('/v1/auth/login', body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 401 UNAUTHENTICATED without a token or with a bad one', async () => {
    const anonymous = new ApiClient(scene.platform.url);
    const forged = anonymous.withToken('not-a-real-token');
    for (const client of [anonymous, forged]) {
      for (const [method, path] of [
        ['GET', '/v1/workitems'],
        ['GET', '/v1/queues'],
        ['GET', '/v1/agents/me'],
        ['POST', '/v1/workitems'],
      ] as const) {
        const res = await client.request(method, path, method === 'POST' ? { body: { type: 'task' } } : {});
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses the event stream without a valid token (401 on the upgrade)', async () => {
    for (const token of [undefined, 'not-a-real-token']) {
      const outcome = await EventStream.connect(scene.platform.url, token, { since: 0 }).then(
        async (stream) => {
          await stream.close();
          return 'opened';
        },
        (error: { statusCode?: number }) => error.statusCode,
      );
      expect(outcome, `token ${token}`).toBe(401);
    }
    const viaQuery = await EventStream.connect(scene.platform.url, 'not-a-real-token', { since: 0, tokenIn: 'query' }).then(
      () => 'opened',
      (error: { statusCode?: number }) => error.statusCode,
    );
    expect(viaQuery).toBe(401);
  });

  it('accepts the token in the access_token query parameter on the event stream', async () => {
    const stream = await EventStream.connect(scene.platform.url, scene.sup.token, { since: 0, tokenIn: 'query' });
    try {
      const task = ok(await scene.sup.createItem({ type: 'task', subject: 'query token', assignee: { agentUsername: 'carol' } }));
      await stream.waitFor((e) => e.workitem?.workitemId === task.workitemId, 2_000);
    } finally {
      await stream.close();
    }
  });
});

describe('authorization', () => {
  it('403 FORBIDDEN when an agent acts on an item offered or assigned to another agent', async () => {
    const bob = await scene.agent('bob');
    const alice = await ApiClient.login(scene.platform.url, 'alice'); // logged in, not available
    const item = await inboundItem(scene.sup);
    await offeredTo(bob.events, 'bob', item.workitemId);
    for (const action of ['accept', 'decline']) {
      const res = await alice.act(item.workitemId, action);
      expect(res.status, action).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    ok(await bob.api.act(item.workitemId, 'accept'), 'bob accepts');
    for (const [action, body] of [['hold', { hold: true }], ['hangup', {}], ['transfer', { queueId: 'sales' }]] as const) {
      const res = await alice.act(item.workitemId, action, body);
      expect(res.status, action).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(ok(await bob.api.item(item.workitemId)).state).toBe('active');

    // The supervisor (workitems:admin) may act on any item.
    const held = ok(await scene.sup.act(item.workitemId, 'hold', { hold: true }), 'admin holds');
    expect(held.state).toBe('hold');
    const hung = ok(await scene.sup.act(item.workitemId, 'hangup'), 'admin hangs up');
    expect(hung.state).toBe('terminated');
    ok(await bob.api.setPresence('offline'));
  });

  it('403 FORBIDDEN without the scope: read-only may read but not create, agents may not delete', async () => {
    const reader = await ApiClient.login(scene.platform.url, 'reader');
    expect((await reader.get('/v1/workitems')).status).toBe(200);
    const created = await reader.createItem({ type: 'task', subject: 'not allowed' });
    expect(created.status).toBe(403);
    expect(created.body.error.code).toBe('FORBIDDEN');
    const callback = await reader.post('/v1/callbacks', { phone: '+14155550123' });
    expect(callback.status).toBe(403);

    const alice = await ApiClient.login(scene.platform.url, 'alice');
    const task = ok(await alice.createItem({ type: 'task', subject: 'mine', assignee: { agentUsername: 'alice' } }), 'create');
    const deleted = await alice.delete(`/v1/workitems/${task.workitemId}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.code).toBe('FORBIDDEN');
    const adminDelete = await scene.sup.delete(`/v1/workitems/${task.workitemId}`);
    expect(adminDelete.status).toBeLessThan(300);
  });

  it('an agent may not change a task assigned to someone else', async () => {
    const alice = await ApiClient.login(scene.platform.url, 'alice');
    const task = ok(await scene.sup.createItem({ type: 'task', subject: 'for carol', assignee: { agentUsername: 'carol' } }), 'create');
    const res = await alice.act(task.workitemId, 'status', { status: 'resolved' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('admin may act on any agent’s active item', async () => {
    const carol = await scene.agent('carol');
    const item = await activeItemFor(scene, 'carol', carol, 'sales');
    const moved = await scene.sup.act(item.workitemId, 'transfer', { queueId: 'support' });
    expect(moved.status).toBeLessThan(300);
  });
});

describe('login rate limit', () => {
  it('answers 429 RATE_LIMITED after repeated failures, even with the right password', async () => {
    const limited = await startScene({ patch: (raw) => (raw.loginRateLimit = { maxFailures: 3, windowSeconds: 60 }) });
    try {
      const anonymous = new ApiClient(limited.platform.url);
      for (let i = 0; i < 3; i++) expect((await anonymous.post('/v1/auth/login', { username: 'bob', password: 'guess' })).status).toBe(401);
      const blocked = await anonymous.post('/v1/auth/login', { username: 'bob', password: 'bob-pw' });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      // Another account is not affected.
      expect((await anonymous.post('/v1/auth/login', { username: 'carol', password: 'carol-pw' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
