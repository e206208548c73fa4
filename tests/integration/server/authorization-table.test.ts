/**
 * The authorization table, walked: every endpoint the platform serves (read from its own OpenAPI
 * document, so a new endpoint without a row here fails) × every role, each call made for real. A role the
 * table allows must get past authorization (any answer but 401/403: placeholder ids give 404, empty bodies
 * 400); any other role must get 403 FORBIDDEN. docs/security.md has the same table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, startScene, type Scene } from './helpers';

type Role = 'agent' | 'supervisor' | 'admin' | 'channel';
const EVERYONE: Role[] = ['agent', 'supervisor', 'admin', 'channel'];
const PEOPLE: Role[] = ['agent', 'supervisor', 'admin'];
const ACTIONS = ['accept', 'media', 'decline', 'hold', 'hangup', 'disposition', 'dial', 'skip', 'assign', 'status', 'transfer', 'conference', 'notes', 'messages/read'];

/** Who may call what (with the fixture's scopes: only the admin holds workitems:delete). `public`: no token. */
const TABLE: Record<string, Role[] | 'public'> = {
  'POST /v1/auth/login': 'public',
  // says only whether the node serves and routes (load balancers ask it without a token)
  'GET /v1/health': 'public',
  'POST /v1/auth/logout': EVERYONE,
  'POST /v1/agents/me/sip-credentials': PEOPLE,
  'GET /v1/agents/me': PEOPLE,
  'GET /v1/agents/me/presence': PEOPLE,
  'PUT /v1/agents/me/presence': PEOPLE,
  'POST /v1/workitems': EVERYONE,
  'POST /v1/callbacks': EVERYONE,
  'GET /v1/workitems': EVERYONE,
  'GET /v1/workitems/{id}': EVERYONE,
  'DELETE /v1/workitems/{id}': ['admin'],
  ...Object.fromEntries(ACTIONS.map((a) => [`POST /v1/workitems/{id}/${a}`, PEOPLE])),
  'GET /v1/queues': EVERYONE,
  'GET /v1/dispositions': EVERYONE,
  'POST /v1/chats': ['channel', 'admin'],
  'GET /v1/workitems/{id}/messages': EVERYONE,
  'POST /v1/workitems/{id}/messages': EVERYONE,
  'POST /v1/campaigns': ['supervisor', 'admin'],
  'GET /v1/campaigns/{id}': ['supervisor', 'admin'],
  'POST /v1/campaigns/{id}/start': ['supervisor', 'admin'],
  'POST /v1/campaigns/{id}/stop': ['supervisor', 'admin'],
  'GET /v1/sync/items': EVERYONE,
  'GET /v1/events': EVERYONE,
};

/**
 * Every endpoint the contract (docs/api.md, "Endpoints") names. The served ones come from the OpenAPI
 * document; this list makes sure none of the contract's is missing from it, so the table above and the
 * bad-input sweep (which walk the document) reach every one of them.
 */
const CONTRACT_ENDPOINTS = [
  'POST /v1/auth/login',
  'POST /v1/workitems',
  'POST /v1/callbacks',
  'GET /v1/workitems/{id}',
  'GET /v1/workitems',
  ...['accept', 'decline', 'hold', 'hangup', 'disposition', 'transfer', 'conference', 'dial', 'skip', 'assign', 'status'].map((a) => `POST /v1/workitems/{id}/${a}`),
  'DELETE /v1/workitems/{id}',
  'GET /v1/queues',
  'PUT /v1/agents/me/presence',
  'GET /v1/agents/me',
  'GET /v1/dispositions',
  'POST /v1/chats',
  'GET /v1/workitems/{id}/messages',
  'POST /v1/workitems/{id}/messages',
  'POST /v1/workitems/{id}/notes',
  'POST /v1/campaigns',
  'POST /v1/campaigns/{id}/start',
  'POST /v1/campaigns/{id}/stop',
  'GET /v1/events',
];

const CHATBOT_KEY = 'test-chatbot-key-0123456789abcdefghij';

let scene: Scene;
let routes: { method: string; url: string }[];
beforeAll(async () => {
  scene = await startScene();
  const doc = (await scene.sup.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([url, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url })));
});
afterAll(async () => {
  await scene?.close();
});

/** Fresh credentials for each role (logout, when allowed, ends the session it is called with). */
async function clientsByRole(): Promise<[string, Role, ApiClient][]> {
  const url = scene.platform.url;
  return [
    ['alice', 'agent', await ApiClient.login(url, 'alice')],
    ['supa', 'supervisor', await ApiClient.login(url, 'supa')],
    ['sup', 'admin', await ApiClient.login(url, 'sup')],
    ['webchat', 'channel', await ApiClient.login(url, 'webchat')],
    ['chatbot (API key)', 'channel', new ApiClient(url, CHATBOT_KEY, 'chatbot')],
  ];
}

async function statusOf(client: ApiClient, method: string, url: string): Promise<number> {
  const path = url.replace('{id}', url.includes('campaigns') ? 'cmp_doesnotexist' : 'wi_doesnotexist');
  if (url === '/v1/events') {
    return EventStream.connect(client.baseUrl, client.token).then(
      async (stream) => {
        await stream.close();
        return 101;
      },
      (error: { statusCode?: number }) => error.statusCode ?? 0,
    );
  }
  return (await client.request(method, path, method === 'GET' || method === 'DELETE' ? {} : { body: {} })).status;
}

describe('authorization table', () => {
  it('the OpenAPI document holds every endpoint of the contract', () => {
    const served = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(CONTRACT_ENDPOINTS.filter((e) => !served.has(e)), 'contract endpoints missing from /v1/openapi.json').toEqual([]);
  });

  it('has a row for every endpoint the platform serves, and no row for one it does not', () => {
    const served = routes.map((r) => `${r.method} ${r.url}`).filter((r) => r !== 'GET /v1/openapi.json');
    expect(served.filter((r) => !(r in TABLE)), 'endpoints without a rule').toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !served.includes(r)), 'rules without an endpoint').toEqual([]);
  });

  it('lets each role through exactly where the table says, and answers 403 FORBIDDEN elsewhere', async () => {
    const clients = await clientsByRole();
    const outcomes: string[] = [];
    // Logout last: it ends the session the rest are called with.
    const ordered = [...routes].sort((a, b) => Number(a.url === '/v1/auth/logout') - Number(b.url === '/v1/auth/logout'));
    for (const { method, url } of ordered) {
      const rule = TABLE[`${method} ${url}`];
      if (rule === undefined || rule === 'public') continue;
      for (const [who, role, client] of clients) {
        const status = await statusOf(client, method, url);
        const allowed = rule.includes(role);
        const passed = allowed ? status !== 401 && status !== 403 : status === 403;
        if (!passed) outcomes.push(`${method} ${url} as ${who} (${role}): ${status}, expected ${allowed ? 'not 401/403' : '403'}`);
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('answers the public login without a token, and every other endpoint 401 without one', async () => {
    const anonymous = new ApiClient(scene.platform.url);
    expect(await statusOf(anonymous, 'POST', '/v1/auth/login')).toBe(400);
    for (const { method, url } of routes) {
      if (TABLE[`${method} ${url}`] === 'public' || url === '/v1/openapi.json') continue;
      expect(await statusOf(anonymous, method, url), `${method} ${url}`).toBe(401);
    }
  });
});
