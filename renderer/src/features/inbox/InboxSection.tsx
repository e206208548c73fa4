import { useAppSelector } from '../../app/hooks';
import { useListInboxQuery } from '../../app/switchboardApi';
import { errorMessage } from '../../shared/apiError';
import { CreateTaskButton } from '../tasks/CreateTaskButton';
import { useNow } from '../../shared/useNow';
import { InboxFilter } from './InboxFilter';
import { selectInboxQuery, selectInboxRows, selectInboxTotal } from './inboxSelectors';
import { InboxTable } from './InboxTable';

export const INBOX_PAGE_ROWS = 50;

export function InboxSection() {
  const query = useAppSelector(selectInboxQuery);
  const { error, isLoading } = useListInboxQuery(query === '' ? { rows: INBOX_PAGE_ROWS } : { q: query, rows: INBOX_PAGE_ROWS });
  const rows = useAppSelector(selectInboxRows);
  const total = useAppSelector(selectInboxTotal);
  // Due labels change at midnight, not every second.
  const now = useNow(60_000);
  return (
    <section className="card inbox" aria-labelledby="inbox-title">
      <header className="card-header">
        <div className="card-title">
          <h2 id="inbox-title" tabIndex={-1}>
            Inbox <span className="count" aria-label={`${total} items`}>{total}</span>
          </h2>
          <CreateTaskButton />
        </div>
        <InboxFilter error={errorMessage(error)} />
      </header>
      {isLoading ? (
        <p className="empty">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">{query === '' ? 'Your inbox is empty. New work appears here as it is offered.' : 'No items match this filter.'}</p>
      ) : (
        <InboxTable rows={rows} now={now} />
      )}
    </section>
  );
}
