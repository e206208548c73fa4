/**
 * Short messages the agent must see: an action the platform refused (and the core rolled back), an action
 * the core could not take, an offer that was withdrawn. Errors stay until dismissed.
 */
import { createSlice, nanoid, type PayloadAction, type UnknownAction } from '@reduxjs/toolkit';
import type { RootState } from '../../app/store';
import { offerRescinded } from '../offers/offerEvents';
import { unpluggedNotice } from '../softphone/devices';
import { mediaDeviceUnplugged, mediaProblem } from '../softphone/softphoneEvents';
import { actionRejected } from './noticeEvents';

export type Notice = { id: string; tone: 'error' | 'info'; message: string };
export type NoticesState = Notice[];

const MAX_NOTICES = 5;
/**
 * The sign-in and Create Task forms and the dialer show their own errors, field by field; queries show
 * theirs where their data would be.
 */
const SHOWN_IN_PLACE = new Set(['signIn', 'createTask', 'createCallback']);

const RESCIND_WORDS: Record<string, string> = {
  RONA: 'it was not answered in time',
  TIMEOUT: 'it timed out',
  CANCELLED: 'the customer or the system cancelled it',
  ACCEPTED_ELSEWHERE: 'another agent accepted it',
};

type RejectedMutation = UnknownAction & {
  payload?: { code?: string; message?: string };
  meta: { arg: { endpointName: string; type?: string } };
};

function isRejectedMutation(action: UnknownAction): action is RejectedMutation {
  const meta = (action as Partial<RejectedMutation>).meta;
  return action.type.startsWith('switchboardApi/') && action.type.endsWith('/rejected') && meta?.arg?.type === 'mutation';
}

function push(state: NoticesState, tone: Notice['tone'], message: string): void {
  state.push({ id: nanoid(), tone, message });
  if (state.length > MAX_NOTICES) state.splice(0, state.length - MAX_NOTICES);
}

const noticesSlice = createSlice({
  name: 'notices',
  initialState: [] as NoticesState,
  reducers: {
    noticeDismissed(state, action: PayloadAction<string>) {
      return state.filter((notice) => notice.id !== action.payload);
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(actionRejected, (state, { payload }) => {
        push(state, 'error', `The platform refused ${payload.operation}: ${payload.error.message}`);
      })
      .addCase(offerRescinded, (state, { payload }) => {
        push(state, 'info', `Offer withdrawn: ${RESCIND_WORDS[payload.reason] ?? payload.reason}.`);
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
export const { noticeDismissed } = noticesSlice.actions;
export const selectNotices = (state: RootState) => state.notices;
