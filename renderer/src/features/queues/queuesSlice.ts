/**
 * Live figures of the agent's queues (seed 002's inbox of queues), keyed by queueId. Both sources — the
 * listQueues answer and the pushed `queuesChanged` — carry the whole list, so each replaces what was shown.
 */
import { createEntityAdapter, createSlice, isAnyOf, type EntityState } from '@reduxjs/toolkit';
import type { QueueFigures } from '../../../../common/api';
import { switchboardApi } from '../../app/switchboardApi';
import { isSignedOut } from '../session/sessionEvents';
import { queuesChanged } from './queuesEvents';

export const queuesAdapter = createEntityAdapter<QueueFigures, string>({
  selectId: (queue) => queue.queueId,
  sortComparer: (a, b) => a.name.localeCompare(b.name) || a.queueId.localeCompare(b.queueId),
});

export type QueuesState = EntityState<QueueFigures, string> & { loaded: boolean };
const initialState: QueuesState = queuesAdapter.getInitialState({ loaded: false });

const queuesReported = isAnyOf(queuesChanged, switchboardApi.endpoints.listQueues.matchFulfilled);

const queuesSlice = createSlice({
  name: 'queues',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addMatcher(queuesReported, (state, { payload }) => {
        queuesAdapter.setAll(state, payload);
        state.loaded = true;
      })
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const queuesReducer = queuesSlice.reducer;
