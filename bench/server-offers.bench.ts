/**
 * End-to-end offer throughput (issue 3: ≥ 2,000 offers accepted end to end per second over HTTP +
 * WebSocket on loopback on 2 cores, every commit durable). A real platform on its SQLite store, reached
 * only over HTTP and WebSocket on loopback: AGENTS agents hold a WebSocket on /v1/events (opened before
 * they become available; live events only); a pool of creators POSTs ITEMS inbound chats to one queue;
 * whenever an agent's stream says `workitem.offered`, that agent POSTs accept. Reported: accepted offers
 * per second from the first creation to the last accept, and the p99 time from a creation's request to
 * its accept's response. The client side is kept cheap (a minimal HTTP/1.1 client on keep-alive sockets,
 * requests in parallel, only offers decoded) so that it measures the platform.
 *
 * Steady state: a warm-up of WARMUP items (JIT, SQLite page cache, sockets) runs to its last accept first
 * and is not counted; the measured run is the next ITEMS items.
 *
 * Measured two ways, each reported as its own row:
 * - `separate processes`: the platform runs as its own process (`server/cli.ts`, as in production) and
 *   this process is the load generator, so each gets one of the two cores;
 * - `one process`: platform and load generator share this process (and so one core's worth of event loop).
 *
 * Runnable alone: `npx tsx bench/server-offers.bench.ts` (about 15 s). Knobs: BENCH_OFFERS_ITEMS (10000,
 * measured), BENCH_OFFERS_WARMUP (1000, not counted), BENCH_OFFERS_AGENTS (1000), BENCH_OFFERS_MODES
 * (`process,inline`), BENCH_OFFERS_PROFILE_DIR (writes a V8 CPU profile of the separate platform process
 * there), BENCH_OFFERS_CONCURRENCY (32 creation requests in flight), BENCH_OFFERS_VERBOSE=1 (CPU per offer
 * on stderr: this process, the whole platform process, and its main thread alone, which is the one that
 * saturates).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

type Mode = 'process' | 'inline';

const ITEMS = Number(process.env.BENCH_OFFERS_ITEMS ?? 10_000);
const WARMUP = Number(process.env.BENCH_OFFERS_WARMUP ?? 1_000);
const AGENTS = Number(process.env.BENCH_OFFERS_AGENTS ?? 1000); // the issue's scale: 1,000 agents connected
const MODES = (process.env.BENCH_OFFERS_MODES ?? 'process,inline').split(',').map((m) => m.trim()) as Mode[];
const PROFILE_DIR = process.env.BENCH_OFFERS_PROFILE_DIR;
/** POSTs in flight at once across creators: enough to keep the server busy, not a flood. */
const CREATE_CONCURRENCY = Number(process.env.BENCH_OFFERS_CONCURRENCY ?? 32);
/** Give up on a phase (and report what was reached) after this long, so a slow server cannot hang the run. */
const MAX_RUN_MS = 30_000;
const TARGET_PER_SECOND = 2_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

function benchConfig(dataDir: string) {
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
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
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

interface RunningServer {
  url: string;
  /** CPU seconds the platform's process has used so far, all threads (undefined when it shares this process) */
  cpuSeconds(): number | undefined;
  /** CPU seconds of the platform's main thread (the event loop, which is what saturates) */
  mainThreadCpuSeconds(): number | undefined;
  stop(): Promise<void>;
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

/** The platform as its own process, as it runs in production (optionally under the V8 profiler). */
async function startServerProcess(dataDir: string): Promise<RunningServer> {
  const configFile = path.join(dataDir, 'bench-config.json');
  await writeFile(configFile, JSON.stringify(benchConfig(path.join(dataDir, 'data'))));
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'server/cli.ts'), '--config', configFile, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
  });
  return {
    url,
    cpuSeconds: () => (child.pid === undefined ? undefined : statCpuSeconds(`/proc/${child.pid}/stat`)),
    // The main thread's id is the process id.
    mainThreadCpuSeconds: () => (child.pid === undefined ? undefined : statCpuSeconds(`/proc/${child.pid}/task/${child.pid}/stat`)),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startServerInline(dataDir: string): Promise<RunningServer> {
  const platform = await startPlatform(parseConfig(benchConfig(path.join(dataDir, 'data')), dataDir));
  return { url: platform.url, cpuSeconds: () => undefined, mainThreadCpuSeconds: () => undefined, stop: () => platform.close() };
}

const OFFERED_PREFIX = /^\{"seq":\d+,"type":"workitem\.offered"/;
const WORKITEM_ID = /"workitemId":"([^"]+)"/;

async function runMode(mode: Mode): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-offers-'));
  const server = mode === 'process' ? await startServerProcess(dataDir) : await startServerInline(dataDir);
  const client = new JsonClient(new URL(server.url));
  const sockets: WebSocket[] = [];
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
    const runPhase = async (items: number) => {
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
      return { start, elapsedSeconds: ((finished ? phase.lastAcceptAt : performance.now()) - start) / 1000, accepted: phase.accepted, failures: phase.failures };
    };

    if (WARMUP > 0) {
      const warm = await runPhase(WARMUP);
      if (warm.accepted !== WARMUP) throw new Error(`warm-up: only ${warm.accepted}/${WARMUP} accepted (${warm.failures} failed requests)`);
      sentAt.clear();
      acceptedAt.clear();
    }

    const serverCpuAtStart = server.cpuSeconds();
    const serverMainCpuAtStart = server.mainThreadCpuSeconds();
    const ownCpuAtStart = process.cpuUsage();
    const { elapsedSeconds, accepted, failures } = await runPhase(ITEMS);
    const perSecond = accepted / elapsedSeconds;
    if (VERBOSE) {
      const own = process.cpuUsage(ownCpuAtStart);
      const serverCpu = serverCpuAtStart === undefined ? undefined : server.cpuSeconds()! - serverCpuAtStart;
      const serverMainCpu = serverMainCpuAtStart === undefined ? undefined : server.mainThreadCpuSeconds()! - serverMainCpuAtStart;
      const perOffer = (seconds: number) => `${((seconds * 1e6) / accepted).toFixed(0)} µs CPU per offer (${((100 * seconds) / elapsedSeconds).toFixed(0)}% of a core)`;
      console.error(
        `[${mode}] ${accepted} offers in ${elapsedSeconds.toFixed(2)} s after ${WARMUP} warm-up; this process ${perOffer((own.user + own.system) / 1e6)}` +
          (serverCpu === undefined ? '' : `; platform process ${perOffer(serverCpu)}`) +
          (serverMainCpu === undefined ? '' : `, its main thread ${perOffer(serverMainCpu)}`),
      );
    }
    // Matched at the end: an offer (and its accept) may overtake the creation's response.
    const latencies = [...acceptedAt].flatMap(([id, at]) => (sentAt.has(id) ? [at - sentAt.get(id)!] : [])).sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const how = mode === 'process' ? 'platform and load generator in separate processes' : 'platform and load generator in one process';
    return [
      {
        name: `offers accepted end to end over HTTP + WS, ${how} (${accepted}/${ITEMS} items after ${WARMUP} warm-up, ${AGENTS} agents${failures ? `, ${failures} failed requests` : ''})`,
        value: Math.round(perSecond),
        unit: 'offers/s',
        target: `>= ${TARGET_PER_SECOND} offers/s`,
        met: accepted === ITEMS && failures === 0 && perSecond >= TARGET_PER_SECOND,
      },
      {
        name: `creation request → accept response p99, ${how}`,
        value: Math.round(p99 * 10) / 10,
        unit: 'ms',
        target: '<= 1000 ms',
        met: p99 <= 1000,
      },
    ];
  } finally {
    for (const socket of sockets) socket.terminate();
    client.destroy();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const mode of MODES) results.push(...(await runMode(mode)));
  return results;
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
