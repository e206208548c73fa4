/**
 * The event log. Each event gets the tenant's next `seq` (a counter row bumped in the same transaction as
 * the change it reports, so a seq is never reused or skipped) and is stored with its audience — who may
 * see it. The JSON is built once here and the same string goes to the log and to every live socket.
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
  private readonly bumpStmt;
  private readonly insertStmt;
  private readonly replayStmt;
  private readonly lastStmt;

  constructor(
    db: Db,
    private readonly tenant: string,
  ) {
    db.prepare(`INSERT OR IGNORE INTO event_seq (tenant, lastSeq) VALUES (?, 0)`).run(tenant);
    this.bumpStmt = db.prepare<[string], { lastSeq: number }>(`UPDATE event_seq SET lastSeq = lastSeq + 1 WHERE tenant = ? RETURNING lastSeq`);
    this.insertStmt = db.prepare(`INSERT INTO events (tenant, seq, type, at, audience, body) VALUES (?, ?, ?, ?, ?, ?)`);
    this.replayStmt = db.prepare<[string, number], { seq: number; audience: string; body: string }>(
      `SELECT seq, audience, body FROM events WHERE tenant = ? AND seq > ? ORDER BY seq`,
    );
    this.lastStmt = db.prepare<[string], { lastSeq: number }>(`SELECT lastSeq FROM event_seq WHERE tenant = ?`);
  }

  /** Append inside the caller's transaction. `audience`: principals such as agent:alice, queue:support. */
  append(type: EventType, at: number, audience: readonly string[], payload: EventPayload, rawItem?: string): StoredEvent {
    const seq = this.bumpStmt.get(this.tenant)!.lastSeq;
    // The item is usually serialised already (for its row): splice that JSON in rather than redo it.
    const head = JSON.stringify({ seq, type, at, ...payload });
    const body = rawItem === undefined ? head : `${head.slice(0, -1)},"workitem":${rawItem}}`;
    this.insertStmt.run(this.tenant, seq, type, at, audience.join(' '), body);
    return { seq, audience, body };
  }

  lastSeq(): number {
    return this.lastStmt.get(this.tenant)?.lastSeq ?? 0;
  }

  *after(since: number): IterableIterator<StoredEvent> {
    for (const row of this.replayStmt.iterate(this.tenant, since)) {
      yield { seq: row.seq, audience: row.audience === '' ? [] : row.audience.split(' '), body: row.body };
    }
  }
}
