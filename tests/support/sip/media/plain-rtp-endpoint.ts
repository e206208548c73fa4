/**
 * A customer's phone as far as media goes: plain RTP/AVP on one UDP port of 127.0.0.1, a PCMU tone out every
 * 20 ms, and counts of what comes in (per payload type, and RFC 4733 digits). It sends either to a known
 * address (from the SDP it was given) or, like most SBCs and phones behind NAT ("comedia"), back to wherever
 * RTP last came from.
 */
import { createSocket, type Socket } from 'node:dgram';

import { buildRtp, decodeTelephoneEvent, dtmfDigit, PACKET_INTERVAL_MS, parseRtp, pcmuTone, SAMPLES_PER_PACKET } from './rtp';
import type { MediaCounts } from './webrtc-peer';

export class PlainRtpEndpoint {
  private target: { address: string; port: number } | undefined;
  /** True once sendTo named the target; until then the endpoint answers wherever RTP last came from. */
  private targetFixed = false;
  private sending = true;
  private readonly tone: Generator<Buffer, never, void>;
  private readonly ticker: NodeJS.Timeout;
  private readonly ssrc = (Math.random() * 2 ** 32) >>> 0;
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = (Math.random() * 2 ** 32) >>> 0;
  private lastEventTimestamp: number | undefined;
  private readonly counts: MediaCounts = { packetsReceived: 0, packetsSent: 0, byPayloadType: {}, dtmfReceived: '' };

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    /** The payload type the customer's own SDP gave telephone-event (what rtpengine must send it with). */
    private readonly telephoneEventPayloadType: number,
    toneHz: number,
  ) {
    this.tone = pcmuTone(toneHz);
    socket.on('message', (message, from) => this.onMessage(message, from.address, from.port));
    this.ticker = setInterval(() => this.tick(), PACKET_INTERVAL_MS);
  }

  static async open(options: { port: number; telephoneEventPayloadType?: number; toneHz?: number }): Promise<PlainRtpEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new PlainRtpEndpoint(socket, options.port, options.telephoneEventPayloadType ?? 101, options.toneHz ?? 1000);
  }

  /** The SDP offer a customer phone would send for this endpoint: PCMU and telephone-event. */
  offerSdp(): string {
    const te = this.telephoneEventPayloadType;
    return [
      'v=0',
      `o=customer ${this.ssrc} 1 IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.port} RTP/AVP 0 ${te}`,
      'a=rtpmap:0 PCMU/8000',
      `a=rtpmap:${te} telephone-event/8000`,
      `a=fmtp:${te} 0-16`,
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
  }

  /** Sends to this address from now on (else the source of the first packet received). */
  sendTo(address: string, port: number): void {
    this.target = { address, port };
    this.targetFixed = true;
  }

  /** Stops or restarts the tone (a customer who mutes, or who was put on hold with sendonly/recvonly). */
  setSending(sending: boolean): void {
    this.sending = sending;
  }

  stats(): MediaCounts {
    return { ...this.counts, byPayloadType: { ...this.counts.byPayloadType } };
  }

  close(): void {
    clearInterval(this.ticker);
    this.socket.close();
  }

  private onMessage(message: Buffer, address: string, port: number): void {
    const rtp = parseRtp(message);
    if (!rtp) return;
    // Latching follows the latest source, as after a transfer, when the media relay's port changes.
    if (!this.targetFixed && (this.target?.address !== address || this.target.port !== port)) this.target = { address, port };
    this.counts.packetsReceived += 1;
    this.counts.byPayloadType[rtp.payloadType] = (this.counts.byPayloadType[rtp.payloadType] ?? 0) + 1;
    if (rtp.payloadType !== this.telephoneEventPayloadType) return;
    try {
      const event = decodeTelephoneEvent(rtp.payload);
      if (event.end && this.lastEventTimestamp !== rtp.timestamp) {
        this.lastEventTimestamp = rtp.timestamp;
        this.counts.dtmfReceived += dtmfDigit(event.event);
      }
    } catch {
      // Counted as a packet above; a malformed event is not a digit.
    }
  }

  private tick(): void {
    this.timestamp = (this.timestamp + SAMPLES_PER_PACKET) >>> 0;
    if (!this.target || !this.sending) return;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    const packet = buildRtp({ payloadType: 0, sequenceNumber: this.sequenceNumber, timestamp: this.timestamp, ssrc: this.ssrc, marker: false }, this.tone.next().value);
    this.counts.packetsSent += 1;
    this.socket.send(packet, this.target.port, this.target.address);
  }
}
