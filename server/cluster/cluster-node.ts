/**
 * One node of a platform cluster (config `cluster` + `store.url`; docs/scaling.md "Several nodes").
 *
 * The node's listen address is a front door that every node serves at once: GET /v1/health answered here,
 * everything else (HTTP and WebSocket) forwarded to the node that routes (cluster/forwarder.ts) — which
 * is this one's own platform once it leads (handed over in-process, no second hop), else the leader the
 * directory names, else 503 with Retry-After. Meanwhile the node waits for the leadership
 * (cluster/leadership.ts); when it gets it, it loads the working copy from PostgreSQL and starts the
 * platform (server/platform.ts) with its shipping fenced by that leadership, so the stored deadlines —
 * offers, wrap-up, TTL, callbacks — are in its state and fire there, once.
 *
 * A leader that loses its lock's session stops routing at once and reports it (`onFatal`: the CLI exits
 * and a supervisor restarts it as a follower) rather than go on with a state another node now owns.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import pino from 'pino';
import type { Health } from '../../common/api';
import type { PlatformConfig } from '../config';
import { startPlatform, type RunningPlatform, type StartOptions } from '../platform';
import { Forwarder, RETRY_AFTER_SECONDS, sendUnavailable } from './forwarder';
import { LeaderDirectory } from './leader-directory';
import { acquireLeadership, type Leadership } from './leadership';

export interface ClusterNodeOptions extends StartOptions {
  /** the node stopped routing because it lost the leadership, or could not start routing */
  onFatal?: (error: Error) => void;
}

export interface RunningClusterNode {
  /** the front door: what clients and the load balancer use */
  url: string;
  port: number;
  /** this node routes now */
  readonly routing: boolean;
  close(): Promise<void>;
}

/** How long a node waits before trying for the leadership again after PostgreSQL failed it. */
const RETRY_WAIT_MS = 1_000;

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

export async function startClusterNode(config: PlatformConfig, options: ClusterNodeOptions = {}): Promise<RunningClusterNode> {
  if (!config.store || !config.cluster) throw new Error('a cluster node needs `store.url` and `cluster` in its config');
  const storeUrl = config.store.url;
  const { pollMs } = config.cluster;
  const log = pino({ level: options.log ? 'info' : 'silent' }, pino.destination(2));
  const forwarder = new Forwarder();
  const directory = new LeaderDirectory(storeUrl, pollMs);
  const abort = new AbortController();
  let platform: RunningPlatform | null = null;
  let leadership: Leadership | null = null;
  let closed = false;

  /** Where a request goes now: this node's platform, the leader's front door, or nowhere (503). */
  const target = (): string | null => {
    if (platform !== null) return platform.url;
    const leader = directory.leader;
    return leader !== null && leader.url !== selfUrl ? leader.url : null;
  };

  /**
   * The client's address, for the login limits: a follower vouches for the one it saw (with the routing
   * node's forward secret, which only nodes can read); from anyone else, the connection's own address.
   */
  const clientOf = (req: http.IncomingMessage): string => {
    const secret = leadership?.forwardSecret ?? directory.leader?.forwardSecret;
    const shown = req.headers['x-switchboard-forward-secret'];
    const claimed = req.headers['x-switchboard-client'];
    if (secret !== undefined && typeof shown === 'string' && typeof claimed === 'string' && sameSecret(shown, secret)) return claimed;
    return req.socket.remoteAddress ?? '';
  };

  /** To the leader: the client vouched for with its forward secret. */
  const forwardingFor = (req: http.IncomingMessage): Record<string, string> => ({
    'x-switchboard-client': clientOf(req),
    'x-switchboard-forward-secret': directory.leader?.forwardSecret ?? '',
  });

  /**
   * Handed to this node's own platform in-process (no second hop): the forwarding headers replaced by the
   * one client address this node vouches for, as X-Forwarded-For, which that platform trusts (it serves
   * nothing else: its own port is on 127.0.0.1).
   */
  const asOwn = (req: http.IncomingMessage): http.IncomingMessage => {
    const client = clientOf(req);
    delete req.headers['x-switchboard-client'];
    delete req.headers['x-switchboard-forward-secret'];
    req.headers['x-forwarded-for'] = client;
    return req;
  };

  const health = (): { status: number; body: Health } => {
    const leader = directory.leader?.url ?? null;
    const known = target() !== null;
    return { status: known ? 200 : 503, body: { status: known ? 'ok' : 'unavailable', routing: false, leader } };
  };

  const front = http.createServer((req, res) => {
    if (platform !== null) {
      platform.server.emit('request', asOwn(req), res);
      return;
    }
    const to = target();
    if (platform === null && req.method === 'GET' && pathOf(req.url) === '/v1/health') {
      const { status, body } = health();
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) });
      res.end(text);
      return;
    }
    if (to === null) {
      req.resume();
      sendUnavailable(res);
      return;
    }
    forwarder.request(req, res, to, forwardingFor(req));
  });
  front.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (platform !== null) {
      platform.server.emit('upgrade', asOwn(req), socket, head);
      return;
    }
    const to = target();
    socket.on('error', () => undefined); // a client that vanished mid-handshake
    if (to === null) {
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_SECONDS}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    forwarder.upgrade(req, socket, head, to, forwardingFor(req));
  });
  front.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(config.listen.port, config.listen.host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  const { port } = front.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  const url = `http://${host}:${port}`;
  const selfUrl = (config.cluster.advertiseUrl ?? url).replace(/\/$/, '');

  // Streams forwarded to a leader that is no longer one are closed: their clients resume on the new one.
  let previousLeader: string | null = null;
  directory.onChange((leader) => {
    if (previousLeader !== null && previousLeader !== leader?.url) forwarder.dropTarget(previousLeader);
    previousLeader = leader?.url ?? null;
  });
  await directory.start();

  const fatal = (error: Error) => {
    log.error({ err: error }, 'cluster: this node stopped routing');
    const running = platform;
    platform = null;
    void (async () => {
      if (running) {
        forwarder.dropTarget(running.url);
        await running.close().catch(() => undefined);
      }
      await leadership?.release();
      options.onFatal?.(error);
    })();
  };

  const lead = async () => {
    // Waiting survives PostgreSQL going away (a restart, a failover of its own): a follower keeps serving
    // (503 while no node routes) and tries again, rather than exit and leave the cluster a node short.
    for (;;) {
      try {
        leadership = await acquireLeadership({ url: storeUrl, advertiseUrl: selfUrl, pollMs, signal: abort.signal });
        break;
      } catch (error) {
        if (closed) return;
        log.warn({ err: error }, 'cluster: waiting for the leadership failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS));
        if (closed) return;
      }
    }
    if (closed) return;
    log.info({ epoch: leadership.epoch }, 'cluster: this node takes over routing');
    leadership.onLost((error) => fatal(error));
    const running = await startPlatform({ ...config, listen: { host: '127.0.0.1', port: 0 } }, { ...options, leadership, advertiseUrl: selfUrl, trustProxy: true });
    if (closed || leadership.lost) {
      await running.close();
      return;
    }
    platform = running;
    void directory.refresh();
  };
  lead().catch((error: unknown) => {
    if (closed) return;
    fatal(error as Error);
  });

  return {
    url,
    port,
    get routing() {
      return platform !== null;
    },
    async close() {
      if (closed) return;
      closed = true;
      abort.abort(new Error('the node is shutting down'));
      front.close();
      front.closeAllConnections();
      forwarder.close();
      await directory.stop();
      const running = platform;
      platform = null;
      await running?.close();
      await leadership?.release();
    },
  };
}

function sameSecret(shown: string, secret: string): boolean {
  const a = Buffer.from(shown);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
