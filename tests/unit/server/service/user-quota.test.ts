/**
 * The per-user write and creation rates (config `limits`): counted in fixed windows, 429 with the seconds
 * to the window's end, a fresh window afterwards, channels held to their own limits.
 */
import { describe, expect, it } from 'vitest';
import { integrationPrincipal, principalOf } from '../../../../server/auth/principal';
import { RateLimitedError } from '../../../../server/auth/rate-limited';
import { LIMIT_DEFAULTS, parseConfig } from '../../../../server/config';
import { UserQuota, type Creation } from '../../../../server/service/user-quota';

const config = parseConfig({ agents: [{ username: 'alice', password: 'pw' }], passwordCost: { N: 1024 } }, '/tmp');
const alice = principalOf(config.agents[0]!);
const bot = integrationPrincipal({ name: 'bot', apiKeyDigest: 'x', queues: null });

function refusal(run: () => void): RateLimitedError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

function setup(limits: Partial<typeof LIMIT_DEFAULTS>) {
  const clock = { now: 1_000_000 };
  const quota = new UserQuota({ ...LIMIT_DEFAULTS, creationWindowSeconds: 60, ...limits }, () => clock.now);
  const write = (who = alice, creates?: Creation) => {
    quota.check(who, creates);
    quota.record(who, creates);
  };
  return { clock, quota, write };
}

describe('UserQuota', () => {
  it('refuses past the limit with the seconds left in the window, and starts afresh after it', () => {
    const { clock, write } = setup({ itemsPerUser: 3 });
    for (let i = 0; i < 3; i++) write(alice, 'item');
    clock.now += 20_000;
    const refused = refusal(() => write(alice, 'item'));
    expect(refused?.code).toBe('RATE_LIMITED');
    expect(refused?.retryAfterSeconds).toBe(40);
    write(alice); // a change that creates nothing is still allowed
    clock.now += 40_000;
    expect(refusal(() => write(alice, 'item'))).toBeUndefined();
  });

  it('counts callbacks against both the item and the callback limit', () => {
    const { write } = setup({ itemsPerUser: 10, callbacksPerUser: 2 });
    write(alice, 'callback');
    write(alice, 'callback');
    expect(refusal(() => write(alice, 'callback'))).toBeDefined();
    for (let i = 0; i < 8; i++) write(alice, 'item');
    expect(refusal(() => write(alice, 'item'))).toBeDefined();
  });

  it('holds every change to the write limit; channels to their own limits', () => {
    const { write } = setup({ writesPerUser: 5, writesPerChannel: 8, itemsPerChannel: 8 });
    for (let i = 0; i < 5; i++) write(alice);
    expect(refusal(() => write(alice))).toBeDefined();
    for (let i = 0; i < 8; i++) write(bot, 'item');
    expect(refusal(() => write(bot, 'item'))).toBeDefined();
  });

  it('a refused request is not counted', () => {
    const { quota, write } = setup({ writesPerUser: 2 });
    write(alice);
    quota.check(alice, undefined); // checked, then refused elsewhere (bad input): never recorded
    write(alice);
    expect(refusal(() => write(alice))).toBeDefined();
  });
});
