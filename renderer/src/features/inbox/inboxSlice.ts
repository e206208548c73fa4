/**
 * The agent's work items as the core's cache reports them, keyed by workitemId, plus which of them the
 * current filtered page shows. Every source of items (a page, a pushed change, an offer, an action's
 * result) goes through `applyItems`, which never lets an older version overwrite a newer one.
 */
import { createEntityAdapter, createSlice, isAnyOf, type EntityState } from '@reduxjs/toolkit';
import type { WorkItem } from '../../../../common/workitem';
import { ITEM_MUTATIONS, switchboardApi } from '../../app/switchboardApi';
import { offerReceived } from '../offers/offerEvents';
import { isSignedOut } from '../session/sessionEvents';
import { filterApplied, itemsChanged } from './inboxEvents';

export const itemsAdapter = createEntityAdapter<WorkItem, string>({ selectId: (item) => item.workitemId });

export type InboxState = EntityState<WorkItem, string> & {
  /** ids of the current filtered page, in the core's order */
  visibleIds: string[];
  /** how many items match the filter in all (the page may show fewer) */
  total: number;
  /** the filter in the query language; '' for none */
  query: string;
  /** ids the core listed as the Outbound section (callbacks ready to dial, progressive dial) */
  outboundIds: string[];
};

const initialState: InboxState = itemsAdapter.getInitialState({ visibleIds: [], total: 0, query: '', outboundIds: [] });

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
        state.visibleIds = state.visibleIds.filter((id) => !removed.has(id));
        state.outboundIds = state.outboundIds.filter((id) => !removed.has(id));
      })
      .addCase(offerReceived, (state, { payload }) => applyItems(state, [payload.item]))
      .addCase(filterApplied, (state, { payload }) => {
        state.query = payload.trim();
      })
      .addMatcher(switchboardApi.endpoints.listInbox.matchFulfilled, (state, { payload }) => {
        applyItems(state, payload.items);
        state.visibleIds = payload.items.map((item) => item.workitemId);
        state.total = payload.total;
      })
      .addMatcher(switchboardApi.endpoints.listOutbound.matchFulfilled, (state, { payload }) => {
        applyItems(state, payload);
        state.outboundIds = payload.map((item) => item.workitemId);
      })
      .addMatcher(itemMutationFulfilled, (state, { payload }) => applyItems(state, [payload]))
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const inboxReducer = inboxSlice.reducer;
