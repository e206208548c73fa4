/**
 * How a work item reads in the inbox (seed 000): the purple kind badge, the state label, the priority label
 * and the amber due-date label. Pure functions over the item, tested without a DOM.
 */
import { addDays, format, isSameDay } from 'date-fns';
import { PRIORITY_LABELS, STATE_LABELS, isTaskLike, type Kind, type Priority, type State } from '../../../../common/vocabulary';

/** "TASK", "CALLBACK", … for task-like kinds; null for live conversations (chat, call), which carry no badge. */
export function kindBadge(kind: Kind): string | null {
  return isTaskLike(kind) ? kind.toUpperCase() : null;
}

/** The UI's name for a state: `terminated` is "Wrap-up", `dispositioned` is "Completed". */
export function stateLabel(state: State): string {
  return STATE_LABELS[state];
}

export function priorityLabel(priority: Priority): string {
  return PRIORITY_LABELS[priority] ?? `Priority ${priority}`;
}

/**
 * "Overdue", "Today", "Tomorrow" or the date (e.g. "24 Nov 2026"), in the agent's local time zone;
 * null when the item has no due date.
 */
export function dueLabel(dueAt: number | null, now: number): string | null {
  if (dueAt === null) return null;
  if (dueAt < now) return 'Overdue';
  if (isSameDay(dueAt, now)) return 'Today';
  if (isSameDay(dueAt, addDays(now, 1))) return 'Tomorrow';
  return format(dueAt, 'd MMM yyyy');
}

/** The full due date and time, for a tooltip / accessible description. */
export function dueTitle(dueAt: number | null): string | null {
  return dueAt === null ? null : format(dueAt, 'EEEE d MMMM yyyy, HH:mm');
}

/** What the subject column shows when the item has none. */
export function displaySubject(item: { subject: string | null; contact: { name: string | null; phone: string | null }; type: Kind }): string {
  return item.subject ?? item.contact.name ?? item.contact.phone ?? `Untitled ${item.type}`;
}
