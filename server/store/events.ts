/**
 * The event log. Each event gets the tenant's next `seq` and is stored with its audience — who may see it.
 * The counter lives in memory while the process runs and is written to its row once per transaction
 * (`flushSeq`, just before COMMIT), so a seq is still never reused or skipped: the row and the events
 * commit together, and a rolled-back change gives its numbers back (`rewind`). The JSON is built once here
 * and the same string goes to the log and to every live socket.
 */
import type { EventType } from '../../common/api';
import type { Db } from '../db/database';

export interface StoredEvent {
  seq: number;
  audience: readonly string[];
  body: string;
}

export type EventPayload = Record<string, unknown>;

export class EventLog {
  private readonly saveSeqStmt;
  private readonly insertStmt;
  private readonly replayStmt;
  private readonly lastStmt;
  /** the last seq handed out (committed or not) */
  private last: number;
  /** the last seq written to the counter row */
  private saved: number;

  constructor(
    db: Db,
    private readonly tenant: string,
  ) {
    db.prepare(`INSERT OR IGNORE INTO event_seq (tenant, lastSeq) VALUES (?, 0)`).run(tenant);
    this.saveSeqStmt = db.prepare(`UPDATE event_seq SET lastSeq = ? WHERE tenant = ?`);
    this.insertStmt = db.prepare(`INSERT INTO events (tenant, seq, type, at, audience, body) VALUES (?, ?, ?, ?, ?, ?)`);
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

  /** Append inside the caller's transaction. `audience`: principals such as agent:alice, queue:support. */
  append(type: EventType, at: number, audience: readonly string[], payload: EventPayload, rawItem?: string): StoredEvent {
    const seq = this.last + 1;
    // `{"seq":…,"type":…,"at":…, payload…, "workitem":…}`. The item is usually serialised already (for its
    // row): its JSON is spliced in rather than built again. (Event types need no escaping.)
    const rest = JSON.stringify(payload);
    const body = `{"seq":${seq},"type":"${type}","at":${at}${rest.length > 2 ? `,${rest.slice(1, -1)}` : ''}${rawItem === undefined ? '' : `,"workitem":${rawItem}`}}`;
    this.insertStmt.run(this.tenant, seq, type, at, audience.join(' '), body);
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
    if (this.saved > seq) this.saved = seq;
  }

  /** Write the counter row; call inside the transaction, just before it commits. */
  flushSeq(): void {
    if (this.saved === this.last) return;
    this.saveSeqStmt.run(this.last, this.tenant);
    this.saved = this.last;
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
