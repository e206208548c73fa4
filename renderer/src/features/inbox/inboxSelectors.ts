/**
 * What each part of the screen shows, derived from the inbox entities: the filtered table, the Outbound
 * section (always on top, whatever the filter), the items being worked and the items in wrap-up.
 */
import { createSelector } from '@reduxjs/toolkit';
import { FINAL_STATES, type State } from '../../../../common/vocabulary';
import type { WorkItem } from '../../../../common/workitem';
import type { RootState } from '../../app/store';
import { switchboardApi } from '../../app/switchboardApi';
import { inboxPageArgs } from './inboxPaging';
import { itemsAdapter } from './inboxSlice';

const adapterSelectors = itemsAdapter.getSelectors((state: RootState) => state.inbox);
export const selectItemById = adapterSelectors.selectById;
export const selectAllItems = adapterSelectors.selectAll;
export const selectItemEntities = adapterSelectors.selectEntities;
export const selectInboxQuery = (state: RootState) => state.inbox.query;
export const selectInboxSort = (state: RootState) => state.inbox.sort;
export const selectInboxPages = (state: RootState) => state.inbox.pages;

/** States of an item the agent is working now (shown in the active panel). */
export const WORKED_STATES: readonly State[] = ['accepted', 'active', 'hold', 'conference'];
/** States in which an outbound item is still waiting to be dialed. */
const DIALABLE_STATES: readonly State[] = ['inqueue', 'offered'];

/**
 * An item belongs in the Outbound section while it waits to be dialed: the core listed it as outbound, or
 * the platform offers the `dial` action on it. Once dialed (active) or skipped, it leaves the section.
 */
export function isOutboundReady(item: WorkItem, outboundIds: ReadonlySet<string>): boolean {
  if (!DIALABLE_STATES.includes(item.state)) return false;
  return outboundIds.has(item.workitemId) || item.actions.includes('dial');
}

const selectOutboundIdSet = createSelector([(state: RootState) => state.inbox.outboundIds], (ids) => new Set(ids));

/** Most urgent first (lower priority number), then the earliest scheduled or created. */
function byUrgency(a: WorkItem, b: WorkItem): number {
  const when = (item: WorkItem) => item.callback?.scheduledAt ?? item.dueAt ?? item.createdAt;
  return a.priority - b.priority || when(a) - when(b) || a.workitemId.localeCompare(b.workitemId);
}

export const selectOutboundItems = createSelector([selectAllItems, selectOutboundIdSet], (items, outboundIds) =>
  items.filter((item) => isOutboundReady(item, outboundIds)).sort(byUrgency),
);

/**
 * Callbacks with a scheduled time that are not (yet) ready to dial and not finished: the agent's view of
 * what is coming, soonest first.
 */
export const selectScheduledCallbacks = createSelector([selectAllItems, selectOutboundIdSet], (items, outboundIds) =>
  items
    .filter((item) => item.type === 'callback' && item.callback?.scheduledAt != null && !FINAL_STATES.includes(item.state) && !isOutboundReady(item, outboundIds))
    .sort((a, b) => a.callback!.scheduledAt! - b.callback!.scheduledAt! || a.workitemId.localeCompare(b.workitemId)),
);

/** The loaded pages of the current filter and sort, as RTK Query holds them (undefined while one loads). */
const selectLoadedPages = createSelector(
  [(state: RootState) => state, selectInboxQuery, selectInboxSort, selectInboxPages],
  (state, query, sort, pages) => Array.from({ length: pages }, (_, page) => switchboardApi.endpoints.listInbox.select(inboxPageArgs(query, sort, page))(state).data),
  // The whole state changes on every action; only the pages' data matter for the result.
  { memoizeOptions: { resultEqualityCheck: (a: unknown[], b: unknown[]) => a.length === b.length && a.every((page, i) => page === b[i]) } },
);

/**
 * The rows of the current filter and sort in the core's order, without the outbound items (they have
 * their own section) and without an id a shifted page repeats.
 */
export const selectInboxRows = createSelector([selectLoadedPages, selectItemEntities, selectOutboundIdSet], (pages, entities, outboundIds) => {
  const seen = new Set<string>();
  const rows: WorkItem[] = [];
  for (const page of pages) {
    for (const { workitemId } of page?.items ?? []) {
      const item = entities[workitemId];
      if (seen.has(workitemId) || item === undefined || isOutboundReady(item, outboundIds)) continue;
      seen.add(workitemId);
      rows.push(item);
    }
  }
  return rows;
});

export const selectWorkedItems = createSelector([selectAllItems], (items) =>
  items
    .filter((item) => WORKED_STATES.includes(item.state))
    .sort((a, b) => (a.assignedAt ?? a.createdAt) - (b.assignedAt ?? b.createdAt)),
);

export const selectWrapUpItems = createSelector([selectAllItems], (items) =>
  items.filter((item) => item.state === 'terminated').sort((a, b) => (a.terminatedAt ?? 0) - (b.terminatedAt ?? 0)),
);

/** Items matching the filter (the first page's count), less those loaded that show in the Outbound section instead. */
export const selectInboxTotal = createSelector([selectLoadedPages, selectInboxRows], (pages, rows) => {
  const loaded = pages.reduce((sum, page) => sum + (page?.items.length ?? 0), 0);
  return Math.max(0, (pages[0]?.total ?? 0) - Math.max(0, loaded - rows.length));
});
