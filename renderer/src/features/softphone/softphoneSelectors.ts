import { createSelector } from '@reduxjs/toolkit';
import type { CallState } from '../../../../common/call-state';
import type { CallView } from '../../../../common/softphone-api';
import type { HeadsetCallSituation } from '../../../../common/webhid-telephony';
import type { RootState } from '../../app/store';
import { selectOffers } from '../offers/offerSelectors';
import { resolveDevice, type DeviceRole, type ResolvedDevice } from './devices';
import { callsAdapter } from './softphoneSlice';

const callSelectors = callsAdapter.getSelectors((state: RootState) => state.softphone.calls);

const LIVE: ReadonlySet<CallState> = new Set(['ringing', 'answering', 'dialing', 'alerting', 'active', 'holding', 'held', 'resuming', 'transferring', 'ending']);
/** States where the agent is talking or holding someone (controls apply). */
const CONNECTED: ReadonlySet<CallState> = new Set(['answering', 'active', 'holding', 'held', 'resuming', 'transferring']);

export const isLive = (call: CallView) => LIVE.has(call.state);
export const isConnected = (call: CallView) => CONNECTED.has(call.state);

export const selectCalls = callSelectors.selectAll;
export const selectLiveCalls = createSelector([selectCalls], (calls) => calls.filter(isLive));
/** A call the agent must answer by hand: ringing and not one the desktop answers itself. */
export const selectRingingCalls = createSelector([selectLiveCalls], (calls) => calls.filter((c) => c.state === 'ringing' && !c.autoAnswer));
/** The call the shortcuts and the headset act on: the one not held, else the first live one. */
export const selectFocusedCall = createSelector([selectLiveCalls], (calls) => calls.find((c) => isConnected(c) && !c.held) ?? calls.find(isConnected) ?? calls[0] ?? null);

export const selectCallForItem = (state: RootState, workitemId: string): CallView | null =>
  selectLiveCalls(state).find((call) => call.workitemId === workitemId) ?? null;
export const selectCallQuality = (state: RootState, callId: string) => state.softphone.quality[callId] ?? null;
export const selectSoftphoneView = (state: RootState) => state.softphone.view;
export const selectHeadset = (state: RootState) => state.softphone.headset;
export const selectHelpOpen = (state: RootState) => state.softphone.helpOpen;
export const selectAudioDevices = (state: RootState) => state.softphone.devices;

/** The devices in use now: the remembered ones if plugged in, else the defaults. */
export const selectDevicesInUse = createSelector(
  [selectAudioDevices, (state: RootState) => state.softphone.view?.devices ?? null],
  (devices, chosen): Record<DeviceRole, ResolvedDevice> => ({
    microphone: resolveDevice(devices, 'microphone', chosen?.microphone ?? null),
    speaker: resolveDevice(devices, 'speaker', chosen?.speaker ?? null),
    ringer: resolveDevice(devices, 'ringer', chosen?.ringer ?? null),
  }),
);

/** Voice offers ringing now (the toast), for the ringer. */
export const selectRingingVoiceOffers = createSelector([selectOffers], (offers) => offers.filter((o) => o.item.channelType === 'voice' && o.answering === null));

/** Should the ringer ring: a voice offer or a direct call waiting for the agent. */
export const selectShouldRing = (state: RootState) => selectRingingVoiceOffers(state).length > 0 || selectRingingCalls(state).length > 0;

/** What the headset's lights and buttons act on. */
export const selectHeadsetSituation = createSelector(
  [selectLiveCalls, selectShouldRing],
  (calls, ringing): { situation: HeadsetCallSituation; muted: boolean; held: boolean } => {
    const connected = calls.find((c) => isConnected(c) && !c.held) ?? calls.find(isConnected);
    if (connected) return { situation: 'in-call', muted: connected.muted, held: connected.held };
    return { situation: ringing ? 'ringing' : 'idle', muted: false, held: false };
  },
);
