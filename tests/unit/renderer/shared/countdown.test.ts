import { describe, expect, it } from 'vitest';
import { formatCountdown, fractionLeft, secondsLeft } from '../../../../renderer/src/ui/countdown';

describe('secondsLeft', () => {
  const deadline = 100_000;
  it('rounds up so a countdown shows 0 only once the deadline has passed', () => {
    expect(secondsLeft(deadline, deadline - 30_000)).toBe(30);
    expect(secondsLeft(deadline, deadline - 29_001)).toBe(30);
    expect(secondsLeft(deadline, deadline - 1)).toBe(1);
    expect(secondsLeft(deadline, deadline)).toBe(0);
  });
  it('never goes negative', () => {
    expect(secondsLeft(deadline, deadline + 5_000)).toBe(0);
  });
});

describe('formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [9, '0:09'],
    [30, '0:30'],
    [118, '1:58'],
    [120, '2:00'],
    [-3, '0:00'],
  ])('%d seconds → %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });
});

describe('fractionLeft', () => {
  it('runs from 1 at the start to 0 at the deadline', () => {
    expect(fractionLeft(0, 30_000, 0)).toBe(1);
    expect(fractionLeft(0, 30_000, 15_000)).toBe(0.5);
    expect(fractionLeft(0, 30_000, 30_000)).toBe(0);
    expect(fractionLeft(0, 30_000, 45_000)).toBe(0);
  });
  it('without a start time is full until the deadline', () => {
    expect(fractionLeft(null, 30_000, 29_000)).toBe(1);
    expect(fractionLeft(null, 30_000, 31_000)).toBe(0);
  });
});
