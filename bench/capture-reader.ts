/**
 * Reads a loopback packet capture (tshark) into the messages the hop scripts look for: UDP payloads (SIP,
 * rtpengine's ng), TCP payloads (evapi, HTTP) and the WebSocket frames in them, unmasked (a client's frames
 * are masked, a server's are not). Shared by bench/sip-edge-hops.ts and bench/softphone-hops.ts.
 */
import { execFileSync } from 'node:child_process';

export type Transport = 'udp' | 'tcp' | 'ws-from-server' | 'ws-from-client';
export type Message = { at: number; transport: Transport; text: string };

/** The WebSocket frames in one TCP segment, unmasked; null when the segment is not frames. */
function webSocketFrames(bytes: Buffer): { masked: boolean; text: string }[] | null {
  const frames: { masked: boolean; text: string }[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at] & 0x0f;
    if ((bytes[at] & 0x70) !== 0 || ![0, 1, 2, 8, 9, 10].includes(opcode)) return null;
    const masked = (bytes[at + 1] & 0x80) !== 0;
    let length = bytes[at + 1] & 0x7f;
    let next = at + 2;
    if (length === 126) {
      if (next + 2 > bytes.length) return null;
      length = bytes.readUInt16BE(next);
      next += 2;
    } else if (length === 127) {
      if (next + 8 > bytes.length) return null;
      length = Number(bytes.readBigUInt64BE(next));
      next += 8;
    }
    const mask = masked ? bytes.subarray(next, next + 4) : null;
    if (mask) next += 4;
    if (next + length > bytes.length) return null;
    const payload = Buffer.from(bytes.subarray(next, next + length));
    if (mask) for (let i = 0; i < payload.length; i += 1) payload[i] ^= mask[i % 4];
    frames.push({ masked, text: payload.toString('utf8') });
    at = next + length;
  }
  return frames.length > 0 ? frames : null;
}

export function readCapture(file: string): Message[] {
  const fields = ['frame.time_epoch', 'tcp.payload', 'udp.payload'].flatMap((field) => ['-e', field]);
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', ...fields, 'tcp.len>0 or udp'], { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const messages: Message[] = [];
  for (const line of out.split('\n')) {
    const [epoch, tcp, udp] = line.split('\t');
    if (epoch === undefined || epoch === '') continue;
    const at = Number(epoch) * 1000;
    if (udp) messages.push({ at, transport: 'udp', text: Buffer.from(udp, 'hex').toString('latin1') });
    if (!tcp) continue;
    const bytes = Buffer.from(tcp, 'hex');
    const frames = webSocketFrames(bytes);
    if (frames === null) messages.push({ at, transport: 'tcp', text: bytes.toString('latin1') });
    else for (const frame of frames) messages.push({ at, transport: frame.masked ? 'ws-from-client' : 'ws-from-server', text: frame.text });
  }
  return messages;
}
