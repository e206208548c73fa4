import { describe, expect, it } from 'vitest';
import { STATES } from '../../../../../common/vocabulary';
import { hangupLabel, itemControls } from '../../../../../renderer/src/features/work/itemControls';

const none = { hold: false, resume: false, hangup: false, start: false, complete: false };

describe('itemControls', () => {
  it('offers Hold and Hang up on an active call, Resume and Hang up on a held one', () => {
    expect(itemControls({ type: 'call', state: 'active', actions: ['hold', 'hangup'] })).toEqual({ ...none, hold: true, hangup: true });
    expect(itemControls({ type: 'call', state: 'hold', actions: ['resume', 'hangup'] })).toEqual({ ...none, resume: true, hangup: true });
  });
  it('hides Hold when the platform does not allow it on this item', () => {
    expect(itemControls({ type: 'chat', state: 'active', actions: ['hangup', 'note'] })).toEqual({ ...none, hangup: true });
  });
  it('falls back to the state when the platform listed no actions', () => {
    expect(itemControls({ state: 'active', actions: [] })).toEqual({ ...none, hold: true, hangup: true });
  });
  it('offers Start and Complete, not Hang up, on a task to do; only Complete once in progress', () => {
    const actions = ['complete', 'transfer', 'status', 'assign', 'note'] as const;
    expect(itemControls({ type: 'task', status: 'todo', state: 'active', actions: [...actions] })).toEqual({ ...none, start: true, complete: true });
    expect(itemControls({ type: 'task', status: 'in_progress', state: 'active', actions: [...actions] })).toEqual({ ...none, complete: true });
  });
  it('offers nothing outside the worked states', () => {
    for (const state of STATES.filter((s) => !['accepted', 'active', 'hold', 'conference'].includes(s))) {
      expect(itemControls({ state, actions: [] })).toEqual(none);
    }
  });
  it('names ending the interaction by kind', () => {
    expect(hangupLabel('call')).toBe('Hang up');
    expect(hangupLabel('callback')).toBe('Hang up');
    expect(hangupLabel('chat')).toBe('End chat');
    expect(hangupLabel('email')).toBe('Done');
  });
});
