/**
 * How ringing offers are shown: calls first (a caller is waiting on the line), then the rest in the order
 * they expire; and each kind's own title. Pure, so it is tested without a DOM.
 */
import type { WorkItem } from '../../../../common/workitem';

type Ringing = { expiresAt: number; item: Pick<WorkItem, 'channelType'> };

export function ringingOrder<T extends Ringing>(offers: readonly T[]): T[] {
  const isCall = (offer: T) => (offer.item.channelType === 'voice' ? 0 : 1);
  return [...offers].sort((a, b) => isCall(a) - isCall(b) || a.expiresAt - b.expiresAt);
}

const TITLES: Record<WorkItem['type'], string> = {
  call: 'Incoming call',
  chat: 'New chat',
  email: 'New email',
  task: 'New task',
  callback: 'Callback to make',
  review: 'Review requested',
  approval: 'Approval requested',
};

/** "Incoming call", "New chat", …; a campaign entry (progressive dial) says so. */
export function offerTitle(item: Pick<WorkItem, 'type' | 'channelType' | 'direction'>): string {
  if (item.channelType === 'voice' && item.direction === 'OUTBOUND') return 'Campaign call to make';
  if (item.channelType === 'voice') return TITLES.call;
  return TITLES[item.type];
}
