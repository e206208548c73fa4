/**
 * The dialer panel as a small state machine: closed → open (empty, or with a number from a `tel:` link)
 * → closed when the agent closes it or once the call it placed exists. `request` counts openings, so the
 * panel starts afresh (new number, focus in the field) each time, even while already open.
 */
import { createSlice } from '@reduxjs/toolkit';
import { switchboardApi } from '../../app/switchboardApi';
import type { RootState } from '../../app/store';
import { isSignedOut } from '../session/sessionEvents';
import { isOutboundCallRequest } from './dialNumber';
import { dialRequested, dialerClosed, dialerOpened } from './dialerEvents';

export type DialerState = { open: boolean; number: string; request: number };
const initialState: DialerState = { open: false, number: '', request: 0 };

const dialerSlice = createSlice({
  name: 'dialer',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(dialRequested, (state, { payload }) => ({ open: true, number: payload.number.trim(), request: state.request + 1 }))
      .addCase(dialerOpened, (state) => ({ open: true, number: '', request: state.request + 1 }))
      .addCase(dialerClosed, (state) => ({ ...state, open: false, number: '' }))
      .addMatcher(switchboardApi.endpoints.createTask.matchFulfilled, (state, action) => {
        // The call now shows in the active panel with its own controls; the dialer has done its job.
        if (isOutboundCallRequest(action.meta.arg.originalArgs)) return { ...state, open: false, number: '' };
      })
      .addMatcher(isSignedOut, (state) => ({ ...initialState, request: state.request }));
  },
});

export const dialerReducer = dialerSlice.reducer;
export const selectDialer = (state: RootState) => state.dialer;
