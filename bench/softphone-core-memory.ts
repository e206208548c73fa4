/**
 * The desktop core's memory during a held call, measured so that its slope says whether memory grows:
 * each sample is taken right after a full garbage collection in the core (forced through its inspector —
 * the core is started with `--inspect=127.0.0.1:0` by the softphone bench), and the samples of the first
 * WARMUP_MS of the call are left out. Without both, a 60 s slope measured mostly V8 giving back the heap
 * of the calls before (−39 MB/min in one run): a fall that said nothing about a leak either way.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** The call's first seconds: the peer connection, the first quality reports, the heap of the calls before. */
export const WARMUP_MS = 15_000;

/** The inspector URL the core printed when `--inspect=HOST:0` picked a port for it. */
export function inspectorUrlIn(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

export function rssBytes(pid: number): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** A Chrome DevTools Protocol session with a Node process's inspector: just enough to collect garbage. */
export class CoreInspector {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (waiter === undefined || message.id === undefined) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`));
      else waiter.resolve(message.result);
    });
  }

  static async connect(url: string): Promise<CoreInspector> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CoreInspector(socket);
  }

  /** A full, synchronous GC in the core (HeapProfiler.collectGarbage), as CDP does for the page. */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
  }

  /**
   * The core's JS heap in use, bytes (Runtime.getHeapUsage): after a GC, what the core's own objects hold.
   * RSS also moves with what the allocator keeps or returns, which says little about a leak.
   */
  async heapUsed(): Promise<number> {
    const usage = (await this.send('Runtime.getHeapUsage')) as { usedSize?: unknown };
    if (typeof usage.usedSize !== 'number') throw new Error('inspector: Runtime.getHeapUsage gave no usedSize');
    return usage.usedSize;
  }

  private send(method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Least-squares slope of (ms, bytes) samples, in MB per minute. */
export function slopeMbPerMinute(samples: { at: number; bytes: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanT = samples.reduce((s, x) => s + x.at, 0) / n;
  const meanB = samples.reduce((s, x) => s + x.bytes, 0) / n;
  const num = samples.reduce((s, x) => s + (x.at - meanT) * (x.bytes - meanB), 0);
  const den = samples.reduce((s, x) => s + (x.at - meanT) ** 2, 0);
  return den === 0 ? 0 : ((num / den) * 60_000) / (1024 * 1024);
}

/**
 * The limit on a memory slope is on growth: memory that stays flat or is given back meets it. (Judging
 * |slope| failed a run whose core was returning the heap of the calls before: −39 MB/min, `met: false`.)
 */
export function memoryLimitMet(slopeMbPerMin: number, limitMbPerMin: number): boolean {
  return slopeMbPerMin <= limitMbPerMin;
}
