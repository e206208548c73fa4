import { format } from 'date-fns';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { TruncatedText } from '../../ui/TruncatedText';
import { ItemNotes } from '../chat/ItemNotes';
import { selectAllItems } from '../inbox/inboxSelectors';
import { displaySubject, stateLabel } from '../inbox/itemLabels';
import { customerHistory } from './customerHistory';
import { itemSelected } from './workspaceEvents';
import { selectSelectedItem } from './workspaceSelectors';

/** The right pane: who the customer of the selected item is, their past items, notes and activity. */
export function ItemContext() {
  const dispatch = useAppDispatch();
  const item = useAppSelector(selectSelectedItem);
  const all = useAppSelector(selectAllItems);
  if (!item) return null;
  const history = customerHistory(item, all);
  const phone = item.contact.phone ?? item.callback?.phone ?? null;
  return (
    <div className="item-context" data-testid="item-context" data-workitem-id={item.workitemId}>
      <section className="card context-card" aria-labelledby="customer-title">
        <header className="card-header">
          <h2 id="customer-title">Customer</h2>
        </header>
        <dl className="facts">
          <dt>Name</dt>
          <dd><TruncatedText text={item.contact.name ?? 'Unknown'} /></dd>
          {phone && (<><dt>Phone</dt><dd className="phone"><bdi>{phone}</bdi></dd></>)}
          {item.contact.email && (<><dt>E-mail</dt><dd><TruncatedText text={item.contact.email} /></dd></>)}
        </dl>
      </section>
      <section className="card context-card" aria-labelledby="history-title" data-testid="customer-history">
        <header className="card-header">
          <h2 id="history-title">
            Past items <span className="count">{history.length}</span>
          </h2>
        </header>
        {history.length === 0 ? (
          <p className="empty compact">No other items from this customer.</p>
        ) : (
          <ul className="history-list">
            {history.map((past) => (
              <li key={past.workitemId}>
                <button type="button" className="history-entry" onClick={() => dispatch(itemSelected({ workitemId: past.workitemId }))}>
                  <TruncatedText text={displaySubject(past)} />
                  <span className="muted history-meta">
                    {format(past.createdAt, 'd MMM yyyy')} · {stateLabel(past.state)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card context-card" aria-labelledby="notes-title">
        <header className="card-header">
          <h2 id="notes-title">Notes and activity</h2>
        </header>
        <ItemNotes key={item.workitemId} item={item} />
      </section>
    </div>
  );
}
