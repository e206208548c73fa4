import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, verifyPassword } from '../../../../server/auth/passwords';

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', () => {
    const hash = hashPassword('s3cret', { N: 1024 });
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash).not.toContain('s3cret');
    expect(verifyPassword('s3cret', hash)).toBe(true);
    expect(verifyPassword('S3cret', hash)).toBe(false);
  });

  it('salts: the same password hashes differently', () => {
    expect(hashPassword('x', { N: 1024 })).not.toBe(hashPassword('x', { N: 1024 }));
  });

  it('never matches a malformed hash', () => {
    expect(verifyPassword('x', 'plain-text')).toBe(false);
    expect(verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
  });
});
