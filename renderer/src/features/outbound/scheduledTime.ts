import { addDays, format, isSameDay, isSameYear } from 'date-fns';

/**
 * When a callback is scheduled, as an agent reads it at a glance: "Today 14:30", "Tomorrow 09:00",
 * "Thu 4 Dec 10:00" this year, and the year too once it is not this year ("4 Jan 2027 10:00"), so a
 * callback a year out never reads as next week. Local time, 24-hour clock (as the rest of the screen).
 */
export function scheduledTimeLabel(at: number, now: number): string {
  const time = format(at, 'HH:mm');
  if (isSameDay(at, now)) return `Today ${time}`;
  if (isSameDay(at, addDays(now, 1))) return `Tomorrow ${time}`;
  if (isSameDay(at, addDays(now, -1))) return `Yesterday ${time}`;
  return isSameYear(at, now) ? format(at, 'EEE d MMM HH:mm') : format(at, 'd MMM yyyy HH:mm');
}
