/**
 * Who may read and act on which item. An agent acts only on items offered or assigned to it (or, for a
 * team's unassigned item, its team's); workitems:admin acts on any. Reading is wider: an agent also reads
 * items of its queues and teams; channel accounts and admins read every item.
 */
import { SwitchboardError } from '../../common/errors';
import type { WorkItem } from '../../common/workitem';
import type { Principal } from '../auth/principal';

export function canAct(principal: Principal, item: WorkItem): boolean {
  if (principal.admin) return true;
  if (item.agentUsername !== null) return item.agentUsername === principal.username;
  return item.team !== null && principal.agent.teams.includes(item.team);
}

export function requireActor(principal: Principal, item: WorkItem): void {
  if (!canAct(principal, item)) {
    throw new SwitchboardError('FORBIDDEN', `work item ${item.workitemId} is not offered or assigned to ${principal.username}`);
  }
}

export function canRead(principal: Principal, item: WorkItem): boolean {
  if (principal.admin || principal.channel) return true;
  if (item.agentUsername === principal.username) return true;
  if (item.team !== null && principal.agent.teams.includes(item.team)) return true;
  return item.queueId !== null && principal.agent.queues.includes(item.queueId);
}

/** The SQL twin of canRead for lists: a WHERE fragment and its parameters. */
export function readableFilter(principal: Principal): { sql: string; params: string[] } {
  if (principal.admin || principal.channel) return { sql: '1=1', params: [] };
  const { teams, queues } = principal.agent;
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

export function checkVersion(item: WorkItem, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== item.version) {
    throw new SwitchboardError('VERSION_CONFLICT', `work item ${item.workitemId} is at version ${item.version}, not ${expectedVersion}; reload it and try again`);
  }
}
