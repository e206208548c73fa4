import { useListInboxQuery } from '../../app/switchboardApi';
import type { InboxSort } from './inboxPaging';
import { inboxPageArgs } from './inboxPaging';

/**
 * Keeps one page of the inbox subscribed (loaded, and refetched when the core reports changes). Renders
 * nothing: the rows are read from the cache by selectInboxRows.
 */
export function InboxPage({ query, sort, page }: { query: string; sort: InboxSort; page: number }) {
  useListInboxQuery(inboxPageArgs(query, sort, page));
  return null;
}
