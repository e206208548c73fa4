/**
 * Hold, resume and transfer through the API act on the call at the edge, without the agent's softphone
 * doing anything: a hold blocks the call's media at rtpengine (both ways) and a resume restarts it; a
 * transfer makes the edge REFER the customer to the target queue's number and hang up the agent's leg,
 * and the customer's new INVITE joins the item the transfer raised.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent, type Invitation } from 'sip.js';

import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { SCENARIOS } from '../../support/sip/customer';
import { callWithMedia, type MediaCustomer } from '../../support/sip/media/media-customer';
import { startSipp } from '../../support/sip/media/sipp-run';
import { signInAgent } from '../../support/sip/signed-in-agent';
import { peerOf, webRtcSessionDescriptionHandlerFactory } from '../../support/sip/media/session-description-handler';
import { waitFor } from '../../support/sip/media/wait';
import { SipAgent } from '../../support/sip/sip-agent';
import { SALES_NUMBER, SIP_DOMAIN, SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

/** This file's media ports (43500–43999): rtpengine, the agents' ICE, the customers' RTP. */
const RTPENGINE_PORTS = { portMin: 43_500, portMax: 43_799 };
const ALICE_ICE_PORTS: [number, number] = [43_800, 43_849];
const CAROL_ICE_PORTS: [number, number] = [43_850, 43_899];
let nextCustomerPort = 43_900;
const CUSTOMER = '+15557770077';
/** SIPp's own media port for the customer whose carrier refuses REFER */
const REFUSING_CUSTOMER_MEDIA_PORT = 43_990;

type Agent = { api: ApiClient; events: EventStream; phone: SipAgent };

let stack: TelephonyStack;
let alice: Agent;
let sup: ApiClient;
const customers: MediaCustomer[] = [];

async function signIn(username: string, icePorts: [number, number]): Promise<Agent> {
  return signInAgent(stack.platform.url, username, { phone: { sessionDescriptionHandlerFactory: webRtcSessionDescriptionHandlerFactory({ portRange: icePorts }) } });
}

beforeAll(async () => {
  stack = await startTelephonyStack({ media: RTPENGINE_PORTS });
  alice = await signIn('alice', ALICE_ICE_PORTS);
  sup = await ApiClient.login(stack.platform.url, 'sup');
});
afterEach(async () => {
  await Promise.all(customers.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await stack?.close();
});

async function ended(api: ApiClient, itemId: string): Promise<void> {
  await itemEventually(api, itemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000);
  const closed = await api.act(itemId, 'disposition', { code: 'resolved' });
  expect([200, 409]).toContain(closed.status);
}

/** A customer calls support; alice accepts and her softphone answers; resolves once the ACK is in. */
async function connectedCall(): Promise<{ customer: MediaCustomer; itemId: string; invitation: Invitation }> {
  const from = alice.events.mark();
  const customer = await callWithMedia({ host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, caller: CUSTOMER, rtpPort: nextCustomerPort });
  nextCustomerPort += 2;
  customers.push(customer);
  return { customer, ...(await aliceAnswers(from)) };
}

/**
 * alice accepts the call offered to her (in her events from `from` on) and her softphone answers it;
 * resolves once the ACK is in and the item is active.
 */
async function aliceAnswers(from: number): Promise<{ itemId: string; invitation: Invitation }> {
  const offered = await offeredTo(alice.events, 'alice', undefined, 10_000, from);
  const itemId = offered.workitem!.workitemId;
  ok(await alice.api.act(itemId, 'accept'), 'accept');
  const invitation = await alice.phone.nextInvitation(10_000);
  const acked = new Promise<void>((resolve) => (invitation.delegate = { onAck: () => resolve() }));
  await invitation.accept();
  await acked;
  await itemEventually(alice.api, itemId, (i) => i.state === 'active', 5_000);
  return { itemId, invitation };
}

const pcmu = (counts: { byPayloadType: Record<number, number> }): number => counts.byPayloadType[0] ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('call actions through the API act on the call at the edge', () => {
  it('a supervisor’s hold stops the audio both ways at the relay and the resume brings it back (hold → active)', async () => {
    const call = await connectedCall();
    const agentMedia = peerOf(call.invitation);
    const customerHeard = (): number => pcmu(call.customer.media.stats());
    const agentHeard = (): number => pcmu(agentMedia.stats());
    await waitFor(() => customerHeard() >= 10 && agentHeard() >= 10, () => `audio before hold: ${stack.edgeLog()}`);

    ok(await sup.post(`/v1/workitems/${call.itemId}/hold`, { hold: true }), 'hold');
    expect((await itemEventually(sup, call.itemId, (i) => i.state === 'hold', 5_000)).state).toBe('hold');
    // The softphone sent no re-INVITE: its direction is still sendrecv, and only the relay stops the audio.
    expect(agentMedia.direction).toBe('sendrecv');
    await pause(300); // the platform's ng command lands and packets already in flight arrive
    const [customerAt, agentAt] = [customerHeard(), agentHeard()];
    await pause(600);
    expect(customerHeard()).toBe(customerAt);
    expect(agentHeard()).toBe(agentAt);

    ok(await sup.post(`/v1/workitems/${call.itemId}/hold`, { hold: false }), 'resume');
    await itemEventually(sup, call.itemId, (i) => i.state === 'active', 5_000);
    await waitFor(() => customerHeard() >= customerAt + 10 && agentHeard() >= agentAt + 10, () => `audio after resume: ${stack.edgeLog()}`);

    await call.invitation.bye();
    const outcome = await call.customer.finished;
    expect(outcome.exitCode, outcome.errors).toBe(0);
    await ended(alice.api, call.itemId);
  });

  it('when the customer’s carrier refuses the REFER, the call ends, the original item stays TRANSFERRED and the raised item is closed ABANDONED', async () => {
    await transferToCustomerRefusingRefer('+15557770078', REFUSING_CUSTOMER_MEDIA_PORT, { softphoneTriesFirst: false });
  });

  // The edge does not REFER a call whose agent's softphone REFERred it already (kamailio.cfg `referred`);
  // a REFER the customer refused does not count, or this transfer would leave the customer on the line.
  it('a transfer through the API still REFERs the customer after the customer refused the softphone’s own REFER', async () => {
    await transferToCustomerRefusingRefer('+15557770079', REFUSING_CUSTOMER_MEDIA_PORT + 2, { softphoneTriesFirst: true });
  });

  it('a transfer to a queue REFERs the customer to its number and ends the agent’s leg; carol accepts the raised item, her phone answers and audio flows', async () => {
    const carol = await signIn('carol', CAROL_ICE_PORTS);
    try {
      const call = await connectedCall();
      let aliceLegEnded = false;
      call.invitation.stateChange.addListener((state) => {
        if (state === 'Terminated') aliceLegEnded = true;
      });
      const carolFrom = carol.events.mark();
      // alice's softphone sends nothing: the edge does the REFER
      ok(await alice.api.act(call.itemId, 'transfer', { queueId: 'sales' }), 'transfer');
      const original = await itemEventually(alice.api, call.itemId, (i) => i.state === 'closed', 5_000);
      expect(original.reasonCode).toBe('TRANSFERRED');
      await waitFor(() => aliceLegEnded, () => `the edge did not hang up alice's leg: ${stack.edgeLog()}`);

      const offered = await offeredTo(carol.events, 'carol', undefined, 10_000, carolFrom);
      const raised = offered.workitem!;
      expect(raised).toMatchObject({ type: 'call', queueId: 'sales', contact: { phone: CUSTOMER } });
      // The customer's INVITE that followed the REFER joined the raised item: carol's accept connects it.
      ok(await carol.api.act(raised.workitemId, 'accept'), 'carol accepts');
      const carolsCall = await carol.phone.nextInvitation(10_000);
      expect(carolsCall.request.getHeader('X-Workitem-Id')).toBe(raised.workitemId);
      const acked = new Promise<void>((resolve) => (carolsCall.delegate = { onAck: () => resolve() }));
      await carolsCall.accept();
      await acked;
      await itemEventually(carol.api, raised.workitemId, (i) => i.state === 'active', 5_000);

      const carolMedia = peerOf(carolsCall);
      const customerHeardBefore = pcmu(call.customer.media.stats());
      await waitFor(
        () => pcmu(carolMedia.stats()) >= 25 && pcmu(call.customer.media.stats()) >= customerHeardBefore + 25,
        () => `audio between the customer and carol: carol ${JSON.stringify(carolMedia.stats())}, customer ${JSON.stringify(call.customer.media.stats())}\n${stack.edgeLog()}`,
      );

      await carolsCall.bye();
      const outcome = await call.customer.finished;
      expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
      await itemEventually(carol.api, raised.workitemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000);
    } finally {
      await carol.api.setPresence('offline');
      await carol.events.close();
      await carol.phone.stop();
    }
  }, 60_000);

});

/**
 * A customer whose carrier refuses every REFER calls support and alice answers; a supervisor transfers the
 * item to sales — after alice's softphone tried a REFER of its own, if so asked.
 */
async function transferToCustomerRefusingRefer(caller: string, mediaPort: number, options: { softphoneTriesFirst: boolean }): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-refuses-refer-'));
  const from = alice.events.mark();
  const customer = startSipp(dir, [
    `${stack.host}:${stack.udpPort}`, '-sf', path.join(SCENARIOS, 'customer-refuses-refer.xml'), '-s', SUPPORT_NUMBER,
    '-set', 'caller', caller, '-i', '127.0.0.1', '-p', '0', '-mp', String(mediaPort), '-m', '1',
  ]);
  try {
    const { itemId, invitation } = await aliceAnswers(from);
    if (options.softphoneTriesFirst) {
      const status = await new Promise<number>((resolve, reject) => {
        invitation
          .refer(UserAgent.makeURI(`sip:${SALES_NUMBER}@${SIP_DOMAIN}`)!, {
            requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
          })
          .catch(reject);
      });
      expect(status).toBe(603);
    }

    ok(await sup.post(`/v1/workitems/${itemId}/transfer`, { queueId: 'sales' }), 'transfer');
    const original = await itemEventually(sup, itemId, (i) => i.state === 'closed', 5_000);
    expect(original.reasonCode).toBe('TRANSFERRED');
    // The customer answered 603 and then got the BYE it waits for: SIPp ends cleanly.
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    // The item the transfer raised has nobody to connect: closed, not left ringing agents in sales.
    const raised = await waitForRaised(caller);
    const closedRaised = await itemEventually(sup, raised, (i) => i.state === 'closed', 5_000);
    expect(closedRaised.reasonCode).toBe('ABANDONED');
    await waitFor(() => invitation.state === 'Terminated', () => `alice's leg still up: ${stack.edgeLog()}`);
  } finally {
    customer.stop();
    await customer.finished;
    await rm(dir, { recursive: true, force: true });
  }
}

/** The item a transfer raised for this caller (the supervisor sees every item). */
async function waitForRaised(caller: string): Promise<string> {
  let found: string | undefined;
  for (let attempt = 0; attempt < 50 && found === undefined; attempt++) {
    const list = await sup.get<{ items: Array<{ workitemId: string; direction: string; contact: { phone: string | null } }> }>('/v1/workitems?rows=500&sort=createdAt%20desc');
    found = list.body.items.find((i) => i.direction === 'DIRECT_TRANSFER' && i.contact.phone === caller)?.workitemId;
    if (found === undefined) await pause(100);
  }
  if (found === undefined) throw new Error(`no item raised for ${caller}`);
  return found;
}
