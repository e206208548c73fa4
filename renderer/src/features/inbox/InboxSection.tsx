import { useAppSelector } from '../../app/hooks';
import { useListInboxQuery } from '../../app/switchboardApi';
import { errorMessage } from '../../ui/apiError';
import { useNow } from '../../ui/useNow';
import { CreateTaskButton } from '../tasks/CreateTaskButton';
import { InboxFilter } from './InboxFilter';
import { InboxPage } from './InboxPage';
import { inboxPageArgs } from './inboxPaging';
import { selectInboxPages, selectInboxQuery, selectInboxRows, selectInboxSort, selectInboxTotal } from './inboxSelectors';
import { InboxTable } from './InboxTable';

export function InboxSection() {
  const query = useAppSelector(selectInboxQuery);
  const sort = useAppSelector(selectInboxSort);
  const pages = useAppSelector(selectInboxPages);
  // The first page tells loading and errors; later pages load as the list scrolls (InboxPage).
  const { error, isLoading } = useListInboxQuery(inboxPageArgs(query, sort, 0));
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
      {Array.from({ length: pages - 1 }, (_, index) => (
        <InboxPage key={index + 1} query={query} sort={sort} page={index + 1} />
      ))}
      {isLoading ? (
        <p className="empty">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">{query === '' ? 'Your inbox is empty. New work appears here as it is offered.' : 'No items match this filter.'}</p>
      ) : (
        <InboxTable rows={rows} total={total} now={now} />
      )}
    </section>
  );
}
