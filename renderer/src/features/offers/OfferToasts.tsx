import { useEffect, useRef } from 'react';
import { useAppSelector } from '../../app/hooks';
import { useAcceptMutation, useDeclineMutation } from '../../app/switchboardApi';
import { Countdown } from '../../ui/Countdown';
import { useNow } from '../../ui/useNow';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, priorityLabel } from '../inbox/itemLabels';
import { useKeymap } from '../shortcuts/useKeymap';
import { isTyping, offerKey } from './offerKeys';
import { selectQueueLabel } from '../queues/queueSelectors';
import { offerTitle, ringingOrder } from './offerOrder';
import { isRinging, selectOffers, type OfferView } from './offerSelectors';

export function OfferToasts() {
  const now = useNow(250);
  const offers = ringingOrder(useAppSelector(selectOffers).filter((offer) => isRinging(offer, now)));
  const [accept] = useAcceptMutation();
  const [decline] = useDeclineMutation();
  const first = offers[0];
  const keymap = useKeymap();

  useEffect(() => {
    if (!first || first.answering) return;
    const onKey = (event: KeyboardEvent) => {
      const key = offerKey(event, keymap, isTyping(document.activeElement));
      if (key === null) return;
      event.preventDefault();
      // A keyboard handler cannot wait; the mutation's outcome shows in the hook's state (it never rejects).
      void (key === 'accept' ? accept : decline)({ workitemId: first.workitemId });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [first, accept, decline, keymap]);

  if (offers.length === 0) return null;
  return (
    <div className="toasts" data-testid="offer-toasts">
      {offers.map((offer, index) => (
        <OfferToast
          key={offer.workitemId}
          offer={offer}
          now={now}
          takeFocus={index === 0}
          onAccept={() => void accept({ workitemId: offer.workitemId })}
          onDecline={() => void decline({ workitemId: offer.workitemId })}
        />
      ))}
    </div>
  );
}

type ToastProps = { offer: OfferView; now: number; takeFocus: boolean; onAccept: () => void; onDecline: () => void };

function OfferToast({ offer, now, takeFocus, onAccept, onDecline }: ToastProps) {
  const acceptRef = useRef<HTMLButtonElement>(null);
  const keymap = useKeymap();
  const { item } = offer;
  const titleId = `offer-${item.workitemId}-title`;
  const detailId = `offer-${item.workitemId}-detail`;

  // Focus moves to Accept when the offer arrives, unless the agent is typing (see offerKeys.ts).
  useEffect(() => {
    if (takeFocus && !isTyping(document.activeElement)) acceptRef.current?.focus();
  }, [takeFocus]);

  const who = item.contact.name ?? (item.channelType === 'voice' ? null : (item.contact.phone ?? item.contact.email));
  const queue = useAppSelector((state) => selectQueueLabel(state, item.queueId));
  return (
    <div className={`toast toast-${item.channelType === 'voice' ? 'call' : item.type}`} role="alertdialog" aria-labelledby={titleId} aria-describedby={detailId} data-testid="offer-toast" data-workitem-id={item.workitemId}>
      <div className="toast-title" id={titleId}>
        {offerTitle(item)}
      </div>
      <div className="toast-detail" id={detailId}>
        <div>
          <bdi className="subject-text">{displaySubject(item)}</bdi> <KindBadge kind={item.type} />
        </div>
        {item.channelType === 'voice' && item.contact.phone && (
          <div className="toast-caller" data-testid="offer-caller">
            Caller: <bdi className="caller-number">{item.contact.phone}</bdi>
          </div>
        )}
        <div className="muted toast-meta">
          {who && (<><bdi>{who}</bdi> · </>)}
          {queue && (<><span className="visually-hidden">Queue </span><bdi data-testid="offer-queue">{queue}</bdi> · </>)}
          {priorityLabel(item.priority)}
        </div>
      </div>
      <Countdown deadline={offer.expiresAt} startedAt={item.offeredAt} now={now} label="Respond within" />
      <div className="actions">
        <button ref={acceptRef} type="button" className="button primary" disabled={offer.answering !== null} onClick={onAccept} aria-keyshortcuts={keymap.answer.keys}>
          {offer.answering === 'accept' ? 'Accepting…' : 'Accept'}
        </button>
        <button type="button" className="button danger-quiet" disabled={offer.answering !== null} onClick={onDecline} aria-keyshortcuts={keymap.decline.keys}>
          Decline
        </button>
      </div>
      <p className="shortcut-hint muted">
        <kbd>{keymap.answer.keys}</kbd> accept · <kbd>{keymap.decline.keys}</kbd> decline
      </p>
    </div>
  );
}
