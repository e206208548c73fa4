/**
 * A node's front door forwards HTTP requests and WebSocket upgrades to the node that routes
 * (docs/scaling.md "Several nodes"): plain node:http for requests (hop-by-hop headers dropped, bodies
 * streamed both ways, a keep-alive agent per target) and a TCP tunnel for upgrades (the handshake is
 * replayed byte for byte, then both sockets are piped), so the WebSocket protocol is the routing node's
 * own. While no routing node is known, or it cannot be reached before it answered, the client gets 503
 * with Retry-After: never a hang, never a 500. When the routing node changes, tunnels to the old one are
 * closed: the client reconnects (resuming with `since`) and reaches the new one.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { SwitchboardError } from '../../common/errors';

/** Seconds a client should wait before trying again while no routing node is known. */
export const RETRY_AFTER_SECONDS = 1;

/** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

/**
 * Who the client is travels in headers the forwarder sets itself (cluster-node.ts decides them): whatever
 * a client sent under these names is dropped, so it cannot pass itself off as someone else.
 */
const FORWARDING_HEADERS = new Set(['x-forwarded-for', 'x-switchboard-client', 'x-switchboard-forward-secret']);

const UNAVAILABLE_BODY = JSON.stringify(new SwitchboardError('UNAVAILABLE', 'No platform node is routing right now (a failover is under way); try again shortly.').toBody());

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && !FORWARDING_HEADERS.has(name)) out[name] = value;
  return out;
}

export function sendUnavailable(res: http.ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), 'content-length': Buffer.byteLength(UNAVAILABLE_BODY) });
  res.end(UNAVAILABLE_BODY);
}

function rejectUpgrade(socket: Duplex): void {
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(UNAVAILABLE_BODY)}\r\nConnection: close\r\n\r\n${UNAVAILABLE_BODY}`,
  );
}

export class Forwarder {
  private readonly agents = new Map<string, http.Agent>();
  private readonly tunnels = new Map<string, Set<net.Socket>>();

  /**
   * A request to `target` (an http:// base URL) with the forwarding headers `forwarding`; 503 when it fails
   * before the target answered.
   */
  request(req: http.IncomingMessage, res: http.ServerResponse, target: string, forwarding: Record<string, string>): void {
    const url = new URL(target);
    const headers = { ...endToEnd(req.headers), ...forwarding };
    const upstream = http.request(
      { host: url.hostname, port: url.port || 80, method: req.method, path: req.url, headers, agent: this.agentFor(target) },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => sendUnavailable(res));
    req.on('error', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy(); // the client went away: so does its request
    });
    req.pipe(upstream);
  }

  /** A WebSocket upgrade to `target`: the handshake replayed, then a tunnel until either side closes. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, target: string, forwarding: Record<string, string>): void {
    const url = new URL(target);
    let connected = false;
    const upstream = net.connect(Number(url.port || 80), url.hostname);
    const close = () => {
      upstream.destroy();
      socket.destroy();
      this.tunnels.get(target)?.delete(upstream);
    };
    upstream.on('connect', () => {
      connected = true;
      let handshake = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (!FORWARDING_HEADERS.has(req.rawHeaders[i].toLowerCase())) handshake += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      for (const [name, value] of Object.entries(forwarding)) handshake += `${name}: ${value}\r\n`;
      handshake += '\r\n';
      upstream.write(handshake);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => {
      if (connected) close();
      else {
        rejectUpgrade(socket);
        this.tunnels.get(target)?.delete(upstream);
      }
    });
    upstream.on('close', () => {
      if (connected) close(); // before that, the 503 is still being written to the client
    });
    socket.on('error', close);
    socket.on('close', close);
    let set = this.tunnels.get(target);
    if (!set) this.tunnels.set(target, (set = new Set()));
    set.add(upstream);
  }

  /** The routing node changed: its tunnels and pooled connections go (clients reconnect to the new one). */
  dropTarget(target: string): void {
    for (const tunnel of this.tunnels.get(target) ?? []) tunnel.destroy();
    this.tunnels.delete(target);
    this.agents.get(target)?.destroy();
    this.agents.delete(target);
  }

  close(): void {
    for (const target of [...this.tunnels.keys(), ...this.agents.keys()]) this.dropTarget(target);
  }

  private agentFor(target: string): http.Agent {
    let agent = this.agents.get(target);
    if (!agent) this.agents.set(target, (agent = new http.Agent({ keepAlive: true, maxSockets: 64 })));
    return agent;
  }
}
