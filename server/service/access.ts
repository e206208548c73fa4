/**
 * Which items, queues and teams a principal may touch: the resource half of authorization (the role half
 * is auth/permissions.ts, checked by the route). An agent acts only on items offered or assigned to it
 * (or, for a team's unassigned item, its team's); a supervisor also on every item of the queues and teams
 * it supervises; an admin on any. Reading is wider: an agent also reads items of its queues and teams;
 * channel accounts and admins read every item.
 */
import { SwitchboardError } from '../../common/errors';
import type { WorkItem } from '../../common/workitem';
import type { Principal } from '../auth/principal';
import type { AgentConfig } from '../config';

function supervises(principal: Principal, item: WorkItem): boolean {
  return (item.queueId !== null && principal.supervisedQueues.has(item.queueId)) || (item.team !== null && principal.supervisedTeams.has(item.team));
}

export function canAct(principal: Principal, item: WorkItem): boolean {
  if (principal.admin || supervises(principal, item)) return true;
  if (item.agentUsername !== null) return item.agentUsername === principal.username;
  return item.team !== null && principal.teams.has(item.team);
}

export function requireActor(principal: Principal, item: WorkItem): void {
  if (!canAct(principal, item)) {
    throw new SwitchboardError('FORBIDDEN', `work item ${item.workitemId} is not offered or assigned to ${principal.username}`);
  }
}

export function canRead(principal: Principal, item: WorkItem): boolean {
  if (principal.admin || principal.channel || supervises(principal, item)) return true;
  if (item.agentUsername === principal.username) return true;
  if (item.team !== null && principal.teams.has(item.team)) return true;
  return item.queueId !== null && principal.queues.has(item.queueId);
}

/** Queue figures and disposition codes: the queues one serves or supervises; admins and channels all. */
export function canSeeQueue(principal: Principal, queueId: string): boolean {
  return principal.admin || principal.channel || principal.queues.has(queueId) || principal.supervisedQueues.has(queueId);
}

/** The SQL twin of canRead for lists: a WHERE fragment and its parameters. */
export function readableFilter(principal: Principal): { sql: string; params: string[] } {
  if (principal.admin || principal.channel) return { sql: '1=1', params: [] };
  const teams = [...principal.teams, ...principal.supervisedTeams];
  const queues = [...principal.queues, ...principal.supervisedQueues];
  const parts = ['"agentUsername" = ?'];
  const params = [principal.username];
  if (teams.length > 0) {
    parts.push(`"team" IN (${teams.map(() => '?').join(', ')})`);
    params.push(...teams);
  }
  if (queues.length > 0) {
    parts.push(`"queueId" IN (${queues.map(() => '?').join(', ')})`);
    params.push(...queues);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

/**
 * Putting work into a queue (creating an item, a callback or a chat there): agents into the queues they
 * serve, supervisors also into those they supervise, channels into those their integration names (or any),
 * admins anywhere.
 */
export function requireQueueEntry(principal: Principal, queueId: string, path = 'queueId'): void {
  if (principal.admin) return;
  if (principal.channel ? principal.injectQueues === null || principal.injectQueues.has(queueId) : principal.queues.has(queueId) || principal.supervisedQueues.has(queueId)) return;
  throw new SwitchboardError('FORBIDDEN', `${principal.username} may not put work into queue "${queueId}"`, [{ path, message: `not a queue of ${principal.username}` }]);
}

/**
 * Giving an item to a team: its members (handing work back to their team's pool), supervisors of the team,
 * admins. Anyone else would be pushing work onto people they answer for nothing to.
 */
export function requireTeamTarget(principal: Principal, team: string, path: string): void {
  if (principal.admin || principal.teams.has(team) || principal.supervisedTeams.has(team)) return;
  throw new SwitchboardError('FORBIDDEN', `${principal.username} may not give work to team "${team}"`, [{ path, message: `not a team of ${principal.username}` }]);
}

/**
 * Giving an item to a named agent (it then uses their capacity): oneself; a supervisor, an agent who
 * serves one of its queues or is in one of its teams; an admin, anyone.
 */
export function requireAgentTarget(principal: Principal, target: AgentConfig, path: string): void {
  if (principal.admin || target.username === principal.username) return;
  const supervised = target.queues.some((q) => principal.supervisedQueues.has(q)) || target.teams.some((t) => principal.supervisedTeams.has(t));
  if (supervised) return;
  throw new SwitchboardError('FORBIDDEN', `${principal.username} may not give work to ${target.username}; only their supervisor or an admin may`, [
    { path, message: `not an agent ${principal.username} supervises` },
  ]);
}

/** A campaign belongs to its queue: its supervisors and admins read, start and stop it. */
export function requireCampaignQueue(principal: Principal, queueId: string): void {
  if (principal.admin || principal.supervisedQueues.has(queueId)) return;
  throw new SwitchboardError('FORBIDDEN', `${principal.username} does not supervise queue "${queueId}"`);
}

export function checkVersion(item: WorkItem, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== item.version) {
    throw new SwitchboardError('VERSION_CONFLICT', `work item ${item.workitemId} is at version ${item.version}, not ${expectedVersion}; reload it and try again`);
  }
}
