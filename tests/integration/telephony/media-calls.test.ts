/**
 * Calls with real media through the edge: SIPp as the customer (its audio a PlainRtpEndpoint on loopback),
 * Kamailio + rtpengine + the platform, and an agent whose softphone is sip.js with a WebRTC peer (werift:
 * ICE, DTLS-SRTP). Each test is one behaviour that fails without it: RTP both ways, hold and resume through
 * re-INVITEs, the agent's DTMF as RFC 4733 events at the customer, and a blind transfer by REFER.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent, type Invitation } from 'sip.js';

import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { callWithMedia, type MediaCustomer } from '../../support/sip/media/media-customer';
import { signInAgent } from '../../support/sip/signed-in-agent';
import { peerOf, webRtcSessionDescriptionHandlerFactory } from '../../support/sip/media/session-description-handler';
import { waitFor } from '../../support/sip/media/wait';
import { SipAgent } from '../../support/sip/sip-agent';
import { customerRefused, gatewayTransferTarget } from '../../support/sip/customer';
import { SALES_NUMBER, SIP_DOMAIN, SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

/** This file's media ports (45000–49999 belong to the media tests): rtpengine, the agents' ICE, the customers. */
const RTPENGINE_PORTS = { portMin: 45_400, portMax: 45_799 };
const AGENT_ICE_PORTS: [number, number] = [45_800, 45_849];
const CAROL_ICE_PORTS: [number, number] = [45_850, 45_899];
let nextCustomerPort = 45_900;
/** SIPp's own media port at the gateway, for a customer transferred to an outside number */
const GATEWAY_MEDIA_PORT = 45_990;
const OUTSIDE_NUMBER = '+15559990001';
/** the caller customerRefused() calls as, and its SIPp's media port */
const REFUSED_CALLER = '+15557770001';
const REFUSED_CALLER_MEDIA_PORT = 45_994;
const CUSTOMER = '+15557770042';

type Agent = { api: ApiClient; events: EventStream; phone: SipAgent };

let stack: TelephonyStack;
let alice: Agent;
const customers: MediaCustomer[] = [];
/** The call a test left up (it failed half-way): hung up after it so the next test finds alice free. */
let leftUp: { customer: MediaCustomer; itemId: string; invitation: Invitation } | undefined;

async function signIn(username: string, icePorts: [number, number]): Promise<Agent> {
  return signInAgent(stack.platform.url, username, { phone: { sessionDescriptionHandlerFactory: webRtcSessionDescriptionHandlerFactory({ portRange: icePorts }) } });
}

beforeAll(async () => {
  stack = await startTelephonyStack({ media: RTPENGINE_PORTS });
  alice = await signIn('alice', AGENT_ICE_PORTS);
});
afterEach(async () => {
  const call = leftUp;
  leftUp = undefined;
  if (call) {
    await call.invitation.bye().catch(() => undefined);
    await itemEventually(alice.api, call.itemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000).catch(() => undefined);
    await alice.api.act(call.itemId, 'disposition', { code: 'resolved' });
  }
  await Promise.all(customers.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await stack?.close();
});

/** A customer calls support; alice accepts the offer and her softphone answers; resolves once the ACK is in. */
async function connectedCall(caller = CUSTOMER): Promise<{ customer: MediaCustomer; itemId: string; invitation: Invitation }> {
  const from = alice.events.mark();
  const customer = await callWithMedia({ host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, caller, rtpPort: nextCustomerPort });
  nextCustomerPort += 2;
  customers.push(customer);
  const offered = await offeredTo(alice.events, 'alice', undefined, 10_000, from);
  const itemId = offered.workitem!.workitemId;
  ok(await alice.api.act(itemId, 'accept'), 'accept');
  const invitation = await alice.phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(itemId);
  // sip.js counts the call established when it sends 200; a re-INVITE before the ACK would be refused.
  const acked = new Promise<void>((resolve) => (invitation.delegate = { onAck: () => resolve() }));
  await invitation.accept();
  await acked;
  leftUp = { customer, itemId, invitation };
  await itemEventually(alice.api, itemId, (i) => i.state === 'active', 5_000);
  return leftUp;
}

/** What to show when media does not come: both ends' counts and the edge's recent log. */
function mediaReport(call: { customer: MediaCustomer; invitation: Invitation }): () => string {
  return () => `agent ${peerOf(call.invitation).describe()} ${JSON.stringify(peerOf(call.invitation).stats())}, customer ${JSON.stringify(call.customer.media.stats())}\n${stack.edgeLog()}`;
}

/** PCMU packets received so far: the tone each side sends (payload type 0 on both legs). */
const pcmu = (counts: { byPayloadType: Record<number, number> }): number => counts.byPayloadType[0] ?? 0;

/** Ends the call from the agent's side: the customer gets BYE, the item goes to wrap-up and alice closes it. */
async function hangUp(call: { customer: MediaCustomer; itemId: string; invitation: Invitation }): Promise<void> {
  leftUp = undefined;
  await call.invitation.bye();
  const outcome = await call.customer.finished;
  expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  const ended = await itemEventually(alice.api, call.itemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000);
  // The fixture's wrap-up lasts 0.5 s, so it may already have closed itself; either way alice is free after.
  if (ended.state === 'terminated') {
    const closed = await alice.api.act(call.itemId, 'disposition', { code: 'resolved' });
    expect([200, 409]).toContain(closed.status);
  }
  await itemEventually(alice.api, call.itemId, (i) => i.state === 'dispositioned', 5_000);
}

describe('calls with media through the edge', () => {
  it('carries RTP both ways between the customer and the agent who accepted', async () => {
    const call = await connectedCall();
    const agentMedia = peerOf(call.invitation);
    // Both tones arrive: the customer's at the agent's WebRTC peer (SRTP decrypted), the agent's at the customer.
    await waitFor(() => pcmu(agentMedia.stats()) >= 25 && pcmu(call.customer.media.stats()) >= 25, () => `audio both ways: ${mediaReport(call)()}`);
    const [agentBefore, customerBefore] = [pcmu(agentMedia.stats()), pcmu(call.customer.media.stats())];
    await waitFor(() => pcmu(agentMedia.stats()) > agentBefore + 10 && pcmu(call.customer.media.stats()) > customerBefore + 10, 'audio still flowing');
    await hangUp(call);
  });

  it('holds the customer with a sendonly re-INVITE and resumes with sendrecv; audio stops and comes back', async () => {
    const call = await connectedCall();
    const agentMedia = peerOf(call.invitation);
    const heard = (): number => pcmu(call.customer.media.stats());
    await waitFor(() => heard() >= 10, () => `audio before hold: ${mediaReport(call)()}`);

    await call.invitation.invite({ sessionDescriptionHandlerOptions: { hold: true } as object });
    // The customer answered recvonly: it saw sendonly, so the edge passed the direction through rtpengine.
    await waitFor(() => agentMedia.direction === 'sendonly', 'the hold answered recvonly');
    await new Promise((resolve) => setTimeout(resolve, 200)); // packets already in flight land
    const heldAt = heard();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard()).toBe(heldAt);

    await call.invitation.invite({ sessionDescriptionHandlerOptions: { hold: false } as object });
    await waitFor(() => agentMedia.direction === 'sendrecv', 'the resume answered sendrecv');
    await waitFor(() => heard() >= heldAt + 10, 'audio after resume');
    // And the customer's audio still reaches the agent after two re-INVITEs through rtpengine.
    const agentHeard = pcmu(agentMedia.stats());
    await waitFor(() => pcmu(agentMedia.stats()) >= agentHeard + 10, 'customer audio after resume');
    await hangUp(call);
  });

  it('delivers the agent\'s DTMF to the customer as RFC 4733 telephone-events on the customer\'s payload type', async () => {
    const call = await connectedCall();
    await waitFor(() => pcmu(call.customer.media.stats()) >= 5, () => `audio before DTMF: ${mediaReport(call)()}`);
    expect(call.invitation.sessionDescriptionHandler?.sendDtmf('159#')).toBe(true);
    await waitFor(() => call.customer.media.stats().dtmfReceived === '159#', 'the digits 1 5 9 # at the customer');
    // 101 is what the customer's SDP named telephone-event: rtpengine mapped the agent's events onto it.
    expect(call.customer.media.stats().byPayloadType[101]).toBeGreaterThanOrEqual(4 * 4);
    await hangUp(call);
  });

  it('transfers blindly by REFER: the customer accepts it, the original item is TRANSFERRED and the item raised in sales rings carol', async () => {
    const carol = await signIn('carol', CAROL_ICE_PORTS);
    try {
      const call = await connectedCall();
      await waitFor(() => pcmu(call.customer.media.stats()) >= 5, () => `audio before the transfer: ${mediaReport(call)()}`);
      const target = UserAgent.makeURI(`sip:${SALES_NUMBER}@${SIP_DOMAIN}`);
      if (!target) throw new Error('bad transfer target');
      const referStatus = await new Promise<number>((resolve, reject) => {
        call.invitation
          .refer(target, {
            requestDelegate: {
              onAccept: (response) => resolve(response.message.statusCode ?? 0),
              onReject: (response) => resolve(response.message.statusCode ?? 0),
            },
          })
          .catch(reject);
      });
      // The REFER crossed the edge to the customer, who accepted it; then the desktop moves the item.
      expect(referStatus, stack.edgeLog()).toBe(202);
      const carolFrom = carol.events.mark();
      ok(await alice.api.act(call.itemId, 'transfer', { queueId: 'sales' }), 'transfer');
      leftUp = undefined;
      await call.invitation.bye();
      const original = await itemEventually(alice.api, call.itemId, (i) => i.state === 'closed', 5_000);
      expect(original.reasonCode).toBe('TRANSFERRED');

      // The item the transfer raised rings carol, for the customer's number.
      const offered = await offeredTo(carol.events, 'carol', undefined, 10_000, carolFrom);
      const raised = offered.workitem!;
      expect(raised).toMatchObject({ type: 'call', queueId: 'sales', contact: { phone: CUSTOMER } });
      // carol answering and talking to the customer is transfer.test.ts (this path: the softphone's own
      // REFER) and api-call-actions.test.ts (the edge's REFER); here she declines.
      ok(await carol.api.act(raised.workitemId, 'decline'), 'carol declines');
    } finally {
      await carol.api.setPresence('offline');
      await carol.events.close();
      await carol.phone.stop();
    }
  });

  // A queue's number is the only way in (no open relay), so a customer the softphone REFERred to an outside
  // number called the edge back and got 404: the call was lost. The platform now lets that one INVITE, to
  // the number the agent's REFER named, through to the gateway, From the queue's number, with plain RTP.
  it('transfers blindly to an outside number: the customer\'s new INVITE is relayed to the gateway with plain RTP, and the outside party\'s BYE reaches the customer', { timeout: 30_000 }, async () => {
    // the gateway's SIPp gives up before the test does, so a failure says what it saw
    const gateway = await gatewayTransferTarget(stack.gatewayPort, GATEWAY_MEDIA_PORT, { number: OUTSIDE_NUMBER, from: SUPPORT_NUMBER }, 15_000);
    try {
      const call = await connectedCall();
      const target = UserAgent.makeURI(`sip:${OUTSIDE_NUMBER}@${SIP_DOMAIN}`)!;
      const referStatus = await new Promise<number>((resolve, reject) => {
        call.invitation
          .refer(target, { requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) } })
          .catch(reject);
      });
      expect(referStatus, stack.edgeLog()).toBe(202);
      leftUp = undefined;
      await call.invitation.bye();
      await itemEventually(alice.api, call.itemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000);

      const atGateway = await gateway.finished;
      expect(atGateway.exitCode, `${atGateway.errors}\n${stack.edgeLog()}`).toBe(0);
      const customer = await call.customer.finished;
      expect(customer.exitCode, `${customer.errors}\n${stack.edgeLog()}`).toBe(0);
      const closed = await alice.api.act(call.itemId, 'disposition', { code: 'resolved' });
      expect([200, 409]).toContain(closed.status);
    } finally {
      gateway.stop();
    }
  });

  // The edge names the user whose credentials the REFER carried; a REFER to an outside number from anyone
  // but the call's agent must not open the way out (the customer could be the one asking, to call out at
  // the company's cost). The edge's event is played here as a forged REFER would make it.
  it('does not let a customer out to a number REFERred by anyone but the call\'s agent', async () => {
    const call = await connectedCall(REFUSED_CALLER);
    stack.platform.sipEdge!.calls.onEdgeMessage({ event: 'refer', callId: call.invitation.request.callId, to: OUTSIDE_NUMBER, agent: 'bob' });
    const attempt = await customerRefused(404, { host: stack.host, port: stack.udpPort, number: OUTSIDE_NUMBER, mediaPort: REFUSED_CALLER_MEDIA_PORT });
    const outcome = await attempt.finished;
    expect(outcome.exitCode, `${outcome.errors}\n${stack.edgeLog()}`).toBe(0);
    await hangUp(call);
  });
});
