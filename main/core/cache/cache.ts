/**
 * The desktop's cache of what the agent sees: work items (current ones and a history window), queue
 * figures, disposition codes, presence, user settings and the sync position. Only sync, the outbox and the
 * core write it; the renderer reads it through the core's operations.
 *
 * Items are applied by `version`: an older version never overwrites a newer one, so events, snapshot
 * pages and action answers may arrive in any order.
 */
import type Database from 'better-sqlite3';
import type { AgentPresence, DispositionCodes, QueueFigures } from '../../../common/api';
import { FINAL_STATES } from '../../../common/vocabulary';
import type { WorkItem } from '../../../common/workitem';
import type { InboxQuery } from '../../../common/desktop-api';
import { buildInboxQuery, FTS_SCAN_ABOVE_MATCHES } from './inbox-query';
import { INBOX_INDEXES } from './inbox-indexes';
import { ITEM_COLUMNS, itemToValues, readCachedItem } from './item-row';
import { MessageStore } from './message-store';

export type SyncState = { username: string | null; lastSeq: number | null; snapshotAt: number | null };
export type InboxPage = { total: number; start: number; rows: number; items: WorkItem[] };

const DAY_MS = 86_400_000;
/** How long final (dispositioned, closed) items stay in the cache for the agent's history. */
export const DEFAULT_HISTORY_DAYS = 14;

const insertColumns = ITEM_COLUMNS.join(', ');
// Positional parameters: binding 28 named ones costs more than the insert itself on a 100k-item sync.
const insertValues = ITEM_COLUMNS.map(() => '?').join(', ');
const updateSet = ITEM_COLUMNS.filter((c) => c !== 'workitemId')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export class Cache {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly upsertNewer: Database.Statement;
  private readonly upsertForced: Database.Statement;
  private readonly selectItem: Database.Statement;
  private readonly selectVersion: Database.Statement;
  /** chat messages, by conversation (see message-store.ts) */
  readonly messages: MessageStore;

  constructor(readonly db: Database.Database) {
    this.messages = new MessageStore(db);
    // A newer version wins; so does the same version with other content — the platform's answer to an
    // optimistic change carries the version the guess had. The same version with the same content is
    // left alone, so a re-snapshot does not rewrite 100k unchanged rows.
    this.upsertNewer = db.prepare(
      `INSERT INTO items (${insertColumns}) VALUES (${insertValues})
       ON CONFLICT(workitemId) DO UPDATE SET ${updateSet}
       WHERE excluded.version > items.version OR (excluded.version = items.version AND excluded.data <> items.data)`,
    );
    this.upsertForced = db.prepare(
      `INSERT INTO items (${insertColumns}) VALUES (${insertValues}) ON CONFLICT(workitemId) DO UPDATE SET ${updateSet}`,
    );
    this.selectItem = db.prepare('SELECT data FROM items WHERE workitemId = ?').pluck();
    this.selectVersion = db.prepare('SELECT version FROM items WHERE workitemId = ?').pluck();
  }

  /** Bumped by every write to items: inbox totals are reused until it changes. */
  private generation = 0;
  private readonly totals = new Map<string, { generation: number; total: number }>();

  /** Run `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    this.generation += 1;
    return this.db.transaction(fn)();
  }

  /**
   * Bulk mode for a big snapshot: the full-text triggers stand aside and the inbox indexes are dropped,
   * and `endBulkLoad` builds both in one pass each. Kept up row by row, they cost most of a 100k-item
   * sync: every page's commit rewrites the index pages its randomly ordered keys touched. Meanwhile the
   * inbox still works (scans instead of index reads; full-text search finds only older items). A crash
   * in between leaves the flag set; `open` rebuilds then (see repairDeferredFts).
   */
  beginBulkLoad(): void {
    this.transaction(() => {
      this.db.prepare('UPDATE fts_control SET deferred = 1 WHERE id = 1').run();
      for (const index of INBOX_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${index.name}`);
    });
  }

  endBulkLoad(): void {
    this.transaction(() => {
      for (const index of INBOX_INDEXES) this.db.exec(index.sql.replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS'));
      this.db.prepare("INSERT INTO items_fts(items_fts) VALUES ('rebuild')").run();
      this.db.prepare('UPDATE fts_control SET deferred = 0 WHERE id = 1').run();
    });
    // Statistics from a sample: a full ANALYZE of 100k rows would cost as much as building an index.
    this.db.pragma('analysis_limit = 1000');
    this.db.exec('ANALYZE');
  }

  /** After a crash in bulk mode: bring the full-text index back in step. */
  repairDeferredFts(): boolean {
    const deferred = this.db.prepare('SELECT deferred FROM fts_control WHERE id = 1').pluck().get() as number;
    if (deferred !== 1) return false;
    this.endBulkLoad();
    return true;
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size > 200) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // ---- items --------------------------------------------------------------------------------------------

  /** Apply items by version; returns the ones that changed the cache (older versions are skipped). */
  upsertItems(items: readonly WorkItem[]): WorkItem[] {
    return this.transaction(() => items.filter((item) => this.upsertNewer.run(itemToValues(item)).changes > 0));
  }

  /**
   * A snapshot page, applied by version in one transaction: each item with the platform's JSON text as
   * `data`, as it came (checked with itemRowProblem; fully validated when read). `entries` may parse as it
   * is iterated; an error thrown from it rolls the page back. Returns every id written, how many items
   * changed the cache, and the first `keepChanged` of those (a big snapshot needs only the count).
   */
  upsertSnapshotItems(entries: Iterable<{ item: WorkItem; data: string }>, keepChanged = Infinity): { ids: string[]; changed: WorkItem[]; changedCount: number } {
    return this.transaction(() => {
      const ids: string[] = [];
      const changed: WorkItem[] = [];
      let changedCount = 0;
      for (const { item, data } of entries) {
        ids.push(item.workitemId);
        if (this.upsertNewer.run(itemToValues(item, data)).changes > 0 && ++changedCount <= keepChanged) changed.push(item);
      }
      return { ids, changed, changedCount };
    });
  }

  upsertItem(item: WorkItem): boolean {
    this.generation += 1;
    return this.upsertNewer.run(itemToValues(item)).changes > 0;
  }

  /** Write `item` whatever the cached version: rolling back an optimistic change, or the platform's truth. */
  replaceItem(item: WorkItem): void {
    this.generation += 1;
    this.upsertForced.run(itemToValues(item));
  }

  getItem(workitemId: string): WorkItem | null {
    const data = this.selectItem.get(workitemId) as string | undefined;
    return data === undefined ? null : readCachedItem(data);
  }

  cachedVersion(workitemId: string): number | null {
    return (this.selectVersion.get(workitemId) as number | undefined) ?? null;
  }

  removeItems(ids: readonly string[]): number {
    const del = this.statement('DELETE FROM items WHERE workitemId = ?');
    return this.transaction(() => ids.reduce((n, id) => n + del.run(id).changes, 0));
  }

  countItems(): number {
    return this.statement('SELECT count(*) FROM items').pluck().get() as number;
  }

  /** Remove every item whose id is not in `keep` (after a full snapshot); returns the removed ids. */
  removeItemsNotIn(keep: ReadonlySet<string>, except: (id: string) => boolean = () => false): string[] {
    const ids = this.statement('SELECT workitemId FROM items').pluck().all() as string[];
    const gone = ids.filter((id) => !keep.has(id) && !except(id));
    if (gone.length > 0) this.transaction(() => {
      this.removeItems(gone);
      this.messages.pruneOrphans();
    });
    return gone;
  }

  /** Drop final items older than the history window; returns the removed ids. */
  pruneHistory(now: number, days = DEFAULT_HISTORY_DAYS): string[] {
    const cutoff = now - days * DAY_MS;
    const states = FINAL_STATES.map(() => '?').join(', ');
    return this.transaction(() => {
      const ids = this.statement(
        `SELECT workitemId FROM items WHERE state IN (${states})
           AND coalesce(dispositionedAt, terminatedAt, createdAt) < ?`,
      )
        .pluck()
        .all(...FINAL_STATES, cutoff) as string[];
      if (ids.length > 0) {
        this.removeItems(ids);
        this.messages.pruneOrphans();
      }
      return ids;
    });
  }

  /** The inbox: the query language (common/query) plus full-text `text`, sorted and paged, all local. */
  listInbox(query: InboxQuery, now: number): InboxPage {
    let built = buildInboxQuery(query, now);
    if (built.fts !== null) {
      const matches = this.cachedCount('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?', [built.fts]);
      if (matches > FTS_SCAN_ABOVE_MATCHES) built = buildInboxQuery(query, now, 'scan');
    }
    const total = this.cachedCount(built.countSql, built.params);

    const keys = this.statement(built.pageSql).pluck().all(...built.params, query.rows, query.start) as number[];
    const byKey = this.statement('SELECT data FROM items WHERE rowKey = ?').pluck();
    const items: WorkItem[] = [];
    for (const key of keys) {
      const item = readCachedItem(byKey.get(key) as string);
      if (item) items.push(item);
    }
    return { total, start: query.start, rows: items.length, items };
  }

  /**
   * Counting every match is the dear part of a page; scrolling through one filter reuses the total
   * until the items change.
   */
  private cachedCount(sql: string, params: unknown[]): number {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    const known = this.totals.get(key);
    if (known && known.generation === this.generation) return known.total;
    const total = this.statement(sql).pluck().get(...params) as number;
    if (this.totals.size > 200) this.totals.clear();
    this.totals.set(key, { generation: this.generation, total });
    return total;
  }

  /** The Outbound section: callbacks and outbound calls offered to this agent, ready to dial or skip. */
  listOutbound(username: string): WorkItem[] {
    return (
      this.statement(
        `SELECT data FROM items WHERE agentUsername = ? AND state = 'offered'
           AND (type = 'callback' OR direction = 'OUTBOUND') ORDER BY priority, createdAt`,
      )
        .pluck()
        .all(username) as string[]
    )
      .map(readCachedItem)
      .filter((item): item is WorkItem => item !== null);
  }

  /** Inbound offers to this agent still open at `now` (outbound items wait in the Outbound section instead). */
  listOpenOffers(username: string, now: number): WorkItem[] {
    return (
      this.statement(
        `SELECT data FROM items WHERE agentUsername = ? AND state = 'offered'
           AND NOT (type = 'callback' OR direction = 'OUTBOUND')`,
      )
        .pluck()
        .all(username) as string[]
    )
      .map(readCachedItem)
      .filter((item): item is WorkItem => item !== null && item.offerExpiresAt !== null && item.offerExpiresAt > now)
      .sort((a, b) => (a.offerExpiresAt ?? 0) - (b.offerExpiresAt ?? 0));
  }

  /** The agent's items that are not final (few: what is offered, active, held or in wrap-up). */
  listLiveItems(username: string): WorkItem[] {
    const states = FINAL_STATES.map(() => '?').join(', ');
    return (this.statement(`SELECT data FROM items WHERE agentUsername = ? AND state NOT IN (${states})`).pluck().all(username, ...FINAL_STATES) as string[])
      .map(readCachedItem)
      .filter((item): item is WorkItem => item !== null);
  }

  // ---- queues, dispositions, presence ---------------------------------------------------------------------

  replaceQueues(queues: readonly QueueFigures[], now: number): void {
    this.transaction(() => {
      this.statement('DELETE FROM queues').run();
      for (const queue of queues) this.upsertQueue(queue, now);
    });
  }

  upsertQueue(queue: QueueFigures, now: number): void {
    this.statement(
      'INSERT INTO queues (queueId, data, updatedAt) VALUES (?, ?, ?) ON CONFLICT(queueId) DO UPDATE SET data = excluded.data, updatedAt = excluded.updatedAt',
    ).run(queue.queueId, JSON.stringify(queue), now);
  }

  listQueues(): QueueFigures[] {
    return (this.statement('SELECT data FROM queues ORDER BY queueId').pluck().all() as string[]).map((d) => JSON.parse(d) as QueueFigures);
  }

  saveDispositions(codes: DispositionCodes, now: number): void {
    this.statement(
      'INSERT INTO dispositions (queueKey, data, updatedAt) VALUES (?, ?, ?) ON CONFLICT(queueKey) DO UPDATE SET data = excluded.data, updatedAt = excluded.updatedAt',
    ).run(codes.queueId ?? '', JSON.stringify(codes), now);
  }

  getDispositions(queueId: string | null): DispositionCodes | null {
    const data = this.statement('SELECT data FROM dispositions WHERE queueKey = ?').pluck().get(queueId ?? '') as string | undefined;
    return data === undefined ? null : (JSON.parse(data) as DispositionCodes);
  }

  savePresence(presence: AgentPresence): void {
    this.statement('INSERT INTO presence (username, data) VALUES (?, ?) ON CONFLICT(username) DO UPDATE SET data = excluded.data').run(
      presence.username,
      JSON.stringify(presence),
    );
  }

  getPresence(username: string): AgentPresence | null {
    const data = this.statement('SELECT data FROM presence WHERE username = ?').pluck().get(username) as string | undefined;
    return data === undefined ? null : (JSON.parse(data) as AgentPresence);
  }

  // ---- settings -----------------------------------------------------------------------------------------

  getSettings(): Record<string, unknown> {
    const rows = this.statement('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
  }

  setSetting(key: string, value: unknown): void {
    this.statement('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      JSON.stringify(value),
    );
  }

  // ---- sync state ---------------------------------------------------------------------------------------

  getSyncState(): SyncState {
    return this.statement('SELECT username, lastSeq, snapshotAt FROM sync_state WHERE id = 1').get() as SyncState;
  }

  setLastSeq(seq: number): void {
    this.statement('UPDATE sync_state SET lastSeq = ? WHERE id = 1').run(seq);
  }

  /** A different agent, or a fresh start: forget every item, figure and position of the previous one. */
  resetForUser(username: string | null): void {
    this.transaction(() => {
      this.statement('DELETE FROM items').run();
      this.statement('DELETE FROM queues').run();
      this.statement('DELETE FROM dispositions').run();
      this.statement('DELETE FROM presence').run();
      this.messages.clear();
      this.statement('UPDATE sync_state SET username = ?, lastSeq = NULL, snapshotAt = NULL WHERE id = 1').run(username);
    });
  }

  markSnapshot(at: number, lastSeq: number | null): void {
    this.statement('UPDATE sync_state SET snapshotAt = ?, lastSeq = ? WHERE id = 1').run(at, lastSeq);
  }

  close(): void {
    try {
      this.db.pragma('optimize');
    } finally {
      this.db.close();
    }
  }
}
