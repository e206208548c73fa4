/**
 * Helpers for the desktop core's integration tests: the REAL platform (server/platform.ts) on port 0 with
 * a temp dataDir, a supervisor client that creates work on it, a TCP proxy that can sever the desktop's
 * connection, and a recorder of the core's pushed events.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EventName } from '../../../common/desktop-api';
import type { WorkItem } from '../../../common/workitem';
import { createDesktopCore, type DesktopCore } from '../../../main/core';
import { Backoff } from '../../../common/backoff';
import { PlatformClient } from '../../../main/core/platform/http-client';
import { parseConfig } from '../../../server/config';
import { startPlatform } from '../../../server/platform';

export function platformConfig(dataDir: string, port = 0): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port },
    dataDir,
    agents: [
      { username: 'alice', password: 'alice-pw', displayName: 'Alice Agent', queues: ['support'], capacity: { voice: 1, chat: 3, email: 5, task: 5 }, scopes: ['workitems:read', 'workitems:write'] },
      { username: 'sup', password: 'sup-pw', displayName: 'Supervisor', queues: [], scopes: ['workitems:read', 'workitems:write', 'workitems:delete', 'workitems:admin'] },
    ],
    queues: [
      { id: 'support', name: 'Support', offerTimeoutSeconds: 60, wrapUpTimeoutSeconds: 120, ttlSeconds: 3600, dispositionCodes: ['resolved', 'follow_up', 'escalated'] },
    ],
  };
}

export type RunningTestPlatform = { url: string; port: number; dataDir: string; close(): Promise<void> };

export async function startTestPlatform(dataDir?: string, port = 0): Promise<RunningTestPlatform> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sb-core-platform-'));
  const running = await startPlatform(parseConfig(platformConfig(dir, port), dir));
  return { ...running, dataDir: dir };
}

export function makeTempDir(prefix = 'sb-core-it-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A supervisor's client on the platform (admin scope): creates work, reads the truth. */
export async function supervisor(url: string): Promise<PlatformClient> {
  const client = new PlatformClient(url);
  const login = await client.login('sup', 'sup-pw');
  client.setToken(login.token);
  return client;
}

/** A call waiting in `support`: PUSH routing offers it to an available agent. */
export async function queueCall(sup: PlatformClient, subject: string): Promise<WorkItem> {
  return sup.createWorkItem({ type: 'call', queueId: 'support', subject, contact: { name: 'Carol Customer', phone: '+14155550100' } }, crypto.randomUUID());
}

/** Counts of the activity-log entries of each type on an item: proves each action happened once. */
export function timeEventCounts(item: WorkItem): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of item.timeEvents) counts[entry.type] = (counts[entry.type] ?? 0) + 1;
  return counts;
}

/** Every event the core pushed, and a way to wait for one. */
export function recordEvents(core: DesktopCore) {
  const events: { name: EventName; payload: any }[] = [];
  core.subscribe((name, payload) => events.push({ name, payload }));
  return {
    events,
    of(name: EventName) {
      return events.filter((e) => e.name === name).map((e) => e.payload);
    },
    /** the position to pass as `after`, to wait only for events that come later */
    mark(): number {
      return events.length;
    },
    async waitFor(name: EventName, predicate: (payload: any) => boolean = () => true, timeoutMs = 10_000, after = 0): Promise<any> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(after).find((e) => e.name === name && predicate(e.payload));
        if (found) return found.payload;
        if (Date.now() > deadline) throw new Error(`no ${name} event within ${timeoutMs} ms; saw ${events.map((e) => e.name).join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function invokeOk<T = any>(core: DesktopCore, name: string, request: unknown): Promise<T> {
  const result = await core.invoke(name, request);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * A TCP proxy in front of the platform. `sever()` destroys every open connection and refuses new ones
 * (the network is gone); `restore()` lets connections through again. It keeps its port throughout.
 */
export async function startProxy(target: { host: string; port: number }) {
  let severed = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (severed) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sever() {
      severed = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      severed = false;
    },
    async close() {
      severed = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A desktop core that reaches the platform through a proxy the test can sever, with short backoffs, signed
 * in as alice, online and available: the starting point of every network-cut scenario.
 */
export async function startCoreBehindProxy(platformPort: number) {
  const proxy = await startProxy({ host: '127.0.0.1', port: platformPort });
  const dataDir = makeTempDir();
  const core = await createDesktopCore({ dataDir, platformUrl: proxy.url, ...quickRecovery() });
  const recorder = await signInAvailable(core);
  return {
    proxy,
    core,
    recorder,
    async close() {
      await core.close();
      await proxy.close();
      removeDir(dataDir);
    },
  };
}

/**
 * A signed-in, available agent (alice) on `platformUrl` whose policy locks `platformFailoverUrls`, with short
 * backoffs and heartbeat so that a failover shows within a test's time; returns the core and its recorder.
 */
export async function startFailoverAgent(dataDir: string, platformUrl: string, failoverUrls: string[]) {
  const core = await createDesktopCore({
    dataDir,
    platformUrl,
    policy: { values: { platformFailoverUrls: failoverUrls }, locked: ['platformFailoverUrls'], error: null },
    ...quickRecovery(),
  });
  return { core, recorder: await signInAvailable(core) };
}

/** Short reconnect and retry backoffs and a short heartbeat: a cut or a failover shows within a test's time. */
function quickRecovery() {
  return { streamBackoff: () => new Backoff({ baseMs: 50, capMs: 200 }), outboxBackoff: new Backoff({ baseMs: 50, capMs: 200 }), heartbeatMs: 500 };
}

/** Signs alice in, waits until the core is online and makes her available; returns the core's event recorder. */
async function signInAvailable(core: DesktopCore) {
  const recorder = recordEvents(core);
  await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
  await recorder.waitFor('connectionChanged', (s) => s.state === 'online');
  await invokeOk(core, 'setPresence', { state: 'available' });
  return recorder;
}
