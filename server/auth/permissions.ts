/**
 * Who may call which endpoint: every route declares one permission (server/http/route.ts), and this
 * table alone says which roles hold it and which contract scope it needs. The route layer checks it
 * before the handler runs, so a new endpoint cannot exist without a rule. What a permission allows on a
 * particular item, queue or campaign ("serves this queue", "supervises this team") is the resource check
 * in server/service/access.ts. docs/security.md has the table in prose.
 */
import { SwitchboardError } from '../../common/errors';
import type { Scope } from '../../common/vocabulary';
import type { Principal, Role } from './principal';

const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'admin', 'channel'];
const PEOPLE: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const PERMISSIONS = {
  /** end one's own session (logout) */
  'session.end': { scope: 'workitems:read', roles: EVERYONE },
  /** one's own agent record, presence and SIP credentials: people who take work, not integrations */
  'agent.self': { scope: 'workitems:read', roles: PEOPLE },
  /** read items, their messages, queue figures, disposition codes and events (filtered by visibility) */
  'items.read': { scope: 'workitems:read', roles: EVERYONE },
  /** create items and callbacks (in queues the caller serves, supervises or injects into) */
  'items.create': { scope: 'workitems:write', roles: EVERYONE },
  /** act on an item offered or assigned to the caller (a supervisor: any item of its queues and teams) */
  'items.act': { scope: 'workitems:write', roles: PEOPLE },
  /** archive an item the caller may act on */
  'items.delete': { scope: 'workitems:delete', roles: PEOPLE },
  /** post a message: the agent side on the caller's item, the customer side for a channel */
  'messages.post': { scope: 'workitems:write', roles: EVERYONE },
  /** open a chat as the customer's messaging channel */
  'chats.open': { scope: 'workitems:write', roles: ['channel', 'admin'] },
  /** read a progressive-dial campaign of a supervised queue */
  'campaigns.read': { scope: 'workitems:read', roles: ['supervisor', 'admin'] },
  /** create, start and stop campaigns of a supervised queue */
  'campaigns.manage': { scope: 'workitems:write', roles: ['supervisor', 'admin'] },
} as const satisfies Record<string, { scope: Scope; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

/** workitems:admin implies read and write (supervisors and admins act on items); delete must be granted. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  if (principal.scopes.has(scope)) return true;
  return principal.scopes.has('workitems:admin') && (scope === 'workitems:read' || scope === 'workitems:write');
}

/** The one check every route passes through: 403 FORBIDDEN naming what was missing. */
export function authorize(principal: Principal, permission: Permission): void {
  const rule = PERMISSIONS[permission];
  if (!(rule.roles as readonly Role[]).includes(principal.role)) {
    throw new SwitchboardError('FORBIDDEN', `${principal.username} (${principal.role}) may not do this (${permission}: ${rule.roles.join(', ')} only)`);
  }
  if (!hasScope(principal, rule.scope)) throw new SwitchboardError('FORBIDDEN', `${principal.username} lacks the ${rule.scope} scope`);
}
