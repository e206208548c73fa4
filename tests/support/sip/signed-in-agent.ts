/**
 * An agent as the telephony tests need one: signed in to the platform, its softphone registered at the
 * edge with the login's SIP credentials, its event stream open and (unless asked not to) available.
 */
import { expect } from 'vitest';
import { ApiClient, EventStream, itemEventually, ok } from '../../integration/server/helpers';
import type { CustomerCall } from './customer';
import { SipAgent, type AgentOptions } from './sip-agent';

export type SignedInAgent = { api: ApiClient; events: EventStream; phone: SipAgent };

export async function signInAgent(
  platformUrl: string,
  username: string,
  options: { phone?: AgentOptions; eventsSince?: number; available?: boolean } = {},
): Promise<SignedInAgent> {
  const login = await new ApiClient(platformUrl).post('/v1/auth/login', { username, password: `${username}-pw` });
  const api = new ApiClient(platformUrl, login.body.token, username);
  const phone = await SipAgent.connect(login.body.sip, options.phone);
  expect(await phone.register()).toBe(200);
  const events = await EventStream.connect(platformUrl, login.body.token, options.eventsSince === undefined ? {} : { since: options.eventsSince });
  if (options.available !== false) ok(await api.setPresence('available'));
  return { api, events, phone };
}

/**
 * The agent takes the call offered as `workitemId` to its end: accepts it, answers the INVITE that names
 * the item, talks until the item is active, hangs up, sees the customer's SIPp end well, dispositions and
 * steps away (not ready).
 */
export async function takeCallToTheEnd(agent: { api: ApiClient; phone?: SipAgent }, workitemId: string, customer: CustomerCall, edgeLog: () => string): Promise<void> {
  ok(await agent.api.act(workitemId, 'accept'));
  const invitation = await agent.phone!.nextInvitation(10_000);
  expect(invitation.request.getHeader('X-Workitem-Id')).toBe(workitemId);
  await invitation.accept();
  await itemEventually(agent.api, workitemId, (i) => i.state === 'active', 5_000);
  await invitation.bye();
  const outcome = await customer.finished;
  expect(outcome.exitCode, outcome.errors + edgeLog()).toBe(0);
  ok(await agent.api.act(workitemId, 'disposition', { code: 'resolved' }));
  ok(await agent.api.setPresence('not_ready'));
}
