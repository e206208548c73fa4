/**
 * The platform's event stream (`GET /v1/events`, WebSocket) with reconnects: capped exponential backoff
 * with full jitter, resuming with `since=` the last event the caller APPLIED (asked for on every connect,
 * so a reconnect never skips or repeats what the cache already holds). Node 20 has no global WebSocket,
 * hence the `ws` package. A ping every few seconds notices a dead connection that never closed.
 *
 * With several platform nodes (PlatformEndpoints), a node that cannot be reached or answers 503 (no
 * routing node yet) is passed over: the next attempt goes to the next node. A stream that closes after
 * it opened retries the same node first — a follower closes the streams it forwarded when the routing
 * node dies, and is itself still the nearest way back.
 */
import WebSocket from 'ws';
import { PlatformEventSchema, type PlatformEvent } from '../../../common/api';
import { Backoff } from '../../../common/backoff';
import { errorFields, silentLog, type CoreLog } from '../log/core-log';
import { PlatformEndpoints } from './platform-endpoints';

export type StreamDown = { error: string; retryAt: number; attempt: number };

export type EventStreamOptions = {
  /** one platform URL, or the nodes of one platform to fail over between (shared with the HTTP client) */
  baseUrl: string | PlatformEndpoints;
  token: string;
  /** the seq to resume after, or null for the live stream only (a fresh snapshot follows) */
  since: () => number | null;
  onOpen: () => void;
  onEvent: (event: PlatformEvent) => void;
  onDown: (down: StreamDown) => void;
  /** the platform refused the token: reconnecting will not help */
  onUnauthorized: (message: string) => void;
  backoff?: Backoff;
  now?: () => number;
  heartbeatMs?: number;
  log?: CoreLog;
};

export class EventStream {
  private socket: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = true;
  private dropCurrent: ((reason: string) => void) | null = null;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly log: CoreLog;
  private readonly endpoints: PlatformEndpoints;

  constructor(private readonly options: EventStreamOptions) {
    this.log = options.log ?? silentLog();
    this.endpoints = typeof options.baseUrl === 'string' ? new PlatformEndpoints(options.baseUrl) : options.baseUrl;
    this.backoff = options.backoff ?? new Backoff();
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Drop the connection now and reconnect at once (e.g. the outbox saw the platform come back). */
  reconnectNow(): void {
    if (this.stopped) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.connect();
    }
  }

  /** Give up the current connection (e.g. the snapshot after it failed) and reconnect with backoff. */
  drop(reason: string): void {
    this.dropCurrent?.(reason);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', ignoreLateError); // the socket is being discarded: its late errors mean nothing
      socket.terminate();
    }
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    const baseUrl = this.endpoints.current;
    const url = new URL('/v1/events', baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const since = this.options.since();
    if (since !== null) url.searchParams.set('since', String(since));
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.options.token}` }, handshakeTimeout: 10_000 });
    this.socket = socket;
    let failed = false;
    let opened = false;
    const fail = (reason: string, nodeDown = false) => {
      if (failed || this.socket !== socket) return;
      failed = true;
      if (nodeDown || !opened) this.endpoints.failed(baseUrl);
      this.socket = null;
      this.stopHeartbeat();
      socket.removeAllListeners();
      socket.on('error', ignoreLateError); // the socket is being discarded: its late errors mean nothing
      socket.terminate();
      if (!this.stopped) this.scheduleRetry(reason);
    };

    this.dropCurrent = fail;
    socket.on('open', () => {
      opened = true;
      this.backoff.reset();
      this.startHeartbeat(socket);
      this.options.onOpen();
    });
    socket.on('message', (data) => {
      let event: PlatformEvent;
      try {
        event = PlatformEventSchema.parse(JSON.parse(data.toString()));
      } catch (error) {
        // A message this build does not understand must not stop the stream: note it and go on.
        this.log.warn({ ...errorFields(error), message: data.toString().slice(0, 200) }, 'events: dropped a message this build cannot read');
        return;
      }
      this.options.onEvent(event);
    });
    socket.on('pong', () => {
      (socket as WebSocket & { alive?: boolean }).alive = true;
    });
    socket.on('unexpected-response', (_request, response) => {
      if (response.statusCode === 401) {
        failed = true;
        this.socket = null;
        socket.removeAllListeners();
        socket.on('error', ignoreLateError); // the socket is being discarded: its late errors mean nothing
        socket.terminate();
        this.stopped = true;
        this.options.onUnauthorized('The platform no longer accepts this sign-in; sign in again.');
        return;
      }
      fail(`HTTP ${response.statusCode}`, response.statusCode === 503);
    });
    socket.on('error', (error) => fail(error.message));
    socket.on('close', (code) => fail(`closed (${code})`));
  }

  private scheduleRetry(error: string): void {
    const delay = this.backoff.next();
    const retryAt = this.now() + delay;
    this.options.onDown({ error, retryAt, attempt: this.backoff.attempts });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private startHeartbeat(socket: WebSocket): void {
    this.stopHeartbeat();
    const ms = this.options.heartbeatMs ?? 10_000;
    const tagged = socket as WebSocket & { alive?: boolean };
    tagged.alive = true;
    this.heartbeat = setInterval(() => {
      if (!tagged.alive) {
        socket.emit('close', 4000);
        return;
      }
      tagged.alive = false;
      try {
        socket.ping();
      } catch (error) {
        // A socket that cannot even send a ping is dead: treat it as closed, which reconnects.
        this.log.info(errorFields(error), 'events: ping failed');
        socket.emit('close', 4001);
      }
    }, ms);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

/** For a socket already given up: an 'error' without a listener would crash the process. */
function ignoreLateError(): void {}
