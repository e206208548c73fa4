/**
 * Phone calls for `bash scripts/start.sh --demo`: when the SIP edge can run here (Kamailio, rtpengine and
 * SIPp installed), the demo platform gets a `sip` block on free ports, the edge is started by the same
 * launcher as `npm run sip-edge`, and every so often SIPp plays a customer calling the queue's number
 * (scripts/demo/customer-call.xml, audio echoed back with -rtp_echo) — so the call screens can be seen.
 * One demo call at a time. When the edge cannot run, the demo says why once and goes on without calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgeStartError, locateEdge } from '../../server/telephony/edge-launcher';

const SCENARIO = fileURLToPath(new URL('./customer-call.xml', import.meta.url));
/**
 * rtpengine's UDP range for the demo, and (just above it) where its signalling ports are picked: away from
 * the default range (30000–30999) and those the telephony tests and benches use (40000–48999, 50000–61299).
 */
const MEDIA = { portMin: 34000, portMax: 34999 };
const PORTS = { from: 35000, count: 1000 };
const SIPP_PACKAGE = 'sip-tester';

function onPath(name: string): boolean {
  return [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'].some((dir) => dir !== '' && existsSync(join(dir, name)));
}

/** Why the demo cannot place SIP calls here (a missing package, in one line), or null when it can. */
export function sipEdgeProblem(): string | null {
  try {
    locateEdge();
  } catch (error) {
    if (error instanceof EdgeStartError) return error.message;
    throw error;
  }
  return onPath('sipp') ? null : `missing Debian package ${SIPP_PACKAGE} (no sipp binary, which plays the calling customers); install it with: apt-get install ${SIPP_PACKAGE}`;
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port free for UDP and TCP on 127.0.0.1, not in `taken`: random in PORTS, above the media range. */
async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = PORTS.from + Math.floor(Math.random() * PORTS.count);
    if (!taken.has(port) && (await udpFree(port)) && (await tcpFree(port))) {
      taken.add(port);
      return port;
    }
  }
}

/** The demo config's `sip` block (docs/telephony.md), on free local ports. */
export async function demoSipBlock(): Promise<Record<string, unknown>> {
  const taken = new Set<number>();
  const [udpPort, wsPort, controlPort, ngPort, gatewayPort] = [await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken), await freePort(taken)];
  return {
    domain: '127.0.0.1',
    listen: { host: '127.0.0.1', udpPort, wsPort },
    // Where Dial on a callback goes: the demo's carrier (demoGateway) answers there and echoes the audio.
    gateway: `sip:127.0.0.1:${gatewayPort}`,
    media: MEDIA,
    // DEMO ONLY, like the passwords in config/demo.yaml: the edge listens on 127.0.0.1 alone.
    secret: 'demo-only-sip-secret',
    controlPort,
    ngPort,
  };
}

export interface DemoCaller {
  /** Starts one customer's call to the queue's number; says what it did (or why it did not). */
  placeCall(): Promise<string>;
  /** Hangs up the call still running, if any. */
  stop(): void;
}

/** Customers calling `number` at the edge's UDP address, one call at a time, as the given phone numbers in turn. */
export function demoCaller(edge: { host: string; udpPort: number }, number: string, callers: readonly string[]): DemoCaller {
  let current: ChildProcess | null = null;
  let calls = 0;
  const taken = new Set<number>();
  return {
    async placeCall() {
      if (current !== null) return 'no new SIP call: the last one is still ringing or talking';
      const caller = callers[calls % callers.length];
      calls++;
      const mediaPort = await freePort(taken);
      // SIPp writes its logs into its working directory: a temp one, removed when the call ends.
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-demo-sipp-'));
      const child = spawn(
        'sipp',
        [`${edge.host}:${edge.udpPort}`, '-sf', SCENARIO, '-s', number, '-key', 'caller', caller, '-i', '127.0.0.1', '-p', '0', '-m', '1',
          '-mp', String(mediaPort), '-rtp_echo', '-nostdin', '-timeout', '900s'],
        { cwd: dir, stdio: 'ignore' },
      );
      current = child;
      const done = () => {
        taken.delete(mediaPort);
        if (current === child) current = null;
        rmSync(dir, { recursive: true, force: true });
      };
      child.once('exit', done);
      child.once('error', done);
      return `SIP call from ${caller} to ${number}`;
    },
    stop() {
      if (current && current.exitCode === null) current.kill('SIGTERM');
    },
  };
}

/**
 * The demo's carrier: SIPp's built-in answering scenario (uas) at the `sip` block's gateway address, for
 * every call the agents dial (a callback's Dial), audio echoed back — so an outbound call connects and
 * can be held, muted and hung up like an inbound one. Runs until `stop`.
 */
export async function demoGateway(gateway: string): Promise<{ stop(): void }> {
  const port = Number(/:(\d+)$/.exec(gateway)?.[1]);
  if (!Number.isInteger(port)) throw new Error(`demo gateway: no port in ${gateway}`);
  const mediaPort = await freePort(new Set([port]));
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-demo-gateway-'));
  const child = spawn('sipp', ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(port), '-mp', String(mediaPort), '-rtp_echo', '-nostdin'], { cwd: dir, stdio: 'ignore' });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  child.once('exit', cleanUp);
  child.once('error', cleanUp);
  return {
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
