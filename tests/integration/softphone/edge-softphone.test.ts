/**
 * The desktop core's softphone against the real edge (Kamailio + rtpengine + the platform, started by the
 * telephony test stack) with SIPp as the customer and a werift WebRTC peer per call as the media engine
 * (answering the core's mediaRequest events, as the renderer does): the core signs in and registers; an
 * inbound call is offered, accepted through the outbox, auto-answered by the core's own user agent and
 * becomes active; the SIP WebSocket is cut mid-call (a TCP proxy between the core and the edge), the core
 * reconnects, registers again and re-INVITEs the call, which stays up with audio flowing both ways (RTP
 * counted at the werift peer and at the customer's RTP endpoint); the agent hangs up, SIPp gets BYE
 * and the item goes to wrap-up. A second call is transferred to an agent (carol, a SIP agent of the test's
 * own): the platform raises the item, the edge REFERs the customer to its queue's number and the customer's
 * new call reaches carol's phone. Then outbound: Dial on a callback (placeCall with its work item) sends the
 * item's dial through the outbox and the INVITE through the edge (proxy-authenticated) to SIPp at the
 * gateway; the agent's hang-up ends it in wrap-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../common/desktop-api';
import type { MediaRequestEnvelope, SoftphoneView } from '../../../common/softphone-api';
import type { WorkItem } from '../../../common/workitem';
import { createDesktopCore, createMemoryTokenStore, type DesktopCore } from '../../../main/core';
import { gatewayCallee, SCENARIOS } from '../../support/sip/customer';
import { peerOf, WebRtcSessionDescriptionHandler, webRtcSessionDescriptionHandlerFactory } from '../../support/sip/media/session-description-handler';
import { PlainRtpEndpoint } from '../../support/sip/media/plain-rtp-endpoint';
import { startSipp, type SippProcess } from '../../support/sip/media/sipp-run';
import { WebRtcPeer } from '../../support/sip/media/webrtc-peer';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';
import { invokeOk, makeTempDir, removeDir, startProxy } from '../main/helpers';
import { ApiClient, itemEventually, offeredTo, ok } from '../server/helpers';
import { signInAgent } from '../../support/sip/signed-in-agent';

/** rtpengine's range for this file; werift and SIPp take ports just above it (outside the edge tests' 40000–44999). */
const MEDIA = { portMin: 46000, portMax: 46299 };
const PEER_PORTS: [number, number] = [46300, 46399];
const CUSTOMER_RTP_PORT = 46400;
const TRANSFERRED_CUSTOMER_RTP_PORT = 46402;
const GATEWAY_MEDIA_PORT = 46410;
/** carol's WebRTC peer (a SIP agent of the test's own, the target of a transfer) */
const CAROL_ICE_PORTS: [number, number] = [46450, 46499];

/** The renderer's media engine, played by one werift peer per call behind the core's media bridge. */
function attachWebRtcEngine(core: DesktopCore, engineId: string): { handlers: Map<string, WebRtcSessionDescriptionHandler>; stop(): void } {
  const handlers = new Map<string, WebRtcSessionDescriptionHandler>();
  const handlerFor = (callId: string): WebRtcSessionDescriptionHandler => {
    let handler = handlers.get(callId);
    if (handler === undefined) {
      handler = new WebRtcSessionDescriptionHandler(new WebRtcPeer({ portRange: PEER_PORTS }));
      handlers.set(callId, handler);
    }
    return handler;
  };
  async function answer(envelope: MediaRequestEnvelope): Promise<unknown> {
    const request = envelope.request;
    switch (request.kind) {
      case 'getDescription': {
        const { body } = await handlerFor(request.callId).getDescription({ hold: request.hold });
        return { sdp: body, type: 'answer' };
      }
      case 'setDescription':
        await handlerFor(request.callId).setDescription(request.sdp, { hold: request.hold });
        return {};
      case 'hasDescription':
        return { has: true };
      case 'sendDtmf':
        await handlerFor(request.callId).peer.sendDtmf(request.tones);
        return { sent: true };
      case 'rollback':
        await handlerFor(request.callId).rollbackDescription();
        return {};
      case 'close':
        handlers.get(request.callId)?.close();
        handlers.delete(request.callId);
        return {};
      default:
        return {};
    }
  }
  const unsubscribe = core.subscribe((event, payload) => {
    if (event !== 'mediaRequest') return;
    const envelope = payload as MediaRequestEnvelope;
    if (envelope.engineId !== engineId) return;
    answer(envelope).then(
      (value) => core.invoke('answerMediaRequest', { requestId: envelope.requestId, result: { ok: true, answer: value } }),
      (error: unknown) => core.invoke('answerMediaRequest', { requestId: envelope.requestId, result: { ok: false, error: { code: 'MEDIA', message: String(error) } } }),
    );
  });
  return {
    handlers,
    stop() {
      unsubscribe();
      for (const handler of handlers.values()) handler.close();
    },
  };
}

function nextEvent<T>(core: DesktopCore, name: EventName, predicate: (payload: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = core.subscribe((event, payload) => {
      if (event !== name || !predicate(payload as T)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload as T);
    });
  });
}

async function softphone(core: DesktopCore, predicate: (view: SoftphoneView) => boolean, what: string): Promise<SoftphoneView> {
  const now = await invokeOk<SoftphoneView>(core, 'getSoftphone', {});
  if (predicate(now)) return now;
  return nextEvent<SoftphoneView>(core, 'callsChanged', predicate, what);
}

describe('the desktop softphone through the real SIP edge', () => {
  let stack: TelephonyStack;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let core: DesktopCore;
  let engine: ReturnType<typeof attachWebRtcEngine>;
  let dataDir: string;
  let sippDir: string;
  let customer: SippProcess | undefined;
  let customerRtp: PlainRtpEndpoint | undefined;
  const edgeWs = { host: '127.0.0.1', port: 0 };

  beforeAll(async () => {
    proxy = await startProxy(edgeWs); // its target port is read at each connection: set once the edge runs
    const proxyPort = Number(new URL(proxy.url).port);
    stack = await startTelephonyStack({
      media: MEDIA,
      patch: (raw) => {
        Object.assign(raw.sip as object, { wsUrl: `ws://127.0.0.1:${proxyPort}` });
        // the fixture's sub-second offer and wrap-up timers are for routing tests; a call needs human ones
        const support = (raw.queues as Record<string, unknown>[]).find((queue) => queue.id === 'support');
        Object.assign(support ?? {}, { offerTimeoutSeconds: 15, wrapUpTimeoutSeconds: 60, ttlSeconds: 60 });
      },
    });
    edgeWs.port = stack.wsPort;
    dataDir = makeTempDir('sb-softphone-edge-');
    sippDir = await mkdtemp(path.join(tmpdir(), 'sb-softphone-sipp-'));
    core = await createDesktopCore({ dataDir, platformUrl: stack.platform.url, tokenStore: createMemoryTokenStore() });
    engine = attachWebRtcEngine(core, 'engine_it');
    await invokeOk(core, 'attachMediaEngine', { engineId: 'engine_it' });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await softphone(core, (v) => v.registration.state === 'registered', 'registered at the edge');
    await invokeOk(core, 'setPresence', { state: 'available' });
  }, 60_000);
  afterAll(async () => {
    customer?.stop();
    customerRtp?.close();
    engine?.stop();
    await core?.close();
    await stack?.close();
    await proxy?.close();
    if (dataDir) removeDir(dataDir);
    if (sippDir) await rm(sippDir, { recursive: true, force: true });
  });

  it('signs in, registers, takes an accepted call, keeps it across a cut SIP WebSocket, and hangs up', async () => {
    customerRtp = await PlainRtpEndpoint.open({ port: CUSTOMER_RTP_PORT });
    const offered = nextEvent<{ item: WorkItem }>(core, 'offerReceived', () => true, 'the offer');
    customer = startSipp(sippDir, [
      `${stack.host}:${stack.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER,
      '-i', '127.0.0.1', '-p', '0', '-m', '1', '-set', 'caller', '+15550123', '-set', 'rtp_port', String(CUSTOMER_RTP_PORT), '-timeout', '60s',
    ], { timeoutMs: 60_000 });
    const { item } = await offered.catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.edgeLog()}`);
    });
    expect(item).toMatchObject({ type: 'call', contact: { phone: '+15550123' } });

    await invokeOk(core, 'accept', { workitemId: item.workitemId });
    const connected = await softphone(core, (v) => v.calls[0]?.state === 'active', 'the call auto-answered and acknowledged').catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.edgeLog()}`);
    });
    const call = connected.calls[0]!;
    expect(call).toMatchObject({ workitemId: item.workitemId, direction: 'inbound', autoAnswer: true, remoteNumber: '+15550123' });
    await nextEvent<{ items: WorkItem[] }>(core, 'itemsChanged', (p) => p.items.some((i) => i.workitemId === item.workitemId && i.state === 'active'), 'the item active').catch(async () => {
      expect((await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: item.workitemId })).state).toBe('active');
    });

    // audio both ways: the agent's peer hears the customer's tone, the customer hears the agent's
    const agentPeer = engine.handlers.get(call.id)!.peer;
    const heard = () => ({ agent: agentPeer.stats().packetsReceived, customer: customerRtp!.stats().packetsReceived });
    await expect.poll(() => Math.min(heard().agent, heard().customer), { timeout: 10_000 }).toBeGreaterThan(10);

    // the network between the desktop and the edge's WebSocket goes away, and comes back
    const registeredSince = (await invokeOk<SoftphoneView>(core, 'getSoftphone', {})).registration.since;
    const lost = softphone(core, (v) => v.registration.state === 'reconnecting' && v.calls[0]?.reconnecting === true, 'reconnecting');
    proxy.sever();
    await lost;
    proxy.restore();
    const back = await softphone(core, (v) => v.registration.state === 'registered' && v.registration.since > registeredSince && v.calls[0]?.reconnecting === false, 'registered again with the call renegotiated');
    expect(back.calls[0]).toMatchObject({ id: call.id, state: 'active' });
    const afterCut = heard();
    await expect.poll(() => Math.min(heard().agent - afterCut.agent, heard().customer - afterCut.customer), { timeout: 10_000 }).toBeGreaterThan(10);

    // the media engine's figures, as the renderer reports them; kept with the item when the call ends
    await invokeOk(core, 'reportCallQuality', { callId: call.id, quality: { rttMs: 12, jitterMs: 2, lossPercent: 0, mos: 4.4, at: Date.now() } });
    await invokeOk(core, 'reportCallQuality', { callId: call.id, quality: { rttMs: 30, jitterMs: 5, lossPercent: 0.5, mos: 4.2, at: Date.now() } });
    await invokeOk(core, 'hangupCall', { callId: call.id });
    const outcome = await customer.finished;
    expect(outcome.exitCode, `${outcome.errors}\n${stack.edgeLog()}`).toBe(0);
    await softphone(core, (v) => v.calls[0]?.state === 'ended', 'ended');
    await expect.poll(async () => (await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: item.workitemId })).state, { timeout: 10_000 }).toBe('terminated');
    await expect.poll(async () => (await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: item.workitemId })).timeEvents.length, { timeout: 10_000 }).toBe(6);
    const ended = await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: item.workitemId });
    expect(ended.timeEvents.map((e) => `${e.type} by ${e.userId}`).sort()).toEqual(['accepted by alice', 'connected by system', 'created by system', 'hangup by alice', 'note by alice', 'offered by system']);
    expect(ended.timeEvents.find((e) => e.type === 'note')?.detail).toMatchObject({
      text: 'Call quality: MOS 4.3 average, 4.2 worst; RTT up to 30 ms; jitter up to 5 ms; loss up to 0.5 % (2 samples)',
    });
    await invokeOk(core, 'disposition', { workitemId: item.workitemId, code: 'resolved' }); // out of wrap-up: free for the next
  }, 90_000);

  // An agent is no SIP address a customer could be REFERred to (the edge takes calls to queue numbers
  // only): the softphone REFERred the customer to sip:carol@domain, whose INVITE the edge refused 404, and
  // the call was lost. Now the platform raises the item for carol and the edge REFERs the customer to the
  // number of its queue, where the customer's new INVITE joins it.
  it('transfers a call to an agent: carol is offered the raised item, accepts, and the customer\'s new call reaches her phone with audio', async () => {
    const carol = await signInAgent(stack.platform.url, 'carol', { phone: { sessionDescriptionHandlerFactory: webRtcSessionDescriptionHandlerFactory({ portRange: CAROL_ICE_PORTS }) } });
    const rtp = await PlainRtpEndpoint.open({ port: TRANSFERRED_CUSTOMER_RTP_PORT });
    const offered = nextEvent<{ item: WorkItem }>(core, 'offerReceived', (p) => p.item.type === 'call', 'the offer');
    const caller = startSipp(sippDir, [
      `${stack.host}:${stack.udpPort}`, '-sf', path.join(SCENARIOS, 'media-customer.xml'), '-s', SUPPORT_NUMBER,
      '-i', '127.0.0.1', '-p', '0', '-m', '1', '-set', 'caller', '+15550124', '-set', 'rtp_port', String(TRANSFERRED_CUSTOMER_RTP_PORT), '-timeout', '60s',
    ], { timeoutMs: 60_000 });
    try {
      const { item } = await offered;
      await invokeOk(core, 'accept', { workitemId: item.workitemId });
      const active = await softphone(core, (v) => v.calls.some((c) => c.workitemId === item.workitemId && c.state === 'active'), 'the call active');
      const call = active.calls.find((c) => c.workitemId === item.workitemId)!;

      const carolFrom = carol.events.mark();
      await invokeOk(core, 'transferCall', { callId: call.id, target: { agentUsername: 'carol' } });
      const offer = await offeredTo(carol.events, 'carol', undefined, 10_000, carolFrom);
      const raised = offer.workitem!;
      expect(raised).toMatchObject({ type: 'call', direction: 'DIRECT_TRANSFER', mode: 'AGENT', contact: { phone: '+15550124' } });
      ok(await carol.api.act(raised.workitemId, 'accept'), 'carol accepts');
      const invitation = await carol.phone.nextInvitation(10_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${stack.edgeLog()}`);
      });
      expect(invitation.request.getHeader('X-Workitem-Id')).toBe(raised.workitemId);
      const acked = new Promise<void>((resolve) => (invitation.delegate = { onAck: () => resolve() }));
      await invitation.accept();
      await acked;
      await itemEventually(carol.api, raised.workitemId, (i) => i.state === 'active', 5_000);

      // the customer and carol hear each other; alice's call is over and her item closed TRANSFERRED
      const carolHeard = () => peerOf(invitation).stats().packetsReceived;
      const [carolAt, customerAt] = [carolHeard(), rtp.stats().packetsReceived];
      await expect.poll(() => Math.min(carolHeard() - carolAt, rtp.stats().packetsReceived - customerAt), { timeout: 10_000 }).toBeGreaterThan(10);
      const ended = await softphone(core, (v) => v.calls.find((c) => c.id === call.id)?.state === 'ended', 'alice\'s call ended');
      expect(ended.calls.find((c) => c.id === call.id)?.outcome).toBe('transferred');
      await expect.poll(async () => (await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: item.workitemId })).reasonCode, { timeout: 10_000 }).toBe('TRANSFERRED');

      await invitation.bye();
      const outcome = await caller.finished;
      expect(outcome.exitCode, `${outcome.errors}\n${stack.edgeLog()}`).toBe(0);
    } finally {
      caller.stop();
      rtp.close();
      await carol.events.close();
      await carol.phone.stop();
    }
  }, 60_000);

  it('dials a callback: the item\'s dial goes through the outbox, the INVITE reaches the gateway, hang-up ends it in wrap-up', async () => {
    const sup = await ApiClient.login(stack.platform.url, 'sup');
    const offered = nextEvent<{ item: WorkItem }>(core, 'offerReceived', (p) => p.item.type === 'callback', 'the callback offered');
    const callback = ok(await sup.post('/v1/callbacks', { phone: '+14155550102', queueId: 'support', name: 'Pat' }));
    await offered;
    const gateway = await gatewayCallee(stack.gatewayPort, GATEWAY_MEDIA_PORT);
    const placed = await invokeOk<{ id: string }>(core, 'placeCall', { number: '+14155550102', workitemId: callback.workitemId });
    const connected = await softphone(core, (v) => v.calls.some((c) => c.id === placed.id && c.state === 'active'), 'the outbound call answered').catch((error: Error) => {
      gateway.stop();
      throw new Error(`${error.message}\n${stack.edgeLog()}`);
    });
    expect(connected.calls.find((c) => c.id === placed.id)).toMatchObject({ direction: 'outbound', workitemId: callback.workitemId, remoteNumber: '+14155550102' });
    expect((await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: callback.workitemId })).state).toBe('active');

    await invokeOk(core, 'hangupCall', { callId: placed.id });
    const outcome = await gateway.finished;
    expect(outcome.exitCode, `${outcome.errors}\n${stack.edgeLog()}`).toBe(0);
    await softphone(core, (v) => v.calls.find((c) => c.id === placed.id)?.outcome === 'answered', 'ended, answered');
    await expect.poll(async () => (await invokeOk<WorkItem>(core, 'getWorkItem', { workitemId: callback.workitemId })).state, { timeout: 10_000 }).toBe('terminated');
  }, 60_000);
});
