/**
 * A few work items for the first run, so the demo agent's inbox shows each kind, badge and due-date
 * label at once. Created through the platform's public API as the demo supervisor, and only into an
 * empty platform, so restarting the demo does not pile them up.
 */
import { z } from 'zod';

const DAY = 24 * 3600 * 1000;

type Credentials = { username: string; password: string };

async function call(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

export async function seedDemoWorkItems(platformUrl: string, admin: Credentials, agent: string): Promise<number> {
  const login = await call(platformUrl, null, 'POST', '/v1/auth/login', admin);
  if (login.status !== 200) throw new Error(`demo: cannot sign in as ${admin.username}: ${JSON.stringify(login.body)}`);
  const token = z.object({ token: z.string() }).parse(login.body).token;
  const existing = await call(platformUrl, token, 'GET', '/v1/workitems?rows=1');
  if (existing.status === 200 && z.object({ total: z.number() }).parse(existing.body).total > 0) return 0;

  const now = Date.now();
  const requests: [string, unknown][] = [
    ['/v1/workitems', { type: 'task', subType: 'address_change', channel: 'Phone', priority: 2, subject: 'Update the billing address for order 88412', description: 'Customer moved; confirm the new address before the next invoice run.', dueAt: now + DAY, assignee: { agentUsername: agent }, contact: { name: 'Maria Gomez', phone: '+14155550147' } }],
    ['/v1/workitems', { type: 'review', subType: 'transcript_request', channel: 'Internal', priority: 3, subject: 'Review the transcript of yesterday\'s escalation', dueAt: now + 2 * 3600 * 1000, assignee: { agentUsername: agent } }],
    ['/v1/workitems', { type: 'approval', subType: 'billing_dispute', channel: 'Email', priority: 1, subject: 'Approve a $40 goodwill credit', description: 'Duplicate charge confirmed by the bank statement.', dueAt: now - DAY, assignee: { agentUsername: agent }, contact: { name: 'Sam Lee', email: 'sam.lee@example.com' } }],
    ['/v1/workitems', { type: 'email', channelType: 'email', priority: 5, subject: 'Where is my replacement card?', queueId: 'support', contact: { name: 'Priya Nair', email: 'priya@example.com' } }],
    ['/v1/callbacks', { phone: '+14155550123', name: 'Dana Whitfield', reason: 'Asked to be called back about a late delivery', queueId: 'support', priority: 2 }],
  ];
  let created = 0;
  for (const [path, body] of requests) {
    const result = await call(platformUrl, token, 'POST', path, body);
    if (result.status === 201) created++;
    else console.warn(`demo: ${path} refused: ${JSON.stringify(result.body)}`);
  }
  return created;
}
