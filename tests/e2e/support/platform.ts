/** The real platform for end-to-end tests: a config in a temp dir, the process, and its HTTP API as an admin. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startTsProcess, type StartedProcess } from './processes';

export const AGENT = { username: 'alice', password: 'alice-e2e-pw', displayName: 'Alice Agent' };
export const ADMIN = { username: 'sam', password: 'sam-e2e-pw', displayName: 'Sam Supervisor' };
/** Two codes with labels, one without (shown as the code): the wrap-up shows these three and no other queue's. */
export const QUEUE = {
  id: 'support',
  name: 'Support',
  dispositionCodes: [{ code: 'resolved', label: 'Resolved' }, { code: 'follow_up', label: 'Follow-up needed' }, 'escalated'],
};
/** The labels the wrap-up shows for QUEUE's codes, in order. */
export const QUEUE_DISPOSITION_LABELS = ['Resolved', 'Follow-up needed', 'escalated'];
/** A queue Alice does not serve: its codes must never reach her wrap-up. */
const OTHER_QUEUE = { id: 'sales', name: 'Sales', dispositionCodes: [{ code: 'sold', label: 'Sold' }, 'not_interested'] };

export type QueueTimers = { offerTimeoutSeconds: number; wrapUpTimeoutSeconds: number; ttlSeconds: number };
const LONG_TIMERS: QueueTimers = { offerTimeoutSeconds: 90, wrapUpTimeoutSeconds: 600, ttlSeconds: 3600 };

export function platformConfig(dataDir: string, timers: Partial<QueueTimers> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    dataDir,
    // Every sign-in of the suite comes from this machine: room for all of them (docs/security.md, login limits).
    loginRateLimit: { maxLoginsPerUser: 10_000, maxLoginsPerSource: 10_000 },
    agents: [
      { ...AGENT, queues: [QUEUE.id], capacity: { voice: 1, chat: 3, email: 5, task: 5 }, scopes: ['workitems:read', 'workitems:write'] },
      { ...ADMIN, queues: [], scopes: ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin'] },
    ],
    queues: [
      // Long timers: the test acts well within them, and a slow machine must not turn the offer into a RONA.
      { ...QUEUE, ...LONG_TIMERS, ...timers, ronaPresence: 'not_ready', autoDispositionCode: 'wrap_up_timeout' },
      { ...OTHER_QUEUE, ...LONG_TIMERS },
    ],
  };
}

export type RunningPlatform = { url: string; process: StartedProcess };

export async function startPlatform(dir: string, timers: Partial<QueueTimers> = {}): Promise<RunningPlatform> {
  const configFile = path.join(dir, 'platform.json');
  await writeFile(configFile, JSON.stringify(platformConfig(path.join(dir, 'platform-data'), timers), null, 2));
  const started = await startTsProcess('server/cli.ts', ['--config', configFile], {
    name: 'platform',
    readyLine: /listening on (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  return { url: started.ready[1].replace(/\/$/, ''), process: started };
}

/** A small client for the platform's HTTP API (docs/api.md). */
export class PlatformClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async login(baseUrl: string, user: { username: string; password: string }): Promise<PlatformClient> {
    const response = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    if (!response.ok) throw new Error(`login as ${user.username} failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { token: string };
    return new PlatformClient(baseUrl, body.token);
  }

  async request<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname} → ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
