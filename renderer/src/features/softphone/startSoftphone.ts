/**
 * Starts the softphone's live parts for this window and ties them to the store: the media engine (attached
 * to the core so main's SessionDescriptionHandler reaches it), the device watcher, the ringer, and the
 * headset. Returns a function that stops them all (window unload, sign-out, tests).
 *
 * The store only ever receives plain data from here; the live objects stay in the modules they belong to.
 */
import type { CallQuality } from '../../../../common/call-quality';
import type { SwitchboardApi } from '../../../../common/desktop-api';
import type { AudioDevices } from '../../../../common/softphone-api';
import { lightsFor } from '../../../../common/webhid-telephony';
import type { AppStore } from '../../app/store';
import { runCallCommand } from './callCommands';
import { repluggedRoles, toDeviceInfo, unpluggedRoles, type DeviceInfo } from './devices';
import { createHeadsetController, type HeadsetController } from './headset';
import { createMediaEngine, type MediaEngine } from './media/mediaEngine';
import { startRinging, type Sound } from './media/tones';
import { callQualityMeasured, callsChanged, headsetChanged, mediaDeviceUnplugged, mediaDevicesListed, mediaEngineAttached, mediaProblem } from './softphoneEvents';
import { selectDevicesInUse, selectHeadsetSituation, selectLiveCalls, selectShouldRing } from './softphoneSelectors';

/** Main keeps the latest figures with the call; every fifth sample (and any change of warnings) is enough. */
const REPORT_EVERY = 5;
/**
 * How long the microphone and peer connection opened while an offer rang wait for its call once the ring
 * stops (Accept → the INVITE takes well under a second; a decline or a rescinded offer leaves them unused).
 */
const PREPARED_MEDIA_GRACE_MS = 10_000;

/** A hidden window paints no frames: the ring must not wait for one longer than this. */
const PAINT_WAIT_LIMIT_MS = 100;

/**
 * Runs `work` once the frame now being prepared has been painted: what an offer starts besides its toast
 * (the ring's audio graph, the call's media) must not stand between the offer and the toast on screen.
 */
function afterNextPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, PAINT_WAIT_LIMIT_MS);
}

let headset: HeadsetController | null = null;
let relistDevices: (() => void) | null = null;

/** Lists the audio devices again (after the microphone was first allowed, labels become readable). */
export function refreshDevices(): void {
  relistDevices?.();
}

/** For the settings screen's "Connect headset" button (a click is needed to ask for a HID device). */
export function requestHeadset(): Promise<void> {
  return headset?.request() ?? Promise.resolve();
}

export function startSoftphone(store: AppStore, switchboard: SwitchboardApi): () => void {
  const { dispatch, getState } = store;
  const engineId = crypto.randomUUID();
  const inUse = () => selectDevicesInUse(getState());

  const samples = new Map<string, { count: number; warnings: string }>();
  function onQuality(callId: string, quality: CallQuality): void {
    dispatch(callQualityMeasured({ callId, quality }));
    const seen = samples.get(callId) ?? { count: 0, warnings: '' };
    const warnings = quality.warnings.join(',');
    if (seen.count % REPORT_EVERY === 0 || warnings !== seen.warnings) {
      const { rttMs, jitterMs, lossPercent, mos } = quality;
      void switchboard.reportCallQuality({ callId, quality: { rttMs, jitterMs, lossPercent, mos, at: Date.now() } });
    }
    samples.set(callId, { count: seen.count + 1, warnings });
  }

  const engine: MediaEngine = createMediaEngine({
    engineId,
    port: switchboard,
    iceServers: () => getState().softphone.view?.iceServers ?? [],
    microphoneId: () => inUse().microphone.deviceId,
    speakerId: () => inUse().speaker.deviceId,
    onQuality,
    onClosed: (callId) => samples.delete(callId),
    onMicrophoneOpened: () => refreshDevices(),
    onProblem: (message) => dispatch(mediaProblem(message)),
  });
  void switchboard.attachMediaEngine({ engineId }).then((result) => {
    if (result.ok) dispatch(callsChanged(result.value));
    // Not a notice: a core without a softphone (no SIP edge) is normal, and the call area says it.
    dispatch(mediaEngineAttached(result.ok ? { ok: true } : { ok: false, message: result.error.message }));
  });

  // --- devices: listed at start and on every change; a chosen one unplugged falls back to the default.
  let listed: DeviceInfo[] = [];
  async function listDevices(): Promise<void> {
    const next = toDeviceInfo(await navigator.mediaDevices.enumerateDevices());
    const chosen = getState().softphone.view?.devices;
    const before = listed;
    listed = next;
    dispatch(mediaDevicesListed(next));
    if (!chosen || before.length === 0) return;
    const inCall = selectLiveCalls(getState()).length > 0;
    const gone = unpluggedRoles(before, next, chosen);
    for (const role of gone) dispatch(mediaDeviceUnplugged({ role, label: chosen[role] ?? '', inCall }));
    const changed = [...gone, ...repluggedRoles(before, next, chosen)];
    if (changed.includes('microphone')) await engine.switchMicrophone();
    if (changed.includes('speaker')) await engine.switchSpeaker();
  }
  const onDeviceChange = () => {
    listDevices().catch((error: unknown) => dispatch(mediaProblem(`The audio devices could not be listed: ${error instanceof Error ? error.message : String(error)}`)));
  };
  navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
  relistDevices = onDeviceChange;
  onDeviceChange();

  // --- headset buttons and lights.
  headset = createHeadsetController({
    situation: () => selectHeadsetSituation(getState()).situation,
    onAction: (action) => dispatch(runCallCommand(action)),
    onStatus: (status) => dispatch(headsetChanged(status)),
  });

  // --- follow the store: the agent's device choice, the ring, the headset's lights.
  let devices: AudioDevices | undefined;
  let ring: Sound | null = null;
  let ringSinks = '';
  /** what the ring follows (whether to ring, and where), as last seen by the store subscription */
  let ringSeen = '';
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const ringSinksOf = (state: ReturnType<typeof getState>): (string | undefined)[] => {
    const resolved = selectDevicesInUse(state);
    return [resolved.ringer.deviceId, resolved.speaker.deviceId];
  };
  const ringKey = (state: ReturnType<typeof getState>): string => (selectShouldRing(state) ? JSON.stringify(ringSinksOf(state)) : '');
  function followRing(): void {
    if (stopped) return;
    const state = getState();
    const shouldRing = selectShouldRing(state);
    const sinks = ringSinksOf(state);
    if (shouldRing && (ring === null || ringSinks !== JSON.stringify(sinks))) {
      ring?.stop();
      ring = startRinging(sinks);
      ringSinks = JSON.stringify(sinks);
    } else if (!shouldRing && ring !== null) {
      ring.stop();
      ring = null;
    }
    // The call that may follow gets its microphone and peer connection now, not after Accept.
    clearTimeout(releaseTimer);
    if (shouldRing) engine.prepareForCall();
    else releaseTimer = setTimeout(() => engine.releasePrepared(), PREPARED_MEDIA_GRACE_MS);
  }
  const unsubscribe = store.subscribe(() => {
    const state = getState();
    const chosen = state.softphone.view?.devices;
    if (chosen && devices && chosen !== devices) {
      if (chosen.microphone !== devices.microphone) void engine.switchMicrophone();
      if (chosen.speaker !== devices.speaker) void engine.switchSpeaker();
    }
    devices = chosen;

    const seen = ringKey(state);
    if (seen !== ringSeen) {
      ringSeen = seen;
      // A ring starts once the toast is on screen; it stops at once (Accept, Decline): silencing is cheap,
      // and waiting for a paint would leave it ringing into the call's setup on a busy thread.
      if (seen === '') followRing();
      else afterNextPaint(followRing);
    }

    const { situation, muted, held } = selectHeadsetSituation(state);
    headset?.setLights(lightsFor(situation, muted, held));
  });

  return () => {
    unsubscribe();
    stopped = true;
    clearTimeout(releaseTimer);
    ring?.stop();
    headset?.stop();
    headset = null;
    relistDevices = null;
    navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
    engine.stop();
    void switchboard.detachMediaEngine({ engineId });
  };
}
