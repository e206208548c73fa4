/**
 * Browser mode: the desktop core served to a local browser. One HTTP server bound to loopback serves
 * the built renderer and one WebSocket (PREFIX/api), all under a per-launch random path prefix carrying the same typed API as Electron's IPC.
 *
 * Who may use it: only a holder of the per-launch token (printed URL, then an HttpOnly cookie), only
 * with the host's own Host header (no DNS rebinding), and for the WebSocket only from the host's own
 * Origin (no cross-site WebSocket hijacking). Without all that, nothing is served.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { EventName } from '../../common/desktop-api';
import { BROWSER_API_PATH, type WireAnswer, type WireEvent } from '../../common/desktop-channels';
import type { DesktopCorePort } from '../ipc/core-port';
import { dispatchOperation } from '../ipc/dispatch';
import { MediaEngineOwners } from '../ipc/media-engine-owners';
import { contentSecurityPolicy, HARDENING_HEADERS } from './content-security-policy';
import { newLaunchToken, readCookie, tokenCookie, tokenCookieName, tokensMatch } from './launch-token';
import { serveRenderer } from './renderer-files';

export interface BrowserHostOptions {
  core: DesktopCorePort;
  /** the built renderer, e.g. build/renderer */
  rendererDir: string;
  /** loopback only; anything else is refused */
  host?: '127.0.0.1';
  /** 0 picks a free port */
  port?: number;
  /** for tests; a fresh random token otherwise */
  token?: string;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/PREFIX/?token=… — the only way in */
  url: string;
  origin: string;
  /** `/PREFIX`: the per-launch random path everything is served under (and the cookie's Path) */
  basePath: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`Browser mode binds to 127.0.0.1 only, not ${String(host)}`);
  const token = options.token ?? newLaunchToken();
  // Cookies ignore ports: scoped to this random path, the token cookie is never sent to another local
  // server on 127.0.0.1 (unless it happens to serve this very path, which it cannot know).
  const basePath = `/${newLaunchToken().slice(0, 22)}`;
  let port = 0;
  let origin = '';
  let csp = '';

  // HTTP: Fastify and @fastify/static (renderer-files.ts); the WebSocket is `ws` on the same server (below).
  // Routing sees the path below basePath; anything outside it is routed to a path no file has and
  // refused in onRequest (request.originalUrl keeps what was asked).
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    rewriteUrl: (raw) => {
      const asked = raw.url ?? '/';
      return asked.startsWith(`${basePath}/`) ? asked.slice(basePath.length) : '/';
    },
  });

  function respond(reply: FastifyReply, status: number, text: string, headers: Record<string, string> = {}): FastifyReply {
    return reply.code(status).headers({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).send(text);
  }

  // Every answer, files and refusals alike, carries the CSP and the hardening headers.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers({ ...HARDENING_HEADERS, 'Content-Security-Policy': csp });
    return payload;
  });

  // Host, method and launch token before anything is routed: without all three, nothing is served.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.host !== `${host}:${port}`) return respond(reply, 403, 'Forbidden: unexpected Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(reply, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (!request.originalUrl.startsWith(`${basePath}/`)) return respond(reply, 404, 'Not found');
    const url = new URL(request.url, origin);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokensMatch(token, offered)) return respond(reply, 403, forbiddenText);
      // Keep the token out of the address bar and history: set the cookie and reload without it.
      url.searchParams.delete('token');
      return respond(reply, 303, 'See other', { Location: basePath + url.pathname + url.search, 'Set-Cookie': tokenCookie(port, token, `${basePath}/`) });
    }
    if (!tokensMatch(token, readCookie(request.headers.cookie, tokenCookieName(port)))) return respond(reply, 403, forbiddenText);
    if (url.pathname === BROWSER_API_PATH) return respond(reply, 426, 'WebSocket only', { Upgrade: 'websocket' });
    return undefined;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    // A malformed URL (bad percent-encoding) is the client's mistake; anything else is ours.
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return respond(reply, status, status === 500 ? 'Internal error' : 'Bad request');
  });

  await serveRenderer(app, options.rendererDir, (reply) => respond(reply, 404, 'Not found'));
  const server = app.server;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(request);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => serveClient(client));
  });

  function upgradeRefusal(request: IncomingMessage): string | null {
    if (request.headers.host !== `${host}:${port}`) return '403 Forbidden';
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== basePath + BROWSER_API_PATH) return '404 Not Found';
    if (request.headers.origin !== origin) return '403 Forbidden';
    const given = url.searchParams.get('token') ?? readCookie(request.headers.cookie, tokenCookieName(port));
    if (!tokensMatch(token, given)) return '403 Forbidden';
    return null;
  }

  function serveClient(client: WebSocket): void {
    // A tab that crashed or was killed closes its socket without detaching its media engine: this does.
    const engines = new MediaEngineOwners(options.core);
    client.on('message', (data: RawData, isBinary: boolean) => {
      void answer(client, engines, data, isBinary);
    });
    client.on('error', () => client.terminate());
    client.on('close', () => void engines.connectionLost());
  }

  async function answer(client: WebSocket, engines: MediaEngineOwners, data: RawData, isBinary: boolean): Promise<void> {
    const call = isBinary ? null : parseCall(data.toString());
    let reply: WireAnswer;
    if (call) {
      const result = await dispatchOperation(options.core, call.op, call.request);
      engines.noteOperation(call.op, call.request, result);
      // attached just as the socket closed: the close has come and gone, so detach it now
      if (client.readyState !== WebSocket.OPEN) void engines.connectionLost();
      reply = { id: call.id, result };
    } else {
      reply = { id: null, result: { ok: false, error: { code: 'VALIDATION_FAILED', message: 'Expected a JSON text message {id, op, request}' } } };
    }
    if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify(reply));
  }

  const unsubscribe = options.core.subscribe((event: EventName, payload: unknown) => {
    if (sockets.clients.size === 0) return;
    const message = JSON.stringify({ event, payload } satisfies WireEvent);
    for (const client of sockets.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(message);
    }
  });

  await app.listen({ host, port: options.port ?? 0 });
  port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  csp = contentSecurityPolicy({ connectSrc: [`ws://${host}:${port}`] });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}${basePath}/?token=${token}`,
    origin,
    basePath,
    port,
    token,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of sockets.clients) client.terminate();
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
        await app.close();
      })();
      return closing;
    },
  };
}

const forbiddenText = 'Forbidden: open the address Switchboard printed when it started (it carries the launch token).';

function parseCall(text: string): { id: string | number; op: string; request: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // not JSON: the caller answers VALIDATION_FAILED
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { id, op, request } = value as { id?: unknown; op?: unknown; request?: unknown };
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof op !== 'string') return null;
  return { id, op, request };
}
