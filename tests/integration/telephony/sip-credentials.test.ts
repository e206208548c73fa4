/**
 * Agents' SIP credentials (contract "Auth" and "Telephony"): login carries them when the platform has a
 * `sip` block, and POST /v1/agents/me/sip-credentials renews them before they expire. They are Kamailio
 * auth_ephemeral credentials: `EXPIRY:agent` / base64(HMAC-SHA1(secret, username)).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestPlatform, type TestPlatform } from '../server/helpers';

const SECRET = 'test-shared-secret';
let withSip: TestPlatform;
let withoutSip: TestPlatform;

beforeAll(async () => {
  withSip = await startTestPlatform({
    patch: (raw) => {
      raw.sip = { domain: 'sb.test', listen: { host: '127.0.0.1', udpPort: 5960, wsPort: 5966 }, gateway: 'sip:127.0.0.1:5970', secret: SECRET, credentialTtlSeconds: 600 };
    },
  });
  withoutSip = await startTestPlatform();
});
afterAll(async () => {
  await withSip?.close();
  await withoutSip?.close();
});

function expectValidCredentials(sip: { authorizationUsername: string; authorizationPassword: string; expiresAt: number }, username: string) {
  const [expiry, user] = sip.authorizationUsername.split(':');
  expect(user).toBe(username);
  expect(Number(expiry)).toBe(Math.floor(sip.expiresAt / 1000));
  expect(sip.authorizationPassword).toBe(createHmac('sha1', SECRET).update(sip.authorizationUsername).digest('base64'));
}

describe('SIP credentials', () => {
  it('login carries the agent’s registration: the derived wsUrl, its SIP URI and ephemeral credentials', async () => {
    const res = await new ApiClient(withSip.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' });
    expect(res.status).toBe(200);
    expect(res.body.sip).toMatchObject({ wsUrl: 'ws://127.0.0.1:5966', uri: 'sip:alice@sb.test' });
    expect(res.body.sip.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    expectValidCredentials(res.body.sip, 'alice');
  });

  it('renews them: a fresh credential for the calling agent, valid for the configured lifetime', async () => {
    const alice = await ApiClient.login(withSip.url, 'alice');
    const res = await alice.post('/v1/agents/me/sip-credentials', {});
    expect(res.status).toBe(200);
    expect(res.body.sip.uri).toBe('sip:alice@sb.test');
    expect(res.body.sip.expiresAt).toBeGreaterThan(Date.now() + 500_000);
    expectValidCredentials(res.body.sip, 'alice');
  });

  it('renewal needs a token, and a platform without a SIP edge answers 404', async () => {
    expect((await new ApiClient(withSip.url).post('/v1/agents/me/sip-credentials', {})).status).toBe(401);
    const alice = await ApiClient.login(withoutSip.url, 'alice');
    const res = await alice.post('/v1/agents/me/sip-credentials', {});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await new ApiClient(withoutSip.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' })).body.sip).toBeUndefined();
  });
});
