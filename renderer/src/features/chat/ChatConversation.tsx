import { useEffect, useRef } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useAppSelector } from '../../app/hooks';
import { errorMessage } from '../../ui/apiError';
import { useNow } from '../../ui/useNow';
import { selectConnection } from '../connection/connectionSlice';
import './chat.css';
import { useListMessagesQuery, useMarkMessagesReadMutation, useSendMessageMutation } from './chatApi';
import { selectConversation } from './chatSlice';
import { isLocalMessage } from './conversation';
import { ReplyBox } from './ReplyBox';
import { timeLabel } from './timeLabel';

/** A chat's conversation in the active panel: the customer's and the agent's messages, live, and the reply box. */
export function ChatConversation({ item }: { item: WorkItem }) {
  const workitemId = item.workitemId;
  const { error, isLoading, refetch } = useListMessagesQuery({ workitemId }, { refetchOnMountOrArgChange: true });
  const messages = useAppSelector((state) => selectConversation(state, workitemId));
  const [sendMessage, sending] = useSendMessageMutation();
  const [markRead] = useMarkMessagesReadMutation();
  const online = useAppSelector(selectConnection)?.state === 'online';
  const now = useNow(60_000);
  const logRef = useRef<HTMLDivElement>(null);
  const customer = item.contact.name ?? item.contact.email ?? item.contact.phone ?? 'the customer';

  // Back online: the conversation as the platform has it (messages sent meanwhile now carry their real ids).
  useEffect(() => {
    // RTK Query's refetch resolves with the outcome in the hook's state and never rejects: nothing to await.
    if (online) void refetch();
  }, [online, refetch]);

  // The agent sees the conversation here, so what the customer wrote counts as read.
  const unread = item.unread ?? 0;
  useEffect(() => {
    if (unread > 0 && online) void markRead({ workitemId });
  }, [unread, online, workitemId, markRead]);

  // The newest message in view, as in every chat client.
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  const canReply = item.state === 'active' || item.state === 'accepted' || item.state === 'conference';
  return (
    <div className="chat" data-testid="chat-conversation">
      {/* The log role on a wrapper: on the list itself it would hide the list semantics of its items. */}
      <div className="chat-log" ref={logRef} role="log" aria-live="polite" aria-label={`Conversation with ${customer}`} tabIndex={0}>
        <ol className="chat-messages">
          {isLoading && messages.length === 0 && <li className="muted chat-status">Loading the conversation…</li>}
          {!isLoading && messages.length === 0 && <li className="muted chat-status">No messages yet.</li>}
          {messages.map((message) => (
            <li
              key={message.messageId}
              className={`chat-message chat-${message.from}${isLocalMessage(message) ? ' chat-pending' : ''}`}
              data-testid="chat-message"
              data-from={message.from}
              data-message-id={message.messageId}
            >
              <div className="chat-meta">
                <span className="chat-author">{message.from === 'agent' ? `${message.author} (agent)` : message.author}</span>{' '}
                <time dateTime={new Date(message.at).toISOString()}>{timeLabel(message.at, now)}</time>
                {isLocalMessage(message) && <span className="chat-sending"> · sending…</span>}
              </div>
              <p className="chat-text">{message.text}</p>
            </li>
          ))}
        </ol>
      </div>
      {error && <p className="field-error">Could not load the conversation: {errorMessage(error)}</p>}
      {sending.error && <p className="field-error" role="alert">The message was not sent: {errorMessage(sending.error)}</p>}
      {canReply && <ReplyBox workitemId={workitemId} onSend={(text) => void sendMessage({ workitemId, text })} />}
    </div>
  );
}
