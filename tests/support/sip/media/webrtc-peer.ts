/**
 * The scripted agent's WebRTC media: a werift peer connection that speaks to rtpengine the way a browser
 * softphone does (ICE with loopback host candidates, DTLS-SRTP, rtcp-mux), sends a PCMU tone every 20 ms
 * while its negotiated direction allows sending, sends RFC 4733 DTMF, and counts what it receives by payload
 * type. werift is used rather than a libwebrtc binding because the tests need to craft telephone-event
 * packets, and a pure-TypeScript stack lets them write any RTP through the SRTP session.
 */
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, MediaStreamTrack, type RTCRtpTransceiver, type RTCDtlsTransport, type RtpPacket } from 'werift';

import { audioDirection, loopbackCandidatesOnly, payloadTypeOf, remoteSdpForWerift, type MediaDirection } from './sdp';
import { dtmfEventPackets, PACKET_INTERVAL_MS, pcmuTone, SAMPLES_PER_PACKET, decodeTelephoneEvent, dtmfDigit } from './rtp';

export type WebRtcPeerOptions = {
  /** UDP ports werift may bind for ICE (keep inside the test's media range). */
  portRange: [number, number];
  /** Tone the agent "speaks", in Hz. */
  toneHz?: number;
};

export type MediaCounts = {
  packetsReceived: number;
  packetsSent: number;
  /** Received packets per RTP payload type. */
  byPayloadType: Record<number, number>;
  /** Digits of completed RFC 4733 events received (one per event, however many packets carried it). */
  dtmfReceived: string;
};

const PCMU = 0;
/** What the agent offers when it is the offerer: PCMU and telephone-event, the pair every carrier speaks. */
const OFFERED_TELEPHONE_EVENT = 101;

export class WebRtcPeer {
  private readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | undefined;
  private readonly tone: Generator<Buffer, never, void>;
  private readonly ticker: NodeJS.Timeout;
  private readonly ssrc = (Math.random() * 2 ** 32) >>> 0;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = (Math.random() * 2 ** 32) >>> 0;
  private watchedTransport: RTCDtlsTransport | undefined;
  /** The direction this side asks for in its next offer or answer (hold asks for sendonly). */
  private wantedDirection: MediaDirection = 'sendrecv';
  /** The direction negotiated by the last completed offer/answer, from this side's point of view. */
  private negotiated: MediaDirection = 'inactive';
  private remoteTelephoneEvent: number | undefined;
  private readonly queuedDtmf: { marker: boolean; payload: Buffer; newEvent: boolean }[] = [];
  private dtmfTimestamp = 0;
  private lastEventTimestamp: number | undefined;
  private closed = false;
  private readonly counts: MediaCounts = { packetsReceived: 0, packetsSent: 0, byPayloadType: {}, dtmfReceived: '' };

  constructor(options: WebRtcPeerOptions) {
    this.pc = new RTCPeerConnection({
      iceServers: [],
      iceUseIpv6: false,
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      icePortRange: options.portRange,
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU }),
          new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: OFFERED_TELEPHONE_EVENT }),
        ],
      },
    });
    this.tone = pcmuTone(options.toneHz ?? 440);
    this.ticker = setInterval(() => this.tick(), PACKET_INTERVAL_MS);
  }

  /** Answers a remote offer (the agent receiving the edge's INVITE or re-INVITE); returns the local SDP. */
  async answer(remoteOffer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: remoteSdpForWerift(remoteOffer) });
    this.adoptTransceiver();
    this.applyWantedDirection(remoteOffer);
    const answer = await this.pc.createAnswer();
    // The edge offers agents setup:passive, so we are the DTLS client as a browser would be. Against an
    // actpass offer (rtpengine driven directly in media-rtpengine.test.ts) take the server role instead: as
    // the client, werift's first ClientHello could reach rtpengine before our answer did (ICE completes at
    // once on loopback) and the handshake would stall.
    const sdp = /^a=setup:actpass/m.test(remoteOffer) ? answer.sdp.replace(/^a=setup:active/gm, 'a=setup:passive') : answer.sdp;
    await this.pc.setLocalDescription({ type: 'answer', sdp });
    this.afterNegotiation(remoteOffer);
    return this.localSdp();
  }

  /** Creates an offer (an outbound call, or a hold/resume re-INVITE); complete with acceptAnswer. */
  async offer(): Promise<string> {
    if (!this.transceiver) this.transceiver = this.pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendrecv' });
    this.transceiver.setDirection(this.wantedDirection);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.localSdp();
  }

  async acceptAnswer(remoteAnswer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: remoteSdpForWerift(remoteAnswer) });
    this.afterNegotiation(remoteAnswer);
  }

  /** Hold (true) makes the next offer sendonly and stops this side's audio, as a softphone mutes on hold. */
  setHold(hold: boolean): void {
    this.wantedDirection = hold ? 'sendonly' : 'sendrecv';
  }

  get direction(): MediaDirection {
    return this.negotiated;
  }

  /**
   * Queues RFC 4733 events for DIGITS (0-9 * # A-D) with the telephone-event payload type the remote SDP
   * chose; resolves when the last packet has been sent. Audio pauses while an event plays, as in a phone.
   */
  async sendDtmf(digits: string, durationMs = 100): Promise<void> {
    if (this.remoteTelephoneEvent === undefined) throw new Error('the remote SDP offers no telephone-event/8000');
    for (const digit of digits) {
      dtmfEventPackets(digit, durationMs).forEach((p, i) => this.queuedDtmf.push({ ...p, newEvent: i === 0 }));
    }
    while (this.queuedDtmf.length > 0 && !this.closed) await new Promise((resolve) => setTimeout(resolve, PACKET_INTERVAL_MS));
  }

  /** A snapshot of what has been sent and received so far. */
  stats(): MediaCounts {
    return { ...this.counts, byPayloadType: { ...this.counts.byPayloadType } };
  }

  /** ICE, DTLS and negotiation states, for a failing test's message. */
  describe(): string {
    return `ice ${this.pc.iceConnectionState} (gathering ${this.pc.iceGatheringState}), connection ${this.pc.connectionState}, dtls ${this.watchedTransport?.state ?? 'none'}, direction ${this.negotiated}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    await this.pc.close();
  }

  private localSdp(): string {
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description after negotiation');
    return loopbackCandidatesOnly(sdp);
  }

  private adoptTransceiver(): void {
    const audio = this.pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!audio) throw new Error('the remote offer has no audio section');
    if (this.transceiver !== audio) {
      this.transceiver = audio;
      // A transceiver created by a remote offer has no sending track yet; give it one so it may send.
      // replaceTrack only swaps the sender's track here (no renegotiation), so nothing is awaited on it.
      if (!audio.sender.track) void audio.sender.replaceTrack(new MediaStreamTrack({ kind: 'audio' }));
    }
  }

  /** RFC 3264 §6.1: the answer sends only if the offer receives, and receives only if the offer sends. */
  private applyWantedDirection(remoteOffer: string): void {
    const remote = audioDirection(remoteOffer);
    this.transceiver?.setDirection(directionOf(sends(this.wantedDirection) && receives(remote), receives(this.wantedDirection) && sends(remote)));
  }

  private afterNegotiation(remoteSdp: string): void {
    this.remoteTelephoneEvent = payloadTypeOf(remoteSdp, 'telephone-event', 8000);
    const local = audioDirection(this.localSdp());
    const remote = audioDirection(remoteSdp);
    this.negotiated = directionOf(sends(local) && receives(remote), receives(local) && sends(remote));
    const transport = this.transceiver?.dtlsTransport;
    if (transport && transport !== this.watchedTransport) {
      this.watchedTransport = transport;
      transport.onRtp.subscribe((packet) => this.onRtp(packet));
    }
  }

  private onRtp(packet: RtpPacket): void {
    const pt = packet.header.payloadType;
    this.counts.packetsReceived += 1;
    this.counts.byPayloadType[pt] = (this.counts.byPayloadType[pt] ?? 0) + 1;
    if (pt !== this.remoteTelephoneEvent) return;
    try {
      const event = decodeTelephoneEvent(packet.payload);
      // The end packet is sent three times; an event counts once, keyed by its timestamp.
      if (event.end && this.lastEventTimestamp !== packet.header.timestamp) {
        this.lastEventTimestamp = packet.header.timestamp;
        this.counts.dtmfReceived += dtmfDigit(event.event);
      }
    } catch {
      // A malformed event is counted as a packet, not as a digit.
    }
  }

  /** Every 20 ms: one DTMF packet if events are queued, else one tone frame, if sending is negotiated. */
  private tick(): void {
    const transport = this.watchedTransport;
    const maySend = this.negotiated === 'sendrecv' || this.negotiated === 'sendonly';
    const onHold = this.wantedDirection === 'sendonly';
    this.timestamp = (this.timestamp + SAMPLES_PER_PACKET) >>> 0;
    if (!transport || transport.state !== 'connected' || !maySend) return;
    const dtmf = this.queuedDtmf.shift();
    let header: RtpHeader;
    let payload: Buffer;
    if (dtmf && this.remoteTelephoneEvent !== undefined) {
      if (dtmf.newEvent) this.dtmfTimestamp = this.timestamp;
      header = this.header(this.remoteTelephoneEvent, this.dtmfTimestamp, dtmf.marker);
      payload = dtmf.payload;
    } else {
      if (onHold) return;
      header = this.header(PCMU, this.timestamp, false);
      payload = this.tone.next().value;
    }
    this.counts.packetsSent += 1;
    void transport.sendRtp(payload, header);
  }

  private header(payloadType: number, timestamp: number, marker: boolean): RtpHeader {
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    return new RtpHeader({ payloadType, sequenceNumber: this.sequenceNumber, timestamp, ssrc: this.ssrc, marker });
  }
}

const sends = (d: MediaDirection): boolean => d === 'sendrecv' || d === 'sendonly';
const receives = (d: MediaDirection): boolean => d === 'sendrecv' || d === 'recvonly';
const directionOf = (send: boolean, receive: boolean): MediaDirection =>
  send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive';
