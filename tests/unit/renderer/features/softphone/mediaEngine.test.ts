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

  it('stops listening when stopped', async () => {
    const h = harness(refusingMicrophone());
    h.engine.stop();
    h.send({ engineId: 'mine', requestId: 'r1', request: { kind: 'hasDescription', callId: 'c1', contentType: 'application/sdp' } });
    await settle();
    expect(h.answers).toEqual([]);
  });
});
