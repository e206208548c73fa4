import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../../common/api';
import { makeStore } from '../../../../../renderer/src/app/store';
import { connectApi } from '../../../../../renderer/src/app/connectApi';
import { chatApi } from '../../../../../renderer/src/features/chat/chatApi';
import { selectConversation } from '../../../../../renderer/src/features/chat/chatSlice';
import { connectionChanged } from '../../../../../renderer/src/features/connection/connectionEvents';
import { actionRejected } from '../../../../../renderer/src/features/notices/noticeEvents';
import { fakeSwitchboard, ok } from '../../fixtures';

const AT = 1_700_000_000_000;
const msg = (messageId: string, text: string, from: Message['from'] = 'customer', at = AT): Message => ({ messageId, workitemId: 'wi_chat', from, author: from === 'agent' ? 'alice' : 'Cathy', text, at });

function setup() {
  const api = fakeSwitchboard();
  api.handle('getSession', () => ok({ agent: null, platformUrl: null, tokenInMemoryOnly: false }));
  api.handle('getConnection', () => ok({ state: 'online', since: AT, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null }));
  const store = makeStore(api);
  connectApi(store, api);
  return { api, store, conversation: () => selectConversation(store.getState(), 'wi_chat').map((m) => `${m.messageId} ${m.text}`) };
}

describe('chat slice', () => {
  it('loads a conversation, and live messages from the core join it', async () => {
    const { api, store, conversation } = setup();
    api.handle('listMessages', () => ok([msg('msg_1', 'Hello')]));
    await store.dispatch(chatApi.endpoints.listMessages.initiate({ workitemId: 'wi_chat' }));
    expect(conversation()).toEqual(['msg_1 Hello']);
    api.emit('messageReceived', msg('msg_2', 'Are you there?', 'customer', AT + 10));
    expect(conversation()).toEqual(['msg_1 Hello', 'msg_2 Are you there?']);
    // The same message twice (event and answer) shows once.
    api.emit('messageReceived', msg('msg_2', 'Are you there?', 'customer', AT + 10));
    expect(conversation()).toHaveLength(2);
  });

  it('the agent’s reply shows at once (the core’s optimistic message) and is replaced by the platform’s copy', async () => {
    const { api, store, conversation } = setup();
    api.handle('sendMessage', (request) => {
      api.emit('messageReceived', msg('local-1', request.text, 'agent', AT + 1));
      return ok(msg('msg_7', request.text, 'agent', AT + 2));
    });
    const sending = store.dispatch(chatApi.endpoints.sendMessage.initiate({ workitemId: 'wi_chat', text: 'Let me check' }));
    expect(conversation()).toEqual(['local-1 Let me check']);
    await sending;
    expect(conversation()).toEqual(['msg_7 Let me check']);
    expect(api.calls.filter((c) => c.name === 'sendMessage').map((c) => c.request)).toEqual([{ workitemId: 'wi_chat', text: 'Let me check' }]);
  });

  it('a refused message leaves the conversation', () => {
    const { api, store, conversation } = setup();
    api.emit('messageReceived', msg('msg_1', 'Hello'));
    api.emit('messageReceived', msg('local-1', 'Too late', 'agent', AT + 1));
    store.dispatch(actionRejected({ operation: 'sendMessage', workitemId: 'wi_chat', error: { code: 'ILLEGAL_TRANSITION', message: 'ended' } }));
    expect(conversation()).toEqual(['msg_1 Hello']);
  });

  it('forgets every conversation when the agent signs out', () => {
    const { api, store, conversation } = setup();
    api.emit('messageReceived', msg('msg_1', 'Hello'));
    store.dispatch(connectionChanged({ state: 'signed_out', since: AT, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null }));
    expect(conversation()).toEqual([]);
  });
});
