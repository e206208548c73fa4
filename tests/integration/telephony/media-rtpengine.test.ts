/**
 * The media tools against rtpengine alone (no Kamailio): a plain RTP "customer" and the WebRTC agent peer
 * bridged with the same ng flags the edge uses. Proves the peer does ICE + DTLS-SRTP with rtpengine, that
 * audio flows both ways, that hold directions pass through, and that RFC 4733 DTMF arrives as events.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';

import { startRtpengine, type RtpengineHandle } from '../../support/sip/media/rtpengine';
import { PlainRtpEndpoint } from '../../support/sip/media/plain-rtp-endpoint';
import { WebRtcPeer } from '../../support/sip/media/webrtc-peer';
import { audioDirection, audioMedia } from '../../support/sip/media/sdp';
import { waitFor } from '../../support/sip/media/wait';

// Ports inside this suite's media range (45000–49999), apart from the SIP edge tests' own ranges.
const NG_PORT = 45_010;
const RTPENGINE_PORTS = { portMin: 45_100, portMax: 45_199 };
const AGENT_PORTS: [number, number] = [45_200, 45_299];
let nextCustomerPort = 45_300;

/** Customer (RTP/AVP) → agent (WebRTC): what the edge asks of rtpengine for the INVITE to the agent. */
const TO_WEBRTC = { ICE: 'force', 'transport-protocol': 'UDP/TLS/RTP/SAVPF', 'rtcp-mux': ['offer'], SDES: ['off'], replace: ['origin', 'session-connection'] };
/** Agent (WebRTC) → customer (RTP/AVP): its answer or its own offer (re-INVITE) on the way out. */
const TO_PLAIN = { ICE: 'remove', 'transport-protocol': 'RTP/AVP', 'rtcp-mux': ['demux'], replace: ['origin', 'session-connection'] };

describe('WebRTC agent peer through rtpengine', () => {
  let rtpengine: RtpengineHandle;
  let customer: PlainRtpEndpoint;
  let agent: WebRtcPeer;
  let callId: string;
  const report = (): string => `agent ${agent.describe()} ${JSON.stringify(agent.stats())}, customer ${JSON.stringify(customer.stats())}\n${rtpengine.log().slice(-3000)}`;

  beforeAll(async () => {
    rtpengine = await startRtpengine({ ngPort: NG_PORT, ...RTPENGINE_PORTS });
  });
  afterAll(async () => {
    await rtpengine?.stop();
  });

  beforeEach(async () => {
    callId = randomUUID();
    customer = await PlainRtpEndpoint.open({ port: nextCustomerPort, telephoneEventPayloadType: 101 });
    nextCustomerPort += 2;
    agent = new WebRtcPeer({ portRange: AGENT_PORTS });
    // The customer's INVITE reaches the agent with rtpengine's WebRTC offer; the agent's answer goes back plain.
    const offer = await rtpengine.ng.command({ command: 'offer', 'call-id': callId, 'from-tag': 'customer', sdp: customer.offerSdp(), ...TO_WEBRTC });
    const answer = await agent.answer(offer.sdp ?? '');
    const toCustomer = await rtpengine.ng.command({ command: 'answer', 'call-id': callId, 'from-tag': 'customer', 'to-tag': 'agent', sdp: answer, ...TO_PLAIN });
    const media = audioMedia(toCustomer.sdp ?? '');
    expect(media.profile).toBe('RTP/AVP');
    customer.sendTo(media.address, media.port);
  });

  afterEach(async () => {
    await agent.close();
    customer.close();
    await rtpengine.ng.command({ command: 'delete', 'call-id': callId, 'from-tag': 'customer' }).catch(() => undefined);
  });

  it('carries audio both ways: PCMU counted at the agent and at the customer', async () => {
    await waitFor(() => agent.stats().byPayloadType[0] >= 25 && customer.stats().byPayloadType[0] >= 25, () => `audio both ways: ${report()}`);
  });

  it('passes hold (sendonly → recvonly) and resume, and audio stops and restarts', async () => {
    await waitFor(() => customer.stats().packetsReceived >= 10, () => `audio before hold: ${report()}`);
    // The agent holds: a re-INVITE from the agent's side, sendonly, which rtpengine turns into plain RTP.
    agent.setHold(true);
    const holdOffer = await rtpengine.ng.command({ command: 'offer', 'call-id': callId, 'from-tag': 'agent', 'to-tag': 'customer', sdp: await agent.offer(), ...TO_PLAIN });
    expect(audioDirection(holdOffer.sdp ?? '')).toBe('sendonly');
    const holdAnswer = await rtpengine.ng.command({ command: 'answer', 'call-id': callId, 'from-tag': 'agent', 'to-tag': 'customer', sdp: customerAnswer(customer, 'recvonly'), ...TO_WEBRTC });
    expect(audioDirection(holdAnswer.sdp ?? '')).toBe('recvonly');
    await agent.acceptAnswer(holdAnswer.sdp ?? '');
    expect(agent.direction).toBe('sendonly');
    // Let packets in flight land, then the customer hears nothing more from the agent.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const heldAt = customer.stats().byPayloadType[0] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(customer.stats().byPayloadType[0] ?? 0).toBe(heldAt);

    agent.setHold(false);
    const resumeOffer = await rtpengine.ng.command({ command: 'offer', 'call-id': callId, 'from-tag': 'agent', 'to-tag': 'customer', sdp: await agent.offer(), ...TO_PLAIN });
    expect(audioDirection(resumeOffer.sdp ?? '')).toBe('sendrecv');
    const resumeAnswer = await rtpengine.ng.command({ command: 'answer', 'call-id': callId, 'from-tag': 'agent', 'to-tag': 'customer', sdp: customerAnswer(customer, 'sendrecv'), ...TO_WEBRTC });
    await agent.acceptAnswer(resumeAnswer.sdp ?? '');
    expect(agent.direction).toBe('sendrecv');
    await waitFor(() => (customer.stats().byPayloadType[0] ?? 0) >= heldAt + 10, 'audio after resume');
  });

  it('delivers the agent\'s RFC 4733 digits to the customer as telephone-event packets', async () => {
    await waitFor(() => customer.stats().packetsReceived >= 5, () => `audio before DTMF: ${report()}`);
    await agent.sendDtmf('19#');
    await waitFor(() => customer.stats().dtmfReceived === '19#', 'digits 1 9 # at the customer');
    expect(customer.stats().byPayloadType[101]).toBeGreaterThanOrEqual(3 * 4);
  });
});

/** The customer's SDP answer to a re-INVITE, in the given direction. */
function customerAnswer(customer: PlainRtpEndpoint, direction: 'sendrecv' | 'recvonly'): string {
  return customer.offerSdp().replace('a=sendrecv', `a=${direction}`).replace(/^o=customer (\d+) 1 /m, 'o=customer $1 2 ');
}
