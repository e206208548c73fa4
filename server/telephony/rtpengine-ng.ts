/**
 * The platform's own client of rtpengine's ng control protocol (a cookie, a space and a bencoded
 * dictionary, over UDP to sip.controlHost:sip.ngPort). Kamailio's rtpengine functions act on the SIP
 * message being routed; holding a call because of an API request has no SIP message, so the platform tells
 * rtpengine directly to block (and unblock) every stream of the call's Call-ID.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

const REPLY_TIMEOUT_MS = 2_000;

type NgValue = string | number | NgValue[] | { [key: string]: NgValue };

export function bencodeNg(value: NgValue): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`, 'ascii');
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`, 'ascii'), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencodeNg), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((key) => [bencodeNg(key), bencodeNg(value[key]!)]), Buffer.from('e')]);
}

/** The `result` and `error-reason` of an ng reply dictionary: all the platform reads of one. */
export function ngResultOf(reply: Buffer): { result: string; errorReason?: string } | null {
  const text = reply.toString('latin1');
  const field = (name: string): string | undefined => {
    const at = text.indexOf(`${name.length}:${name}`);
    if (at < 0) return undefined;
    const rest = text.slice(at + name.length + String(name.length).length + 1);
    const match = /^([0-9]{1,6}):/.exec(rest);
    if (!match) return undefined;
    return rest.slice(match[0].length, match[0].length + Number(match[1]));
  };
  const result = field('result');
  if (result === undefined) return null;
  const errorReason = field('error-reason');
  return errorReason === undefined ? { result } : { result, errorReason };
}

export class RtpengineControl {
  private socket: Socket | null = null;
  private readonly waiting = new Map<string, (reply: Buffer | null) => void>();

  constructor(
    private readonly port: number,
    private readonly log: Logger,
    private readonly host = '127.0.0.1',
  ) {}

  /**
   * Stops (blocked = true) or restarts the media of every party of a call, both directions. Resolves
   * true when rtpengine confirmed it; failures are logged (the item's state is the platform's either way).
   */
  async blockMedia(callId: string, blocked: boolean): Promise<boolean> {
    const command = blocked ? 'block media' : 'unblock media';
    const reply = await this.send({ command, 'call-id': callId });
    const parsed = reply === null ? null : ngResultOf(reply);
    if (parsed?.result === 'ok') return true;
    this.log.warn({ callId, command, reply: parsed ?? 'no answer' }, 'rtpengine did not apply a hold or resume');
    return false;
  }

  /**
   * Frees a call's media session. The edge's own BYEs (dlg_refer, dlg_bye) cross no script route that
   * would call rtpengine_delete, so after a transfer the platform frees it (else it waits for rtpengine's
   * idle timeout).
   */
  async deleteCall(callId: string): Promise<boolean> {
    const reply = await this.send({ command: 'delete', 'call-id': callId });
    const parsed = reply === null ? null : ngResultOf(reply);
    if (parsed?.result === 'ok') return true;
    this.log.warn({ callId, reply: parsed ?? 'no answer' }, 'rtpengine did not delete a transferred call');
    return false;
  }

  close(): void {
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
    this.socket?.close();
    this.socket = null;
  }

  private send(dict: { [key: string]: NgValue }): Promise<Buffer | null> {
    const socket = this.open();
    const cookie = randomBytes(8).toString('hex');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(cookie);
        resolve(null);
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(cookie, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(Buffer.concat([Buffer.from(`${cookie} `, 'ascii'), bencodeNg(dict)]), this.port, this.host, (err) => {
        if (err) this.log.warn({ err }, 'rtpengine ng command could not be sent');
      });
    });
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = createSocket('udp4');
    socket.on('message', (message: Buffer) => {
      const space = message.indexOf(0x20);
      if (space < 0) return;
      const cookie = message.subarray(0, space).toString('ascii');
      const resolve = this.waiting.get(cookie);
      if (!resolve) return;
      this.waiting.delete(cookie);
      resolve(message.subarray(space + 1));
    });
    socket.on('error', (err) => this.log.warn({ err }, 'rtpengine ng socket error'));
    socket.unref();
    this.socket = socket;
    return socket;
  }
}
