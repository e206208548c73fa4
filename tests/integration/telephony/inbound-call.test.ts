/**
 * An inbound call end to end: SIPp calls a queue's number at the edge, the platform creates the call item
 * and offers it (the toast rings, the caller hears 180), the agent accepts, the edge connects the call to
 * the agent's registered softphone with X-Workitem-Id, the softphone answers and the item becomes active;
 * then a hang-up on either side ends the call and the item goes to wrap-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { customerCall } from '../../support/sip/customer';
import { SipAgent, sessionReaches, SessionState } from '../../support/sip/sip-agent';
import { signInAgent } from '../../support/sip/signed-in-agent';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
let alice: { api: ApiClient; events: EventStream; phone: SipAgent };

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 40000, portMax: 40299 } });
  alice = await signInAgent(stack.platform.url, 'alice', { eventsSince: 0 });
});
afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await stack?.close();
});

async function answeredCall(scenario: 'waits-for-bye' | 'hangs-up', mediaPort: number, acceptAfterMs = 0) {
  const mark = alice.events.mark();
  const customer = await customerCall(scenario, { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, pauseMs: 1500, mediaPort });
  const offered = await offeredTo(alice.events, 'alice', undefined, 10_000, mark).catch(async (err: Error) => {
    customer.stop();
    const outcome = await customer.finished;
    throw new Error(`${err.message}\nSIPp: ${outcome.errors}\n${stack.edgeLog()}`);
  });
  const item = offered.workitem!;
  expect(item).toMatchObject({ type: 'call', channelType: 'voice', direction: 'INBOUND', mode: 'QUEUE', queueId: 'support', contact: { phone: '+15557770001' } });
  if (acceptAfterMs > 0) await new Promise((resolve) => setTimeout(resolve, acceptAfterMs));
  const accepted = ok(await alice.api.act(item.workitemId, 'accept'));
  expect(accepted.state).toBe('accepted');
  const invitation = await alice.phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(item.workitemId);
  await invitation.accept();
  await itemEventually(alice.api, item.workitemId, (i) => i.state === 'active', 5_000);
  return { customer, item, invitation };
}

describe('inbound call', () => {
  it('is offered, connected to the accepting agent with its work item, and the agent’s hang-up sends the customer BYE', async () => {
    const { customer, item, invitation } = await answeredCall('waits-for-bye', 40300);
    await invitation.bye();
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const ended = await itemEventually(alice.api, item.workitemId, (i) => i.state === 'terminated', 5_000);
    expect(ended.wrapUpExpiresAt).not.toBeNull();
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  });

  it('ends the call when the agent hangs up through the API: the edge sends the customer BYE', async () => {
    const { customer, item, invitation } = await answeredCall('waits-for-bye', 40340);
    const ended = ok(await alice.api.act(item.workitemId, 'hangup'));
    expect(ended.state).toBe('terminated');
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    // the softphone ends its own leg once its item is in wrap-up, as the desktop does
    await invitation.bye().catch(() => undefined);
    await sessionReaches(invitation, SessionState.Terminated);
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  });

  // An agent may take most of the offer's time to accept: the waiting INVITE must outlive Kamailio's
  // default final-response timer (5 s), which once ended it before the agent could answer.
  it('still connects when the agent accepts late in the offer, after the edge’s 5 s response timer', async () => {
    const { customer, item, invitation } = await answeredCall('waits-for-bye', 40360, 6_500);
    await invitation.bye();
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    await itemEventually(alice.api, item.workitemId, (i) => i.state === 'terminated', 5_000);
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  }, 40_000);

  it('ends in wrap-up when the customer hangs up', async () => {
    const { customer, item } = await answeredCall('hangs-up', 40320);
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const ended = await itemEventually(alice.api, item.workitemId, (i) => i.state === 'terminated', 5_000);
    expect(ended.timeEvents.at(-1)?.userId).toBe('system');
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  });
});
