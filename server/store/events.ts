/**
 * The event log. Each event gets the tenant's next `seq` and is stored with its audience — who may see it.
 * The counter lives in memory while the process runs. Events are held in memory until their transaction
 * is about to commit (`flush`, just before COMMIT), then written together — several rows per INSERT —
 * with the counter row, so a seq is still never reused or skipped: the row and the events commit
 * together, and a rolled-back change gives its numbers (and its unwritten events) back (`rewind`). The
 * JSON is built once here and the same string goes to the log and to every live socket.
 */
import type { EventType } from '../../common/api';
import type Database from 'better-sqlite3';
import type { Db } from '../db/database';

export interface StoredEvent {
  seq: number;
  audience: readonly string[];
  body: string;
}

export type EventPayload = Record<string, unknown>;

/** Rows per multi-row INSERT (6 parameters each, far below SQLite's limit). */
const ROWS_PER_INSERT = 64;

interface PendingRow {
  seq: number;
  type: EventType;
  at: number;
  audience: string;
  body: string;
}

export class EventLog {
  private readonly saveSeqStmt;
  /** multi-row INSERT statements by their row count (prepared when first needed) */
  private readonly insertStmts = new Map<number, Database.Statement>();
  /** appended, not yet written: in seq order */
  private pending: PendingRow[] = [];
  private readonly replayStmt;
  private readonly lastStmt;
  /** the last seq handed out (committed or not) */
  private last: number;
  /** the last seq written to the counter row */
  private saved: number;

  constructor(
    private readonly db: Db,
    private readonly tenant: string,
  ) {
    db.prepare(`INSERT OR IGNORE INTO event_seq (tenant, lastSeq) VALUES (?, 0)`).run(tenant);
    this.saveSeqStmt = db.prepare(`UPDATE event_seq SET lastSeq = ? WHERE tenant = ?`);
    this.replayStmt = db.prepare<[string, number], { seq: number; audience: string; body: string }>(
      `SELECT seq, audience, body FROM events WHERE tenant = ? AND seq > ? ORDER BY seq`,
    );
    // The highest stored event counts too: the counter can never fall behind the log.
    this.lastStmt = db.prepare<[string, string], { lastSeq: number }>(
      `SELECT max(coalesce((SELECT lastSeq FROM event_seq WHERE tenant = ?), 0), coalesce((SELECT max(seq) FROM events WHERE tenant = ?), 0)) AS lastSeq`,
    );
    this.last = this.lastSeq();
    this.saved = this.last;
  }

  /**
   * Append to the caller's transaction (written by `flush` before it commits). `audience`: principals such
   * as agent:alice, queue:support.
   */
  append(type: EventType, at: number, audience: readonly string[], payload: EventPayload, rawItem?: string): StoredEvent {
    const seq = this.last + 1;
    // `{"seq":…,"type":…,"at":…, payload…, "workitem":…}`. The item is usually serialised already (for its
    // row): its JSON is spliced in rather than built again. (Event types need no escaping.)
    const rest = JSON.stringify(payload);
    const body = `{"seq":${seq},"type":"${type}","at":${at}${rest.length > 2 ? `,${rest.slice(1, -1)}` : ''}${rawItem === undefined ? '' : `,"workitem":${rawItem}`}}`;
    this.pending.push({ seq, type, at, audience: audience.join(' '), body });
    this.last = seq;
    return { seq, audience, body };
  }

  /** The last seq handed out, committed or not (a mark to `rewind` to). */
  get handedOut(): number {
    return this.last;
  }

  /** The events after `seq` were rolled back: hand their numbers out again. */
  rewind(seq: number): void {
    this.last = seq;
    let keep = this.pending.length;
    while (keep > 0 && this.pending[keep - 1].seq > seq) keep--;
    this.pending.length = keep;
    if (this.saved > seq) this.saved = seq;
  }

  /** Write the pending events and the counter row; call inside the transaction, just before it commits. */
  flush(): void {
    const rows = this.pending;
    this.pending = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const args: unknown[] = [];
      for (const r of chunk) args.push(this.tenant, r.seq, r.type, r.at, r.audience, r.body);
      this.insertOf(chunk.length).run(args);
    }
    if (this.saved === this.last) return;
    this.saveSeqStmt.run(this.last, this.tenant);
    this.saved = this.last;
  }

  private insertOf(rows: number): Database.Statement {
    let statement = this.insertStmts.get(rows);
    if (statement === undefined) {
      statement = this.db.prepare(`INSERT INTO events (tenant, seq, type, at, audience, body) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`);
      this.insertStmts.set(rows, statement);
    }
    return statement;
  }

  /** The last seq stored in the database. */
  lastSeq(): number {
    return this.lastStmt.get(this.tenant, this.tenant)?.lastSeq ?? 0;
  }

  *after(since: number): IterableIterator<StoredEvent> {
    for (const row of this.replayStmt.iterate(this.tenant, since)) {
      yield { seq: row.seq, audience: row.audience === '' ? [] : row.audience.split(' '), body: row.body };
    }
  }
}
