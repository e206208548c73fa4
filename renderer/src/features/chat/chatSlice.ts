/**
 * Conversations by work item: what the core listed, merged with messages pushed live and the agent's own
 * as they are sent (see conversation.ts for how they combine).
 */
import { createSlice } from '@reduxjs/toolkit';
import type { Message } from '../../../../common/api';
import { actionRejected } from '../notices/noticeEvents';
import { isSignedOut } from '../session/sessionEvents';
import { chatApi } from './chatApi';
import { messageReceived } from './chatEvents';
import { isLocalMessage, mergeMessages, replaceConversation } from './conversation';

export type ChatState = {
  /** workitemId → its messages, oldest first */
  conversations: Record<string, Message[]>;
};

const initialState: ChatState = { conversations: {} };

const chatSlice = createSlice({
  name: 'chat',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(messageReceived, (state, { payload }) => {
        state.conversations[payload.workitemId] = mergeMessages(state.conversations[payload.workitemId] ?? [], [payload]);
      })
      .addCase(actionRejected, (state, { payload }) => {
        // The refused message goes; a fresh listMessages brings back any still waiting to be sent.
        if (payload.operation !== 'sendMessage' || payload.workitemId === null) return;
        const messages = state.conversations[payload.workitemId];
        if (messages) state.conversations[payload.workitemId] = messages.filter((m) => !isLocalMessage(m));
      })
      .addMatcher(chatApi.endpoints.listMessages.matchFulfilled, (state, { payload, meta }) => {
        const workitemId = meta.arg.originalArgs.workitemId;
        state.conversations[workitemId] = replaceConversation(state.conversations[workitemId] ?? [], payload);
      })
      .addMatcher(chatApi.endpoints.sendMessage.matchFulfilled, (state, { payload }) => {
        state.conversations[payload.workitemId] = mergeMessages(state.conversations[payload.workitemId] ?? [], [payload]);
      })
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const chatReducer = chatSlice.reducer;

const NO_MESSAGES: Message[] = [];
export function selectConversation(state: { chat: ChatState }, workitemId: string): Message[] {
  return state.chat.conversations[workitemId] ?? NO_MESSAGES;
}
