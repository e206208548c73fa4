import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOT_READY_REASONS,
  isRona,
  notReadyReasons,
  presenceChoices,
  presenceLabel,
  presenceValue,
} from '../../../../../renderer/src/features/presence/reasonCodes';

const presence = (state: 'available' | 'not_ready' | 'offline', reasonCode: string | null = null) => ({ username: 'alice', state, reasonCode, since: 1 });

describe('Not Ready reasons', () => {
  it('come from the setting, without duplicates, else the defaults', () => {
    expect(notReadyReasons(['Break', 'Lunch', 'Break'])).toEqual(['Break', 'Lunch']);
    expect(notReadyReasons(undefined)).toEqual(DEFAULT_NOT_READY_REASONS);
    expect(notReadyReasons([])).toEqual(DEFAULT_NOT_READY_REASONS);
    expect(notReadyReasons('Break')).toEqual(DEFAULT_NOT_READY_REASONS);
    expect(notReadyReasons(['x'.repeat(41)])).toEqual(DEFAULT_NOT_READY_REASONS);
  });
  it('make the menu: Available, Not ready, and Not ready with each reason', () => {
    expect(presenceChoices(['Lunch'])).toEqual([
      { value: 'available', label: 'Available', state: 'available' },
      { value: 'not_ready', label: 'Not ready', state: 'not_ready' },
      { value: 'not_ready:Lunch', label: 'Not ready: Lunch', state: 'not_ready', reasonCode: 'Lunch' },
    ]);
  });
});

describe('the current presence', () => {
  it('maps onto the menu, and reads plainly', () => {
    expect(presenceValue(presence('available'))).toBe('available');
    expect(presenceValue(presence('not_ready', 'Lunch'))).toBe('not_ready:Lunch');
    expect(presenceValue(presence('offline'))).toBe('');
    expect(presenceValue(null)).toBe('');
    expect(presenceLabel(presence('not_ready', 'Lunch'))).toBe('Not ready: Lunch');
    expect(presenceLabel(presence('not_ready', 'RONA'))).toBe('Not ready (missed an offer)');
    expect(presenceLabel(presence('offline'))).toBe('Offline');
  });
  it('tells a RONA from another Not Ready', () => {
    expect(isRona(presence('not_ready', 'RONA'))).toBe(true);
    expect(isRona(presence('not_ready', 'Lunch'))).toBe(false);
    expect(isRona(presence('available', 'RONA'))).toBe(false);
  });
});
