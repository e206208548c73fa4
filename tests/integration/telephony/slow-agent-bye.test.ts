/**
 * A customer who hangs up is answered by the edge even when the agent's softphone is too slow to answer the
 * BYE in time: the call is over at the edge either way (the dialog ends, rtpengine's session is deleted, the
 * platform puts the item in wrap-up).
 *
 * The "callers got 408" of the loaded 500-call and CPS benchmark runs was this: a starved agent process did
 * not answer the forwarded BYE within tm's 5 s, and Kamailio answered the customer's BYE `408 Request
 * Timeout` (SIPp counted the call as failed). A packet capture of one such call (docs/telephony.md) showed the
 * INVITE answered normally and the 408 on the BYE's transaction, not on the INVITE.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { customerCall } from '../../support/sip/customer';
import { SipAgent } from '../../support/sip/sip-agent';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';

let stack: TelephonyStack;
let phone: SipAgent | undefined;
let events: EventStream | undefined;

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 44400, portMax: 44499 } });
});
afterAll(async () => {
  await events?.close();
  await phone?.stop();
  await stack?.close();
});

it('the customer’s BYE gets 200 from the edge when the agent’s softphone answers it only after 7 s', async () => {
  const login = await new ApiClient(stack.platform.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' });
  const alice = new ApiClient(stack.platform.url, login.body.token, 'alice');
  phone = await SipAgent.connect(login.body.sip, { byeDelayMs: 7_000 });
  expect(await phone.register()).toBe(200);
  events = await EventStream.of(alice, { since: 0 });
  ok(await alice.setPresence('available'));
  const customer = await customerCall('hangs-up', { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort: 44520, pauseMs: 500, timeoutMs: 30_000 });
  const offer = await offeredTo(events, 'alice', undefined, 10_000);
  const itemId = offer.workitem!.workitemId;
  ok(await alice.act(itemId, 'accept'));
  const invitation = await phone.nextInvitation(10_000);
  await invitation.accept();

  const outcome = await customer.finished;
  expect(outcome.exitCode, `the customer's BYE was not answered 200:\n${outcome.errors}\n${stack.edgeLog()}`).toBe(0);
  const ended = await itemEventually(alice, itemId, (i) => i.state === 'terminated' || i.state === 'closed', 5_000);
  expect(ended.state).toBe('terminated');
}, 60_000);
