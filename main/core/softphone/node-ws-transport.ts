/**
 * SIP over WebSocket (RFC 7118) for sip.js under Node, on the `ws` package, and the first line of defence
 * against a hostile or broken server: nothing that arrives on the socket can throw out of here.
 *
 * - Text and binary frames are both decoded as strict UTF-8 (ws's own validation would close the whole
 *   connection on one bad frame — and with it every call's signalling); a frame that is not UTF-8 is
 *   dropped and logged.
 * - A message larger than `maxMessageBytes` is dropped unread; a frame beyond ws's hard cap (4× that)
 *   closes the connection, which the softphone treats as any transport loss (reconnect, re-register).
 * - Keep-alive CRLFs are ignored; anything whose first line is neither a SIP request line nor a status
 *   line is dropped before sip.js's parser sees it.
 * - sip.js's own handling runs inside a try/catch: its parser throws on some malformed headers (a response
 *   whose CSeq does not parse, for one), and that must cost one message, not the user agent.
 * - WebSocket pings detect a dead TCP connection that never sends a FIN (a cut cable, a frozen proxy).
 *
 * sip.js never reconnects by itself here (`reconnectionAttempts: 0`): the softphone owns reconnection.
 */
import { EmitterImpl, TransportState, type Transport } from 'sip.js';
import WebSocket, { type RawData } from 'ws';
import { excerpt, type SoftphoneLog } from './softphone-log';

export type NodeWebSocketTransportOptions = {
  server: string;
  log: SoftphoneLog;
  connectionTimeoutMs?: number;
  maxMessageBytes?: number;
  /** interval of WebSocket pings; a missing pong by the next one closes the socket */
  keepAliveMs?: number;
};

export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
const REQUEST_LINE = /^[A-Za-z][A-Za-z0-9.!%*_+`'~-]* \S+ SIP\/2\.0\r?$/;
const STATUS_LINE = /^SIP\/2\.0 [1-6]\d\d(?: .*)?\r?$/;

export class NodeWebSocketTransport implements Transport {
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly stateChange = new EmitterImpl<TransportState>();
  readonly protocol: string;

  private currentState: TransportState = TransportState.Disconnected;
  private socket: WebSocket | null = null;
  private connecting: Promise<void> | null = null;
  private keepAlive: ReturnType<typeof setInterval> | null = null;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly options: Required<NodeWebSocketTransportOptions>;

  /** sip.js constructs its transport as `new transportConstructor(logger, transportOptions)`. */
  constructor(_logger: unknown, options: NodeWebSocketTransportOptions) {
    this.options = {
      connectionTimeoutMs: 5_000,
      maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
      keepAliveMs: 15_000,
      ...options,
    };
    const scheme = new URL(options.server).protocol;
    if (scheme !== 'ws:' && scheme !== 'wss:') throw new Error(`The SIP WebSocket URL must start with ws:// or wss://, not "${scheme}"`);
    this.protocol = scheme === 'wss:' ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this.currentState;
  }

  isConnected(): boolean {
    return this.currentState === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.currentState === TransportState.Connected) return Promise.resolve();
    if (this.connecting !== null) return this.connecting;
    this.setState(TransportState.Connecting);
    this.connecting = new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(this.options.server, 'sip', {
        handshakeTimeout: this.options.connectionTimeoutMs,
        maxPayload: this.options.maxMessageBytes * 4,
        skipUTF8Validation: true,
        perMessageDeflate: false,
      });
      this.socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.connecting = null;
        this.startKeepAlive(socket);
        this.setState(TransportState.Connected);
        resolve();
        this.safely('onConnect', () => this.onConnect?.());
      });
      socket.on('message', (data, isBinary) => this.receive(data, isBinary));
      socket.on('pong', () => {
        alive.set(socket, true);
      });
      socket.on('error', (error) => {
        if (!opened) this.options.log.warn(`SIP WebSocket ${this.options.server} failed: ${error.message}`);
      });
      socket.on('close', (code, reason) => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.stopKeepAlive();
        const asked = this.currentState === TransportState.Disconnecting;
        this.setState(TransportState.Disconnected);
        if (!opened) {
          this.connecting = null;
          reject(new Error(`Could not connect to the SIP edge at ${this.options.server}`));
          return;
        }
        const error = asked ? undefined : new Error(`SIP WebSocket closed (${code}${reason.length > 0 ? ` ${excerpt(reason.toString('utf8'))}` : ''})`);
        this.safely('onDisconnect', () => this.onDisconnect?.(error));
      });
    });
    return this.connecting;
  }

  disconnect(): Promise<void> {
    const socket = this.socket;
    if (socket === null) return Promise.resolve();
    this.setState(TransportState.Disconnecting);
    return new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
      // a peer that never answers the close handshake must not hold a sign-out up
      setTimeout(() => socket.terminate(), 1_000).unref();
    });
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.stateChange.removeAllListeners();
  }

  send(message: string): Promise<void> {
    const socket = this.socket;
    if (socket === null || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error('The SIP WebSocket is not connected'));
    }
    return new Promise<void>((resolve, reject) => {
      socket.send(message, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Forgets the connection without a close handshake (what a cut network looks like), for tests and dead sockets. */
  terminate(): void {
    this.socket?.terminate();
  }

  private receive(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (bytes.length > this.options.maxMessageBytes) {
      this.options.log.warn(`dropped a ${bytes.length}-byte SIP message (more than ${this.options.maxMessageBytes})`);
      return;
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      this.options.log.warn(`dropped a ${isBinary ? 'binary' : 'text'} frame that is not valid UTF-8 (${bytes.length} bytes)`);
      return;
    }
    if (text.trim() === '') return; // RFC 5626 keep-alive (CRLF)
    const newline = text.indexOf('\n');
    const firstLine = newline === -1 ? text : text.slice(0, newline);
    if (!REQUEST_LINE.test(firstLine) && !STATUS_LINE.test(firstLine)) {
      this.options.log.warn(`dropped a frame that is not a SIP message: "${excerpt(firstLine)}"`);
      return;
    }
    this.safely(`handling "${excerpt(firstLine)}"`, () => this.onMessage?.(text));
  }

  private safely(what: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.options.log.warn(`sip.js threw while ${what}; the message is dropped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private setState(next: TransportState): void {
    if (next === this.currentState) return;
    this.currentState = next;
    this.stateChange.emit(next);
  }

  private startKeepAlive(socket: WebSocket): void {
    this.stopKeepAlive();
    alive.set(socket, true);
    this.keepAlive = setInterval(() => {
      if (alive.get(socket) !== true) {
        this.options.log.warn('the SIP WebSocket stopped answering pings; closing it');
        socket.terminate();
        return;
      }
      alive.set(socket, false);
      socket.ping();
    }, this.options.keepAliveMs);
    this.keepAlive.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAlive !== null) clearInterval(this.keepAlive);
    this.keepAlive = null;
  }
}

/** whether each socket answered the last ping */
const alive = new WeakMap<WebSocket, boolean>();
