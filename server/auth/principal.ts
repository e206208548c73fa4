/**
 * Who is calling, and what they may see. An agent sees events addressed to `agent:NAME`, to its queues
 * (`queue:ID`, queue figures) and teams (`team:NAME`); a channel account also sees `channels` (chat
 * traffic); workitems:admin sees everything.
 */
import type { Scope } from '../../common/vocabulary';
import type { AgentConfig } from '../config';

export interface Principal {
  readonly username: string;
  readonly scopes: ReadonlySet<Scope>;
  readonly admin: boolean;
  readonly channel: boolean;
  /** audience tokens this principal matches */
  readonly audience: ReadonlySet<string>;
  readonly agent: AgentConfig;
}

export function principalOf(agent: AgentConfig): Principal {
  const audience = new Set<string>([`agent:${agent.username}`]);
  for (const q of agent.queues) audience.add(`queue:${q}`);
  for (const t of agent.teams) audience.add(`team:${t}`);
  if (agent.channel) audience.add('channels');
  return {
    username: agent.username,
    scopes: new Set(agent.scopes),
    admin: agent.scopes.includes('workitems:admin'),
    channel: agent.channel,
    audience,
    agent,
  };
}

/** workitems:admin implies read and write (a supervisor acts on any item); delete must be granted. */
export function hasScope(principal: Principal, scope: Scope): boolean {
  if (principal.scopes.has(scope)) return true;
  return principal.admin && (scope === 'workitems:read' || scope === 'workitems:write');
}

export function canSee(principal: Principal, audience: readonly string[]): boolean {
  if (principal.admin) return true;
  for (const token of audience) if (principal.audience.has(token)) return true;
  return false;
}
