/**
 * Who is calling: an agent, a supervisor of some queues and teams, an admin, or a channel integration
 * (a system that injects customers' chats, calls and emails). The role decides which endpoints they may
 * call (auth/permissions.ts); the queues and teams decide which items (service/access.ts).
 *
 * From the config: `workitems:admin` with a `supervises` block is a supervisor of those queues and
 * teams; without one, an admin of everything. `channel: true` agents and `integrations` (API keys) are
 * channels. Everyone else is an agent.
 *
 * Events: a principal sees events addressed to `agent:NAME`, to its queues (`queue:ID`, figures) and
 * teams (`team:NAME`), supervised ones included; a channel also sees `channels`; an admin everything.
 */
import type { Scope } from '../../common/vocabulary';
import type { AgentConfig, IntegrationConfig } from '../config';

export type Role = 'agent' | 'supervisor' | 'admin' | 'channel';

export interface Principal {
  readonly username: string;
  readonly role: Role;
  readonly scopes: ReadonlySet<Scope>;
  /** role === 'admin': every item, queue and event */
  readonly admin: boolean;
  /** role === 'channel': speaks for customers */
  readonly channel: boolean;
  /** queues served and teams belonged to (routing) */
  readonly queues: ReadonlySet<string>;
  readonly teams: ReadonlySet<string>;
  readonly supervisedQueues: ReadonlySet<string>;
  readonly supervisedTeams: ReadonlySet<string>;
  /** a channel's queues it may inject work into; null: any queue */
  readonly injectQueues: ReadonlySet<string> | null;
  /** audience tokens this principal matches */
  readonly audience: ReadonlySet<string>;
  /** the agent account; null for an integration's API key */
  readonly agent: AgentConfig | null;
}

function roleOf(agent: AgentConfig): Role {
  if (agent.channel) return 'channel';
  if (!agent.scopes.includes('workitems:admin')) return 'agent';
  return agent.supervises === null ? 'admin' : 'supervisor';
}

export function principalOf(agent: AgentConfig): Principal {
  const role = roleOf(agent);
  const supervisedQueues = new Set(agent.supervises?.queues ?? []);
  const supervisedTeams = new Set(agent.supervises?.teams ?? []);
  const audience = new Set<string>([`agent:${agent.username}`]);
  for (const q of [...agent.queues, ...supervisedQueues]) audience.add(`queue:${q}`);
  for (const t of [...agent.teams, ...supervisedTeams]) audience.add(`team:${t}`);
  if (role === 'channel') audience.add('channels');
  return {
    username: agent.username,
    role,
    scopes: new Set(agent.scopes),
    admin: role === 'admin',
    channel: role === 'channel',
    queues: new Set(agent.queues),
    teams: new Set(agent.teams),
    supervisedQueues,
    supervisedTeams,
    injectQueues: role === 'channel' && agent.queues.length > 0 ? new Set(agent.queues) : null,
    audience,
    agent,
  };
}

/** An integration's API key acts as this principal: a channel, reading and writing, never routed work. */
export function integrationPrincipal(integration: IntegrationConfig): Principal {
  return {
    username: integration.name,
    role: 'channel',
    scopes: new Set<Scope>(['workitems:read', 'workitems:write']),
    admin: false,
    channel: true,
    queues: new Set(),
    teams: new Set(),
    supervisedQueues: new Set(),
    supervisedTeams: new Set(),
    injectQueues: integration.queues === null ? null : new Set(integration.queues),
    audience: new Set([`agent:${integration.name}`, 'channels']),
    agent: null,
  };
}

export function canSee(principal: Principal, audience: readonly string[]): boolean {
  if (principal.admin) return true;
  for (const token of audience) if (principal.audience.has(token)) return true;
  return false;
}
