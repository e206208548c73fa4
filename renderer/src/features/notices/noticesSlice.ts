/**
 * Short messages the agent must see: an action the platform refused (and the core rolled back), an action
 * the core could not take, an offer that was withdrawn (posted by a listener, which can name the item).
 * Each leaves after `ttlMs` (Notices.tsx runs the clock, paused while the agent points at or focuses
 * one); none here needs an action, so none stays for good.
 */
import { createSlice, nanoid, type PayloadAction, type UnknownAction } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store';
import { unpluggedNotice } from '../softphone/devices';
import { mediaDeviceUnplugged, mediaProblem } from '../softphone/softphoneEvents';
import { actionRejected } from './noticeEvents';

export type Notice = { id: string; tone: 'error' | 'info'; message: string; ttlMs: number };
export type NoticesState = Notice[];

const MAX_NOTICES = 5;
/** Long enough to read twice; errors longer, since they usually mean something must be done again. */
export const NOTICE_TTL_MS: Record<Notice['tone'], number> = { info: 6_000, error: 12_000 };
/**
 * The sign-in and Create Task forms and the dialer show their own errors, field by field; queries show
 * theirs where their data would be.
 */
const SHOWN_IN_PLACE = new Set(['signIn', 'createTask', 'createCallback']);

type RejectedMutation = UnknownAction & {
  payload?: { code?: string; message?: string };
  meta: { arg: { endpointName: string; type?: string } };
};

function isRejectedMutation(action: UnknownAction): action is RejectedMutation {
  const meta = (action as Partial<RejectedMutation>).meta;
  return action.type.startsWith('switchboardApi/') && action.type.endsWith('/rejected') && meta?.arg?.type === 'mutation';
}

function push(state: NoticesState, tone: Notice['tone'], message: string): void {
  state.push({ id: nanoid(), tone, message, ttlMs: NOTICE_TTL_MS[tone] });
  if (state.length > MAX_NOTICES) state.splice(0, state.length - MAX_NOTICES);
}

const noticesSlice = createSlice({
  name: 'notices',
  initialState: [] as NoticesState,
  reducers: {
    noticeDismissed(state, action: PayloadAction<string>) {
      return state.filter((notice) => notice.id !== action.payload);
    },
    noticePosted(state, action: PayloadAction<{ tone: Notice['tone']; message: string }>) {
      push(state, action.payload.tone, action.payload.message);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(actionRejected, (state, { payload }) => {
        push(state, 'error', `The platform refused ${payload.operation}: ${payload.error.message}`);
      })
      .addCase(mediaDeviceUnplugged, (state, { payload }) => push(state, 'info', unpluggedNotice(payload.role, payload.label, payload.inCall)))
      .addCase(mediaProblem, (state, { payload }) => push(state, 'error', payload))
      .addMatcher(isRejectedMutation, (state, action) => {
        const operation = action.meta.arg.endpointName;
        if (SHOWN_IN_PLACE.has(operation) || !action.payload) return;
        push(state, 'error', `Could not ${operation}: ${action.payload.message ?? action.payload.code ?? 'unknown error'}`);
      });
  },
});

export const noticesReducer = noticesSlice.reducer;
export const { noticeDismissed, noticePosted } = noticesSlice.actions;
export const selectNotices = (state: RootState) => state.notices;
