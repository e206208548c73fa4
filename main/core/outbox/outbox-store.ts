/**
 * outbox.db: agent actions waiting for the platform, and the session. Separate from the cache so that
 * rebuilding a damaged cache never loses an action.
 *
 * `synchronous = FULL` here (the cache uses NORMAL): an action the agent was told is saved must survive
 * a power cut, and in WAL mode NORMAL may lose the last commits on power loss. Each enqueue is one small
 * commit, so the extra fsync costs little.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { IceServerSchema, SipCredentialsSchema, type AgentSummary, type IceServer, type SipCredentials } from '../../../common/api';
import { migrate } from '../sqlite/migrate';
import { OUTBOX_MIGRATIONS } from './migrations';

export type OutboxRow = {
  seq: number;
  idempotencyKey: string;
  username: string;
  operation: string;
  workitemId: string | null;
  request: unknown;
  beforeItem: unknown;
  placeholderId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
};

export type NewOutboxRow = Pick<OutboxRow, 'idempotencyKey' | 'username' | 'operation' | 'workitemId' | 'request' | 'beforeItem' | 'placeholderId' | 'createdAt'>;

/**
 * Who signed in, to which platform, and what the login answer gave besides the token (which lives in the
 * TokenStore): the SIP registration and the ICE servers, when the platform sent them.
 */
export type StoredSession = { platformUrl: string; username: string; agent: AgentSummary; sip?: SipCredentials; iceServers?: IceServer[] };

type SessionRow = { platformUrl: string; username: string; agent: string; sip: string | null; iceServers: string | null };

/** A stored JSON column checked against its schema; a value this build cannot read counts as absent. */
function readJson<S extends z.ZodType>(text: string | null, schema: S): z.infer<S> | undefined {
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // not JSON: absent, as the doc comment says (the next sign-in writes it again)
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

type RawRow = Omit<OutboxRow, 'request' | 'beforeItem'> & { request: string; beforeItem: string | null };

export class OutboxStore {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Unlike the cache, a damaged outbox is never thrown away silently: opening fails with a clear error
   * naming the file, because it may hold actions nobody else has.
   */
  static open(file: string): OutboxStore {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, OUTBOX_MIGRATIONS);
    } catch (error) {
      db.close();
      throw new Error(`the outbox file ${file} cannot be opened: ${(error as Error).message}`);
    }
    return new OutboxStore(db);
  }

  add(row: NewOutboxRow): OutboxRow {
    const info = this.db
      .prepare(
        `INSERT INTO outbox (idempotencyKey, username, operation, workitemId, request, beforeItem, placeholderId, createdAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.idempotencyKey,
        row.username,
        row.operation,
        row.workitemId,
        JSON.stringify(row.request),
        row.beforeItem === null || row.beforeItem === undefined ? null : JSON.stringify(row.beforeItem),
        row.placeholderId,
        row.createdAt,
      );
    return { ...row, seq: Number(info.lastInsertRowid), attempts: 0, lastError: null };
  }

  /** The oldest pending action of `username`: actions are sent strictly in the order they were taken. */
  head(username: string): OutboxRow | null {
    const raw = this.db.prepare('SELECT * FROM outbox WHERE username = ? ORDER BY seq LIMIT 1').get(username) as RawRow | undefined;
    return raw ? decode(raw) : null;
  }

  all(username?: string): OutboxRow[] {
    const raws = (username === undefined
      ? this.db.prepare('SELECT * FROM outbox ORDER BY seq').all()
      : this.db.prepare('SELECT * FROM outbox WHERE username = ? ORDER BY seq').all(username)) as RawRow[];
    return raws.map(decode);
  }

  count(username?: string): number {
    return (username === undefined
      ? this.db.prepare('SELECT count(*) FROM outbox').pluck().get()
      : this.db.prepare('SELECT count(*) FROM outbox WHERE username = ?').pluck().get(username)) as number;
  }

  recordAttempt(seq: number, error: string | null): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, lastError = ? WHERE seq = ?').run(error, seq);
  }

  remove(seq: number): void {
    this.db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
  }

  /**
   * A create the platform confirmed: remove it and point the actions queued behind it at the item's real id
   * (they were taken on its placeholder), in one transaction so a crash cannot leave them aimed at nothing.
   */
  completeCreate(seq: number, placeholderId: string, workitemId: string): void {
    this.db.transaction(() => {
      this.remove(seq);
      this.db
        .prepare(`UPDATE outbox SET workitemId = ?, request = json_set(request, '$.workitemId', ?) WHERE workitemId = ?`)
        .run(workitemId, workitemId, placeholderId);
    })();
  }

  getSession(): StoredSession | null {
    const row = this.db.prepare('SELECT platformUrl, username, agent, sip, iceServers FROM session WHERE id = 1').get() as SessionRow | undefined;
    if (!row) return null;
    const session: StoredSession = { platformUrl: row.platformUrl, username: row.username, agent: JSON.parse(row.agent) as AgentSummary };
    const sip = readJson(row.sip, SipCredentialsSchema);
    const iceServers = readJson(row.iceServers, z.array(IceServerSchema));
    if (sip !== undefined) session.sip = sip;
    if (iceServers !== undefined) session.iceServers = iceServers;
    return session;
  }

  saveSession(session: StoredSession): void {
    this.db
      .prepare(
        `INSERT INTO session (id, platformUrl, username, agent, sip, iceServers) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET platformUrl = excluded.platformUrl, username = excluded.username, agent = excluded.agent,
           sip = excluded.sip, iceServers = excluded.iceServers`,
      )
      .run(
        session.platformUrl,
        session.username,
        JSON.stringify(session.agent),
        session.sip === undefined ? null : JSON.stringify(session.sip),
        session.iceServers === undefined ? null : JSON.stringify(session.iceServers),
      );
  }

  clearSession(): void {
    this.db.prepare('DELETE FROM session').run();
  }

  close(): void {
    this.db.close();
  }
}

function decode(raw: RawRow): OutboxRow {
  return { ...raw, request: JSON.parse(raw.request), beforeItem: raw.beforeItem === null ? null : JSON.parse(raw.beforeItem) };
}
