/**
 * A cheap stand-in for the agent's WebRTC media, for load runs where hundreds of agents answer at once:
 * it answers any offer with plain RTP/AVP on one shared UDP echo socket (so rtpengine relays the customer's
 * RTP to it and the echo back), without ICE or DTLS-SRTP. What it measures is the edge, rtpengine's
 * relaying and the platform; not the per-agent cost of SRTP, which a real agent pays in its own browser.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { SessionDescriptionHandler, SessionDescriptionHandlerFactory, BodyAndContentType } from 'sip.js';

import { parseRtp } from './rtp';

/** One UDP socket that sends every RTP packet back where it came from, and counts streams and packets. */
export class RtpEchoSocket {
  packets = 0;
  /** Source address:port of every stream seen: one per call leg rtpengine relays to it. */
  readonly streams = new Set<string>();

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (message, from) => {
      if (!parseRtp(message)) return;
      this.packets += 1;
      this.streams.add(`${from.address}:${from.port}`);
      socket.send(message, from.port, from.address);
    });
  }

  static async open(port: number): Promise<RtpEchoSocket> {
    const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024, sendBufferSize: 4 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => resolve());
    });
    return new RtpEchoSocket(socket, port);
  }

  close(): void {
    this.socket.close();
  }
}

class EchoSessionDescriptionHandler implements SessionDescriptionHandler {
  private remote: string | undefined;

  constructor(private readonly echoPort: number) {}

  getDescription(): Promise<BodyAndContentType> {
    // Answer with the offer's first audio codec (and telephone-event when offered), so no transcoding is asked for.
    const offer = this.remote ?? '';
    const codecs = /^m=audio \d+ \S+ ([\d ]+)/m.exec(offer)?.[1]?.trim().split(/\s+/) ?? ['0'];
    const first = codecs[0] ?? '0';
    const rtpmap = (pt: string): string | undefined => new RegExp(`^a=rtpmap:${pt} ([^\\r\\n]+)`, 'm').exec(offer)?.[1];
    const telephoneEvent = codecs.find((pt) => /^telephone-event\/8000/i.test(rtpmap(pt) ?? ''));
    const payloads = [first, ...(telephoneEvent ? [telephoneEvent] : [])];
    const body = [
      'v=0',
      `o=agent ${Date.now()} 1 IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.echoPort} RTP/AVP ${payloads.join(' ')}`,
      ...payloads.map((pt) => `a=rtpmap:${pt} ${rtpmap(pt) ?? (pt === '0' ? 'PCMU/8000' : 'PCMA/8000')}`),
      'a=sendrecv',
      '',
    ].join('\r\n');
    return Promise.resolve({ body, contentType: 'application/sdp' });
  }

  setDescription(sdp: string): Promise<void> {
    this.remote = sdp;
    return Promise.resolve();
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    // Nothing per call: the echo socket is shared.
  }
}

export function echoSessionDescriptionHandlerFactory(echoPort: number): SessionDescriptionHandlerFactory {
  return () => new EchoSessionDescriptionHandler(echoPort);
}
