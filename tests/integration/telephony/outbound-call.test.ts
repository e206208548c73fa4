/**
 * Outbound: Dial on a callback makes the agent's softphone call the callback's number; the edge checks
 * with the platform that this agent may call this number for this item, and relays the call to the
 * gateway From the queue's number. Anything else an agent dials is refused (no open relay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { gatewayCallee } from '../../support/sip/customer';
import { SipAgent } from '../../support/sip/sip-agent';
import { signInAgent } from '../../support/sip/signed-in-agent';
import { SIP_DOMAIN, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
let alice: { api: ApiClient; events: EventStream; phone: SipAgent };
let sup: ApiClient;

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 41000, portMax: 41299 } });
  sup = await ApiClient.login(stack.platform.url, 'sup');
  alice = await signInAgent(stack.platform.url, 'alice', { eventsSince: 0 });
});
afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await stack?.close();
});

async function dialledCallback(phone: string) {
  const mark = alice.events.mark();
  const callback = ok(await sup.post('/v1/callbacks', { phone, queueId: 'support', name: 'Pat' }));
  await offeredTo(alice.events, 'alice', callback.workitemId, 10_000, mark);
  const dialled = ok(await alice.api.act(callback.workitemId, 'dial'));
  expect(dialled.state).toBe('active');
  return dialled;
}

describe('outbound call', () => {
  it('reaches the gateway with the callback’s number, From the queue’s number, and ends in wrap-up', async () => {
    const gateway = await gatewayCallee(stack.gatewayPort, 41300);
    const item = await dialledCallback('+14155550102');
    const { status, session } = await alice.phone.call('+14155550102', SIP_DOMAIN, item.workitemId);
    if (status !== 200) {
      gateway.stop();
      const failed = await gateway.finished;
      expect.fail(`INVITE answered ${status}\nSIPp: ${failed.errors}\n${stack.edgeLog()}`);
    }
    await session.bye();
    const outcome = await gateway.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    const ended = await itemEventually(alice.api, item.workitemId, (i) => i.state === 'terminated', 5_000);
    expect(ended.timeEvents.at(-1)?.userId).toBe('alice');
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  });

  it('refuses a number that is not the item’s, and a call without a work item (403)', async () => {
    const item = await dialledCallback('+14155550103');
    expect((await alice.phone.call('+14155550199', SIP_DOMAIN, item.workitemId)).status).toBe(403);
    expect((await alice.phone.call('+14155550103', SIP_DOMAIN, 'wi_doesnotexist')).status).toBe(403);
    ok(await alice.api.act(item.workitemId, 'hangup'));
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved' }));
  });
});
