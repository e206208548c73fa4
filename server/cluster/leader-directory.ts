/**
 * Where the routing node is, for a follower that forwards to it (cluster/follower-proxy.ts): the leader
 * row's URL, but only while the session that wrote it still holds the lock — a row left by a dead leader
 * reads as "no leader" (the caller answers 503 with Retry-After), never as a URL that will not answer.
 * Read every `pollMs` on a small pool and cached in between, so requests never wait on PostgreSQL.
 */
import pg from 'pg';
import { LEADER_LOCK_KEY } from './leadership';

/**
 * `forwardSecret`: what a follower sends with the client address it vouches for (X-Switchboard-Client), so
 * the routing node counts logins per real client; only nodes can read it (it lives in PostgreSQL).
 */
export type LeaderInfo = { url: string; epoch: number; forwardSecret: string };

const LIVE_LEADER = `SELECT l.node_url, l.epoch, l.forward_secret FROM switchboard_cluster_leader l
  WHERE l.id = 1 AND EXISTS (
    SELECT 1 FROM pg_locks k
    WHERE k.locktype = 'advisory' AND k.granted AND k.pid = l.backend_pid
      AND k.classid = 0 AND k.objid = $1 AND k.objsubid = 1
      AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;

export class LeaderDirectory {
  private current: LeaderInfo | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly pool: pg.Pool;
  private readonly listeners = new Set<(leader: LeaderInfo | null) => void>();

  constructor(url: string, private readonly pollMs = 250) {
    this.pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'switchboard-directory' });
    this.pool.on('error', () => undefined); // an idle connection dropped: the next read reconnects
  }

  /** The live leader as last read (null: none known). */
  get leader(): LeaderInfo | null {
    return this.current;
  }

  /** Told whenever the leader changes (another URL or epoch, or none). */
  onChange(listener: (leader: LeaderInfo | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads once now, then every pollMs. */
  async start(): Promise<void> {
    await this.refresh();
    const tick = () => {
      this.timer = setTimeout(() => {
        // refresh never rejects (a failed read is "no leader")
        void this.refresh().then(() => {
          if (this.timer !== null) tick();
        });
      }, this.pollMs);
    };
    tick();
  }

  async refresh(): Promise<LeaderInfo | null> {
    let next: LeaderInfo | null;
    try {
      const result = await this.pool.query<{ node_url: string; epoch: string; forward_secret: string }>(LIVE_LEADER, [LEADER_LOCK_KEY]);
      const row = result.rows[0];
      next = row ? { url: row.node_url, epoch: Number(row.epoch), forwardSecret: row.forward_secret } : null;
    } catch {
      // no table yet (no node ever led) is "no leader"; so is PostgreSQL unreachable: nobody can route then
      next = null;
    }
    if (next?.url !== this.current?.url || next?.epoch !== this.current?.epoch) {
      this.current = next;
      for (const listener of [...this.listeners]) listener(next);
    }
    return next;
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.pool.end().catch(() => undefined);
  }
}
