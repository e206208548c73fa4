/** The item's activity log (its timeEvents) as the agent reads it: what happened, who did it, when. */
import type { TimeEvent, WorkItem } from '../../../../common/workitem';

export type ActivityEntry = { key: string; label: string; who: string; at: number; text: string | null };

const LABELS: Record<string, string> = {
  note: 'Note',
  created: 'Created',
  offered: 'Offered',
  accepted: 'Accepted',
  active: 'Active',
  hold: 'On hold',
  resume: 'Resumed',
  hangup: 'Ended',
  terminated: 'Wrap-up',
  dispositioned: 'Completed',
};

/** `offer_rescinded` → `Offer rescinded` for types without a label of their own. */
export function activityLabel(type: string): string {
  const known = LABELS[type];
  if (known) return known;
  const words = type.replace(/[_.-]+/g, ' ').trim().toLowerCase();
  return words === '' ? 'Event' : words[0].toUpperCase() + words.slice(1);
}

function noteText(event: TimeEvent): string | null {
  const text = event.detail?.text;
  return typeof text === 'string' ? text : null;
}

/** Newest first: the agent looks for what just happened. */
export function activityEntries(item: Pick<WorkItem, 'timeEvents'>): ActivityEntry[] {
  return item.timeEvents
    .map((event, index) => ({
      key: `${index}-${event.type}-${event.timestamp}`,
      label: activityLabel(event.type),
      who: event.userId,
      at: event.timestamp,
      text: event.type === 'note' ? noteText(event) : null,
    }))
    .reverse();
}
