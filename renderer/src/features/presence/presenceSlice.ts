import { createSlice, isAnyOf } from '@reduxjs/toolkit';
import type { AgentPresence } from '../../../../common/api';
import { switchboardApi } from '../../app/switchboardApi';
import type { RootState } from '../../app/store';
import { isSignedOut } from '../session/sessionEvents';
import { presenceChanged } from './presenceEvents';

export type PresenceSliceState = { current: AgentPresence | null };
const initialState: PresenceSliceState = { current: null };

const presenceReported = isAnyOf(
  presenceChanged,
  switchboardApi.endpoints.getPresence.matchFulfilled,
  switchboardApi.endpoints.setPresence.matchFulfilled,
);

const presenceSlice = createSlice({
  name: 'presence',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addMatcher(presenceReported, (state, { payload }) => {
        // A slow answer must not undo a later change (a RONA moving the agent to not ready).
        if (state.current === null || payload.since >= state.current.since) state.current = payload;
      })
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const presenceReducer = presenceSlice.reducer;
export const selectPresence = (state: RootState) => state.presence.current;
