/**
 * The browser-mode transport: SwitchboardApi over the host's one WebSocket. Calls made while the socket
 * is down wait for the reconnect (up to callTimeoutMs); calls in flight when it drops resolve to OFFLINE,
 * because the host may or may not have run them (the core's outbox keeps agent actions idempotent).
 *
 * The host detaches the media engines a socket attached when that socket closes (a tab that crashed
 * closes it too). A tab that is alive and only lost its socket (the host restarted its listener, a laptop
 * slept) attaches its engine again as it reconnects: its calls' media never left, and the core renegotiates
 * them onto the engine (an ICE restart) instead of hanging them up when no window returns.
 */
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  subscriptionName,
  type ApiResult,
  type EventName,
  type SwitchboardApi,
} from '../../../common/desktop-api';
import { Backoff } from '../../../common/backoff';
import { engineAttachmentChange } from '../../../common/softphone-api';
import type { WireAnswer, WireCall, WireEvent } from '../../../common/desktop-channels';

/** The slice of the browser's WebSocket this transport uses (the `ws` package matches it in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface WebSocketSwitchboardOptions {
  url: string;
  createSocket?: WebSocketFactory;
  /** first reconnect delay's ceiling; doubles up to maxReconnectDelayMs, with full jitter (common/backoff.ts) */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  callTimeoutMs?: number;
}

export type WebSocketSwitchboard = SwitchboardApi & {
  /** stops reconnecting and fails whatever is pending */
  close(): void;
  /** the socket's state, for a connection indicator */
  isConnected(): boolean;
};

const OPEN = 1;

type Pending = { resolve: (result: ApiResult<unknown>) => void; timer: ReturnType<typeof setTimeout>; sent: boolean; message: string };

export function createWebSocketSwitchboard(options: WebSocketSwitchboardOptions): WebSocketSwitchboard {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const backoff = new Backoff({ baseMs: options.reconnectDelayMs ?? 250, capMs: options.maxReconnectDelayMs ?? 10_000 });
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let opened = false;
  /** media engines this page attached and has not detached, attached again on each reconnect */
  const attachedEngines = new Set<string>();

  function connect(): void {
    if (closed) return;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      backoff.reset();
      if (opened) reattachEngines();
      opened = true;
      for (const call of pending.values()) {
        if (!call.sent) {
          call.sent = true;
          current.send(call.message);
        }
      }
    };
    current.onmessage = (event) => receive(event.data);
    current.onerror = () => {
      // onclose follows and schedules the reconnect
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      failInFlight('OFFLINE', 'The connection to Switchboard was lost; try again.');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, backoff.next());
  }

  function failInFlight(code: string, message: string): void {
    for (const [id, call] of pending) {
      if (call.sent) settle(id, { ok: false, error: { code, message } });
    }
  }

  function settle(id: number, result: ApiResult<unknown>): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: Partial<WireAnswer & WireEvent>;
    try {
      message = JSON.parse(data) as Partial<WireAnswer & WireEvent>;
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      for (const listener of listeners.get(message.event) ?? []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.error(`switchboard: ${message.event} listener failed`, error);
        }
      }
    } else if (typeof message.id === 'number' && message.result) {
      settle(message.id, message.result);
    }
  }

  function call(op: string, request: unknown): Promise<ApiResult<unknown>> {
    if (closed) return Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'Switchboard connection closed' } });
    const id = nextId++;
    const message = JSON.stringify({ id, op, request: request ?? {} } satisfies WireCall);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(id, { ok: false, error: { code: 'OFFLINE', message: `${op}: no answer from Switchboard within ${callTimeoutMs / 1000} s` } }),
        callTimeoutMs,
      );
      const entry: Pending = { resolve, timer, sent: false, message };
      pending.set(id, entry);
      if (socket && socket.readyState === OPEN) {
        entry.sent = true;
        socket.send(message);
      }
    });
  }

  /** Follows the engine attachments this page makes, so a reconnect can restore them. */
  function noteEngine(operation: string, request: unknown, result: ApiResult<unknown>): void {
    const change = engineAttachmentChange(operation, request, result);
    if (change?.attached) attachedEngines.add(change.engineId);
    else if (change) attachedEngines.delete(change.engineId);
  }

  function reattachEngines(): void {
    for (const engineId of attachedEngines) {
      void call('attachMediaEngine', { engineId }).then((result) => {
        if (!result.ok) console.error(`switchboard: the media engine could not be attached again: ${result.error.message}`);
      });
    }
  }

  const api: Record<string, unknown> = {};
  for (const operation of OPERATION_NAMES) {
    api[operation] = async (request: unknown) => {
      const result = await call(operation, request);
      noteEngine(operation, request, result);
      return result;
    };
  }
  for (const event of EVENT_NAMES) {
    api[subscriptionName(event)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    };
  }
  api.close = () => {
    closed = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    for (const [id] of pending) settle(id, { ok: false, error: { code: 'OFFLINE', message: 'Switchboard connection closed' } });
    const current = socket;
    socket = null;
    current?.close(1000, 'closed');
  };
  api.isConnected = () => socket !== null && socket.readyState === OPEN;

  connect();
  return api as WebSocketSwitchboard;
}
