/**
 * Customers played by SIPp (Debian sip-tester) against the edge's UDP port, with this folder's scenarios
 * (they follow Record-Route). Runs through ./media/sipp-run.ts, each call in its own temp directory.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSipp, type SippOutcome } from './media/sipp-run';

export const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');

/** Every SIPp still running: stopped by stopAllSipp() (the test stack's close) and at process exit. */
const running = new Set<() => void>();
process.on('exit', () => stopAllSipp());

export function stopAllSipp(): void {
  for (const stop of running) stop();
  running.clear();
}

function tracked(sipp: { finished: Promise<unknown>; stop: () => void }): void {
  running.add(sipp.stop);
  void sipp.finished.finally(() => running.delete(sipp.stop));
}

export interface CustomerCall {
  finished: Promise<SippOutcome>;
  stop(): void;
}

export interface CustomerOptions {
  /** the edge's SIP address */
  host: string;
  port: number;
  /** the dialled number (the queue's) */
  number: string;
  /** `<pause/>` length in ms (talk time, or ringing time before CANCEL) */
  pauseMs?: number;
  timeoutMs?: number;
  /** SIPp's own signalling port (default: any free one) */
  localPort?: number;
  /** SIPp's media port: inside the test file's media range, so parallel files never collide */
  mediaPort: number;
}

async function run(scenarioFile: string, options: CustomerOptions, cleanup?: () => Promise<void>): Promise<CustomerCall> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-sipp-'));
  const args = [
    `${options.host}:${options.port}`,
    '-sf', scenarioFile,
    '-s', options.number,
    '-i', '127.0.0.1',
    '-p', String(options.localPort ?? 0),
    '-m', '1',
    '-d', String(options.pauseMs ?? 500),
    '-mp', String(options.mediaPort),
    '-timeout', `${Math.ceil((options.timeoutMs ?? 30_000) / 1000)}s`,
  ];
  const sipp = startSipp(dir, args, { traceMessages: true, timeoutMs: options.timeoutMs ?? 30_000 });
  tracked(sipp);
  const finished = sipp.finished.finally(async () => {
    await rm(dir, { recursive: true, force: true });
    await cleanup?.();
  });
  return { finished, stop: sipp.stop };
}

/** A customer calling `number`: one of scenarios/customer-*.xml. */
export function customerCall(scenario: 'waits-for-bye' | 'hangs-up' | 'cancels' | 'cancels-tagged', options: CustomerOptions): Promise<CustomerCall> {
  return run(path.join(SCENARIOS, `customer-${scenario}.xml`), options);
}

/** A customer whose call must end with final status CODE (e.g. 480 at TTL, 404 for a number no queue has). */
export async function customerRefused(code: number, options: CustomerOptions): Promise<CustomerCall> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-scenario-'));
  const file = path.join(dir, `customer-refused-${code}.xml`);
  await writeFile(file, refusedScenario(code));
  return run(file, options, () => rm(dir, { recursive: true, force: true }));
}

function refusedScenario(code: number): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="customer refused ${code}">
  <send retrans="500">
    <![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Customer" <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:+15557770001@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=customer 1 1 IN IP4 [local_ip]
      s=-
      c=IN IP4 [local_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000

    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="${code}"/>
  <send>
    <![CDATA[

      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-3]
      From: "Customer" <sip:+15557770001@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
</scenario>
`;
}

/** SIPp as the gateway's callee (scenarios/gateway-callee.xml), listening on PORT for one call. */
export function gatewayCallee(port: number, mediaPort: number, timeoutMs = 30_000): Promise<CustomerCall> {
  return atGateway('gateway-callee.xml', port, mediaPort, [], timeoutMs);
}

/**
 * SIPp as the outside party a customer was transferred to (scenarios/gateway-transfer-target.xml): it takes
 * one call to `number` From `from` with plain RTP at the gateway's PORT, and hangs up after a second.
 */
export function gatewayTransferTarget(port: number, mediaPort: number, call: { number: string; from: string }, timeoutMs = 30_000): Promise<CustomerCall> {
  return atGateway('gateway-transfer-target.xml', port, mediaPort, ['-set', 'number', call.number, '-set', 'from', call.from], timeoutMs);
}

async function atGateway(scenario: string, port: number, mediaPort: number, extraArgs: string[], timeoutMs: number): Promise<CustomerCall> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-sipp-'));
  const args = ['-sf', path.join(SCENARIOS, scenario), '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-mp', String(mediaPort), ...extraArgs, '-timeout', `${Math.ceil(timeoutMs / 1000)}s`];
  const sipp = startSipp(dir, args, { traceMessages: true, timeoutMs });
  tracked(sipp);
  const finished = sipp.finished.finally(() => rm(dir, { recursive: true, force: true }));
  return { finished, stop: sipp.stop };
}
