import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type Deadline } from '../../../../server/service/scheduler';

describe('Scheduler', () => {
  let fired: Deadline[];
  let scheduler: Scheduler;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    fired = [];
    scheduler = new Scheduler(() => Date.now(), (due) => fired.push(...due));
  });
  afterEach(() => {
    scheduler.stop();
    vi.useRealTimers();
  });

  it('fires each deadline once, when it is due, earliest first', () => {
    scheduler.setFor('wi_b', [{ kind: 'wrapup', at: 1_000_200 }]);
    scheduler.setFor('wi_a', [{ kind: 'offer', at: 1_000_100 }, { kind: 'deadline', at: 1_000_300 }]);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ kind: 'offer', at: 1_000_100, workitemId: 'wi_a' }]);
    vi.advanceTimersByTime(500);
    expect(fired.map((d) => `${d.workitemId}:${d.kind}`)).toEqual(['wi_a:offer', 'wi_b:wrapup', 'wi_a:deadline']);
    expect(scheduler.liveCount).toBe(0);
  });

  it('skips a deadline the item no longer has, and fires the one that replaced it', () => {
    scheduler.setFor('wi_a', [{ kind: 'offer', at: 1_000_100 }]);
    // Accepted, hung up: now only a wrap-up deadline applies.
    scheduler.setFor('wi_a', [{ kind: 'wrapup', at: 1_000_500 }]);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([{ kind: 'wrapup', at: 1_000_500, workitemId: 'wi_a' }]);
  });

  it('fires nothing for an item whose deadlines were cleared', () => {
    scheduler.setFor('wi_a', [{ kind: 'offer', at: 1_000_100 }]);
    scheduler.setFor('wi_a', []);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([]);
  });

  it('does not queue the same deadline twice when an item changes without moving it', () => {
    for (let i = 0; i < 100; i++) scheduler.setFor('wi_a', [{ kind: 'deadline', at: 1_900_000 }]);
    expect(scheduler.size).toBe(1);
  });

  it('keeps the heap proportional to live deadlines under sustained churn', () => {
    // 200,000 offers, each replaced by its acceptance: only 10 deadlines are ever live at once.
    for (let i = 0; i < 200_000; i++) {
      const id = `wi_${i % 10}`;
      scheduler.setFor(id, [{ kind: 'offer', at: 2_000_000 + i }]);
    }
    expect(scheduler.liveCount).toBe(10);
    expect(scheduler.size).toBeLessThanOrEqual(2 * 10 + 1024 + 1);
    vi.advanceTimersByTime(1_200_000);
    expect(fired.map((d) => d.at).sort()).toEqual(Array.from({ length: 10 }, (_, k) => 2_000_000 + 199_990 + k));
  });
});
