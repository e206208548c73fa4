/**
 * What the agent has chosen and written in a wrap-up, per item, kept in the store so switching to another
 * interaction and back (the centre shows one at a time) never loses a disposition code or a note. A draft
 * goes when its item is dispositioned or finished, or at sign-out.
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { FINAL_STATES } from '../../../../common/vocabulary';
import { switchboardApi } from '../../app/switchboardApi';
import type { RootState } from '../../app/store';
import { itemsChanged } from '../inbox/inboxEvents';
import { isSignedOut } from '../session/sessionEvents';

export type WrapUpDraft = { code: string; notes: string };
const EMPTY: WrapUpDraft = { code: '', notes: '' };

const wrapUpDraftsSlice = createSlice({
  name: 'wrapUpDrafts',
  initialState: {} as Record<string, WrapUpDraft>,
  reducers: {
    wrapUpDraftChanged(state, { payload }: PayloadAction<{ workitemId: string } & Partial<WrapUpDraft>>) {
      const { workitemId, ...change } = payload;
      state[workitemId] = { ...(state[workitemId] ?? EMPTY), ...change };
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(itemsChanged, (state, { payload }) => {
        for (const item of payload.items) if (FINAL_STATES.includes(item.state)) delete state[item.workitemId];
        for (const id of payload.removed) delete state[id];
      })
      .addMatcher(switchboardApi.endpoints.disposition.matchFulfilled, (state, { payload }) => {
        delete state[payload.workitemId];
      })
      .addMatcher(isSignedOut, () => ({}));
  },
});

export const wrapUpDraftsReducer = wrapUpDraftsSlice.reducer;
export const { wrapUpDraftChanged } = wrapUpDraftsSlice.actions;
export const selectWrapUpDraft = (state: RootState, workitemId: string): WrapUpDraft => state.wrapUpDrafts[workitemId] ?? EMPTY;
