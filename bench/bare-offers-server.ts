/**
 * The offers benchmark's baseline server: Fastify + @fastify/websocket (as the platform uses) answering the
 * same requests with messages of the same shape and size, and no logic — no store, no validation beyond
 * Fastify's JSON parsing, no routing decision beyond taking the next available agent in turn. What the
 * platform costs on top of this is its own work: auth, validation, the lifecycle, SQLite and its fsync,
 * routing, events.
 *
 *   npx tsx bench/bare-offers-server.ts   → prints `listening on http://127.0.0.1:PORT`
 *
 * Requests and messages (the same the platform answers and sends, of the same sizes): POST /v1/auth/login →
 * {token}; GET /v1/events (WebSocket); PUT /v1/agents/me/presence → the agent is next in line; POST
 * /v1/workitems → 201 with the item, and a `workitem.offered` event with it to the next agent in line; POST
 * /v1/workitems/:id/accept → 200 with the item, and a `workitem.updated` event to that agent; and, as the
 * platform's queue figures do, a `queue.stats` message to every connected agent at most once a second
 * (the platform's default queueStatsIntervalSeconds) while items change.
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { WebSocket } from 'ws';
import { newWorkItem } from '../common/lifecycle';

const app = Fastify({ logger: false });
await app.register(websocket);

/**
 * An item as the platform would send one, each answer this JSON with its own id; the description pads it
 * to the size of the platform's offered item (about 950 bytes: it also carries offer and route fields).
 */
const TEMPLATE = JSON.stringify(
  newWorkItem({ workitemId: 'ID_PLACEHOLDER', type: 'chat', createdAt: Date.now(), createdBy: 'creator', state: 'offered', priority: 5, queueId: 'bench', agentUsername: 'AGENT_PLACEHOLDER', description: 'x'.repeat(240) }),
);
const itemJson = (id: string, agent: string) => TEMPLATE.replace('ID_PLACEHOLDER', id).replace('AGENT_PLACEHOLDER', agent);

const sockets = new Map<string, WebSocket>();
/** agents that said they are available, taken in turn */
const available: string[] = [];
let turn = 0;
let seq = 0;
let nextId = 0;

/** `queue.stats` to every agent of the queue, at most once a second after a change (queueStatsIntervalSeconds). */
let statsTimer: NodeJS.Timeout | undefined;
const changed = () => {
  statsTimer ??= setTimeout(() => {
    statsTimer = undefined;
    const message = `{"seq":${++seq},"type":"queue.stats","at":${Date.now()},"queue":{"queueId":"bench","name":"Bench","waiting":0,"active":${nextId},"agentsAvailable":${available.length},"longestWaitSeconds":0,"averageWaitSeconds":0}}`;
    for (const socket of sockets.values()) socket.send(message);
  }, 1000);
};

const username = (authorization: string | undefined) => (authorization ?? '').replace(/^Bearer /, '');

app.post('/v1/auth/login', async (request) => {
  const body = request.body as { username: string };
  return { token: body.username, agent: { username: body.username } };
});

app.get('/v1/events', { websocket: true }, (socket, request) => {
  const agent = username(request.headers.authorization);
  sockets.set(agent, socket);
  socket.on('close', () => sockets.delete(agent));
});

app.put('/v1/agents/me/presence', async (request) => {
  const agent = username(request.headers.authorization);
  available.push(agent);
  return { username: agent, state: 'available', reasonCode: null, since: Date.now() };
});

app.post('/v1/workitems', async (request, reply) => {
  const id = `wi_bare${(nextId++).toString(36)}`;
  const agent = available[turn++ % available.length] ?? 'nobody';
  const json = itemJson(id, agent);
  changed();
  sockets.get(agent)?.send(`{"seq":${++seq},"type":"workitem.offered","at":${Date.now()},"workitem":${json},"offer":{"expiresAt":${Date.now() + 60_000},"agentUsername":"${agent}"}}`);
  void reply.code(201).header('content-type', 'application/json; charset=utf-8');
  return json;
});

app.post('/v1/workitems/:id/accept', async (request, reply) => {
  const { id } = request.params as { id: string };
  const agent = username(request.headers.authorization);
  const json = itemJson(id, agent);
  changed();
  sockets.get(agent)?.send(`{"seq":${++seq},"type":"workitem.updated","at":${Date.now()},"workitem":${json}}`);
  void reply.header('content-type', 'application/json; charset=utf-8');
  return json;
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${address}`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
