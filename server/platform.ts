/**
 * Starts the platform: opens (and migrates) the SQLite store in dataDir (or, with `store.url`, loads a SQLite
 * working copy from PostgreSQL, which then receives every commit before it is acknowledged), rebuilds the routing state and
 * deadlines from it (overdue deadlines fire at once), and serves HTTP + WebSocket. `close()` stops
 * accepting, closes sockets, timers and the database.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import pino from 'pino';
import { integrationPrincipal, principalOf } from './auth/principal';
import { LoginLimiter } from './auth/login-limiter';
import { PasswordHasher } from './auth/password-hasher';
import { hashPassword } from './auth/passwords';
import { TokenStore } from './auth/tokens';
import type { PlatformConfig } from './config';
import type pg from 'pg';
import { closeDatabase, openDatabase, type Db } from './db/database';
import { connect, createShipper, openWorkingCopy, type Shipper, type ShipSession } from './db/postgres/index';
import type { Leadership } from './cluster/leadership';
import { buildApp } from './http/app';
import type { Platform } from './http/context';
import { CampaignService } from './service/campaigns';
import { UserQuota } from './service/user-quota';
import type { Durability, SyncFn } from './db/sync-pipeline';
import { Core, type CommitPolicy } from './service/core';
import { MessageService } from './service/messages';
import { QueueStats } from './service/queue-stats';
import { Router } from './service/router';
import { WorkItemService } from './service/workitems';
import { IdempotencyStore } from './store/idempotency';
import { connectSipEdge, type SipEdgeLink } from './telephony/sip-edge-link';

export interface StartOptions {
  /** the clock (Unix ms); tests may pass their own */
  now?: () => number;
  /** request and platform logging to stderr (default: off, the CLI turns it on) */
  log?: boolean;
  /** when group commits happen (default: the next turn of the event loop); tests hold them back */
  commitPolicy?: CommitPolicy;
  /**
   * How a commit is made durable before it is answered (default: fsync of the WAL on the thread pool with
   * `storage.synchronous: full`, none with `normal`); tests hold it back as a slow disk would.
   */
  syncWal?: SyncFn;
  /** a cluster node that took over routing (server/cluster/): its PostgreSQL writes are fenced by it */
  leadership?: Leadership;
  /** the node's advertised URL, for GET /v1/health */
  advertiseUrl?: string;
  /** believe X-Forwarded-For (a cluster node's front door sets it; see http/app.ts) */
  trustProxy?: boolean;
  /**
   * PostgreSQL mode: called once when PostgreSQL did not take a commit. From then on this node acknowledges
   * no change (its working copy holds what PostgreSQL may not) until it is started again and loads from
   * PostgreSQL; server/self-healing-platform.ts does that.
   */
  onStoreFailed?: (err: unknown) => void;
}

export interface RunningPlatform {
  url: string;
  port: number;
  /** the HTTP server: a cluster node's front door hands its requests and upgrades to it directly */
  server: http.Server;
  /** the link to the SIP edge, when the config has a `sip` block */
  sipEdge?: SipEdgeLink;
  close(): Promise<void>;
}

const HOUR_MS = 3600 * 1000;

interface PostgresStore {
  pool: pg.Pool;
  db: Db;
  shipper: Shipper;
}

/** PostgreSQL mode (`store.url`): connect, load the working copy, ship its commits (db/postgres/). */
async function openPostgresStore(url: string, dataDir: string, leadership: Leadership | undefined): Promise<PostgresStore> {
  const pool = await connect(url);
  try {
    const db = await openWorkingCopy(pool, dataDir);
    // A cluster's routing node ships on its lock's session, epoch checked: a deposed node writes nothing.
    const fenced: ShipSession | undefined = leadership ? (work) => leadership.fenced((client) => work(client, true)) : undefined;
    return { pool, db, shipper: createShipper(db, pool, fenced) };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** The shipper as the platform's durability, telling `onFailed` of the first ship PostgreSQL refused. */
function reportingFailure(shipper: Shipper, onFailed: (err: unknown) => void): Durability {
  let told = false;
  return {
    capture: () => shipper.capture(),
    sync: () =>
      shipper.sync().catch((err: unknown) => {
        if (!told) {
          told = true;
          onFailed(err);
        }
        throw err;
      }),
  };
}

/** The last commits reach PostgreSQL (when it answers) before the pool and the working copy close. */
async function closeStore(db: Db, store: PostgresStore | undefined, log: pino.Logger): Promise<void> {
  if (store) {
    try {
      await store.shipper.flush();
    } catch (err) {
      log.error({ err }, 'the last changes did not reach PostgreSQL');
    }
    await store.pool.end().catch(() => undefined);
  }
  closeDatabase(db);
}

export async function startPlatform(config: PlatformConfig, options: StartOptions = {}): Promise<RunningPlatform> {
  const now = options.now ?? Date.now;
  const log = pino({ level: options.log ? 'info' : 'silent' }, pino.destination(2));
  const store = config.store ? await openPostgresStore(config.store.url, config.dataDir, options.leadership) : undefined;
  const db = store?.db ?? openDatabase(config.dataDir, { synchronous: config.storage.synchronous });
  let router: Router | undefined;
  const durability = store && options.onStoreFailed ? reportingFailure(store.shipper, options.onStoreFailed) : store?.shipper;
  const core = new Core(db, config, now, log, (due) => router?.onDeadlines(due), options.commitPolicy, options.syncWal ?? durability);
  router = new Router(core);
  const workitems = new WorkItemService(core, router);
  const messages = new MessageService(core, workitems);
  const campaigns = new CampaignService(core, workitems, () => router!.poke());
  router.addFeeder(() => campaigns.feed());
  const stats = new QueueStats(core);
  // Calls as work items, when the config has a SIP edge (without one the platform is exactly as before).
  const sipEdge: SipEdgeLink | undefined = config.sip ? connectSipEdge(core, workitems, config.sip, log) : undefined;
  const idempotency = new IdempotencyStore(db, config.limits.idempotencyKeysPerUser);
  const tokens = new TokenStore(db, config.tokenTtlSeconds * 1000, now, undefined, config.limits.tokensPerUser);
  const platform: Platform = {
    core,
    router,
    workitems,
    messages,
    campaigns,
    stats,
    tokens,
    limiter: new LoginLimiter(config.loginRateLimit, now),
    hasher: new PasswordHasher(),
    unknownUserHash: hashPassword(randomBytes(16).toString('base64'), config.passwordCost),
    idempotency,
    quota: new UserQuota(config.limits, now),
    principals: new Map(config.agents.map((a) => [a.username, principalOf(a)])),
    integrations: new Map(config.integrations.map((i) => [i.apiKeyDigest, integrationPrincipal(i)])),
    routeDocs: [],
    ...(options.advertiseUrl !== undefined ? { advertiseUrl: options.advertiseUrl } : {}),
  };

  const housekeeping = () => {
    tokens.purgeExpired();
    idempotency.purgeBefore(now() - 24 * HOUR_MS);
  };
  housekeeping();
  const housekeepingTimer = setInterval(housekeeping, HOUR_MS);
  housekeepingTimer.unref();

  core.rebuildMemory();
  router.poke();
  // What starting wrote outside a commit of the platform (the agents' rows, housekeeping) reaches PostgreSQL.
  await store?.shipper.flush();

  const { app, sockets } = await buildApp(platform, { logger: options.log ? log : false, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}) });
  try {
    await app.listen({ host: config.listen.host, port: config.listen.port });
  } catch (err) {
    sipEdge?.close();
    router.stop();
    core.scheduler.stop();
    stats.stop();
    clearInterval(housekeepingTimer);
    core.commitNow();
    await closeStore(db, store, log);
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  log.info({ port, dataDir: config.dataDir }, 'platform started');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    server: app.server,
    sipEdge,
    close() {
      closing ??= (async () => {
        sipEdge?.close();
        router!.stop();
        core.scheduler.stop();
        stats.stop();
        clearInterval(housekeepingTimer);
        for (const socket of sockets) socket.close(1001, 'platform shutting down');
        await app.close();
        for (const socket of sockets) socket.terminate();
        core.commitNow();
        await closeStore(db, store, log);
      })();
      return closing;
    },
  };
}
