import { describe, expect, it } from 'vitest';
import { LoginLimiter, type LoginLimits } from '../../../../server/auth/login-limiter';

const LIMITS: LoginLimits = { maxFailures: 3, windowSeconds: 60, maxFailuresPerSource: 5, maxFailuresPerUser: 8, maxLoginsPerUser: 4, maxLoginsPerSource: 6 };

function setup(memory?: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new LoginLimiter(LIMITS, () => clock.now, memory) };
}

describe('LoginLimiter', () => {
  it('backs off a username guessed from one source, longer with each failure, and forgets after the window', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('alice', 'evil')).toBe(0);
      limiter.fail('alice', 'evil');
    }
    expect(limiter.retryAfterSeconds('alice', 'evil')).toBe(1);
    clock.now += 1_000;
    limiter.fail('alice', 'evil');
    expect(limiter.retryAfterSeconds('alice', 'evil')).toBe(2);
    clock.now += 2_000;
    limiter.fail('alice', 'evil');
    expect(limiter.retryAfterSeconds('alice', 'evil')).toBe(4);
    clock.now += 61_000;
    expect(limiter.retryAfterSeconds('alice', 'evil')).toBe(0);
  });

  it('an attacker who knows the name cannot lock the real user out of a source she signed in from', () => {
    const { clock, limiter } = setup();
    limiter.succeed('alice', 'alice-desk');
    // guesses from many places: the per-username limit for unknown sources trips…
    for (let i = 0; i < 20; i++) {
      limiter.fail('alice', `bot${i}`);
      clock.now += 10;
    }
    expect(limiter.retryAfterSeconds('alice', 'bot99')).toBeGreaterThan(0);
    // …but not for the desk she uses
    expect(limiter.retryAfterSeconds('alice', 'alice-desk')).toBe(0);
  });

  it('limits spraying: one guess each for many usernames from one source', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.fail(`user${i}`, 'sprayer');
    expect(limiter.retryAfterSeconds('user99', 'sprayer')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('user99', 'elsewhere')).toBe(0);
  });

  it('limits successful logins per user and per source until the window ends', () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 4; i++) limiter.succeed('bob', 'desk');
    expect(limiter.retryAfterSeconds('bob', 'desk')).toBe(60);
    expect(limiter.retryAfterSeconds('bob', 'laptop')).toBe(60);
    limiter.succeed('carol', 'desk');
    limiter.succeed('dave', 'desk');
    expect(limiter.retryAfterSeconds('erin', 'desk')).toBe(60);
    clock.now += 60_000;
    expect(limiter.retryAfterSeconds('bob', 'desk')).toBe(0);
  });

  it('keeps bounded memory, forgetting the least recently used keys rather than everything', () => {
    const { limiter } = setup(1_000);
    for (let i = 0; i < 3; i++) limiter.fail('alice', 'evil');
    for (let i = 0; i < 20_000; i++) {
      limiter.fail(`spray${i}`, `src${i}`);
      // the attacker keeps trying: a key in use is never the one forgotten
      if (i % 100 === 0) expect(limiter.retryAfterSeconds('alice', 'evil')).toBeGreaterThan(0);
      expect(limiter.remembered).toBeLessThanOrEqual(2_000);
    }
    expect(limiter.retryAfterSeconds('alice', 'evil')).toBeGreaterThan(0);
  });
});
