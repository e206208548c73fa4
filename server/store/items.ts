/**
 * Work items in SQLite: the queryable columns (named as common/query/fields.ts), the whole item as JSON,
 * and the router's bookkeeping. Prepared once; every write is part of the caller's transaction.
 *
 * Live items are also kept in memory as last written or read (the process owns the store), so acting on
 * an item neither reads nor parses its row again, and an update sets only the columns that changed: an
 * index whose columns did not change is left alone, which is most of what an update would write. The
 * cached objects are shared: treat a StoredItem as immutable (every change builds a new one). Core clears
 * the cache whenever a change rolls back.
 */
import type { WorkItem } from '../../common/workitem';
import type Database from 'better-sqlite3';
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

/** The row's values in FIELDS order (positional binding is much cheaper than named); never undefined. */
export function rowValues(tenant: string, s: StoredItem, json: string): unknown[] {
  const i = s.item;
  const r = s.route;
  return [
    i.workitemId, tenant, i.type, i.channelType ?? null, i.channel ?? null, i.direction ?? null, i.mode ?? null, i.subType ?? null, i.state,
    i.reasonCode ?? null, i.status ?? null, i.priority ?? null, i.queueId ?? null, i.agentUsername ?? null, i.team ?? null, i.subject ?? null,
    i.description ?? null, i.contact?.name ?? null, i.contact?.phone ?? null, i.contact?.email ?? null, i.dueAt ?? null, i.createdAt ?? null,
    i.offeredAt ?? null, i.assignedAt ?? null, i.terminatedAt ?? null, i.dispositionedAt ?? null, i.conversationId ?? null, i.version ?? null,
    s.archived ? 1 : 0, json, r.pool ?? null, r.orderAt ?? null, r.readyAt ?? null, r.deadlineAt ?? null, r.skippedBy ?? null, s.parentId ?? null,
    s.campaignId ?? null, i.unread ?? 0,
  ];
}

const WORKITEM_ID = FIELDS.indexOf('workitemId');
const TENANT = FIELDS.indexOf('tenant');
const DATA = FIELDS.indexOf('data');
/** Updates of this many differently shaped column sets get their own statement; others set every column. */
const MAX_UPDATE_SHAPES = 256;
/** Live items remembered at most; beyond it the first remembered are forgotten first (and read again). */
const CACHE_LIMIT = 20_000;

interface Cached {
  stored: StoredItem;
  /** the row as stored, in FIELDS order */
  values: unknown[];
  /** where the row is: an update finds it without a lookup by workitemId */
  rowid: number | bigint;
}

/** Items that will not change again (short of archiving) need not stay in memory. */
function isSettled(s: StoredItem): boolean {
  return s.archived || s.item.state === 'dispositioned' || s.item.state === 'closed';
}

/** The statement behind ItemStore#snapshotPage (exported so a test can keep its query plan honest). */
export function snapshotPageSql(visibleSql: string): string {
  return `SELECT workitemId, data FROM items WHERE +tenant = ? AND +archived = 0 AND workitemId > ? AND (${visibleSql}) ORDER BY workitemId LIMIT ?`;
}

export class ItemStore {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly liveStmt;
  private readonly conversationAgentsStmt;
  /** snapshot statements by their visibility SQL (a handful: one per distinct set of teams and queues) */
  private readonly snapshotStmts = new Map<string, Database.Statement>();
  /** UPDATE statements by the FIELDS indexes they set ("3,8,29") */
  private readonly updateShapes = new Map<string, Database.Statement>();
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: Db,
    private readonly tenant: string,
  ) {
    this.insertStmt = db.prepare(`INSERT INTO items (${FIELDS.join(', ')}) VALUES (${FIELDS.map(() => '?').join(', ')})`);
    this.updateStmt = db.prepare(
      `UPDATE items SET ${FIELDS.filter((f) => f !== 'workitemId' && f !== 'tenant').map((f) => `${f} = @${f}`).join(', ')} WHERE workitemId = @workitemId AND tenant = @tenant`,
    );
    this.getStmt = db.prepare<[string, string], Row & { rowid: number }>(`SELECT rowid, ${COLUMNS} FROM items WHERE workitemId = ? AND tenant = ?`);
    this.liveStmt = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM items WHERE tenant = ? AND state NOT IN ('dispositioned', 'closed') AND archived = 0`);
    this.conversationAgentsStmt = db.prepare<[string, string], { agentUsername: string }>(
      // `+`: look the conversation up by its index; left alone, the planner scans the tenant's assigned items.
      `SELECT DISTINCT agentUsername FROM items WHERE +tenant = ? AND conversationId = ? AND +agentUsername IS NOT NULL AND state NOT IN ('dispositioned', 'closed')`,
    );
  }

  /** Returns the item's JSON, for events to reuse. */
  insert(s: StoredItem): string {
    const json = JSON.stringify(s.item);
    const values = rowValues(this.tenant, s, json);
    const { lastInsertRowid } = this.insertStmt.run(values);
    this.remember(s, values, lastInsertRowid);
    return json;
  }

  /** Store a changed item: only the columns that differ from the stored row are written. */
  update(s: StoredItem): string {
    const json = JSON.stringify(s.item);
    const values = rowValues(this.tenant, s, json);
    const cached = this.cache.get(s.item.workitemId);
    if (cached === undefined) {
      // Not remembered (its rowid is unknown): the next read remembers it.
      this.updateStmt.run(params(this.tenant, s, json));
      return json;
    }
    const previous = cached.values;
    const changed: number[] = [];
    for (let f = 0; f < values.length; f++) if (f !== WORKITEM_ID && f !== TENANT && values[f] !== previous[f]) changed.push(f);
    if (changed.length > 0) {
      const statement = this.updateShape(changed);
      let written = false;
      if (statement !== undefined) {
        const args = changed.map((f) => values[f]);
        args.push(cached.rowid, values[WORKITEM_ID]);
        written = statement.run(args).changes === 1;
      }
      // Too many shapes, or the row is not where it was (it never moves while we run; if it did, the
      // full update by workitemId still finds it).
      if (!written) this.updateStmt.run(params(this.tenant, s, json));
    }
    this.remember(s, values, cached.rowid);
    return json;
  }

  get(workitemId: string): StoredItem | undefined {
    const hit = this.cache.get(workitemId);
    if (hit !== undefined) return hit.stored;
    const row = this.getStmt.get(workitemId, this.tenant);
    if (!row) return undefined;
    const stored = fromRow(row);
    this.remember(stored, rowValues(this.tenant, stored, row.data), row.rowid);
    return stored;
  }

  /** Forget every remembered row (a change rolled back: memory may be ahead of the database). */
  clearCache(): void {
    this.cache.clear();
  }

  /**
   * The JSON text `item` (this very object) was last stored or read as, so an answer need not serialise
   * it again; undefined when unknown (then serialise it).
   */
  jsonOf(item: WorkItem): string | undefined {
    const cached = this.cache.get(item.workitemId);
    return cached !== undefined && cached.stored.item === item ? (cached.values[DATA] as string) : undefined;
  }

  private remember(s: StoredItem, values: unknown[], rowid: number | bigint): void {
    const id = s.item.workitemId;
    if (isSettled(s)) {
      this.cache.delete(id);
      return;
    }
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      cached.stored = s;
      cached.values = values;
      cached.rowid = rowid;
      return;
    }
    this.cache.set(id, { stored: s, values, rowid });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
  }

  /** The statement that sets exactly `changed` (FIELDS indexes), or undefined when too many shapes exist. */
  private updateShape(changed: number[]): Database.Statement | undefined {
    const key = changed.join(',');
    let statement = this.updateShapes.get(key);
    if (statement === undefined) {
      if (this.updateShapes.size >= MAX_UPDATE_SHAPES) return undefined;
      statement = this.db.prepare(`UPDATE items SET ${changed.map((f) => `${FIELDS[f]} = ?`).join(', ')} WHERE rowid = ? AND workitemId = ?`);
      this.updateShapes.set(key, statement);
    }
    return statement;
  }

  /** Every item that may still change: what the router and the scheduler rebuild from on start. */
  *live(): IterableIterator<StoredItem> {
    for (const row of this.liveStmt.iterate(this.tenant)) yield fromRow(row);
  }

  agentsInConversation(conversationId: string): string[] {
    return this.conversationAgentsStmt.all(this.tenant, conversationId).map((r) => r.agentUsername);
  }

  /**
   * One page of a snapshot: items after `after` in workitemId order (keyset paging on the primary key — no
   * COUNT, no OFFSET), as their stored JSON text. `visible` is a WHERE fragment from service/access.
   * `+tenant`/`+archived` keep the planner on the primary-key index, which reads the page in order
   * instead of scanning a tenant index and sorting.
   */
  snapshotPage(visible: { sql: string; params: readonly unknown[] }, after: string, limit: number): { ids: string[]; data: string[] } {
    const sql = snapshotPageSql(visible.sql);
    let stmt = this.snapshotStmts.get(sql);
    if (!stmt) {
      if (this.snapshotStmts.size > 100) this.snapshotStmts.clear();
      stmt = this.db.prepare(sql).raw();
      this.snapshotStmts.set(sql, stmt);
    }
    const rows = stmt.all(this.tenant, after, ...visible.params, limit) as [string, string][];
    return { ids: rows.map((row) => row[0]), data: rows.map((row) => row[1]) };
  }

  /** Like `page`, but the items stay the JSON text they are stored as (no parse, no re-serialisation). */
  pageJson(where: string, whereParams: unknown[], orderBy: string, rows: number, start: number): { total: number; data: string[] } {
    const total = (this.db.prepare(`SELECT count(*) AS n FROM items WHERE tenant = ? AND archived = 0 AND (${where})`).get(this.tenant, ...whereParams) as { n: number }).n;
    const data =
      rows === 0
        ? []
        : (this.db.prepare(`SELECT data FROM items WHERE tenant = ? AND archived = 0 AND (${where}) ORDER BY ${orderBy} LIMIT ? OFFSET ?`).pluck().all(this.tenant, ...whereParams, rows, start) as string[]);
    return { total, data };
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
