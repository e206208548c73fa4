/**
 * Which interaction the centre of the screen shows. The agent's own choice (a click, a key, accepting or
 * dialing an item, a call connecting) is kept here; when nothing is chosen, or the chosen item has
 * been finished, the centre falls back to the most pressing open item (workspaceSelectors.ts).
 */
import { createSlice, isAnyOf } from '@reduxjs/toolkit';
import { FINAL_STATES } from '../../../../common/vocabulary';
import type { WorkItem } from '../../../../common/workitem';
import { ITEM_MUTATIONS, switchboardApi } from '../../app/switchboardApi';
import { itemsChanged } from '../inbox/inboxEvents';
import type { RootState } from '../../app/store';
import { isSignedOut } from '../session/sessionEvents';
import { callConnected, itemSelected } from './workspaceEvents';

export type WorkspaceState = { selectedId: string | null };
const initialState: WorkspaceState = { selectedId: null };

/** Taking an item (accepting an offer, dialing an outbound entry) is choosing to work on it now. */
const itemTaken = isAnyOf(switchboardApi.endpoints.accept.matchFulfilled, switchboardApi.endpoints.dial.matchFulfilled);

const itemMutationFulfilled = isAnyOf(...ITEM_MUTATIONS.map((name) => switchboardApi.endpoints[name].matchFulfilled));

/**
 * The chosen item was just finished (dispositioned, completed, closed): the centre moves on to the next
 * open item instead of keeping a finished one. Only changes count, so an agent who opens a finished item
 * from the inbox keeps it in view.
 */
function forgetIfFinished(state: WorkspaceState, items: readonly WorkItem[]): void {
  const chosen = items.find((item) => item.workitemId === state.selectedId);
  if (chosen && FINAL_STATES.includes(chosen.state)) state.selectedId = null;
}

const workspaceSlice = createSlice({
  name: 'workspace',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(itemSelected, (state, { payload }) => {
        state.selectedId = payload.workitemId;
      })
      .addCase(callConnected, (state, { payload }) => {
        state.selectedId = payload.workitemId;
      })
      .addCase(itemsChanged, (state, { payload }) => {
        forgetIfFinished(state, payload.items);
        if (state.selectedId !== null && payload.removed.includes(state.selectedId)) state.selectedId = null;
      })
      .addMatcher(itemTaken, (state, { payload }) => {
        state.selectedId = payload.workitemId;
      })
      .addMatcher(itemMutationFulfilled, (state, { payload }) => forgetIfFinished(state, [payload]))
      .addMatcher(isSignedOut, () => initialState);
  },
});

export const workspaceReducer = workspaceSlice.reducer;
export const selectChosenId = (state: RootState) => state.workspace.selectedId;
