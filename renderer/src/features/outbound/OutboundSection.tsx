import { format } from 'date-fns';
import type { WorkItem } from '../../../../common/workitem';
import { useAppSelector } from '../../app/hooks';
import { useDialMutation, useListOutboundQuery, useSkipMutation } from '../../app/switchboardApi';
import { selectOutboundItems } from '../inbox/inboxSelectors';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, priorityLabel } from '../inbox/itemLabels';

/** Callbacks ready to dial and progressive-dial entries: always on top of the inbox, whatever the filter. */
export function OutboundSection() {
  useListOutboundQuery();
  const items = useAppSelector(selectOutboundItems);
  if (items.length === 0) return null;
  return (
    <section className="card outbound" aria-labelledby="outbound-title" data-testid="outbound-section">
      <header className="card-header">
        <h2 id="outbound-title">
          Outbound <span className="count">{items.length}</span>
        </h2>
      </header>
      <ul className="outbound-list">
        {items.map((item) => (
          <OutboundRow key={item.workitemId} item={item} />
        ))}
      </ul>
    </section>
  );
}

function OutboundRow({ item }: { item: WorkItem }) {
  const [dial, dialing] = useDialMutation();
  const [skip, skipping] = useSkipMutation();
  const busy = dialing.isLoading || skipping.isLoading;
  const phone = item.callback?.phone ?? item.contact.phone;
  const scheduledAt = item.callback?.scheduledAt ?? null;
  const name = displaySubject(item);
  return (
    <li className="outbound-row" data-testid="outbound-row" data-workitem-id={item.workitemId}>
      <div className="outbound-main">
        <span className="subject-text">{name}</span> <KindBadge kind={item.type} />
        <div className="outbound-meta">
          {phone && <span className="phone">{phone}</span>}
          {item.callback?.reason && <span>{item.callback.reason}</span>}
          <span>{priorityLabel(item.priority)}</span>
          {scheduledAt !== null && <span>Scheduled {format(scheduledAt, 'd MMM HH:mm')}</span>}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => void dial({ workitemId: item.workitemId })} aria-label={`Dial ${name}`}>
          Dial
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void skip({ workitemId: item.workitemId })} aria-label={`Skip ${name}`}>
          Skip
        </button>
      </div>
    </li>
  );
}
