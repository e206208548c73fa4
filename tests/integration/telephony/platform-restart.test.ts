/**
 * Calls across a platform restart: the platform keeps the calls it follows in memory, and the edge names
 * its connected calls (with their work items) to every platform that connects. A call connected before
 * the restart, or whose agent's phone was still ringing, keeps moving its item afterwards: the agent's
 * hang-up takes it to wrap-up, a hang-up through the API ends the customer's leg, and a leg that fails
 * sends the call back to its queue; a call that ended while no platform was connected goes to wrap-up once
 * one is. Before, their items stayed `active` (or `accepted`) with nobody on the
 * line, and a failed leg's caller was refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, EventStream, itemEventually, offeredTo, ok } from '../server/helpers';
import { customerCall, type CustomerCall } from '../../support/sip/customer';
import { SipAgent, sessionReaches, SessionState } from '../../support/sip/sip-agent';
import { signInAgent, takeCallToTheEnd } from '../../support/sip/signed-in-agent';
import { SUPPORT_NUMBER, startTelephonyStack, type TelephonyStack } from '../../support/sip/test-stack';
import type { Invitation } from 'sip.js';

/** This file's media ports (44200–44399): rtpengine's range, then the customers' SIPp. */
let nextCustomerPort = 44_300;

let stack: TelephonyStack;
let alice: { api: ApiClient; events: EventStream; phone: SipAgent };

beforeAll(async () => {
  stack = await startTelephonyStack({ media: { portMin: 44_200, portMax: 44_299 } });
  alice = await signInAgent(stack.platform.url, 'alice');
});
afterAll(async () => {
  await alice?.events.close();
  await alice?.phone.stop();
  await stack?.close();
});

/** A customer calls support and waits for a BYE; alice accepts; her phone rings with the item's INVITE. */
async function ringingCall(): Promise<{ customer: CustomerCall; workitemId: string; invitation: Invitation }> {
  const mark = alice.events.mark();
  const customer = await customerCall('waits-for-bye', { host: stack.host, port: stack.udpPort, number: SUPPORT_NUMBER, mediaPort: nextCustomerPort });
  nextCustomerPort += 2;
  const offered = await offeredTo(alice.events, 'alice', undefined, 10_000, mark);
  const workitemId = offered.workitem!.workitemId;
  ok(await alice.api.act(workitemId, 'accept'));
  const invitation = await alice.phone.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(workitemId);
  return { customer, workitemId, invitation };
}

/** The same call, answered by alice's phone: its item is active. */
async function connectedCall(): Promise<{ customer: CustomerCall; workitemId: string; invitation: Invitation }> {
  const call = await ringingCall();
  await call.invitation.accept();
  await itemEventually(alice.api, call.workitemId, (i) => i.state === 'active', 5_000);
  return call;
}

/** Alice's phone hangs up; the customer's SIPp sees the BYE and ends well. */
async function agentHangsUp(invitation: Invitation, customer: CustomerCall): Promise<void> {
  await invitation.bye();
  const outcome = await customer.finished;
  expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
}

/** Restarts the platform; alice's token outlives it (sessions are stored), her event stream does not. */
async function restart(whileDown?: () => Promise<void>): Promise<ApiClient> {
  await alice.events.close();
  const platform = await stack.restartPlatform(whileDown);
  alice.events = await EventStream.connect(platform.url, alice.api.token!);
  alice.api = new ApiClient(platform.url, alice.api.token, 'alice');
  return alice.api;
}

async function wrappedUp(api: ApiClient, workitemId: string): Promise<void> {
  const ended = await itemEventually(api, workitemId, (i) => i.state === 'terminated', 5_000);
  expect(ended.wrapUpExpiresAt).not.toBeNull();
  ok(await api.act(workitemId, 'disposition', { code: 'resolved' }));
}

describe('a platform restart', () => {
  it('keeps a connected call: the agent’s hang-up afterwards takes its item to wrap-up', async () => {
    const { customer, workitemId, invitation } = await connectedCall();

    const api = await restart();
    expect(ok(await api.item(workitemId)).state).toBe('active');
    await agentHangsUp(invitation, customer);
    await wrappedUp(api, workitemId);
  });

  it('hears of a connected call that ended while it was down: its item goes to wrap-up once it is back', async () => {
    const { customer, workitemId, invitation } = await connectedCall();

    const api = await restart(() => agentHangsUp(invitation, customer));
    await wrappedUp(api, workitemId);
  });

  it('keeps a connected call: a hang-up through the API afterwards ends the customer’s leg', async () => {
    const { customer, workitemId, invitation } = await connectedCall();

    const api = await restart();
    expect(ok(await api.act(workitemId, 'hangup')).state).toBe('terminated');
    const outcome = await customer.finished;
    expect(outcome.exitCode, outcome.errors + stack.edgeLog()).toBe(0);
    await invitation.bye().catch(() => undefined);
    await sessionReaches(invitation, SessionState.Terminated);
    ok(await api.act(workitemId, 'disposition', { code: 'resolved' }));
  });

  it('keeps a call whose agent’s phone rang through it: answered afterwards, its item goes active', async () => {
    const { customer, workitemId, invitation } = await ringingCall();

    const api = await restart();
    expect(ok(await api.item(workitemId)).state).toBe('accepted');
    await invitation.accept();
    await itemEventually(api, workitemId, (i) => i.state === 'active', 5_000);
    await agentHangsUp(invitation, customer);
    await wrappedUp(api, workitemId);
  });

  it('keeps a call whose agent’s phone rang through it: refused afterwards, the call goes back to its queue and is answered', async () => {
    const { customer, workitemId, invitation } = await ringingCall();

    const api = await restart();
    const mark = alice.events.mark();
    await invitation.reject({ statusCode: 486 });
    expect((await itemEventually(api, workitemId, (i) => i.state === 'closed', 5_000)).reasonCode).toBe('RONA');
    ok(await api.setPresence('available'));
    const again = await offeredTo(alice.events, 'alice', undefined, 10_000, mark);
    expect(again.workitem!.workitemId).not.toBe(workitemId);
    await takeCallToTheEnd(alice, again.workitem!.workitemId, customer, () => stack.edgeLog());
  });
});
