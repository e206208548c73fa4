/**
 * For the cluster tests and bench: platform nodes as real processes (the CLI) on one PostgreSQL database,
 * and clients that fail over between the nodes as the desktop does — calls retried on the next node with
 * the same Idempotency-Key when one is unreachable or answers 503, event streams resumed with `since`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import YAML from 'yaml';
import type { PlatformEvent } from '../../../../common/api';
import { loadFixture, queueOf, startPlatformProcess, type PlatformProcess } from '../helpers';

export type ClusterNodeProcess = PlatformProcess & { dir: string };

/** Starts one node: the test fixture with store.url, `cluster`, its own dataDir (working copy) and port 0. */
export async function startNode(storeUrl: string, patch?: (raw: Record<string, any>) => void): Promise<ClusterNodeProcess> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-node-'));
  const raw = (await loadFixture()) as Record<string, any>;
  raw.listen = { host: '127.0.0.1', port: 0 };
  raw.dataDir = path.join(dir, 'data');
  raw.store = { url: storeUrl };
  raw.cluster = { pollMs: 100 };
  // Deadlines long enough that none falls due during a failover: every offer must come from routing.
  Object.assign(queueOf(raw, 'support'), { offerTimeoutSeconds: 60, wrapUpTimeoutSeconds: 60, ttlSeconds: 3600 });
  patch?.(raw);
  const file = path.join(dir, 'config.yaml');
  await writeFile(file, YAML.stringify(raw));
  const node = await startPlatformProcess(file, 60_000);
  return Object.assign(node, { dir });
}

export async function stopNode(node: ClusterNodeProcess): Promise<void> {
  await node.kill('SIGTERM');
  await rm(node.dir, { recursive: true, force: true, maxRetries: 3 });
}

export async function health(url: string): Promise<{ status: number; routing: boolean; leader: string | null } | null> {
  try {
    const res = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { routing: boolean; leader: string | null };
    return { status: res.status, routing: body.routing, leader: body.leader };
  } catch {
    return null; // the node is gone
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The node that routes now (exactly one), by /v1/health. */
export async function routingNode(urls: string[], timeoutMs = 15_000): Promise<string> {
  const states = await waitFor(
    () => Promise.all(urls.map(async (url) => ({ url, health: await health(url) }))),
    (all) => all.filter((s) => s.health?.routing).length === 1,
    'exactly one routing node',
    timeoutMs,
  );
  return states.find((s) => s.health?.routing)!.url;
}

export type Answer = { status: number; body: any };

/** A client of the whole cluster: a call goes to its preferred node, else the next, with one key throughout. */
export class ClusterClient {
  private index: number;

  constructor(
    private readonly urls: string[],
    preferred: number,
    public token?: string,
  ) {
    this.index = preferred % urls.length;
  }

  get url(): string {
    return this.urls[this.index];
  }

  static async login(urls: string[], preferred: number, username: string): Promise<ClusterClient> {
    const client = new ClusterClient(urls, preferred);
    const res = await client.call('POST', '/v1/auth/login', { username, password: `${username}-pw` });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    client.token = res.body.token;
    return client;
  }

  /** Retries for up to `timeoutMs` while nodes are down or answer 503; any other answer is returned. */
  async call(method: string, urlPath: string, body?: unknown, idempotencyKey?: string, timeoutMs = 20_000): Promise<Answer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const headers: Record<string, string> = {};
      if (this.token) headers.authorization = `Bearer ${this.token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      try {
        const res = await fetch(this.url + urlPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        if (res.status !== 503) return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
      } catch {
        // the node is gone: the next one
      }
      if (Date.now() > deadline) throw new Error(`${method} ${urlPath}: no node answered within ${timeoutMs} ms`);
      this.index = (this.index + 1) % this.urls.length;
      await sleep(50);
    }
  }
}

/**
 * An event stream that survives nodes going away: reconnects (to the same node when the stream had
 * opened, else the next) with `since` = the last seq received, as the desktop does.
 */
export class ResilientStream {
  readonly events: PlatformEvent[] = [];
  /** when it connected (where, since which seq) and how each connection ended: a failing test prints it */
  readonly connections: string[] = [];
  private socket: WebSocket | null = null;
  private stopped = false;
  private index: number;
  private listeners = new Set<(event: PlatformEvent) => void>();

  constructor(
    private readonly urls: string[],
    preferred: number,
    private readonly token: string,
  ) {
    this.index = preferred % urls.length;
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Resolves once the first connection is open. */
  start(since?: number): Promise<void> {
    return new Promise((resolve) => this.connect(since ?? null, resolve));
  }

  onEvent(listener: (event: PlatformEvent) => void): void {
    this.listeners.add(listener);
  }

  private connect(since: number | null, opened?: () => void): void {
    if (this.stopped) return;
    const url = new URL('/v1/events', this.urls[this.index].replace(/^http/, 'ws'));
    if (since !== null) url.searchParams.set('since', String(since));
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
    this.connections.push(`${Date.now()} connect ${url.host} since=${since ?? '-'}`);
    socket.on('close', (code) => this.connections.push(`${Date.now()} closed ${code} at seq ${this.lastSeq}`));
    socket.on('unexpected-response', (_request, res) => this.connections.push(`${Date.now()} refused ${res.statusCode}`));
    this.socket = socket;
    let open = false;
    let retried = false;
    const retry = () => {
      if (retried || this.stopped) return;
      retried = true;
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      if (!open) this.index = (this.index + 1) % this.urls.length;
      setTimeout(() => this.connect(this.events.length > 0 || since !== null ? this.lastSeq : null, opened), 50);
    };
    socket.on('open', () => {
      open = true;
      opened?.();
      opened = undefined;
    });
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString()) as PlatformEvent;
      this.events.push(event);
      for (const listener of this.listeners) listener(event);
    });
    socket.on('unexpected-response', retry);
    socket.on('error', retry);
    socket.on('close', retry);
  }

  stop(): void {
    this.stopped = true;
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
  }
}

/**
 * Whether the cluster's PostgreSQL holds the item: what a node that takes over loads. A GET may show an item
 * a moment sooner (reads come from the routing node's working copy, shipped at its next sync).
 */
export async function isItemStored(url: string, workitemId: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query('SELECT 1 FROM items WHERE "workitemId" = $1', [workitemId])).rowCount === 1;
  } finally {
    await db.end();
  }
}

/** The highest event seq stored in the cluster's PostgreSQL (what every client must end up having seen). */
export async function maxStoredSeq(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return Number((await db.query<{ max: string | null }>('SELECT max(seq) AS max FROM events')).rows[0].max ?? 0);
  } finally {
    await db.end();
  }
}
