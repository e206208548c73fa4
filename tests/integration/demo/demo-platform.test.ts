/**
 * `bash scripts/start.sh --demo`: the demo platform starts on config/demo.yaml and its simulated customers
 * put each kind of work into the queue through the integration's API key, and a chat's customer answers
 * an agent's message; this machine has the SIP edge, so customers also phone the queue through it (SIPp),
 * and without the edge the demo says so once and goes on without calls. No timing assertion: the test
 * waits for the items themselves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MessageSchema } from '../../../common/api';
import { WorkItemSchema } from '../../../common/workitem';
import { CUSTOMERS } from '../../../scripts/demo/demo-content';
import { startDemoPlatform, type DemoPlatform } from '../../../scripts/demo/demo-platform';

const ADMIN = { username: 'admin', password: 'admin-pw' };
const ListSchema = z.object({ total: z.number(), items: z.array(WorkItemSchema) });

let dir: string;
let demo: DemoPlatform;
let token: string;

async function api<T>(method: string, pathname: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const response = await fetch(demo.platform.url + pathname, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${pathname} → ${response.status}`).toBe(true);
  return schema.parse(await response.json());
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-demo-'));
  // Room in the queue for every kind (nobody takes the items here), the call last in the round included.
  demo = await startDemoPlatform({ dataDir: dir, port: 0, intervalMs: 20, replyPollMs: 20, maxWaiting: 100, admin: ADMIN, agent: 'alice' });
  const login = await fetch(`${demo.platform.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  token = z.object({ token: z.string() }).parse(await login.json()).token;
});

afterAll(async () => {
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo platform', () => {
  it.each(['chat', 'email', 'task', 'callback'] as const)('injects a %s from a simulated customer into the named queue', async (kind) => {
    // The simulator says it injected one; the platform has it (beyond the seeded items, one email and one callback).
    await expect.poll(() => demo.simulator.injected[kind], { timeout: 15_000 }).toBeGreaterThan(0);
    const total = (await api('GET', `/v1/workitems?q=${encodeURIComponent(`type:${kind} AND queueId:support`)}&rows=50`, ListSchema)).total;
    expect(total).toBeGreaterThan(kind === 'email' || kind === 'callback' ? 1 : 0);
  });

  it('has a chat whose customer types back after the agent writes', async () => {
    await expect.poll(() => demo.simulator.injected.chat, { timeout: 15_000 }).toBeGreaterThan(0);
    const chats = await api('GET', `/v1/workitems?q=${encodeURIComponent('type:chat')}&rows=1&sort=createdAt%20asc`, ListSchema);
    const chatId = chats.items[0].workitemId;
    await api('POST', `/v1/workitems/${chatId}/messages`, MessageSchema, { text: 'Let me look into that for you.' });
    await expect
      .poll(async () => (await api('GET', `/v1/workitems/${chatId}/messages`, z.array(MessageSchema))).map((m) => m.from), { timeout: 15_000 })
      .toEqual(['customer', 'agent', 'customer']);
  });
});

describe('phone calls in the demo', () => {
  it('a simulated customer phones the queue through the SIP edge: a call item from their number', async () => {
    expect(demo.phoneCalls).toEqual({ on: true, number: '+15550100' });
    await expect
      .poll(async () => (await api('GET', `/v1/workitems?q=${encodeURIComponent('type:call AND queueId:support')}&rows=50`, ListSchema)).items.length, { timeout: 45_000 })
      .toBeGreaterThan(0);
    const calls = await api('GET', `/v1/workitems?q=${encodeURIComponent('type:call AND queueId:support')}&rows=50`, ListSchema);
    const phones: readonly string[] = CUSTOMERS.map((c) => c.phone);
    for (const call of calls.items) {
      expect(call).toMatchObject({ channelType: 'voice', direction: 'INBOUND' });
      expect(phones).toContain(call.contact.phone);
    }
  }, 60_000);

  it('without the SIP edge the demo says why once and goes on without calls', async () => {
    const lines: string[] = [];
    const otherDir = await mkdtemp(path.join(tmpdir(), 'switchboard-demo-'));
    const noEdge = await startDemoPlatform({
      dataDir: otherDir, port: 0, intervalMs: 20, replyPollMs: 20, admin: ADMIN, agent: 'alice',
      sipEdgeProblem: () => 'missing Debian package kamailio (no kamailio binary)', log: (line) => lines.push(line),
    });
    try {
      expect(noEdge.phoneCalls).toEqual({ on: false, why: 'missing Debian package kamailio (no kamailio binary)' });
      await expect.poll(() => Math.min(noEdge.simulator.injected.chat, noEdge.simulator.injected.email), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(noEdge.simulator.injected.call).toBe(0);
      expect(lines.filter((line) => line.includes('no phone calls'))).toEqual(['demo: no phone calls in this demo: missing Debian package kamailio (no kamailio binary)']);
    } finally {
      await noEdge.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
