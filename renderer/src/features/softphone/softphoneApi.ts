/**
 * The call operations as RTK Query mutations, injected into the one API slice so the softphone feature
 * owns them. Each answers with the call's new view; the authoritative list still arrives in callsChanged.
 * A refused one becomes a notice (features/notices) like every other refused mutation.
 */
import type { OperationName, OperationRequest, OperationResponse } from '../../../../common/desktop-api';
import { callOperation, switchboardApi, type ThunkExtra } from '../../app/switchboardApi';

function via<N extends OperationName>(name: N) {
  return (request: OperationRequest<N>, api: { extra: unknown }) => callOperation((api.extra as ThunkExtra).switchboard, name, request);
}

export const softphoneApi = switchboardApi.injectEndpoints({
  endpoints: (build) => ({
    answerCall: build.mutation<OperationResponse<'answerCall'>, OperationRequest<'answerCall'>>({ queryFn: via('answerCall') }),
    declineCall: build.mutation<OperationResponse<'declineCall'>, OperationRequest<'declineCall'>>({ queryFn: via('declineCall') }),
    hangupCall: build.mutation<OperationResponse<'hangupCall'>, OperationRequest<'hangupCall'>>({ queryFn: via('hangupCall'), invalidatesTags: ['Inbox', 'Outbound'] }),
    holdCall: build.mutation<OperationResponse<'holdCall'>, OperationRequest<'holdCall'>>({ queryFn: via('holdCall') }),
    muteCall: build.mutation<OperationResponse<'muteCall'>, OperationRequest<'muteCall'>>({ queryFn: via('muteCall') }),
    sendDtmf: build.mutation<OperationResponse<'sendDtmf'>, OperationRequest<'sendDtmf'>>({ queryFn: via('sendDtmf') }),
    transferCall: build.mutation<OperationResponse<'transferCall'>, OperationRequest<'transferCall'>>({ queryFn: via('transferCall'), invalidatesTags: ['Inbox', 'Outbound'] }),
    conferenceCalls: build.mutation<OperationResponse<'conferenceCalls'>, OperationRequest<'conferenceCalls'>>({ queryFn: via('conferenceCalls') }),
    /** a number's call; with a work item (callback, progressive entry) main also submits its `dial` */
    placeCall: build.mutation<OperationResponse<'placeCall'>, OperationRequest<'placeCall'>>({ queryFn: via('placeCall'), invalidatesTags: ['Inbox', 'Outbound'] }),
    setAudioDevices: build.mutation<OperationResponse<'setAudioDevices'>, OperationRequest<'setAudioDevices'>>({ queryFn: via('setAudioDevices') }),
  }),
});

export const {
  useAnswerCallMutation,
  useDeclineCallMutation,
  useHangupCallMutation,
  useHoldCallMutation,
  useMuteCallMutation,
  useSendDtmfMutation,
  useTransferCallMutation,
  useConferenceCallsMutation,
  usePlaceCallMutation,
  useSetAudioDevicesMutation,
} = softphoneApi;
