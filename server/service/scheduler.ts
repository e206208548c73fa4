/**
 * One timer for every deadline. Deadlines live in SQLite as item fields (offerExpiresAt, wrapUpExpiresAt,
 * the route's deadlineAt and readyAt); this heap is only the in-memory index of them, rebuilt on start.
 * An entry is a hint: the handler re-reads the item and acts only if the deadline still applies, so stale
 * entries cost nothing and overdue ones (after a restart) fire at once.
 */
import { MinHeap } from '../routing/heap';

export type DeadlineKind = 'offer' | 'wrapup' | 'deadline' | 'ready';

export interface Deadline {
  at: number;
  kind: DeadlineKind;
  workitemId: string;
}

/** setTimeout's ceiling; longer waits simply re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class Scheduler {
  private readonly heap = new MinHeap<Deadline>((a, b) => a.at < b.at);
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly fire: (due: Deadline[]) => void,
  ) {}

  add(deadline: Deadline): void {
    if (this.stopped) return;
    this.heap.push(deadline);
    if (deadline.at < this.armedFor) this.arm();
  }

  get size(): number {
    return this.heap.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.heap.peek();
    if (!next || this.stopped) {
      this.armedFor = Infinity;
      return;
    }
    this.armedFor = next.at;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, next.at - this.now()));
    this.timer = setTimeout(() => this.run(), delay);
    this.timer.unref?.();
  }

  private run(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.now();
    const due: Deadline[] = [];
    while (this.heap.size > 0 && this.heap.peek()!.at <= now && due.length < 500) due.push(this.heap.pop()!);
    try {
      if (due.length > 0) this.fire(due);
    } finally {
      this.arm();
    }
  }
}
