/**
 * End-to-end offer throughput over HTTP + WebSocket on loopback, every commit durable. A real platform on
 * its SQLite store (synchronous=FULL, the default: each answer waits for its commit's fsync), reached only
 * over HTTP and WebSocket: AGENTS agents hold a WebSocket on /v1/events (opened before they become
 * available; live events only); a pool of creators POSTs ITEMS inbound chats to one queue; whenever an
 * agent's stream says `workitem.offered`, that agent POSTs accept. Reported: accepted offers per second
 * from the first creation to the last accept, and the p99 time from a creation's request to its accept's
 * response. The client side is kept cheap (a minimal HTTP/1.1 client on keep-alive sockets, requests in
 * parallel, only offers decoded) so that it measures the server.
 *
 * Baseline, in the same run, with the same client, agents, connections and concurrency: a bare Fastify +
 * ws server (bench/bare-offers-server.ts) answering the same requests with messages of the same shape and
 * no logic. Both run as their own process (as the platform runs in production), so the server and the
 * load generator each get one of the two cores. The bare server, the platform with synchronous=FULL and
 * the platform with synchronous=NORMAL (report-only: what the fsync costs) are all started and warmed up,
 * then loaded in turn, ROUNDS rounds of ITEMS / ROUNDS items each, so that a neighbour's load that comes
 * and goes mid-run weighs on all of them alike.
 *
 * Steady state: a warm-up of WARMUP items (JIT, SQLite page cache, sockets) runs to its last accept first
 * and is not counted; the measured runs are the next ITEMS items.
 *
 * Runnable alone: `npx tsx bench/server-offers.bench.ts`. Knobs: BENCH_OFFERS_ITEMS (10000, measured),
 * BENCH_OFFERS_WARMUP (1000, not counted), BENCH_OFFERS_AGENTS (1000), BENCH_OFFERS_PROFILE_DIR (writes a V8
 * CPU profile of the platform process there), BENCH_OFFERS_CONCURRENCY (32 creation requests in flight),
 * BENCH_OFFERS_ONLY=bare|full|normal (that server alone, for profiling),
 * BENCH_OFFERS_VERBOSE=1 (CPU per offer on stderr: this process, the whole server process, and its main
 * thread alone, which is the one that saturates).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { SynchronousMode } from '../server/db/database';
import { startPostgresCluster } from '../tests/support/postgres';
import { compare, percentile, runIfMain, startChildServer, startPlatformProcess, type BenchResult, type ChildServer } from './bench-kit';

const ITEMS = Number(process.env.BENCH_OFFERS_ITEMS ?? 10_000);
const WARMUP = Number(process.env.BENCH_OFFERS_WARMUP ?? 1_000);
const AGENTS = Number(process.env.BENCH_OFFERS_AGENTS ?? 1000); // the scale: 1,000 agents connected
const PROFILE_DIR = process.env.BENCH_OFFERS_PROFILE_DIR;
/** POSTs in flight at once across creators: enough to keep the server busy, not a flood. */
const CREATE_CONCURRENCY = Number(process.env.BENCH_OFFERS_CONCURRENCY ?? 32);
/** Measured phases per server, taken in turn with the other servers' (see measure()). */
const ROUNDS = Number(process.env.BENCH_OFFERS_ROUNDS ?? 5);
/** Give up on a phase (and report what was reached) after this long, so a slow server cannot hang the run. */
const MAX_RUN_MS = 60_000;
/** offers/s at least this share of the bare server's (issue 7) */
const TARGET_RATIO = 0.5;

interface JsonResponse {
  status: number;
  text: string;
}

/**
 * The load generator's HTTP/1.1 client: keep-alive sockets, one request at a time on each, responses read
 * by Content-Length. Real HTTP over loopback like any client's, but without node:http's per-request
 * machinery (ClientRequest, agent queues, a parser per socket), which cost about as much CPU as the
 * platform's own handling and, in the one-process mode, came out of the platform's core. The platform
 * always answers with a Content-Length (JSON strings, or none for 204).
 */
class JsonClient {
  private readonly idle: RawConnection[] = [];
  private readonly queued: Array<(connection: RawConnection) => void> = [];
  private readonly all = new Set<RawConnection>();
  private readonly hostHeader: string;
  constructor(
    private readonly baseUrl: URL,
    private readonly maxSockets = 64,
  ) {
    this.hostHeader = baseUrl.host;
  }

  /** Resolves with the status and the raw body text (callers parse only what they need). */
  async request(method: string, urlPath: string, token: string | undefined, body?: unknown): Promise<JsonResponse> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const head =
      `${method} ${urlPath} HTTP/1.1\r\nhost: ${this.hostHeader}\r\n` +
      (body !== undefined ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` : '') +
      (token ? `authorization: Bearer ${token}\r\n` : '') +
      '\r\n';
    const connection = await this.acquire();
    try {
      return await connection.exchange(head + payload);
    } finally {
      this.release(connection);
    }
  }

  destroy(): void {
    for (const connection of this.all) connection.destroy();
    this.all.clear();
    this.idle.length = 0;
  }

  private acquire(): Promise<RawConnection> | RawConnection {
    let connection: RawConnection | undefined;
    while ((connection = this.idle.pop()) !== undefined) if (connection.usable) return connection;
    if (this.all.size < this.maxSockets) {
      connection = new RawConnection(this.baseUrl, () => this.all.delete(connection!));
      this.all.add(connection);
      return connection;
    }
    return new Promise((resolve) => this.queued.push(resolve));
  }

  private release(connection: RawConnection): void {
    if (!connection.usable) {
      this.all.delete(connection);
      // A waiter gets a fresh connection instead.
      const waiter = this.queued.shift();
      // Not awaited: release() is synchronous, and acquire() never rejects (a connection now or a queue slot).
      if (waiter) void Promise.resolve(this.acquire()).then(waiter);
      return;
    }
    const waiter = this.queued.shift();
    if (waiter) waiter(connection);
    else this.idle.push(connection);
  }
}

/** One keep-alive socket: writes a request, reads one response (status line, Content-Length, body). */
class RawConnection {
  private readonly socket: net.Socket;
  private pending: { resolve(r: JsonResponse): void; reject(e: Error): void } | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  usable = true;

  constructor(url: URL, onGone: () => void) {
    this.socket = net.connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const gone = (error?: Error) => {
      this.usable = false;
      onGone();
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error ?? new Error('connection closed'));
    };
    this.socket.on('error', gone);
    this.socket.on('close', () => gone());
  }

  exchange(request: string): Promise<JsonResponse> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  destroy(): void {
    this.usable = false;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd === -1) return;
    const head = this.buffer.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < headEnd + 4 + length) return;
    const text = this.buffer.toString('utf8', headEnd + 4, headEnd + 4 + length);
    this.buffer = this.buffer.subarray(headEnd + 4 + length);
    if (/\r\nconnection:\s*close/i.test(head)) this.usable = false;
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status: Number(head.slice(9, 12)), text });
  }
}

function benchConfig(dataDir: string, synchronous: SynchronousMode, storeUrl?: string) {
  const agents = Array.from({ length: AGENTS }, (_, i) => ({
    username: `bench${i}`,
    password: `bench${i}-pw`,
    queues: ['bench'],
    // Room for every item: the benchmark measures offers, not agents running out of capacity.
    capacity: { voice: 1, chat: WARMUP + ITEMS, email: 5, task: 5 },
  }));
  return {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir,
    agents: [{ username: 'creator', password: 'creator-pw', queues: [], scopes: ['workitems:read', 'workitems:write', 'workitems:admin'] }, ...agents],
    queues: [{ id: 'bench', name: 'Bench', offerTimeoutSeconds: 60, wrapUpTimeoutSeconds: 60, ttlSeconds: 600, dispositionCodes: ['done'], autoDispositionCode: 'auto' }],
    storage: { synchronous },
    ...(storeUrl === undefined ? {} : { store: { url: storeUrl } }),
    // A shift of 1,000 agents signing in from this one machine: the login limits and scrypt cost of a
    // platform whose agents all sit behind one address (docs/security.md).
    passwordCost: { N: 1024 },
    loginRateLimit: { maxLoginsPerSource: 100_000 },
    // One creator stands in for every customer channel: far past one user's fair share (docs/security.md).
    limits: { itemsPerUser: 10_000_000, writesPerUser: 10_000_000 },
  };
}


async function login(client: JsonClient, username: string): Promise<string> {
  const res = await client.request('POST', '/v1/auth/login', undefined, { username, password: `${username}-pw` });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return (JSON.parse(res.text) as { token: string }).token;
}

function openEvents(baseUrl: string, token: string): Promise<WebSocket> {
  // Live events only: each agent connects before it becomes available, so it cannot miss an offer (a
  // replay from seq 0 would make every connection read the whole log, which grows with every agent).
  const url = new URL('/v1/events', baseUrl.replace(/^http/, 'ws'));
  const socket = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const VERBOSE = process.env.BENCH_OFFERS_VERBOSE === '1';

/** user + system CPU seconds from a /proc stat file (Linux); undefined elsewhere. */
function statCpuSeconds(file: string): number | undefined {
  try {
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds of a server process so far: all threads, and its main thread (the event loop, which saturates). */
function cpuOf(server: ChildServer): { all: number | undefined; main: number | undefined } {
  if (server.pid === undefined) return { all: undefined, main: undefined };
  // The main thread's id is the process id.
  return { all: statCpuSeconds(`/proc/${server.pid}/stat`), main: statCpuSeconds(`/proc/${server.pid}/task/${server.pid}/stat`) };
}

/** `storeUrl`: the PostgreSQL store (issue 13) instead of the SQLite file. */
type Subject = { kind: 'platform'; synchronous: SynchronousMode; storeUrl?: string } | { kind: 'bare' };

async function startSubject(subject: Subject, dataDir: string): Promise<ChildServer> {
  if (subject.kind === 'bare') return startChildServer('bench/bare-offers-server.ts', []);
  const configFile = path.join(dataDir, 'bench-config.json');
  await writeFile(configFile, JSON.stringify(benchConfig(path.join(dataDir, 'data'), subject.synchronous, subject.storeUrl)));
  return startPlatformProcess(configFile, PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);
}

/** What one phase of load reached. */
interface PhaseResult {
  elapsedSeconds: number;
  accepted: number;
  failures: number;
}

/** A server with its agents connected and available, ready to take phases of load. */
interface Load {
  label: string;
  server: ChildServer;
  runPhase(items: number): Promise<PhaseResult>;
  /** creation request → accept response, ms, of every item since the last clear */
  latencies(): number[];
  clearLatencies(): void;
  close(): Promise<void>;
}

const OFFERED_PREFIX = /^\{"seq":\d+,"type":"workitem\.offered"/;
const WORKITEM_ID = /"workitemId":"([^"]+)"/;

async function openLoad(subject: Subject): Promise<Load> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-offers-'));
  const server = await startSubject(subject, dataDir);
  const label = subject.kind === 'bare' ? 'bare' : subject.storeUrl !== undefined ? 'platform, PostgreSQL store' : `platform, synchronous=${subject.synchronous}`;
  const client = new JsonClient(new URL(server.url));
  const sockets: WebSocket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.terminate();
    client.destroy();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const creatorToken = await login(client, 'creator');
    /** when each item's creation request was sent, and when its accept was answered */
    const sentAt = new Map<string, number>();
    const acceptedAt = new Map<string, number>();
    const acceptedIds = new Set<string>();
    /** The phase under way: every accept answered counts towards it (a phase starts only once the last one is done). */
    let phase = { items: 0, accepted: 0, failures: 0, lastAcceptAt: 0, done: () => undefined as void };

    for (let i = 0; i < AGENTS; i++) {
      const username = `bench${i}`;
      const token = await login(client, username);
      const socket = await openEvents(server.url, token);
      sockets.push(socket);
      socket.on('message', (data) => {
        // Only offers matter here: look at the head of the message before decoding or parsing the rest.
        if (!OFFERED_PREFIX.test((data as Buffer).toString('latin1', 0, 64))) return;
        const text = data.toString();
        const id = WORKITEM_ID.exec(text)?.[1];
        if (id === undefined || acceptedIds.has(id)) return;
        acceptedIds.add(id);
        client.request('POST', `/v1/workitems/${id}/accept`, token, {}).then(
          (res) => {
            if (res.status !== 200) {
              phase.failures++;
              return;
            }
            const now = performance.now();
            phase.accepted++;
            phase.lastAcceptAt = now;
            acceptedAt.set(id, now);
            if (phase.accepted === phase.items) phase.done();
          },
          () => phase.failures++,
        );
      });
      const presence = await client.request('PUT', '/v1/agents/me/presence', token, { state: 'available' });
      if (presence.status !== 200) throw new Error(`presence ${username}: ${presence.status}`);
    }

    /** Creates `items` items with CREATE_CONCURRENCY requests in flight and waits for their last accept. */
    const runPhase = async (items: number): Promise<PhaseResult> => {
      let allAccepted!: () => void;
      const done = new Promise<void>((resolve) => (allAccepted = resolve));
      phase = { items, accepted: 0, failures: 0, lastAcceptAt: 0, done: () => allAccepted() };
      const start = performance.now();
      let next = 0;
      const creators = Array.from({ length: CREATE_CONCURRENCY }, async () => {
        while (next < items && performance.now() - start < MAX_RUN_MS) {
          next++;
          const sent = performance.now();
          const res = await client.request('POST', '/v1/workitems', creatorToken, { type: 'chat', channel: 'webchat', queueId: 'bench' });
          const id = res.status === 201 ? WORKITEM_ID.exec(res.text)?.[1] : undefined;
          if (id === undefined) {
            phase.failures++;
            continue;
          }
          sentAt.set(id, sent);
        }
      });
      await Promise.all(creators);
      const remaining = Math.max(0, MAX_RUN_MS - (performance.now() - start));
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((r) => (giveUp = setTimeout(r, remaining)))]);
      clearTimeout(giveUp);
      const finished = phase.accepted === items;
      if (!finished) console.error(`[${label}] phase cut at ${MAX_RUN_MS / 1000} s: ${phase.accepted}/${items} offers accepted; the rate is over those`);
      if (phase.failures > 0) throw new Error(`${label}: ${phase.failures} failed requests`);
      return { elapsedSeconds: ((finished ? phase.lastAcceptAt : performance.now()) - start) / 1000, accepted: phase.accepted, failures: phase.failures };
    };

    return {
      label,
      server,
      runPhase,
      // Matched at the end: an offer (and its accept) may overtake the creation's response.
      latencies: () => [...acceptedAt].flatMap(([id, at]) => (sentAt.has(id) ? [at - sentAt.get(id)!] : [])),
      clearLatencies: () => {
        sentAt.clear();
        acceptedAt.clear();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A subject's totals over every measured phase. */
interface Totals {
  load: Load;
  elapsedSeconds: number;
  accepted: number;
  ownCpuSeconds: number;
  serverCpu: { all: number | undefined; main: number | undefined };
}

function printCpu(t: Totals): void {
  const perOffer = (seconds: number) => `${((seconds * 1e6) / t.accepted).toFixed(0)} µs CPU per offer (${((100 * seconds) / t.elapsedSeconds).toFixed(0)}% of a core)`;
  console.error(
    `[${t.load.label}] ${t.accepted} offers in ${t.elapsedSeconds.toFixed(2)} s; this process ${perOffer(t.ownCpuSeconds)}` +
      (t.serverCpu.all === undefined ? '' : `; server process ${perOffer(t.serverCpu.all)}`) +
      (t.serverCpu.main === undefined ? '' : `, its main thread ${perOffer(t.serverCpu.main)}`),
  );
}

/**
 * Every subject connected at once, warmed up, then loaded in turn, ROUNDS rounds of ITEMS / ROUNDS items
 * each (the order rotating every round), so that a neighbour's load that comes and goes falls on all of
 * them alike. Only one is loaded at a time; the others sit idle with their agents connected.
 */
async function measure(subjects: Subject[]): Promise<Totals[]> {
  const loads: Load[] = [];
  try {
    for (const subject of subjects) loads.push(await openLoad(subject));
    for (const load of loads) {
      if (WARMUP === 0) continue;
      const warm = await load.runPhase(WARMUP);
      if (warm.accepted !== WARMUP) throw new Error(`${load.label} warm-up: only ${warm.accepted}/${WARMUP} accepted`);
      load.clearLatencies();
    }
    const totals: Totals[] = loads.map((load) => ({ load, elapsedSeconds: 0, accepted: 0, ownCpuSeconds: 0, serverCpu: { all: 0, main: 0 } }));
    const perRound = Math.ceil(ITEMS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < totals.length; k++) {
        const t = totals[(round + k) % totals.length];
        const cpuBefore = cpuOf(t.load.server);
        const ownBefore = process.cpuUsage();
        const result = await t.load.runPhase(perRound);
        const own = process.cpuUsage(ownBefore);
        const cpuAfter = cpuOf(t.load.server);
        t.elapsedSeconds += result.elapsedSeconds;
        t.accepted += result.accepted;
        t.ownCpuSeconds += (own.user + own.system) / 1e6;
        t.serverCpu.all = cpuBefore.all === undefined || t.serverCpu.all === undefined ? undefined : t.serverCpu.all + cpuAfter.all! - cpuBefore.all;
        t.serverCpu.main = cpuBefore.main === undefined || t.serverCpu.main === undefined ? undefined : t.serverCpu.main + cpuAfter.main! - cpuBefore.main;
      }
    }
    if (VERBOSE) totals.forEach(printCpu);
    return totals;
  } finally {
    for (const load of loads) await load.close();
  }
}

/** BENCH_OFFERS_ONLY=bare|full|normal|postgres: one server alone, for profiling (report-only row, no baseline). */
const ONLY = process.env.BENCH_OFFERS_ONLY;

/**
 * A throw-away PostgreSQL 15 for the PostgreSQL-store subject (tests/support/postgres.ts), with fsync ON:
 * it pays for its durability as the SQLite store with synchronous=FULL does.
 */
async function withPostgres<T>(fn: (storeUrl: string) => Promise<T>): Promise<T> {
  const cluster = await startPostgresCluster({ fsync: true });
  try {
    return await fn(await cluster.createDatabase('bench'));
  } finally {
    await cluster.stop();
  }
}

export default async function run(): Promise<BenchResult[]> {
  if (ONLY !== undefined) {
    const alone = await withPostgres(async (storeUrl) => {
      const subject: Subject = ONLY === 'bare' ? { kind: 'bare' } : ONLY === 'postgres' ? { kind: 'platform', synchronous: 'full', storeUrl } : { kind: 'platform', synchronous: ONLY === 'normal' ? 'normal' : 'full' };
      return (await measure([subject]))[0];
    });
    return [compare({ name: `offers accepted end to end, ${ONLY} alone`, value: Math.round(alone.accepted / alone.elapsedSeconds), unit: 'offers/s' })];
  }
  const [bare, full, normal, postgres] = await withPostgres((storeUrl) =>
    measure([{ kind: 'bare' }, { kind: 'platform', synchronous: 'full' }, { kind: 'platform', synchronous: 'normal' }, { kind: 'platform', synchronous: 'full', storeUrl }]),
  );
  const rate = (t: Totals) => Math.round(t.accepted / t.elapsedSeconds);
  const p99 = (t: Totals) => Math.round(percentile(t.load.latencies(), 99) * 10) / 10;
  const shape = `${ITEMS} items in ${ROUNDS} rounds after ${WARMUP} warm-up, ${AGENTS} agents, ${CREATE_CONCURRENCY} creations in flight`;
  return [
    compare({ name: `offers accepted end to end over HTTP + WS, synchronous=FULL (${shape})`, value: rate(full), unit: 'offers/s', baseline: rate(bare), target: { atLeast: TARGET_RATIO } }),
    compare({ name: 'creation request → accept response p99, synchronous=FULL', value: p99(full), unit: 'ms', baseline: p99(bare) }),
    compare({ name: 'offers accepted end to end, synchronous=NORMAL (no fsync per commit)', value: rate(normal), unit: 'offers/s', baseline: rate(bare) }),
    // Issue 13: the cost of the PostgreSQL store against the SQLite file, one node, same run.
    compare({ name: 'offers accepted end to end, PostgreSQL store (one node; baseline: the SQLite store, synchronous=FULL)', value: rate(postgres), unit: 'offers/s', baseline: rate(full) }),
    compare({ name: 'creation request → accept response p99, PostgreSQL store (baseline: SQLite, synchronous=FULL)', value: p99(postgres), unit: 'ms', baseline: p99(full) }),
  ];
}

export const about = `
The platform as its own process (\`server/cli.ts\`, synchronous=FULL: every answer waits for an fsync of its
commit) with ${AGENTS} agents on the events WebSocket; a load generator on the other core creates ${ITEMS.toLocaleString('en')} chats over
HTTP (${CREATE_CONCURRENCY} in flight) after ${WARMUP.toLocaleString('en')} warm-up, and each agent accepts its \`workitem.offered\` over HTTP; offers/s
from the first creation to the last accept of each phase. **Baseline**: a bare Fastify + ws server
(bench/bare-offers-server.ts) answering the same requests with messages of the same shape and size
(\`workitem.offered\`, \`workitem.updated\` after the accept, \`queue.stats\` to every agent at most once a
second, as the platform's default) and no logic, with the same client, agents, connections and concurrency. The bare server, the
platform with FULL and the platform with NORMAL run side by side, idle but connected while another is
loaded, and take ${ROUNDS} phases each in rotating order, so a neighbour's load falls on all three alike.
Target: at least ${TARGET_RATIO}× the bare rate. The p99 from creation request to accept response, and the
rate with synchronous=NORMAL (what the fsync costs), are report-only. Group commit keeps FULL affordable:
every change that arrives while a commit is pending joins it, so one fsync serves many requests
(tests/integration/server/group-commit.test.ts).

Durable without an fsync on the event loop (issue 7): SQLite commits at its synchronous=NORMAL (it writes
the WAL frames and returns), and the platform fdatasyncs the WAL on libuv's thread pool and answers the
group's requests and publishes its events only when that fsync ends — every answer still waits for a
durable commit (server/README.md, "Durability", says why that is as power-safe as SQLite's FULL;
tests/integration/server/group-commit.test.ts holds the fsync open and sees no answer and no event until
it ends). While one fsync runs the loop keeps serving, and the next group gathers in its open
transaction and commits when the fsync ends, so one commit writes each changed page once and one fsync
serves every request that arrived meanwhile.

Measured in this work, each a full run of this benchmark (\`npx tsx bench/server-offers.bench.ts\`,
FULL and NORMAL ratios against the bare server of the same run) on the shared machine at a load average
of 15–22: before it, 0.211 and 0.278 (the fsync on the loop cost a quarter); with the fsync on the thread
pool but a commit every turn, 0.264 and 0.322 (many small commits: each rewrote the same pages); with the
commit waiting for the running fsync (as now), four runs gave 0.41, 0.445, 0.303 and 0.407 (NORMAL 0.435,
0.574, 0.435 and 0.44 in the same runs). So FULL is now within 6–8 % of NORMAL in two runs, and 22–30 %
behind in two where the shared disk was busy: with ${CREATE_CONCURRENCY} creations in flight, each offer waiting for two
fsyncs, a slow disk still lowers the rate although the loop no longer waits for it. Letting two fsyncs
overlap (db/sync-pipeline.ts can) gave 0.374 against NORMAL's 0.412 in one run, no better, so the platform
runs one at a time. The target (0.5) is still missed. What decides it now is CPU per offer: the
platform's main thread spends about 2.4× the bare server's (≈ 680 µs against ≈ 280 µs in the same run); a CPU profile of the platform alone (5,000 offers,
measured part only) shows socket writes to loopback (≈ 13 % self in writev, mostly \`queue.stats\` to all
${AGENTS} agents once a second — the same fixed cost per second as the bare server's, but spread over fewer
offers), the item row's insert and two updates (≈ 12 %, SQLite's own work: the row carries the item's JSON
and its indexed columns), the COMMIT writing its WAL frames (≈ 5 %), HTTP response writes (≈ 5 %) and the event
rows (≈ 4 %); the rest is spread over lifecycle, routing, auth, zod validation and Fastify. On such a
loaded machine the ratio follows the CPU ratio, so 0.5 with margin needs the main thread's CPU per offer cut
by about a third more — in the item row (fewer indexed columns written per state change) and the request
path — which is not done. Queue figures go at most once a second (the platform's default and the bare
server's alike).

**PostgreSQL store** (issue 13, docs/scaling.md): a fourth subject in the same rotation, the platform with
\`store.url\` on a throw-away PostgreSQL 15 started by the benchmark on this machine (fsync on, so it pays for
durability as the SQLite store does): every commit's rows are shipped to PostgreSQL in one transaction before
the answer. Its rows are report-only, with the SQLite store (synchronous=FULL) of the same run as the
baseline: the ratio is what PostgreSQL costs a node. PostgreSQL shares the two cores with the platform and the
load generator here; on its own machine it would take less from the platform.
`;

runIfMain(import.meta.url, run);
