/**
 * The bits of RTP the media tests speak themselves: a G.711 µ-law tone (what the peers "say"), RFC 4733
 * telephone-event payloads (DTMF), and a plain RTP header reader for the customer side.
 */

/** 20 ms of audio at 8 kHz: the packet size both peers use. */
export const SAMPLES_PER_PACKET = 160;
export const PACKET_INTERVAL_MS = 20;

/** ITU-T G.711 µ-law encoding of one 16-bit linear sample. */
export function linearToMuLaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(Math.round(sample)), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = 0;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Endless 20 ms PCMU frames of a sine tone, so a listener could tell the two directions apart by pitch. */
export function* pcmuTone(frequencyHz: number): Generator<Buffer, never, void> {
  let n = 0;
  for (;;) {
    const frame = Buffer.alloc(SAMPLES_PER_PACKET);
    for (let i = 0; i < SAMPLES_PER_PACKET; i += 1, n += 1) {
      frame[i] = linearToMuLaw(8000 * Math.sin((2 * Math.PI * frequencyHz * n) / 8000));
    }
    yield frame;
  }
}

/** RFC 4733 §2.3 event codes: 0–9, *, #, A–D. */
const DTMF_EVENTS = '0123456789*#ABCD';

export function dtmfEventCode(digit: string): number {
  const code = DTMF_EVENTS.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || code < 0) throw new Error(`not a DTMF digit: ${JSON.stringify(digit)}`);
  return code;
}

export function dtmfDigit(code: number): string {
  const digit = DTMF_EVENTS[code];
  if (digit === undefined) throw new Error(`not a DTMF event code: ${code}`);
  return digit;
}

export type TelephoneEvent = { event: number; end: boolean; volume: number; duration: number };

export function encodeTelephoneEvent(e: TelephoneEvent): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = e.event;
  payload[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  payload.writeUInt16BE(e.duration, 2);
  return payload;
}

export function decodeTelephoneEvent(payload: Buffer): TelephoneEvent {
  if (payload.length < 4) throw new Error(`telephone-event payload of ${payload.length} bytes (needs 4)`);
  return { event: payload[0], end: (payload[1] & 0x80) !== 0, volume: payload[1] & 0x3f, duration: payload.readUInt16BE(2) };
}

/**
 * The RTP packets of one RFC 4733 event: one every 20 ms with a growing duration (the first marked), then
 * the end packet three times, as the RFC recommends for loss. All share the event's timestamp.
 */
export function dtmfEventPackets(digit: string, durationMs: number): { marker: boolean; payload: Buffer }[] {
  const event = dtmfEventCode(digit);
  const steps = Math.max(1, Math.round(durationMs / PACKET_INTERVAL_MS));
  const packets: { marker: boolean; payload: Buffer }[] = [];
  for (let i = 1; i <= steps; i += 1) {
    packets.push({ marker: i === 1, payload: encodeTelephoneEvent({ event, end: false, volume: 10, duration: i * SAMPLES_PER_PACKET }) });
  }
  const end = encodeTelephoneEvent({ event, end: true, volume: 10, duration: steps * SAMPLES_PER_PACKET });
  for (let i = 0; i < 3; i += 1) packets.push({ marker: false, payload: end });
  return packets;
}

export type RtpHeaderFields = { payloadType: number; sequenceNumber: number; timestamp: number; ssrc: number; marker: boolean };

/** A plain RTP packet (no CSRCs, no extensions), as a customer phone sends it. */
export function buildRtp(header: RtpHeaderFields, payload: Buffer): Buffer {
  const packet = Buffer.alloc(12 + payload.length);
  packet[0] = 0x80;
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  payload.copy(packet, 12);
  return packet;
}

/** Reads an RTP packet; undefined for anything that is not RTP version 2 (RTCP on a muxed port, STUN, junk). */
export function parseRtp(packet: Buffer): (RtpHeaderFields & { payload: Buffer }) | undefined {
  if (packet.length < 12 || packet[0] >> 6 !== 2) return undefined;
  const payloadType = packet[1] & 0x7f;
  // RTCP packet types 200–204 land on 72–76 once the marker bit is taken off.
  if (payloadType >= 72 && payloadType <= 76) return undefined;
  const csrcCount = packet[0] & 0x0f;
  let offset = 12 + 4 * csrcCount;
  if ((packet[0] & 0x10) !== 0) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  if (offset > packet.length) return undefined;
  let end = packet.length;
  if ((packet[0] & 0x20) !== 0) end -= packet[packet.length - 1];
  return {
    payloadType,
    marker: (packet[1] & 0x80) !== 0,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, Math.max(offset, end)),
  };
}
