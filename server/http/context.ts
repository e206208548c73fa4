import type { Principal } from '../auth/principal';
import type { LoginLimiter } from '../auth/login-limiter';
import type { PasswordHasher } from '../auth/password-hasher';
import type { TokenStore } from '../auth/tokens';
import type { CampaignService } from '../service/campaigns';
import type { UserQuota } from '../service/user-quota';
import type { Core } from '../service/core';
import type { MessageService } from '../service/messages';
import type { QueueStats } from '../service/queue-stats';
import type { Router } from '../service/router';
import type { WorkItemService } from '../service/workitems';
import type { IdempotencyStore } from '../store/idempotency';
import type { RouteDoc } from './route';

/** Everything the HTTP layer talks to. */
export interface Platform {
  core: Core;
  router: Router;
  workitems: WorkItemService;
  messages: MessageService;
  campaigns: CampaignService;
  stats: QueueStats;
  tokens: TokenStore;
  limiter: LoginLimiter;
  hasher: PasswordHasher;
  /** what a login with an unknown username is checked against: a hash of the platform's one cost */
  unknownUserHash: string;
  idempotency: IdempotencyStore;
  /** the changes, items, callbacks and chats each user may make per window (config limits) */
  quota: UserQuota;
  principals: Map<string, Principal>;
  /** channel integrations by the SHA-256 of their API key */
  integrations: Map<string, Principal>;
  routeDocs: RouteDoc[];
  /** a cluster node's advertised URL (GET /v1/health names the routing node by it); absent on a single platform */
  advertiseUrl?: string;
}
