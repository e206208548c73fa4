/**
 * What every desktop-core service shares, and the shape of a service. desktop-core.ts builds one
 * `CoreContext`, asks each service in `CORE_SERVICES` (services/index.ts) for its operation handlers, and
 * routes `invoke` to them; a new capability (the softphone) is one more service file in that list, not more
 * code in the composition.
 */
import type { z } from 'zod';
import type { DESKTOP_OPERATIONS, OperationName, OperationResponse } from '../../../common/desktop-api';
import type { Worker } from 'node:worker_threads';
import type { DatabaseFiles, RemoteCache, RemoteOutboxStore } from '../db/protocol';
import type { Emit } from '../core-events';
import type { CoreLog } from '../log/core-log';
import type { Outbox } from '../outbox/outbox';
import type { LiveItems } from '../live-items';
import type { Backoff } from '../../../common/backoff';
import type { SettingsPolicy, UserSettings } from '../settings';
import type { SyncEngine } from '../sync/sync-engine';
import type { TokenStore } from '../token-store';
import type { SessionService } from './session-service';

export type DesktopCoreOptions = {
  dataDir: string;
  /** the platform to sign in to when the sign-in request names none (a policy value wins over both) */
  platformUrl?: string;
  now?: () => number;
  tokenStore?: TokenStore;
  /** the IT policy: values that override user settings, keys the agent cannot change */
  policy?: SettingsPolicy;
  /** how long final items stay in the cache */
  historyDays?: number;
  /** tests shorten reconnect and retry waits with these */
  streamBackoff?: () => Backoff;
  outboxBackoff?: Backoff;
  heartbeatMs?: number;
  /** how long live calls wait for a media engine to come back before they are hung up (softphone-service.ts) */
  mediaReturnGraceMs?: number;
  /**
   * Check every handler's answer against its response schema before it leaves the core (a mismatch becomes
   * an INTERNAL error naming it). On by default unless NODE_ENV is production; the Electron shell turns it
   * off in packaged builds, where the renderer still checks what it receives.
   */
  checkResults?: boolean;
  /** where the core logs; by default a rotating file log in `<dataDir>/logs` (main/core/log/core-log.ts) */
  log?: CoreLog;
  /** the app's version, for "Save diagnostics" (the Electron shell passes app.getVersion()) */
  appVersion?: string;
  /** how the database thread is started (main/core/db/database-thread.ts); tests wrap it to stop the thread as a crash would */
  startDatabaseWorker?: (files: DatabaseFiles) => Worker;
};

/** The parts of the core that services share. Built once, in desktop-core.ts. */
export type CoreContext = {
  readonly options: DesktopCoreOptions;
  readonly now: () => number;
  readonly emit: Emit;
  readonly log: CoreLog;
  readonly policy: SettingsPolicy;
  readonly tokenStore: TokenStore;
  /** cache.db, on the database thread (main/core/db): the agent's items, queues, settings, chat messages */
  readonly cache: RemoteCache;
  /** outbox.db, on the database thread: pending actions and the stored session */
  readonly store: RemoteOutboxStore;
  /** the user's settings, kept on the loop and written through to the cache */
  readonly settings: UserSettings;
  /** the signed-in agent's live items, mirrored on the loop for the softphone */
  readonly liveItems: LiveItems;
  readonly sync: SyncEngine;
  readonly outbox: Outbox;
  /** who is signed in, with which platform client */
  readonly session: SessionService;
};

/** The request an operation's handler receives: already parsed (defaults applied) by its schema. */
export type OperationInput<N extends OperationName> = z.output<(typeof DESKTOP_OPERATIONS)[N]['request']>;

export type OperationHandler<N extends OperationName> = (request: OperationInput<N>) => Promise<OperationResponse<N>> | OperationResponse<N>;

export type OperationHandlers = { [N in OperationName]?: OperationHandler<N> };

/** One job of the core: the operations it answers, and what it must do when the core starts and stops. */
export type CoreService = {
  readonly name: string;
  readonly handlers: OperationHandlers;
  /** after every service exists (e.g. resume a stored session) */
  start?(): Promise<void> | void;
  /** on close, in the reverse order of start */
  stop?(): Promise<void> | void;
};

export type CoreServiceFactory = (context: CoreContext) => CoreService;
