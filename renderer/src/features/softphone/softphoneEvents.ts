/** Events of the softphone, as Redux actions (things that happened, not setters). */
import { createAction } from '@reduxjs/toolkit';
import type { CallQuality } from '../../../../common/call-quality';
import type { EventPayload } from '../../../../common/desktop-api';
import type { DeviceInfo, DeviceRole } from './devices';

/** The core pushed the softphone's whole view (registration, calls, devices, ICE servers). */
export const callsChanged = createAction<EventPayload<'callsChanged'>>('softphone/callsChanged');
/** The media engine measured a call's quality (once a second). */
export const callQualityMeasured = createAction<{ callId: string; quality: CallQuality }>('softphone/callQualityMeasured');
/** The browser listed its audio devices (at start and on each `devicechange`). */
export const mediaDevicesListed = createAction<DeviceInfo[]>('softphone/mediaDevicesListed');
/** A chosen device was unplugged; the default is used now. */
export const mediaDeviceUnplugged = createAction<{ role: DeviceRole; label: string; inCall: boolean }>('softphone/mediaDeviceUnplugged');
/** Something the agent must know about the media (microphone refused, audio could not play). */
export const mediaProblem = createAction<string>('softphone/mediaProblem');
/** The core took this window's media engine, or refused it (no softphone configured, older core). */
export const mediaEngineAttached = createAction<{ ok: true } | { ok: false; message: string }>('softphone/mediaEngineAttached');
/** A headset's HID buttons are connected, gone, or could not be used. */
export const headsetChanged = createAction<HeadsetStatus>('softphone/headsetChanged');

export type HeadsetStatus =
  | { state: 'unsupported' }
  | { state: 'none' }
  | { state: 'connected'; name: string; controls: string[] }
  | { state: 'error'; message: string };
