/**
 * Blind transfer of a live call to a queue, end to end: the agent's softphone REFERs the customer through
 * the edge, the desktop transfers the item (POST /transfer), the customer's side follows with a new INVITE
 * to the target queue's number, that INVITE joins the item the transfer raised (no second item), and the
 * agent who accepts it — carol — gets the customer's call, answers it, and audio flows both ways between
 * the customer (SIPp + a plain RTP endpoint) and carol's WebRTC peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAgent, type Invitation } from 'sip.js';

import { ApiClient, itemEventually, offeredTo, ok } from '../server/helpers';
import { callWithMedia } from '../../support/sip/media/media-customer';
import { peerOf, webRtcSessionDescriptionHandlerFactory } from '../../support/sip/media/session-description-handler';
import { waitFor } from '../../support/sip/media/wait';
import { signInAgent, type SignedInAgent } from '../../support/sip/signed-in-agent';
import { SALES_NUMBER, SIP_DOMAIN, SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

/** This file's media ports (42400–42799): rtpengine, the customer's RTP, the agents' ICE. */
const RTPENGINE_PORTS = { portMin: 42_400, portMax: 42_699 };
const CUSTOMER_RTP_PORT = 42_710;
const ALICE_ICE_PORTS: [number, number] = [42_720, 42_749];
const CAROL_ICE_PORTS: [number, number] = [42_750, 42_779];
const CUSTOMER = '+14155550142';

let stack: TelephonyStack;
const agents: SignedInAgent[] = [];

beforeAll(async () => {
  stack = await startTelephonyStack({ media: RTPENGINE_PORTS });
});
afterAll(async () => {
  for (const a of agents) {
    await a.events.close();
    await a.phone.stop();
  }
  await stack?.close();
});

async function signIn(username: string, icePorts: [number, number]): Promise<SignedInAgent> {
  const agent = await signInAgent(stack.platform.url, username, { phone: { sessionDescriptionHandlerFactory: webRtcSessionDescriptionHandlerFactory({ portRange: icePorts }) } });
  agents.push(agent);
  return agent;
}

/** Answers an INVITE and resolves once its ACK is in (sip.js counts the call up when it sends 200). */
async function answer(invitation: Invitation): Promise<void> {
  const acked = new Promise<void>((resolve) => (invitation.delegate = { onAck: () => resolve() }));
  await invitation.accept();
  await acked;
}

/** PCMU packets received so far: the tone each side sends (payload type 0 on both legs). */
const pcmu = (counts: { byPayloadType: Record<number, number> }): number => counts.byPayloadType[0] ?? 0;

describe('blind transfer', () => {
  it('moves the customer to the target queue’s item: carol accepts it, her phone answers and audio flows both ways', async () => {
    const alice = await signIn('alice', ALICE_ICE_PORTS);
    const carol = await signIn('carol', CAROL_ICE_PORTS);
    const sup = await ApiClient.login(stack.platform.url, 'sup');
    const customer = await callWithMedia({ host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, caller: CUSTOMER, rtpPort: CUSTOMER_RTP_PORT });
    try {
      const offer = await offeredTo(alice.events, 'alice', undefined, 10_000);
      ok(await alice.api.act(offer.workitem!.workitemId, 'accept'));
      const invitation = await alice.phone.nextInvitation(10_000);
      await answer(invitation);
      await itemEventually(alice.api, offer.workitem!.workitemId, (i) => i.state === 'active', 5_000);

      // The desktop's order: REFER the customer, and only once it is accepted (202) move the item — the
      // edge then knows the softphone transferred the call itself and sends no REFER of its own.
      const carolMark = carol.events.mark();
      await new Promise<void>((resolve, reject) => {
        invitation
          .refer(UserAgent.makeURI(`sip:${SALES_NUMBER}@${SIP_DOMAIN}`)!, {
            requestDelegate: { onAccept: () => resolve(), onReject: (r) => reject(new Error(`REFER refused: ${r.message.statusCode}`)) },
          })
          .catch(reject);
      });
      const transferred = ok(await alice.api.post(`/v1/workitems/${offer.workitem!.workitemId}/transfer`, { queueId: 'sales' }));
      expect(transferred.state).toBe('closed');
      const raised = transferred.created;
      const carolOffer = await offeredTo(carol.events, 'carol', raised.workitemId, 10_000, carolMark);
      expect(carolOffer.workitem).toMatchObject({ queueId: 'sales', contact: { phone: CUSTOMER } });
      // carol accepts before the customer's new INVITE exists (the customer sends it only once alice's BYE
      // is answered): the item must wait for that call, accepted, instead of going active with none.
      const accepted = ok(await carol.api.act(raised.workitemId, 'accept'), 'carol accepts');
      expect(accepted.state).toBe('accepted');
      await invitation.bye();

      const carolsCall = await carol.phone.nextInvitation(10_000);
      expect(carolsCall.request.getHeader('X-Workitem-Id')).toBe(raised.workitemId);
      await answer(carolsCall);
      await itemEventually(carol.api, raised.workitemId, (i) => i.state === 'active', 5_000);

      // The customer hears carol and carol hears the customer, through the new call's rtpengine session.
      const carolMedia = peerOf(carolsCall);
      const customerHeardBefore = pcmu(customer.media.stats());
      await waitFor(
        () => pcmu(carolMedia.stats()) >= 25 && pcmu(customer.media.stats()) >= customerHeardBefore + 25,
        () => `audio between the customer and carol: carol ${JSON.stringify(carolMedia.stats())}, customer ${JSON.stringify(customer.media.stats())}\n${stack.edgeLog()}`,
      );
      // One call item in sales: the customer's INVITE joined the raised item instead of making another.
      const calls = ok(await sup.get(`/v1/workitems?q=${encodeURIComponent('type:call AND queueId:sales')}`));
      expect(calls.items.map((i: { workitemId: string }) => i.workitemId)).toEqual([raised.workitemId]);

      await carolsCall.bye();
      const outcome = await customer.finished;
      expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
      await itemEventually(carol.api, raised.workitemId, (i) => i.state === 'terminated' || i.state === 'dispositioned', 5_000);
    } finally {
      await customer.stop();
    }
  }, 60_000);
});
