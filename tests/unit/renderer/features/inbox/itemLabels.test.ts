import { describe, expect, it } from 'vitest';
import { KINDS, STATES } from '../../../../../common/vocabulary';
import { displaySubject, dueLabel, kindBadge, priorityLabel, stateLabel } from '../../../../../renderer/src/features/inbox/itemLabels';

describe('kindBadge', () => {
  it('shows task-like kinds in capitals', () => {
    expect(kindBadge('task')).toBe('TASK');
    expect(kindBadge('callback')).toBe('CALLBACK');
    expect(kindBadge('review')).toBe('REVIEW');
    expect(kindBadge('approval')).toBe('APPROVAL');
    expect(kindBadge('email')).toBe('EMAIL');
  });
  it('gives live conversations no badge', () => {
    expect(kindBadge('chat')).toBeNull();
    expect(kindBadge('call')).toBeNull();
  });
  it('covers every kind', () => {
    expect(KINDS.filter((kind) => kindBadge(kind) !== null)).toHaveLength(5);
  });
});

describe('stateLabel', () => {
  it('calls terminated Wrap-up and dispositioned Completed', () => {
    expect(stateLabel('terminated')).toBe('Wrap-up');
    expect(stateLabel('dispositioned')).toBe('Completed');
    expect(stateLabel('active')).toBe('Active');
    expect(stateLabel('inqueue')).toBe('In queue');
  });
  it('labels every state', () => {
    for (const state of STATES) expect(stateLabel(state)).toMatch(/^[A-Z]/);
  });
});

describe('priorityLabel', () => {
  it('uses seed 000 names', () => {
    expect([1, 2, 3, 5, 8].map((p) => priorityLabel(p as 1 | 2 | 3 | 5 | 8))).toEqual(['Critical', 'High', 'Medium', 'Normal', 'Low']);
  });
});

describe('dueLabel', () => {
  // Local-time dates, so the test holds in any time zone.
  const now = new Date(2026, 10, 21, 10, 0).getTime();
  it('is null without a due date', () => {
    expect(dueLabel(null, now)).toBeNull();
  });
  it('is Overdue once the moment has passed, even earlier the same day', () => {
    expect(dueLabel(new Date(2026, 10, 21, 9, 59).getTime(), now)).toBe('Overdue');
    expect(dueLabel(new Date(2026, 10, 19, 12, 0).getTime(), now)).toBe('Overdue');
  });
  it('is Today for later today', () => {
    expect(dueLabel(new Date(2026, 10, 21, 23, 59).getTime(), now)).toBe('Today');
  });
  it('is Tomorrow for any time tomorrow', () => {
    expect(dueLabel(new Date(2026, 10, 22, 0, 0).getTime(), now)).toBe('Tomorrow');
    expect(dueLabel(new Date(2026, 10, 22, 23, 59).getTime(), now)).toBe('Tomorrow');
  });
  it('is the date after that', () => {
    expect(dueLabel(new Date(2026, 10, 23, 8, 0).getTime(), now)).toBe('23 Nov 2026');
    expect(dueLabel(new Date(2027, 0, 5, 8, 0).getTime(), now)).toBe('5 Jan 2027');
  });
});

describe('displaySubject', () => {
  it('falls back to the contact, then the kind', () => {
    const contact = { name: null, phone: null };
    expect(displaySubject({ subject: 'Refund', contact, type: 'task' })).toBe('Refund');
    expect(displaySubject({ subject: null, contact: { name: 'Ann', phone: '+4420' }, type: 'call' })).toBe('Ann');
    expect(displaySubject({ subject: null, contact: { name: null, phone: '+4420' }, type: 'call' })).toBe('+4420');
    expect(displaySubject({ subject: null, contact, type: 'chat' })).toBe('Untitled chat');
  });
});
