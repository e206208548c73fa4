import { useEffect, useRef } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useHangupMutation, useHoldMutation, useSetTaskStatusMutation } from '../../app/switchboardApi';
import { ChatConversation } from '../chat/ChatConversation';
import { ItemNotes } from '../chat/ItemNotes';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, priorityLabel, stateLabel } from '../inbox/itemLabels';
import { hangupLabel, itemControls } from './itemControls';
import { useAppSelector } from '../../app/hooks';
import { selectCallForItem } from '../softphone/softphoneSelectors';

/** One item the agent is working: what it is, and Hold / Resume / Hang up, or Start / Complete for a task. */
export function ActiveItemPanel({ item }: { item: WorkItem }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [hold, holding] = useHoldMutation();
  const [hangup, hangingUp] = useHangupMutation();
  const [setTaskStatus, settingStatus] = useSetTaskStatusMutation();
  // A call item with a live call is held and hung up through the call's own controls (features/softphone).
  const call = useAppSelector((state) => selectCallForItem(state, item.workitemId));
  const controls = call ? { ...itemControls(item), hold: false, resume: false, hangup: false } : itemControls(item);
  const busy = holding.isLoading || hangingUp.isLoading || settingStatus.isLoading;
  const titleId = `active-${item.workitemId}-title`;

  // Accepting moves the agent here: put focus on the item they just took.
  useEffect(() => headingRef.current?.focus(), []);

  const contact = [item.contact.name, item.contact.phone, item.contact.email].filter(Boolean).join(' · ');
  return (
    <section className="card work-panel" aria-labelledby={titleId} data-testid="active-item" data-workitem-id={item.workitemId} data-state={item.state}>
      <header className="card-header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {displaySubject(item)} <KindBadge kind={item.type} />
        </h2>
        <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
      </header>
      <dl className="facts">
        {contact && (<><dt>Contact</dt><dd>{contact}</dd></>)}
        <dt>Priority</dt>
        <dd>{priorityLabel(item.priority)}</dd>
        {item.queueId && (<><dt>Queue</dt><dd>{item.queueId}</dd></>)}
        {item.description && (<><dt>Description</dt><dd className="description">{item.description}</dd></>)}
      </dl>
      {item.type === 'chat' && <ChatConversation item={item} />}
      <div className="actions">
        {controls.hold && (
          <button type="button" className="button" disabled={busy} onClick={() => void hold({ workitemId: item.workitemId, hold: true })}>
            Hold
          </button>
        )}
        {controls.resume && (
          <button type="button" className="button" disabled={busy} onClick={() => void hold({ workitemId: item.workitemId, hold: false })}>
            Resume
          </button>
        )}
        {controls.hangup && (
          <button type="button" className="button danger" disabled={busy} onClick={() => void hangup({ workitemId: item.workitemId })}>
            {hangupLabel(item.type)}
          </button>
        )}
        {controls.start && (
          <button type="button" className="button" disabled={busy} onClick={() => void setTaskStatus({ workitemId: item.workitemId, status: 'in_progress' })}>
            Start
          </button>
        )}
        {controls.complete && (
          <button type="button" className="button primary" disabled={busy} onClick={() => void setTaskStatus({ workitemId: item.workitemId, status: 'resolved' })}>
            Complete
          </button>
        )}
      </div>
      <ItemNotes item={item} />
    </section>
  );
}
