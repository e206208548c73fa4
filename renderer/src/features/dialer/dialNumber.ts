/**
 * The dialer's number: checked and normalised to E.164 by the one phone rule (common/phone.ts), and the
 * request that turns it into an outbound call for the agent. A call created with the agent as assignee is
 * PULL mode (seed 003): the platform makes it active for that agent at once, with no offer to accept.
 */
import type { OperationRequest } from '../../../../common/desktop-api';
import { normalizePhone, type PhoneResult } from '../../../../common/phone';

export function checkDialNumber(input: string): PhoneResult {
  // normalizePhone's own wording for an empty value speaks of a customer phone field; the dialer has none.
  if (input.trim() === '') return { ok: false, message: 'Enter a number to call, e.g. +14155550123' };
  return normalizePhone(input);
}

export function outboundCallRequest(e164: string, agentUsername: string): OperationRequest<'createTask'> {
  return {
    type: 'call',
    channelType: 'voice',
    direction: 'OUTBOUND',
    subject: `Call ${e164}`,
    contact: { phone: e164 },
    assignee: { agentUsername },
  };
}

/** True for a createTask request that is the dialer's outbound call (as opposed to a task from the form). */
export function isOutboundCallRequest(request: OperationRequest<'createTask'>): boolean {
  return request.type === 'call' && request.direction === 'OUTBOUND';
}

/** The header's Dial button: focus returns to it when the dialer closes. */
export const DIAL_BUTTON_ID = 'dial-button';
export const DIALER_PANEL_ID = 'dialer-panel';
