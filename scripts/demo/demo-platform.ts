/**
 * The platform of `bash scripts/start.sh --demo`: config/demo.yaml on the embedded store, a few seeded items,
 * and the simulated customers feeding its first queue through the config's integration — with phone calls
 * through the SIP edge when it can run here (sip-calls.ts), else without them, said once.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseConfig, type PlatformConfig } from '../../server/config';
import { startPlatform, type RunningPlatform } from '../../server/platform';
import { EdgeStartError, startEdge, type RunningEdge } from '../../server/telephony/edge-launcher';
import { seedDemoWorkItems } from '../demo-items';
import { startCustomerSimulator, type CustomerSimulator } from './customer-simulator';
import { CUSTOMERS } from './demo-content';
import { demoCaller, demoGateway, demoSipBlock, sipEdgeProblem, type DemoCaller } from './sip-calls';

export const DEMO_CONFIG_FILE = new URL('../../config/demo.yaml', import.meta.url).pathname;

/** The part of the demo config the simulator needs, read raw: the loaded config keeps only the key's digest. */
const DemoIntegrationSchema = z.object({
  integrations: z.array(z.object({ name: z.string(), apiKey: z.string(), queues: z.array(z.string()).min(1) })).min(1),
});

export interface DemoPlatformOptions {
  dataDir: string;
  port: number;
  /** time between two simulated customers' items (default 5 s) */
  intervalMs?: number;
  replyPollMs?: number;
  /** no new item while this many wait in the queue (default 6, so a demo left running does not pile up) */
  maxWaiting?: number;
  admin: { username: string; password: string };
  agent: string;
  log?: (line: string) => void;
  /** why SIP calls cannot run here, or null when they can (default: sip-calls.ts looks for the packages) */
  sipEdgeProblem?: () => string | null;
}

/** Whether the demo's customers also phone in, and if not, why. */
export type PhoneCalls = { on: true; number: string } | { on: false; why: string };

export interface DemoPlatform {
  platform: RunningPlatform;
  simulator: CustomerSimulator;
  phoneCalls: PhoneCalls;
  close(): Promise<void>;
}

type Telephony = { edge: RunningEdge; caller: DemoCaller; gateway: { stop(): void }; number: string };

/** The edge and the platform with its `sip` block, or (the edge cannot start) null after stopping what started. */
async function startWithEdge(raw: Record<string, unknown>, dataDir: string, port: number, queueId: string): Promise<{ config: PlatformConfig; edge: RunningEdge; number: string } | string> {
  const sip = await demoSipBlock();
  const config = parseConfig({ ...raw, sip }, dirname(DEMO_CONFIG_FILE));
  const number = config.queues.find((q) => q.id === queueId)?.phoneNumbers[0];
  if (number === undefined) return `queue ${queueId} has no phoneNumbers in ${DEMO_CONFIG_FILE}`;
  try {
    const edge = await startEdge({ ...config, dataDir, listen: { host: '127.0.0.1', port } }, { children: 2 });
    return { config, edge, number };
  } catch (error) {
    if (error instanceof EdgeStartError) return error.message;
    throw error;
  }
}

export async function startDemoPlatform(options: DemoPlatformOptions): Promise<DemoPlatform> {
  const log = options.log ?? (() => undefined);
  const rawConfig = parseYaml(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
  const raw = DemoIntegrationSchema.safeParse(rawConfig);
  if (!raw.success) throw new Error(`${DEMO_CONFIG_FILE}: the demo needs an integration with a plain apiKey and a queue: ${raw.error.message}`);
  const integration = raw.data.integrations[0];
  const queueId = integration.queues[0];

  // Phone calls when the edge can run; otherwise said once, and the demo goes on with the other kinds.
  const problem = (options.sipEdgeProblem ?? sipEdgeProblem)();
  const withEdge = problem === null ? await startWithEdge(rawConfig, options.dataDir, options.port, queueId) : problem;
  let telephony: Telephony | null = null;
  let config: PlatformConfig;
  if (typeof withEdge === 'string') {
    log(`demo: no phone calls in this demo: ${withEdge}`);
    config = parseConfig(rawConfig, dirname(DEMO_CONFIG_FILE));
  } else {
    config = withEdge.config;
    const caller = demoCaller({ host: '127.0.0.1', udpPort: config.sip!.listen.udpPort }, withEdge.number, CUSTOMERS.map((c) => c.phone));
    const gateway = await demoGateway(config.sip!.gateway);
    telephony = { edge: withEdge.edge, caller, gateway, number: withEdge.number };
  }

  let platform: RunningPlatform;
  try {
    platform = await startPlatform({ ...config, dataDir: options.dataDir, listen: { host: '127.0.0.1', port: options.port } });
  } catch (error) {
    telephony?.gateway.stop();
    await telephony?.edge.stop();
    throw error;
  }
  try {
    await seedDemoWorkItems(platform.url, options.admin, options.agent);
  } catch (error) {
    await platform.close();
    telephony?.gateway.stop();
    await telephony?.edge.stop();
    throw error;
  }
  const simulator = startCustomerSimulator({
    platformUrl: platform.url,
    apiKey: integration.apiKey,
    queueId,
    intervalMs: options.intervalMs ?? 5000,
    replyPollMs: options.replyPollMs,
    maxWaiting: options.maxWaiting ?? 6,
    placeCall: telephony ? () => telephony.caller.placeCall() : undefined,
    log,
  });
  return {
    platform,
    simulator,
    phoneCalls: telephony ? { on: true, number: telephony.number } : { on: false, why: typeof withEdge === 'string' ? withEdge : '' },
    async close() {
      await simulator.stop();
      telephony?.caller.stop();
      telephony?.gateway.stop();
      await platform.close();
      await telephony?.edge.stop();
    },
  };
}
