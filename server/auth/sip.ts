/**
 * SIP credentials for the login response, in Kamailio auth_ephemeral's form: the username is
 * `EXPIRY:agent` and the password base64(HMAC-SHA1(secret, username)), so the SIP edge verifies them
 * without a database and they expire on their own.
 */
import { createHmac } from 'node:crypto';
import type { SipCredentials } from '../../common/api';
import type { PlatformConfig } from '../config';

export function sipCredentials(sip: NonNullable<PlatformConfig['sip']>, username: string, now: number): SipCredentials {
  const expiresAt = now + sip.credentialTtlSeconds * 1000;
  const authorizationUsername = `${Math.floor(expiresAt / 1000)}:${username}`;
  const authorizationPassword = createHmac('sha1', sip.secret).update(authorizationUsername).digest('base64');
  return { wsUrl: sip.wsUrl, uri: `sip:${username}@${sip.domain}`, authorizationUsername, authorizationPassword, expiresAt };
}
