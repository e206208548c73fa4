/** Who is signed in. `known` turns true once the core has answered, so the screen never flashes sign-in. */
import { createSlice, isAnyOf } from '@reduxjs/toolkit';
import type { Session } from '../../../../common/desktop-api';
import { switchboardApi } from '../../app/switchboardApi';
import type { RootState } from '../../app/store';
import { isSignedOut } from './sessionEvents';

export type SessionState = { known: boolean; session: Session | null };
const initialState: SessionState = { known: false, session: null };

const { getSession, signIn } = switchboardApi.endpoints;

const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addMatcher(isAnyOf(getSession.matchFulfilled, signIn.matchFulfilled), (state, { payload }) => {
        state.known = true;
        state.session = payload;
      })
      .addMatcher(getSession.matchRejected, (state) => {
        state.known = true;
      })
      .addMatcher(isSignedOut, (state) => {
        state.known = true;
        if (state.session) state.session.agent = null;
      });
  },
});

export const sessionReducer = sessionSlice.reducer;
export const selectSessionKnown = (state: RootState) => state.session.known;
export const selectAgent = (state: RootState) => state.session.session?.agent ?? null;
export const selectPlatformUrl = (state: RootState) =>
  state.session.session?.platformUrl ?? state.connection.current?.platformUrl ?? null;
export const selectTokenInMemoryOnly = (state: RootState) => state.session.session?.tokenInMemoryOnly ?? false;
