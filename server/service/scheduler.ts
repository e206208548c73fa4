/**
 * One timer for every deadline. Deadlines live in SQLite as item fields (offerExpiresAt, wrapUpExpiresAt,
 * the route's deadlineAt and readyAt); this heap is only the in-memory index of them, rebuilt on start.
 * An entry is a hint: the handler re-reads the item and acts only if the deadline still applies, so
 * overdue ones (after a restart) fire at once.
 *
 * Each item's current deadlines are kept by kind. An item that changes replaces its set, so the heap
 * entries of deadlines that no longer apply (an offer accepted, a wrap-up dispositioned) are skipped when
 * they surface, and the heap is rebuilt once they outnumber the live ones: under sustained load it stays
 * proportional to the work in progress, not to the work ever done.
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
/** Rebuild the heap when it holds this many more entries than there are live deadlines. */
const REBUILD_SLACK = 1024;

export class Scheduler {
  private heap = new MinHeap<Deadline>((a, b) => a.at < b.at);
  /** workitemId → kind → the deadline that applies now */
  private readonly current = new Map<string, Map<DeadlineKind, number>>();
  private live = 0;
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    private readonly fire: (due: Deadline[]) => void,
  ) {}

  /** The deadlines that apply to an item now, replacing whatever it had. */
  setFor(workitemId: string, deadlines: readonly Omit<Deadline, 'workitemId'>[]): void {
    if (this.stopped) return;
    const previous = this.current.get(workitemId);
    const next = new Map<DeadlineKind, number>();
    for (const { kind, at } of deadlines) next.set(kind, at);
    this.live += next.size - (previous?.size ?? 0);
    if (next.size === 0) this.current.delete(workitemId);
    else this.current.set(workitemId, next);
    let earliest = Infinity;
    for (const [kind, at] of next) {
      if (previous?.get(kind) === at) continue; // already in the heap
      this.heap.push({ at, kind, workitemId });
      earliest = Math.min(earliest, at);
    }
    if (this.heap.size > 2 * this.live + REBUILD_SLACK) this.rebuild();
    else if (earliest < this.armedFor) this.arm();
  }

  /** Entries in the heap, live or stale. */
  get size(): number {
    return this.heap.size;
  }

  /** Deadlines that still apply. */
  get liveCount(): number {
    return this.live;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private isCurrent(entry: Deadline): boolean {
    return this.current.get(entry.workitemId)?.get(entry.kind) === entry.at;
  }

  private forget(entry: Deadline): void {
    const kinds = this.current.get(entry.workitemId);
    if (!kinds?.delete(entry.kind)) return;
    this.live -= 1;
    if (kinds.size === 0) this.current.delete(entry.workitemId);
  }

  private rebuild(): void {
    this.heap = new MinHeap<Deadline>((a, b) => a.at < b.at);
    for (const [workitemId, kinds] of this.current) for (const [kind, at] of kinds) this.heap.push({ at, kind, workitemId });
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Stale entries on top would only wake the timer for nothing.
    while (this.heap.size > 0 && !this.isCurrent(this.heap.peek()!)) this.heap.pop();
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
    while (this.heap.size > 0 && this.heap.peek()!.at <= now && due.length < 500) {
      const entry = this.heap.pop()!;
      if (!this.isCurrent(entry)) continue;
      // The handler re-reads the item; if the deadline still applies its change schedules the next one.
      this.forget(entry);
      due.push(entry);
    }
    try {
      if (due.length > 0) this.fire(due);
    } finally {
      this.arm();
    }
  }
}
