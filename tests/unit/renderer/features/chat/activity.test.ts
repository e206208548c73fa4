import { describe, expect, it } from 'vitest';
import { activityEntries, activityLabel } from '../../../../../renderer/src/features/chat/activity';
import { workItem } from '../../fixtures';

describe('activity log', () => {
  it('lists the item’s time events newest first, with who and when, and a note’s text', () => {
    const item = workItem({
      timeEvents: [
        { type: 'created', timestamp: 1, userId: 'system' },
        { type: 'accepted', timestamp: 2, userId: 'alice' },
        { type: 'note', timestamp: 3, userId: 'alice', detail: { noteId: 'note_1', text: 'Order 8812' } },
      ],
    });
    expect(activityEntries(item).map(({ label, who, at, text }) => ({ label, who, at, text }))).toEqual([
      { label: 'Note', who: 'alice', at: 3, text: 'Order 8812' },
      { label: 'Accepted', who: 'alice', at: 2, text: null },
      { label: 'Created', who: 'system', at: 1, text: null },
    ]);
  });

  it('names event types it has no label for from their words', () => {
    expect(activityLabel('offer_rescinded')).toBe('Offer rescinded');
    expect(activityLabel('NO_AGENT_AVAILABLE')).toBe('No agent available');
    expect(activityLabel('')).toBe('Event');
  });
});
