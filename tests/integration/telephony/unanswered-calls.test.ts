/**
 * Calls nobody answers: the caller hangs up while waiting or while the toast rings (ABANDONED), the
 * queue's TTL ends the wait (the caller gets 480, the item NO_AGENT_AVAILABLE), and an offer that times
 * out rings the next agent (RONA), whose phone then gets the call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { customerCall, customerRefused } from '../../support/sip/customer';
import { SipAgent } from '../../support/sip/sip-agent';
import { OVERFLOW_NUMBER, SALES_NUMBER, SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
let sup: ApiClient;
const agents: Array<{ api: ApiClient; events: EventStream; phone: SipAgent }> = [];

async function signIn(username: string) {
  const login = await new ApiClient(stack.platform.url).post('/v1/auth/login', { username, password: `${username}-pw` });
  const api = new ApiClient(stack.platform.url, login.body.token, username);
  const phone = await SipAgent.connect(login.body.sip);
  expect(await phone.register()).toBe(200);
  const events = await EventStream.of(api, { since: 0 });
  const agent = { api, events, phone };
  agents.push(agent);
  return agent;
}

beforeAll(async () => {
  stack = await startTelephonyStack({
    media: { portMin: 40400, portMax: 40699 },
    patch: (raw) => {
      // support: offers time out after 1 s (RONA); sales keeps the stack's long offers
      for (const queue of raw.queues) if (queue.id === 'support') queue.offerTimeoutSeconds = 1;
    },
  });
  sup = await ApiClient.login(stack.platform.url, 'sup');
});
afterAll(async () => {
  for (const agent of agents) {
    await agent.events.close();
    await agent.phone.stop();
  }
  await stack?.close();
});

/** The newest call item in QUEUEID, once the platform has made it. */
async function callItemIn(queueId: string) {
  for (let i = 0; i < 100; i++) {
    const page = ok(await sup.get(`/v1/workitems?q=${encodeURIComponent(`type:call AND queueId:${queueId}`)}&sort=createdAt%20desc&rows=1`));
    if (page.items.length > 0) return page.items[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no call item in ${queueId}`);
}

describe('unanswered calls', () => {
  it('a caller who hangs up while waiting in the queue leaves the item ABANDONED', async () => {
    // nobody serving sales is available: the call waits
    const customer = await customerCall('cancels', { host: stack.host, port: stack.udpPort, number: SALES_NUMBER, pauseMs: 1000, mediaPort: 40700 });
    const waiting = await callItemIn('sales');
    expect(waiting.state).toBe('inqueue');
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const closed = await itemEventually(sup, waiting.workitemId, (i) => i.state === 'closed', 5_000);
    expect(closed.reasonCode).toBe('ABANDONED');
  });

  it('a caller who hangs up while the agent’s toast rings leaves the item ABANDONED and the offer rescinded', async () => {
    const carol = await signIn('carol');
    ok(await carol.api.setPresence('available'));
    const mark = carol.events.mark();
    const customer = await customerCall('cancels', { host: stack.host, port: stack.udpPort, number: SALES_NUMBER, pauseMs: 1500, mediaPort: 40720 });
    const offered = await offeredTo(carol.events, 'carol', undefined, 10_000, mark);
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const rescinded = await carol.events.waitFor((e) => e.type === 'workitem.offer_rescinded' && e.workitem?.workitemId === offered.workitem!.workitemId, 5_000, mark);
    expect(rescinded.offer).toMatchObject({ reason: 'CANCELLED' });
    const closed = await itemEventually(sup, offered.workitem!.workitemId, (i) => i.state === 'closed', 5_000);
    expect(closed.reasonCode).toBe('ABANDONED');
    ok(await carol.api.setPresence('not_ready'));
  });

  it('the queue’s TTL answers the caller 480 and closes the item NO_AGENT_AVAILABLE', async () => {
    const customer = await customerRefused(480, { host: stack.host, port: stack.udpPort, number: OVERFLOW_NUMBER, mediaPort: 40740 });
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const item = await callItemIn('overflow');
    const closed = await itemEventually(sup, item.workitemId, (i) => i.state === 'closed', 5_000);
    expect(closed.reasonCode).toBe('NO_AGENT_AVAILABLE');
  });

  it('an offer that times out rings the next agent, whose softphone then gets the call', async () => {
    const alice = await signIn('alice');
    const bob = await signIn('bob');
    const marks = new Map([alice, bob].map((a) => [a, a.events.mark()]));
    ok(await alice.api.setPresence('available'));
    ok(await bob.api.setPresence('available'));
    const customer = await customerCall('waits-for-bye', { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort: 40760 });
    const first = await Promise.any([alice, bob].map((a) => offeredTo(a.events, a.api.username!, undefined, 10_000, marks.get(a)).then(() => a)));
    const second = first === alice ? bob : alice;
    const offer = await offeredTo(second.events, second.api.username!, undefined, 10_000, marks.get(second));
    ok(await second.api.act(offer.workitem!.workitemId, 'accept'));
    const invitation = await second.phone.nextInvitation(10_000);
    expect(invitation.request.getHeader('X-Workitem-Id')).toBe(offer.workitem!.workitemId);
    await invitation.accept();
    await itemEventually(second.api, offer.workitem!.workitemId, (i) => i.state === 'active', 5_000);
    expect(first.phone.invitations).toHaveLength(0);
    await invitation.bye();
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
  });
});
