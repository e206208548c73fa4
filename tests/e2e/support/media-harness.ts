/**
 * Runs in the browser page (bundled by tests/e2e/softphone-media.spec.ts): two media engines, A (the
 * agent) and B (the far end), joined by a loopback media bridge that does what main's
 * SessionDescriptionHandler does — send a request envelope, wait for the answer with the same request id,
 * check it against the schema of its request kind. The spec drives it through `window.mediaHarness`.
 */
import type { CallQuality } from '../../../common/call-quality';
import {
  MEDIA_ANSWER_SCHEMAS,
  MediaResultSchema,
  type MediaRequest,
  type MediaRequestEnvelope,
  type MediaResult,
} from '../../../common/softphone-api';
import { createMediaEngine, type MediaBridgePort, type MediaEnvironment } from '../../../renderer/src/features/softphone/media/mediaEngine';
import { mediaRegistry } from '../../../renderer/src/features/softphone/media/mediaRegistry';

type Pending = { kind: MediaRequest['kind']; resolve: (answer: unknown) => void; reject: (error: Error) => void };

function loopbackPort(): MediaBridgePort & { request(engineId: string, request: MediaRequest): Promise<unknown> } {
  const listeners = new Set<(envelope: MediaRequestEnvelope) => void>();
  const pending = new Map<string, Pending>();
  let counter = 0;
  return {
    onMediaRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answerMediaRequest({ requestId, result }) {
      const waiting = pending.get(requestId);
      pending.delete(requestId);
      const parsed = MediaResultSchema.parse(result) as MediaResult;
      if (!waiting) return Promise.resolve({ ok: true, value: { done: true } });
      if (parsed.ok) waiting.resolve(MEDIA_ANSWER_SCHEMAS[waiting.kind].parse(parsed.answer));
      else waiting.reject(new Error(`${parsed.error.code}: ${parsed.error.message}`));
      return Promise.resolve({ ok: true, value: { done: true } });
    },
    request(engineId, request) {
      counter += 1;
      const requestId = `r${counter}`;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { kind: request.kind, resolve, reject });
        for (const listener of listeners) listener({ engineId, requestId, request });
      });
    },
  };
}

const port = loopbackPort();
const qualities: Record<string, CallQuality[]> = {};
const common = {
  port,
  iceServers: () => [],
  microphoneId: () => undefined,
  speakerId: () => undefined,
  onQuality: (callId: string, quality: CallQuality) => (qualities[callId] ??= []).push(quality),
};
/** What engine B opened, to tell a prepared call (prepareForCall) from one that opened its own. */
const openedByB = { peerConnections: 0, microphones: [] as MediaStream[] };
const countingEnvironment: MediaEnvironment = {
  createPeerConnection: (config) => {
    openedByB.peerConnections += 1;
    return new RTCPeerConnection(config);
  },
  getUserMedia: async (constraints) => {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    openedByB.microphones.push(stream);
    return stream;
  },
  createAudioElement: () => new Audio(),
};
createMediaEngine({ engineId: 'A', ...common });
const engineB = createMediaEngine({ engineId: 'B', ...common, env: countingEnvironment });

type Description = { sdp: string; type: 'offer' | 'answer' };

/** One offer/answer exchange, A offering: what an INVITE (or a re-INVITE) and its 200 do. */
async function negotiate(holdA: boolean, holdB: boolean, iceRestart = false): Promise<{ offer: string; answer: string }> {
  const offer = (await port.request('A', { kind: 'getDescription', callId: 'a', hold: holdA, iceRestart })) as Description;
  await port.request('B', { kind: 'setDescription', callId: 'b', sdp: offer.sdp, hold: holdB });
  const answer = (await port.request('B', { kind: 'getDescription', callId: 'b', hold: holdB, iceRestart: false })) as Description;
  await port.request('A', { kind: 'setDescription', callId: 'a', sdp: answer.sdp, hold: holdA });
  if (offer.type !== 'offer' || answer.type !== 'answer') throw new Error(`expected offer/answer, got ${offer.type}/${answer.type}`);
  return { offer: offer.sdp, answer: answer.sdp };
}

/** A offers; B applies the offer and answers in the same request (`answerOffer`), as main's SDH asks. */
async function negotiateAnsweringAtOnce(callA: string, callB: string): Promise<{ offer: string; answer: string }> {
  const offer = (await port.request('A', { kind: 'getDescription', callId: callA, hold: false, iceRestart: false })) as Description;
  const applied = (await port.request('B', { kind: 'setDescription', callId: callB, sdp: offer.sdp, hold: false, answerOffer: true })) as { answer?: { sdp: string } };
  if (applied.answer === undefined) throw new Error('B applied the offer without answering it');
  await port.request('A', { kind: 'setDescription', callId: callA, sdp: applied.answer.sdp, hold: false });
  return { offer: offer.sdp, answer: applied.answer.sdp };
}

async function audioStats(callId: string) {
  const media = mediaRegistry.get(callId);
  if (!media) return null;
  const stats = [...(await media.pc.getStats()).values()] as Record<string, unknown>[];
  const inbound = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
  const outbound = stats.find((s) => s.type === 'outbound-rtp' && s.kind === 'audio');
  return {
    connectionState: media.pc.connectionState,
    packetsReceived: Number(inbound?.packetsReceived ?? 0),
    totalAudioEnergy: Number(inbound?.totalAudioEnergy ?? 0),
    packetsSent: Number(outbound?.packetsSent ?? 0),
    playing: media.output !== null && !media.output.paused,
  };
}

const harness = {
  negotiate,
  audioStats,
  request: (engineId: string, request: MediaRequest) => port.request(engineId, request),
  qualities: (callId: string) => qualities[callId] ?? [],
  calls: () => mediaRegistry.all().map((m) => m.callId),
  negotiateAnsweringAtOnce,
  prepareB: () => engineB.prepareForCall(),
  releaseB: () => engineB.releasePrepared(),
  openedByB: () => ({
    peerConnections: openedByB.peerConnections,
    microphones: openedByB.microphones.length,
    live: openedByB.microphones.filter((stream) => stream.getAudioTracks().some((track) => track.readyState === 'live')).length,
  }),
};
(window as unknown as { mediaHarness: typeof harness }).mediaHarness = harness;
