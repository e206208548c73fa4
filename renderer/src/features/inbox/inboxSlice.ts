/**
 * The agent's work items as the core's cache reports them, keyed by workitemId, plus the inbox's filter,
 * sort and how many pages of it the list has asked for (the pages' ids stay in RTK Query's cache; see
 * inboxPaging.ts). Every source of items (a page, a pushed change, an offer, an action's result) goes
 * through `applyItems`, which never lets an older version overwrite a newer one.
 */
import { createEntityAdapter, createSlice, isAnyOf, type EntityState } from '@reduxjs/toolkit';
import type { WorkItem } from '../../../../common/workitem';
import { ITEM_MUTATIONS, switchboardApi } from '../../app/switchboardApi';
import { offerReceived } from '../offers/offerEvents';
import { isSignedOut } from '../session/sessionEvents';
import { filterApplied, itemsChanged, pagesWanted, sortChosen } from './inboxEvents';
import type { InboxSort } from './inboxPaging';

export const itemsAdapter = createEntityAdapter<WorkItem, string>({ selectId: (item) => item.workitemId });

export type InboxState = EntityState<WorkItem, string> & {
  /** the filter in the query language; '' for none */
  query: string;
  /** the column the inbox is sorted by, or null for the core's default order */
  sort: InboxSort;
  /** pages of the current filter and sort the list has asked for (1 until it scrolls past the first) */
  pages: number;
  /** ids the core listed as the Outbound section (callbacks ready to dial, progressive dial) */
  outboundIds: string[];
};

const initialState: InboxState = itemsAdapter.getInitialState({ query: '', sort: null, pages: 1, outboundIds: [] });

function applyItems(state: InboxState, items: readonly WorkItem[]): void {
  const newer = items.filter((item) => {
    const known = state.entities[item.workitemId];
    return known === undefined || item.version >= known.version;
  });
  itemsAdapter.setMany(state, newer);
}

const itemMutationFulfilled = isAnyOf(...ITEM_MUTATIONS.map((name) => switchboardApi.endpoints[name].matchFulfilled));

const inboxSlice = createSlice({
  name: 'inbox',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(itemsChanged, (state, { payload }) => {
        applyItems(state, payload.items);
        itemsAdapter.removeMany(state, payload.removed);
        const removed = new Set(payload.removed);
        state.outboundIds = state.outboundIds.filter((id) => !removed.has(id));
      })
      .addCase(offerReceived, (state, { payload }) => applyItems(state, [payload.item]))
      .addCase(filterApplied, (state, { payload }) => {
        state.query = payload.trim();
        state.pages = 1;
      })
      .addCase(sortChosen, (state, { payload }) => {
        state.sort = payload;
        state.pages = 1;
      })
      .addCase(pagesWanted, (state, { payload }) => {
        state.pages = Math.max(state.pages, payload);
      })
      .addMatcher(switchboardApi.endpoints.listInbox.matchFulfilled, (state, { payload }) => applyItems(state, payload.items))
      .addMatcher(switchboardApi.endpoints.listOutbound.matchFulfilled, (state, { payload }) => {
        applyItems(state, payload);
        state.outboundIds = payload.map((item) => item.workitemId);
      })
      .addMatcher(itemMutationFulfilled, (state, { payload }) => applyItems(state, [payload]))
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const inboxReducer = inboxSlice.reducer;
