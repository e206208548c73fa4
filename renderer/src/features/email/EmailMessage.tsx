import type { WorkItem } from '../../../../common/workitem';
import { ChatConversation } from '../chat/ChatConversation';
import './email.css';

/**
 * An email in the active panel: the customer's message as a letter (sender, subject, body), then the
 * agent's replies and the reply composer. Replies travel as the item's messages, as a chat's do, so the
 * email connector sends them on (docs/api.md, POST /v1/workitems/{id}/messages).
 */
export function EmailMessage({ item }: { item: WorkItem }) {
  const sender = item.contact.name && item.contact.email ? `${item.contact.name} <${item.contact.email}>` : (item.contact.name ?? item.contact.email ?? 'Unknown sender');
  return (
    <div className="email" data-testid="email-message">
      <article className="email-letter" aria-label={`Email from ${item.contact.name ?? item.contact.email ?? 'the customer'}`}>
        <dl className="email-headers">
          <dt>From</dt>
          <dd><bdi>{sender}</bdi></dd>
          <dt>Subject</dt>
          <dd><bdi>{item.subject ?? '(no subject)'}</bdi></dd>
        </dl>
        <div className="email-body" data-testid="email-body">
          {item.description ? <bdi>{item.description}</bdi> : <span className="muted">This email has no text.</span>}
        </div>
      </article>
      <ChatConversation item={item} />
    </div>
  );
}
