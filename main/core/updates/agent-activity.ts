/**
 * Whether a restart would hurt the agent now: a live call (any call not ended) or a ringing offer. Kept
 * from the core's own events, so the updater never asks the core in the middle of a ring.
 */
import type { EventName, EventPayload } from '../../../common/desktop-api';
import type { Clock } from './update-planner';

export class AgentActivityTracker {
  /** offered workitemId → when the offer expires */
  private readonly offers = new Map<string, number>();
  private liveCalls = 0;

  constructor(private readonly clock: Clock) {}

  readonly onEvent = (event: EventName, payload: unknown): void => {
    if (event === 'offerReceived') {
      const offer = payload as EventPayload<'offerReceived'>;
      this.offers.set(offer.item.workitemId, offer.expiresAt);
    } else if (event === 'offerRescinded') {
      this.offers.delete((payload as EventPayload<'offerRescinded'>).workitemId);
    } else if (event === 'itemsChanged') {
      const change = payload as EventPayload<'itemsChanged'>;
      for (const item of change.items) if (item.state !== 'offered') this.offers.delete(item.workitemId);
      for (const id of change.removed) this.offers.delete(id);
    } else if (event === 'callsChanged') {
      this.liveCalls = (payload as EventPayload<'callsChanged'>).calls.filter((call) => call.state !== 'ended').length;
    }
  };

  isBusy(): boolean {
    const now = this.clock.now();
    for (const [id, expiresAt] of this.offers) if (expiresAt <= now) this.offers.delete(id);
    return this.liveCalls > 0 || this.offers.size > 0;
  }
}
