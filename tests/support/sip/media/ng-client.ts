/**
 * A tiny client of rtpengine's ng control protocol (bencode over UDP, each message prefixed by a cookie),
 * so media tests can drive rtpengine directly: offer/answer between a plain RTP side and a WebRTC side,
 * without Kamailio in between.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import { bencode, bdecode, type BValue } from './bencode';

const NgReply = z.object({ result: z.string(), 'error-reason': z.string().optional(), sdp: z.string().optional() }).passthrough();
export type NgReply = z.infer<typeof NgReply>;

export class NgClient {
  private readonly socket: Socket;
  private readonly pending = new Map<string, { resolve: (r: NgReply) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  private constructor(
    socket: Socket,
    private readonly host: string,
    private readonly port: number,
  ) {
    this.socket = socket;
    socket.on('message', (message) => this.onMessage(message));
  }

  static async open(host: string, port: number): Promise<NgClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new NgClient(socket, host, port);
  }

  /** Sends one command; rejects on timeout or when rtpengine answers `result: error`. */
  async command(dict: { [key: string]: BValue }, timeoutMs = 2000): Promise<NgReply> {
    const cookie = randomBytes(6).toString('hex');
    const payload = Buffer.concat([Buffer.from(`${cookie} `), bencode(dict)]);
    const reply = await new Promise<NgReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cookie);
        reject(new Error(`rtpengine did not answer ng ${String(dict.command)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(cookie, { resolve, reject, timer });
      this.socket.send(payload, this.port, this.host);
    });
    if (reply.result === 'error') throw new Error(`rtpengine refused ${String(dict.command)}: ${reply['error-reason'] ?? 'no reason'}`);
    return reply;
  }

  /** Polls `ping` until rtpengine answers `pong` (it takes up to ~2 s after start). */
  async waitReady(deadlineMs = 5000): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      try {
        const reply = await this.command({ command: 'ping' }, 300);
        if (reply.result === 'pong') return;
      } catch (error) {
        if (Date.now() > until) throw error;
      }
    }
  }

  close(): void {
    for (const { timer, reject } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error('ng client closed'));
    }
    this.pending.clear();
    this.socket.close();
  }

  private onMessage(message: Buffer): void {
    const space = message.indexOf(0x20);
    if (space < 0) return;
    const cookie = message.subarray(0, space).toString('ascii');
    const waiting = this.pending.get(cookie);
    if (!waiting) return;
    this.pending.delete(cookie);
    clearTimeout(waiting.timer);
    try {
      waiting.resolve(NgReply.parse(bdecode(message.subarray(space + 1))));
    } catch (error) {
      waiting.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
