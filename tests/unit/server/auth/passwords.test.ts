import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../../../server/auth/password-hasher';
import { costOf, hashPassword, isPasswordHash, verifyPassword } from '../../../../server/auth/passwords';
import { RateLimitedError } from '../../../../server/auth/rate-limited';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = hashPassword('s3cret', CHEAP);
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash).not.toContain('s3cret');
    expect(await verifyPassword('s3cret', hash)).toBe(true);
    expect(await verifyPassword('S3cret', hash)).toBe(false);
  });

  it('salts: the same password hashes differently', () => {
    expect(hashPassword('x', CHEAP)).not.toBe(hashPassword('x', CHEAP));
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
  });

  it('hashes with the default cost (the same for every path) unless told otherwise', () => {
    expect(costOf(hashPassword('x'))).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it('verifies off the event loop: a timer fires while a hash runs', async () => {
    const hash = hashPassword('pw', { N: 16384, r: 8, p: 1 });
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => (order.push('timer'), resolve()), 0));
    const verified = verifyPassword('pw', hash).then((ok) => order.push(`verified ${ok}`));
    await Promise.all([timer, verified]);
    expect(order).toEqual(['timer', 'verified true']);
  });
});

describe('PasswordHasher', () => {
  it('runs a bounded number at once, queues a bounded number, and refuses the rest with 429 and a Retry-After', async () => {
    const hash = hashPassword('pw', CHEAP);
    const hasher = new PasswordHasher(1, 2);
    const first = hasher.verify('pw', hash);
    const queued = [hasher.verify('pw', hash), hasher.verify('wrong', hash)];
    expect(hasher.load).toEqual({ running: 1, waiting: 2 });
    const refused = await hasher.verify('pw', hash).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect(await Promise.all([first, ...queued])).toEqual([true, true, false]);
    expect(hasher.load).toEqual({ running: 0, waiting: 0 });
  });
});
