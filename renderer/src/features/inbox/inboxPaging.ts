/**
 * The inbox is read in pages of INBOX_PAGE_ROWS from the core (which filters, sorts and pages in SQLite),
 * as the agent scrolls the virtual list. Every page of the current filter and sort is one RTK Query
 * cache entry; the rows shown are read from those entries, so going back to an earlier filter shows that
 * filter's rows, never the last page that happened to arrive.
 */
import type { InboxQuery } from '../../../../common/desktop-api';

export const INBOX_PAGE_ROWS = 500;

export type SortDirection = 'asc' | 'desc';
/** The inbox columns that sort, by the query language's field names (common/query/fields.ts). */
export const SORT_FIELDS = ['subject', 'contactName', 'state', 'priority', 'dueAt', 'queueId'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type InboxSort = { field: SortField; direction: SortDirection } | null;

/** The arguments of one page, built in one place so the hook and the selectors name the same cache entry. */
export function inboxPageArgs(query: string, sort: InboxSort, page: number): InboxQuery {
  return {
    ...(query === '' ? {} : { q: query }),
    rows: INBOX_PAGE_ROWS,
    start: page * INBOX_PAGE_ROWS,
    ...(sort === null ? {} : { sort: `${sort.field} ${sort.direction}` }),
  };
}

/** A click on a column: sort by it ascending, then descending, then back to the core's default order. */
export function nextSort(current: InboxSort, field: SortField): InboxSort {
  if (current?.field !== field) return { field, direction: 'asc' };
  return current.direction === 'asc' ? { field, direction: 'desc' } : null;
}

/** How many pages the list needs to show row `lastVisibleIndex` (and the next screenful), given the total. */
export function pagesNeeded(lastVisibleIndex: number, total: number): number {
  const rows = Math.min(total, lastVisibleIndex + 50);
  return Math.max(1, Math.ceil(rows / INBOX_PAGE_ROWS));
}
