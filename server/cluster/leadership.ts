/**
 * Which platform node routes (docs/scaling.md "Several nodes"): the one holding a PostgreSQL session-level
 * advisory lock on a connection of its own. PostgreSQL releases the lock when that session ends — the
 * holder exits, is SIGKILLed (the kernel closes its socket) or loses the network (TCP keepalive) — and
 * the next node's `pg_try_advisory_lock` (tried every `pollMs`) succeeds.
 *
 * Fencing: the leader ships its writes on the same session that holds the lock (`fenced`), inside a
 * transaction that first checks the leader row's epoch. A session that lost the lock can therefore write
 * nothing (it is gone), and a stale handle whose epoch was overtaken (another node took over meanwhile)
 * has its transaction refused before it writes anything.
 *
 * The leader row (`switchboard_cluster_leader`) records the epoch, the leader's advertised URL and its
 * backend pid, so followers can find where to forward (cluster/leader-directory.ts) and tell a live
 * leader (its pid still holds the lock) from a row left by a dead one.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The advisory lock's key: one per database, so one leader per platform database. 'SWBD' in ASCII. */
export const LEADER_LOCK_KEY = 0x53574244;

/** Created by whichever node comes first; old and new nodes both use it as it is (no migration needed). */
const CREATE_LEADER_TABLE = `CREATE TABLE IF NOT EXISTS switchboard_cluster_leader (
  id integer PRIMARY KEY CHECK (id = 1),
  epoch bigint NOT NULL,
  node_url text NOT NULL,
  backend_pid integer NOT NULL,
  forward_secret text NOT NULL,
  since timestamptz NOT NULL DEFAULT now()
)`;

export class FencedError extends Error {
  constructor(epoch: number, current: number | null) {
    super(`this node is no longer the routing node (epoch ${epoch}, now ${current ?? 'none'}): nothing was written`);
    this.name = 'FencedError';
  }
}

export type LeadershipOptions = {
  /** postgres://… of the platform's database */
  url: string;
  /** how followers reach this node when it leads (config `cluster.advertiseUrl`) */
  advertiseUrl: string;
  /** how often a waiting node tries the lock */
  pollMs?: number;
  /** stop waiting (the node shuts down): the promise rejects with the signal's reason */
  signal?: AbortSignal;
};

/** This node routes: its session, its epoch, and word when the session is lost. */
export class Leadership {
  private lostListeners = new Set<(error: Error) => void>();
  private lostWith: Error | null = null;
  private released = false;

  constructor(
    private readonly client: pg.Client,
    readonly epoch: number,
    /** new at every takeover: followers show it when they vouch for a client's address (leader-directory.ts) */
    readonly forwardSecret: string,
  ) {
    const lose = (error: Error) => {
      if (this.lostWith !== null || this.released) return;
      this.lostWith = error;
      for (const listener of [...this.lostListeners]) listener(error);
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('the leader session to PostgreSQL ended')));
  }

  /** Called once if the lock's session is lost: the node must stop routing at once (it no longer leads). */
  onLost(listener: (error: Error) => void): () => void {
    if (this.lostWith !== null) queueMicrotask(() => listener(this.lostWith as Error));
    else this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  get lost(): boolean {
    return this.lostWith !== null;
  }

  /**
   * One transaction on the lock's session, refused (FencedError, rolled back) unless this node's epoch is
   * still the leader row's. The row is read FOR SHARE, so no takeover can commit in between.
   */
  async fenced<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    if (this.lostWith !== null) throw new FencedError(this.epoch, null);
    await this.client.query('BEGIN');
    try {
      const row = await this.client.query<{ epoch: string }>('SELECT epoch FROM switchboard_cluster_leader WHERE id = 1 FOR SHARE');
      const current = row.rows[0] ? Number(row.rows[0].epoch) : null;
      if (current !== this.epoch) throw new FencedError(this.epoch, current);
      const result = await work(this.client);
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined); // a dead session rolls back by itself
      throw error;
    }
  }

  /** Give the lock up (a clean shutdown): the next node takes over without waiting for a timeout. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.client.end().catch(() => undefined); // ending the session releases the lock
  }
}

/**
 * Waits until this node holds the lock, then records itself in the leader row with the next epoch.
 * Resolves with the Leadership; rejects if `signal` aborts or PostgreSQL cannot be reached at first.
 */
export async function acquireLeadership(options: LeadershipOptions): Promise<Leadership> {
  const pollMs = options.pollMs ?? 250;
  // keepAlive: a leader cut off by the network is noticed by PostgreSQL, which then frees the lock.
  const client = new pg.Client({ connectionString: options.url, keepAlive: true, application_name: 'switchboard-leader' });
  // Until Leadership listens, a dropped connection must not crash the process: the next query fails instead.
  const early = (): void => undefined;
  client.on('error', early);
  await client.connect();
  try {
    await client.query(CREATE_LEADER_TABLE).catch(async (error: unknown) => {
      // two nodes creating the table at the same moment: one loses the catalog race, and the table is there
      if ((error as { code?: string }).code !== '23505') throw error;
    });
    for (;;) {
      options.signal?.throwIfAborted();
      const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK_KEY]);
      if (got.rows[0]?.locked) break;
      await sleep(pollMs, options.signal);
    }
    const forwardSecret = randomBytes(32).toString('base64url');
    const row = await client.query<{ epoch: string }>(
      `INSERT INTO switchboard_cluster_leader (id, epoch, node_url, backend_pid, forward_secret) VALUES (1, 1, $1, pg_backend_pid(), $2)
       ON CONFLICT (id) DO UPDATE SET epoch = switchboard_cluster_leader.epoch + 1, node_url = $1, backend_pid = pg_backend_pid(), forward_secret = $2, since = now()
       RETURNING epoch`,
      [options.advertiseUrl, forwardSecret],
    );
    const leadership = new Leadership(client, Number(row.rows[0]?.epoch), forwardSecret);
    client.off('error', early);
    return leadership;
  } catch (error) {
    client.off('error', early);
    client.on('error', early);
    await client.end().catch(() => undefined);
    throw error;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
