import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { offerReceived } from '../../../../../renderer/src/features/offers/offerEvents';
import { runCallCommand } from '../../../../../renderer/src/features/softphone/callCommands';
import { callQualityMeasured, callsChanged, mediaDevicesListed, mediaDeviceUnplugged } from '../../../../../renderer/src/features/softphone/softphoneEvents';
import {
  selectCallForItem,
  selectDevicesInUse,
  selectFocusedCall,
  selectHeadsetSituation,
  selectLiveCalls,
  selectShouldRing,
} from '../../../../../renderer/src/features/softphone/softphoneSelectors';
import { fakeSwitchboard, ok, settle, workItem } from '../../fixtures';
import { callView, softphoneView } from './support';

function setup() {
  const api = fakeSwitchboard();
  return { api, store: makeStore(api) };
}

describe('softphone state', () => {
  it('keeps the pushed calls and drops the quality of calls that are gone', () => {
    const { store } = setup();
    store.dispatch(callsChanged(softphoneView([callView({ id: 'a' }), callView({ id: 'b', state: 'ended' })])));
    store.dispatch(callQualityMeasured({ callId: 'a', quality: { rttMs: 10, jitterMs: 1, lossPercent: 0, mos: 4.4, warnings: [], packetsReceived: 40 } }));
    expect(selectLiveCalls(store.getState()).map((c) => c.id)).toEqual(['a']);
    expect(store.getState().softphone.quality.a?.mos).toBe(4.4);
    store.dispatch(callsChanged(softphoneView([])));
    expect(store.getState().softphone.quality).toEqual({});
  });

  it('focuses the call that is not held, and finds the call of a work item', () => {
    const { store } = setup();
    store.dispatch(callsChanged(softphoneView([callView({ id: 'held', state: 'held', held: true, workitemId: 'wi_1' }), callView({ id: 'talking', workitemId: 'wi_2' })])));
    expect(selectFocusedCall(store.getState())?.id).toBe('talking');
    expect(selectCallForItem(store.getState(), 'wi_1')?.id).toBe('held');
    expect(selectCallForItem(store.getState(), 'wi_9')).toBeNull();
  });

  it('rings for a voice offer and for a direct call, not for an auto-answered one', () => {
    const { store } = setup();
    expect(selectShouldRing(store.getState())).toBe(false);
    store.dispatch(callsChanged(softphoneView([callView({ state: 'ringing', autoAnswer: true })])));
    expect(selectShouldRing(store.getState())).toBe(false);
    store.dispatch(callsChanged(softphoneView([callView({ state: 'ringing' })])));
    expect(selectShouldRing(store.getState())).toBe(true);
    expect(selectHeadsetSituation(store.getState())).toEqual({ situation: 'ringing', muted: false, held: false });

    const voice = setup().store;
    voice.dispatch(offerReceived({ item: workItem({ state: 'offered', type: 'call', channelType: 'voice' }), expiresAt: Date.now() + 30_000 }));
    expect(selectShouldRing(voice.getState())).toBe(true);
    const task = setup().store;
    task.dispatch(offerReceived({ item: workItem({ state: 'offered' }), expiresAt: Date.now() + 30_000 }));
    expect(selectShouldRing(task.getState())).toBe(false);
  });

  it('tells the headset the call situation for its lights', () => {
    const { store } = setup();
    store.dispatch(callsChanged(softphoneView([callView({ muted: true })])));
    expect(selectHeadsetSituation(store.getState())).toEqual({ situation: 'in-call', muted: true, held: false });
  });

  it('resolves the devices in use from the remembered labels', () => {
    const { store } = setup();
    store.dispatch(callsChanged(softphoneView([], { microphone: 'Jabra Evolve2 65' })));
    store.dispatch(mediaDevicesListed([{ deviceId: 'm1', label: 'Jabra Evolve2 65', kind: 'audioinput' }]));
    expect(selectDevicesInUse(store.getState()).microphone).toEqual({ deviceId: 'm1', label: 'Jabra Evolve2 65', missing: false });
    store.dispatch(mediaDevicesListed([]));
    expect(selectDevicesInUse(store.getState()).microphone.missing).toBe(true);
  });

  it('tells the agent when a device is unplugged mid-call', () => {
    const { store } = setup();
    store.dispatch(mediaDeviceUnplugged({ role: 'microphone', label: 'Jabra Evolve2 65', inCall: true }));
    expect(store.getState().notices.at(-1)?.message).toMatch(/microphone “Jabra Evolve2 65” was unplugged during the call/);
  });
});

describe('call commands (keyboard and headset)', () => {
  it('answers a ringing direct call, or accepts the ringing voice offer', async () => {
    const { api, store } = setup();
    api.handle('answerCall', () => ok(callView({ state: 'answering' })));
    store.dispatch(callsChanged(softphoneView([callView({ id: 'r', state: 'ringing' })])));
    store.dispatch(runCallCommand('answer'));
    await settle();
    expect(api.calls.filter((c) => c.name === 'answerCall')).toEqual([{ name: 'answerCall', request: { callId: 'r' } }]);
  });

  it('holds, resumes, mutes and hangs up the focused call', async () => {
    const { api, store } = setup();
    for (const name of ['holdCall', 'muteCall', 'hangupCall'] as const) api.handle(name, () => ok(callView()));
    store.dispatch(callsChanged(softphoneView([callView({ id: 'x' })])));
    store.dispatch(runCallCommand('toggle-hold'));
    store.dispatch(runCallCommand('toggle-mute'));
    store.dispatch(runCallCommand('unmute')); // already unmuted: nothing to do
    store.dispatch(runCallCommand('hang-up'));
    await settle();
    expect(api.calls.map((c) => [c.name, c.request])).toEqual([
      ['holdCall', { callId: 'x', hold: true }],
      ['muteCall', { callId: 'x', muted: true }],
      ['hangupCall', { callId: 'x' }],
    ]);
    store.dispatch(callsChanged(softphoneView([callView({ id: 'x', state: 'held', held: true })])));
    store.dispatch(runCallCommand('toggle-hold'));
    await settle();
    expect(api.calls.at(-1)).toEqual({ name: 'holdCall', request: { callId: 'x', hold: false } });
  });

  it('does nothing without a call to act on', async () => {
    const { api, store } = setup();
    for (const command of ['answer', 'decline', 'hang-up', 'toggle-hold', 'toggle-mute'] as const) store.dispatch(runCallCommand(command));
    await settle();
    expect(api.calls).toEqual([]);
  });
});
