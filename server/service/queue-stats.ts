/**
 * Queue figures (seed 002): waiting, active, agents available, and the average and longest wait of the
 * items waiting now. Published as `queue.stats` to the queue's agents, at most once per
 * queueStatsIntervalSeconds per queue, after the changes that moved them.
 */
import type { QueueFigures } from '../../common/api';
import type { Core } from './core';

export class QueueStats {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly core: Core) {
    core.onCommit(({ queues }) => {
      for (const q of queues) if (core.queues.has(q)) this.pending.add(q);
      if (this.pending.size > 0) this.arm();
    });
  }

  figures(queueId: string): QueueFigures {
    const core = this.core;
    const queue = core.queues.get(queueId)!;
    const pool = `queue:${queueId}`;
    const now = core.now();
    const waiting = core.index.waitingIn(pool);
    let total = 0;
    let longest = 0;
    for (const w of waiting) {
      const wait = Math.max(0, now - w.orderAt);
      total += wait;
      if (wait > longest) longest = wait;
    }
    return {
      queueId,
      name: queue.name,
      waiting: waiting.length,
      active: core.activeIn(queueId),
      agentsAvailable: core.index.availableAgents(pool),
      averageWaitSeconds: waiting.length === 0 ? 0 : Math.round(total / waiting.length / 100) / 10,
      longestWaitSeconds: Math.round(longest / 100) / 10,
    };
  }

  all(): QueueFigures[] {
    return this.core.config.queues.map((q) => this.figures(q.id));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const queues = [...this.pending];
      this.pending.clear();
      try {
        this.core.tx(() => {
          for (const q of queues) this.core.emit('queue.stats', [`queue:${q}`], { queue: this.figures(q) });
        });
      } catch (err) {
        this.core.log.error({ err }, 'queue figures failed');
      }
    }, this.core.config.queueStatsIntervalSeconds * 1000);
  }
}
