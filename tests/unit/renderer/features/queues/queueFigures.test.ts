import { describe, expect, it } from 'vitest';
import { formatWait, isBackedUp, spokenWait } from '../../../../../renderer/src/features/queues/queueFigures';

describe('formatWait', () => {
  it.each([
    [0, '0s'],
    [44.6, '45s'],
    [59, '59s'],
    [60, '1m 00s'],
    [125, '2m 05s'],
    [3599, '59m 59s'],
    [3720, '1h 02m'],
    [-3, '0s'],
    [Number.NaN, '0s'],
  ])('%s s → %s', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});

describe('spokenWait', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [125, '2 minutes 5 seconds'],
    [120, '2 minutes'],
    [3720, '1 hour 2 minutes'],
  ])('%s s → %s', (seconds, expected) => {
    expect(spokenWait(seconds)).toBe(expected);
  });
});

describe('isBackedUp', () => {
  it('flags a queue with customers waiting and nobody free', () => {
    expect(isBackedUp({ waiting: 3, agentsAvailable: 0 })).toBe(true);
    expect(isBackedUp({ waiting: 3, agentsAvailable: 1 })).toBe(false);
    expect(isBackedUp({ waiting: 0, agentsAvailable: 0 })).toBe(false);
  });
});
