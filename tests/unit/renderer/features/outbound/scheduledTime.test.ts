import { describe, expect, it } from 'vitest';
import { scheduledTimeLabel } from '../../../../../renderer/src/features/outbound/scheduledTime';

// Local dates, so the labels hold in any time zone the tests run in.
const now = new Date(2026, 11, 2, 12, 15).getTime();
const at = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();

describe('scheduledTimeLabel', () => {
  it('names today, tomorrow and yesterday with the time', () => {
    expect(scheduledTimeLabel(at(2026, 11, 2, 14, 30), now)).toBe('Today 14:30');
    expect(scheduledTimeLabel(at(2026, 11, 3, 9, 0), now)).toBe('Tomorrow 09:00');
    expect(scheduledTimeLabel(at(2026, 11, 1, 23, 59), now)).toBe('Yesterday 23:59');
  });

  it('gives the weekday and date this year, and the year once it is another year', () => {
    expect(scheduledTimeLabel(at(2026, 11, 10, 10, 0), now)).toBe('Thu 10 Dec 10:00');
    expect(scheduledTimeLabel(at(2027, 0, 4, 10, 0), now)).toBe('4 Jan 2027 10:00');
    expect(scheduledTimeLabel(at(2025, 11, 2, 8, 5), now)).toBe('2 Dec 2025 08:05');
  });
});
