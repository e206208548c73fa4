import { useEffect, useRef, useState } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useHangupMutation, useHoldMutation, useSetTaskStatusMutation } from '../../app/switchboardApi';
import { ChatConversation } from '../chat/ChatConversation';
import { EmailMessage } from '../email/EmailMessage';
import { ReassignDialog } from '../tasks/ReassignDialog';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, stateLabel } from '../inbox/itemLabels';
import { isTyping } from '../offers/offerKeys';
import { ItemFacts } from '../workspace/ItemFacts';
import { hangupLabel, itemControls } from './itemControls';
import { useAppSelector } from '../../app/hooks';
import { selectCallForItem } from '../softphone/softphoneSelectors';

/** The item the agent is working, in the centre: what it is, and Hold / Resume / Hang up, or Start / Complete for a task. */
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
  const [reassigning, setReassigning] = useState(false);

  // Choosing an item (or accepting it) moves the agent here — but never out of a field they are typing in.
  useEffect(() => {
    if (!isTyping(document.activeElement)) headingRef.current?.focus();
  }, []);

  return (
    <section className="card work-panel" aria-labelledby={titleId} data-testid="active-item" data-workitem-id={item.workitemId} data-state={item.state}>
      <header className="card-header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="item-title">
          <bdi>{displaySubject(item)}</bdi> <KindBadge kind={item.type} />
        </h2>
        <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
      </header>
      <ItemFacts item={item} showDescription={item.type !== 'email'} />
      {item.type === 'chat' && <ChatConversation item={item} />}
      {item.type === 'email' && <EmailMessage item={item} />}
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
        {controls.complete && (
          <button type="button" className="button" disabled={busy} onClick={() => setReassigning(true)}>
            Reassign…
          </button>
        )}
      </div>
      {reassigning && <ReassignDialog item={item} onClose={() => setReassigning(false)} />}
    </section>
  );
}
