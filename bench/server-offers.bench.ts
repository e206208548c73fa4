/**
 * End-to-end offer throughput: a real platform (in this process, on its SQLite store, durable commits)
 * reached only over HTTP and WebSocket on loopback. AGENTS agents hold a WebSocket on /v1/events; a pool
 * of creators POSTs ITEMS inbound chats; whenever an agent's stream says `workitem.offered`, that agent
 * POSTs accept. Reported: accepted offers per second from the first creation to the last accept
 * (target ≥ 2,000/s on 2 cores), and the p99 time from a creation's response to its accept's response.
 *
 * Runnable alone: `npx tsx bench/server-offers.bench.ts`.
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { parseConfig } from '../server/config';
import { startPlatform } from '../server/platform';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  met: boolean;
}

const ITEMS = Number(process.env.BENCH_OFFERS_ITEMS ?? 5_000);
const AGENTS = Number(process.env.BENCH_OFFERS_AGENTS ?? 20);
/** POSTs in flight at once across creators: enough to keep the server busy, not a flood. */
const CREATE_CONCURRENCY = 32;
/** Give up (and report what was reached) after this long, so a slow server cannot hang the run. */
const MAX_RUN_MS = 45_000;
const TARGET_PER_SECOND = 2_000;

/** Minimal JSON client over one keep-alive agent: requests are pipelined across its sockets. */
class JsonClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(private readonly baseUrl: URL) {}

  request(method: string, urlPath: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.baseUrl.hostname,
          port: this.baseUrl.port,
          method,
          path: urlPath,
          headers: {
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              // keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}

function benchConfig(dataDir: string) {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    username: `bench${i}`,
    password: `bench${i}-pw`,
    queues: ['bench'],
    // Room for every item: the benchmark measures offers, not agents running out of capacity.
    capacity: { voice: 1, chat: ITEMS, email: 5, task: 5 },
  }));
  return {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir,
    agents: [{ username: 'creator', password: 'creator-pw', queues: [], scopes: ['workitems:read', 'workitems:write', 'workitems:admin'] }, ...agents],
    queues: [{ id: 'bench', name: 'Bench', offerTimeoutSeconds: 60, wrapUpTimeoutSeconds: 60, ttlSeconds: 600, dispositionCodes: ['done'], autoDispositionCode: 'auto' }],
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function login(client: JsonClient, username: string): Promise<string> {
  const res = await client.request('POST', '/v1/auth/login', undefined, { username, password: `${username}-pw` });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

function openEvents(baseUrl: string, token: string): Promise<WebSocket> {
  const url = new URL('/v1/events?since=0', baseUrl.replace(/^http/, 'ws'));
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

export default async function run(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-offers-'));
  const platform = await startPlatform(await parseConfig(benchConfig(dataDir), dataDir));
  const client = new JsonClient(new URL(platform.url));
  const sockets: WebSocket[] = [];
  try {
    const creatorToken = await login(client, 'creator');
    /** when each item's creation request was sent, and when its accept was answered */
    const sentAt = new Map<string, number>();
    const acceptedAt = new Map<string, number>();
    let accepted = 0;
    let failures = 0;
    let lastAcceptAt = 0;
    let allAccepted!: () => void;
    const done = new Promise<void>((resolve) => (allAccepted = resolve));
    const acceptedIds = new Set<string>();

    for (let i = 0; i < AGENTS; i++) {
      const username = `bench${i}`;
      const token = await login(client, username);
      const presence = await client.request('PUT', '/v1/agents/me/presence', token, { state: 'available' });
      if (presence.status !== 200) throw new Error(`presence ${username}: ${presence.status}`);
      const socket = await openEvents(platform.url, token);
      sockets.push(socket);
      socket.on('message', (data) => {
        const event = JSON.parse(data.toString());
        if (event.type !== 'workitem.offered') return;
        const id: string = event.workitem?.workitemId ?? event.workitemId;
        if (acceptedIds.has(id)) return;
        acceptedIds.add(id);
        client.request('POST', `/v1/workitems/${id}/accept`, token, {}).then(
          (res) => {
            if (res.status !== 200) {
              failures++;
              return;
            }
            const now = performance.now();
            accepted++;
            lastAcceptAt = now;
            acceptedAt.set(id, now);
            if (accepted === ITEMS) allAccepted();
          },
          () => failures++,
        );
      });
    }

    const start = performance.now();
    let next = 0;
    const creators = Array.from({ length: CREATE_CONCURRENCY }, async () => {
      while (next < ITEMS && performance.now() - start < MAX_RUN_MS) {
        next++;
        const sent = performance.now();
        const res = await client.request('POST', '/v1/workitems', creatorToken, { type: 'chat', channel: 'webchat', queueId: 'bench' });
        if (res.status !== 201) {
          failures++;
          continue;
        }
        sentAt.set(res.body.workitemId, sent);
      }
    });
    await Promise.all(creators);
    const remaining = Math.max(0, MAX_RUN_MS - (performance.now() - start));
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((r) => (giveUp = setTimeout(r, remaining)))]);
    clearTimeout(giveUp);
    const elapsedSeconds = ((accepted === ITEMS ? lastAcceptAt : performance.now()) - start) / 1000;
    const perSecond = accepted / elapsedSeconds;
    // Matched at the end: an offer (and its accept) may overtake the creation's response.
    const latencies = [...acceptedAt].flatMap(([id, at]) => (sentAt.has(id) ? [at - sentAt.get(id)!] : [])).sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    return [
      {
        name: `offers accepted end to end over HTTP + WS (${accepted}/${ITEMS} items, ${AGENTS} agents${failures ? `, ${failures} failed requests` : ''})`,
        value: Math.round(perSecond),
        unit: 'offers/s',
        target: `>= ${TARGET_PER_SECOND} offers/s`,
        met: accepted === ITEMS && failures === 0 && perSecond >= TARGET_PER_SECOND,
      },
      {
        name: 'creation request → accept response p99',
        value: Math.round(p99 * 10) / 10,
        unit: 'ms',
        target: '<= 1000 ms',
        met: p99 <= 1000,
      },
    ];
  } finally {
    for (const socket of sockets) socket.terminate();
    client.destroy();
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().then(
    (results) => {
      for (const r of results) console.log(`${r.met ? 'MET ' : 'MISS'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
