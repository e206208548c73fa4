/**
 * Helpers for the platform's integration tests: start a real platform (in this process or as a child
 * process running the CLI), talk to it over HTTP like a desktop does, and follow its event stream over
 * WebSocket. Everything listens on 127.0.0.1, port 0, with a fresh temp dataDir.
 *
 * The tests are written from the contract (docs/api.md), not from the server's code, so these
 * helpers use only what the contract names: paths, bodies, the error shape and the event envelope.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import YAML from 'yaml';
import type { PlatformEvent } from '../../../common/api';
import type { WorkItem } from '../../../common/workitem';
import { parseConfig } from '../../../server/config';
import { startPlatform, type StartOptions as PlatformStartOptions } from '../../../server/platform';
import { SHARED_CLUSTER_ENV, sharedOrOwnCluster } from '../../support/postgres';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Raw (unparsed) platform config, as a YAML fixture holds it. */
export type RawConfig = Record<string, any>;

// ---- config --------------------------------------------------------------------------------------------

export async function loadFixture(name = 'platform.yaml'): Promise<RawConfig> {
  return YAML.parse(await readFile(path.join(FIXTURES_DIR, name), 'utf8')) as RawConfig;
}

/**
 * STORE=postgres (the second run of these tests, vitest.config.ts): every platform a test starts keeps its
 * state in PostgreSQL (`store.url`), a fresh database for each new dataDir, the same one again for a dataDir
 * started again (a restart), on the run's shared cluster (tests/support/postgres-global-setup.ts).
 */
export const ON_POSTGRES = process.env.STORE === 'postgres';
const databaseOfDataDir = new Map<string, string>();

async function postgresStoreFor(dataDir: string): Promise<string> {
  let url = databaseOfDataDir.get(dataDir);
  if (url === undefined) {
    if (!process.env[SHARED_CLUSTER_ENV]) throw new Error(`STORE=postgres needs the shared cluster (${SHARED_CLUSTER_ENV}): run through vitest.config.ts`);
    url = await (await sharedOrOwnCluster()).createDatabase('it');
    databaseOfDataDir.set(dataDir, url);
  }
  return url;
}

/** The fixture with the test's own dataDir and port 0 (and store, on PostgreSQL), then the test's changes applied. */
export async function testConfig(dataDir: string, options: { fixture?: string; patch?: (raw: RawConfig) => void } = {}): Promise<RawConfig> {
  const raw = await loadFixture(options.fixture);
  raw.listen = { host: '127.0.0.1', port: 0 };
  raw.dataDir = dataDir;
  if (ON_POSTGRES) raw.store = { url: await postgresStoreFor(dataDir) };
  options.patch?.(raw);
  return raw;
}

export function queueOf(raw: RawConfig, id: string): RawConfig {
  const queue = (raw.queues as RawConfig[]).find((q) => q.id === id);
  if (!queue) throw new Error(`fixture has no queue ${id}`);
  return queue;
}

export async function makeTempDir(prefix = 'switchboard-it-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

// ---- platform in this process ----------------------------------------------------------------------------

export interface TestPlatform {
  url: string;
  port: number;
  dataDir: string;
  raw: RawConfig;
  /** Stops the server; removes the dataDir unless keepData (the helper made it). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartOptions {
  fixture?: string;
  /** Reuse a dataDir (restart); it is then never removed by close(). */
  dataDir?: string;
  patch?: (raw: RawConfig) => void;
  /** passed to startPlatform (e.g. a test's own commit policy) */
  platform?: PlatformStartOptions;
}

export async function startTestPlatform(options: StartOptions = {}): Promise<TestPlatform> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir());
  const raw = await testConfig(dataDir, options);
  let running: { url: string; port: number; close(): Promise<void> };
  try {
    const config = parseConfig(raw, dataDir);
    running = await startPlatform(config, options.platform);
  } catch (error) {
    if (ownsDir) await removeDir(dataDir);
    throw error;
  }
  let closed = false;
  return {
    url: running.url.replace(/\/$/, ''),
    port: running.port,
    dataDir,
    raw,
    async close({ keepData = false } = {}) {
      if (!closed) {
        closed = true;
        await running.close();
      }
      if (ownsDir && !keepData) await removeDir(dataDir);
    },
  };
}

// ---- platform as a child process (the real CLI) -----------------------------------------------------------

export interface PlatformProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `node --import tsx server/cli.ts --config FILE` (what `npm run server` runs) and waits for its
 * `listening on http://HOST:PORT` line.
 */
export async function startPlatformProcess(configFile: string, timeoutMs = 30_000): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--config', configFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  const url = await listening;
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => output,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Writes a fixture (with dataDir and port 0) as a YAML config file for the CLI. */
export async function writeConfigFile(dir: string, dataDir: string, options: { fixture?: string; patch?: (raw: RawConfig) => void } = {}): Promise<string> {
  const raw = await testConfig(dataDir, options);
  const file = path.join(dir, 'config.yaml');
  await writeFile(file, YAML.stringify(raw));
  return file;
}

// ---- HTTP client -------------------------------------------------------------------------------------------

export interface ApiResponse<T = any> {
  status: number;
  /** T on success; on an error status the contract's `{error: {code, message, fields?}}` instead. */
  body: T & { error?: any };
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (for malformed JSON); wins over body. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A tiny typed client: every call returns {status, body}; it never throws on an HTTP error status. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    readonly username?: string,
  ) {}

  /** Logs in (password defaults to the fixtures' `USERNAME-pw`) and returns a client carrying the token. */
  static async login(baseUrl: string, username: string, password = `${username}-pw`): Promise<ApiClient> {
    const anonymous = new ApiClient(baseUrl);
    const res = await anonymous.post('/v1/auth/login', { username, password });
    if (res.status !== 200 || typeof res.body?.token !== 'string') {
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return new ApiClient(baseUrl, res.body.token, username);
  }

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token, this.username);
  }

  async request<T = any>(method: string, urlPath: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + urlPath, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text so a failing assertion shows it
      }
    }
    return { status: res.status, body: parsed as T & { error?: any }, headers: res.headers };
  }

  get<T = any>(urlPath: string, headers?: Record<string, string>) {
    return this.request<T>('GET', urlPath, { headers });
  }
  post<T = any>(urlPath: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', urlPath, { body, headers });
  }
  put<T = any>(urlPath: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', urlPath, { body, headers });
  }
  delete<T = any>(urlPath: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', urlPath, { headers });
  }

  // Contract shortcuts, each returning the raw response so tests can assert on status too.
  setPresence(state: 'available' | 'not_ready' | 'offline', reasonCode?: string) {
    return this.put('/v1/agents/me/presence', reasonCode === undefined ? { state } : { state, reasonCode });
  }
  createItem(body: Record<string, unknown>, headers?: Record<string, string>) {
    return this.post<WorkItem>('/v1/workitems', body, headers);
  }
  item(id: string) {
    return this.get<WorkItem>(`/v1/workitems/${id}`);
  }
  act(id: string, action: string, body: Record<string, unknown> = {}) {
    return this.post<WorkItem>(`/v1/workitems/${id}/${action}`, body);
  }
}

/** Asserts a 2xx and returns the body, with the response in the message otherwise. */
export function ok<T>(res: ApiResponse<T>, what = 'request'): T {
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

// ---- events client -----------------------------------------------------------------------------------------

export interface ConnectOptions {
  since?: number;
  /** How the token travels: the Authorization header (default) or the `access_token` query parameter. */
  tokenIn?: 'header' | 'query';
}

/** One WebSocket on /v1/events that collects every event it receives, in order of arrival. */
export class EventStream {
  readonly events: PlatformEvent[] = [];
  /** Frames that were not JSON, kept so a test can fail on them. */
  readonly badFrames: string[] = [];
  private listeners = new Set<() => void>();
  private eventListeners = new Set<(event: PlatformEvent) => void>();
  private closedPromise: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      let event: PlatformEvent;
      try {
        event = JSON.parse(text) as PlatformEvent;
      } catch {
        this.badFrames.push(text);
        return;
      }
      this.events.push(event);
      for (const listener of [...this.eventListeners]) listener(event);
      for (const listener of [...this.listeners]) listener();
    });
    this.closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(baseUrl: string, token: string | undefined, options: ConnectOptions = {}): Promise<EventStream> {
    const url = new URL('/v1/events', baseUrl.replace(/^http/, 'ws'));
    if (options.since !== undefined) url.searchParams.set('since', String(options.since));
    const headers: Record<string, string> = {};
    if (token !== undefined) {
      if (options.tokenIn === 'query') url.searchParams.set('access_token', token);
      else headers.authorization = `Bearer ${token}`;
    }
    const socket = new WebSocket(url, { headers });
    const stream = new EventStream(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(stream));
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`events refused: HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
      socket.once('error', reject);
    });
  }

  /** Opens the stream as `client` (with its token). */
  static of(client: ApiClient, options: ConnectOptions = {}): Promise<EventStream> {
    return EventStream.connect(client.baseUrl, client.token, options);
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  onEvent(listener: (event: PlatformEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  get lastSeq(): number {
    return this.events.length === 0 ? 0 : this.events[this.events.length - 1].seq;
  }

  /** An index to pass as `after` so that waitFor only looks at events that arrive from now on. */
  mark(): number {
    return this.events.length;
  }

  /** The first event (at index >= after) matching `predicate`, waiting up to timeoutMs for it. */
  waitFor(predicate: (event: PlatformEvent) => boolean, timeoutMs = 3_000, after = 0): Promise<PlatformEvent> {
    return new Promise((resolve, reject) => {
      let scanned = after;
      const check = (): boolean => {
        for (; scanned < this.events.length; scanned++) {
          if (predicate(this.events[scanned])) {
            resolve(this.events[scanned]);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const listener = () => {
        if (check()) done();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching event within ${timeoutMs} ms; received: ${summarize(this.events.slice(after))}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /** Waits until an event carries item `id` in a state matching `predicate`, and returns that item. */
  async waitForItem(id: string, predicate: (item: WorkItem) => boolean, timeoutMs = 3_000, after = 0): Promise<WorkItem> {
    const event = await this.waitFor((e) => e.workitem?.workitemId === id && predicate(e.workitem), timeoutMs, after);
    return event.workitem!;
  }

  /** Resolves once no event has arrived for quietMs (for "and nothing else" assertions). */
  async quiet(quietMs = 250, maxMs = 5_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    let count = -1;
    while (count !== this.events.length && Date.now() < deadline) {
      count = this.events.length;
      await sleep(quietMs);
    }
  }

  forItem(id: string): PlatformEvent[] {
    return this.events.filter((e) => itemIdOf(e) === id);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.socket.close();
    return this.closedPromise;
  }

  /** Drops the connection without a close handshake, as a network failure would. */
  terminate(): Promise<void> {
    this.socket.terminate();
    return this.closedPromise;
  }
}

/** The item an event is about: its `workitem`, or the bare `workitemId` some events carry. */
export function itemIdOf(event: PlatformEvent): string | undefined {
  return event.workitem?.workitemId ?? event.workitemId;
}

export function summarize(events: PlatformEvent[]): string {
  const shown = events.slice(-25).map((e) => {
    const item = e.workitem ? ` ${e.workitem.workitemId}:${e.workitem.state}${e.workitem.agentUsername ? '@' + e.workitem.agentUsername : ''}` : '';
    const offer = e.offer ? ` offer=${JSON.stringify(e.offer)}` : '';
    const agent = e.agent ? ` agent=${e.agent.username}:${e.agent.state}/${e.agent.reasonCode}` : '';
    return `#${e.seq} ${e.type}${item}${offer}${agent}`;
  });
  return `[${events.length} events${events.length > 25 ? ', last 25' : ''}] ` + shown.join(' | ');
}

// ---- waiting -----------------------------------------------------------------------------------------------

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value for which `accept` holds; fails with the last value. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 3_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await sleep(intervalMs);
    last = await probe();
  }
  return last;
}

/** Polls GET /v1/workitems/{id} until the item satisfies `accept`. */
export async function itemEventually(client: ApiClient, id: string, accept: (item: WorkItem) => boolean, timeoutMs = 3_000): Promise<WorkItem> {
  const res = await eventually(() => client.item(id), (r) => r.status === 200 && accept(r.body), timeoutMs);
  return res.body;
}

// ---- a whole scene -----------------------------------------------------------------------------------------

/** A started platform with the fixture's agents logged in and the supervisor's event stream open. */
export interface Scene {
  platform: TestPlatform;
  sup: ApiClient;
  supEvents: EventStream;
  login(username: string): Promise<ApiClient>;
  /** Logs in, opens the agent's event stream (since=0) and makes the agent available. */
  agent(username: string): Promise<{ api: ApiClient; events: EventStream }>;
  close(): Promise<void>;
}

export async function startScene(options: StartOptions = {}): Promise<Scene> {
  const platform = await startTestPlatform(options);
  const streams: EventStream[] = [];
  try {
    const sup = await ApiClient.login(platform.url, 'sup');
    const supEvents = await EventStream.of(sup, { since: 0 });
    streams.push(supEvents);
    return {
      platform,
      sup,
      supEvents,
      login: (username) => ApiClient.login(platform.url, username),
      async agent(username) {
        const api = await ApiClient.login(platform.url, username);
        const events = await EventStream.of(api, { since: 0 });
        streams.push(events);
        ok(await api.setPresence('available'), `${username} available`);
        return { api, events };
      },
      async close() {
        await Promise.all(streams.map((s) => s.close()));
        await platform.close();
      },
    };
  } catch (error) {
    await Promise.all(streams.map((s) => s.close()));
    await platform.close();
    throw error;
  }
}

/**
 * An inbound chat waiting in `queueId` (PUSH), created by the supervisor. Chats, not calls: a call's accept
 * waits for media (accepted → active), which needs the SIP edge these tests do not run.
 */
export async function inboundItem(sup: ApiClient, queueId = 'support', extra: Record<string, unknown> = {}): Promise<WorkItem> {
  return ok(
    await sup.createItem({ type: 'chat', channel: 'webchat', queueId, contact: { name: 'Customer', email: 'customer@example.com' }, ...extra }),
    'create inbound item',
  );
}

/** Waits for `workitem.offered` of item `id` (or any item when id is undefined) to `username` on its stream. */
export async function offeredTo(events: EventStream, username: string, id?: string, timeoutMs = 3_000, after = 0): Promise<PlatformEvent> {
  return events.waitFor(
    (e) =>
      e.type === 'workitem.offered' &&
      (id === undefined || itemIdOf(e) === id) &&
      (e.offer?.agentUsername ?? e.workitem?.agentUsername) === username,
    timeoutMs,
    after,
  );
}

/** An item `username` has accepted and is working (PUSH in `queueId`): returns the active item. */
export async function activeItemFor(scene: Scene, username: string, agent: { api: ApiClient; events: EventStream }, queueId = 'support'): Promise<WorkItem> {
  const created = await inboundItem(scene.sup, queueId);
  await offeredTo(agent.events, username, created.workitemId);
  const accepted = ok(await agent.api.act(created.workitemId, 'accept'), 'accept');
  expectState(accepted, 'active');
  return accepted;
}

export function expectState(item: WorkItem, state: string): void {
  if (item.state !== state) throw new Error(`expected ${item.workitemId} ${state}, got ${item.state}: ${JSON.stringify(item)}`);
}
