/**
 * Bad input gets 400 VALIDATION_FAILED with field errors (or another 4xx of the contract), never a 500:
 * malformed JSON, wrong types, unknown fields, a malformed search query, rows over 500, and a fuzz of
 * random JSON bodies against the endpoints that take one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ok, startScene, type Scene } from './helpers';

let scene: Scene;
let alice: ApiClient;
let itemId: string;
beforeAll(async () => {
  scene = await startScene();
  alice = await ApiClient.login(scene.platform.url, 'alice');
  itemId = ok(await scene.sup.createItem({ type: 'chat', assignee: { agentUsername: 'alice' } }), 'create').workitemId;
});
afterAll(async () => {
  await scene?.close();
});

function expectValidationFailed(res: { status: number; body: any }, what: string): void {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body?.error?.code, what).toBe('VALIDATION_FAILED');
  expect(typeof res.body.error.message, what).toBe('string');
}

describe('bad input', () => {
  it('malformed JSON is 400 VALIDATION_FAILED', async () => {
    for (const rawBody of ['{"type": "task",', 'not json', '{"type": task}', '[1, 2', '{"type": "task"} trailing']) {
      const res = await scene.sup.request('POST', '/v1/workitems', { rawBody });
      expectValidationFailed(res, `body ${JSON.stringify(rawBody)}`);
    }
    const login = await new ApiClient(scene.platform.url).request('POST', '/v1/auth/login', { rawBody: '{"username":' });
    expectValidationFailed(login, 'login');
  });

  it('a body that is not JSON is refused with VALIDATION_FAILED (4xx)', async () => {
    const res = await scene.sup.request('POST', '/v1/workitems', { rawBody: 'type=task', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const huge = await scene.sup.request('POST', '/v1/workitems', { body: { type: 'task', description: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
  });

  it('a JSON body sent with another content type (the text/plain default of fetch) is read as JSON', async () => {
    const res = await scene.sup.request('POST', '/v1/workitems', {
      rawBody: JSON.stringify({ type: 'task', subject: 'sent as text/plain' }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'task', subject: 'sent as text/plain' });
  });

  it('wrong types name the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'task', priority: 'high' }, 'priority'],
      [{ type: 'task', priority: 4 }, 'priority'],
      [{ type: 'spaceship' }, 'type'],
      [{ type: 'task', dueAt: 'tomorrow' }, 'dueAt'],
      [{ type: 'task', contact: { email: 'not-an-email' } }, 'contact.email'],
      [{ type: 'task', subject: 42 }, 'subject'],
      [{ type: 'task', assignee: { agentUsername: 'alice', team: 'billing' } }, 'assignee.agentUsername'],
    ];
    for (const [body, path] of cases) {
      const res = await scene.sup.createItem(body);
      expectValidationFailed(res, JSON.stringify(body));
      expect(res.body.error.fields.map((f: { path: string }) => f.path), JSON.stringify(body)).toContain(path);
    }
    const hold = await alice.act(itemId, 'hold', { hold: 'yes' });
    expectValidationFailed(hold, 'hold: "yes"');
    expect(hold.body.error.fields[0].path).toBe('hold');
    const presence = await alice.put('/v1/agents/me/presence', { state: 'lunch' });
    expectValidationFailed(presence, 'presence lunch');
    expect(presence.body.error.fields[0].path).toBe('state');
  });

  it('unknown fields are refused with field errors', async () => {
    const res = await scene.sup.createItem({ type: 'task', colour: 'red' });
    expectValidationFailed(res, 'unknown field');
    expect(res.body.error.fields.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body.error)).toContain('colour');
    const action = await alice.act(itemId, 'hold', { hold: true, force: true });
    expectValidationFailed(action, 'unknown action field');
  });

  it('a malformed search query, bad rows or start are 400 with field errors; a good query works', async () => {
    for (const query of ['q=' + encodeURIComponent('state:active AND'), 'q=' + encodeURIComponent('(state:active'), 'q=' + encodeURIComponent('priority:[||2'), 'rows=501', 'rows=abc', 'start=-1', 'bogus=1']) {
      const res = await scene.sup.get(`/v1/workitems?${query}`);
      expectValidationFailed(res, query);
      expect(res.body.error.fields?.length ?? 0, query).toBeGreaterThan(0);
    }
    const rows = await scene.sup.get('/v1/workitems?rows=501');
    expect(rows.body.error.fields[0].path).toBe('rows');

    const good = ok(await scene.sup.get(`/v1/workitems?q=${encodeURIComponent('state:active AND channelType:chat')}&rows=500`), 'good query');
    expect(good.rows).toBeLessThanOrEqual(500);
    expect(good.items.map((i: { workitemId: string }) => i.workitemId)).toContain(itemId);
    for (const item of good.items) {
      expect(item.state).toBe('active');
      expect(item.channelType).toBe('chat');
    }
  });

  it('bad or unknown ids are 4xx, never 500', async () => {
    const malformed = await scene.sup.item('not-an-id');
    expect([400, 404]).toContain(malformed.status);
    const unknown = await scene.sup.item('wi_doesnotexist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const action = await scene.sup.act('wi_doesnotexist', 'accept');
    expect(action.status).toBe(404);
    const unknownRoute = await scene.sup.get('/v1/nothing-here');
    expect(unknownRoute.status).toBe(404);
  });

  it('fuzz: random JSON bodies never get a 5xx, and every 4xx has the error shape', async () => {
    const knownKeys = [
      'type', 'queueId', 'assignee', 'agentUsername', 'team', 'priority', 'phone', 'scheduledAt', 'code', 'notes',
      'hold', 'status', 'state', 'text', 'from', 'customer', 'entries', 'name', 'expectedVersion', 'username', 'password', 'dueAt', 'contact',
    ];
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...knownKeys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
    );
    type Caller = 'sup' | 'alice' | 'anonymous';
    const endpoints: Array<[string, string, Caller]> = [
      ['POST', '/v1/workitems', 'sup'],
      ['POST', '/v1/callbacks', 'sup'],
      ['POST', '/v1/chats', 'sup'],
      ['POST', '/v1/campaigns', 'sup'],
      ['POST', '/v1/auth/login', 'anonymous'],
      ['PUT', '/v1/agents/me/presence', 'alice'],
      ['POST', '/v1/workitems/ITEM/hold', 'alice'],
      ['POST', '/v1/workitems/ITEM/disposition', 'alice'],
      ['POST', '/v1/workitems/ITEM/transfer', 'alice'],
      ['POST', '/v1/workitems/ITEM/assign', 'alice'],
      ['POST', '/v1/workitems/ITEM/messages', 'alice'],
      ['POST', '/v1/workitems/ITEM/notes', 'alice'],
    ];
    const clients: Record<Caller, ApiClient> = { sup: scene.sup, alice, anonymous: new ApiClient(scene.platform.url) };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), body, async ([method, path, who], payload) => {
        const client = clients[who];
        const res = await client.request(method, path.replace('ITEM', itemId), { body: payload === undefined ? null : payload });
        if (res.status >= 500) throw new Error(`${method} ${path} with ${JSON.stringify(payload)} → ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          expect(typeof res.body?.error?.code).toBe('string');
          expect(typeof res.body?.error?.message).toBe('string');
        }
      }),
      { numRuns: 250 },
    );
  });
});
