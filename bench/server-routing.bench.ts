/**
 * The routing decision alone, with the server's own pure routing module (server/routing/routing-index.ts):
 * 1,000 agents over 10 queues and 10,000 waiting items in one process. Each round asks for the next
 * offer (`decideNext()`, the timed part), then applies it as the platform would — the item leaves the
 * queue, the agent's load grows — while new items arrive and agents finish work, so the picture stays
 * at about 10,000 waiting items. Target: p99 ≤ 1 ms per decision.
 *
 * Runnable alone: `npx tsx bench/server-routing.bench.ts`.
 */
import { percentile, runIfMain, type BenchResult } from './bench-kit';
import { RoutingIndex, type WaitingItem } from '../server/routing/routing-index';


const AGENTS = 1_000;
const QUEUES = 10;
const WAITING = 10_000;
const ROUNDS = 20_000;
const WARMUP_ROUNDS = 2_000;
const PRIORITIES = [1, 2, 3, 5, 5, 5, 8] as const;

/** A small deterministic PRNG so every run measures the same sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default async function run(): Promise<BenchResult[]> {
  const random = mulberry32(3);
  const index = new RoutingIndex();
  const pool = (q: number) => `queue:q${q}`;
  let clock = 1_700_000_000_000;

  const busy: Array<{ username: string; bucket: 'chat' | 'voice' }> = [];
  for (let i = 0; i < AGENTS; i++) {
    // Each agent serves two queues; a third of them start not available.
    const first = i % QUEUES;
    index.upsertAgent({
      username: `agent${String(i).padStart(4, '0')}`,
      pools: [pool(first), pool((first + 1 + (i % 3)) % QUEUES)],
      capacity: { voice: 1, chat: 3, email: 5, task: 5 },
      available: i % 3 !== 0,
      idleSince: clock - Math.floor(random() * 600_000),
    });
  }

  let nextId = 0;
  const newItem = (): WaitingItem => ({
    workitemId: `wi_${(nextId++).toString(36)}`,
    pool: pool(Math.floor(random() * QUEUES)),
    bucket: random() < 0.3 ? 'voice' : 'chat',
    priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
    orderAt: clock++,
    skippedBy: null,
  });
  for (let i = 0; i < WAITING; i++) index.addWaiting(newItem());

  const timings = new Float64Array(ROUNDS);
  let decisions = 0;
  for (let round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
    const t0 = process.hrtime.bigint();
    const decision = index.decideNext();
    const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (round >= 0) timings[round] = elapsedMs;

    if (decision) {
      decisions++;
      // The platform offers the item: it leaves the queue and counts against the agent.
      index.removeWaiting(decision.item.workitemId);
      index.adjustUsed(decision.agentUsername, decision.item.bucket, +1);
      index.setIdleSince(decision.agentUsername, clock);
      busy.push({ username: decision.agentUsername, bucket: decision.item.bucket as 'chat' | 'voice' });
      index.addWaiting(newItem()); // another customer arrives: the queue stays ~10,000 deep
    }
    // Agents finish work at about the rate they take it, so decisions keep being possible.
    if (busy.length > 0 && (decision === null || random() < 0.9)) {
      const done = busy.splice(Math.floor(random() * busy.length), 1)[0];
      index.adjustUsed(done.username, done.bucket, -1);
    }
    clock += 1;
  }

  const sorted = Float64Array.from(timings).sort();
  const p99 = percentile(sorted, 99);
  const p50 = percentile(sorted, 50);
  const round3 = (n: number) => Math.round(n * 1000) / 1000;
  return [
    {
      name: `routing decision p99 (${AGENTS} agents, ${WAITING} waiting items, ${decisions} offers in ${ROUNDS + WARMUP_ROUNDS} rounds)`,
      value: round3(p99),
      unit: 'ms',
      target: '<= 1 ms',
      met: p99 <= 1,
    },
    { name: 'routing decision p50', value: round3(p50), unit: 'ms', target: '<= 1 ms', met: p50 <= 1 },
  ];
}

runIfMain(import.meta.url, run);
