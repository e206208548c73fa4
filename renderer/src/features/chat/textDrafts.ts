/**
 * What the agent has typed but not yet sent, per item: a chat reply and a note. Kept in the store (the
 * composers unmount when the centre switches to another interaction) so switching away and back keeps the
 * text. Sending clears it; a draft also goes when its item is finished or removed, and at sign-out.
 */
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { FINAL_STATES } from '../../../../common/vocabulary';
import type { RootState } from '../../app/store';
import { itemsChanged } from '../inbox/inboxEvents';
import { isSignedOut } from '../session/sessionEvents';

export type DraftKind = 'reply' | 'note';
type ItemDrafts = Partial<Record<DraftKind, string>>;

const textDraftsSlice = createSlice({
  name: 'textDrafts',
  initialState: {} as Record<string, ItemDrafts>,
  reducers: {
    /** An empty text removes the draft (that is also how sending clears it). */
    textDraftChanged(state, { payload }: PayloadAction<{ workitemId: string; kind: DraftKind; text: string }>) {
      const drafts = { ...state[payload.workitemId] };
      if (payload.text === '') delete drafts[payload.kind];
      else drafts[payload.kind] = payload.text;
      if (Object.keys(drafts).length === 0) delete state[payload.workitemId];
      else state[payload.workitemId] = drafts;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(itemsChanged, (state, { payload }) => {
        for (const item of payload.items) if (FINAL_STATES.includes(item.state)) delete state[item.workitemId];
        for (const id of payload.removed) delete state[id];
      })
      .addMatcher(isSignedOut, () => ({}));
  },
});

export const textDraftsReducer = textDraftsSlice.reducer;
export const { textDraftChanged } = textDraftsSlice.actions;
export const selectTextDraft = (state: RootState, workitemId: string, kind: DraftKind): string => state.textDrafts[workitemId]?.[kind] ?? '';
