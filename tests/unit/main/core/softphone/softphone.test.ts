/**
 * The softphone's signalling against a small SIP-over-WebSocket server (fake-sip-server.ts) with a Node
 * media engine double: registration, auto-answer, ringing, hold after ACK, 491 retry, DTMF fallback,
 * outbound outcomes, renewal and reconnection with ICE restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftphoneView } from '../../../../../common/softphone-api';
import { Backoff } from '../../../../../common/backoff';
import { Softphone, type SoftphoneOptions } from '../../../../../main/core/softphone/softphone';
import { createFakeMediaEngine, type FakeMediaEngine } from './fake-media-engine';
import { collectingLog, credentials, viewWhere } from './helpers';
import { header, startFakeSipServer, type FakeSipServer, type SipMessage } from './fake-sip-server';

const isRequest = (method: string) => (message: SipMessage) => message.method === method;

describe('softphone signalling', () => {
  let server: FakeSipServer;
  let engine: FakeMediaEngine;
  let phone: Softphone;
  let views: SoftphoneView[];
  let listeners: ((view: SoftphoneView) => void)[];
  let accepted: Set<string>;
  let renewals: number;
  let log: ReturnType<typeof collectingLog>;

  function start(overrides: Partial<SoftphoneOptions> = {}): Promise<void> {
    phone = new Softphone({
      credentials: credentials(server),
      engine,
      renewCredentials: async () => {
        renewals += 1;
        return { sip: { ...credentials(server), authorizationPassword: `renewed-${renewals}` } };
      },
      isAcceptedWorkitem: (id) => accepted.has(id),
      onChange: (view) => {
        views.push(view);
        for (const listener of [...listeners]) listener(view);
      },
      log,
      random: () => 0,
      backoff: new Backoff({ baseMs: 20, capMs: 100 }),
      ...overrides,
    });
    return phone.start();
  }
  const until = (predicate: (view: SoftphoneView) => boolean, what: string) => viewWhere(views, (listener) => listeners.push(listener), predicate, what);
  const callState = (state: string) => (view: SoftphoneView) => view.calls[0]?.state === state;

  beforeEach(async () => {
    server = await startFakeSipServer();
    engine = createFakeMediaEngine();
    views = [];
    listeners = [];
    accepted = new Set();
    renewals = 0;
    log = collectingLog();
  });
  afterEach(async () => {
    await phone?.stop();
    await server.close();
  });

  it('registers at the edge with the login credentials', async () => {
    await start();
    expect(phone.view().registration).toMatchObject({ state: 'registered', uri: 'sip:ada@fake.invalid', error: null });
    const register = await server.waitFor(isRequest('REGISTER'), 'REGISTER');
    expect(header(register, 'contact')).toContain('transport=ws');
  });

  it('auto-answers an INVITE for a work item this agent accepted, and is active once the ACK arrives', async () => {
    accepted.add('wi_42');
    await start();
    const call = server.invite({ workitemId: 'wi_42' });
    const ok = await call.final;
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('m=audio 41000');
    expect(engine.requests.map((r) => r.kind)).toEqual(['setDescription', 'getDescription']);
    expect(phone.view().calls[0]).toMatchObject({ workitemId: 'wi_42', direction: 'inbound', remoteNumber: '+15550123', remoteName: 'Customer', state: 'answering', autoAnswer: true });
    call.ack();
    await until(callState('active'), 'active after ACK');
  });

  it("shows an auto-answered call once its 200 OK is sent, not while the renderer makes the answer (the screen's work would compete with it)", async () => {
    accepted.add('wi_43');
    const answerMedia = engine.request.bind(engine);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let mediaAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (mediaAsked = resolve));
    engine.request = async (request) => {
      if (request.kind === 'setDescription') {
        mediaAsked();
        await released;
      }
      return answerMedia(request);
    };
    await start();
    const call = server.invite({ workitemId: 'wi_43' });
    await asked;
    expect(views.some((view) => view.calls.length > 0)).toBe(false); // the renderer is making the answer: nothing shown yet
    release();
    expect((await call.final).status).toBe(200);
    await until(callState('answering'), 'shown once answered');
    call.ack();
    await until(callState('active'), 'active after ACK');
  });

  it('rings a call for an item it did not accept, and the agent answers or declines it', async () => {
    await start();
    const first = server.invite({ workitemId: 'wi_other' });
    const ringing = await until(callState('ringing'), 'ringing');
    expect(ringing.calls[0]).toMatchObject({ autoAnswer: false, workitemId: 'wi_other' });
    await phone.calls.decline(ringing.calls[0]!.id);
    expect((await first.final).status).toBe(486);
    await until(callState('ended'), 'ended');
    expect(phone.view().calls[0]).toMatchObject({ outcome: 'declined' });
  });

  it('refuses a call with 480 at once when no media engine is attached', async () => {
    engine.attached = false;
    await start();
    const call = server.invite({ workitemId: 'wi_1' });
    expect((await call.final).status).toBe(480);
    expect(phone.view().calls[0]).toMatchObject({ state: 'ended', outcome: 'failed', endReason: 'No window was open to take the call' });
  });

  it('holds only after the ACK, retries a 491, then resumes', async () => {
    await start();
    const call = server.invite();
    const { calls: [ringing] } = await until(callState('ringing'), 'ringing');
    await phone.calls.answer(ringing!.id);
    await call.final;
    server.reinviteStatus.push(491);
    const holding = phone.calls.hold(ringing!.id, true);
    // no re-INVITE may leave before the ACK of our 200
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.count((m) => m.method === 'INVITE' && header(m, 'call-id') === call.callId)).toBe(0);
    call.ack();
    const held = await holding;
    expect(held).toMatchObject({ state: 'held', held: true });
    expect(server.count((m) => m.method === 'INVITE' && header(m, 'call-id') === call.callId)).toBe(2);
    expect(engine.requests.filter((r) => r.kind === 'getDescription').at(-1)).toMatchObject({ hold: true, iceRestart: false });
    expect(engine.requests.map((r) => r.kind)).toContain('rollback');
    expect(log.lines.some((line) => line.includes('491'))).toBe(true);
    expect(await phone.calls.hold(ringing!.id, false)).toMatchObject({ state: 'active', held: false });
  });

  it('puts the active call on hold when the agent answers a second one', async () => {
    await start();
    const first = server.invite({ from: '+15550001' });
    const { calls: [one] } = await until(callState('ringing'), 'first ringing');
    await phone.calls.answer(one!.id);
    await first.final;
    first.ack();
    await until(callState('active'), 'first active');
    const secondCall = server.invite({ from: '+15550002' });
    const second = await until((view) => view.calls.some((c) => c.remoteNumber === '+15550002' && c.state === 'ringing'), 'second ringing');
    await phone.calls.answer(second.calls.find((c) => c.remoteNumber === '+15550002')!.id);
    expect(phone.view().calls.find((c) => c.id === one!.id)).toMatchObject({ state: 'held' });
    await secondCall.final;
    secondCall.ack();
    await until((view) => view.calls.some((c) => c.remoteNumber === '+15550002' && c.state === 'active'), 'second active');
  });

  it('sends DTMF in-band, or as SIP INFO when the engine cannot', async () => {
    accepted.add('wi_7');
    await start();
    const call = server.invite({ workitemId: 'wi_7' });
    await call.final;
    call.ack();
    const { calls: [active] } = await until(callState('active'), 'active');
    await phone.calls.sendDtmf(active!.id, '1#');
    expect(engine.requests.at(-1)).toMatchObject({ kind: 'sendDtmf', tones: '1#' });
    expect(server.count(isRequest('INFO'))).toBe(0);
    engine.inbandDtmf = false;
    await phone.calls.sendDtmf(active!.id, '5*');
    const infos = server.received.filter(isRequest('INFO'));
    expect(infos.map((info) => info.body)).toEqual(['Signal=5\r\nDuration=100', 'Signal=*\r\nDuration=100']);
    expect(header(infos[0]!, 'content-type')).toBe('application/dtmf-relay');
  });

  it('ends a call when the far end says BYE, and sends BYE when the agent hangs up', async () => {
    accepted.add('wi_1').add('wi_2');
    await start();
    const one = server.invite({ workitemId: 'wi_1' });
    await one.final;
    one.ack();
    await until(callState('active'), 'active');
    one.bye();
    await server.waitFor((m) => m.status === 200 && header(m, 'call-id') === one.callId && header(m, 'cseq').endsWith('BYE'), 'the 200 to the BYE');
    await until((view) => view.calls[0]?.outcome === 'answered', 'ended by the far end');
    const two = server.invite({ workitemId: 'wi_2' });
    await two.final;
    two.ack();
    const live = await until((view) => view.calls[0]?.workitemId === 'wi_2' && view.calls[0].state === 'active', 'second active');
    await phone.calls.hangup(live.calls[0]!.id);
    await server.waitFor((m) => m.method === 'BYE' && header(m, 'call-id') === two.callId, 'BYE');
    await until((view) => view.calls.find((c) => c.workitemId === 'wi_2')?.state === 'ended', 'ended by the agent');
  });

  it('transfers blind: holds the call, sends REFER to the target, and ends our leg once it is accepted', async () => {
    accepted.add('wi_t');
    await start();
    const call = server.invite({ workitemId: 'wi_t' });
    await call.final;
    call.ack();
    const { calls: [active] } = await until(callState('active'), 'active');
    const done = await phone.calls.transfer(active!.id, { number: '+15550177' });
    expect(done).toMatchObject({ outcome: 'transferred' });
    const refer = await server.waitFor((m) => m.method === 'REFER' && header(m, 'call-id') === call.callId, 'REFER');
    expect(header(refer, 'refer-to')).toContain('sip:+15550177@fake.invalid');
    const hold = server.received.find((m) => m.method === 'INVITE' && header(m, 'call-id') === call.callId);
    expect(hold, 'the call was held before the REFER').toBeDefined();
    expect(engine.requests.find((r) => r.kind === 'getDescription' && r.hold)).toBeDefined();
    await server.waitFor((m) => m.method === 'BYE' && header(m, 'call-id') === call.callId, 'our BYE after the transfer');
    await until((view) => view.calls[0]?.state === 'ended' && view.calls[0].outcome === 'transferred', 'ended as transferred');
  });

  it('transfers attended: the REFER names the consultation call with Replaces', async () => {
    accepted.add('wi_c').add('wi_d');
    await start();
    const customer = server.invite({ workitemId: 'wi_c', from: '+15550001' });
    await customer.final;
    customer.ack();
    await until(callState('active'), 'customer active');
    const consultation = server.invite({ workitemId: 'wi_d', from: '+15550002' });
    await consultation.final;
    consultation.ack();
    const both = await until((view) => view.calls.some((c) => c.remoteNumber === '+15550002' && c.state === 'active'), 'consultation active');
    const held = both.calls.find((c) => c.remoteNumber === '+15550001')!;
    const target = both.calls.find((c) => c.remoteNumber === '+15550002')!;
    await phone.calls.transfer(held.id, { number: '+15550002' }, target.id);
    const refer = await server.waitFor((m) => m.method === 'REFER' && header(m, 'call-id') === customer.callId, 'REFER');
    expect(header(refer, 'refer-to')).toContain(`Replaces=${encodeURIComponent(consultation.callId)}`);
  });

  it('reports the registration failed when the edge refuses it even after a renewal', async () => {
    server.registerStatus.push(403, 403);
    await start();
    const failed = await until((view) => view.registration.state === 'failed', 'failed');
    expect(failed.registration.error).toBe('The SIP edge refused the registration: 403 Refused');
    expect(renewals).toBe(1);
  });

  it('mutes through the media engine and joins two calls in a local conference', async () => {
    accepted.add('wi_a').add('wi_b');
    await start();
    const first = server.invite({ workitemId: 'wi_a', from: '+15550001' });
    await first.final;
    first.ack();
    const { calls: [a] } = await until(callState('active'), 'first active');
    expect(await phone.calls.mute(a!.id, true)).toMatchObject({ muted: true });
    expect(engine.requests.at(-1)).toEqual({ kind: 'mute', callId: a!.id, muted: true });
    const second = server.invite({ workitemId: 'wi_b', from: '+15550002' });
    await second.final;
    second.ack();
    const both = await until((view) => view.calls.filter((c) => c.state === 'active').length === 1 && view.calls.some((c) => c.state === 'held'), 'second active, first held');
    const b = both.calls.find((c) => c.remoteNumber === '+15550002')!;
    const joined = await phone.calls.conference(b.id, a!.id);
    expect(joined.conferencedWith).toEqual([a!.id]);
    expect(engine.requests.at(-1)).toEqual({ kind: 'conference', callIds: [b.id, a!.id] });
    expect(phone.view().calls.filter((c) => c.state === 'active')).toHaveLength(2);
  });

  it('refuses an illegal action with the state machine\'s reason', async () => {
    await start();
    server.invite();
    const { calls: [ringing] } = await until(callState('ringing'), 'ringing');
    await expect(phone.calls.hold(ringing!.id, true)).rejects.toThrow('A call that is ringing cannot take "hold"');
    await expect(phone.calls.answer('call_nope')).rejects.toThrow('There is no call "call_nope".');
  });

  it('places a call with the work item in X-Workitem-Id and reports a busy far end as busy', async () => {
    await start();
    server.outboundAnswer = [180, 486];
    await phone.place('+15550100', 'wi_cb');
    const invite = await server.waitFor(isRequest('INVITE'), 'INVITE');
    expect(invite.firstLine).toBe('INVITE sip:+15550100@fake.invalid SIP/2.0');
    expect(header(invite, 'x-workitem-id')).toBe('wi_cb');
    const ended = await until(callState('ended'), 'ended');
    expect(ended.calls[0]).toMatchObject({ direction: 'outbound', outcome: 'busy', endReason: '486 Busy Here' });
  });

  it('places a call that is answered, then ended by the far end', async () => {
    await start();
    await phone.place('+15550100');
    await until(callState('active'), 'active');
    await server.waitFor(isRequest('ACK'), 'ACK');
    server.sendInOutboundDialog('BYE');
    const ended = await until(callState('ended'), 'ended');
    expect(ended.calls[0]).toMatchObject({ outcome: 'answered' });
  });

  it('renews the credentials before they expire and registers with the new ones', async () => {
    await start({ credentials: credentials(server, Date.now() + 400), renewBeforeMs: 200 });
    await server.waitFor((m) => m.method === 'REGISTER' && server.count(isRequest('REGISTER')) >= 2, 'a second REGISTER');
    expect(renewals).toBe(1);
  });

  it('renews once when the edge refuses the registration, then registers', async () => {
    server.registerStatus.push(403);
    await start();
    await until((view) => view.registration.state === 'registered', 'registered after renewal');
    expect(renewals).toBe(1);
  });

  it('after losing the SIP WebSocket: reconnects, re-registers and re-INVITEs the call with an ICE restart', async () => {
    accepted.add('wi_9');
    await start();
    const call = server.invite({ workitemId: 'wi_9' });
    await call.final;
    call.ack();
    await until(callState('active'), 'active');
    server.dropConnections();
    await until((view) => view.registration.state === 'reconnecting' && view.calls[0]?.reconnecting === true, 'reconnecting');
    const reinvite = await server.waitFor((m) => m.method === 'INVITE' && header(m, 'call-id') === call.callId, 'the ICE-restart re-INVITE');
    expect(reinvite.firstLine).toMatch(/^INVITE sip:customer@127\.0\.0\.1/);
    expect(engine.requests.filter((r) => r.kind === 'getDescription').at(-1)).toMatchObject({ iceRestart: true, hold: false });
    const back = await until((view) => view.registration.state === 'registered' && view.calls[0]?.reconnecting === false, 'registered again');
    expect(back.calls[0]).toMatchObject({ state: 'active' });
    expect(server.count(isRequest('REGISTER'))).toBeGreaterThanOrEqual(2);
    expect(server.count(isRequest('BYE'))).toBe(0);
  });
});
