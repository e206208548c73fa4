/**
 * The router's in-memory picture, rebuilt from SQLite on start and kept current by every change:
 * per pool and capacity bucket a heap of waiting items (priority, then age), and per agent its presence,
 * free capacity and idle-since. A pool is `queue:ID` (PUSH), `team:NAME` (team tasks) or
 * `agent:USERNAME` (named-agent transfer and conference). `decideNext()` is the routing decision: pure,
 * no I/O, no table scans — it looks only at pools that changed since it last found nothing to do.
 */
import { CAPACITY_BUCKETS, type CapacityBucket } from '../../common/vocabulary';
import { MinHeap } from './heap';

export interface WaitingItem {
  readonly workitemId: string;
  readonly pool: string;
  readonly bucket: CapacityBucket;
  readonly priority: number;
  /** place in line: createdAt (kept through RONA), or the time of a skip (back of the queue) */
  readonly orderAt: number;
  /** the agent who skipped it last: the next offer goes to someone else */
  readonly skippedBy: string | null;
}

interface HeapEntry extends WaitingItem {
  removed: boolean;
}

export interface RoutingAgent {
  readonly username: string;
  readonly pools: readonly string[];
  readonly capacity: Readonly<Record<CapacityBucket, number>>;
  used: Record<CapacityBucket, number>;
  available: boolean;
  /** when the agent's last item ended or it became available; the longest idle goes first */
  idleSince: number;
}

export interface RoutingDecision {
  readonly item: WaitingItem;
  readonly agentUsername: string;
}

const byPriorityThenAge = (a: HeapEntry, b: HeapEntry): boolean =>
  a.priority !== b.priority ? a.priority < b.priority : a.orderAt !== b.orderAt ? a.orderAt < b.orderAt : a.workitemId < b.workitemId;

class PoolBucket {
  readonly heap = new MinHeap<HeapEntry>(byPriorityThenAge);
  waiting = 0;
  /** agents of this pool that are available with a free slot in this bucket */
  readonly eligible = new Set<RoutingAgent>();

  top(): HeapEntry | undefined {
    let top = this.heap.peek();
    while (top && top.removed) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }
}

export class RoutingIndex {
  private readonly pools = new Map<string, Map<CapacityBucket, PoolBucket>>();
  private readonly waitingById = new Map<string, HeapEntry>();
  private readonly agents = new Map<string, RoutingAgent>();
  /** pool buckets that may have a decision to make */
  private readonly dirty = new Set<PoolBucket>();

  private bucketOf(pool: string, bucket: CapacityBucket): PoolBucket {
    let buckets = this.pools.get(pool);
    if (!buckets) {
      buckets = new Map();
      this.pools.set(pool, buckets);
    }
    let entry = buckets.get(bucket);
    if (!entry) {
      entry = new PoolBucket();
      buckets.set(bucket, entry);
      for (const agent of this.agents.values()) if (agent.pools.includes(pool) && this.isEligible(agent, bucket)) entry.eligible.add(agent);
    }
    return entry;
  }

  // ---- agents ------------------------------------------------------------------------------------

  upsertAgent(agent: Omit<RoutingAgent, 'used'> & { used?: Partial<Record<CapacityBucket, number>> }): void {
    const existing = this.agents.get(agent.username);
    if (existing) this.forEachBucketOf(existing, (pb) => pb.eligible.delete(existing));
    const used = { voice: 0, chat: 0, email: 0, task: 0, ...(existing?.used ?? {}), ...(agent.used ?? {}) };
    const next: RoutingAgent = { username: agent.username, pools: [...agent.pools], capacity: { ...agent.capacity }, used, available: agent.available, idleSince: agent.idleSince };
    this.agents.set(agent.username, next);
    this.refreshEligibility(next);
  }

  agent(username: string): RoutingAgent | undefined {
    return this.agents.get(username);
  }

  setAvailable(username: string, available: boolean, idleSince?: number): void {
    const agent = this.agents.get(username);
    if (!agent) return;
    agent.available = available;
    if (idleSince !== undefined) agent.idleSince = idleSince;
    this.refreshEligibility(agent);
  }

  setIdleSince(username: string, idleSince: number): void {
    const agent = this.agents.get(username);
    if (agent) agent.idleSince = idleSince;
  }

  /** An item starts or stops counting against the agent's capacity. */
  adjustUsed(username: string, bucket: CapacityBucket, delta: number): void {
    const agent = this.agents.get(username);
    if (!agent) return;
    agent.used[bucket] = Math.max(0, agent.used[bucket] + delta);
    this.refreshEligibility(agent, bucket);
  }

  /** How many of the pool's agents are available (whatever their load). */
  availableAgents(pool: string): number {
    let n = 0;
    for (const agent of this.agents.values()) if (agent.available && agent.pools.includes(pool)) n++;
    return n;
  }

  /** How many of the pool's agents could take one more item of `bucket` now. */
  eligibleAgents(pool: string, bucket: CapacityBucket): number {
    return this.bucketOf(pool, bucket).eligible.size;
  }

  private isEligible(agent: RoutingAgent, bucket: CapacityBucket): boolean {
    return agent.available && agent.used[bucket] < agent.capacity[bucket];
  }

  private forEachBucketOf(agent: RoutingAgent, fn: (pb: PoolBucket, bucket: CapacityBucket) => void, only?: CapacityBucket): void {
    for (const pool of agent.pools) {
      const buckets = this.pools.get(pool);
      if (!buckets) continue;
      for (const [bucket, pb] of buckets) if (only === undefined || bucket === only) fn(pb, bucket);
    }
  }

  private refreshEligibility(agent: RoutingAgent, only?: CapacityBucket): void {
    this.forEachBucketOf(
      agent,
      (pb, bucket) => {
        if (this.isEligible(agent, bucket)) {
          if (!pb.eligible.has(agent)) {
            pb.eligible.add(agent);
            if (pb.waiting > 0) this.dirty.add(pb);
          }
        } else {
          pb.eligible.delete(agent);
        }
      },
      only,
    );
  }

  // ---- waiting items -------------------------------------------------------------------------------

  addWaiting(item: WaitingItem): void {
    this.removeWaiting(item.workitemId);
    const entry: HeapEntry = { ...item, removed: false };
    const pb = this.bucketOf(item.pool, item.bucket);
    pb.heap.push(entry);
    pb.waiting++;
    this.waitingById.set(item.workitemId, entry);
    this.dirty.add(pb);
  }

  removeWaiting(workitemId: string): boolean {
    const entry = this.waitingById.get(workitemId);
    if (!entry) return false;
    entry.removed = true;
    this.waitingById.delete(workitemId);
    const pb = this.bucketOf(entry.pool, entry.bucket);
    pb.waiting--;
    return true;
  }

  isWaiting(workitemId: string): boolean {
    return this.waitingById.has(workitemId);
  }

  waitingIn(pool: string): WaitingItem[] {
    const out: WaitingItem[] = [];
    for (const pb of this.pools.get(pool)?.values() ?? []) for (const e of pb.heap.values()) if (!e.removed) out.push(e);
    return out;
  }

  waitingCount(pool: string): number {
    let n = 0;
    for (const pb of this.pools.get(pool)?.values() ?? []) n += pb.waiting;
    return n;
  }

  // ---- the decision --------------------------------------------------------------------------------

  /**
   * The next offer to make, or null when no waiting item has an eligible agent. Items: lowest priority
   * number, then oldest. Agents: available, serving the pool, a free slot in the item's bucket, not the
   * one who skipped it last; the longest idle first (ties by name, so the result is deterministic).
   * Does not change the index: the caller offers and then reports the change.
   */
  decideNext(): RoutingDecision | null {
    for (const pb of this.dirty) {
      const top = pb.top();
      if (!top || pb.eligible.size === 0) {
        this.dirty.delete(pb);
        continue;
      }
      const agent = pickLongestIdle(pb.eligible, top.skippedBy);
      if (!agent) {
        this.dirty.delete(pb);
        continue;
      }
      return { item: top, agentUsername: agent.username };
    }
    return null;
  }

  hasWork(): boolean {
    return this.dirty.size > 0;
  }

  static readonly BUCKETS = CAPACITY_BUCKETS;
}

function pickLongestIdle(candidates: Iterable<RoutingAgent>, exclude: string | null): RoutingAgent | undefined {
  let best: RoutingAgent | undefined;
  for (const agent of candidates) {
    if (agent.username === exclude) continue;
    if (!best || agent.idleSince < best.idleSince || (agent.idleSince === best.idleSince && agent.username < best.username)) best = agent;
  }
  return best;
}
