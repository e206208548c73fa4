/**
 * An agent as the telephony tests need one: signed in to the platform, its softphone registered at the
 * edge with the login's SIP credentials, its event stream open and (unless asked not to) available.
 */
import { expect } from 'vitest';
import { ApiClient, EventStream, ok } from '../../integration/server/helpers';
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
