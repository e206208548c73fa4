/**
 * What the agent reads when an offer leaves their screen without being accepted: one message per reason,
 * naming the item. The platform says RONA when the agent declined and TIMEOUT when nobody answered in
 * time (server/service/router.ts); both put the agent in Not Ready, which the RONA banner handles.
 */
import type { EventPayload } from '../../../../common/desktop-api';

type RescindReason = EventPayload<'offerRescinded'>['reason'];

export function rescindedNotice(reason: RescindReason, subject: string | null): string {
  const what = subject === null ? 'The offer' : `“${subject}”`;
  switch (reason) {
    case 'RONA':
      return `You declined ${what}; it goes back to its queue.`;
    case 'TIMEOUT':
      return `You missed ${what}: the offer timed out and went back to its queue.`;
    case 'ACCEPTED_ELSEWHERE':
      return `${what} was taken by another agent.`;
    case 'CANCELLED':
      return `${what} was cancelled: the customer hung up or it was withdrawn.`;
    default:
      return `${what} was withdrawn.`;
  }
}
