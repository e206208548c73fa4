import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../common/backoff';

describe('Backoff', () => {
  it('doubles the ceiling from 250 ms up to the 30 s cap', () => {
    const backoff = new Backoff({ random: () => 0.999999 });
    const delays = Array.from({ length: 10 }, () => backoff.next());
    expect(delays.slice(0, 4)).toEqual([249, 499, 999, 1999]);
    expect(Math.max(...delays)).toBeLessThan(30_000);
    expect(delays.at(-1)).toBe(29_999);
  });

  it('uses full jitter: any wait between 0 and the ceiling', () => {
    const backoff = new Backoff({ random: () => 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 0, 0]);
    const real = new Backoff();
    for (let i = 0; i < 200; i++) {
      const ceiling = real.ceiling();
      const delay = real.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });

  it('starts again from the base after a reset', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(125);
  });
});
