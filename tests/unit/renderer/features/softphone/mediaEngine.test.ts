/**
 * The media engine's handling of the bridge where Chromium cannot stage it: a refused microphone,
 * requests for other engines, malformed envelopes. Real WebRTC (offer/answer, audio, hold, mute, DTMF,
 * quality) is tested in Chromium: tests/e2e/softphone-media.spec.ts. The fake here is only what these
 * paths touch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaRequestEnvelope, MediaResult } from '../../../../../common/softphone-api';
import { createMediaEngine, type MediaEngine, type MediaEnvironment } from '../../../../../renderer/src/features/softphone/media/mediaEngine';
import { mediaRegistry } from '../../../../../renderer/src/features/softphone/media/mediaRegistry';
import { settle } from '../../fixtures';

function thinPeerConnection(): RTCPeerConnection {
  const pc = {
    signalingState: 'stable',
    connectionState: 'new',
    iceGatheringState: 'new',
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    getTransceivers: () => [],
    close() {
      pc.connectionState = 'closed';
    },
  };
  return pc as unknown as RTCPeerConnection;
}

function refusingMicrophone(): MediaEnvironment {
  return {
    createPeerConnection: thinPeerConnection,
    getUserMedia: () => Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' })),
    createAudioElement: () => ({}) as HTMLAudioElement,
  };
}

/**
 * A connection whose candidates the test hands out, for when a description may go: after
 * setLocalDescription, `candidate(line)` delivers one and `complete()` ends gathering.
 */
function scriptedPeerConnection() {
  const events = new EventTarget();
  const state = { sdp: '', gathering: 'new' as RTCIceGatheringState };
  const pc = {
    signalingState: 'stable',
    connectionState: 'new',
    get iceGatheringState() {
      return state.gathering;
    },
    get localDescription() {
      return state.sdp === '' ? null : { type: 'offer', sdp: state.sdp };
    },
    addEventListener: (type: string, listener: EventListener) => events.addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListener) => events.removeEventListener(type, listener),
    getTransceivers: () => [],
    addTransceiver: () => ({ sender: { track: null }, receiver: { track: { kind: 'audio' } }, direction: 'sendrecv', mid: null }),
    createOffer: () => Promise.resolve({ type: 'offer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' }),
    setLocalDescription(description: { sdp: string }) {
      state.sdp = description.sdp;
      state.gathering = 'gathering';
      return Promise.resolve();
    },
    close() {
      pc.connectionState = 'closed';
    },
  };
  return {
    pc: pc as unknown as RTCPeerConnection,
    candidate(line: string) {
      state.sdp += `a=${line}\r\n`;
      events.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate: line } }));
    },
    complete() {
      state.gathering = 'complete';
      events.dispatchEvent(new Event('icegatheringstatechange'));
    },
  };
}

function harness(env: MediaEnvironment) {
  let listener: ((envelope: MediaRequestEnvelope) => void) | null = null;
  const answers: { requestId: string; result: MediaResult }[] = [];
  const problems: string[] = [];
  const engine = createMediaEngine({
    engineId: 'mine',
    port: {
      onMediaRequest: (l) => {
        listener = l;
        return () => (listener = null);
      },
      answerMediaRequest: (answer) => {
        answers.push(answer);
        return Promise.resolve({ ok: true, value: { done: true } });
      },
    },
    iceServers: () => [],
    microphoneId: () => undefined,
    speakerId: () => undefined,
    onProblem: (message) => problems.push(message),
    env,
    qualityIntervalMs: 60_000,
    gatheringTimeoutMs: 60_000,
  });
  const send = (envelope: unknown) => listener?.(envelope as MediaRequestEnvelope);
  return { engine, answers, problems, send };
}

let running: MediaEngine | null = null;
afterEach(() => {
  running?.stop();
  running = null;
  mediaRegistry.clear();
});

describe('media engine', () => {
  it('answers a refused microphone with a clear error and tells the agent', async () => {
    const h = harness(refusingMicrophone());
    running = h.engine;
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'getDescription', callId: 'c1', hold: false, iceRestart: false } });
    await settle();
    expect(h.answers).toEqual([
      { requestId: 'r1', result: { ok: false, error: { code: 'MICROPHONE_DENIED', message: expect.stringMatching(/microphone is blocked/) } } },
    ]);
    expect(h.problems).toEqual([expect.stringMatching(/microphone is blocked/)]);
    // Nothing is left behind for a call that never got media.
    expect(mediaRegistry.get('c1')).toBeUndefined();
  });

  it("ignores requests for another engine (an older window's) and malformed envelopes", async () => {
    const h = harness(refusingMicrophone());
    running = h.engine;
    h.send({ engineId: 'older', requestId: 'r1', request: { kind: 'close', callId: 'c1' } });
    h.send({ engineId: 'mine', requestId: 'r2', request: { kind: 'explode', callId: 'c1' } });
    h.send({ engineId: 'mine', requestId: 'r3', request: { kind: 'sendDtmf', callId: 'c1', tones: 'DROP TABLE', durationMs: 100, interToneGapMs: 70 } });
    h.send('garbage');
    await settle();
    expect(h.answers).toEqual([]);
  });

  it('answers what it can without a call, and refuses a call it does not have', async () => {
    const h = harness(refusingMicrophone());
    running = h.engine;
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'hasDescription', callId: 'c1', contentType: 'application/sdp; charset=utf-8' } });
    h.send({ engineId: 'mine', requestId: 'r2', request: { kind: 'sendDtmf', callId: 'c1', tones: '1', durationMs: 100, interToneGapMs: 70 } });
    h.send({ engineId: 'mine', requestId: 'r3', request: { kind: 'mute', callId: 'c1', muted: true } });
    h.send({ engineId: 'mine', requestId: 'r4', request: { kind: 'close', callId: 'c1' } });
    await settle();
    expect(h.answers).toEqual([
      { requestId: 'r1', result: { ok: true, answer: { has: true } } },
      // No sender: main falls back to SIP INFO.
      { requestId: 'r2', result: { ok: true, answer: { sent: false } } },
      { requestId: 'r3', result: { ok: false, error: { code: 'NO_CALL', message: 'No media for call c1.' } } },
      { requestId: 'r4', result: { ok: true, answer: {} } },
    ]);
  });

  /** An engine over a scripted peer connection (candidates and gathering driven by the test) and a fake microphone. */
  function scriptedEngine() {
    const scripted = scriptedPeerConnection();
    const track = { kind: 'audio', enabled: true, stop: () => undefined };
    const h = harness({
      createPeerConnection: () => scripted.pc,
      getUserMedia: () => Promise.resolve({ getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream),
      createAudioElement: () => ({}) as HTMLAudioElement,
    });
    running = h.engine;
    return { scripted, h };
  }

  it('sends a description as soon as it carries a UDP candidate, without waiting for gathering to complete', async () => {
    const { scripted, h } = scriptedEngine();
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'getDescription', callId: 'c1', hold: false, iceRestart: false } });
    await settle(5);
    expect(h.answers).toEqual([]); // no candidate yet: an SDP without one would reach no one
    scripted.candidate('candidate:1 1 tcp 1518280447 127.0.0.1 9 typ host tcptype passive');
    await settle(60);
    expect(h.answers).toEqual([]); // a TCP candidate alone is not worth sending
    scripted.candidate('candidate:2 1 udp 2122260223 127.0.0.1 54321 typ host');
    await settle(5);
    expect(h.answers).toEqual([{ requestId: 'r1', result: { ok: true, answer: { type: 'offer', sdp: expect.stringContaining(' udp 2122260223 127.0.0.1 54321 ') } } }]);
  });

  it('sends a description without a UDP candidate once gathering completes', async () => {
    const { scripted, h } = scriptedEngine();
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'getDescription', callId: 'c1', hold: false, iceRestart: false } });
    await settle(5);
    scripted.complete();
    await settle(5);
    expect(h.answers).toEqual([{ requestId: 'r1', result: { ok: true, answer: { type: 'offer', sdp: expect.stringContaining('m=audio') } } }]);
  });

  it('stops listening when stopped', async () => {
    const h = harness(refusingMicrophone());
    h.engine.stop();
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'hasDescription', callId: 'c1', contentType: 'application/sdp' } });
    await settle();
    expect(h.answers).toEqual([]);
  });
});
