import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../../common/api';
import { isLocalMessage, mergeMessages, replaceConversation } from '../../../../../renderer/src/features/chat/conversation';

const AT = 1_700_000_000_000;
const msg = (messageId: string, text: string, from: Message['from'] = 'customer', at = AT): Message => ({ messageId, workitemId: 'wi_chat', from, author: from === 'agent' ? 'alice' : 'Cathy', text, at });

describe('conversation', () => {
  it('merges by messageId, oldest first', () => {
    const merged = mergeMessages([msg('msg_2', 'later', 'customer', AT + 2)], [msg('msg_1', 'first'), msg('msg_2', 'later', 'customer', AT + 2)]);
    expect(merged.map((m) => m.messageId)).toEqual(['msg_1', 'msg_2']);
  });

  it('the platform’s copy of the agent’s message takes the local one’s place', () => {
    const local = msg('local-abc', 'Hi Cathy', 'agent', AT + 1);
    expect(isLocalMessage(local)).toBe(true);
    const merged = mergeMessages([msg('msg_1', 'Hello'), local], [msg('msg_9', 'Hi Cathy', 'agent', AT + 3)]);
    expect(merged.map((m) => m.messageId)).toEqual(['msg_1', 'msg_9']);
    // A customer writing the same words is a new message, not a confirmation.
    const echoed = mergeMessages([local], [msg('msg_10', 'Hi Cathy', 'customer', AT + 4)]);
    expect(echoed.map((m) => m.messageId)).toEqual(['local-abc', 'msg_10']);
  });

  it('a listed conversation keeps what arrived live since, and drops local messages it no longer lists', () => {
    const current = [msg('msg_1', 'Hello'), msg('local-x', 'refused', 'agent', AT + 1), msg('msg_live', 'Are you there?', 'customer', AT + 5)];
    const listed = [msg('msg_1', 'Hello')];
    expect(replaceConversation(current, listed).map((m) => m.messageId)).toEqual(['msg_1', 'msg_live']);
  });
});
