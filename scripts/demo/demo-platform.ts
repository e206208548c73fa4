/**
 * The platform of `bash scripts/start.sh --demo`: config/demo.yaml on the embedded store, a few seeded items,
 * and the simulated customers feeding its first queue through the config's integration.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadConfigFile } from '../../server/config';
import { startPlatform, type RunningPlatform } from '../../server/platform';
import { seedDemoWorkItems } from '../demo-items';
import { startCustomerSimulator, type CustomerSimulator } from './customer-simulator';

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
  admin: { username: string; password: string };
  agent: string;
  log?: (line: string) => void;
}

export interface DemoPlatform {
  platform: RunningPlatform;
  simulator: CustomerSimulator;
  close(): Promise<void>;
}

export async function startDemoPlatform(options: DemoPlatformOptions): Promise<DemoPlatform> {
  const config = loadConfigFile(DEMO_CONFIG_FILE);
  const raw = DemoIntegrationSchema.safeParse(parseYaml(readFileSync(DEMO_CONFIG_FILE, 'utf8')));
  if (!raw.success) throw new Error(`${DEMO_CONFIG_FILE}: the demo needs an integration with a plain apiKey and a queue: ${raw.error.message}`);
  const integration = raw.data.integrations[0];

  const platform = await startPlatform({ ...config, dataDir: options.dataDir, listen: { host: '127.0.0.1', port: options.port } });
  try {
    await seedDemoWorkItems(platform.url, options.admin, options.agent);
  } catch (error) {
    await platform.close();
    throw error;
  }
  const simulator = startCustomerSimulator({
    platformUrl: platform.url,
    apiKey: integration.apiKey,
    queueId: integration.queues[0],
    intervalMs: options.intervalMs ?? 5000,
    replyPollMs: options.replyPollMs,
    maxWaiting: 6,
    log: options.log,
  });
  return {
    platform,
    simulator,
    async close() {
      await simulator.stop();
      await platform.close();
    },
  };
}
