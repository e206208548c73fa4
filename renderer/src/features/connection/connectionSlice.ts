import { createSlice } from '@reduxjs/toolkit';
import type { ConnectionState } from '../../../../common/desktop-api';
import { switchboardApi } from '../../app/switchboardApi';
import type { RootState } from '../../app/store';
import { connectionChanged } from './connectionEvents';

/** The core's link to the platform as it last reported it; null until the first report. */
export type ConnectionSliceState = { current: ConnectionState | null };
const initialState: ConnectionSliceState = { current: null };

const connectionSlice = createSlice({
  name: 'connection',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(connectionChanged, (state, { payload }) => {
        state.current = payload;
      })
      // The first answer to getConnection may arrive after a pushed change; keep the pushed one.
      .addMatcher(switchboardApi.endpoints.getConnection.matchFulfilled, (state, { payload }) => {
        if (state.current === null) state.current = payload;
      });
  },
});

export const connectionReducer = connectionSlice.reducer;
export const selectConnection = (state: RootState) => state.connection.current;
