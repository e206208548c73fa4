/** A work item as a row of the `items` table: the query language's columns, plus the whole item as JSON. */
import type { WorkItem } from '../../../common/workitem';

export const ITEM_COLUMNS = [
  'workitemId', 'type', 'channelType', 'channel', 'direction', 'mode', 'subType', 'state', 'reasonCode', 'status',
  'priority', 'queueId', 'agentUsername', 'team', 'subject', 'description', 'contactName', 'contactPhone',
  'contactEmail', 'dueAt', 'createdAt', 'offeredAt', 'assignedAt', 'terminatedAt', 'dispositionedAt',
  'conversationId', 'version', 'data',
] as const;

/** The row's values in ITEM_COLUMNS order, for positional parameters. */
export function itemToValues(item: WorkItem): (string | number | null)[] {
  const c = item.contact;
  return [
    item.workitemId, item.type, item.channelType, item.channel, item.direction, item.mode, item.subType, item.state,
    item.reasonCode, item.status, item.priority, item.queueId, item.agentUsername, item.team, item.subject,
    item.description, c.name, c.phone, c.email, item.dueAt, item.createdAt, item.offeredAt, item.assignedAt,
    item.terminatedAt, item.dispositionedAt, item.conversationId, item.version, JSON.stringify(item),
  ];
}
