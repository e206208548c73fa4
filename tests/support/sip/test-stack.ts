/**
 * A whole telephony stack for one test file: the platform in this process (startPlatform) and the SIP
 * edge (Kamailio + rtpengine) started by the same launcher `npm run sip-edge` uses, on free SIP ports and
 * the media port range the test names (so files can run in parallel). The edge starts first, so the
 * platform's control channel connects at once; `close()` stops everything, and a process-exit hook
 * kills the edge's process groups if a test run dies before afterAll.
 */
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../../server/config';
import { startPlatform, type RunningPlatform } from '../../../server/platform';
import { startEdge, type RunningEdge } from '../../../server/telephony/edge-launcher';
import { loadFixture, type RawConfig } from '../../integration/server/helpers';
import { stopAllSipp } from './customer';

export const SIP_SECRET = 'telephony-test-secret';
export const SIP_DOMAIN = '127.0.0.1';
/** the numbers the stack's queues answer (fixture queues support and sales) */
export const SUPPORT_NUMBER = '+15550100';
export const SALES_NUMBER = '+15550101';
/** the overflow queue's number: nobody serves it, its TTL is 1 s */
export const OVERFLOW_NUMBER = '+15550199';

export interface TelephonyStack {
  platform: RunningPlatform;
  edge: RunningEdge;
  raw: RawConfig;
  host: string;
  udpPort: number;
  wsPort: number;
  /** a free UDP port for SIPp playing the gateway's callee */
  gatewayPort: number;
  /** the tail of Kamailio's and rtpengine's log, for failure messages */
  edgeLog(): string;
  /**
   * Closes the platform and starts it again on the same data and edge (`whileDown` runs in between);
   * resolves once its control channel is back.
   */
  restartPlatform(whileDown?: () => Promise<void>): Promise<RunningPlatform>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** rtpengine's UDP range for this file (inside 40000–44999 for the signalling tests) */
  media: { portMin: number; portMax: number };
  patch?: (raw: RawConfig) => void;
  /** start the platform before the edge (its control channel then connects by retrying) */
  platformFirst?: boolean;
}

function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** A port free for both UDP and TCP, not in `taken`: random in 50000–60999, above every media range. */
export async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 50000 + Math.floor(Math.random() * 11000);
    if (taken.has(port)) continue;
    if ((await udpPortFree(port)) && (await tcpPortFree(port))) {
      taken.add(port);
      return port;
    }
  }
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;
function killOnExit(pids: number[]): void {
  for (const pid of pids) liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export async function startTelephonyStack(options: StackOptions): Promise<TelephonyStack> {
  const taken = new Set<number>();
  const [udpPort, wsPort, controlPort, ngPort, gatewayPort] = [await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken)];
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-tel-'));
  const raw = await loadFixture();
  raw.listen = { host: '127.0.0.1', port: 0 };
  raw.dataDir = dataDir;
  raw.sip = {
    domain: SIP_DOMAIN,
    listen: { host: '127.0.0.1', udpPort, wsPort },
    gateway: `sip:127.0.0.1:${gatewayPort}`,
    media: options.media,
    secret: SIP_SECRET,
    controlPort,
    ngPort,
  };
  // Offers and wrap-up long enough for a test to act within them; a test that wants RONA patches its own.
  for (const queue of raw.queues as RawConfig[]) {
    if (queue.id === 'support') Object.assign(queue, { phoneNumbers: [SUPPORT_NUMBER], offerTimeoutSeconds: 10, wrapUpTimeoutSeconds: 60, ttlSeconds: 30 });
    if (queue.id === 'sales') Object.assign(queue, { phoneNumbers: [SALES_NUMBER], offerTimeoutSeconds: 10, wrapUpTimeoutSeconds: 60, ttlSeconds: 30 });
    if (queue.id === 'overflow') queue.phoneNumbers = [OVERFLOW_NUMBER];
  }
  options.patch?.(raw);
  const config = parseConfig(raw, dataDir);
  const log: string[] = [];
  let edge: RunningEdge | undefined;
  let platform: RunningPlatform | undefined;
  try {
    if (options.platformFirst) platform = await startPlatform(config);
    edge = await startEdge(config, {
      children: 2,
      onLog: (source, line) => {
        log.push(`${source}: ${line}`);
        if (log.length > 200) log.shift();
      },
    });
    killOnExit(edge.pids);
    platform ??= await startPlatform(config);
    await withTimeout(platform.sipEdge!.channel.whenConnected(), 10_000, 'the platform did not connect to the edge’s control channel');
  } catch (err) {
    await platform?.close();
    await edge?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${log.slice(-30).join('\n')}`);
  }
  const running = { edge, platform };
  return {
    get platform() {
      return running.platform;
    },
    edge,
    raw,
    host: '127.0.0.1',
    udpPort,
    wsPort,
    gatewayPort,
    edgeLog: () => log.slice(-60).join('\n'),
    async restartPlatform(whileDown) {
      await running.platform.close();
      await whileDown?.();
      running.platform = await startPlatform(config);
      await withTimeout(running.platform.sipEdge!.channel.whenConnected(), 10_000, 'the restarted platform did not connect to the edge’s control channel');
      return running.platform;
    },
    async close() {
      stopAllSipp();
      await running.platform.close();
      await running.edge.stop();
      for (const pid of running.edge.pids) liveGroups.delete(pid);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
