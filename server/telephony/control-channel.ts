/**
 * The platform's end of the control channel to the SIP edge: a TCP client of Kamailio's evapi module
 * (sip.controlHost:controlPort, 127.0.0.1 by default). Messages are JSON, one per netstring (`LEN:JSON,`),
 * both ways. The platform is the client so the edge needs no address of it (with several platform nodes,
 * only the routing node runs the platform, so only it connects); when the connection drops it reconnects
 * with capped exponential backoff and jitter, and the edge answers new calls 503 meanwhile.
 */
import { connect, type Socket } from 'node:net';
import type { Logger } from 'pino';

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/** sent back for every chunk the edge sends: see the 'data' handler */
const ACK_BYTE = Buffer.from('\n', 'ascii');
/** a netstring longer than this is a broken peer, not a message */
const MAX_MESSAGE_BYTES = 1 << 20;

export type ControlMessageHandler = (message: unknown) => void;

/** Splits a byte stream into netstring payloads; throws on a malformed frame. */
export class NetstringReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) {
        if (this.buffer.length > 10) throw new Error('netstring length prefix too long');
        return out;
      }
      const lengthText = this.buffer.subarray(0, colon).toString('ascii');
      if (!/^[0-9]{1,7}$/.test(lengthText)) throw new Error(`bad netstring length "${lengthText.slice(0, 16)}"`);
      const length = Number(lengthText);
      if (length > MAX_MESSAGE_BYTES) throw new Error(`netstring of ${length} bytes is too long`);
      const end = colon + 1 + length;
      if (this.buffer.length < end + 1) return out;
      if (this.buffer[end] !== 0x2c) throw new Error('netstring not terminated by a comma');
      out.push(this.buffer.subarray(colon + 1, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 1);
    }
  }
}

export function netstring(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body, Buffer.from(',', 'ascii')]);
}

export class ControlChannel {
  private socket: Socket | null = null;
  private connected = false;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly waiters: Array<() => void> = [];
  /** run on every (re)connection, e.g. to resend what could not be sent */
  onConnected: () => void = () => undefined;

  constructor(
    private readonly port: number,
    private readonly onMessage: ControlMessageHandler,
    private readonly log: Logger,
    private readonly host = '127.0.0.1',
  ) {}

  start(): void {
    this.open();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Resolves once connected (for tests and the launcher's readiness). */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends one message; false when the edge is not connected (the caller decides what that means). */
  send(message: object): boolean {
    if (!this.connected || !this.socket) {
      this.log.warn({ message }, 'sip edge not connected: control message dropped');
      return false;
    }
    this.socket.write(netstring(JSON.stringify(message)));
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.destroy();
    this.socket = null;
    this.connected = false;
  }

  private open(): void {
    if (this.closed) return;
    const reader = new NetstringReader();
    const socket = connect({ host: this.host, port: this.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.connected = true;
      this.attempt = 0;
      this.log.info({ port: this.port }, 'sip edge control channel connected');
      for (const resolve of this.waiters.splice(0)) resolve();
      this.onConnected();
    });
    socket.on('data', (chunk: Buffer) => {
      // Acknowledge at once. Kamailio's evapi leaves Nagle on for its connections (no TCP_NODELAY), so an
      // event it writes while its previous one is unacknowledged waits for our ACK, which Linux delays up to
      // ~40 ms when we have nothing to send: under load one call event in ten waited that long (a loopback
      // capture of the CPS bench, docs/telephony.md). A newline carries the ACK now; evapi skips whitespace
      // between netstrings.
      socket.write(ACK_BYTE);
      let payloads: string[];
      try {
        payloads = reader.push(chunk);
      } catch (err) {
        this.log.error({ err }, 'sip edge sent a malformed frame: reconnecting');
        socket.destroy();
        return;
      }
      for (const payload of payloads) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(payload);
        } catch {
          this.log.warn({ payload: payload.slice(0, 200) }, 'sip edge sent a message that is not JSON');
          continue;
        }
        try {
          this.onMessage(parsed);
        } catch (err) {
          this.log.error({ err, message: parsed }, 'control message handler failed');
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const wasConnected = this.connected;
      this.connected = false;
      if (this.socket === socket) this.socket = null;
      if (this.closed) return;
      if (wasConnected) this.log.warn('sip edge control channel lost: reconnecting');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempt);
    this.attempt++;
    // full jitter: many platforms restarting together do not reconnect in lockstep
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
    this.retryTimer.unref();
  }
}
