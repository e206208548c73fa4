/**
 * Offers ringing for this agent, keyed by workitemId. The item itself lives in the inbox entities; an
 * offer holds only its deadline and whether the agent has already answered it.
 */
import { createEntityAdapter, createSlice, isAnyOf, type EntityState } from '@reduxjs/toolkit';
import { switchboardApi } from '../../app/switchboardApi';
import { itemsChanged } from '../inbox/inboxEvents';
import { isSignedOut } from '../session/sessionEvents';
import { offerReceived, offerRescinded } from './offerEvents';

export type Offer = {
  workitemId: string;
  expiresAt: number;
  /** set while an Accept or Decline is on its way, so the buttons cannot be pressed twice */
  answering: 'accept' | 'decline' | null;
};

export const offersAdapter = createEntityAdapter<Offer, string>({ selectId: (offer) => offer.workitemId });
export type OffersState = EntityState<Offer, string>;
const initialState: OffersState = offersAdapter.getInitialState();

const { accept, decline } = switchboardApi.endpoints;
const answerPending = isAnyOf(accept.matchPending, decline.matchPending);
const answerFulfilled = isAnyOf(accept.matchFulfilled, decline.matchFulfilled);
const answerRejected = isAnyOf(accept.matchRejected, decline.matchRejected);

const offersSlice = createSlice({
  name: 'offers',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(offerReceived, (state, { payload }) => {
        offersAdapter.setOne(state, { workitemId: payload.item.workitemId, expiresAt: payload.expiresAt, answering: null });
      })
      .addCase(offerRescinded, (state, { payload }) => offersAdapter.removeOne(state, payload.workitemId))
      .addCase(itemsChanged, (state, { payload }) => {
        // An item that left `offered` (accepted, declined, re-routed) no longer rings here.
        const settled = payload.items.filter((item) => item.state !== 'offered').map((item) => item.workitemId);
        offersAdapter.removeMany(state, [...settled, ...payload.removed]);
      })
      .addMatcher(answerPending, (state, action) => {
        const offer = state.entities[action.meta.arg.originalArgs.workitemId];
        if (offer) offer.answering = action.meta.arg.endpointName === 'accept' ? 'accept' : 'decline';
      })
      .addMatcher(answerFulfilled, (state, action) => offersAdapter.removeOne(state, action.meta.arg.originalArgs.workitemId))
      .addMatcher(answerRejected, (state, action) => {
        const offer = state.entities[action.meta.arg.originalArgs.workitemId];
        if (offer) offer.answering = null;
      })
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const offersReducer = offersSlice.reducer;
