/**
 * "This customer's past items": other items in the desktop's cache with the same phone number or e-mail
 * address (names are not unique enough to join on), newest first. Pure, so it is tested without a DOM.
 */
import type { WorkItem } from '../../../../common/workitem';

export const HISTORY_LIMIT = 20;

export function customerHistory(item: WorkItem, all: readonly WorkItem[]): WorkItem[] {
  const phone = item.contact.phone ?? item.callback?.phone ?? null;
  const email = item.contact.email?.toLowerCase() ?? null;
  if (phone === null && email === null) return [];
  return all
    .filter((other) => other.workitemId !== item.workitemId)
    .filter((other) => {
      const otherPhone = other.contact.phone ?? other.callback?.phone ?? null;
      return (phone !== null && otherPhone === phone) || (email !== null && other.contact.email?.toLowerCase() === email);
    })
    .sort((a, b) => b.createdAt - a.createdAt || a.workitemId.localeCompare(b.workitemId))
    .slice(0, HISTORY_LIMIT);
}
