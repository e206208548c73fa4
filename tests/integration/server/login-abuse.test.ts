/**
 * Logins that must not hurt others (issue 11): password hashing runs off the event loop, so other agents
 * are answered while a flood of correct logins is being hashed; the hashing queue and the per-user
 * success limit are bounded, so the flood gets 429 RATE_LIMITED with a Retry-After instead of an
 * ever-longer wait. The platform here uses the default scrypt cost (as in production).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ok, startTestPlatform, type TestPlatform } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({
    patch: (raw) => {
      delete raw.passwordCost;
      raw.agents = (raw.agents as { username: string }[]).filter((a) => ['alice', 'bob'].includes(a.username));
    },
  });
});
afterAll(async () => {
  // closing waits for the hashes still queued from the flood
  await platform?.close();
}, 60_000);

describe('a login flood', () => {
  it('does not stall other agents: their requests are answered while the hashes run', async () => {
    const bob = await ApiClient.login(platform.url, 'bob');
    let loginsDone = 0;
    const flood = Array.from({ length: 12 }, () => new ApiClient(platform.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' }).then((res) => (loginsDone++, res)));
    const queues = await bob.get('/v1/queues');
    const doneWhenBobWasAnswered = loginsDone;
    const results = await Promise.all(flood);
    expect(queues.status).toBe(200);
    expect(results.every((r) => r.status === 200)).toBe(true);
    // With scrypt on the event loop bob waited for every login queued before him.
    expect(doneWhenBobWasAnswered).toBeLessThan(results.length / 2);
  }, 60_000);

  it('is bounded: past the hashing queue and the per-user limit, 429 RATE_LIMITED with Retry-After', async () => {
    const flood = await Promise.all(Array.from({ length: 150 }, () => new ApiClient(platform.url).post('/v1/auth/login', { username: 'alice', password: 'alice-pw' })));
    const limited = flood.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const res of limited) {
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(flood.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    // alice's flood costs alice: bob still signs in
    ok(await new ApiClient(platform.url).post('/v1/auth/login', { username: 'bob', password: 'bob-pw' }), 'bob signs in');
  }, 120_000); // ~80 hashes at the production cost on a shared 2-core machine: a limit, not a speed claim

  it('unknown usernames cost the same: they are hashed too (against a stand-in of the same cost), so a flood of them fills the same bounded queue', async () => {
    // Without a hash for unknown names each would be answered 401 at once, and none would ever wait.
    const flood = await Promise.all(Array.from({ length: 150 }, (_, i) => new ApiClient(platform.url).post('/v1/auth/login', { username: `nobody-${i}`, password: 'guess' })));
    expect(flood.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    const queueFull = flood.filter((r) => r.status === 429 && /at once/.test(r.body.error.message));
    expect(queueFull.length).toBeGreaterThan(0);
  }, 120_000);
});
