/**
 * Runs in the browser page (bundled by tests/e2e/softphone-controls.spec.ts): the renderer's real store,
 * softphone start-up (media engine attached through the typed API), CallsPanel and Notices, against a
 * stand-in for the desktop core that does what main's call manager does for these operations — push
 * CallViews in `callsChanged`, and drive the agent's media engine over the media bridge (offer/answer with
 * a far-end engine in the same page, hold as a re-negotiation, mute, DTMF, close). Real WebRTC flows
 * between the two engines, so what the screen shows comes from real getStats.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import type { ApiResult, EventName, OperationName, SwitchboardApi } from '../../../common/desktop-api';
import { EVENT_NAMES, OPERATION_NAMES, subscriptionName } from '../../../common/desktop-api';
import { MEDIA_ANSWER_SCHEMAS, type CallView, type MediaRequest, type MediaResult, type SoftphoneView } from '../../../common/softphone-api';
import { makeStore } from '../../../renderer/src/app/store';
import { Notices } from '../../../renderer/src/features/notices/Notices';
import { AudioDevicesSection } from '../../../renderer/src/features/softphone/AudioDevicesSection';
import { CallsPanel } from '../../../renderer/src/features/softphone/CallsPanel';
import { createMediaEngine, type MediaBridgePort } from '../../../renderer/src/features/softphone/media/mediaEngine';
import { callsChanged } from '../../../renderer/src/features/softphone/softphoneEvents';
import { mediaRegistry } from '../../../renderer/src/features/softphone/media/mediaRegistry';
import { startSoftphone } from '../../../renderer/src/features/softphone/startSoftphone';
import { JABRA } from '../../unit/common/fixtures/hid-headsets';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
const pending = new Map<string, { kind: MediaRequest['kind']; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let counter = 0;
let agentEngine: string | null = null;
const log: { name: string; request: unknown }[] = [];

function settleAnswer(requestId: string, result: MediaResult): void {
  const waiting = pending.get(requestId);
  pending.delete(requestId);
  if (!waiting) return;
  if (result.ok) waiting.resolve(MEDIA_ANSWER_SCHEMAS[waiting.kind].parse(result.answer));
  else waiting.reject(new Error(`${result.error.code}: ${result.error.message}`));
}

/** main → renderer: a media request to the agent's engine, answered through answerMediaRequest. */
function toAgent(request: MediaRequest): Promise<unknown> {
  counter += 1;
  const requestId = `m${counter}`;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { kind: request.kind, resolve, reject });
    emit('mediaRequest', { engineId: agentEngine, requestId, request });
  });
}

// The far end: a second engine on its own loopback port.
const farListeners = new Set<(e: { engineId: string; requestId: string; request: MediaRequest }) => void>();
const farPort: MediaBridgePort = {
  onMediaRequest: (l) => (farListeners.add(l), () => farListeners.delete(l)),
  answerMediaRequest: ({ requestId, result }) => (settleAnswer(requestId, result), Promise.resolve({ ok: true, value: {} })),
};
createMediaEngine({ engineId: 'far', port: farPort, iceServers: () => [], microphoneId: () => undefined, speakerId: () => undefined });
function toFar(request: MediaRequest): Promise<unknown> {
  counter += 1;
  const requestId = `f${counter}`;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { kind: request.kind, resolve, reject });
    farListeners.forEach((l) => l({ engineId: 'far', requestId, request }));
  });
}

type Description = { sdp: string };
async function negotiate(hold: boolean): Promise<void> {
  const offer = (await toAgent({ kind: 'getDescription', callId: 'a', hold, iceRestart: false })) as Description;
  await toFar({ kind: 'setDescription', callId: 'far', sdp: offer.sdp, hold: false });
  const answer = (await toFar({ kind: 'getDescription', callId: 'far', hold: false, iceRestart: false })) as Description;
  await toAgent({ kind: 'setDescription', callId: 'a', sdp: answer.sdp, hold });
}

let call: CallView | null = null;
let devices: SoftphoneView['devices'] = { microphone: null, speaker: null, ringer: null };
function view(): SoftphoneView {
  return {
    registration: { state: 'registered', since: 0, retryAt: null, error: null, uri: 'sip:agent1@example.test' },
    mediaEngineAttached: agentEngine !== null,
    iceServers: [],
    devices,
    calls: call ? [call] : [],
  };
}
function update(patch: Partial<CallView>): ApiResult<CallView> {
  if (!call) return { ok: false, error: { code: 'NO_CALL', message: 'no call' } };
  call = { ...call, ...patch };
  emit('callsChanged', view());
  return { ok: true, value: call };
}

type Handler = (request: never) => Promise<ApiResult<unknown>> | ApiResult<unknown>;
const handlers: Partial<Record<OperationName, Handler>> = {
  attachMediaEngine: ({ engineId }: { engineId: string }) => ((agentEngine = engineId), { ok: true, value: view() }),
  detachMediaEngine: () => ({ ok: true, value: { done: true } }),
  answerMediaRequest: ({ requestId, result }: { requestId: string; result: MediaResult }) => (settleAnswer(requestId, result), { ok: true, value: { done: true } }),
  reportCallQuality: () => ({ ok: true, value: { done: true } }),
  listQueues: () => ({ ok: true, value: [{ queueId: 'billing', name: 'Billing', waiting: 0, active: 0, agentsAvailable: 2, averageWaitSeconds: 0 }] }),
  setAudioDevices: (request: Partial<SoftphoneView['devices']>) => {
    devices = { ...devices, ...request };
    emit('callsChanged', view());
    return { ok: true, value: devices };
  },
  holdCall: async ({ hold }: { hold: boolean }) => {
    update({ state: hold ? 'holding' : 'resuming' });
    await negotiate(hold);
    return update({ state: hold ? 'held' : 'active', held: hold });
  },
  muteCall: async ({ muted }: { muted: boolean }) => {
    await toAgent({ kind: 'mute', callId: 'a', muted });
    return update({ muted });
  },
  sendDtmf: async ({ tones }: { tones: string }) => {
    const { sent } = (await toAgent({ kind: 'sendDtmf', callId: 'a', tones, durationMs: 100, interToneGapMs: 70 })) as { sent: boolean };
    if (!sent) return { ok: false, error: { code: 'DTMF', message: 'not sent' } };
    return update({});
  },
  transferCall: () => update({ state: 'transferring' }),
  hangupCall: async () => {
    await toAgent({ kind: 'close', callId: 'a' });
    await toFar({ kind: 'close', callId: 'far' });
    const ended = update({ state: 'ended', endedAt: Date.now(), outcome: 'answered' });
    call = null;
    emit('callsChanged', view());
    return ended;
  },
};

const api: Record<string, unknown> = {};
for (const name of OPERATION_NAMES) {
  api[name] = async (request: unknown) => {
    log.push({ name, request });
    const handler = handlers[name] as ((r: unknown) => Promise<ApiResult<unknown>> | ApiResult<unknown>) | undefined;
    return handler ? handler(request) : { ok: false, error: { code: 'NOT_IMPLEMENTED', message: `${name} is not part of this harness` } };
  };
}
for (const event of EVENT_NAMES) {
  api[subscriptionName(event)] = (listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  };
}
// A headset on WebHID: a stand-in for navigator.hid with one device laid out like the Jabra fixture; the
// spec presses its buttons (input reports) and reads the light reports the page writes.
class FakeHidDevice extends EventTarget {
  opened = false;
  readonly productName = 'Jabra Evolve2 65 (fake)';
  readonly collections = JABRA;
  readonly sent: { reportId: number; data: number[] }[] = [];
  open(): Promise<void> {
    this.opened = true;
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.opened = false;
    return Promise.resolve();
  }
  sendReport(reportId: number, data: Uint8Array): Promise<void> {
    this.sent.push({ reportId, data: [...data] });
    return Promise.resolve();
  }
  press(reportId: number, bytes: number[]): void {
    this.dispatchEvent(Object.assign(new Event('inputreport'), { device: this, reportId, data: new DataView(Uint8Array.from(bytes).buffer) }));
  }
}
const headset = new FakeHidDevice();
const fakeHid = Object.assign(new EventTarget(), {
  getDevices: () => Promise.resolve([headset]),
  requestDevice: () => Promise.resolve([headset]),
});
Object.defineProperty(navigator, 'hid', { value: fakeHid, configurable: true });

const switchboard = api as unknown as SwitchboardApi;
const store = makeStore(switchboard);
startSoftphone(store, switchboard);
switchboard.onCallsChanged((payload) => store.dispatch(callsChanged(payload)));

const root = document.createElement('div');
document.body.append(root);
createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <main aria-label="Softphone harness">
        <h1>Softphone</h1>
        <CallsPanel selectedId={null} />
        <AudioDevicesSection />
      </main>
      <Notices />
    </Provider>
  </StrictMode>,
);

const harness = {
  /** The customer's call arrives and is answered: the real offer/answer between the two engines. */
  async connect(): Promise<void> {
    const now = Date.now();
    call = {
      id: 'a', workitemId: null, direction: 'inbound', remoteNumber: '+14155550123', remoteName: null, state: 'answering', held: false, muted: false,
      reconnecting: false, autoAnswer: true, conferencedWith: [], startedAt: now, answeredAt: now, endedAt: null, outcome: null, endReason: null, quality: null,
    };
    emit('callsChanged', view());
    await negotiate(false);
    update({ state: 'active' });
  },
  log: () => log,
  /** inbound audio of a call ('a' the agent's, 'far' the customer's) */
  async stats(callId: string): Promise<{ packetsReceived: number; totalAudioEnergy: number }> {
    const pc = mediaRegistry.get(callId)?.pc;
    if (!pc) return { packetsReceived: 0, totalAudioEnergy: 0 };
    const rtp = ([...(await pc.getStats()).values()] as Record<string, unknown>[]).find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
    return { packetsReceived: Number(rtp?.packetsReceived ?? 0), totalAudioEnergy: Number(rtp?.totalAudioEnergy ?? 0) };
  },
  agentEngine: () => agentEngine,
  /** the headset: press a button (an input report), read the last light report written */
  pressHeadset: (reportId: number, bytes: number[]) => headset.press(reportId, bytes),
  lastLights: () => headset.sent.at(-1) ?? null,
  /** the device named `label` disappears from the browser's list, as when it is unplugged */
  unplug(label: string): void {
    const list = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    navigator.mediaDevices.enumerateDevices = async () => (await list()).filter((device) => device.label !== label);
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
  },
};
(window as unknown as { softphoneHarness: typeof harness }).softphoneHarness = harness;
