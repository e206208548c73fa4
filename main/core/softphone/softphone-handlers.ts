/**
 * The desktop core's handlers for the softphone operations (common/softphone-api.ts). Until a softphone
 * is running (no SIP credentials from the platform, or signed out), each answers with a clear error.
 */
import { SwitchboardError } from '../../../common/errors';
import type { CoreService, OperationHandlers } from '../services/context';

function unavailable(): never {
  throw new SwitchboardError('OFFLINE', 'The softphone is not available: sign in to a platform with a SIP edge first.');
}

export const SOFTPHONE_UNAVAILABLE_HANDLERS: OperationHandlers = {
  getSoftphone: unavailable,
  answerCall: unavailable,
  declineCall: unavailable,
  hangupCall: unavailable,
  holdCall: unavailable,
  muteCall: unavailable,
  sendDtmf: unavailable,
  transferCall: unavailable,
  conferenceCalls: unavailable,
  placeCall: unavailable,
  setAudioDevices: unavailable,
  attachMediaEngine: unavailable,
  detachMediaEngine: unavailable,
  answerMediaRequest: unavailable,
  reportCallQuality: unavailable,
};

export function softphoneService(): CoreService {
  return { name: 'softphone', handlers: SOFTPHONE_UNAVAILABLE_HANDLERS };
}
