/** A work item as a row of the `items` table: the query language's columns, plus the whole item as JSON. */
import type { WorkItem } from '../../../common/workitem';

export const ITEM_COLUMNS = [
  'workitemId', 'type', 'channelType', 'channel', 'direction', 'mode', 'subType', 'state', 'reasonCode', 'status',
  'priority', 'queueId', 'agentUsername', 'team', 'subject', 'description', 'contactName', 'contactPhone',
  'contactEmail', 'dueAt', 'createdAt', 'offeredAt', 'assignedAt', 'terminatedAt', 'dispositionedAt',
  'conversationId', 'version', 'data',
] as const;

export type ItemRow = Record<(typeof ITEM_COLUMNS)[number], string | number | null>;

export function itemToRow(item: WorkItem): ItemRow {
  return {
    workitemId: item.workitemId,
    type: item.type,
    channelType: item.channelType,
    channel: item.channel,
    direction: item.direction,
    mode: item.mode,
    subType: item.subType,
    state: item.state,
    reasonCode: item.reasonCode,
    status: item.status,
    priority: item.priority,
    queueId: item.queueId,
    agentUsername: item.agentUsername,
    team: item.team,
    subject: item.subject,
    description: item.description,
    contactName: item.contact.name,
    contactPhone: item.contact.phone,
    contactEmail: item.contact.email,
    dueAt: item.dueAt,
    createdAt: item.createdAt,
    offeredAt: item.offeredAt,
    assignedAt: item.assignedAt,
    terminatedAt: item.terminatedAt,
    dispositionedAt: item.dispositionedAt,
    conversationId: item.conversationId,
    version: item.version,
    data: JSON.stringify(item),
  };
}
