import { describe, expect, it } from 'vitest';
import { parseTimeValue } from '../../../../common/query/time-values';

const H = 3_600_000;
const D = 24 * H;

describe('parseTimeValue', () => {
  it.each([
    ['now', { kind: 'instant', value: { type: 'now', offsetMs: 0 } }],
    ['NOW', { kind: 'instant', value: { type: 'now', offsetMs: 0 } }],
    ['now-1d', { kind: 'instant', value: { type: 'now', offsetMs: -D } }],
    ['now+2h', { kind: 'instant', value: { type: 'now', offsetMs: 2 * H } }],
    ['now-1w+30m-15s', { kind: 'instant', value: { type: 'now', offsetMs: -7 * D + 30 * 60_000 - 15_000 } }],
    ['1700000000000', { kind: 'instant', value: 1700000000000 }],
    ['2026-11-21', { kind: 'day', start: Date.UTC(2026, 10, 21) }],
    ['2026-11-21T09:30', { kind: 'instant', value: Date.UTC(2026, 10, 21, 9, 30) }],
    ['2026-11-21T09:30:15.5Z', { kind: 'instant', value: Date.UTC(2026, 10, 21, 9, 30, 15, 500) }],
    ['2026-11-21T09:30:00+02:00', { kind: 'instant', value: Date.UTC(2026, 10, 21, 7, 30) }],
    ['2026-11-21T09:30:00-0500', { kind: 'instant', value: Date.UTC(2026, 10, 21, 14, 30) }],
    ['2024-02-29', { kind: 'day', start: Date.UTC(2024, 1, 29) }],
    ['0050-01-01', { kind: 'day', start: -60589296000000 }],
  ])('%s', (text, expected) => {
    expect(parseTimeValue(text)).toEqual(expected);
  });

  it.each(['', 'today', 'now-1', 'now-1y', 'now*2', '2026-13-01', '2025-02-29', '2026-11-21T24:00', '2026-11-21T10:00+25:00', '21/11/2026', '1.5', '-5'])(
    'refuses %j',
    (text) => {
      expect(parseTimeValue(text)).toBeUndefined();
    },
  );
});
