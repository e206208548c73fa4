/**
 * The media bridge: main's SessionDescriptionHandler asks the renderer's media engine through pushed
 * requests and validated answers, and fails fast and clearly when nobody can answer.
 */
import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../../../../common/errors';
import { MediaRequestEnvelopeSchema, type MediaRequestEnvelope } from '../../../../../common/softphone-api';
import { ForwardingSessionDescriptionHandler } from '../../../../../main/core/softphone/forwarding-sdh';
import { RendererMediaBridge } from '../../../../../main/core/softphone/media-engine';
import { collectingLog } from './helpers';

function bridgeWithOutbox(timeoutMs?: number): { bridge: RendererMediaBridge; pushed: MediaRequestEnvelope[] } {
  const pushed: MediaRequestEnvelope[] = [];
  const bridge = new RendererMediaBridge({ push: (envelope) => pushed.push(MediaRequestEnvelopeSchema.parse(envelope)), timeoutMs });
  return { bridge, pushed };
}

describe('RendererMediaBridge', () => {
  it('fails at once, with a reason a person can act on, when no media engine is attached', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    await expect(bridge.request({ kind: 'close', callId: 'call_1' })).rejects.toThrow('No media engine is attached: open the Switchboard window to take calls.');
    expect(pushed).toEqual([]);
  });

  it('pairs each answer with its request and checks it against that request’s schema', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const offer = bridge.request({ kind: 'getDescription', callId: 'call_1', hold: false, iceRestart: false });
    const dtmf = bridge.request({ kind: 'sendDtmf', callId: 'call_1', tones: '1', durationMs: 100, interToneGapMs: 70 });
    expect(pushed.map((p) => [p.engineId, p.request.kind])).toEqual([['engine_a', 'getDescription'], ['engine_a', 'sendDtmf']]);
    bridge.answer(pushed[1]!.requestId, { ok: true, answer: { sent: false } });
    bridge.answer(pushed[0]!.requestId, { ok: true, answer: { sdp: 'v=0\r\n', type: 'offer' } });
    await expect(offer).resolves.toEqual({ sdp: 'v=0\r\n', type: 'offer' });
    await expect(dtmf).resolves.toEqual({ sent: false });
  });

  it('refuses a malformed answer (to the caller and to the engine) and an unknown request id', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const offer = bridge.request({ kind: 'getDescription', callId: 'call_1', hold: false, iceRestart: false });
    expect(() => bridge.answer(pushed[0]!.requestId, { ok: true, answer: { sdp: 42 } })).toThrow(SwitchboardError);
    await expect(offer).rejects.toThrow("The media engine's answer to getDescription is malformed");
    expect(() => bridge.answer('mr_nope', { ok: true, answer: {} })).toThrow('No media request "mr_nope" is waiting');
  });

  it('passes an engine’s failure on, and fails what a replaced or detached engine still owed', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const failing = bridge.request({ kind: 'setDescription', callId: 'call_1', sdp: 'v=0', hold: false });
    bridge.answer(pushed[0]!.requestId, { ok: false, error: { code: 'NotAllowedError', message: 'microphone permission denied' } });
    await expect(failing).rejects.toThrow('The media engine could not setDescription: microphone permission denied');

    const orphan = bridge.request({ kind: 'mute', callId: 'call_1', muted: true });
    const attached: string[] = [];
    bridge.onAttach((engineId) => attached.push(engineId));
    bridge.attach('engine_b');
    await expect(orphan).rejects.toThrow('replaced by a newer window');
    expect(attached).toEqual(['engine_b']);

    const lost = bridge.request({ kind: 'close', callId: 'call_1' });
    bridge.detach('engine_a'); // not the current one: ignored
    expect(bridge.isAttached()).toBe(true);
    bridge.detach('engine_b');
    await expect(lost).rejects.toThrow('went away');
    expect(bridge.isAttached()).toBe(false);
  });

  it('fails a request nobody answers within the timeout', async () => {
    const { bridge } = bridgeWithOutbox(30);
    bridge.attach('engine_a');
    await expect(bridge.request({ kind: 'rollback', callId: 'call_1' })).rejects.toThrow('did not answer "rollback" within 30 ms');
  });
});

describe('ForwardingSessionDescriptionHandler', () => {
  it('forwards offers, answers, hold and ICE restart as media requests for its call', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const sdh = new ForwardingSessionDescriptionHandler('call_7', bridge, collectingLog());
    const description = sdh.getDescription({ hold: true, iceRestart: true });
    expect(pushed[0]!.request).toEqual({ kind: 'getDescription', callId: 'call_7', hold: true, iceRestart: true });
    bridge.answer(pushed[0]!.requestId, { ok: true, answer: { sdp: 'v=0 offer', type: 'offer' } });
    await expect(description).resolves.toEqual({ body: 'v=0 offer', contentType: 'application/sdp' });

    const applied = sdh.setDescription('v=0 answer');
    expect(pushed[1]!.request).toEqual({ kind: 'setDescription', callId: 'call_7', sdp: 'v=0 answer', hold: false, answerOffer: true });
    bridge.answer(pushed[1]!.requestId, { ok: true, answer: {} });
    await applied;

    const rolledBack = sdh.rollbackDescription();
    bridge.answer(pushed[2]!.requestId, { ok: true, answer: {} });
    await rolledBack;
    expect(pushed[2]!.request).toEqual({ kind: 'rollback', callId: 'call_7' });
  });

  it('takes the answer to an offer from the request that applied it, without a second request', async () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const sdh = new ForwardingSessionDescriptionHandler('call_7', bridge, collectingLog());
    // what sip.js's setOfferAndGetAnswer does: setDescription(offer), then getDescription
    const applied = sdh.setDescription('v=0 offer', { hold: true });
    expect(pushed[0]!.request).toEqual({ kind: 'setDescription', callId: 'call_7', sdp: 'v=0 offer', hold: true, answerOffer: true });
    bridge.answer(pushed[0]!.requestId, { ok: true, answer: { answer: { sdp: 'v=0 our answer' } } });
    await applied;
    await expect(sdh.getDescription({ hold: true })).resolves.toEqual({ body: 'v=0 our answer', contentType: 'application/sdp' });
    expect(pushed).toHaveLength(1);

    // used once: the next description (a re-INVITE's offer) is the engine's again
    const offer = sdh.getDescription({ hold: false });
    expect(pushed[1]!.request).toEqual({ kind: 'getDescription', callId: 'call_7', hold: false, iceRestart: false });
    bridge.answer(pushed[1]!.requestId, { ok: true, answer: { sdp: 'v=0 re-offer', type: 'offer' } });
    await expect(offer).resolves.toEqual({ body: 'v=0 re-offer', contentType: 'application/sdp' });
  });

  it('speaks SDP only, leaves DTMF to the call manager, and closes once', () => {
    const { bridge, pushed } = bridgeWithOutbox();
    bridge.attach('engine_a');
    const sdh = new ForwardingSessionDescriptionHandler('call_7', bridge, collectingLog());
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('Application/SDP; charset=utf-8')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    expect(sdh.sendDtmf()).toBe(false);
    sdh.close();
    sdh.close();
    expect(pushed.map((p) => p.request)).toEqual([{ kind: 'close', callId: 'call_7' }]);
  });
});
