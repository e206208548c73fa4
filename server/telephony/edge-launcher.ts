/**
 * Runs the SIP edge: checks the Debian packages and the ports, renders the configs into a run directory,
 * starts rtpengine (userspace, no kernel module) and Kamailio in the foreground, each in its own process
 * group, and resolves once both accept: Kamailio answers an OPTIONS over UDP and takes TCP connections
 * on the WebSocket port, rtpengine answers an ng `ping`. `stop()` ends both (SIGTERM, then SIGKILL).
 * Used by `npm run sip-edge` and by the tests, so both run the same edge.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { PlatformConfig, SipConfig } from '../config';
import { renderEdge } from './edge-config';

/** A problem a person can fix (a missing package, a port in use): one line, no stack. */
export class EdgeStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdgeStartError';
  }
}

export interface RunningEdge {
  udpUrl: string;
  wsUrl: string;
  runDir: string;
  /** pids of the process groups (Kamailio, rtpengine), for a last-resort kill */
  pids: number[];
  stop(): Promise<void>;
  /** resolves when either process exits on its own */
  exited: Promise<string>;
}

export interface EdgeOptions {
  /** where the rendered configs and Kamailio's runtime files go (default: a fresh temp dir, removed on stop) */
  runDir?: string;
  /** each line the processes log (default: dropped) */
  onLog?: (source: 'kamailio' | 'rtpengine', line: string) => void;
  children?: number;
  readyTimeoutMs?: number;
}

const MODULE_DIRS = ['/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules', '/usr/lib64/kamailio/modules', '/usr/local/lib64/kamailio/modules'];

/** The Debian package that ships each Kamailio module the template loads (checked with dpkg -S). */
const MODULE_PACKAGES: Record<string, string> = {
  'tm.so': 'kamailio',
  'rtpengine.so': 'kamailio',
  'dialog.so': 'kamailio',
  'pike.so': 'kamailio',
  'uac.so': 'kamailio',
  'xhttp.so': 'kamailio',
  'websocket.so': 'kamailio-websocket-modules',
  'auth_ephemeral.so': 'kamailio-autheph-modules',
  'evapi.so': 'kamailio-extra-modules',
  'jansson.so': 'kamailio-extra-modules',
  'htable.so': 'kamailio',
};

export const EDGE_PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'kamailio-autheph-modules', 'kamailio-extra-modules', 'rtpengine-daemon'];

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function missingPackage(pkg: string, what: string): EdgeStartError {
  return new EdgeStartError(`missing Debian package ${pkg} (${what}); install it with: apt-get install ${EDGE_PACKAGES.join(' ')}`);
}

/** The binaries and module directory, or the package to install. */
export function locateEdge(): { kamailio: string; rtpengine: string; moduleDir: string } {
  const kamailio = findExecutable('kamailio');
  if (!kamailio) throw missingPackage('kamailio', 'no kamailio binary');
  const rtpengine = findExecutable('rtpengine');
  if (!rtpengine) throw missingPackage('rtpengine-daemon', 'no rtpengine binary');
  const moduleDir = MODULE_DIRS.find((dir) => existsSync(join(dir, 'tm.so')));
  if (!moduleDir) throw missingPackage('kamailio', 'no Kamailio module directory');
  const present = new Set(readdirSync(moduleDir));
  for (const [module, pkg] of Object.entries(MODULE_PACKAGES)) {
    if (!present.has(module)) throw missingPackage(pkg, `no ${module} in ${moduleDir}`);
  }
  return { kamailio, rtpengine, moduleDir };
}

function tcpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

async function checkPorts(sip: SipConfig): Promise<void> {
  const host = sip.listen.host;
  const checks: Array<[string, string, number, () => Promise<boolean>]> = [
    ['sip.listen.udpPort (UDP)', host, sip.listen.udpPort, () => udpFree(host, sip.listen.udpPort)],
    ['sip.listen.udpPort (TCP)', host, sip.listen.udpPort, () => tcpFree(host, sip.listen.udpPort)],
    ['sip.listen.wsPort', host, sip.listen.wsPort, () => tcpFree(host, sip.listen.wsPort)],
    ['sip.controlPort', sip.controlHost, sip.controlPort, () => tcpFree(sip.controlHost, sip.controlPort)],
    ['sip.ngPort', sip.controlHost, sip.ngPort, () => udpFree(sip.controlHost, sip.ngPort)],
  ];
  for (const [key, where, port, free] of checks) {
    if (!(await free())) throw new EdgeStartError(`port ${port} on ${where} (${key}) is in use; stop what holds it or choose another port`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One UDP request, the first answer that `accept`s it, or undefined after `timeoutMs`. */
function udpAsk(host: string, port: number, payload: Buffer, accept: (reply: Buffer) => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('message', (reply) => {
      if (accept(reply)) done(true);
    });
    socket.send(payload, port, host);
  });
}

function sipOptions(host: string, port: number): Buffer {
  const branch = `z9hG4bK-ready-${randomBytes(6).toString('hex')}`;
  const target = host.includes(':') ? `[${host}]` : host;
  return Buffer.from(
    [
      `OPTIONS sip:${target}:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP ${target}:9;branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:ready@${target}>;tag=${randomBytes(4).toString('hex')}`,
      `To: <sip:${target}:${port}>`,
      `Call-ID: ready-${randomBytes(8).toString('hex')}`,
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
}

function tcpAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntil(what: string, probe: () => Promise<boolean>, deadline: number, exited: () => string | undefined): Promise<void> {
  for (;;) {
    const gone = exited();
    if (gone) throw new EdgeStartError(gone);
    if (await probe()) return;
    if (Date.now() > deadline) throw new EdgeStartError(`${what} did not become ready in time`);
    await sleep(50);
  }
}

function pipeLines(child: ChildProcess, sink: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) sink(line);
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Kamailio's children share its group: make sure none outlives it
      killGroup(child, 'SIGKILL');
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

export async function startEdge(config: PlatformConfig, options: EdgeOptions = {}): Promise<RunningEdge> {
  const sip = config.sip;
  if (!sip) throw new EdgeStartError('the config has no `sip` block; add one (see docs/telephony.md)');
  const { kamailio, rtpengine, moduleDir } = locateEdge();
  await checkPorts(sip);
  const ownsRunDir = options.runDir === undefined;
  const runDir = options.runDir ?? mkdtempSync(join(tmpdir(), 'switchboard-edge-'));
  const { kamailioCfg, rtpengineArgs } = renderEdge(config, { moduleDir, children: options.children });
  const cfgPath = join(runDir, 'kamailio.cfg');
  writeFileSync(cfgPath, kamailioCfg, { mode: 0o600 });
  writeFileSync(join(runDir, 'rtpengine.args'), `${rtpengineArgs.join('\n')}\n`);

  const recent: string[] = [];
  const log = (source: 'kamailio' | 'rtpengine') => (line: string) => {
    recent.push(`${source}: ${line}`);
    if (recent.length > 40) recent.shift();
    options.onLog?.(source, line);
  };
  const exits: string[] = [];
  let resolveExited!: (reason: string) => void;
  const exited = new Promise<string>((resolve) => {
    resolveExited = resolve;
  });
  const children: ChildProcess[] = [];
  const launch = (source: 'kamailio' | 'rtpengine', file: string, args: string[]) => {
    const child = spawn(file, args, { cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    pipeLines(child, log(source));
    child.once('error', (err) => {
      exits.push(`${source} could not start: ${err.message}`);
      resolveExited(exits[0]);
    });
    child.once('exit', (code, signal) => {
      const lastError = [...recent].reverse().find((l) => l.startsWith(source) && /ERROR|CRIT|error|failed/.test(l));
      exits.push(`${source} exited (${signal ?? `code ${code}`})${lastError ? `: ${lastError.slice(source.length + 2).trim()}` : ''}`);
      resolveExited(exits[0]);
    });
    children.push(child);
    return child;
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(children.map((c) => stopChild(c, 3000)));
      if (ownsRunDir) rmSync(runDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
    const firstExit = () => exits[0];
    const ping = Buffer.from('ready d7:command4:pinge');
    // rtpengine first: Kamailio's rtpengine module pings it at start
    launch('rtpengine', rtpengine, rtpengineArgs);
    await waitUntil('rtpengine', () => udpAsk(sip.controlHost, sip.ngPort, ping, (r) => r.toString().includes('pong'), 300), deadline, firstExit);
    launch('kamailio', kamailio, ['-DD', '-E', '-f', cfgPath, '-Y', runDir, '-m', '64', '-M', '8']);
    await waitUntil('Kamailio (UDP)', () => udpAsk(sip.listen.host, sip.listen.udpPort, sipOptions(sip.listen.host, sip.listen.udpPort), (r) => r.toString().startsWith('SIP/2.0 200'), 300), deadline, firstExit);
    await waitUntil('Kamailio (WebSocket port)', () => tcpAccepts(sip.listen.host, sip.listen.wsPort), deadline, firstExit);
  } catch (err) {
    await stop();
    throw err;
  }
  const host = sip.listen.host.includes(':') ? `[${sip.listen.host}]` : sip.listen.host;
  return {
    udpUrl: `udp://${host}:${sip.listen.udpPort}`,
    wsUrl: `ws://${host}:${sip.listen.wsPort}`,
    runDir,
    pids: children.map((c) => c.pid).filter((p): p is number => p !== undefined),
    stop,
    exited,
  };
}
