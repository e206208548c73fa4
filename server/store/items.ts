/**
 * Work items in SQLite: the queryable columns (named as common/query/fields.ts), the whole item as JSON,
 * and the router's bookkeeping. Prepared once; every write is part of the caller's transaction.
 */
import type { WorkItem } from '../../common/workitem';
import type { Db } from '../db/database';

/** Where and how an item waits for an agent; all null once it has one for good. */
export interface Route {
  pool: string | null;
  orderAt: number | null;
  readyAt: number | null;
  deadlineAt: number | null;
  skippedBy: string | null;
}

export const NO_ROUTE: Route = { pool: null, orderAt: null, readyAt: null, deadlineAt: null, skippedBy: null };

export interface StoredItem {
  item: WorkItem;
  route: Route;
  parentId: string | null;
  campaignId: string | null;
  archived: boolean;
}

interface Row {
  data: string;
  routePool: string | null;
  routeOrderAt: number | null;
  routeReadyAt: number | null;
  routeDeadlineAt: number | null;
  routeSkippedBy: string | null;
  parentId: string | null;
  campaignId: string | null;
  archived: number;
}

const COLUMNS = `data, routePool, routeOrderAt, routeReadyAt, routeDeadlineAt, routeSkippedBy, parentId, campaignId, archived`;

function fromRow(row: Row): StoredItem {
  return {
    item: JSON.parse(row.data) as WorkItem,
    route: { pool: row.routePool, orderAt: row.routeOrderAt, readyAt: row.routeReadyAt, deadlineAt: row.routeDeadlineAt, skippedBy: row.routeSkippedBy },
    parentId: row.parentId,
    campaignId: row.campaignId,
    archived: row.archived === 1,
  };
}

function params(tenant: string, s: StoredItem, json: string): Record<string, unknown> {
  const i = s.item;
  return {
    workitemId: i.workitemId,
    tenant,
    type: i.type,
    channelType: i.channelType,
    channel: i.channel,
    direction: i.direction,
    mode: i.mode,
    subType: i.subType,
    state: i.state,
    reasonCode: i.reasonCode,
    status: i.status,
    priority: i.priority,
    queueId: i.queueId,
    agentUsername: i.agentUsername,
    team: i.team,
    subject: i.subject,
    description: i.description,
    contactName: i.contact.name,
    contactPhone: i.contact.phone,
    contactEmail: i.contact.email,
    dueAt: i.dueAt,
    createdAt: i.createdAt,
    offeredAt: i.offeredAt,
    assignedAt: i.assignedAt,
    terminatedAt: i.terminatedAt,
    dispositionedAt: i.dispositionedAt,
    conversationId: i.conversationId,
    version: i.version,
    archived: s.archived ? 1 : 0,
    data: json,
    routePool: s.route.pool,
    routeOrderAt: s.route.orderAt,
    routeReadyAt: s.route.readyAt,
    routeDeadlineAt: s.route.deadlineAt,
    routeSkippedBy: s.route.skippedBy,
    parentId: s.parentId,
    campaignId: s.campaignId,
    unread: i.unread ?? 0,
  };
}

const FIELDS = [
  'workitemId', 'tenant', 'type', 'channelType', 'channel', 'direction', 'mode', 'subType', 'state', 'reasonCode', 'status', 'priority',
  'queueId', 'agentUsername', 'team', 'subject', 'description', 'contactName', 'contactPhone', 'contactEmail', 'dueAt', 'createdAt',
  'offeredAt', 'assignedAt', 'terminatedAt', 'dispositionedAt', 'conversationId', 'version', 'archived', 'data', 'routePool',
  'routeOrderAt', 'routeReadyAt', 'routeDeadlineAt', 'routeSkippedBy', 'parentId', 'campaignId', 'unread',
] as const;

export class ItemStore {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly liveStmt;
  private readonly conversationAgentsStmt;

  constructor(
    private readonly db: Db,
    private readonly tenant: string,
  ) {
    this.insertStmt = db.prepare(`INSERT INTO items (${FIELDS.join(', ')}) VALUES (${FIELDS.map((f) => '@' + f).join(', ')})`);
    this.updateStmt = db.prepare(
      `UPDATE items SET ${FIELDS.filter((f) => f !== 'workitemId' && f !== 'tenant').map((f) => `${f} = @${f}`).join(', ')} WHERE workitemId = @workitemId AND tenant = @tenant`,
    );
    this.getStmt = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM items WHERE workitemId = ? AND tenant = ?`);
    this.liveStmt = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM items WHERE tenant = ? AND state NOT IN ('dispositioned', 'closed') AND archived = 0`);
    this.conversationAgentsStmt = db.prepare<[string, string], { agentUsername: string }>(
      `SELECT DISTINCT agentUsername FROM items WHERE tenant = ? AND conversationId = ? AND agentUsername IS NOT NULL AND state NOT IN ('dispositioned', 'closed')`,
    );
  }

  /** Returns the item's JSON, for events to reuse. */
  insert(s: StoredItem): string {
    const json = JSON.stringify(s.item);
    this.insertStmt.run(params(this.tenant, s, json));
    return json;
  }

  update(s: StoredItem): string {
    const json = JSON.stringify(s.item);
    this.updateStmt.run(params(this.tenant, s, json));
    return json;
  }

  get(workitemId: string): StoredItem | undefined {
    const row = this.getStmt.get(workitemId, this.tenant);
    return row ? fromRow(row) : undefined;
  }

  /** Every item that may still change: what the router and the scheduler rebuild from on start. */
  *live(): IterableIterator<StoredItem> {
    for (const row of this.liveStmt.iterate(this.tenant)) yield fromRow(row);
  }

  agentsInConversation(conversationId: string): string[] {
    return this.conversationAgentsStmt.all(this.tenant, conversationId).map((r) => r.agentUsername);
  }

  /** A page of items matching a compiled query; `where`/`orderBy` come from common/query (whitelisted names). */
  page(where: string, whereParams: unknown[], orderBy: string, rows: number, start: number): { total: number; items: WorkItem[] } {
    const total = (this.db.prepare(`SELECT count(*) AS n FROM items WHERE tenant = ? AND archived = 0 AND (${where})`).get(this.tenant, ...whereParams) as { n: number }).n;
    const items =
      rows === 0
        ? []
        : (this.db.prepare(`SELECT data FROM items WHERE tenant = ? AND archived = 0 AND (${where}) ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(this.tenant, ...whereParams, rows, start) as { data: string }[]).map(
            (r) => JSON.parse(r.data) as WorkItem,
          );
    return { total, items };
  }
}
