/**
 * SIP credentials for the login response, in Kamailio auth_ephemeral's form: the username is
 * `EXPIRY:agent` and the password base64(HMAC-SHA1(secret, username)), so the SIP edge verifies them
 * without a database and they expire on their own.
 */
import { createHmac } from 'node:crypto';
import type { SipCredentials } from '../../common/api';
import type { SipConfig } from '../config';

export function sipCredentials(sip: SipConfig, username: string, now: number): SipCredentials {
  const expiresAt = now + sip.credentialTtlSeconds * 1000;
  const authorizationUsername = `${Math.floor(expiresAt / 1000)}:${username}`;
  return { wsUrl: sip.wsUrl, uri: `sip:${username}@${sip.domain}`, authorizationUsername, authorizationPassword: ephemeralPassword(sip.secret, authorizationUsername), expiresAt };
}

/** auth_ephemeral's password for a username (sha1, as its default `sha_algorithm`). */
export function ephemeralPassword(secret: string, authorizationUsername: string): string {
  return createHmac('sha1', secret).update(authorizationUsername).digest('base64');
}
