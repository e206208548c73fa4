import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { TruncatedText } from '../../ui/TruncatedText';
import { UnreadBadge } from '../chat/UnreadBadge';
import { itemSelected } from '../workspace/workspaceEvents';
import { DueDate } from './DueDate';
import { pagesWanted, sortChosen } from './inboxEvents';
import { nextSort, pagesNeeded, type SortField } from './inboxPaging';
import { selectQueueLabel } from '../queues/queueSelectors';
import { selectInboxSort } from './inboxSelectors';
import { displaySubject, priorityLabel, stateLabel } from './itemLabels';
import { KindBadge } from './KindBadge';

/** Every row has this height, so the virtual list knows where row N is without measuring. */
const ROW_HEIGHT = 52;

const COLUMNS: { field: SortField; label: string }[] = [
  { field: 'subject', label: 'Subject' },
  { field: 'contactName', label: 'Contact' },
  { field: 'state', label: 'State' },
  { field: 'priority', label: 'Priority' },
  { field: 'dueAt', label: 'Due' },
  { field: 'queueId', label: 'Queue' },
];

/**
 * The inbox as a virtual table: only the rows in view (and a few around them) are in the DOM, so 10,000
 * items scroll like 10. ARIA's table roles with aria-rowcount / aria-rowindex tell screen readers where
 * they are in the whole list. A column header sorts (asc, desc, off); a row opens its item in the centre.
 */
export function InboxTable({ rows, total, now }: { rows: readonly WorkItem[]; total: number; now: number }) {
  const dispatch = useAppDispatch();
  const sort = useAppSelector(selectInboxSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : 0;

  // Near the end of what is loaded, ask for the next page.
  useEffect(() => {
    dispatch(pagesWanted(pagesNeeded(lastIndex, total)));
  }, [dispatch, lastIndex, total]);


  return (
    <div className="inbox-table" role="table" aria-label="Work items" aria-rowcount={rows.length + 1} data-testid="inbox-table">
      <div role="rowgroup" className="inbox-head">
        <div role="row" aria-rowindex={1} className="inbox-row inbox-head-row">
          {COLUMNS.map((column) => {
            const sorted = sort?.field === column.field ? sort.direction : null;
            return (
              <div key={column.field} role="columnheader" className={`cell cell-${column.field}`} aria-sort={sorted === null ? 'none' : sorted === 'asc' ? 'ascending' : 'descending'}>
                <button type="button" className="sort-button" onClick={() => dispatch(sortChosen(nextSort(sort, column.field)))}>
                  {column.label}
                  <span aria-hidden="true" className="sort-mark">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="inbox-scroll" data-testid="inbox-scroll">
        {/* React's style prop writes through the CSSOM, which the CSP allows (it refuses style attributes). */}
        <div role="rowgroup" className="inbox-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((virtual) => {
            const item = rows[virtual.index];
            return (
              <div
                key={item.workitemId}
                role="row"
                aria-rowindex={virtual.index + 2}
                className="inbox-row"
                data-index={virtual.index}
                style={{ transform: `translateY(${virtual.start}px)` }}
                data-testid="inbox-row"
                data-workitem-id={item.workitemId}
                data-state={item.state}
              >
                <div role="cell" className="cell cell-subject">
                  <button type="button" className="link-button" onClick={() => dispatch(itemSelected({ workitemId: item.workitemId }))}>
                    <TruncatedText text={displaySubject(item)} className="subject-text" />
                  </button>
                  <KindBadge kind={item.type} />
                  {item.type === 'chat' && <UnreadBadge count={item.unread} />}
                </div>
                <div role="cell" className="cell cell-contactName">
                  <TruncatedText text={item.contact.name ?? item.contact.phone ?? item.contact.email ?? '—'} />
                </div>
                <div role="cell" className="cell cell-state">
                  <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
                </div>
                <div role="cell" className="cell cell-priority">
                  <span className={`priority priority-${item.priority}`}>{priorityLabel(item.priority)}</span>
                </div>
                <div role="cell" className="cell cell-dueAt">
                  <DueDate dueAt={item.dueAt} now={now} />
                </div>
                <div role="cell" className="cell cell-queueId">
                  <QueueName queueId={item.queueId} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function QueueName({ queueId }: { queueId: string | null }) {
  const name = useAppSelector((state) => selectQueueLabel(state, queueId));
  return <TruncatedText text={name ?? '—'} />;
}
