/**
 * `bash scripts/start.sh --demo` on a machine with the SIP edge: a simulated customer (SIPp with
 * scripts/demo/customer-call.xml) phones the queue through the edge, the call is offered to the available
 * agent, whose registered softphone is connected when they accept; the customer stays on the line until the
 * agent hangs up, then SIPp ends with success and the item is in wrap-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkItem } from '../../../common/workitem';
import { startDemoPlatform, type DemoPlatform } from '../../../scripts/demo/demo-platform';
import { signInAgent, type SignedInAgent } from '../../support/sip/signed-in-agent';
import { eventually, itemEventually, ok } from '../server/helpers';

let dir: string;
let demo: DemoPlatform;
let alice: SignedInAgent | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchboard-demo-call-'));
  demo = await startDemoPlatform({ dataDir: dir, port: 0, intervalMs: 50, maxWaiting: 100, admin: { username: 'admin', password: 'admin-pw' }, agent: 'alice' });
  alice = await signInAgent(demo.platform.url, 'alice');
}, 60_000);

afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

it('a demo customer’s call is answered by the agent’s softphone and stays up until the agent hangs up', async () => {
  const api = alice!.api;
  // The agent works what the demo offers until the call comes: takes chats, emails and tasks, and gets the
  // callbacks (which hold the agent's one voice slot while offered) out of the way: dialed, hung up, closed.
  let call: WorkItem | undefined;
  await eventually(
    async () => {
      const offers = (await api.get(`/v1/workitems?q=${encodeURIComponent('state:offered AND agentUsername:alice')}`)).body as { items: WorkItem[] };
      call = offers.items.find((item) => item.type === 'call');
      for (const item of offers.items) {
        if (item.type === 'call') continue;
        if (item.actions.includes('dial')) {
          await api.act(item.workitemId, 'dial');
          await api.act(item.workitemId, 'hangup');
          await api.act(item.workitemId, 'disposition', { code: 'resolved' });
        } else await api.act(item.workitemId, 'accept');
      }
      return call;
    },
    (found) => found !== undefined,
    45_000,
  );
  if (!call) throw new Error('no call offered');
  expect(call).toMatchObject({ channelType: 'voice', direction: 'INBOUND', queueId: 'support' });
  ok(await api.act(call.workitemId, 'accept'));
  const invitation = await alice!.phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(call.workitemId);
  await invitation.accept();
  await itemEventually(api, call.workitemId, (item) => item.state === 'active', 10_000);
  // The customer is still on the line: the demo places no second call meanwhile.
  expect(demo.simulator.injected.call).toBeGreaterThan(0);
  await invitation.bye();
  const ended = await itemEventually(api, call.workitemId, (item) => item.state === 'terminated', 10_000);
  expect(ended.wrapUpExpiresAt).not.toBeNull();
}, 90_000);

it('a demo callback the agent dials is answered by the demo’s carrier (SIPp at the gateway address)', async () => {
  const api = alice!.api;
  let callback: WorkItem | undefined;
  await eventually(
    async () => {
      const offers = (await api.get(`/v1/workitems?q=${encodeURIComponent('state:offered AND agentUsername:alice')}`)).body as { items: WorkItem[] };
      // The last test's call waits in wrap-up, holding the voice slot: disposition it first.
      const wrapUps = (await api.get(`/v1/workitems?q=${encodeURIComponent('state:terminated AND agentUsername:alice')}`)).body as { items: WorkItem[] };
      for (const item of wrapUps.items) await api.act(item.workitemId, 'disposition', { code: 'resolved' });
      callback = offers.items.find((item) => item.actions.includes('dial'));
      for (const item of offers.items) if (item !== callback && item.type !== 'call') await api.act(item.workitemId, 'accept');
      return callback;
    },
    (found) => found !== undefined,
    45_000,
  );
  if (!callback?.contact.phone) throw new Error('no callback with a phone number offered');
  ok(await api.act(callback.workitemId, 'dial'));
  // Without the demo's carrier nothing answers at the gateway address and the INVITE fails (408/503).
  const { status, session } = await alice!.phone.call(callback.contact.phone, '127.0.0.1', callback.workitemId);
  expect(status).toBe(200);
  await session.bye();
}, 90_000);
