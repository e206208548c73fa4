/**
 * The softphone as the renderer sees it: serialisable only. Calls (CallViews pushed by the core), each
 * call's latest quality figures, the audio devices the browser lists, the headset's status and whether
 * the shortcut help is open. Peer connections and streams live in media/mediaRegistry.ts, never here.
 */
import { createEntityAdapter, createSlice, type EntityState } from '@reduxjs/toolkit';
import type { CallQuality } from '../../../../common/call-quality';
import type { CallView, SoftphoneView } from '../../../../common/softphone-api';
import { isSignedOut } from '../session/sessionEvents';
import type { DeviceInfo } from './devices';
import { callQualityMeasured, callsChanged, headsetChanged, mediaDevicesListed, mediaEngineAttached, type HeadsetStatus } from './softphoneEvents';

export const callsAdapter = createEntityAdapter<CallView, string>({ selectId: (call) => call.id });

export type SoftphoneState = {
  /** everything of the last view but its calls; null until the core has sent one */
  view: Omit<SoftphoneView, 'calls'> | null;
  calls: EntityState<CallView, string>;
  quality: Record<string, CallQuality>;
  devices: DeviceInfo[];
  headset: HeadsetStatus;
  helpOpen: boolean;
  /** why this window's media engine is not taking calls, if it is not */
  engineError: string | null;
};

const initialState: SoftphoneState = {
  view: null,
  calls: callsAdapter.getInitialState(),
  quality: {},
  devices: [],
  headset: { state: 'none' },
  helpOpen: false,
  engineError: null,
};

const softphoneSlice = createSlice({
  name: 'softphone',
  initialState,
  reducers: {
    shortcutHelpToggled(state) {
      state.helpOpen = !state.helpOpen;
    },
    shortcutHelpClosed(state) {
      state.helpOpen = false;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(callsChanged, (state, { payload }) => {
        const { calls, ...view } = payload;
        state.view = view;
        // The core sends the whole list (live first): replace, so an ended call that scrolled out goes.
        callsAdapter.setAll(state.calls, calls);
        for (const callId of Object.keys(state.quality)) if (!(callId in state.calls.entities)) delete state.quality[callId];
      })
      .addCase(callQualityMeasured, (state, { payload }) => {
        state.quality[payload.callId] = payload.quality;
      })
      .addCase(mediaDevicesListed, (state, { payload }) => {
        state.devices = payload;
      })
      .addCase(mediaEngineAttached, (state, { payload }) => {
        state.engineError = payload.ok ? null : payload.message;
      })
      .addCase(headsetChanged, (state, { payload }) => {
        state.headset = payload;
      })
      .addMatcher(isSignedOut, (state) => ({ ...initialState, devices: state.devices, headset: state.headset, engineError: state.engineError }));
  },
});

export const softphoneReducer = softphoneSlice.reducer;
export const { shortcutHelpToggled, shortcutHelpClosed } = softphoneSlice.actions;
