import { describe, expect, it } from 'vitest';
import { STATES } from '../../../../../common/vocabulary';
import { itemControls } from '../../../../../renderer/src/features/work/itemControls';

describe('itemControls', () => {
  it('offers Hold and Hang up on an active item, Resume and Hang up on a held one', () => {
    expect(itemControls({ state: 'active', actions: ['hold', 'hangup'] })).toEqual({ hold: true, resume: false, hangup: true });
    expect(itemControls({ state: 'hold', actions: ['resume', 'hangup'] })).toEqual({ hold: false, resume: true, hangup: true });
  });
  it('hides Hold when the platform does not allow it on this item', () => {
    expect(itemControls({ state: 'active', actions: ['hangup', 'note'] }).hold).toBe(false);
  });
  it('falls back to the state when the platform listed no actions', () => {
    expect(itemControls({ state: 'active', actions: [] })).toEqual({ hold: true, resume: false, hangup: true });
  });
  it('offers nothing outside the worked states', () => {
    for (const state of STATES.filter((s) => !['accepted', 'active', 'hold', 'conference'].includes(s))) {
      expect(itemControls({ state, actions: [] })).toEqual({ hold: false, resume: false, hangup: false });
    }
  });
});
