/**
 * The chat operations as RTK Query endpoints, injected into the one API slice so the chat feature owns
 * them. The messages themselves live in chatSlice (live events merge into them); these endpoints only
 * ask and send.
 */
import type { OperationRequest, OperationResponse } from '../../../../common/desktop-api';
import { callOperation, switchboardApi, type ThunkExtra } from '../../app/switchboardApi';

type Ref = { workitemId: string };

export const chatApi = switchboardApi.enhanceEndpoints({ addTagTypes: ['Messages'] }).injectEndpoints({
  endpoints: (build) => ({
    listMessages: build.query<OperationResponse<'listMessages'>, Ref>({
      queryFn: (request, api) => callOperation((api.extra as ThunkExtra).switchboard, 'listMessages', request),
      providesTags: (_result, _error, arg) => [{ type: 'Messages', id: arg.workitemId }],
    }),
    sendMessage: build.mutation<OperationResponse<'sendMessage'>, OperationRequest<'sendMessage'>>({
      queryFn: (request, api) => callOperation((api.extra as ThunkExtra).switchboard, 'sendMessage', request),
      // Refused: the conversation as the core has it now, without the message.
      invalidatesTags: (_result, error, arg) => (error ? [{ type: 'Messages', id: arg.workitemId }] : []),
    }),
    markMessagesRead: build.mutation<OperationResponse<'markMessagesRead'>, Ref>({
      queryFn: (request, api) => callOperation((api.extra as ThunkExtra).switchboard, 'markMessagesRead', request),
    }),
    addNote: build.mutation<OperationResponse<'addNote'>, OperationRequest<'addNote'>>({
      queryFn: (request, api) => callOperation((api.extra as ThunkExtra).switchboard, 'addNote', request),
    }),
  }),
});

export const { useListMessagesQuery, useSendMessageMutation, useMarkMessagesReadMutation, useAddNoteMutation } = chatApi;
