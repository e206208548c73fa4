/**
 * What a keyboard shortcut or a headset button asks for, carried out on the right call: answering takes
 * a ringing direct call, else the first ringing voice offer (accepting it makes the desktop auto-answer
 * the INVITE that follows); everything else acts on the focused call (the one not held).
 */
import type { HeadsetAction } from '../../../../common/webhid-telephony';
import type { AppDispatch } from '../../app/store';
import type { RootState } from '../../app/store';
import { switchboardApi } from '../../app/switchboardApi';
import { softphoneApi } from './softphoneApi';
import { selectFocusedCall, selectRingingCalls, selectRingingVoiceOffers } from './softphoneSelectors';

export type CallCommand = HeadsetAction;

export function runCallCommand(command: CallCommand) {
  return (dispatch: AppDispatch, getState: () => RootState): void => {
    const state = getState();
    const ringingCall = selectRingingCalls(state)[0];
    const offer = selectRingingVoiceOffers(state)[0];
    const call = selectFocusedCall(state);
    const { endpoints } = softphoneApi;
    switch (command) {
      case 'answer':
        if (ringingCall) void dispatch(endpoints.answerCall.initiate({ callId: ringingCall.id }));
        else if (offer) void dispatch(switchboardApi.endpoints.accept.initiate({ workitemId: offer.workitemId }));
        return;
      case 'decline':
        if (ringingCall) void dispatch(endpoints.declineCall.initiate({ callId: ringingCall.id }));
        else if (offer) void dispatch(switchboardApi.endpoints.decline.initiate({ workitemId: offer.workitemId }));
        return;
      case 'hang-up':
        if (call && call.state !== 'ringing') void dispatch(endpoints.hangupCall.initiate({ callId: call.id }));
        return;
      case 'toggle-hold':
        if (call && (call.state === 'active' || call.state === 'held')) void dispatch(endpoints.holdCall.initiate({ callId: call.id, hold: !call.held }));
        return;
      case 'toggle-mute':
      case 'mute':
      case 'unmute': {
        if (!call || call.state === 'ringing') return;
        const muted = command === 'toggle-mute' ? !call.muted : command === 'mute';
        if (muted !== call.muted) void dispatch(endpoints.muteCall.initiate({ callId: call.id, muted }));
        return;
      }
    }
  };
}
