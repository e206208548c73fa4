/**
 * The SIP edge (issue 8), on loopback, SIPp as the customers, against the real edge (`server/telephony/cli.ts`,
 * i.e. `npm run sip-edge`: Kamailio + rtpengine) and the real platform (`server/cli.ts`), each its own process.
 * Rows (each with `baseline` measured in the same run and `ratio` = ours / baseline):
 * - INVITE sent by the caller → `workitem.offered` at a connected agent, p95 (target ≤ 30 ms);
 * - the agent's accept (POST sent) → 200 OK at the caller, p95 (target ≤ 20 ms): once with agents that answer
 *   the INVITE at once (what the platform, Kamailio and rtpengine add), once with a real WebRTC agent (werift:
 *   its offer/answer with ICE gathering included, DTLS-SRTP with rtpengine after);
 * - calls per second sustained with no failed call (target ≥ 50): SIPp at rising rates (each call answered,
 *   G.711 RTP played, hung up after 1 s), the highest rate at which every call succeeded;
 * - 500 concurrent calls with media: arriving at 50 calls/s, each up for 15 s playing 8 s of G.711 RTP through rtpengine,
 *   counted as met only if none failed and the agents' side saw a media stream per call.
 * For the load rows the agents are lean (tests/support/sip/media/bench-agent.ts): each signs in, holds its
 * events WebSocket, registers over SIP WebSocket, accepts offers, auto-answers and closes wrap-up, but its
 * media is plain RTP to one shared echo socket (echo-session-description-handler.ts): they measure the edge,
 * rtpengine's relaying and the platform, not the DTLS-SRTP a browser does for its own one call. They and the
 * echo run in worker threads (sip-edge-agents.ts), not in this process's loop, which only runs SIPp and the
 * three WebRTC agents: 520 agents and the echo in one loop starved it and the rows measured that.
 *
 * Baseline: the same SIPp caller scenario answered by SIPp directly (SIPp uac → SIPp uas with -rtp_echo; no
 * Kamailio, no rtpengine, no platform): INVITE sent → INVITE received, 200 sent → 200 received, the same CPS
 * ladder and the same concurrent calls.
 *
 * Moments: SIPp's `-trace_msg` stamps each message with wall-clock microseconds; this process stamps its own
 * (offer received, accept sent) on the same wall clock. Latency runs place one call at a time, so calls pair
 * with offers in order.
 *
 * Runnable alone: `npx tsx bench/sip-edge.bench.ts` (about 3–4 minutes). Knobs: BENCH_SIP_LATENCY_CALLS (60),
 * BENCH_SIP_CPS (ladder, `25,50,75,100,200`), BENCH_SIP_CPS_SECONDS (4 s per step), BENCH_SIP_CONCURRENT (500).
 * For finding out why calls fail or where time goes: BENCH_SIP_ONLY=concurrent (or latency, or cps) runs only
 * that row (latency: the three latency rows) through the edge, without the baseline, and BENCH_SIP_EDGE_LOG=FILE writes Kamailio's and rtpengine's logs there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

import { percentile, runIfMain, type BenchResult } from './bench-kit';
import { BenchAgent, tolerateSipJsAckTimeoutRace } from '../tests/support/sip/media/bench-agent';
import { WorkerAgents } from './sip-edge-agents';
import { webRtcSessionDescriptionHandlerFactory } from '../tests/support/sip/media/session-description-handler';
import { startSipp, type SippOutcome } from '../tests/support/sip/media/sipp-run';
import { firstPerCall, type TracedMessage } from '../tests/support/sip/media/sipp-trace';

/** A row with its baseline (measured in the same run) and our value as a ratio to it. */
export type ComparedResult = BenchResult & { baseline: number; ratio: number };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = path.join(ROOT, 'tests', 'support', 'sip', 'scenarios');
const LATENCY_CALLS = Number(process.env.BENCH_SIP_LATENCY_CALLS ?? 60);
const CPS_LADDER = (process.env.BENCH_SIP_CPS ?? '25,50,75,100,200').split(',').map(Number);
const CPS_STEP_SECONDS = Number(process.env.BENCH_SIP_CPS_SECONDS ?? 4);
const CONCURRENT = Number(process.env.BENCH_SIP_CONCURRENT ?? 500);
/** one row (or pair of latency rows) alone, through the edge, without the baseline: for finding out where time goes */
const ONLY = ((): 'latency' | 'cps' | 'concurrent' | undefined => {
  const only = process.env.BENCH_SIP_ONLY;
  if (only === undefined || only === '') return undefined;
  if (only === 'latency' || only === 'cps' || only === 'concurrent') return only;
  throw new Error(`BENCH_SIP_ONLY must be latency, cps or concurrent, not ${only}`);
})();
const EDGE_LOG = process.env.BENCH_SIP_EDGE_LOG;
/** The concurrent calls arrive at this rate (under the CPS target, so that run measures holding, not arriving)… */
const CONCURRENT_RAMP_CPS = 50;
/** …and each stays up this long: longer than the ramp, so all of them overlap while RTP plays. */
const CONCURRENT_HOLD_MS = 15_000;
const QUEUE_NUMBER = '+15550100';
/**
 * This benchmark's ports: rtpengine's range is fixed inside 45000–49999 (the media tests use 45000–45999);
 * the signalling and SIPp ports are picked free in 49000–49499 when the run starts (see pickPorts), and the
 * WebRTC agents' ICE ports are in 49500–49999.
 */
const MEDIA_RANGE = { portMin: 46_000, portMax: 48_999 };
type Ports = { sipUdp: number; sipWs: number; control: number; ng: number; callee: number; calleeMedia: number; caller: number; callerMedia: number; echo: number };
/** The WebRTC agents' ICE ports: werift binds the first free one in the range, so they may share it. */
const AGENT_ICE_RANGE: [number, number] = [49_500, 49_999];
let PORTS: Ports;

function portFree(port: number): Promise<boolean> {
  const udp = new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: '127.0.0.1', port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
  const tcp = new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  return Promise.all([udp, tcp]).then(([u, t]) => u && t);
}

/** Free ports in 49000–49499 for every role; media roles get a free pair (SIPp echoes RTCP on port + 2, so a gap of 4). */
async function pickPorts(): Promise<Ports> {
  const picked: number[] = [];
  let next = 49_000;
  const take = async (span: number): Promise<number> => {
    for (; next + span <= 49_499; next += 1) {
      const ports = Array.from({ length: span }, (_, i) => next + i);
      if ((await Promise.all(ports.map(portFree))).every(Boolean)) {
        const port = next;
        next += span;
        picked.push(port);
        return port;
      }
    }
    throw new Error('no free ports left in 49000–49499 for the SIP edge benchmark');
  };
  return {
    sipUdp: await take(1),
    sipWs: await take(1),
    control: await take(1),
    ng: await take(1),
    callee: await take(1),
    calleeMedia: await take(4),
    caller: await take(1),
    callerMedia: await take(4),
    echo: await take(1),
  };
}

// sip.js looks for a browser WebSocket; under Node the `ws` package is one.
Object.assign(globalThis, { WebSocket: (globalThis as { WebSocket?: unknown }).WebSocket ?? WebSocket });

type Measured = { inviteToOfferMs: number[]; answerTo200Ms: number[]; cps: number; concurrent: number; notes: string[] };
type EdgeMeasured = { webrtc: { inviteToOfferMs: number[]; answerTo200Ms: number[] }; lean: { inviteToOfferMs: number[]; answerTo200Ms: number[] }; cps: number; concurrent: number; notes: string[] };

export default async function run(): Promise<ComparedResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sip-edge-bench-'));
  PORTS = await pickPorts();
  const lostAcks = tolerateSipJsAckTimeoutRace();
  try {
    if (ONLY === 'concurrent') return await onlyConcurrent(dir);
    if (ONLY !== undefined) return await onlyRows(dir, ONLY);
    const baseline = await measureBaseline(dir);
    console.log(`  baseline (SIPp → SIPp): INVITE p95 ${percentile(baseline.inviteToOfferMs, 95).toFixed(2)} ms, 200 p95 ${percentile(baseline.answerTo200Ms, 95).toFixed(2)} ms, ${baseline.cps} calls/s, ${baseline.concurrent} concurrent`);
    const ours = await measureEdge(dir);
    const median = (samples: number[]): string => percentile(samples, 50).toFixed(1);
    ours.notes.push(
      `edge medians: INVITE → offered ${median(ours.lean.inviteToOfferMs)} ms (WebRTC agents' run ${median(ours.webrtc.inviteToOfferMs)} ms), ` +
        `accept → 200 ${median(ours.lean.answerTo200Ms)} ms (WebRTC agents ${median(ours.webrtc.answerTo200Ms)} ms)`,
    );
    if (lostAcks.swallowed() > 0) ours.notes.push(`edge: ${lostAcks.swallowed()} answered calls never got their ACK at the agent (sip.js ACK timeout)`);
    for (const note of [...baseline.notes, ...ours.notes]) console.log(`  note: ${note}`);
    const p95 = (samples: number[]): number => percentile(samples, 95);
    return [
      compared('sip-edge: INVITE → workitem.offered p95', p95(ours.lean.inviteToOfferMs), p95(baseline.inviteToOfferMs), 'ms', '≤ 30 ms', (v) => v <= 30),
      compared('sip-edge: agent accept → 200 OK at caller p95 (agent answers at once)', p95(ours.lean.answerTo200Ms), p95(baseline.answerTo200Ms), 'ms', '≤ 20 ms', (v) => v <= 20),
      compared('sip-edge: agent accept → 200 OK at caller p95 (WebRTC agent: its ICE + DTLS answer included)', p95(ours.webrtc.answerTo200Ms), p95(baseline.answerTo200Ms), 'ms', '≤ 20 ms', (v) => v <= 20),
      compared('sip-edge: calls per second, no failed call', ours.cps, baseline.cps, 'calls/s', '≥ 50 calls/s', (v) => v >= 50),
      compared(`sip-edge: concurrent calls with media (of ${CONCURRENT})`, ours.concurrent, baseline.concurrent, 'calls', `≥ ${CONCURRENT} calls`, (v) => v >= CONCURRENT),
    ];
  } finally {
    lostAcks.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The latency rows or the CPS row alone, through the edge (diagnosis: BENCH_SIP_ONLY=latency|cps). */
async function onlyRows(parent: string, only: 'latency' | 'cps'): Promise<ComparedResult[]> {
  const ours = await measureEdge(parent, only);
  const median = (samples: number[]): string => percentile(samples, 50).toFixed(1);
  for (const note of ours.notes) console.log(`  note: ${note}`);
  if (only === 'cps') return [compared('sip-edge: calls per second, no failed call', ours.cps, 0, 'calls/s', '≥ 50 calls/s', (v) => v >= 50)];
  console.log(`  note: edge medians: INVITE → offered ${median(ours.lean.inviteToOfferMs)} ms (WebRTC agents' run ${median(ours.webrtc.inviteToOfferMs)} ms), accept → 200 ${median(ours.lean.answerTo200Ms)} ms (WebRTC agents ${median(ours.webrtc.answerTo200Ms)} ms)`);
  return [
    compared('sip-edge: INVITE → workitem.offered p95', percentile(ours.lean.inviteToOfferMs, 95), 0, 'ms', '≤ 30 ms', (v) => v <= 30),
    compared('sip-edge: agent accept → 200 OK at caller p95 (agent answers at once)', percentile(ours.lean.answerTo200Ms, 95), 0, 'ms', '≤ 20 ms', (v) => v <= 20),
    compared('sip-edge: agent accept → 200 OK at caller p95 (WebRTC agent: its ICE + DTLS answer included)', percentile(ours.webrtc.answerTo200Ms, 95), 0, 'ms', '≤ 20 ms', (v) => v <= 20),
  ];
}

/** The concurrent-calls row alone, through the edge (diagnosis: BENCH_SIP_ONLY=concurrent). */
async function onlyConcurrent(parent: string): Promise<ComparedResult[]> {
  const stack = await startStack(parent, CONCURRENT + 20);
  try {
    // inside the try: agents that fail to start (e.g. sign-ins refused) must not leave the stack running
    const agents = await startLeanAgents(stack, 0, CONCURRENT + 20);
    try {
      const { concurrent, notes } = await measureConcurrent(parent, `127.0.0.1:${PORTS.sipUdp}`, agents);
      for (const note of notes) console.log(`  note: ${note}`);
      return [compared(`sip-edge: concurrent calls with media (of ${CONCURRENT})`, concurrent, 0, 'calls', `≥ ${CONCURRENT} calls`, (v) => v >= CONCURRENT)];
    } finally {
      await agents.stop();
    }
  } finally {
    await stack.stop();
  }
}

function compared(name: string, value: number, baseline: number, unit: string, target: string, meets: (v: number) => boolean): ComparedResult {
  const round = (n: number): number => Math.round(n * 100) / 100;
  return { name, value: round(value), unit, baseline: round(baseline), ratio: baseline > 0 ? round(value / baseline) : 0, target, met: Number.isFinite(value) && meets(value) };
}

// ---- SIPp invocations ----------------------------------------------------------------------------

function callerArgs(target: string, calls: number, rate: number, limit: number, holdMs: number): string[] {
  return [
    '-sf', path.join(SCENARIOS, 'media-bench-caller.xml'),
    '-set', 'caller', '+15550123',
    '-s', QUEUE_NUMBER, target,
    '-i', '127.0.0.1', '-p', String(PORTS.caller),
    '-mi', '127.0.0.1', '-mp', String(PORTS.callerMedia),
    '-m', String(calls), '-r', String(rate), '-l', String(limit), '-d', String(holdMs),
    '-max_socket', '4000',
    // A call the edge never answers must count as failed, not hang the run.
    '-recv_timeout', '15000',
  ];
}

function calleeArgs(calls: number): string[] {
  return [
    '-sf', path.join(SCENARIOS, 'media-bench-callee.xml'),
    '-i', '127.0.0.1', '-p', String(PORTS.callee),
    '-mi', '127.0.0.1', '-mp', String(PORTS.calleeMedia), '-rtp_echo',
    '-m', String(calls), '-max_socket', '4000',
  ];
}

/** A run's calls all succeeded: SIPp's exit code and counters agree. */
function allSucceeded(outcome: SippOutcome, calls: number): boolean {
  return outcome.exitCode === 0 && outcome.failed === 0 && outcome.successful === calls;
}

async function runDir(parent: string, name: string): Promise<string> {
  const dir = path.join(parent, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

// ---- baseline: SIPp answering SIPp ---------------------------------------------------------------

async function measureBaseline(parent: string): Promise<Measured> {
  const notes: string[] = [];
  const target = `127.0.0.1:${PORTS.callee}`;
  const callPair = async (name: string, calls: number, rate: number, limit: number, holdMs: number, trace: boolean): Promise<{ caller: SippOutcome; callee: SippOutcome }> => {
    const dir = await runDir(parent, name);
    const callee = startSipp(dir, calleeArgs(calls), { traceMessages: trace, timeoutMs: 120_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const caller = await startSipp(dir, callerArgs(target, calls, rate, limit, holdMs), { traceMessages: trace, timeoutMs: 120_000 }).finished;
    // The callee exits after its calls; if the caller failed some, it would wait for ever.
    setTimeout(callee.stop, 3000).unref();
    return { caller, callee: await callee.finished };
  };

  const latency = await callPair('baseline-latency', LATENCY_CALLS, 10, 1, 100, true);
  if (!allSucceeded(latency.caller, LATENCY_CALLS)) throw new Error(`baseline latency run failed calls: ${latency.caller.errors}`);
  const inviteToOfferMs = deltas(latency.caller.trace, (m) => m.direction === 'sent' && m.startLine.startsWith('INVITE'), latency.callee.trace, (m) => m.direction === 'received' && m.startLine.startsWith('INVITE'));
  const answerTo200Ms = deltas(latency.callee.trace, (m) => m.direction === 'sent' && isInvite200(m), latency.caller.trace, (m) => m.direction === 'received' && isInvite200(m));

  let cps = 0;
  for (const rate of CPS_LADDER) {
    const calls = rate * CPS_STEP_SECONDS;
    const { caller } = await callPair(`baseline-cps-${rate}`, calls, rate, rate * 4, 1000, false);
    if (!allSucceeded(caller, calls)) {
      notes.push(`baseline: ${caller.failed} of ${calls} calls failed at ${rate} calls/s: ${firstError(caller)}`);
      break;
    }
    cps = rate;
  }

  const { caller: held } = await callPair('baseline-concurrent', CONCURRENT, 100, CONCURRENT, CONCURRENT_HOLD_MS, false);
  const concurrent = allSucceeded(held, CONCURRENT) ? held.peak : 0;
  if (concurrent === 0) notes.push(`baseline: ${held.failed} of ${CONCURRENT} concurrent calls failed`);
  return { inviteToOfferMs, answerTo200Ms, cps, concurrent, notes };
}

/** The first thing SIPp complained about (e.g. the unexpected response that aborted a call), on one line. */
function firstError(outcome: SippOutcome): string {
  const line = /(Aborting call[^\n]*\n[^\n]*|Call[^\n]*timed out[^\n]*)/.exec(outcome.errors)?.[1] ?? outcome.errors.split('\n').find((l) => l.trim() !== '') ?? 'no error logged';
  return line.replace(/\s+/g, ' ').slice(0, 200);
}

function isInvite200(m: TracedMessage): boolean {
  return m.startLine.startsWith('SIP/2.0 200') && m.cseqMethod === 'INVITE';
}

/** Per Call-ID: (first matching B) − (first matching A), in ms. */
function deltas(a: TracedMessage[], isA: (m: TracedMessage) => boolean, b: TracedMessage[], isB: (m: TracedMessage) => boolean): number[] {
  const starts = firstPerCall(a, isA);
  const ends = firstPerCall(b, isB);
  const out: number[] = [];
  for (const [callId, start] of starts) {
    const end = ends.get(callId);
    if (end) out.push(end.at - start.at);
  }
  if (out.length === 0) throw new Error('no call was seen at both ends of the trace');
  return out;
}

// ---- ours: the edge and the platform -------------------------------------------------------------

type Stack = { platformUrl: string; stop: () => Promise<void> };

function benchConfig(dataDir: string, agents: number) {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir,
    sip: {
      domain: '127.0.0.1',
      listen: { host: '127.0.0.1', udpPort: PORTS.sipUdp, wsPort: PORTS.sipWs },
      gateway: 'sip:127.0.0.1:49050',
      media: MEDIA_RANGE,
      secret: 'bench-secret-0123456789',
      controlPort: PORTS.control,
      ngPort: PORTS.ng,
      // One source (SIPp on 127.0.0.1) places every call: flood protection must not count it as a flood.
      floodLimit: 1_000_000,
    },
    // every agent signs in from this one machine (docs/security.md: login limits)
    passwordCost: { N: 1024 },
    loginRateLimit: { maxLoginsPerSource: 100_000 },
    agents: Array.from({ length: agents }, (_, i) => ({ username: `agent${i}`, password: `agent${i}-pw`, queues: ['support'], capacity: { voice: 1, chat: 1, email: 1, task: 1 } })),
    queues: [{ id: 'support', name: 'Support', phoneNumbers: [QUEUE_NUMBER], offerTimeoutSeconds: 30, wrapUpTimeoutSeconds: 60, ttlSeconds: 120, dispositionCodes: ['done'], autoDispositionCode: 'auto' }],
  };
}

/** Spawns NODE SCRIPT --config FILE and resolves once a stdout line matches READY. */
async function startNodeProcess(script: string, args: string[], ready: RegExp, logFile?: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const log = logFile === undefined ? undefined : createWriteStream(logFile, { flags: 'a' });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    log?.write(chunk);
  });
  child.once('exit', () => log?.end());
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = ready.exec(line);
      if (m) resolve(m);
    });
  });
  return { child, match };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function startStack(parent: string, agents: number): Promise<Stack> {
  const dir = await runDir(parent, 'stack');
  const configFile = path.join(dir, 'config.json');
  await writeFile(configFile, JSON.stringify(benchConfig(path.join(dir, 'data'), agents)));
  const edge = await startNodeProcess('server/telephony/cli.ts', ['--config', configFile, ...(EDGE_LOG ? ['--verbose'] : [])], /^sip edge listening on /, EDGE_LOG);
  try {
    const platform = await startNodeProcess('server/cli.ts', ['--config', configFile, '--quiet'], /listening on (http:\/\/\S+)/);
    return {
      platformUrl: platform.match[1],
      stop: async () => {
        await stopProcess(platform.child);
        await stopProcess(edge.child);
      },
    };
  } catch (error) {
    await stopProcess(edge.child);
    throw error;
  }
}

/** worker threads the lean agents are spread over (the echo gets one more) */
const AGENT_WORKERS = 4;

/** Lean agents agentFROM… in worker threads, their media to one RTP echo (in a worker of its own). */
function startLeanAgents(stack: Stack, from: number, count: number): Promise<WorkerAgents> {
  const usernames = Array.from({ length: count }, (_, i) => `agent${from + i}`);
  return WorkerAgents.start({ platformUrl: stack.platformUrl, usernames, dispositionCode: 'done', echoPort: PORTS.echo, workers: AGENT_WORKERS });
}

/** What a latency run needs of the agents' side, wherever the agents run. */
interface MeasuredAgents {
  resetMoments(): Promise<void>;
  moments(): Promise<{ offeredAt: number[]; acceptSentAt: number[]; errors: string[] }>;
}

/** Agents in this process (the WebRTC ones: three, each doing its own ICE and DTLS). */
function inProcess(agents: BenchAgent[]): MeasuredAgents {
  return {
    resetMoments: async () => {
      for (const a of agents) a.moments.offeredAt.length = a.moments.acceptSentAt.length = 0;
    },
    moments: async () => ({ offeredAt: agents.flatMap((a) => a.moments.offeredAt), acceptSentAt: agents.flatMap((a) => a.moments.acceptSentAt), errors: agentErrors(agents) }),
  };
}

async function startAgents(stack: Stack, from: number, count: number, sdh: (i: number) => Parameters<typeof BenchAgent.start>[0]['sdh']): Promise<BenchAgent[]> {
  const agents: BenchAgent[] = [];
  // In batches: a few dozen sign-ins and REGISTERs in flight at once, as a shift starting would send.
  for (let i = from; i < from + count; i += 25) {
    const batch = Array.from({ length: Math.min(25, from + count - i) }, (_, j) =>
      BenchAgent.start({ platformUrl: stack.platformUrl, username: `agent${i + j}`, password: `agent${i + j}-pw`, dispositionCode: 'done', sdh: sdh(i + j) }),
    );
    agents.push(...(await Promise.all(batch)));
  }
  return agents;
}

/** Stops agents, giving up after 15 s (an overloaded edge may not answer their un-REGISTERs). */
async function stopAgents(agents: BenchAgent[]): Promise<void> {
  await Promise.race([Promise.all(agents.map((a) => a.stop())), new Promise((resolve) => setTimeout(resolve, 15_000))]);
}

function agentErrors(agents: BenchAgent[]): string[] {
  return agents.flatMap((a) => a.errors.splice(0));
}

type Latency = { inviteToOfferMs: number[]; answerTo200Ms: number[] };

/**
 * One call at a time through the edge to AGENTS: INVITE sent (SIPp) → offered (the agent's events), and
 * accept sent (the agent) → 200 OK received (SIPp). Calls pair with offers in order.
 */
async function measureLatency(parent: string, name: string, target: string, agents: MeasuredAgents): Promise<Latency> {
  const dir = await runDir(parent, name);
  // A warm-up call first (JIT, the control channel, rtpengine's first call), not counted. The platform may
  // still be connecting its control channel (the edge answers 503 until then): retry.
  for (let attempt = 1; ; attempt += 1) {
    const warm = await startSipp(dir, callerArgs(target, 1, 1, 1, 100), { timeoutMs: 30_000 }).finished;
    if (allSucceeded(warm, 1)) break;
    if (attempt === 10) throw new Error(`the warm-up call through the edge failed: ${firstError(warm)} ${(await agents.moments()).errors.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  await agents.resetMoments();
  const run = await startSipp(dir, callerArgs(target, LATENCY_CALLS, 5, 1, 200), { traceMessages: true, timeoutMs: 120_000 }).finished;
  const moments = await agents.moments();
  if (!allSucceeded(run, LATENCY_CALLS)) throw new Error(`${name}: ${run.failed} calls failed: ${firstError(run)} ${moments.errors.join('; ')}`);
  const invitesSent = [...firstPerCall(run.trace, (m) => m.direction === 'sent' && m.startLine.startsWith('INVITE')).values()].map((m) => m.at).sort((x, y) => x - y);
  const okReceived = [...firstPerCall(run.trace, (m) => m.direction === 'received' && isInvite200(m)).values()].map((m) => m.at).sort((x, y) => x - y);
  const offered = moments.offeredAt.sort((x, y) => x - y);
  const acceptSent = moments.acceptSentAt.sort((x, y) => x - y);
  if (offered.length !== invitesSent.length || acceptSent.length !== okReceived.length) {
    throw new Error(`${name}: ${invitesSent.length} INVITEs but ${offered.length} offers, ${okReceived.length} answers but ${acceptSent.length} accepts`);
  }
  return { inviteToOfferMs: invitesSent.map((t, i) => offered[i] - t), answerTo200Ms: acceptSent.map((t, i) => okReceived[i] - t) };
}

/** CONCURRENT calls arriving at CONCURRENT_RAMP_CPS, each up for CONCURRENT_HOLD_MS with RTP through rtpengine. */
async function measureConcurrent(parent: string, target: string, agents: WorkerAgents): Promise<{ concurrent: number; notes: string[] }> {
  const notes: string[] = [];
  const { packets: packetsBefore } = await agents.echoStats(true);
  const dir = await runDir(parent, 'edge-concurrent');
  const held = await startSipp(dir, callerArgs(target, CONCURRENT, CONCURRENT_RAMP_CPS, CONCURRENT, CONCURRENT_HOLD_MS), { timeoutMs: 180_000 }).finished;
  const { packets, streams } = await agents.echoStats();
  const { errors, lostAcks } = await agents.moments();
  notes.push(`edge: ${CONCURRENT} concurrent calls: peak ${held.peak}, ${held.failed} failed, ${streams} media streams echoed, ${packets - packetsBefore} RTP packets echoed`);
  if (lostAcks > 0) notes.push(`edge: ${lostAcks} answered calls never got their ACK at the agent (sip.js ACK timeout)`);
  if (held.failed > 0) notes.push(`edge: SIPp's first complaint: ${firstError(held)}`);
  if (errors.length > 0) notes.push(`edge agents: ${errors.slice(0, 3).join('; ')}`);
  // Calls that were both up at once and carried media (their RTP stream reached the echo): a call that
  // connected without media does not count. Reported as a number, not all-or-nothing, so a run with
  // 498 of 500 says so (the target stays all 500).
  const concurrent = errors.length === 0 ? Math.min(held.peak, CONCURRENT - held.failed, streams) : 0;
  return { concurrent, notes };
}

async function measureEdge(parent: string, only?: 'latency' | 'cps'): Promise<EdgeMeasured> {
  const none: Latency = { inviteToOfferMs: [], answerTo200Ms: [] };
  const notes: string[] = [];
  const latencyAgents = 3;
  const loadAgents = CONCURRENT + 20;
  // Picked again just before use: other processes' outgoing connections take ports from this range too.
  PORTS = await pickPorts();
  const stack = await startStack(parent, latencyAgents + loadAgents);
  const target = `127.0.0.1:${PORTS.sipUdp}`;
  try {
    // Latency: one call at a time, three agents with real WebRTC media taking turns (so one is always free).
    let webrtcLatency = none;
    if (only !== 'cps') {
      const webrtc = await startAgents(stack, 0, latencyAgents, () => webRtcSessionDescriptionHandlerFactory({ portRange: AGENT_ICE_RANGE }));
      webrtcLatency = await measureLatency(parent, 'edge-latency-webrtc', target, inProcess(webrtc));
      await stopAgents(webrtc);
    }

    // Load: lean agents in worker threads, media echoed by one socket (in a worker of its own).
    const lean = await startLeanAgents(stack, latencyAgents, loadAgents);
    try {
      // The same latency run with agents that answer at once: what the edge and the platform add alone.
      const leanLatency = only === 'cps' ? none : await measureLatency(parent, 'edge-latency-lean', target, lean);
      if (only === 'latency') return { webrtc: webrtcLatency, lean: leanLatency, cps: 0, concurrent: 0, notes };

      let concurrent = 0;
      if (only === undefined) {
        // 500 concurrent calls first, on a system no overload has touched.
        const held = await measureConcurrent(parent, target, lean);
        concurrent = held.concurrent;
        notes.push(...held.notes);
        // Calls ending and wrap-ups closing before the CPS ladder, which runs last because its top step may overload.
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }

      let cps = 0;
      for (const rate of CPS_LADDER) {
        const calls = rate * CPS_STEP_SECONDS;
        const dir = await runDir(parent, `edge-cps-${rate}`);
        const outcome = await startSipp(dir, callerArgs(target, calls, rate, rate * 4, 1000), { timeoutMs: 120_000 }).finished;
        const { errors } = await lean.moments();
        if (!allSucceeded(outcome, calls) || errors.length > 0) {
          notes.push(`edge: ${outcome.failed} of ${calls} calls failed at ${rate} calls/s: ${firstError(outcome)}${errors.length ? `; agents: ${errors.slice(0, 3).join('; ')}` : ''}`);
          break;
        }
        cps = rate;
        // Let the last calls' wrap-ups close so every agent is free for the next step.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      return { webrtc: webrtcLatency, lean: leanLatency, cps, concurrent, notes };
    } finally {
      await lean.stop();
    }
  } finally {
    await stack.stop();
  }
}

runIfMain(import.meta.url, run);
