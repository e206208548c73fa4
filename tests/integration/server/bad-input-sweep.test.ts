/**
 * The probe's bad-input sweep, kept in the suite (issue 11): every endpoint in the platform's OpenAPI
 * document gets malformed JSON, the wrong JSON shape, each body field with a wrong type, and oversize
 * strings, on a real item id and a made-up one. No answer may be a 5xx, and the platform still answers
 * afterwards. Logout is swept with a throwaway session per request (a body it accepts ends that session);
 * the event stream gets malformed queries and tokens on the upgrade, and junk frames once open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiClient, EventStream, ok, startScene, type Scene } from './helpers';

interface Operation {
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
}

let scene: Scene;
let paths: Record<string, Record<string, Operation>>;
let itemId: string;
beforeAll(async () => {
  scene = await startScene();
  paths = (ok(await scene.sup.get('/v1/openapi.json')) as { paths: typeof paths }).paths;
  itemId = ok(await scene.sup.createItem({ type: 'task', subject: 'target', assignee: { agentUsername: 'alice' } })).workitemId;
});
afterAll(async () => {
  await scene?.close();
});

/** A value of the wrong type for a field of `schema`'s type. */
function wrongFor(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer' || type === 'boolean') return 'not-a-number';
  if (type === 'array') return { not: 'an array' };
  return 'not-an-object';
}

function badBodies(operation: Operation): { name: string; rawBody: string }[] {
  const bodies = [
    { name: 'malformed JSON', rawBody: '{"unterminated": ' },
    { name: 'an array', rawBody: '[1,2,3]' },
    { name: 'null', rawBody: 'null' },
    { name: 'a string', rawBody: '"text"' },
    { name: 'deeply nested', rawBody: '['.repeat(5_000) + ']'.repeat(5_000) },
  ];
  const properties = operation.requestBody?.content['application/json'].schema.properties ?? {};
  for (const [field, schema] of Object.entries(properties)) {
    bodies.push({ name: `${field} of the wrong type`, rawBody: JSON.stringify({ [field]: wrongFor(schema) }) });
    bodies.push({ name: `${field} oversize`, rawBody: JSON.stringify({ [field]: 'x'.repeat(25_000) }) });
  }
  return bodies;
}

describe('bad input on every endpoint', () => {
  it('never gets a 5xx, and the platform answers afterwards', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [url, operations] of Object.entries(paths)) {
      if (url === '/v1/events') continue; // a WebSocket: its own test below
      for (const [method, operation] of Object.entries(operations)) {
        const ids = url.includes('{id}') ? [itemId, 'wi_madeup', 'x'.repeat(3_000)] : [''];
        for (const id of ids) {
          const path = url.replace('{id}', url.includes('campaigns') && id === itemId ? 'cmp_madeup' : id);
          const all = method === 'get' || method === 'delete' ? [{ name: 'query junk', rawBody: '' }] : badBodies(operation);
          // every body on the real item; the odd ids need only show they are refused cleanly
          const bodies = id === itemId || id === '' ? all : all.slice(0, 1);
          for (const body of bodies) {
            // logout may accept a body (null reads as {}) and end the session it came with: a fresh one each time
            const client = url === '/v1/auth/login' ? new ApiClient(scene.platform.url) : url === '/v1/auth/logout' ? await scene.login('alice') : scene.sup;
            const target = body.name === 'query junk' ? `${path}?rows=-1&start=x&q=(((&since=abc&limit=1e99&queueId=` : path;
            const res = await client.request(method.toUpperCase(), target, body.rawBody === '' ? {} : { rawBody: body.rawBody });
            requests++;
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path.slice(0, 60)} with ${body.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(200);
    expect((await scene.sup.get('/v1/queues')).status).toBe(200);
  }, 120_000);
});

/** The status an upgrade to `url` is answered with (101: opened, then closed by us). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

describe('bad input on the event stream', () => {
  it('refuses malformed queries and tokens on the upgrade with a 4xx, survives junk frames, and still streams', async () => {
    const base = scene.platform.url.replace(/^http/, 'ws') + '/v1/events';
    const token = scene.sup.token!;
    const auth = { authorization: `Bearer ${token}` };
    const statuses: Record<string, number> = {};
    for (const query of ['since=abc', 'since=-1', 'since=1e99', 'since=' + '9'.repeat(400), 'since=1&since=2', 'access_token=' + 'x'.repeat(5_000), '%E0%A4%A']) {
      statuses[query.slice(0, 40)] = await upgradeStatus(`${base}?${query}`, query.startsWith('access_token') ? {} : auth);
    }
    statuses['bearer junk'] = await upgradeStatus(base, { authorization: 'Bearer ' + '\u00ff'.repeat(300) });
    statuses['basic auth'] = await upgradeStatus(base, { authorization: 'Basic YWxpY2U6YWxpY2UtcHc=' });
    for (const [what, status] of Object.entries(statuses)) {
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
    }

    // frames from the client are not part of the protocol: junk, binary and oversize ones must not hurt
    const junk = await EventStream.of(scene.sup);
    junk.socket.send('{"unterminated": ');
    junk.socket.send(Buffer.from([0, 1, 2, 255]));
    junk.socket.send('x'.repeat(200_000)); // past the frame limit: the server may close this socket
    await junk.close();

    const stream = await EventStream.of(scene.sup);
    const mark = stream.mark();
    const task = ok(await scene.sup.createItem({ type: 'task', subject: 'after the junk' }));
    await stream.waitFor((e) => e.workitem?.workitemId === task.workitemId, 3_000, mark);
    await stream.close();
  }, 60_000);
});
